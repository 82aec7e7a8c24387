import type { SeatAvailabilityEvent, SeatQuantity } from '#libs/contracts';
import type {
  CancelReservation,
  ChangeCapacity,
  CommitReservation,
  CreateConference,
  ReserveSeats,
} from './seat-availability.commands.js';

/** Builders that let domain tests read like the rules table: seats are written as `{ general: 10 }`. */
export const CONFERENCE = 'devconf';

type Seats = Record<string, number>;

export const seatList = (seats: Seats): SeatQuantity[] =>
  Object.entries(seats).map(([seatType, quantity]) => ({ seatType, quantity }));

export const conferenceCreated = (seats: Seats, name = 'DevConf'): SeatAvailabilityEvent => ({
  type: 'ConferenceCreated',
  data: { conferenceId: CONFERENCE, name, seatTypes: seatList(seats) },
});

export const seatsAdded = (seatType: string, quantity: number, capacity: number): SeatAvailabilityEvent => ({
  type: 'SeatsAdded',
  data: { conferenceId: CONFERENCE, seatType, quantity, capacity },
});

export const seatsRemoved = (seatType: string, quantity: number, capacity: number): SeatAvailabilityEvent => ({
  type: 'SeatsRemoved',
  data: { conferenceId: CONFERENCE, seatType, quantity, capacity },
});

/** The delta defaults to the whole hold, as for a first reservation. */
export const seatsReserved = (reservationId: string, seats: Seats, delta: Seats = seats): SeatAvailabilityEvent => ({
  type: 'SeatsReserved',
  data: { conferenceId: CONFERENCE, reservationId, seats: seatList(seats), delta: seatList(delta) },
});

export const reservationCancelled = (reservationId: string, seats: Seats): SeatAvailabilityEvent => ({
  type: 'SeatReservationCancelled',
  data: { conferenceId: CONFERENCE, reservationId, seats: seatList(seats) },
});

export const reservationCommitted = (reservationId: string, seats: Seats): SeatAvailabilityEvent => ({
  type: 'SeatReservationCommitted',
  data: { conferenceId: CONFERENCE, reservationId, seats: seatList(seats) },
});

export const createConference = (seats: Seats, conferenceId = CONFERENCE): CreateConference => ({
  type: 'CreateConference',
  conferenceId,
  name: 'DevConf',
  seatTypes: seatList(seats),
});

export const changeCapacity = (seatType: string, delta: number): ChangeCapacity => ({
  type: 'ChangeCapacity',
  conferenceId: CONFERENCE,
  seatType,
  delta,
});

export const reserveSeats = (
  reservationId: string,
  seats: Seats,
  { allowPartial = false }: { allowPartial?: boolean } = {},
): ReserveSeats => ({
  type: 'ReserveSeats',
  conferenceId: CONFERENCE,
  reservationId,
  seats: seatList(seats),
  allowPartial,
});

export const cancelReservation = (reservationId: string): CancelReservation => ({
  type: 'CancelReservation',
  conferenceId: CONFERENCE,
  reservationId,
});

export const commitReservation = (reservationId: string): CommitReservation => ({
  type: 'CommitReservation',
  conferenceId: CONFERENCE,
  reservationId,
});
