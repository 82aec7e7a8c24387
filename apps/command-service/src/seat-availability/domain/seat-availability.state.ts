import type { SeatQuantity } from '#libs/contracts';

export type ReservationStatus = 'held' | 'committed' | 'cancelled';

export interface Reservation {
  status: ReservationStatus;
  /** seat type → seats this reservation holds (held), bought (committed) or held when it was cancelled. */
  seats: Readonly<Record<string, number>>;
  /** The person who made it; none for reservations made before people signed in. */
  holderId?: string;
}

/** reservation id → reservation, for the ids whose hash falls into one leaf. */
export type ReservationLeaf = Readonly<Record<string, Reservation>>;

/**
 * Records are keyed by seat type or reservation id, which come from users: read them through `count` and
 * `reservationOf`, never by plain indexing, so a key like "constructor" finds nothing it should not.
 *
 * Reservations sit in a two-level hash trie (16 × 16 leaves) keyed by a hash of their id, so a new state
 * shares all but one path of it with the state before: evolving a conference with thousands of
 * reservations copies a few dozen entries, not thousands, and the state stays plain JSON for snapshots.
 */
export interface SeatAvailability {
  /** `organizerId` is its creator's; none for conferences created before people signed in. */
  conference: { conferenceId: string; name: string; organizerId?: string } | null;
  capacity: Readonly<Record<string, number>>;
  held: Readonly<Record<string, number>>;
  committed: Readonly<Record<string, number>>;
  reservations: Readonly<Record<string, Readonly<Record<string, ReservationLeaf>>>>;
}

/** The path of a reservation in the trie: two hex digits of a hash of its id. */
export const pathOf = (reservationId: string): [string, string] => {
  let hash = 0;
  for (let index = 0; index < reservationId.length; index += 1) {
    hash = (Math.imul(hash, 31) + reservationId.charCodeAt(index)) | 0;
  }
  return [(hash & 15).toString(16), ((hash >>> 4) & 15).toString(16)];
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
  const [first, second] = pathOf(reservationId);
  const branch = own(state.reservations, first);
  const leaf = branch && own(branch, second);
  return leaf && own(leaf, reservationId);
};

export const allReservations = (state: SeatAvailability): [string, Reservation][] =>
  Object.values(state.reservations)
    .flatMap((branch) => Object.values(branch))
    .flatMap((leaf) => Object.entries(leaf));

export const hasSeatType = (state: SeatAvailability, seatType: string): boolean =>
  Object.hasOwn(state.capacity, seatType);

export const available = (state: SeatAvailability, seatType: string): number =>
  count(state.capacity, seatType) - count(state.held, seatType) - count(state.committed, seatType);

export const toRecord = (seats: readonly SeatQuantity[]): Record<string, number> =>
  Object.fromEntries(seats.map(({ seatType, quantity }) => [seatType, quantity]));

export const toList = (seats: Readonly<Record<string, number>>): SeatQuantity[] =>
  Object.entries(seats).map(([seatType, quantity]) => ({ seatType, quantity }));

const SHARED_RESERVATIONS_MAX = 10_000;
const sharedReservations = new Map<string, Reservation>();

/** Equal for equal status, holder and seats (in the same order), different otherwise: seat types are quoted. */
const shapeOf = (status: ReservationStatus, seats: Readonly<Record<string, number>>, holderId?: string): string => {
  let shape = `${status}${JSON.stringify(holderId ?? null)}`;
  for (const seatType in seats) shape += `${JSON.stringify(seatType)}${seats[seatType]}`;
  return shape;
};

/**
 * Many reservations look alike (held, one seat of one type, one person's), so equal ones share one frozen
 * value, which cuts the memory of a cached conference. The table stops growing at SHARED_RESERVATIONS_MAX values;
 * rarer shapes then get a value of their own, which is just as correct.
 */
export const reservationValue = (
  status: ReservationStatus,
  seats: Readonly<Record<string, number>>,
  holderId?: string,
): Reservation => {
  const shape = shapeOf(status, seats, holderId);
  const known = sharedReservations.get(shape);
  if (known) return known;
  const value: Reservation = Object.freeze({
    status,
    seats: Object.freeze({ ...seats }),
    ...(holderId !== undefined && { holderId }),
  });
  if (sharedReservations.size < SHARED_RESERVATIONS_MAX) sharedReservations.set(shape, value);
  return value;
};

/** Loops, not entries: this runs over every reservation of every state read from a snapshot. */
const mapValues = <T, U>(record: Readonly<Record<string, T>>, map: (value: T) => U): Record<string, U> => {
  const mapped: Record<string, U> = {};
  for (const key in record) mapped[key] = map(record[key] as T);
  return mapped;
};

/** The same state with its reservations shared as `reservationValue` shares them: for states read from JSON. */
export const withSharedReservations = (state: SeatAvailability): SeatAvailability => ({
  ...state,
  reservations: mapValues(state.reservations, (branch) =>
    mapValues(branch, (leaf) =>
      mapValues(leaf, ({ status, seats, holderId }) => reservationValue(status, seats, holderId)),
    ),
  ),
});

/** The shape of SeatAvailability as stored in snapshots; bump it when the shape changes. */
export const STATE_SCHEMA_VERSION = 4;
