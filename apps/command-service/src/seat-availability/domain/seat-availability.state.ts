import type { SeatQuantity } from '#libs/contracts';

export type ReservationStatus = 'held' | 'committed' | 'cancelled';

export interface Reservation {
  status: ReservationStatus;
  /** seat type → seats this reservation holds (held), bought (committed) or held when it was cancelled. */
  seats: Readonly<Record<string, number>>;
}

/**
 * Records are keyed by seat type or reservation id, which come from users: read them through `count` and
 * `reservationOf`, never by plain indexing, so a key like "constructor" finds nothing it should not.
 */
export interface SeatAvailability {
  conference: { conferenceId: string; name: string } | null;
  capacity: Readonly<Record<string, number>>;
  held: Readonly<Record<string, number>>;
  committed: Readonly<Record<string, number>>;
  reservations: Readonly<Record<string, Reservation>>;
}

export const initialState: SeatAvailability = {
  conference: null,
  capacity: {},
  held: {},
  committed: {},
  reservations: {},
};

export const count = (record: Readonly<Record<string, number>>, key: string): number =>
  Object.hasOwn(record, key) ? (record[key] ?? 0) : 0;

export const reservationOf = (state: SeatAvailability, reservationId: string): Reservation | undefined =>
  Object.hasOwn(state.reservations, reservationId) ? state.reservations[reservationId] : undefined;

export const hasSeatType = (state: SeatAvailability, seatType: string): boolean =>
  Object.hasOwn(state.capacity, seatType);

export const available = (state: SeatAvailability, seatType: string): number =>
  count(state.capacity, seatType) - count(state.held, seatType) - count(state.committed, seatType);

export const toRecord = (seats: readonly SeatQuantity[]): Record<string, number> =>
  Object.fromEntries(seats.map(({ seatType, quantity }) => [seatType, quantity]));

export const toList = (seats: Readonly<Record<string, number>>): SeatQuantity[] =>
  Object.entries(seats).map(([seatType, quantity]) => ({ seatType, quantity }));

/** The shape of SeatAvailability as stored in snapshots; bump it when the shape changes. */
export const STATE_SCHEMA_VERSION = 1;
