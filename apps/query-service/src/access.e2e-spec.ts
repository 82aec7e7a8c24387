import { randomUUID } from 'node:crypto';
import {
  bearer,
  type DevUser,
  eventually,
  fetchAs,
  freshEventStoreUrl,
  type ServiceProcess,
  startServiceProcess,
} from '#libs/testing';
import { deleteTopics, relayed, startQueryService } from './consumer/projection.testing.js';

/** Who may read what on the query side (README, "Who may do what"): every route × every kind of caller. */
type Caller = DevUser | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'alice', 'bob', 'olivia', 'oscar', 'admin'];

const topic = `access-${randomUUID()}`;
const conferenceId = `owned-${randomUUID().slice(0, 8)}`;
let commands: ServiceProcess;
let query: ServiceProcess;

const as = async (caller: Caller, path: string, init: RequestInit = {}): Promise<Response> =>
  caller === 'anonymous' ? fetch(`${query.url}${path}`, init) : fetchAs(`${query.url}${path}`, caller, init);

beforeAll(async () => {
  commands = await startServiceProcess('command-service', {
    EVENT_STORE_URL: await freshEventStoreUrl('access'),
    KAFKA_TOPIC: topic,
  });
  const seats = [{ seatType: 'general', quantity: 1 }];
  const command = async (user: DevUser, path: string, body: object) => {
    const response = await fetch(`${commands.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer(user)) },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
  };
  await command('olivia', '/conferences', {
    conferenceId,
    name: 'Owned',
    seatTypes: [{ seatType: 'general', quantity: 9 }],
  });
  await command('alice', `/conferences/${conferenceId}/reservations`, { reservationId: 'alices', seats });
  await command('bob', `/conferences/${conferenceId}/reservations`, { reservationId: 'bobs', seats });
  await relayed(commands);
  ({ service: query } = await startQueryService(topic));
  await eventually(async () => {
    const view = (await (await as('anonymous', `/conferences/${conferenceId}/availability`)).json()) as {
      version?: number;
    };
    expect(view.version).toBe(3);
  });
}, 120_000);

afterAll(async () => {
  await Promise.all([commands?.stop(), query?.stop()]);
  await deleteTopics([topic]);
});

const EVERYONE = { anonymous: 200, alice: 200, bob: 200, olivia: 200, oscar: 200, admin: 200 };
const SIGNED_IN = { ...EVERYONE, anonymous: 401 };
const OWNER = { anonymous: 401, alice: 403, bob: 403, olivia: 200, oscar: 403, admin: 200 };
const ADMIN = { anonymous: 401, alice: 403, bob: 403, olivia: 403, oscar: 403, admin: 200 };

const MATRIX: [string, Record<Caller, number>][] = [
  ['/', EVERYONE],
  ['/conferences', EVERYONE],
  [`/conferences/${conferenceId}/availability`, EVERYONE],
  [`/conferences/${conferenceId}/reservations`, OWNER],
  [`/conferences/${conferenceId}/reservations/alices`, { ...OWNER, alice: 200 }],
  // The sales view is built by a replay only: its owner and admins are let through, to hear it is not built.
  [`/conferences/${conferenceId}/sales`, { ...OWNER, olivia: 503, admin: 503 }],
  ['/me/reservations', SIGNED_IN],
  ['/admin/parked', ADMIN],
  [`/admin/rebuild/${randomUUID()}`, { ...ADMIN, admin: 404 }],
  ['/health/ready', EVERYONE],
];

describe.each(MATRIX)('GET %s', (path, expected) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const response = await as(caller, path);
    expect(response.status).toBe(expected[caller]);
    if (response.status >= 400) {
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // A refusal tells nothing of the reservations beyond the path the caller sent.
      const { instance, ...problem } = (await response.json()) as { instance: string };
      expect(instance).toBe(path);
      expect(JSON.stringify(problem)).not.toMatch(/alice|bob|general|seats/);
    }
  });
});

describe('readiness', () => {
  it('shows each check only as up or down to anyone, and its details to an admin', async () => {
    const anonymous = (await (await as('anonymous', '/health/ready')).json()) as { checks: Record<string, object> };
    for (const check of Object.values(anonymous.checks)) expect(Object.keys(check)).toEqual(['status']);
    const alice = (await (await as('alice', '/health/ready')).json()) as { checks: Record<string, object> };
    expect(alice).toEqual(anonymous);
    const admin = (await (await as('admin', '/health/ready')).json()) as { checks: Record<string, object> };
    expect(admin.checks).toMatchObject({ projection: { details: { parkedConferences: 0 } } });
  });
});

describe('the availability stream', () => {
  it.each(CALLERS)('is open to %s', async (caller) => {
    const aborted = new AbortController();
    const response = await as(caller, `/conferences/${conferenceId}/availability/stream`, { signal: aborted.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    aborted.abort();
  });
});

describe('POST /admin/rebuild', () => {
  it.each(CALLERS.filter((caller) => caller !== 'admin'))('is refused to %s', async (caller) => {
    const response = await as(caller, '/admin/rebuild', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ view: 'availability' }),
    });
    expect(response.status).toBe(ADMIN[caller]);
  });
});

describe('GET /me/reservations', () => {
  it.each([
    ['alice', ['alices']],
    ['bob', ['bobs']],
    ['olivia', []],
  ] as const)('gives %s its own reservations only', async (caller, expected) => {
    const mine = (await (await as(caller, '/me/reservations')).json()) as {
      conferenceId: string;
      reservationId: string;
    }[];
    expect(mine.map(({ reservationId }) => reservationId)).toEqual(expected);
    for (const reservation of mine)
      expect(reservation).toMatchObject({ conferenceId, holderId: caller, status: 'held' });
  });

  it('refuses a cursor that is not conferenceId/reservationId', async () => {
    const response = await as('alice', '/me/reservations?after=not-a-pair');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ path: '/after' }] });
  });
});
