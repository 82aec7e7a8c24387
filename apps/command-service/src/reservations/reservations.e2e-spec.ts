import { type HttpApp, uniqueId } from '#libs/testing';
import { createConference, startCommandService } from '../command-service.testing.js';

let service: HttpApp;
beforeAll(async () => {
  service = await startCommandService();
});
afterAll(() => service.close());

const conference = (seats: Record<string, number>) => createConference(service, seats);
const reserve = (conferenceId: string, body: object) =>
  service.http().post(`/conferences/${conferenceId}/reservations`).send(body);
const commit = (conferenceId: string, reservationId: string) =>
  service.http().post(`/conferences/${conferenceId}/reservations/${reservationId}/commit`);
const cancel = (conferenceId: string, reservationId: string) =>
  service.http().delete(`/conferences/${conferenceId}/reservations/${reservationId}`);

describe('POST /conferences/:conferenceId/reservations', () => {
  it('answers 201 with the seats granted, the version, and where the reservation lives', async () => {
    const conferenceId = await conference({ general: 10 });

    const response = await reserve(conferenceId, {
      reservationId: 'r1',
      seats: [{ seatType: 'general', quantity: 4 }],
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ reservationId: 'r1', seats: [{ seatType: 'general', quantity: 4 }], version: 2 });
    expect(response.headers.location).toBe(`/conferences/${conferenceId}/reservations/r1`);
  });

  it('answers 200 for a re-reservation, which replaces the hold', async () => {
    const conferenceId = await conference({ general: 10 });
    await reserve(conferenceId, { reservationId: 'r1', seats: [{ seatType: 'general', quantity: 4 }] });

    const response = await reserve(conferenceId, {
      reservationId: 'r1',
      seats: [{ seatType: 'general', quantity: 9 }],
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ reservationId: 'r1', seats: [{ seatType: 'general', quantity: 9 }], version: 3 });
  });

  it('grants part of what was asked when allowPartial is true', async () => {
    const conferenceId = await conference({ general: 3, vip: 1 });

    const response = await reserve(conferenceId, {
      seats: [
        { seatType: 'general', quantity: 5 },
        { seatType: 'vip', quantity: 1 },
      ],
      allowPartial: true,
    });

    expect(response.status).toBe(201);
    expect(response.body.seats).toEqual([
      { seatType: 'general', quantity: 3 },
      { seatType: 'vip', quantity: 1 },
    ]);
  });

  it('answers 409 not-enough-seats with what is available per type, and records nothing', async () => {
    const conferenceId = await conference({ general: 3, vip: 1 });

    const response = await reserve(conferenceId, {
      seats: [
        { seatType: 'general', quantity: 5 },
        { seatType: 'vip', quantity: 1 },
      ],
    });

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({
      type: 'urn:seat-reservations:problem:not-enough-seats',
      available: [
        { seatType: 'general', quantity: 3 },
        { seatType: 'vip', quantity: 1 },
      ],
    });
    const { body } = await service.http().get(`/conferences/${conferenceId}/state`);
    expect(body.version).toBe(1);
  });

  it('answers 404 for an unknown conference', async () => {
    expect((await reserve(uniqueId('missing'), { seats: [{ seatType: 'general', quantity: 1 }] })).status).toBe(404);
  });
});

describe('POST /conferences/:conferenceId/reservations/:reservationId/commit', () => {
  it('commits, and committing again answers the same version without a new event', async () => {
    const conferenceId = await conference({ general: 10 });
    await reserve(conferenceId, { reservationId: 'r1', seats: [{ seatType: 'general', quantity: 2 }] });

    expect((await commit(conferenceId, 'r1')).body).toEqual({ version: 3 });
    const again = await commit(conferenceId, 'r1');

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ version: 3 });
  });

  it('answers 404 for an unknown reservation and 409 for a cancelled one', async () => {
    const conferenceId = await conference({ general: 10 });
    await reserve(conferenceId, { reservationId: 'r1', seats: [{ seatType: 'general', quantity: 2 }] });
    await cancel(conferenceId, 'r1');

    expect((await commit(conferenceId, 'r2')).status).toBe(404);
    const cancelled = await commit(conferenceId, 'r1');
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.type).toBe('urn:seat-reservations:problem:reservation-cancelled');
  });
});

describe('DELETE /conferences/:conferenceId/reservations/:reservationId', () => {
  it('cancels, and cancelling again answers the same version without a new event', async () => {
    const conferenceId = await conference({ general: 10 });
    await reserve(conferenceId, { reservationId: 'r1', seats: [{ seatType: 'general', quantity: 2 }] });

    expect((await cancel(conferenceId, 'r1')).body).toEqual({ version: 3 });
    expect((await cancel(conferenceId, 'r1')).body).toEqual({ version: 3 });
  });

  it('answers 409 for a committed reservation and 404 for an unknown one', async () => {
    const conferenceId = await conference({ general: 10 });
    await reserve(conferenceId, { reservationId: 'r1', seats: [{ seatType: 'general', quantity: 2 }] });
    await commit(conferenceId, 'r1');

    const committed = await cancel(conferenceId, 'r1');
    expect(committed.status).toBe(409);
    expect(committed.body.type).toBe('urn:seat-reservations:problem:reservation-committed');
    expect((await cancel(conferenceId, 'nobody')).status).toBe(404);
  });
});
