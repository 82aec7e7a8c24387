import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { MAX_SEATS } from '#libs/contracts';
import { freshDatabase, log, type Measurement, median, rssMegabytes, startService } from './support.js';

const PORT = 3901;
const URL_BASE = `http://127.0.0.1:${PORT}`;
const CONNECTIONS = 32;
const SECONDS = 10;
const CONFERENCES = 100;
/** Runs of the spread load; its figures are their medians, since one run on a 2-core machine is noisy. */
const ROUNDS = 3;

const startCommandService = (eventStoreUrl: string) =>
  startService('command-service', URL_BASE, {
    EVENT_STORE_URL: eventStoreUrl,
    // The relay publishes this store's events: to a topic of their own, not the stack's.
    KAFKA_TOPIC: `bench-http-${randomUUID()}`,
    COMMAND_SERVICE_PORT: String(PORT),
  });

const post = (path: string, body: object) =>
  fetch(`${URL_BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
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
}

const load = async (pid: number, options: Partial<autocannon.Options>): Promise<Load> => {
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
  };
};

const reserving = (conferenceIds: readonly string[]): Partial<autocannon.Options> => ({
  requests: [
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
  };
};

const describe = ({ perSecond, p50, p99 }: Load) => `${perSecond.toFixed(0)}/s, p50 ${p50} ms, p99 ${p99} ms`;

/** Reserve commands over HTTP against the built service, spread over 100 conferences and then on one. */
export const httpBenchmarks = async (): Promise<Measurement[]> => {
  const service = await startCommandService(await freshDatabase('bench_http'));
  const pid = service.pid ?? 0;
  try {
    const conferenceIds = Array.from({ length: CONFERENCES + 1 }, (_, n) => `bench-${n}`);
    for (const conferenceId of conferenceIds) {
      const seatTypes = [{ seatType: 'general', quantity: MAX_SEATS }];
      const created = await post('/conferences', { conferenceId, name: conferenceId, seatTypes });
      if (created.status !== 201) throw new Error(`could not create ${conferenceId}: ${await created.text()}`);
    }
    const [hot = '', ...spread] = conferenceIds;
    await load(pid, { ...reserving(spread), duration: 3 });

    const health = await load(pid, { url: `${URL_BASE}/health/live` });
    const many = await repeated(ROUNDS, () => load(pid, reserving(spread)));
    const retriesBefore = await retries();
    const single = await load(pid, reserving([hot]));
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
        target: '≥ 1,500/s, p99 ≤ 50 ms',
        met: many.perSecond >= 1_500 && many.p99 <= 50 && failed === 0,
      },
      {
        name: `reserve over HTTP, one hot conference, ${CONNECTIONS} connections (vs 100 conferences)`,
        value: `${describe(single)}; ${retriesPerCommand.toFixed(3)} retries per command`,
        ratio: single.perSecond / many.perSecond,
        target: '≥ 0.5×',
        met: single.perSecond / many.perSecond >= 0.5,
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
  }
};
