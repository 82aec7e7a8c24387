import type pg from 'pg';
import { asOwner, freshEventStoreUrl, uniqueId } from '#libs/testing';
import { IdempotencyKeyTakenError, type NewEvent, WrongExpectedVersionError } from './event-store.js';
import { IdempotencyStore } from './idempotency-store.js';
import { GroupCommit } from './group-commit.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { createPool } from './postgres-pool.js';
import { SnapshotStore } from './snapshot-store.js';

// A store of its own: these streams are not SeatAvailability streams, which the stack's relay publishes.
let pool: pg.Pool;
/** The schema's owner, whom privileges do not stop: the triggers do. */
let owner: pg.Pool;
let store: PostgresEventStore;
let snapshots: SnapshotStore;
let idempotency: IdempotencyStore;

const metadata = { correlationId: 'corr-1', causationId: 'cause-1', actor: 'tester', serviceVersion: '0.0.0' };
const event = (n: number): NewEvent => ({ type: 'Counted', schemaVersion: 1, data: { n }, metadata });

beforeAll(async () => {
  const url = await freshEventStoreUrl('event_store_spec');
  pool = createPool({ connectionString: url, max: 20 });
  owner = createPool({ connectionString: asOwner(url), max: 1 });
  store = new PostgresEventStore(pool);
  snapshots = new SnapshotStore(pool);
  idempotency = new IdempotencyStore(pool);
});
afterAll(() => Promise.all([pool.end(), owner.end()]));

describe('PostgresEventStore (real PostgreSQL)', () => {
  it('appends to a new stream and reads it back in order, with positions and metadata', async () => {
    const stream = uniqueId('stream');
    expect(await store.append({ streamId: stream, expectedVersion: 0, events: [event(1), event(2)] })).toMatchObject({
      version: 2,
    });
    expect(await store.append({ streamId: stream, expectedVersion: 2, events: [event(3)] })).toMatchObject({
      version: 3,
    });

    const read = await store.readStream(stream);
    expect(read.map(({ streamVersion, data }) => [streamVersion, data])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
      [3, { n: 3 }],
    ]);
    expect(read[0]?.metadata).toEqual(metadata);
    expect(read[0]!.globalPosition < read[2]!.globalPosition).toBe(true);
    expect(new Set(read.map(({ eventId }) => eventId)).size).toBe(3);
  });

  it.each([
    ['behind the stream', 1],
    ['ahead of the stream', 5],
  ])('refuses an append whose expected version is %s, writing nothing', async (_case, expected) => {
    const stream = uniqueId('stream');
    await store.append({ streamId: stream, expectedVersion: 0, events: [event(1), event(2)] });

    await expect(store.append({ streamId: stream, expectedVersion: expected, events: [event(9)] })).rejects.toThrow(
      WrongExpectedVersionError,
    );
    expect(await store.readStream(stream)).toHaveLength(2);
  });

  it('lets exactly one of many concurrent appends at the same version through', async () => {
    const stream = uniqueId('stream');
    await store.append({ streamId: stream, expectedVersion: 0, events: [event(0)] });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, n) => store.append({ streamId: stream, expectedVersion: 1, events: [event(n)] })),
    );

    expect(outcomes.filter(({ status }) => status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(refused.every(({ reason }) => reason instanceof WrongExpectedVersionError)).toBe(true);
    expect((await store.readStream(stream)).map(({ streamVersion }) => streamVersion)).toEqual([1, 2]);
  });

  it.each([
    ['UPDATE', `UPDATE events SET data = '{}' WHERE stream_id = $1`],
    ['DELETE', 'DELETE FROM events WHERE stream_id = $1'],
  ])('has the database refuse %s on events, even to the owner', async (_operation, sql) => {
    const stream = uniqueId('stream');
    await store.append({ streamId: stream, expectedVersion: 0, events: [event(1)] });

    await expect(owner.query(sql, [stream])).rejects.toThrow(/events are append-only/);
    expect((await store.readStream(stream))[0]?.data).toEqual({ n: 1 });
  });

  it('has the database refuse TRUNCATE on events, even to the owner', async () => {
    await expect(owner.query('TRUNCATE events')).rejects.toThrow(/events are append-only/);
  });

  it('reads a stream up to a version, up to a time, and after a version', async () => {
    const stream = uniqueId('stream');
    await store.append({ streamId: stream, expectedVersion: 0, events: [event(1), event(2)] });
    const { occurredAt } = await store.append({ streamId: stream, expectedVersion: 2, events: [event(3)] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.append({ streamId: stream, expectedVersion: 3, events: [event(4)] });

    const versions = async (options: Parameters<typeof store.readStream>[1]) =>
      (await store.readStream(stream, options)).map(({ streamVersion }) => streamVersion);
    expect(await versions({ toVersion: 2 })).toEqual([1, 2]);
    expect(await versions({ until: occurredAt })).toEqual([1, 2, 3]);
    expect(await versions({ afterVersion: 2, limit: 1 })).toEqual([3]);
  });

  it('reads all streams after a global position, in global order', async () => {
    const [first, second] = [uniqueId('stream'), uniqueId('stream')];
    await store.append({ streamId: first, expectedVersion: 0, events: [event(1)] });
    const start = (await store.readStream(first))[0]!.globalPosition;
    await store.append({ streamId: second, expectedVersion: 0, events: [event(2)] });
    await store.append({ streamId: first, expectedVersion: 1, events: [event(3)] });

    const all = (await store.readAll(start, 1000)).filter(({ streamId }) => [first, second].includes(streamId));
    expect(all.map(({ streamId, streamVersion }) => [streamId, streamVersion])).toEqual([
      [second, 1],
      [first, 2],
    ]);
  });
});

