import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient } from 'mongodb';
import { stackEnv } from '#libs/config';
import { log, type Measurement, signedIn, startService } from './support.js';

const CONFERENCES = 100;
const PER_CONFERENCE = 2_800;
const HOT = 'hot';
const HOT_RESERVATIONS = 20_000;
const TOTAL = CONFERENCES * PER_CONFERENCE + HOT_RESERVATIONS;
const REQUESTS = 500;
const QUERIES_URL = 'http://127.0.0.1:3913';

/** A view document as the benchmark writes it: its key and whatever else. */
type Keyed = { _id: string } & Record<string, unknown>;

const reservationId = (n: number) => `r-${String(n).padStart(6, '0')}`;
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** 300,000 reservations (20,000 of them in one conference) and 101 availability documents, as the views hold them. */
const fill = async (url: string): Promise<void> => {
  const client = await MongoClient.connect(url);
  const db = client.db();
  await db.dropDatabase();
  const seats = [{ seatType: 'general', quantity: 1 }];
  const conferenceIds = [...Array.from({ length: CONFERENCES }, (_, n) => `conference-${n}`), HOT];
  await db.collection<Keyed>('conference_availability').insertMany(
    conferenceIds.map((conferenceId) => ({
      _id: conferenceId,
      conferenceId,
      name: conferenceId,
      seatTypes: [{ seatType: 'general', capacity: 100_000, held: 0, committed: 0, available: 100_000 }],
      version: 1,
      lastEventAt: new Date().toISOString(),
      projectedAt: new Date(),
    })),
  );
  const reservations = db.collection<Keyed>('reservations');
  const owners = conferenceIds.flatMap((conferenceId) =>
    conferenceId === HOT ? [{ conferenceId, count: HOT_RESERVATIONS }] : [{ conferenceId, count: PER_CONFERENCE }],
  );
  for (const { conferenceId, count } of owners) {
    for (let start = 0; start < count; start += 1_000) {
      await reservations.insertMany(
        Array.from({ length: Math.min(1_000, count - start) }, (_, k) => {
          const id = reservationId(start + k);
          return {
            _id: `${conferenceId}/${id}`,
            conferenceId,
            reservationId: id,
            seats,
            status: 'held',
            version: start + k + 2,
            history: [{ type: 'SeatsReserved', version: start + k + 2, seats, occurredAt: new Date().toISOString() }],
          };
        }),
      );
    }
  }
  await client.close();
};

/**
 * `REQUESTS` GETs one after another, each to the path `next()` gives; latencies sorted, in ms. One client: a
 * read's own time, not the queue behind others (FerretDB spends about 0.35 ms of CPU per document returned).
 */
const latencies = async (next: () => string, organizer: { authorization: string }): Promise<number[]> => {
  const measured: number[] = [];
  for (let n = 0; n < REQUESTS; n += 1) {
    const started = performance.now();
    const response = await fetch(`${QUERIES_URL}${next()}`, { headers: organizer });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${response.status} from ${response.url}`);
    measured.push(performance.now() - started);
  }
  return measured.sort((a, b) => a - b);
};

/** Every read the query service serves, with 300,000 reservations in the read store, against its own health check. */
export const readsBenchmarks = async (): Promise<Measurement[]> => {
  const readStore = new URL(stackEnv().READ_STORE_URL);
  readStore.pathname = `/bench_reads`;
  log(`reads: filling the read store with ${TOTAL.toLocaleString('en')} reservations`);
  await fill(readStore.toString());
  let queries: ChildProcess | undefined;
  try {
    queries = await startService('query-service', QUERIES_URL, {
      KAFKA_TOPIC: `bench-reads-${randomUUID()}`,
      READ_STORE_URL: readStore.toString(),
      CONSUMER_GROUP: `bench-${randomUUID()}`,
      QUERY_SERVICE_PORT: '3913',
    });
    const conferences = Array.from({ length: CONFERENCES }, (_, n) => `conference-${n}`);
    const reads: [string, () => string][] = [
      ['the conference list, a page of 50 after a random conference', () => `/conferences?after=${pick(conferences)}`],
      ["a conference's availability", () => `/conferences/${pick(conferences)}/availability`],
      [
        `a page of 50 of the hot conference's ${HOT_RESERVATIONS.toLocaleString('en')} reservations, anywhere in it`,
        () => `/conferences/${HOT}/reservations?after=${reservationId(Math.floor(Math.random() * HOT_RESERVATIONS))}`,
      ],
      [
        'one reservation of a conference',
        () =>
          `/conferences/${pick(conferences)}/reservations/${reservationId(Math.floor(Math.random() * PER_CONFERENCE))}`,
      ],
    ];
    const organizer = await signedIn('olivia');
    const health = await latencies(() => '/health/live', organizer);
    const baseline = `GET /health/live p99 ${percentile(health, 0.99).toFixed(1)} ms`;
    const results: Measurement[] = [];
    for (const [what, next] of reads) {
      await latencies(next, organizer);
      const measured = await latencies(next, organizer);
      const [p50, p99] = [percentile(measured, 0.5), percentile(measured, 0.99)];
      log(`read ${what}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (${baseline})`);
      results.push({
        name: `read ${what}, ${TOTAL.toLocaleString('en')} reservations in the read store, one client`,
        value: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms over ${REQUESTS} requests (${baseline})`,
        target: 'p99 ≤ 20 ms',
        met: p99 <= 20,
      });
    }
    return results;
  } finally {
    queries?.kill('SIGTERM');
    const client = await MongoClient.connect(readStore.toString());
    await client.db().dropDatabase();
    await client.close();
  }
};
