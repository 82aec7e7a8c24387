import { assessReadiness, type HealthCheck } from './health-check.js';

const answering = (name: string): HealthCheck => ({ name, check: () => Promise.resolve() });
const failing = (name: string, reason: string): HealthCheck => ({
  name,
  check: () => Promise.reject(new Error(reason)),
});
const silent = (name: string): HealthCheck => ({ name, check: () => new Promise(() => undefined) });

describe('readiness', () => {
  it('is ready when every dependency answers', async () => {
    expect(await assessReadiness([answering('postgres'), answering('kafka')], 100)).toEqual({
      status: 'ready',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  it('is unavailable when one dependency fails, and says which and why', async () => {
    expect(await assessReadiness([answering('postgres'), failing('kafka', 'connection refused')], 100)).toEqual({
      status: 'unavailable',
      checks: { postgres: { status: 'up' }, kafka: { status: 'down', error: 'connection refused' } },
    });
  });

  it('shows the details a check reports', async () => {
    const relay: HealthCheck = { name: 'relay', check: () => Promise.resolve({ role: 'leader', lagEvents: 0 }) };
    expect((await assessReadiness([relay], 100)).checks['relay']).toEqual({
      status: 'up',
      details: { role: 'leader', lagEvents: 0 },
    });
  });

  it('counts a dependency that does not answer in time as down', async () => {
    const readiness = await assessReadiness([silent('read-store')], 20);
    expect(readiness.checks['read-store']).toEqual({ status: 'down', error: 'no answer within 20 ms' });
  });
});
