import type { SeatAvailabilityEvent, SeatQuantity } from '#libs/contracts';
import type {
  Actor,
  CancelReservation,
  ChangeCapacity,
  CommitReservation,
  CreateConference,
  ReserveSeats,
} from './seat-availability.commands.js';

/** Builders that let domain tests read like the rules table: seats are written as `{ general: 10 }`. */
export const CONFERENCE = 'devconf';

/** The people of the rules table: olivia organizes, alice and bob buy, admin may do everything. */
export const OLIVIA: Actor = { id: 'olivia', admin: false };
export const ALICE: Actor = { id: 'alice', admin: false };
export const BOB: Actor = { id: 'bob', admin: false };
export const ADMIN: Actor = { id: 'admin', admin: true };

type Seats = Record<string, number>;

export const seatList = (seats: Seats): SeatQuantity[] =>
  Object.entries(seats).map(([seatType, quantity]) => ({ seatType, quantity }));

export const conferenceCreated = (seats: Seats, name = 'DevConf'): SeatAvailabilityEvent => ({
  type: 'ConferenceCreated',
  data: { conferenceId: CONFERENCE, name, seatTypes: seatList(seats), organizerId: OLIVIA.id },
});

export const seatsAdded = (seatType: string, quantity: number, capacity: number): SeatAvailabilityEvent => ({
  type: 'SeatsAdded',
  data: { conferenceId: CONFERENCE, seatType, quantity, capacity },
});

export const seatsRemoved = (seatType: string, quantity: number, capacity: number): SeatAvailabilityEvent => ({
  type: 'SeatsRemoved',
  data: { conferenceId: CONFERENCE, seatType, quantity, capacity },
});

/** The delta defaults to the whole hold, as for a first reservation; the holder to alice. */
export const seatsReserved = (
  reservationId: string,
  seats: Seats,
  delta: Seats = seats,
  holder: Actor = ALICE,
): SeatAvailabilityEvent => ({
  type: 'SeatsReserved',
  data: {
    conferenceId: CONFERENCE,
    reservationId,
    seats: seatList(seats),
    delta: seatList(delta),
    holderId: holder.id,
  },
});

export const reservationCancelled = (reservationId: string, seats: Seats): SeatAvailabilityEvent => ({
  type: 'SeatReservationCancelled',
  data: { conferenceId: CONFERENCE, reservationId, seats: seatList(seats) },
});

export const reservationCommitted = (reservationId: string, seats: Seats): SeatAvailabilityEvent => ({
  type: 'SeatReservationCommitted',
  data: { conferenceId: CONFERENCE, reservationId, seats: seatList(seats) },
});

export const createConference = (seats: Seats, conferenceId = CONFERENCE, by = OLIVIA): CreateConference => ({
  type: 'CreateConference',
  conferenceId,
  name: 'DevConf',
  seatTypes: seatList(seats),
  by,
});

export const changeCapacity = (seatType: string, delta: number, by = OLIVIA): ChangeCapacity => ({
  type: 'ChangeCapacity',
  conferenceId: CONFERENCE,
  seatType,
  delta,
  by,
});

export const reserveSeats = (
  reservationId: string,
  seats: Seats,
  { allowPartial = false, by = ALICE }: { allowPartial?: boolean; by?: Actor } = {},
): ReserveSeats => ({
  type: 'ReserveSeats',
  conferenceId: CONFERENCE,
  reservationId,
  seats: seatList(seats),
  allowPartial,
  by,
});

export const cancelReservation = (reservationId: string, by = ALICE): CancelReservation => ({
  type: 'CancelReservation',
  conferenceId: CONFERENCE,
  reservationId,
  by,
});

export const commitReservation = (reservationId: string, by = ALICE): CommitReservation => ({
  type: 'CommitReservation',
  conferenceId: CONFERENCE,
  reservationId,
  by,
});