const transactionsOf = async (streams: readonly string[]): Promise<number> => {
  const { rows } = await pool.query<{ count: number }>(
    'SELECT count(DISTINCT transaction_id)::int AS count FROM events WHERE stream_id = ANY($1)',
    [streams],
  );
  return rows[0]!.count;
};

describe('appending to several streams at once (real PostgreSQL)', () => {
  it('writes every stream in one transaction, each at its own version', async () => {
    const [fresh, existing] = [uniqueId('stream'), uniqueId('stream')];
    await store.append({ streamId: existing, expectedVersion: 0, events: [event(1)] });

    const outcomes = await store.appendMany([
      { streamId: fresh, expectedVersion: 0, events: [event(1), event(2)] },
      { streamId: existing, expectedVersion: 1, events: [event(2)] },
    ]);

    expect(outcomes).toMatchObject([{ version: 2 }, { version: 2 }]);
    expect((await store.readStream(fresh)).map(({ data }) => data)).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await store.readStream(existing)).map(({ streamVersion }) => streamVersion)).toEqual([1, 2]);
    const { rows } = await pool.query<{ count: number }>(
      'SELECT count(DISTINCT transaction_id)::int AS count FROM events WHERE stream_id = ANY($1) AND stream_version = 2',
      [[fresh, existing]],
    );
    expect(rows[0]!.count).toBe(1);
  });

  it('refuses only the stream that has moved on', async () => {
    const [moved, fine] = [uniqueId('stream'), uniqueId('stream')];
    await store.append({ streamId: moved, expectedVersion: 0, events: [event(1)] });

    const [refused, written] = await store.appendMany([
      { streamId: moved, expectedVersion: 0, events: [event(9)] },
      { streamId: fine, expectedVersion: 0, events: [event(1)] },
    ]);

    expect(refused).toBeInstanceOf(WrongExpectedVersionError);
    expect(written).toMatchObject({ version: 1 });
    expect(await store.readStream(moved)).toHaveLength(1);
  });

  it('refuses only the stream whose idempotency key was taken, though the database refused the statement', async () => {
    const key = uniqueId('key');
    const remembered = {
      key,
      fingerprint: 'sha256:abc',
      result: { version: 1 },
      expiresAt: new Date(Date.now() + 60_000),
    };
    await store.append({
      streamId: uniqueId('stream'),
      expectedVersion: 0,
      events: [event(1)],
      remember: [remembered],
    });
    const [reusing, fine] = [uniqueId('stream'), uniqueId('stream')];

    const [refused, written] = await store.appendMany([
      { streamId: reusing, expectedVersion: 0, events: [event(1)], remember: [remembered] },
      { streamId: fine, expectedVersion: 0, events: [event(1)] },
    ]);

    expect(refused).toBeInstanceOf(IdempotencyKeyTakenError);
    expect(written).toMatchObject({ version: 1 });
    expect(await store.readStream(reusing)).toEqual([]);
  });

  it('takes each stream once', async () => {
    const stream = uniqueId('stream');
    const twice = { streamId: stream, expectedVersion: 0, events: [event(1)] };

    await expect(store.appendMany([twice, twice])).rejects.toThrow(/each stream once/);
  });
});

