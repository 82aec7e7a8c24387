import type { SeatQuantity } from '#libs/contracts';

/** Why a command was refused. Nothing is recorded when a command is refused. */
export type DomainError =
  | { error: 'ConferenceAlreadyExists'; conferenceId: string }
  | { error: 'ConferenceNotFound'; conferenceId: string }
  | { error: 'DuplicateSeatType'; seatType: string }
  | { error: 'InvalidQuantity'; seatType: string; quantity: number }
  | { error: 'UnknownSeatType'; seatTypes: string[] }
  | { error: 'CapacityBelowReserved'; seatType: string; requestedCapacity: number; reserved: number }
  | { error: 'NotEnoughSeats'; available: SeatQuantity[] }
  | { error: 'ReservationNotFound'; reservationId: string }
  | { error: 'ReservationCommitted'; reservationId: string }
  | { error: 'ReservationCancelled'; reservationId: string }
  /** The actor may not do this to this conference or reservation; `reason` names only who may. */
  | { error: 'NotAllowed'; reason: string };

export const isDomainError = <T>(decision: T[] | DomainError): decision is DomainError => !Array.isArray(decision);
