import fc from 'fast-check';
import type { SeatAvailabilityCommand } from './seat-availability.commands.js';
import { ADMIN, ALICE, BOB, OLIVIA } from './seat-availability.fixtures.js';

/** Few names, so commands collide on the same seat types and reservations; two are Object property names. */
export const SEAT_TYPES = ['general', 'vip', 'constructor'];
const RESERVATIONS = ['r1', 'r2', 'r3', 'toString'];

const seatType = fc.constantFrom(...SEAT_TYPES);
const reservationId = fc.constantFrom(...RESERVATIONS);
/** Mostly the people whose rights the commands need, so that few are refused for that alone. */
const actor = fc.constantFrom(OLIVIA, ALICE, ALICE, BOB, ADMIN);
const seats = (minimum: number) =>
  fc.uniqueArray(fc.record({ seatType, quantity: fc.integer({ min: minimum, max: 12 }) }), {
    selector: ({ seatType: type }) => type,
    minLength: 1,
    maxLength: SEAT_TYPES.length,
  });

/** Any command of the SeatAvailability aggregate for one conference, valid in shape, often refused. */
export const seatAvailabilityCommand = (conferenceId: string): fc.Arbitrary<SeatAvailabilityCommand> =>
  fc.oneof(
    fc.record({
      type: fc.constant('CreateConference' as const),
      conferenceId: fc.constant(conferenceId),
      by: actor,
      name: fc.constant('Conf'),
      seatTypes: seats(0),
    }),
    fc.record({
      type: fc.constant('ChangeCapacity' as const),
      conferenceId: fc.constant(conferenceId),
      by: actor,
      seatType,
      delta: fc.integer({ min: -15, max: 15 }),
    }),
    fc.record({
      type: fc.constant('ReserveSeats' as const),
      conferenceId: fc.constant(conferenceId),
      by: actor,
      reservationId,
      seats: seats(1),
      allowPartial: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('CancelReservation' as const),
      conferenceId: fc.constant(conferenceId),
      by: actor,
      reservationId,
    }),
    fc.record({
      type: fc.constant('CommitReservation' as const),
      conferenceId: fc.constant(conferenceId),
      by: actor,
      reservationId,
    }),
  );
