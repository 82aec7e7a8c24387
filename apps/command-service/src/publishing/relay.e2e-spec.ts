import pg from 'pg';
import { seatAvailabilityStream } from '#libs/contracts';
import { eventually, readiness, startServiceProcess, uniqueId } from '#libs/testing';
import { createConference, relayTestbed, reserve, type RelayTestbed } from './publishing.testing.js';

/** Each test gets a store and a topic of its own, and ends with the invariant checker clean. */
let testbed: RelayTestbed;
beforeEach(async () => {
  testbed = await relayTestbed('relay_e2e');
});
afterEach(() => testbed.dispose());

const publishedEverything = (timeoutMs = 30_000) =>
  eventually(
    async () => {
      const report = await testbed.check();
      expect(report.violations).toEqual({ missing: [], invented: [], outOfOrder: [], misplaced: [], malformed: [] });
      return report;
    },
    { timeoutMs, intervalMs: 500 },
  );

describe('the relay', () => {
  it('publishes every committed event once, in order, keyed by conference, with the contract’s headers', async () => {
    const service = await startServiceProcess('command-service', testbed.env);
    try {
      const conferences = [uniqueId('relay'), uniqueId('relay'), uniqueId('relay')];
      for (const conferenceId of conferences) await createConference(service.url, conferenceId);
      for (let n = 0; n < 30; n += 1) await reserve(service.url, conferences[n % 3] ?? '');

      const report = await publishedEverything();
      expect(report).toMatchObject({ stored: 33, published: 33, duplicates: 0 });

      const { body } = await readiness(service.url);
      expect(body.checks['relay']).toMatchObject({
        status: 'up',
        details: { role: 'leader', topic: testbed.topic, lagEvents: 0, lagSeconds: 0 },
      });
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toMatch(/^relay_published_events_total 33$/m);
      expect(metrics).toMatch(/^relay_leader 1$/m);
      expect(metrics).toMatch(/^relay_lag_events 0$/m);
    } finally {
      await service.stop();
    }
  }, 60_000);

  it('holds back an event committed behind a transaction with a lower position, then publishes both', async () => {
    const service = await startServiceProcess('command-service', testbed.env);
    const slow = new pg.Client({ connectionString: testbed.eventStoreUrl });
    try {
      await slow.connect();
      await slow.query('BEGIN');
      const early = uniqueId('early');
      await slow.query(
        `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
         VALUES ($1, 1, gen_random_uuid(), 'ConferenceCreated', 1, $2, $3)`,
        [
          seatAvailabilityStream(early),
          { conferenceId: early, name: 'Early', seatTypes: [{ seatType: 'general', quantity: 1 }] },
          { correlationId: 'c', causationId: 'c', actor: 'test', serviceVersion: 'test' },
        ],
      );
      await createConference(service.url, uniqueId('late')); // a higher position, committed first

      // The relay is woken by the late append and polls every second; the fence must keep it waiting.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect((await testbed.check()).published).toBe(0);

      await slow.query('COMMIT');
      expect(await publishedEverything()).toMatchObject({ stored: 2, published: 2 });
    } finally {
      await slow.end();
      await service.stop();
    }
  }, 60_000);
});

describe.each([
  ['before-produce', 0],
  ['after-produce', 1],
] as const)('SIGKILL of the command service at the failpoint %s', (failpoint, duplicates) => {
  it(`loses nothing when it restarts, and republishes ${duplicates} event(s)`, async () => {
    const conferenceId = uniqueId('failpoint');
    const doomed = await startServiceProcess('command-service', { ...testbed.env, RELAY_FAILPOINT: failpoint });
    await createConference(doomed.url, conferenceId).catch(() => undefined);
    expect(await doomed.ended).toBe('SIGKILL');

    const restarted = await startServiceProcess('command-service', testbed.env);
    try {
      await reserve(restarted.url, conferenceId);
      expect(await publishedEverything()).toMatchObject({ stored: 2, duplicates });
    } finally {
      await restarted.stop();
    }
  }, 60_000);
});
