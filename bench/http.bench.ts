import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { MAX_SEATS } from '#libs/contracts';
import {
  freshDatabase,
  freshReadStoreUrl,
  log,
  type Measurement,
  median,
  projectedMessages,
  rssMegabytes,
  startService,
  signedIn,
} from './support.js';

const PORT = 3901;
const QUERY_PORT = 3902;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const QUERIES_URL = `http://127.0.0.1:${QUERY_PORT}`;
/** The views must show every command this soon after a load ends. */
const CAUGHT_UP_SECONDS = 1;
const CONNECTIONS = 32;
const SECONDS = 10;
const CONFERENCES = 100;
/** Runs of the spread load; its figures are their medians, since one run on a 2-core machine is noisy. */
const ROUNDS = 3;

/** Both services as `npm run up` runs them, on a topic and databases of their own. */
const startStack = async (eventStoreUrl: string) => {
  const topic = `bench-http-${randomUUID()}`;
  const commands = await startService('command-service', URL_BASE, {
    EVENT_STORE_URL: eventStoreUrl,
    KAFKA_TOPIC: topic,
    COMMAND_SERVICE_PORT: String(PORT),
  });
  const queries = await startService('query-service', QUERIES_URL, {
    KAFKA_TOPIC: topic,
    READ_STORE_URL: freshReadStoreUrl('http'),
    CONSUMER_GROUP: `bench-http-${randomUUID()}`,
    QUERY_SERVICE_PORT: String(QUERY_PORT),
  });
  return { commands, queries };
};

/** Seconds from now until the views have applied `events` events (each accepted command wrote one). */
const catchUpSeconds = async (events: number): Promise<number> => {
  const started = performance.now();
  while ((await projectedMessages(QUERIES_URL, 'applied')) < events) await sleep(10);
  return (performance.now() - started) / 1000;
};

