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
  seatTypes: SeatTypeAvailability[];
  version: number;
  lastEventAt: string;
}

/** An event this view cannot apply: the conference goes to the parked list rather than drift. */
export class ProjectionError extends Error {}

type Change = Partial<Pick<SeatTypeAvailability, 'capacity' | 'held' | 'committed'>>;

const withCounts = (seatType: SeatTypeAvailability, change: Change): SeatTypeAvailability => {
  const next = { ...seatType, ...change };
  return { ...next, available: next.capacity - next.held - next.committed };
};

const changeSeatTypes = (
  view: AvailabilityView,
  items: readonly SeatQuantity[],
  change: (seatType: SeatTypeAvailability, quantity: number) => Change,
): SeatTypeAvailability[] => {
  const seatTypes = [...view.seatTypes];
  for (const { seatType, quantity } of items) {
    const index = seatTypes.findIndex((candidate) => candidate.seatType === seatType);
    const current = seatTypes[index] ?? withCounts({ seatType, capacity: 0, held: 0, committed: 0, available: 0 }, {});
    const next = withCounts(current, change(current, quantity));
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
        (_, capacity) => ({
          capacity,
        }),
      );
    case 'SeatsReserved':
      return changeSeatTypes(view, event.data.delta, ({ held }, delta) => ({ held: held + delta }));
    case 'SeatReservationCancelled':
      return changeSeatTypes(view, event.data.seats, ({ held }, quantity) => ({ held: held - quantity }));
    case 'SeatReservationCommitted':
      return changeSeatTypes(view, event.data.seats, ({ held, committed }, quantity) => ({
        held: held - quantity,
        committed: committed + quantity,
      }));
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
      seatTypes: event.data.seatTypes.map(({ seatType, quantity }) =>
        withCounts({ seatType, capacity: quantity, held: 0, committed: 0, available: 0 }, {}),
      ),
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