describe('GroupCommit (real PostgreSQL)', () => {
  it('writes appends made while another is being written together, each answered on its own', async () => {
    const grouped = new GroupCommit(store, { concurrency: 1, maxStreams: 100 });
    const streams = Array.from({ length: 20 }, () => uniqueId('stream'));
    await store.append({ streamId: streams[0]!, expectedVersion: 0, events: [event(0)] });

    const outcomes = await Promise.allSettled(
      streams.map((streamId) => grouped.append({ streamId, expectedVersion: 0, events: [event(1)] })),
    );

    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
    expect(outcomes.slice(1).every(({ status }) => status === 'fulfilled')).toBe(true);
    // The first append goes alone (refused: its stream exists); the nineteen others wait and share one statement.
    expect(await transactionsOf(streams.slice(1))).toBe(1);
  });

  it("writes a stream's later append after its earlier one, in the next statement", async () => {
    const grouped = new GroupCommit(store, { concurrency: 1, maxStreams: 100 });
    const [busy, stream] = [uniqueId('stream'), uniqueId('stream')];
    const first = grouped.append({ streamId: busy, expectedVersion: 0, events: [event(0)] });
    const queued = [
      grouped.append({ streamId: stream, expectedVersion: 0, events: [event(1)] }),
      grouped.append({ streamId: stream, expectedVersion: 1, events: [event(2)] }),
    ];

    await first;
    expect(await Promise.all(queued)).toMatchObject([{ version: 1 }, { version: 2 }]);
    expect(await transactionsOf([stream])).toBe(2);
  });
});

describe('results remembered under an idempotency key', () => {
  const remember = (key: string, expiresAt = new Date(Date.now() + 60_000)) => ({
    key,
    fingerprint: 'sha256:abc',
    result: { version: 1 },
    expiresAt,
  });

  it('are written with the events, and a second use of the key writes no event', async () => {
    const key = uniqueId('key');
    const [first, second] = [uniqueId('stream'), uniqueId('stream')];
    await store.append({ streamId: first, expectedVersion: 0, events: [event(1)], remember: [remember(key)] });

    await expect(
      store.append({ streamId: second, expectedVersion: 0, events: [event(1)], remember: [remember(key)] }),
    ).rejects.toThrow(IdempotencyKeyTakenError);
    expect((await idempotency.find([key])).get(key)).toEqual({ fingerprint: 'sha256:abc', result: { version: 1 } });
    expect(await store.readStream(second)).toEqual([]);
  });

  it('are not written when the append is refused', async () => {
    const key = uniqueId('key');
    const stream = uniqueId('stream');
    await store.append({ streamId: stream, expectedVersion: 0, events: [event(1)] });

    await expect(
      store.append({ streamId: stream, expectedVersion: 0, events: [event(2)], remember: [remember(key)] }),
    ).rejects.toThrow(WrongExpectedVersionError);
    expect((await idempotency.find([key])).get(key)).toBeUndefined();
  });

  it('are purged once expired, and only then', async () => {
    const [expired, live] = [uniqueId('key'), uniqueId('key')];
    await store.append({
      streamId: uniqueId('stream'),
      expectedVersion: 0,
      events: [event(1)],
      remember: [remember(expired, new Date(Date.now() - 1))],
    });
    await store.append({
      streamId: uniqueId('stream'),
      expectedVersion: 0,
      events: [event(1)],
      remember: [remember(live)],
    });

    expect(await idempotency.purgeExpired()).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query<{ key: string }>('SELECT key FROM idempotency_keys WHERE key = ANY($1)', [
      [expired, live],
    ]);
    expect(rows.map(({ key }) => key)).toEqual([live]);
  });

  it('expire, and the key can then be used again', async () => {
    const key = uniqueId('key');
    await store.append({
      streamId: uniqueId('stream'),
      expectedVersion: 0,
      events: [event(1)],
      remember: [remember(key, new Date(Date.now() - 1))],
    });

    expect((await idempotency.find([key])).get(key)).toBeUndefined();
    await store.append({
      streamId: uniqueId('stream'),
      expectedVersion: 0,
      events: [event(1)],
      remember: [remember(key)],
    });
    expect((await idempotency.find([key])).get(key)).toBeDefined();
  });
});

describe('SnapshotStore (real PostgreSQL)', () => {
  it('returns the snapshot written in the schema version asked for, and ignores others', async () => {
    const stream = uniqueId('stream');
    await snapshots.save(stream, 1, { version: 10, state: { shape: 'old' } });

    expect(await snapshots.load(stream, 1)).toEqual({ version: 10, state: { shape: 'old' } });
    expect(await snapshots.load(stream, 2)).toBeUndefined();
  });

  it('never replaces a snapshot with an older one of the same schema', async () => {
    const stream = uniqueId('stream');
    await snapshots.save(stream, 1, { version: 20, state: { at: 20 } });
    await snapshots.save(stream, 1, { version: 10, state: { at: 10 } });

    expect(await snapshots.load(stream, 1)).toEqual({ version: 20, state: { at: 20 } });
  });
});
