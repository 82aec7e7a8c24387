import { bearer, type HttpApp, uniqueId } from '#libs/testing';
import { startCommandService } from '../command-service.testing.js';

let service: HttpApp;
let conferenceId: string;
let afterReservation: string;

beforeAll(async () => {
  service = await startCommandService();
  conferenceId = uniqueId('conf');
  const http = service.http();
  await http
    .post('/conferences')
    .send({ conferenceId, name: 'Audited', seatTypes: [{ seatType: 'general', quantity: 10 }] })
    .expect(201);
  await http
    .post(`/conferences/${conferenceId}/reservations`)
    .set('X-Correlation-Id', 'checkout-42')
    .set(await bearer('alice'))
    .set('X-Actor', 'mallory') // the actor comes from the token, never from a header
    .send({ reservationId: 'r1', seats: [{ seatType: 'general', quantity: 3 }] })
    .expect(201);
  const { body } = await http.get(`/conferences/${conferenceId}/events`).expect(200);
  afterReservation = body.events[1].occurredAt;
  await new Promise((resolve) => setTimeout(resolve, 10));
  await http.post(`/conferences/${conferenceId}/reservations/r1/commit`).expect(200);
});
afterAll(() => service.close());

describe('GET /conferences/:conferenceId/events', () => {
  it('lists the events in order with their metadata', async () => {
    const { status, body } = await service.http().get(`/conferences/${conferenceId}/events`);

    expect(status).toBe(200);
    expect(
      body.events.map(({ streamVersion, type }: { streamVersion: number; type: string }) => [streamVersion, type]),
    ).toEqual([
      [1, 'ConferenceCreated'],
      [2, 'SeatsReserved'],
      [3, 'SeatReservationCommitted'],
    ]);
    expect(body.events[1].metadata).toMatchObject({ correlationId: 'checkout-42', actor: 'alice' });
    expect(body.events[1].data).toEqual({
      conferenceId,
      reservationId: 'r1',
      seats: [{ seatType: 'general', quantity: 3 }],
      delta: [{ seatType: 'general', quantity: 3 }],
      holderId: 'alice',
    });
    expect(body.events[0].globalPosition).toBeLessThan(body.events[2].globalPosition);
  });

  it('pages with after and limit', async () => {
    const { body } = await service.http().get(`/conferences/${conferenceId}/events?after=1&limit=1`);

    expect(body.events.map(({ streamVersion }: { streamVersion: number }) => streamVersion)).toEqual([2]);
  });

  it('answers 404 for an unknown conference and 400 for a bad limit', async () => {
    expect((await service.http().get(`/conferences/${uniqueId('missing')}/events`)).status).toBe(404);
    const bad = await service.http().get(`/conferences/${conferenceId}/events?limit=5000`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('/limit');
  });
});

describe('GET /conferences/:conferenceId/state', () => {
  it('answers the current state by default', async () => {
    const { body } = await service.http().get(`/conferences/${conferenceId}/state`);

    expect(body).toMatchObject({
      version: 3,
      seatTypes: [{ seatType: 'general', capacity: 10, held: 0, committed: 3, available: 7 }],
      reservations: [{ reservationId: 'r1', status: 'committed', seats: [{ seatType: 'general', quantity: 3 }] }],
    });
  });

  it('answers the state right after a given version', async () => {
    const { body } = await service.http().get(`/conferences/${conferenceId}/state?version=2`);

    expect(body).toMatchObject({
      version: 2,
      seatTypes: [{ seatType: 'general', held: 3, committed: 0, available: 7 }],
      reservations: [{ reservationId: 'r1', status: 'held' }],
    });
  });

  it('answers the state at a moment', async () => {
    const { body } = await service.http().get(`/conferences/${conferenceId}/state`).query({ at: afterReservation });

    expect(body).toMatchObject({ version: 2, reservations: [{ reservationId: 'r1', status: 'held' }] });
  });

  it('answers 404 before the conference existed or beyond its last version', async () => {
    const http = service.http();
    expect((await http.get(`/conferences/${conferenceId}/state`).query({ at: '2000-01-01T00:00:00Z' })).status).toBe(
      404,
    );
    expect((await http.get(`/conferences/${conferenceId}/state?version=99`)).status).toBe(404);
  });

  it('answers 400 for a malformed moment, or for both version and at', async () => {
    const http = service.http();
    const malformed = await http.get(`/conferences/${conferenceId}/state?at=yesterday`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].path).toBe('/at');
    const both = await http.get(`/conferences/${conferenceId}/state`).query({ version: 1, at: afterReservation });
    expect(both.status).toBe(400);
  });
});
