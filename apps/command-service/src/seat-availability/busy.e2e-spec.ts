import { randomUUID } from 'node:crypto';
import { type CuttingProxy, eventually, freshEventStoreUrl, type HttpApp, startCuttingProxy } from '#libs/testing';
import { createConference, startCommandService } from '../command-service.testing.js';

/** A conference's command queue is bounded: past it, 503 conference-busy, and nothing written for those. */
let proxy: CuttingProxy;
let service: HttpApp;
beforeAll(async () => {
  const eventStoreUrl = await freshEventStoreUrl('busy');
  proxy = await startCuttingProxy(eventStoreUrl);
  service = await startCommandService({
    EVENT_STORE_URL: proxy.urlFor(eventStoreUrl),
    COMMAND_QUEUE_MAX: '2',
    COMMAND_BATCH_MAX: '1',
  });
}, 60_000);
afterAll(async () => {
  await service?.close();
  await proxy?.close();
});

describe('a conference with as many commands waiting as it may', () => {
  it('answers the next ones 503 conference-busy with Retry-After, and writes only what it took', async () => {
    const conferenceId = await createConference(service, { general: 100 });
    const reserve = () =>
      service
        .http()
        .post(`/conferences/${conferenceId}/reservations`)
        .send({ reservationId: randomUUID(), seats: [{ seatType: 'general', quantity: 1 }] });

    // The first reservation's append is held on its way to PostgreSQL, so its batch stays running.
    const held = proxy.holdAt('event-store-append');
    const first = reserve().then((response) => response);
    const release = await held;
    let answered = 0;
    const others = Array.from({ length: 20 }, () =>
      reserve().then((response) => {
        answered += 1;
        return response;
      }),
    );
    // Two wait behind the running batch; the other 18 are turned away at once.
    await eventually(() => expect(answered).toBe(18));
    release();
    const answers = await Promise.all(others);

    expect((await first).status).toBe(201);
    const busy = answers.filter(({ status }) => status === 503);
    expect(answers.filter(({ status }) => status === 201)).toHaveLength(2);
    expect(busy).toHaveLength(18);
    for (const { body, headers } of busy) {
      expect(body).toMatchObject({ type: 'urn:seat-reservations:problem:conference-busy', status: 503 });
      expect(headers['retry-after']).toBe('1');
    }
    const { body } = await service.http().get(`/conferences/${conferenceId}/events`).expect(200);
    expect(body.events).toHaveLength(1 + 3);
  });
});
