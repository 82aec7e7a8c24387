import { Inject, Injectable } from '@nestjs/common';
import type { Collection, Db } from 'mongodb';
import { READ_STORE } from '../read-store/read-store.tokens.js';
import { insertNew, replaceAll } from '../read-store/writes.js';
import type { AvailabilityView } from './availability.projection.js';

const AVAILABILITY_COLLECTION = 'conference_availability';

type AvailabilityDocument = AvailabilityView & { _id: string; projectedAt: Date };

/** A view to write, and the version it replaces (0: the conference is new to this view). */
export interface AvailabilityChange {
  view: AvailabilityView;
  from: number;
}

export type ConferenceListEntry = Pick<AvailabilityView, 'conferenceId' | 'name' | 'seatTypes' | 'version'>;

/** An availability view as the read store holds it. */
export type StoredAvailability = AvailabilityView & { projectedAt: string };

const toView = ({ _id, projectedAt, ...view }: AvailabilityDocument): StoredAvailability => ({
  ...view,
  projectedAt: projectedAt.toISOString(),
});

/** `conference_availability`: one document per conference, which also serves the conference list. */
@Injectable()
export class AvailabilityStore {
  private readonly collection: Collection<AvailabilityDocument>;

  constructor(@Inject(READ_STORE) db: Db) {
    this.collection = db.collection<AvailabilityDocument>(AVAILABILITY_COLLECTION);
  }

  /** One lookup by _id each: FerretDB serves those from the index, but scans the collection for `$in`. */
  async findMany(conferenceIds: readonly string[]): Promise<Map<string, AvailabilityView>> {
    const documents = await Promise.all(conferenceIds.map((_id) => this.collection.findOne({ _id })));
    return new Map(documents.flatMap((document) => (document ? [[document._id, toView(document)]] : [])));
  }

  async get(conferenceId: string): Promise<StoredAvailability | undefined> {
    const document = await this.collection.findOne({ _id: conferenceId });
    return document ? toView(document) : undefined;
  }

  async list(): Promise<ConferenceListEntry[]> {
    return this.collection
      .find<ConferenceListEntry>(
        {},
        { sort: { _id: 1 }, projection: { _id: 0, conferenceId: 1, name: 1, seatTypes: 1, version: 1 } },
      )
      .toArray();
  }

  /**
   * Each document is replaced only if it is still at the version the change was folded from, so a
   * writer that was overtaken (a consumer the group has already replaced) fails instead of going back.
   * Resolves to the views as written.
   */
  async save(changes: readonly AvailabilityChange[]): Promise<StoredAvailability[]> {
    const projectedAt = new Date();
    const written = changes.map(({ view, from }) => ({
      from,
      document: { ...view, _id: view.conferenceId, projectedAt } satisfies AvailabilityDocument,
    }));
    const there = await insertNew(
      this.collection,
      written.filter(({ from }) => from === 0).map(({ document }) => document),
    );
    const replaced = written.filter(({ from }) => from > 0);
    const matched = await replaceAll(
      this.collection,
      replaced.map(({ document, from }) => ({ filter: { _id: document._id, version: from }, replacement: document })),
    );
    const movedOn = there.length + replaced.length - matched;
    if (movedOn > 0) throw new Error(`${movedOn} availability views moved on while this batch was projected`);
    return written.map(({ document }) => toView(document));
  }
}
