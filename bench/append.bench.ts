import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { createPool, PostgresEventStore } from '#libs/event-store';
import { freshDatabase, log, type Measurement, median, throughput } from './support.js';

const ROUNDS = 3;
const APPENDS = 4_000;
const metadata = { correlationId: 'bench', causationId: 'bench', actor: 'bench', serviceVersion: 'bench' };
const data = (n: number) => ({
  conferenceId: 'bench',
  reservationId: `r${n}`,
  seats: [{ seatType: 'general', quantity: 1 }],
});

type Subject = (clients: number) => Promise<number>;

/** The baseline: the same INSERT our append makes, with the stream version computed by the caller. */
const rawInsert =
  (url: string): Subject =>
  async (clients) => {
    const pool = new pg.Pool({ connectionString: url, max: clients });
    const run = randomUUID();
    const rate = await throughput(clients, APPENDS / clients, async (client, n) => {
      await pool.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          `${run}-${client}`,
          n + 1,
          randomUUID(),
          'SeatsReserved',
          1,
          JSON.stringify(data(n)),
          JSON.stringify(metadata),
        ],
      );
    });
    await pool.end();
    return rate;
  };

const ours =
  (url: string): Subject =>
  async (clients) => {
    const pool = createPool({ connectionString: url, max: clients });
    const store = new PostgresEventStore(pool);
    const run = randomUUID();
    const rate = await throughput(clients, APPENDS / clients, async (client, n) => {
      await store.append({
        streamId: `${run}-${client}`,
        expectedVersion: n,
        events: [{ type: 'SeatsReserved', schemaVersion: 1, data: data(n), metadata }],
      });
    });
    await pool.end();
    return rate;
  };

const emmett =
  (url: string): Subject =>
  async (clients) => {
    const pool = new pg.Pool({ connectionString: url, max: clients });
    const store = getPostgreSQLEventStore(url, { connectionOptions: { pool } });
    const run = randomUUID();
    const rate = await throughput(clients, APPENDS / clients, async (client, n) => {
      await store.appendToStream(`${run}-${client}`, [{ type: 'SeatsReserved', data: data(n), metadata }], {
        expectedStreamVersion: BigInt(n),
      });
    });
    await store.close();
    await pool.end();
    return rate;
  };

/** Append of one event per transaction: ours against raw pg and against Emmett, interleaved rounds. */
export const appendBenchmarks = async (): Promise<Measurement[]> => {
  const [rawUrl, oursUrl, emmettUrl] = await Promise.all([
    freshDatabase('bench_raw'),
    freshDatabase('bench_ours'),
    freshDatabase('bench_emmett', 'owner'),
  ]);
  const subjects = { raw: rawInsert(rawUrl), ours: ours(oursUrl), emmett: emmett(emmettUrl) };
  await subjects.emmett(1); // Emmett creates its schema on first use; keep that out of the rounds.

  const measurements: Measurement[] = [];
  for (const clients of [1, 16]) {
    const rates: Record<keyof typeof subjects, number[]> = { raw: [], ours: [], emmett: [] };
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [name, subject] of Object.entries(subjects) as [keyof typeof subjects, Subject][]) {
        rates[name].push(await subject(clients));
      }
      log(
        `append, ${clients} client(s), round ${round}: raw ${rates.raw.at(-1)?.toFixed(0)}/s, ours ${rates.ours.at(-1)?.toFixed(0)}/s, emmett ${rates.emmett.at(-1)?.toFixed(0)}/s`,
      );
    }
    const [raw, mine, theirs] = [median(rates.raw), median(rates.ours), median(rates.emmett)];
    measurements.push(
      {
        name: `append, 1 event per transaction, ${clients} client(s): ours vs raw pg INSERT`,
        value: `${mine.toFixed(0)} vs ${raw.toFixed(0)} appends/s`,
        ratio: mine / raw,
        target: '≥ 0.7×',
        met: mine / raw >= 0.7,
      },
      {
        name: `append, 1 event per transaction, ${clients} client(s): ours vs Emmett appendToStream`,
        value: `${mine.toFixed(0)} vs ${theirs.toFixed(0)} appends/s`,
        ratio: mine / theirs,
        target: '≥ 1.3×',
        met: mine / theirs >= 1.3,
      },
    );
  }
  return measurements;
};
