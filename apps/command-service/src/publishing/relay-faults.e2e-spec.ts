import { eventually, readiness, type ServiceProcess, stack, startServiceProcess, uniqueId } from '#libs/testing';
import { createConference, relayTestbed, reserve, type RelayTestbed } from './publishing.testing.js';

let testbed: RelayTestbed;
beforeEach(async () => {
  testbed = await relayTestbed('relay_faults');
});
afterEach(() => testbed.dispose());

const NO_VIOLATIONS = { missing: [], invented: [], outOfOrder: [], misplaced: [], malformed: [] };

const roleOf = async (service: ServiceProcess): Promise<unknown> =>
  ((await readiness(service.url)).body.checks['relay'] as { details?: { role?: string } } | undefined)?.details?.role;

describe('the relay under faults', () => {
  it('keeps commands succeeding while Kafka is down for 10 s, and drains the backlog once it is back', async () => {
    const service = await startServiceProcess('command-service', testbed.env);
    const conferenceId = uniqueId('outage');
    await createConference(service.url, conferenceId);
    const statuses: number[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        statuses.push((await reserve(service.url, conferenceId)).status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await stack.stop('kafka');
      const duringOutage = statuses.length;
      try {
        await new Promise((resolve) => setTimeout(resolve, 10_000));
        expect(statuses.length - duringOutage).toBeGreaterThan(50);
      } finally {
        await stack.start('kafka');
      }
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      loading = false;
      await load;

      expect(statuses.filter((status) => status !== 201)).toEqual([]);
      const report = await eventually(
        async () => {
          const found = await testbed.check();
          expect(found.violations).toEqual(NO_VIOLATIONS);
          return found;
        },
        { timeoutMs: 60_000, intervalMs: 1_000 },
      );
      expect(report.stored).toBe(statuses.length + 1);
    } finally {
      loading = false;
      await load;
      await service.stop();
    }
  }, 180_000);

  it('has exactly one of two instances publish, and the other take over within 5 s of a SIGKILL', async () => {
    const services = [
      await startServiceProcess('command-service', testbed.env),
      await startServiceProcess('command-service', testbed.env),
    ];
    try {
      const roles = await eventually(async () => {
        const found = await Promise.all(services.map(roleOf));
        expect([...found].sort()).toEqual(['leader', 'standby']);
        return found;
      });
      const leader = services[roles.indexOf('leader')] as ServiceProcess;
      const survivor = services[roles.indexOf('standby')] as ServiceProcess;
      const conferenceId = uniqueId('failover');
      await createConference(survivor.url, conferenceId);
      await eventually(async () => expect((await testbed.check()).published).toBe(1));
      const published = async (service: ServiceProcess) =>
        /^relay_published_events_total (\d+)$/m.exec(await (await fetch(`${service.url}/metrics`)).text())?.[1];
      expect([await published(leader), await published(survivor)]).toEqual(['1', '0']);

      await leader.stop('SIGKILL');
      await reserve(survivor.url, conferenceId);
      await eventually(
        async () => {
          expect(await roleOf(survivor)).toBe('leader');
          expect((await readiness(survivor.url)).body.checks['relay']).toMatchObject({ details: { lagEvents: 0 } });
        },
        { timeoutMs: 5_000, intervalMs: 100 },
      );
      const report = await testbed.check();
      expect(report.violations).toEqual(NO_VIOLATIONS);
      expect(report.stored).toBe(2);
    } finally {
      await Promise.all(services.map((service) => service.stop()));
    }
  }, 120_000);
});
