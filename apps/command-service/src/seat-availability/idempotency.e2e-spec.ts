import { type HttpApp, uniqueId } from '#libs/testing';
import { createConference, startCommandService } from '../command-service.testing.js';

let service: HttpApp;
let conferenceId: string;

beforeAll(async () => {
  service = await startCommandService();
  conferenceId = await createConference(service, { general: 100 });
});
afterAll(() => service.close());

const reserve = (key: string, quantity: number, http = service.http()) =>
  http
    .post(`/conferences/${conferenceId}/reservations`)
    .set('Idempotency-Key', key)
    .send({ seats: [{ seatType: 'general', quantity }] });
const version = async () => (await service.http().get(`/conferences/${conferenceId}/state`)).body.version as number;

describe('Idempotency-Key', () => {
  it('answers a repeat with the first response and writes nothing', async () => {
    const key = uniqueId('key');
    const first = await reserve(key, 2);
    const versionAfterFirst = await version();

    const repeat = await reserve(key, 2);

    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(await version()).toBe(versionAfterFirst);
  });

  it('records the key in the metadata of the events it caused', async () => {
    const key = uniqueId('key');
    const { body } = await reserve(key, 1);

    const { body: audit } = await service.http().get(`/conferences/${conferenceId}/events?after=${body.version - 1}`);

    expect(audit.events[0].metadata.idempotencyKey).toBe(key);
  });

  it('answers 422 when the key comes back with another body, and writes nothing', async () => {
    const key = uniqueId('key');
    await reserve(key, 2);
    const before = await version();

    const other = await reserve(key, 3);

    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: 'urn:seat-reservations:problem:idempotency-key-reused' });
    expect(other.body.errors).toEqual([{ path: 'Idempotency-Key', message: expect.any(String) }]);
    expect(await version()).toBe(before);
  });

  it('lets only one of many simultaneous requests with the same key write', async () => {
    const key = uniqueId('key');
    const before = await version();

    const responses = await Promise.all(Array.from({ length: 10 }, () => reserve(key, 1)));

    expect(await version()).toBe(before + 1);
    expect(new Set(responses.map(({ status, body }) => JSON.stringify([status, body]))).size).toBe(1);
  });

  it('forgets a key once it expires', async () => {
    const shortLived = await startCommandService({ IDEMPOTENCY_TTL_SECONDS: '1' });
    try {
      const key = uniqueId('key');
      const first = await reserve(key, 1, shortLived.http());
      await new Promise((resolve) => setTimeout(resolve, 1_100));

      const later = await reserve(key, 1, shortLived.http());

      expect(later.status).toBe(201);
      expect(later.body.reservationId).not.toBe(first.body.reservationId);
      expect(later.headers['idempotent-replayed']).toBeUndefined();
    } finally {
      await shortLived.close();
    }
  });
});
