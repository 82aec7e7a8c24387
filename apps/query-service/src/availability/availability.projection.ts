import type { SeatQuantity } from '#libs/contracts';
import type { ProjectedEvent } from '../consumer/projected-event.js';

export interface SeatTypeAvailability {
  seatType: string;
  capacity: number;
  held: number;
  committed: number;
  available: number;
}

/** One conference's seats per type, as of a stream version. */
export interface AvailabilityView {
  conferenceId: string;
  name: string;
  /** Who created it, and so may read its reservations; none for conferences created before sign-in. */
  organizerId?: string;
  seatTypes: SeatTypeAvailability[];
  version: number;
  lastEventAt: string;
}

/** An event this view cannot apply: the conference goes to the parked list rather than drift. */
export class ProjectionError extends Error {}

/** A replay folds every event of the topic through here: one object per changed seat type, no spreads. */
const counted = (seatType: string, capacity: number, held: number, committed: number): SeatTypeAvailability => ({
  seatType,
  capacity,
  held,
  committed,
  available: capacity - held - committed,
});

const changeSeatTypes = (
  view: AvailabilityView,
  items: readonly SeatQuantity[],
  change: (current: SeatTypeAvailability, quantity: number) => SeatTypeAvailability,
): SeatTypeAvailability[] => {
  const seatTypes = [...view.seatTypes];
  for (const { seatType, quantity } of items) {
    const index = seatTypes.findIndex((candidate) => candidate.seatType === seatType);
    const next = change(seatTypes[index] ?? counted(seatType, 0, 0, 0), quantity);
    if (index === -1) seatTypes.push(next);
    else seatTypes[index] = next;
  }
  return seatTypes;
};

const seatTypesAfter = (view: AvailabilityView, { event }: ProjectedEvent): SeatTypeAvailability[] => {
  switch (event.type) {
    case 'ConferenceCreated':
      throw new ProjectionError(`conference ${view.conferenceId} is created twice`);
    case 'SeatsAdded':
    case 'SeatsRemoved':
      return changeSeatTypes(
        view,
        [{ seatType: event.data.seatType, quantity: event.data.capacity }],
        ({ seatType, held, committed }, capacity) => counted(seatType, capacity, held, committed),
      );
    case 'SeatsReserved':
      return changeSeatTypes(view, event.data.delta, ({ seatType, capacity, held, committed }, delta) =>
        counted(seatType, capacity, held + delta, committed),
      );
    case 'SeatReservationCancelled':
      return changeSeatTypes(view, event.data.seats, ({ seatType, capacity, held, committed }, quantity) =>
        counted(seatType, capacity, held - quantity, committed),
      );
    case 'SeatReservationCommitted':
      return changeSeatTypes(view, event.data.seats, ({ seatType, capacity, held, committed }, quantity) =>
        counted(seatType, capacity, held - quantity, committed + quantity),
      );
  }
};

/** The view after one more event of its conference; the caller has checked it is the next version. */
export const projectAvailability = (
  view: AvailabilityView | undefined,
  projected: ProjectedEvent,
): AvailabilityView => {
  const { conferenceId, streamVersion, occurredAt, event } = projected;
  if (!view) {
    if (event.type !== 'ConferenceCreated') {
      throw new ProjectionError(`${event.type} for conference ${conferenceId}, which was never created`);
    }
    return {
      conferenceId,
      name: event.data.name,
      ...(event.data.organizerId !== undefined && { organizerId: event.data.organizerId }),
      seatTypes: event.data.seatTypes.map(({ seatType, quantity }) => counted(seatType, quantity, 0, 0)),
      version: streamVersion,
      lastEventAt: occurredAt,
    };
  }
  const seatTypes = seatTypesAfter(view, projected);
  if (seatTypes.some(({ available, held }) => available < 0 || held < 0)) {
    throw new ProjectionError(`${event.type} at version ${streamVersion} leaves a count below zero`);
  }
  return { ...view, seatTypes, version: streamVersion, lastEventAt: occurredAt };
};
