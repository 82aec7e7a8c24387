import supertest from 'supertest';
import { bearer, type DevUser, type HttpApp, uniqueId } from '#libs/testing';
import { startCommandService } from '../command-service.testing.js';

/** Who may do what on the command side (README, "Who may do what"), one request per cell. */
let service: HttpApp;
const as = async (user: DevUser | 'anonymous', method: 'get' | 'post' | 'delete', path: string, body?: object) => {
  const request = supertest(service.app.getHttpServer())[method](path);
  if (user !== 'anonymous') void request.set(await bearer(user));
  return body ? request.send(body) : request;
};

let conferenceId: string;
const seats = [{ seatType: 'general', quantity: 1 }];

beforeAll(async () => {
  service = await startCommandService();
  conferenceId = uniqueId('owned');
  const created = await as('olivia', 'post', '/conferences', {
    conferenceId,
    name: 'Owned',
    seatTypes: [{ seatType: 'general', quantity: 10 }],
  });
  expect(created.status).toBe(201);
  expect(
    (await as('alice', 'post', `/conferences/${conferenceId}/reservations`, { reservationId: 'alices', seats })).status,
  ).toBe(201);
});
afterAll(() => service.close());

describe('without a valid token', () => {
  it('answers 401 problem+json with a Bearer challenge', async () => {
    const anonymous = await as('anonymous', 'post', `/conferences/${conferenceId}/reservations`, { seats });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer realm="seat-reservations"');
    const forged = await supertest(service.app.getHttpServer())
      .post(`/conferences/${conferenceId}/reservations`)
      .set('authorization', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.')
      .send({ seats });
    expect(forged.status).toBe(401);
    expect(forged.headers['www-authenticate']).toMatch(/^Bearer realm="seat-reservations", error="invalid_token"/);
  });

  it('leaves health and the OpenAPI document open', async () => {
    expect((await as('anonymous', 'get', '/health/live')).status).toBe(200);
  });
});

describe('organizers', () => {
  it('alone create conferences (admins too); a buyer gets 403', async () => {
    const body = (name: string) => ({ conferenceId: uniqueId(name), name, seatTypes: [] });
    expect((await as('alice', 'post', '/conferences', body('by-alice'))).status).toBe(403);
    expect((await as('admin', 'post', '/conferences', body('by-admin'))).status).toBe(201);
  });

  it('change the capacity of their own conferences only', async () => {
    const change = { seatType: 'general', delta: 1 };
    expect((await as('bob', 'post', `/conferences/${conferenceId}/capacity`, change)).status).toBe(403);
    expect((await as('olivia', 'post', `/conferences/${conferenceId}/capacity`, change)).status).toBe(200);
    expect((await as('admin', 'post', `/conferences/${conferenceId}/capacity`, change)).status).toBe(200);
  });

  it("read their own conference's audit trail and past states only", async () => {
    for (const path of ['events', 'state?version=1']) {
      expect((await as('bob', 'get', `/conferences/${conferenceId}/${path}`)).status).toBe(403);
      expect((await as('olivia', 'get', `/conferences/${conferenceId}/${path}`)).status).toBe(200);
    }
    const { body } = await as('olivia', 'get', `/conferences/${conferenceId}/events`);
    expect(body.events[0].data.organizerId).toBe('olivia');
    expect(body.events[1]).toMatchObject({ data: { holderId: 'alice' }, metadata: { actor: 'alice' } });
  });
});

describe('buyers', () => {
  it("cannot re-reserve, commit or cancel someone else's reservation, and learn nothing of it", async () => {
    const path = `/conferences/${conferenceId}/reservations/alices`;
    const attempts = [
      await as('bob', 'post', `/conferences/${conferenceId}/reservations`, { reservationId: 'alices', seats }),
      await as('bob', 'post', `${path}/commit`),
      await as('bob', 'delete', path),
    ];
    for (const refused of attempts) {
      expect(refused.status).toBe(403);
      expect(JSON.stringify(refused.body)).not.toMatch(/general|holder[^ ]|"alice"/);
    }
  });

  it('commit their own reservation; its organizer may cancel one', async () => {
    expect((await as('alice', 'post', `/conferences/${conferenceId}/reservations/alices/commit`)).status).toBe(200);
    const other = await as('bob', 'post', `/conferences/${conferenceId}/reservations`, {
      reservationId: 'bobs',
      seats,
    });
    expect(other.status).toBe(201);
    expect((await as('olivia', 'delete', `/conferences/${conferenceId}/reservations/bobs`)).status).toBe(200);
  });
});
