import fc from 'fast-check';
import type { SeatAvailabilityEvent } from '#libs/contracts';
import type { ProjectedEvent } from '../consumer/projected-event.js';
import { projectSeatSales, type SeatSalesView } from './seat-sales.projection.js';

const seats = (seatType: string, quantity: number) => [{ seatType, quantity }];
const at = (streamVersion: number, occurredAt: string, event: SeatAvailabilityEvent): ProjectedEvent => ({
  conferenceId: 'c1',
  streamVersion,
  occurredAt,
  event,
});
const created: SeatAvailabilityEvent = {
  type: 'ConferenceCreated',
  data: { conferenceId: 'c1', name: 'C1', seatTypes: [...seats('general', 10), ...seats('vip', 2)] },
};
const reserved = (reservationId: string, seatType: string, quantity: number): SeatAvailabilityEvent => ({
  type: 'SeatsReserved',
  data: { conferenceId: 'c1', reservationId, seats: seats(seatType, quantity), delta: seats(seatType, quantity) },
});
const committed = (reservationId: string, seatType: string, quantity: number): SeatAvailabilityEvent => ({
  type: 'SeatReservationCommitted',
  data: { conferenceId: 'c1', reservationId, seats: seats(seatType, quantity) },
});

const fold = (events: readonly ProjectedEvent[]): SeatSalesView | undefined =>
  events.reduce<SeatSalesView | undefined>(projectSeatSales, undefined);

describe('the seat-sales projection', () => {
  it('counts committed seats on the UTC day of the commit, per seat type, and nothing held', () =>
    expect(
      fold([
        at(1, '2026-11-24T09:00:00.000Z', created),
        at(2, '2026-11-24T09:01:00.000Z', reserved('r1', 'general', 3)),
        at(3, '2026-11-24T23:59:59.000Z', committed('r1', 'general', 3)),
        at(4, '2026-11-25T08:00:00.000+02:00', reserved('r2', 'vip', 2)),
        at(5, '2026-11-25T08:00:01.000+02:00', committed('r2', 'vip', 2)),
        at(6, '2026-11-25T10:00:00.000Z', reserved('r3', 'general', 1)),
        at(7, '2026-11-25T10:00:01.000Z', committed('r3', 'general', 1)),
        at(8, '2026-11-25T11:00:00.000Z', reserved('r4', 'general', 4)),
      ]),
    ).toEqual({
      conferenceId: 'c1',
      version: 8,
      days: [
        { day: '2026-11-24', seatType: 'general', seats: 3 },
        { day: '2026-11-25', seatType: 'general', seats: 1 },
        { day: '2026-11-25', seatType: 'vip', seats: 2 },
      ],
    }));

  it('sells as many seats as were committed, whatever the days and order of the commits', () =>
    fc.assert(
      fc.property(
        fc.array(fc.record({ quantity: fc.integer({ min: 1, max: 5 }), day: fc.integer({ min: 1, max: 28 }) })),
        (commits) => {
          const events = commits.map(({ quantity, day }, index) =>
            at(
              index + 2,
              `2026-11-${String(day).padStart(2, '0')}T12:00:00.000Z`,
              committed(`r${index}`, 'general', quantity),
            ),
          );
          const view = fold([at(1, '2026-11-01T00:00:00.000Z', created), ...events])!;
          const sold = view.days.reduce((sum, { seats: count }) => sum + count, 0);
          expect(sold).toBe(commits.reduce((sum, { quantity }) => sum + quantity, 0));
          expect(view.version).toBe(commits.length + 1);
          expect(view.days.map(({ day }) => day)).toEqual([...view.days.map(({ day }) => day)].sort());
        },
      ),
    ));
});
