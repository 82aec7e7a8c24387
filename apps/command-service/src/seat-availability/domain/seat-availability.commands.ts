import type { SeatQuantity } from '#libs/contracts';

/** Who issues a command: a signed-in person's id, and whether it acts as an admin, who may do everything. */
export interface Actor {
  id: string;
  admin: boolean;
}

export interface CreateConference {
  type: 'CreateConference';
  by: Actor;
  conferenceId: string;
  name: string;
  seatTypes: SeatQuantity[];
}

export interface ChangeCapacity {
  type: 'ChangeCapacity';
  by: Actor;
  conferenceId: string;
  seatType: string;
  delta: number;
}

/** A reservation id seen before replaces that reservation's hold (re-reservation). */
export interface ReserveSeats {
  type: 'ReserveSeats';
  by: Actor;
  conferenceId: string;
  reservationId: string;
  seats: SeatQuantity[];
  allowPartial: boolean;
}

export interface CancelReservation {
  type: 'CancelReservation';
  by: Actor;
  conferenceId: string;
  reservationId: string;
}

export interface CommitReservation {
  type: 'CommitReservation';
  by: Actor;
  conferenceId: string;
  reservationId: string;
}

export type SeatAvailabilityCommand =
  CreateConference | ChangeCapacity | ReserveSeats | CancelReservation | CommitReservation;
