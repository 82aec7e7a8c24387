import type { SeatAvailabilityEvent } from '#libs/contracts';
import type { ProjectedEvent } from '../consumer/projected-event.js';
import { projectReservations } from './reservation.projection.js';

const general = (quantity: number) => [{ seatType: 'general', quantity }];
const at = (conferenceId: string, streamVersion: number, event: SeatAvailabilityEvent): ProjectedEvent => ({
  conferenceId,
  streamVersion,
  occurredAt: `2026-11-25T10:00:0${streamVersion}.000Z`,
  event,
});
const reserved = (conferenceId: string, reservationId: string, quantity: number): SeatAvailabilityEvent => ({
  type: 'SeatsReserved',
  data: { conferenceId, reservationId, seats: general(quantity), delta: general(quantity) },
});
const committed = (conferenceId: string, reservationId: string, quantity: number): SeatAvailabilityEvent => ({
  type: 'SeatReservationCommitted',
  data: { conferenceId, reservationId, seats: general(quantity) },
});

describe('the reservation projection', () => {
  it('gives each reservation once, as its last event leaves it, with each of its events in its history', () => {
    const views = projectReservations([
      at('c1', 2, reserved('c1', 'r1', 3)),
      at('c1', 3, reserved('c1', 'r2', 1)),
      at('c1', 4, reserved('c1', 'r1', 2)),
      at('c1', 5, committed('c1', 'r1', 2)),
    ]);
    expect(views).toEqual([
      {
        conferenceId: 'c1',
        reservationId: 'r1',
        seats: general(2),
        status: 'committed',
        version: 5,
        history: [
          { type: 'SeatsReserved', version: 2, seats: general(3), occurredAt: '2026-11-25T10:00:02.000Z' },
          { type: 'SeatsReserved', version: 4, seats: general(2), occurredAt: '2026-11-25T10:00:04.000Z' },
          { type: 'SeatReservationCommitted', version: 5, seats: general(2), occurredAt: '2026-11-25T10:00:05.000Z' },
        ],
      },
      expect.objectContaining({ reservationId: 'r2', status: 'held', version: 3 }),
    ]);
  });

  it('records the holder its SeatsReserved names, through the events that follow', () => {
    const held: SeatAvailabilityEvent = {
      type: 'SeatsReserved',
      data: { conferenceId: 'c1', reservationId: 'r1', seats: general(2), delta: general(2), holderId: 'alice' },
    };
    const views = projectReservations([at('c1', 2, held), at('c1', 3, committed('c1', 'r1', 2))]);
    expect(views).toEqual([expect.objectContaining({ holderId: 'alice', status: 'committed', version: 3 })]);
    expect(projectReservations([at('c1', 3, committed('c1', 'r1', 2))])[0]).not.toHaveProperty('holderId');
  });

  it('keeps apart two conferences that chose the same reservation id', () => {
    const views = projectReservations([at('c1', 2, reserved('c1', 'r1', 3)), at('c2', 2, reserved('c2', 'r1', 1))]);
    expect(views.map(({ conferenceId, seats }) => [conferenceId, seats])).toEqual([
      ['c1', general(3)],
      ['c2', general(1)],
    ]);
  });

  it('has nothing to say about events that touch no reservation', () => {
    const created: SeatAvailabilityEvent = {
      type: 'ConferenceCreated',
      data: { conferenceId: 'c1', name: 'Conf', seatTypes: general(10) },
    };
    expect(projectReservations([at('c1', 1, created)])).toEqual([]);
  });
});
