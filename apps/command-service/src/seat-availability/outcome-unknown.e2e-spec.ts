import { randomUUID } from 'node:crypto';
import { type CuttingProxy, freshEventStoreUrl, type HttpApp, startCuttingProxy } from '#libs/testing';
import { startCommandService } from '../command-service.testing.js';

/**
 * A connection lost after the append was sent: the append commits, but the service cannot know. It must
 * not say that nothing was done; the client's retry with its Idempotency-Key must do it exactly once.
 */
let proxy: CuttingProxy;
let service: HttpApp;

beforeAll(async () => {
  const eventStoreUrl = await freshEventStoreUrl('outcome');
  proxy = await startCuttingProxy(eventStoreUrl);
  service = await startCommandService({ EVENT_STORE_URL: proxy.urlFor(eventStoreUrl) });
}, 60_000);
afterAll(async () => {
  await service?.close();
  await proxy?.close();
});

describe('a connection lost while an append is answered', () => {
  it('answers 503 outcome-unknown, and the retry under the same Idempotency-Key does the command once', async () => {
    const conferenceId = `outcome-${randomUUID().slice(0, 8)}`;
    const seatTypes = [{ seatType: 'general', quantity: 10 }];
    await service.http().post('/conferences').send({ conferenceId, name: 'Outcome', seatTypes }).expect(201);
    const key = randomUUID();
    const reserve = () =>
      service
        .http()
        .post(`/conferences/${conferenceId}/reservations`)
        .set('Idempotency-Key', key)
        .send({ reservationId: 'r1', seats: [{ seatType: 'general', quantity: 3 }] });

    const cut = proxy.cutAfter('event-store-append');
    const lost = await reserve();
    await cut;
    expect(lost.status).toBe(503);
    expect(lost.headers['retry-after']).toBeDefined();
    expect(lost.body).toMatchObject({ type: 'urn:seat-reservations:problem:outcome-unknown', status: 503 });
    expect(lost.body.detail).toMatch(/same Idempotency-Key/);

    const retried = await reserve();
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ reservationId: 'r1', version: 2 });
    const { body } = await service.http().get(`/conferences/${conferenceId}/events`).expect(200);
    expect(body.events.map(({ type }: { type: string }) => type)).toEqual(['ConferenceCreated', 'SeatsReserved']);
  }, 60_000);
});
