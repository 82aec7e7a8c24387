import pg from 'pg';
import { freshEventStoreUrl, uniqueId } from '#libs/testing';
import { PUBLICATION_START, type PublicationCursor } from './outbox.js';
import { AppendNotifier, PostgresOutbox, PublicationMonitor } from './postgres-outbox.js';
import { createPool } from './postgres-pool.js';

let url: string;
let pool: pg.Pool;
const opened: PostgresOutbox[] = [];

const open = async (onAppended: () => void = () => undefined): Promise<PostgresOutbox> => {
  const outbox = await PostgresOutbox.open(url, onAppended);
  opened.push(outbox);
  return outbox;
};

/** A transaction of its own, left open until the test commits it. */
const transaction = async (): Promise<pg.Client> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  return client;
};

const insert = (client: pg.Client | pg.Pool, streamId: string, version = 1) =>
  client.query(
    `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
     VALUES ($1, $2, gen_random_uuid(), 'Counted', 1, '{}', '{}')`,
    [streamId, version],
  );

const commit = async (client: pg.Client) => {
  await client.query('COMMIT');
  await client.end();
};

/** Reads everything publishable, as the relay does, batch after batch. */
const drain = async (outbox: PostgresOutbox, from: PublicationCursor) => {
  const streams: string[] = [];
  let cursor = from;
  for (;;) {
    const { events } = await outbox.read(cursor, 2);
    if (events.length === 0) return { streams, cursor };
    streams.push(...events.map(({ streamId }) => streamId));
    cursor = events.at(-1)?.cursor ?? cursor;
  }
};

beforeAll(async () => {
  url = await freshEventStoreUrl('outbox_spec');
  pool = createPool({ connectionString: url });
});

afterAll(async () => {
  await Promise.all(opened.map((outbox) => outbox.close()));
  await pool.end();
});

describe('PostgresOutbox (real PostgreSQL)', () => {
  it('holds back events committed behind a transaction that took a lower position, and then publishes both', async () => {
    const outbox = await open();
    const { cursor: start } = await drain(outbox, PUBLICATION_START);
    const [early, late] = [uniqueId('early'), uniqueId('late')];
    const slow = await transaction();
    await insert(slow, early); // takes the lower global position and stays uncommitted
    await insert(pool, late); // takes a higher one and commits

    const meanwhile = await outbox.read(start, 10);
    expect(meanwhile.events).toEqual([]);
    expect(meanwhile.fenced).toBe(true);

    await commit(slow);
    const { streams } = await drain(outbox, start);
    expect(streams).toEqual([early, late]);
  });

  it('publishes an event whose transaction began first but took a higher position, though a later one committed first', async () => {
    const outbox = await open();
    const { cursor: start } = await drain(outbox, PUBLICATION_START);
    const [first, second] = [uniqueId('first'), uniqueId('second')];
    const older = await transaction();
    await older.query('SELECT pg_current_xact_id()'); // the older transaction id
    const newer = await transaction();
    await insert(newer, second); // the lower position, under the newer transaction id
    await insert(older, first); // the higher position
    await commit(older);

    const before = await drain(outbox, start);
    expect(before.streams).toEqual([first]);

    await commit(newer);
    // A cursor of positions alone would now be past `second` and skip it for good.
    const after = await drain(outbox, before.cursor);
    expect(after.streams).toEqual([second]);
  });

  it('orders transaction ids as numbers, not as text', async () => {
    const outbox = await open();
    const [nine, ten] = [uniqueId('nine'), uniqueId('ten')];
    const insertAs = (transactionId: string, streamId: string) =>
      pool.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata, transaction_id)
         VALUES ($1, 1, gen_random_uuid(), 'Counted', 1, '{}', '{}', $2::xid8)`,
        [streamId, transactionId],
      );
    await insertAs('10', ten);
    await insertAs('9', nine);
    const { events } = await outbox.read(PUBLICATION_START, 1_000);
    expect(events.map(({ streamId }) => streamId).filter((id) => id === nine || id === ten)).toEqual([nine, ten]);
  });

  it('never publishes what a transaction rolled back', async () => {
    const outbox = await open();
    const { cursor: start } = await drain(outbox, PUBLICATION_START);
    const aborted = await transaction();
    await insert(aborted, uniqueId('aborted'));
    await aborted.query('ROLLBACK');
    await aborted.end();
    const kept = uniqueId('kept');
    await insert(pool, kept);
    expect((await drain(outbox, start)).streams).toEqual([kept]);
  });

  it('keeps a checkpoint per topic and counts the lag behind it', async () => {
    const outbox = await open();
    const topic = uniqueId('topic');
    const monitor = new PublicationMonitor(pool);
    expect(await outbox.checkpoint(topic)).toEqual(PUBLICATION_START);
    const { cursor } = await drain(outbox, PUBLICATION_START);
    const everything = await monitor.lag(topic);
    expect(everything.events).toBeGreaterThan(0);

    await outbox.saveCheckpoint(topic, cursor);
    expect(await outbox.checkpoint(topic)).toEqual(cursor);
    expect(await monitor.lag(topic)).toEqual({ events: 0, seconds: 0 });
    await insert(pool, uniqueId('behind'));
    expect((await monitor.lag(topic)).events).toBe(1);
  });

  it('lets one session lead a topic until that session ends', async () => {
    const topic = uniqueId('topic');
    const [first, second] = [await open(), await open()];
    expect(await first.tryLead(topic)).toBe(true);
    expect(await first.tryLead(topic)).toBe(true);
    expect(await second.tryLead(topic)).toBe(false);
    expect(await second.tryLead(uniqueId('other-topic'))).toBe(true);

    await first.close();
    expect(first.lost).toBe(true);
    expect(await second.tryLead(topic)).toBe(true);
  });

  it('hears the NOTIFY an append notifier sends', async () => {
    let heard = 0;
    await open(() => (heard += 1));
    const notifier = new AppendNotifier(pool);
    notifier.notify();
    notifier.notify();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(heard).toBeGreaterThanOrEqual(1);
  });
});
