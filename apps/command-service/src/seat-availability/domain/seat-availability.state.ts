import type { SeatQuantity } from '#libs/contracts';

export type ReservationStatus = 'held' | 'committed' | 'cancelled';

export interface Reservation {
  status: ReservationStatus;
  /** seat type → seats this reservation holds (held), bought (committed) or held when it was cancelled. */
  seats: Readonly<Record<string, number>>;
}

/** reservation id → reservation, for the ids that fall into one bucket. */
export type ReservationBucket = Readonly<Record<string, Reservation>>;

/**
 * Records are keyed by seat type or reservation id, which come from users: read them through `count` and
 * `reservationOf`, never by plain indexing, so a key like "constructor" finds nothing it should not.
 *
 * Reservations are spread over buckets by a hash of their id, so a new state shares every bucket but one
 * with the state before it: evolving a conference with thousands of reservations copies a few dozen
 * entries, not thousands, and the state stays plain JSON for snapshots.
 */
export interface SeatAvailability {
  conference: { conferenceId: string; name: string } | null;
  capacity: Readonly<Record<string, number>>;
  held: Readonly<Record<string, number>>;
  committed: Readonly<Record<string, number>>;
  reservations: Readonly<Record<string, ReservationBucket>>;
}

const BUCKETS = 256;

export const bucketOf = (reservationId: string): string => {
  let hash = 0;
  for (let index = 0; index < reservationId.length; index += 1) {
    hash = (Math.imul(hash, 31) + reservationId.charCodeAt(index)) | 0;
  }
  return String((hash >>> 0) % BUCKETS);
};

export const initialState: SeatAvailability = {
  conference: null,
  capacity: {},
  held: {},
  committed: {},
  reservations: {},
};

export const count = (record: Readonly<Record<string, number>>, key: string): number =>
  Object.hasOwn(record, key) ? (record[key] ?? 0) : 0;

const own = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

export const reservationOf = (state: SeatAvailability, reservationId: string): Reservation | undefined => {
  const bucket = own(state.reservations, bucketOf(reservationId));
  return bucket && own(bucket, reservationId);
};

export const allReservations = (state: SeatAvailability): [string, Reservation][] =>
  Object.values(state.reservations).flatMap((bucket) => Object.entries(bucket));

export const hasSeatType = (state: SeatAvailability, seatType: string): boolean =>
  Object.hasOwn(state.capacity, seatType);

export const available = (state: SeatAvailability, seatType: string): number =>
  count(state.capacity, seatType) - count(state.held, seatType) - count(state.committed, seatType);

export const toRecord = (seats: readonly SeatQuantity[]): Record<string, number> =>
  Object.fromEntries(seats.map(({ seatType, quantity }) => [seatType, quantity]));

export const toList = (seats: Readonly<Record<string, number>>): SeatQuantity[] =>
  Object.entries(seats).map(([seatType, quantity]) => ({ seatType, quantity }));

/** The shape of SeatAvailability as stored in snapshots; bump it when the shape changes. */
export const STATE_SCHEMA_VERSION = 2;
