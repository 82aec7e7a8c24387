import { seatAvailabilityStream } from '#libs/contracts';
import { createPool, type NewEvent, PostgresEventStore, SnapshotStore } from '#libs/event-store';
import { SeatAvailabilityRepository, STATE_SCHEMA_VERSION } from '../apps/command-service/src/tooling.js';
import { freshDatabase, log, type Measurement, median, milliseconds } from './support.js';

const EVENTS = 10_000;
const RESERVATIONS = 2_000;
const BATCH = 500;
const ROUNDS = 7;
const metadata = { correlationId: 'bench', causationId: 'bench', actor: 'bench', serviceVersion: 'bench' };

/** One conference whose 2,000 reservations are made and re-made until the stream is 10,000 events long. */
const history = (conferenceId: string): NewEvent[] => [
  {
    type: 'ConferenceCreated',
    schemaVersion: 1,
    data: { conferenceId, name: 'Big', seatTypes: [{ seatType: 'general', quantity: 100_000 }] },
    metadata,
  },
  ...Array.from({ length: EVENTS - 1 }, (_, n): NewEvent => {
    const round = Math.floor(n / RESERVATIONS);
    const quantity = (round % 3) + 1;
    const previous = round === 0 ? 0 : ((round - 1) % 3) + 1;
    return {
      type: 'SeatsReserved',
      schemaVersion: 1,
      data: {
        conferenceId,
        reservationId: `r${n % RESERVATIONS}`,
        seats: [{ seatType: 'general', quantity }],
        delta: [{ seatType: 'general', quantity: quantity - previous }].filter((seat) => seat.quantity !== 0),
      },
      metadata,
    };
  }),
];

/** Loading a 10,000-event stream: folding all of it, against the latest snapshot plus an empty tail. */
export const loadBenchmarks = async (): Promise<Measurement[]> => {
  const url = await freshDatabase('bench_load');
  const pool = createPool({ connectionString: url, max: 2 });
  const store = new PostgresEventStore(pool);
  const snapshots = new SnapshotStore(pool);
  const repository = new SeatAvailabilityRepository(store, snapshots, { snapshotEvery: EVENTS, cacheEvents: 1 });
  const conferenceId = 'big';
  const events = history(conferenceId);
  for (let start = 0; start < events.length; start += BATCH) {
    await store.append({
      streamId: seatAvailabilityStream(conferenceId),
      expectedVersion: start,
      events: events.slice(start, start + BATCH),
    });
  }
  const full = await repository.loadAsOf(conferenceId);
  await snapshots.save(seatAvailabilityStream(conferenceId), STATE_SCHEMA_VERSION, full);

  const folded: number[] = [];
  const fromSnapshot: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    folded.push(await milliseconds(() => repository.loadAsOf(conferenceId)));
    fromSnapshot.push(await milliseconds(() => repository.loadFromStore(conferenceId)));
  }
  await pool.end();
  const [without, withSnapshot] = [median(folded), median(fromSnapshot)];
  log(`load ${EVENTS} events: fold ${without.toFixed(1)} ms, snapshot ${withSnapshot.toFixed(1)} ms`);
  return [
    {
      name: `load a ${EVENTS.toLocaleString('en')}-event stream: snapshot + tail vs folding every event`,
      value: `${withSnapshot.toFixed(1)} ms vs ${without.toFixed(1)} ms`,
      ratio: without / withSnapshot,
      target: '≥ 20× faster',
      met: without / withSnapshot >= 20,
    },
  ];
};
