import supertest from 'supertest';
import { bearer, type DevUser, type HttpApp, uniqueId } from '#libs/testing';
import { startCommandService } from '../command-service.testing.js';

/**
 * Who may do what on the command side (README, "Who may do what"): every route × every kind of caller, each
 * on a conference of its own that olivia organizes and in which alice holds the reservation `alices`.
 */
type Caller = DevUser | 'anonymous';
const CALLERS: Caller[] = ['anonymous', 'alice', 'bob', 'olivia', 'oscar', 'admin'];
const seats = [{ seatType: 'general', quantity: 1 }];

let service: HttpApp;
beforeAll(async () => {
  service = await startCommandService();
});
afterAll(() => service.close());

const as = async (caller: Caller, method: 'get' | 'post' | 'delete', path: string, body?: object) => {
  const request = supertest(service.app.getHttpServer())[method](path);
  if (caller !== 'anonymous') void request.set(await bearer(caller));
  return body ? request.send(body) : request;
};

const ownedConference = async (): Promise<string> => {
  const conferenceId = uniqueId('owned');
  const seatTypes = [{ seatType: 'general', quantity: 10 }];
  expect((await as('olivia', 'post', '/conferences', { conferenceId, name: 'Owned', seatTypes })).status).toBe(201);
  const reserved = await as('alice', 'post', `/conferences/${conferenceId}/reservations`, {
    reservationId: 'alices',
    seats,
  });
  expect(reserved.status).toBe(201);
  return conferenceId;
};

/** How many events the conference has (0: it does not exist), read as an admin. */
const eventCount = async (conferenceId: string): Promise<number> => {
  const { status, body } = await as('admin', 'get', `/conferences/${conferenceId}/events?limit=1000`);
  return status === 404 ? 0 : (body as { events: unknown[] }).events.length;
};

interface Route {
  method: 'get' | 'post' | 'delete';
  /** The path on the conference `conferenceId` (and the conference to count events of). */
  path: (conferenceId: string) => string;
  body?: object;
  expected: Record<Caller, number>;
}

const OWNER_OK = { anonymous: 401, alice: 403, bob: 403, olivia: 200, oscar: 403, admin: 200 };
const HOLDER_OK = { anonymous: 401, alice: 200, bob: 403, olivia: 403, oscar: 403, admin: 200 };

const ROUTES: Record<string, Route> = {
  'POST /conferences': {
    method: 'post',
    path: () => '/conferences',
    body: { name: 'New', seatTypes: [] },
    expected: { anonymous: 401, alice: 403, bob: 403, olivia: 201, oscar: 201, admin: 201 },
  },
  'POST …/capacity': {
    method: 'post',
    path: (id) => `/conferences/${id}/capacity`,
    body: { seatType: 'general', delta: 1 },
    expected: OWNER_OK,
  },
  'POST …/reservations (a new one)': {
    method: 'post',
    path: (id) => `/conferences/${id}/reservations`,
    body: { seats },
    expected: { anonymous: 401, alice: 201, bob: 201, olivia: 201, oscar: 201, admin: 201 },
  },
  "POST …/reservations (alice's again)": {
    method: 'post',
    path: (id) => `/conferences/${id}/reservations`,
    body: { reservationId: 'alices', seats: [{ seatType: 'general', quantity: 2 }] },
    expected: HOLDER_OK,
  },
  'POST …/reservations/alices/commit': {
    method: 'post',
    path: (id) => `/conferences/${id}/reservations/alices/commit`,
    expected: HOLDER_OK,
  },
  'DELETE …/reservations/alices': {
    method: 'delete',
    path: (id) => `/conferences/${id}/reservations/alices`,
    expected: { ...HOLDER_OK, olivia: 200 },
  },
  'GET …/events': { method: 'get', path: (id) => `/conferences/${id}/events`, expected: OWNER_OK },
  'GET …/state?version=1': { method: 'get', path: (id) => `/conferences/${id}/state?version=1`, expected: OWNER_OK },
};

describe.each(Object.entries(ROUTES))('%s', (_, { method, path, body, expected }) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const conferenceId = await ownedConference();
    // Creating a conference names the new one; every other route acts on the owned conference.
    const target = path(conferenceId) === '/conferences' ? uniqueId('new') : conferenceId;
    const before = await eventCount(target);

    const response = await as(
      caller,
      method,
      path(conferenceId),
      target === conferenceId ? body : { ...body, conferenceId: target },
    );

    expect(response.status).toBe(expected[caller]);
    if (response.status >= 400) {
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      // Refused: nothing written, and nothing told about the reservation or its holder.
      expect(await eventCount(target)).toBe(before);
      expect(JSON.stringify(response.body)).not.toMatch(/general|holder[^ ]|"alice"/);
    }
    if (response.status === 401) {
      expect(response.headers['www-authenticate']).toBe('Bearer realm="seat-reservations"');
    }
  });
});

describe('a token that is not valid', () => {
  const withToken = async (token: string) => {
    const conferenceId = await ownedConference();
    const before = await eventCount(conferenceId);
    const response = await supertest(service.app.getHttpServer())
      .post(`/conferences/${conferenceId}/reservations`)
      .set('authorization', `Bearer ${token}`)
      .send({ seats });
    expect(await eventCount(conferenceId)).toBe(before);
    return response;
  };

  it.each([
    ['malformed', () => Promise.resolve('not-a-jwt')],
    [
      'signed by no one (alg: none)',
      async () => `eyJhbGciOiJub25lIn0.${(await bearer('alice')).authorization.split('.')[1]}.`,
    ],
    [
      'with a forged claim (wrong signature)',
      async () => {
        const [header, payload, signature] = (await bearer('alice')).authorization.slice('Bearer '.length).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
        const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    ],
  ])('answers 401 with an invalid_token challenge when %s, and writes nothing', async (_, token) => {
    const response = await withToken(await token());
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="seat-reservations", error="invalid_token"/);
  });
});

describe('what is recorded', () => {
  it('names the organizer, the holder and, as the actor, the subject of the token', async () => {
    const conferenceId = await ownedConference();
    const { body } = await as('olivia', 'get', `/conferences/${conferenceId}/events`);
    expect(body.events[0]).toMatchObject({ data: { organizerId: 'olivia' }, metadata: { actor: 'olivia' } });
    expect(body.events[1]).toMatchObject({ data: { holderId: 'alice' }, metadata: { actor: 'alice' } });
  });

  it("keeps the holder when an admin re-reserves someone's reservation", async () => {
    const conferenceId = await ownedConference();
    const again = { reservationId: 'alices', seats: [{ seatType: 'general', quantity: 3 }] };
    expect((await as('admin', 'post', `/conferences/${conferenceId}/reservations`, again)).status).toBe(200);
    const { body } = await as('admin', 'get', `/conferences/${conferenceId}/events`);
    expect(body.events[2]).toMatchObject({ data: { holderId: 'alice' }, metadata: { actor: 'admin' } });
  });
});