const post = async (path: string, body: object) =>
  fetch(`${URL_BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await signedIn('olivia')) },
    body: JSON.stringify(body),
  });

const retries = async (): Promise<number> => {
  const metrics = await (await fetch(`${URL_BASE}/metrics`)).text();
  return Number(/^seat_availability_command_retries_total (\d+)/m.exec(metrics)?.[1] ?? 0);
};

interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  maxRssMb: number;
  /** Seconds after the load's end until the views showed every command it made (commands only). */
  catchUp?: number;
}

/** Events the command service has accepted so far: what the views must reach. */
interface Accepted {
  events: number;
}

const load = async (pid: number, accepted: Accepted, options: Partial<autocannon.Options>): Promise<Load> => {
  let maxRssMb = rssMegabytes(pid);
  const sampler = setInterval(() => (maxRssMb = Math.max(maxRssMb, rssMegabytes(pid))), 250);
  const result = await autocannon({ url: URL_BASE, connections: CONNECTIONS, duration: SECONDS, ...options });
  clearInterval(sampler);
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    maxRssMb,
    catchUp: options.url ? undefined : await catchUpSeconds((accepted.events += result['2xx'])),
  };
};

/** A buyer's reservations, each of one seat on one of the conferences. */
const reserving = (
  conferenceIds: readonly string[],
  buyer: { authorization: string },
): Partial<autocannon.Options> => ({
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...buyer },
      setupRequest: (request) => ({
        ...request,
        path: `/conferences/${conferenceIds[Math.floor(Math.random() * conferenceIds.length)]}/reservations`,
        body: JSON.stringify({ seats: [{ seatType: 'general', quantity: 1 }] }),
      }),
    },
  ],
});

/** The median of each figure over several runs, and the largest RSS seen in any of them. */
const repeated = async (rounds: number, run: () => Promise<Load>): Promise<Load> => {
  const loads: Load[] = [];
  for (let round = 0; round < rounds; round += 1) loads.push(await run());
  const middle = (pick: (load: Load) => number) => median(loads.map(pick));
  return {
    perSecond: middle(({ perSecond }) => perSecond),
    p50: middle(({ p50 }) => p50),
    p99: middle(({ p99 }) => p99),
    failed: loads.reduce((sum, { failed }) => sum + failed, 0),
    maxRssMb: Math.max(...loads.map(({ maxRssMb }) => maxRssMb)),
    catchUp: Math.max(...loads.map(({ catchUp }) => catchUp ?? 0)),
  };
};

const describe = ({ perSecond, p50, p99, catchUp }: Load) =>
  `${perSecond.toFixed(0)}/s, p50 ${p50} ms, p99 ${p99} ms` +
  (catchUp === undefined ? '' : `, views caught up ${catchUp.toFixed(2)} s after`);

/**
 * Reserve commands over HTTP, spread over 100 conferences and then on one, with the whole stack running:
 * the relay publishing and the query service projecting as under `npm run up`.
 */
export const httpBenchmarks = async (): Promise<Measurement[]> => {
  const { commands: service, queries } = await startStack(await freshDatabase('bench_http'));
  const pid = service.pid ?? 0;
  try {
    const conferenceIds = Array.from({ length: CONFERENCES + 1 }, (_, n) => `bench-${n}`);
    for (const conferenceId of conferenceIds) {
      const seatTypes = [{ seatType: 'general', quantity: MAX_SEATS }];
      const created = await post('/conferences', { conferenceId, name: conferenceId, seatTypes });
      if (created.status !== 201) throw new Error(`could not create ${conferenceId}: ${await created.text()}`);
    }
    const accepted: Accepted = { events: conferenceIds.length };
    const buyer = await signedIn('alice');
    const [hot = '', ...spread] = conferenceIds;
    await load(pid, accepted, { ...reserving(spread, buyer), duration: 3 });

    const health = await load(pid, accepted, { url: `${URL_BASE}/health/live` });
    const many = await repeated(ROUNDS, () => load(pid, accepted, reserving(spread, buyer)));
    const retriesBefore = await retries();
    const single = await load(pid, accepted, reserving([hot], buyer));
    const retriesPerCommand = ((await retries()) - retriesBefore) / (single.perSecond * SECONDS);
    log(
      `HTTP: GET /health/live ${describe(health)}; 100 conferences ${describe(many)}; one conference ${describe(single)}`,
    );
    log(
      `RSS at most: health ${health.maxRssMb.toFixed(0)} MB, spread ${many.maxRssMb.toFixed(0)} MB, hot ${single.maxRssMb.toFixed(0)} MB`,
    );

    const failed = many.failed + single.failed;
    return [
      {
        name: `reserve over HTTP, ${CONFERENCES} conferences, ${CONNECTIONS} connections (vs GET /health/live in the same run)`,
        value: `${describe(many)}; ${failed} failed; health ${health.perSecond.toFixed(0)}/s`,
        ratio: many.perSecond / health.perSecond,
        target: `≥ 1,500/s, p99 ≤ 50 ms, views caught up within ${CAUGHT_UP_SECONDS} s`,
        met: many.perSecond >= 1_500 && many.p99 <= 50 && failed === 0 && many.catchUp! <= CAUGHT_UP_SECONDS,
      },
      {
        name: `reserve over HTTP, one hot conference, ${CONNECTIONS} connections (vs 100 conferences)`,
        value: `${describe(single)}; ${retriesPerCommand.toFixed(3)} retries per command`,
        ratio: single.perSecond / many.perSecond,
        target: `≥ 0.5×, views caught up within ${CAUGHT_UP_SECONDS} s`,
        met: single.perSecond / many.perSecond >= 0.5 && single.catchUp! <= CAUGHT_UP_SECONDS,
      },
      {
        name: 'command-service RSS during the HTTP loads',
        value: `${Math.max(health.maxRssMb, many.maxRssMb, single.maxRssMb).toFixed(0)} MB at most`,
        target: '≤ 150 MB',
        met: Math.max(health.maxRssMb, many.maxRssMb, single.maxRssMb) <= 150,
      },
    ];
  } finally {
    service.kill('SIGTERM');
    queries.kill('SIGTERM');
  }
};
