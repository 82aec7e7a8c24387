import fc from 'fast-check';
import { seatAvailabilityStream } from '#libs/contracts';
import { createPool, migrate, PostgresEventStore, SnapshotStore } from '#libs/event-store';
import { eventStoreOwnerUrl, eventStoreUrl, eventually, uniqueId } from '#libs/testing';
import { seatAvailabilityCommand } from './domain/seat-availability.arbitraries.js';
import type { SeatAvailabilityCommand } from './domain/seat-availability.commands.js';
import { decide, fold } from './domain/seat-availability.decider.js';
import { isDomainError } from './domain/seat-availability.errors.js';
import { OLIVIA } from './domain/seat-availability.fixtures.js';
import { STATE_SCHEMA_VERSION } from './domain/seat-availability.state.js';
import { SeatAvailabilityRepository } from './seat-availability.repository.js';

const pool = createPool({ connectionString: eventStoreUrl() });
const store = new PostgresEventStore(pool);
const snapshots = new SnapshotStore(pool);
const SNAPSHOT_EVERY = 4;
const repository = () =>
  new SeatAvailabilityRepository(store, snapshots, { snapshotEvery: SNAPSHOT_EVERY, cacheEvents: 1_000 });
const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', serviceVersion: 'test' };

beforeAll(() => migrate(eventStoreOwnerUrl()));
afterAll(() => pool.end());

/** Records what the commands decide, as the service would, and returns the stream's final version. */
const record = async (conferenceId: string, commands: SeatAvailabilityCommand[]): Promise<number> => {
  const writer = repository();
  let loaded = await writer.load(conferenceId);
  for (const command of commands) {
    const decision = decide(command, loaded.state);
    if (isDomainError(decision) || decision.length === 0) continue;
    const next = { state: fold(loaded.state, decision), version: loaded.version + decision.length };
    loaded = await writer.save(
      conferenceId,
      loaded,
      next,
      decision.map((event) => ({ event, metadata })),
    );
  }
  return loaded.version;
};

const snapshotVersion = async (conferenceId: string) =>
  (await snapshots.load(seatAvailabilityStream(conferenceId), STATE_SCHEMA_VERSION))?.version ?? 0;

describe('SeatAvailabilityRepository (real PostgreSQL)', () => {
  it('loads from snapshot + tail exactly what folding the whole stream gives, with or without snapshots', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(seatAvailabilityCommand('any'), { minLength: 1, maxLength: 40 }), async (generated) => {
        const conferenceId = uniqueId('conf');
        const commands = generated.map((command) => ({ ...command, conferenceId }));
        const created: SeatAvailabilityCommand = {
          type: 'CreateConference',
          by: OLIVIA,
          conferenceId,
          name: 'C',
          seatTypes: [],
        };
        const version = await record(conferenceId, [created, ...commands]);
        const lastMark = Math.floor(version / SNAPSHOT_EVERY) * SNAPSHOT_EVERY;
        await eventually(async () => expect(await snapshotVersion(conferenceId)).toBe(lastMark), { timeoutMs: 5_000 });

        const folded = await repository().loadAsOf(conferenceId);
        expect(folded.version).toBe(version);
        expect(await repository().loadFromStore(conferenceId)).toEqual(folded);

        await pool.query('DELETE FROM snapshots WHERE stream_id = $1', [seatAvailabilityStream(conferenceId)]);
        expect(await repository().loadFromStore(conferenceId)).toEqual(folded);
      }),
      { numRuns: 25 },
    );
  });

  it('ignores a snapshot written in another schema version of the state', async () => {
    const conferenceId = uniqueId('conf');
    await record(conferenceId, [
      {
        type: 'CreateConference',
        by: OLIVIA,
        conferenceId,
        name: 'C',
        seatTypes: [{ seatType: 'general', quantity: 5 }],
      },
    ]);
    await pool.query(
      `INSERT INTO snapshots (stream_id, stream_version, schema_version, state) VALUES ($1, 1, $2, '{"shape":"old"}')`,
      [seatAvailabilityStream(conferenceId), STATE_SCHEMA_VERSION + 1],
    );

    expect(await repository().loadFromStore(conferenceId)).toEqual(await repository().loadAsOf(conferenceId));
  });

  it('serves a cached state until asked to catch up with what another process appended', async () => {
    const conferenceId = uniqueId('conf');
    const seatTypes = [{ seatType: 'general', quantity: 5 }];
    await record(conferenceId, [{ type: 'CreateConference', by: OLIVIA, conferenceId, name: 'C', seatTypes }]);
    const mine = repository();
    expect((await mine.load(conferenceId)).version).toBe(1);

    await record(conferenceId, [{ type: 'ChangeCapacity', by: OLIVIA, conferenceId, seatType: 'general', delta: 1 }]);

    expect((await mine.load(conferenceId)).version).toBe(1);
    const caughtUp = await mine.refresh(conferenceId);
    expect(caughtUp.version).toBe(2);
    expect(caughtUp.state.capacity).toEqual({ general: 6 });
  });

  it('evicts the least recently used states once the cached events exceed the budget', async () => {
    const [first, second] = [uniqueId('conf'), uniqueId('conf')];
    for (const conferenceId of [first, second]) {
      await record(conferenceId, [{ type: 'CreateConference', by: OLIVIA, conferenceId, name: 'C', seatTypes: [] }]);
    }
    const cache = new SeatAvailabilityRepository(store, snapshots, { snapshotEvery: SNAPSHOT_EVERY, cacheEvents: 1 });
    await cache.load(first);
    await cache.load(second);

    for (const conferenceId of [first, second]) {
      await record(conferenceId, [{ type: 'ChangeCapacity', by: OLIVIA, conferenceId, seatType: 'general', delta: 1 }]);
    }

    expect((await cache.load(second)).version).toBe(1);
    expect((await cache.load(first)).version).toBe(2);
  });
});
