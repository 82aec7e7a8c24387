import { STACK_DEFAULTS } from '#libs/service-kit';
import { readiness, stack } from '#libs/testing';

afterAll(async () => {
  await stack.stop('command-service');
  await stack.stop('query-service');
}, 60_000);

describe('npm run up', () => {
  it('returns once both services are ready, and prints where everything is', async () => {
    const { stdout } = await stack.run('up');

    expect(stdout).toContain('[stack] ready:');
    for (const port of [STACK_DEFAULTS.COMMAND_SERVICE_PORT, STACK_DEFAULTS.QUERY_SERVICE_PORT]) {
      expect(stdout).toContain(`http://127.0.0.1:${port}`);
      expect((await readiness(`http://127.0.0.1:${port}`)).status).toBe(200);
    }
    const { stdout: status } = await stack.run('status');
    expect(status).toMatch(/^command-service\s+\d+\s+3001\s+ready/m);
    expect(status).toMatch(/^query-service\s+\d+\s+3002\s+ready/m);
  }, 300_000);
});
