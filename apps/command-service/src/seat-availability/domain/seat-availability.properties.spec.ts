import fc from 'fast-check';
import type { SeatAvailabilityEvent } from '#libs/contracts';
import { SEAT_TYPES, seatAvailabilityCommand } from './seat-availability.arbitraries.js';
import type { SeatAvailabilityCommand } from './seat-availability.commands.js';
import { decide, evolve, fold } from './seat-availability.decider.js';
import { isDomainError } from './seat-availability.errors.js';
import {
  allReservations,
  available,
  count,
  initialState,
  type SeatAvailability,
  withSharedReservations,
} from './seat-availability.state.js';

const command = seatAvailabilityCommand('c1');

/** Runs commands as the command service would: a refused command records nothing. */
const run = (commands: SeatAvailabilityCommand[], check: (state: SeatAvailability) => void) => {
  let state = initialState;
  const history: SeatAvailabilityEvent[] = [];
  for (const next of commands) {
    const decision = decide(next, state);
    if (isDomainError(decision)) continue;
    for (const event of decision) {
      state = evolve(state, event);
      history.push(event);
      check(state);
    }
  }
  return { state, history };
};

const sumOfReservations = (state: SeatAvailability, status: 'held' | 'committed', type: string): number =>
  allReservations(state)
    .map(([, reservation]) => reservation)
    .filter((reservation) => reservation.status === status)
    .reduce((sum, reservation) => sum + count(reservation.seats, type), 0);

const RUNS = { numRuns: 1_000 };

describe('SeatAvailability invariants, for any sequence of commands', () => {
  it('never oversells: availability stays ≥ 0 and held + sold never exceed capacity, after every event', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        run(commands, (state) => {
          for (const type of SEAT_TYPES) {
            expect(available(state, type)).toBeGreaterThanOrEqual(0);
            expect(count(state.held, type)).toBeGreaterThanOrEqual(0);
            expect(count(state.held, type) + count(state.committed, type)).toBeLessThanOrEqual(
              count(state.capacity, type),
            );
          }
        });
      }),
      RUNS,
    ));

  it('keeps the totals equal to the sum of the reservations', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const { state } = run(commands, () => undefined);
        for (const type of SEAT_TYPES) {
          expect(count(state.held, type)).toBe(sumOfReservations(state, 'held', type));
          expect(count(state.committed, type)).toBe(sumOfReservations(state, 'committed', type));
        }
      }),
      RUNS,
    ));

  it('folds a history in one pass to the same state as evolving it event by event', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const { state, history } = run(commands, () => undefined);
        expect(fold(initialState, history)).toEqual(state);
      }),
      RUNS,
    ));

  it('never changes the state it evolves from', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (commands) => {
        const { history } = run(commands, () => undefined);
        const states = [initialState];
        for (const event of history) states.push(evolve(states.at(-1) ?? initialState, event));
        const frozen = JSON.stringify(states);
        fold(initialState, history);
        expect(JSON.stringify(states)).toBe(frozen);
      }),
      RUNS,
    ));

  it('shares one value among equal reservations, also in a state read back from JSON', () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const { state } = run(commands, () => undefined);
        const read = withSharedReservations(JSON.parse(JSON.stringify(state)) as SeatAvailability);
        expect(read).toEqual(state);
        const values = [...allReservations(state), ...allReservations(read)].map(([, reservation]) => reservation);
        for (const value of values) {
          expect(Object.isFrozen(value)).toBe(true);
          const equal = values.filter((other) => JSON.stringify(other) === JSON.stringify(value));
          expect(new Set(equal).size).toBe(1);
        }
      }),
      RUNS,
    ));
});
