import { type HttpApp } from '#libs/testing';
import { createConference, startCommandService } from '../command-service.testing.js';

/** A conference's command queue is bounded: past it, 503 conference-busy, and nothing written for those. */
let service: HttpApp;
beforeAll(async () => {
  service = await startCommandService({ COMMAND_QUEUE_MAX: '2', COMMAND_BATCH_MAX: '1' });
});
afterAll(() => service.close());

describe('a conference with as many commands waiting as it may', () => {
  it('answers the next ones 503 conference-busy with Retry-After, and writes only what it took', async () => {
    const conferenceId = await createConference(service, { general: 100 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        service
          .http()
          .post(`/conferences/${conferenceId}/reservations`)
          .send({ seats: [{ seatType: 'general', quantity: 1 }] }),
      ),
    );
    const taken = answers.filter(({ status }) => status === 201);
    const busy = answers.filter(({ status }) => status === 503);

    expect(taken.length + busy.length).toBe(20);
    expect(busy.length).toBeGreaterThan(0);
    for (const { body, headers } of busy) {
      expect(body).toMatchObject({ type: 'urn:seat-reservations:problem:conference-busy', status: 503 });
      expect(headers['retry-after']).toBe('1');
    }
    const { body } = await service.http().get(`/conferences/${conferenceId}/events`).expect(200);
    expect(body.events).toHaveLength(1 + taken.length);
  });
});
