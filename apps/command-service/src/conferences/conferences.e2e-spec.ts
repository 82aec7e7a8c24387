import { type HttpApp, uniqueId } from '#libs/testing';
import { createConference, startCommandService } from '../command-service.testing.js';

let service: HttpApp;
beforeAll(async () => {
  service = await startCommandService();
});
afterAll(() => service.close());

const create = (body: object) => service.http().post('/conferences').send(body);

describe('POST /conferences', () => {
  it('creates a conference: 201, its id and version 1, and where it lives', async () => {
    const conferenceId = uniqueId('conf');
    const response = await create({
      conferenceId,
      name: 'DevConf',
      seatTypes: [{ seatType: 'general', quantity: 10 }],
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ conferenceId, version: 1 });
    expect(response.headers.location).toBe(`/conferences/${conferenceId}`);
  });

  it('makes up an id when none is given', async () => {
    const response = await create({ name: 'No id', seatTypes: [] });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ conferenceId: expect.stringMatching(/^[0-9a-f-]{36}$/), version: 1 });
  });

  it('answers 409 for an id that exists', async () => {
    const conferenceId = uniqueId('conf');
    await create({ conferenceId, name: 'First', seatTypes: [] });

    const response = await create({ conferenceId, name: 'Second', seatTypes: [] });

    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'urn:seat-reservations:problem:conference-exists', status: 409 });
  });
});

describe('POST /conferences/:conferenceId/capacity', () => {
  const conferenceWith = (general: number) => createConference(service, { general });
  const changeCapacity = (conferenceId: string, body: object) =>
    service.http().post(`/conferences/${conferenceId}/capacity`).send(body);

  it('adds seats and answers the new version', async () => {
    const conferenceId = await conferenceWith(10);

    const response = await changeCapacity(conferenceId, { seatType: 'general', delta: 5 });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ version: 2 });
  });

  it('adds a new seat type', async () => {
    const conferenceId = await conferenceWith(10);

    expect((await changeCapacity(conferenceId, { seatType: 'vip', delta: 2 })).body).toEqual({ version: 2 });
  });

  it('answers 409 when capacity would drop below what is reserved', async () => {
    const conferenceId = await conferenceWith(10);
    await service
      .http()
      .post(`/conferences/${conferenceId}/reservations`)
      .send({ seats: [{ seatType: 'general', quantity: 8 }] });

    const response = await changeCapacity(conferenceId, { seatType: 'general', delta: -3 });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      type: 'urn:seat-reservations:problem:capacity-below-reserved',
      seatType: 'general',
      requestedCapacity: 7,
      reserved: 8,
    });
  });

  it('answers 404 for an unknown conference', async () => {
    const response = await changeCapacity(uniqueId('missing'), { seatType: 'general', delta: 5 });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: 'urn:seat-reservations:problem:conference-not-found' });
  });

  it('answers 400 naming the field for a change of zero', async () => {
    const response = await changeCapacity(await conferenceWith(10), { seatType: 'general', delta: 0 });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: '/delta', message: 'must not be 0' }]);
  });
});

describe('an unknown route', () => {
  it('answers 404 as a problem', async () => {
    const response = await service.http().get('/no-such-route');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, instance: '/no-such-route' });
  });
});
