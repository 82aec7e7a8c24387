import type { SeatAvailabilityEvent } from '#libs/contracts';
import type { ProjectedEvent } from '../consumer/projected-event.js';
import { type AvailabilityView, ProjectionError, projectAvailability } from './availability.projection.js';

const conferenceId = 'conf-1';
const at = (streamVersion: number, event: SeatAvailabilityEvent): ProjectedEvent => ({
  conferenceId,
  streamVersion,
  occurredAt: `2026-11-25T10:00:0${streamVersion}.000Z`,
  event,
});
const given = (...events: SeatAvailabilityEvent[]): AvailabilityView | undefined =>
  events.reduce<AvailabilityView | undefined>(
    (view, event, index) => projectAvailability(view, at(index + 1, event)),
    undefined,
  );

const created: SeatAvailabilityEvent = {
  type: 'ConferenceCreated',
  data: { conferenceId, name: 'Conf', seatTypes: [{ seatType: 'general', quantity: 10 }], organizerId: 'olivia' },
};
const reserved = (reservationId: string, quantity: number, delta = quantity): SeatAvailabilityEvent => ({
  type: 'SeatsReserved',
  data: {
    conferenceId,
    reservationId,
    seats: [{ seatType: 'general', quantity }],
    delta: [{ seatType: 'general', quantity: delta }],
  },
});
const general = (view: AvailabilityView | undefined) => view?.seatTypes.find(({ seatType }) => seatType === 'general');

describe('the availability projection', () => {
  it('starts a conference with its capacity available, owned by its organizer', () => {
    expect(given(created)).toEqual({
      conferenceId,
      name: 'Conf',
      organizerId: 'olivia',
      seatTypes: [{ seatType: 'general', capacity: 10, held: 0, committed: 0, available: 10 }],
      version: 1,
      lastEventAt: '2026-11-25T10:00:01.000Z',
    });
  });

  it('holds reserved seats, replaces a re-reservation by its delta, and releases cancelled ones', () => {
    const seats = [{ seatType: 'general', quantity: 1 }];
    expect(general(given(created, reserved('r1', 3)))).toMatchObject({ held: 3, available: 7 });
    expect(general(given(created, reserved('r1', 3), reserved('r1', 1, -2)))).toMatchObject({ held: 1, available: 9 });
    const cancelled: SeatAvailabilityEvent = {
      type: 'SeatReservationCancelled',
      data: { conferenceId, reservationId: 'r1', seats },
    };
    expect(general(given(created, reserved('r1', 1), cancelled))).toMatchObject({ held: 0, available: 10 });
  });

  it('turns committed holds into sold seats', () => {
    const committed: SeatAvailabilityEvent = {
      type: 'SeatReservationCommitted',
      data: { conferenceId, reservationId: 'r1', seats: [{ seatType: 'general', quantity: 2 }] },
    };
    expect(general(given(created, reserved('r1', 2), committed))).toMatchObject({
      held: 0,
      committed: 2,
      available: 8,
    });
  });

  it('takes the capacity a capacity change leaves, also for a new seat type', () => {
    const added: SeatAvailabilityEvent = {
      type: 'SeatsAdded',
      data: { conferenceId, seatType: 'vip', quantity: 4, capacity: 4 },
    };
    expect(given(created, added)?.seatTypes).toContainEqual({
      seatType: 'vip',
      capacity: 4,
      held: 0,
      committed: 0,
      available: 4,
    });
  });

  it('refuses what it cannot apply: an event before the conference exists, counts below zero', () => {
    expect(() => given(reserved('r1', 1))).toThrow(ProjectionError);
    expect(() => given(created, reserved('r1', 11))).toThrow(ProjectionError);
    expect(() => given(created, created)).toThrow(ProjectionError);
  });
});
