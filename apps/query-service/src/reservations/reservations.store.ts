import type { Collection } from 'mongodb';
import { findEachById, idRange, keyOf, type Page, pageOf } from '../read-store/lookups.js';
import { insertNew, replaceAll } from '../read-store/writes.js';
import { reservationKey, type ReservationView } from './reservation.projection.js';

export const RESERVATIONS_COLLECTION = 'reservations';
/** Each holder's reservations, keyed `holder/conference/reservation`: an insert-only index of the view. */
export const HOLDER_RESERVATIONS_COLLECTION = 'reservations_by_holder';

export type ReservationDocument = ReservationView & { _id: string };
export interface HolderReservationDocument {
  _id: string;
}

export type ReservationSummary = Pick<ReservationView, 'reservationId' | 'holderId' | 'seats' | 'status' | 'version'>;
export type HeldReservation = Omit<ReservationView, 'history'>;

const toView = ({ _id, ...view }: ReservationDocument): ReservationView => view;

const toSummary = ({
  _id,
  conferenceId: _conference,
  history: _history,
  ...summary
}: ReservationDocument): ReservationSummary => summary;

const toHeld = ({ _id, history: _history, ...held }: ReservationDocument): HeldReservation => held;

/** The events of `change` that `stored` has not seen, appended to its history; undefined if there are none. */
const merged = (stored: ReservationDocument, change: ReservationDocument): ReservationDocument | undefined => {
  const unseen = change.history.filter(({ version }) => version > stored.version);
  return unseen.length === 0 ? undefined : { ...change, history: [...stored.history, ...unseen] };
};

/**
 * One generation of `reservations`: one document per reservation with its history (design §6). A batch inserts the
 * reservations new to the view in one command, and appends its events to the others in one more, each
 * update guarded by the reservation's version being below the batch's first event for it. Only when a
 * redelivered batch overlaps what a reservation has are they read, the unseen events appended, and replaced
 * only if still at the version read — so an event delivered twice is in the history once, and a writer that
 * was overtaken fails instead of going back.
 */
export class ReservationsStore {
  constructor(
    private readonly collection: Collection<ReservationDocument>,
    private readonly byHolder: Collection<HolderReservationDocument>,
  ) {}

  /** A reservation's key is its conference's and its own: ids are unique only within a conference. */
  async get(conferenceId: string, reservationId: string): Promise<ReservationView | undefined> {
    const document = await this.collection.findOne({ _id: reservationKey({ conferenceId, reservationId }) });
    return document ? toView(document) : undefined;
  }

  /** A page of a conference's reservations in reservation id order, after the reservation `after`. */
  async ofConference(
    conferenceId: string,
    after: string | undefined,
    limit: number,
  ): Promise<Page<ReservationSummary>> {
    return pageOf(
      (count) => idRange(this.collection, keyOf(conferenceId, ''), after, count),
      limit,
      toSummary,
      ({ reservationId }) => reservationId,
    );
  }

  /**
   * A page of a holder's reservations across conferences, in conference and reservation id order, after the
   * cursor `after` (`conferenceId/reservationId`): a range of the holder index, then one lookup each.
   */
  async ofHolder(holderId: string, after: string | undefined, limit: number): Promise<Page<HeldReservation>> {
    const holderPrefix = keyOf(holderId, '');
    const keys = await pageOf(
      (count) => idRange(this.byHolder, holderPrefix, after, count),
      limit,
      ({ _id }) => _id.slice(holderPrefix.length),
      ({ _id }) => _id.slice(holderPrefix.length),
    );
    const found = new Map(
      (await findEachById(this.collection, keys.items)).map((document) => [document._id, document]),
    );
    return { items: keys.items.flatMap((key) => (found.has(key) ? [toHeld(found.get(key)!)] : [])), next: keys.next };
  }

  /** `views` holds each reservation once, with the events of this batch that touched it. */
  async save(views: readonly ReservationView[]): Promise<void> {
    const documents = views.map((view) => ({ ...view, _id: reservationKey(view) }));
    const existing = (await insertNew(this.collection, documents)).map((index) => documents[index]!);
    if ((await this.append(existing)) < existing.length) await this.merge(existing);
    // After the reservations, so that a key in the index always finds its reservation.
    await insertNew(
      this.byHolder,
      views.flatMap((view) => (view.holderId ? [{ _id: keyOf(view.holderId, reservationKey(view)) }] : [])),
    );
  }

  /**
   * Appends each change's events to its reservation if the view has seen none of them yet: one update each,
   * no read. Resolves to how many matched; a redelivered batch may match fewer.
   */
  private async append(changes: readonly ReservationDocument[]): Promise<number> {
    if (changes.length === 0) return 0;
    const result = await this.collection.bulkWrite(
      changes.map(({ _id, holderId, seats, status, version, history }) => ({
        updateOne: {
          filter: { _id, version: { $lt: history[0]!.version } },
          update: {
            $set: { seats, status, version, ...(holderId && { holderId }) },
            $push: { history: { $each: history } },
          },
        },
      })),
      { ordered: false },
    );
    return result.matchedCount;
  }

  /** Reads the reservations and appends the events each has not seen, replacing it only if still as read. */
  private async merge(changes: readonly ReservationDocument[]): Promise<void> {
    const stored = await Promise.all(changes.map(({ _id }) => this.collection.findOne({ _id })));
    const replacements = changes.flatMap((change, index) => {
      const before = stored[index]!;
      const after = merged(before, change);
      return after ? [{ filter: { _id: after._id, version: before.version }, replacement: after }] : [];
    });
    const matched = await replaceAll(this.collection, replacements);
    const movedOn = replacements.length - matched;
    if (movedOn > 0) throw new Error(`${movedOn} reservations moved on while this batch was projected`);
  }
}
