import { type HttpApp, stack } from '#libs/testing';
import { createConference, startCommandService } from '../command-service.testing.js';

let service: HttpApp;
beforeAll(async () => {
  service = await startCommandService();
});
afterAll(() => service.close());

describe('while PostgreSQL is down', () => {
  it('answers commands 503 with Retry-After, and works again once it is back', async () => {
    const conferenceId = await createConference(service, { general: 10 });
    const reserve = () =>
      service
        .http()
        .post(`/conferences/${conferenceId}/reservations`)
        .send({ seats: [{ seatType: 'general', quantity: 1 }] });
    try {
      await stack.stop('postgres');
      const response = await reserve();

      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('1');
      expect(response.body).toMatchObject({ type: 'urn:seat-reservations:problem:service-unavailable', status: 503 });
    } finally {
      await stack.start('postgres');
    }
    expect((await reserve()).status).toBe(201);
  }, 120_000);
});
