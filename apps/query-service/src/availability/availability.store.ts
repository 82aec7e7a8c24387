import type { Collection } from 'mongodb';
import { findEachById, idRange, type Page, pageOf } from '../read-store/lookups.js';
import { saveVersioned } from '../read-store/writes.js';
import type { AvailabilityView } from './availability.projection.js';

export const AVAILABILITY_COLLECTION = 'conference_availability';

export type AvailabilityDocument = AvailabilityView & { _id: string; projectedAt: Date };

export type ConferenceListEntry = Pick<AvailabilityView, 'conferenceId' | 'name' | 'seatTypes' | 'version'>;

/** An availability view as the read store holds it. */
export type StoredAvailability = AvailabilityView & { projectedAt: string };

const toView = ({ _id, projectedAt, ...view }: AvailabilityDocument): StoredAvailability => ({
  ...view,
  projectedAt: projectedAt.toISOString(),
});

const toListEntry = ({ conferenceId, name, seatTypes, version }: AvailabilityDocument): ConferenceListEntry => ({
  conferenceId,
  name,
  seatTypes,
  version,
});

/** One generation of `conference_availability`: one document per conference, which also serves the conference list. */
export class AvailabilityStore {
  constructor(private readonly collection: Collection<AvailabilityDocument>) {}

  async findMany(conferenceIds: readonly string[]): Promise<Map<string, AvailabilityView>> {
    const documents = await findEachById(this.collection, conferenceIds);
    return new Map(documents.map((document) => [document._id, toView(document)]));
  }

  async get(conferenceId: string): Promise<StoredAvailability | undefined> {
    const document = await this.collection.findOne({ _id: conferenceId });
    return document ? toView(document) : undefined;
  }

  /** A page of the conference list in conference id order, after the conference `after`. */
  async list(after: string | undefined, limit: number): Promise<Page<ConferenceListEntry>> {
    return pageOf(
      (count) => idRange(this.collection, '', after, count),
      limit,
      toListEntry,
      ({ _id }) => _id,
    );
  }

  /** Resolves to the views as written. */
  async save(changes: readonly { state: AvailabilityView; from: number }[]): Promise<StoredAvailability[]> {
    const projectedAt = new Date();
    const writes = changes.map(({ state, from }) => ({
      from,
      document: { ...state, _id: state.conferenceId, projectedAt } satisfies AvailabilityDocument,
    }));
    await saveVersioned(this.collection, writes);
    return writes.map(({ document }) => toView(document));
  }
}
