import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { MongoClient } from 'mongodb';
import { bearer, type ServiceProcess, startServiceProcess } from '#libs/testing';
import { freshReadStoreUrl } from './consumer/projection.testing.js';

/** The edge's limits (README, "Limits"), set low for this service so that a test can reach them. */
const LIMITS = {
  RATE_LIMIT_WINDOW_MS: '60000',
  RATE_LIMIT_PER_ADDRESS: '40',
  RATE_LIMIT_PER_SUBJECT: '10',
  SSE_MAX_STREAMS_PER_ADDRESS: '5',
  SSE_MAX_STREAMS: '8',
};

const conferenceId = `limited-${randomUUID().slice(0, 8)}`;
let service: ServiceProcess;
let readStore: MongoClient;

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: string;
  /** Closes the connection: an event stream stays open until then. */
  close: () => void;
}

/** A GET from a chosen loopback address (all of 127.0.0.0/8 reaches the service). */
const getFrom = (localAddress: string, path: string, headers: Record<string, string> = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(service.url);
    const request = httpRequest({ host: hostname, port, path, localAddress, headers, agent: false }, (response) => {
      const answer = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        body: '',
        close: () => request.destroy(),
      };
      response.setEncoding('utf8');
      if (response.headers['content-type']?.startsWith('text/event-stream')) {
        resolve(answer);
        return;
      }
      response.on('data', (chunk: string) => (answer.body += chunk));
      response.on('end', () => resolve(answer));
    });
    request.on('error', reject);
    request.end();
  });

beforeAll(async () => {
  const readStoreUrl = freshReadStoreUrl();
  readStore = new MongoClient(readStoreUrl);
  // A conference in the live view, as the projection would have written it.
  await readStore
    .db()
    .collection('conference_availability')
    .insertOne({
      _id: conferenceId as never,
      conferenceId,
      name: 'Limited',
      seatTypes: [{ seatType: 'general', capacity: 1, held: 0, committed: 0, available: 1 }],
      version: 1,
      lastEventAt: new Date().toISOString(),
      projectedAt: new Date(),
    });
  service = await startServiceProcess('query-service', {
    READ_STORE_URL: readStoreUrl,
    KAFKA_TOPIC: `limits-${randomUUID()}`,
    CONSUMER_GROUP: `limits-${randomUUID()}`,
    ...LIMITS,
  });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await readStore?.db().dropDatabase();
  await readStore?.close();
});

describe('rate limits', () => {
  it("turn away one address past its budget with 429 and Retry-After, while another's are served", async () => {
    const statuses: number[] = [];
    for (let sent = 0; sent < 45; sent += 1) statuses.push((await getFrom('127.0.0.2', '/conferences')).status);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(40)).toEqual([429, 429, 429, 429, 429]);

    const refused = await getFrom('127.0.0.2', '/conferences');
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.parse(refused.body)).toMatchObject({ status: 429, type: expect.stringContaining('too-many-requests') });

    expect((await getFrom('127.0.0.3', '/conferences')).status).toBe(200);
    // Health stays open to the probes of an orchestrator.
    expect((await getFrom('127.0.0.2', '/health/live')).status).toBe(200);
  });

  it('turn away a signed-in person past its budget, whatever address it comes from, but not another', async () => {
    const alice = await bearer('alice');
    const statuses: number[] = [];
    for (let sent = 0; sent < 12; sent += 1) {
      statuses.push((await getFrom(`127.0.1.${sent + 1}`, '/me/reservations', alice)).status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(200), 429, 429]);
    expect((await getFrom('127.0.1.20', '/me/reservations', await bearer('bob'))).status).toBe(200);
  });
});

describe('live streams', () => {
  it('refuse a conference that is not in the views', async () => {
    expect((await getFrom('127.0.2.1', '/conferences/no-such-conference/availability/stream')).status).toBe(404);
  });

  it('cap the streams of one address, and of the service, and the service stays ready', async () => {
    const path = `/conferences/${conferenceId}/availability/stream`;
    const held: Answer[] = [];
    try {
      for (let n = 0; n < 5; n += 1) held.push(await getFrom('127.0.3.1', path));
      expect(held.map(({ status }) => status)).toEqual([200, 200, 200, 200, 200]);

      const attempts = await Promise.all(Array.from({ length: 5_000 }, () => getFrom('127.0.3.1', path)));
      expect(attempts.filter(({ status }) => status !== 429)).toEqual([]);
      expect(Number(attempts[0]!.headers['retry-after'])).toBeGreaterThan(0);

      for (let n = 0; n < 3; n += 1) held.push(await getFrom('127.0.3.2', path));
      expect(held.map(({ status }) => status)).toEqual(Array<number>(8).fill(200));
      expect((await getFrom('127.0.3.3', path)).status).toBe(429); // the service's own cap
      expect((await getFrom('127.0.3.4', '/health/ready')).status).toBe(200);
    } finally {
      for (const stream of held) stream.close();
    }
    // Closed streams give their places back (127.0.3.1 has spent its request budget by now).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await getFrom('127.0.3.5', path);
    again.close();
    expect(again.status).toBe(200);
  }, 60_000);
});

describe('bounded parameters', () => {
  it.each(['minVersion=99999999999', 'minVersion=-1', 'waitMs=10001', 'minVersion=1e400'])(
    'answer 400, never 500, to %s',
    async (query) => {
      const response = await getFrom('127.0.4.1', `/conferences/${conferenceId}/availability?${query}`);
      expect(response.status).toBe(400);
    },
  );
});
