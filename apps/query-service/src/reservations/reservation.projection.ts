import type { SeatAvailabilityEvent, SeatQuantity } from '#libs/contracts';
import type { ProjectedEvent } from '../consumer/projected-event.js';

export type ReservationStatus = 'held' | 'committed' | 'cancelled';

export interface ReservationHistoryEntry {
  conferenceId: string;
  reservationId: string;
  type: string;
  version: number;
  seats: SeatQuantity[];
  occurredAt: string;
}

/**
 * One reservation as of its last event; `version` is the conference stream version of that event. It is a
 * function of that event alone, so writing it needs no read of what was there.
 */
export interface ReservationView {
  reservationId: string;
  conferenceId: string;
  seats: SeatQuantity[];
  status: ReservationStatus;
  version: number;
}

type ReservationEvent = Extract<SeatAvailabilityEvent, { data: { reservationId: string } }>;

export const isReservationEvent = (event: SeatAvailabilityEvent): event is ReservationEvent =>
  'reservationId' in event.data;

const STATUS_AFTER: Record<ReservationEvent['type'], ReservationStatus> = {
  SeatsReserved: 'held',
  SeatReservationCancelled: 'cancelled',
  SeatReservationCommitted: 'committed',
};

/** The reservation right after one of its events, and that event's entry in its history. */
export const projectReservation = (
  { conferenceId, streamVersion, occurredAt }: ProjectedEvent,
  event: ReservationEvent,
): { view: ReservationView; entry: ReservationHistoryEntry } => {
  const { reservationId, seats } = event.data;
  return {
    view: { reservationId, conferenceId, seats, status: STATUS_AFTER[event.type], version: streamVersion },
    entry: { conferenceId, reservationId, type: event.type, version: streamVersion, seats, occurredAt },
  };
};
