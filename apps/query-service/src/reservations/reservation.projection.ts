import type { SeatAvailabilityEvent, SeatQuantity } from '#libs/contracts';
import type { ProjectedEvent } from '../consumer/projected-event.js';
import { keyOf } from '../read-store/lookups.js';

export type ReservationStatus = 'held' | 'committed' | 'cancelled';

export interface ReservationHistoryEntry {
  type: string;
  version: number;
  seats: SeatQuantity[];
  occurredAt: string;
}

/** One reservation as of its last event (`version`, a conference stream version), with each of its events. */
export interface ReservationView {
  reservationId: string;
  conferenceId: string;
  /** Who made it, and so may read it; none for reservations made before sign-in. */
  holderId?: string;
  seats: SeatQuantity[];
  status: ReservationStatus;
  version: number;
  history: ReservationHistoryEntry[];
}

type ReservationEvent = Extract<SeatAvailabilityEvent, { data: { reservationId: string } }>;

const isReservationEvent = (event: SeatAvailabilityEvent): event is ReservationEvent => 'reservationId' in event.data;

const STATUS_AFTER: Record<ReservationEvent['type'], ReservationStatus> = {
  SeatsReserved: 'held',
  SeatReservationCancelled: 'cancelled',
  SeatReservationCommitted: 'committed',
};

/** Reservation ids are chosen by clients, so two conferences may use the same one: views are keyed by both. */
export const reservationKey = ({
  conferenceId,
  reservationId,
}: Pick<ReservationView, 'conferenceId' | 'reservationId'>) => keyOf(conferenceId, reservationId);

/**
 * Each reservation that a run of events touches, as those events leave it; its history holds just those
 * events (the store appends them to what it already has).
 */
export const projectReservations = (events: readonly ProjectedEvent[]): ReservationView[] => {
  const views = new Map<string, ReservationView>();
  for (const { conferenceId, streamVersion, occurredAt, event } of events) {
    if (!isReservationEvent(event)) continue;
    const { reservationId, seats } = event.data;
    const key = reservationKey({ conferenceId, reservationId });
    const entry = { type: event.type, version: streamVersion, seats, occurredAt };
    const before = views.get(key);
    // Only a reservation's SeatsReserved events name its holder, which never changes.
    const holderId = (event.type === 'SeatsReserved' && event.data.holderId) || before?.holderId;
    views.set(key, {
      reservationId,
      conferenceId,
      ...(holderId && { holderId }),
      seats,
      status: STATUS_AFTER[event.type],
      version: streamVersion,
      history: [...(before?.history ?? []), entry],
    });
  }
  return [...views.values()];
};
