import type { SeatQuantity } from '#libs/contracts';

export interface CreateConference {
  type: 'CreateConference';
  conferenceId: string;
  name: string;
  seatTypes: SeatQuantity[];
}

export interface ChangeCapacity {
  type: 'ChangeCapacity';
  conferenceId: string;
  seatType: string;
  delta: number;
}

/** A reservation id seen before replaces that reservation's hold (re-reservation). */
export interface ReserveSeats {
  type: 'ReserveSeats';
  conferenceId: string;
  reservationId: string;
  seats: SeatQuantity[];
  allowPartial: boolean;
}

export interface CancelReservation {
  type: 'CancelReservation';
  conferenceId: string;
  reservationId: string;
}

export interface CommitReservation {
  type: 'CommitReservation';
  conferenceId: string;
  reservationId: string;
}

export type SeatAvailabilityCommand =
  CreateConference | ChangeCapacity | ReserveSeats | CancelReservation | CommitReservation;
