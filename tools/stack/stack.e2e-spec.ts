import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STACK_DEFAULTS } from '#libs/config';
import { readiness, REPO_ROOT, stack } from '#libs/testing';

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

  it('gives the query service ADMIN_TOKEN, or else a token generated once into the state folder', async () => {
    const tokenFile = join(process.env.STACK_DIR ?? join(REPO_ROOT, '.stack'), 'admin-token');
    const token = process.env.ADMIN_TOKEN || (await readFile(tokenFile, 'utf8')).trim();
    const parked = `http://127.0.0.1:${STACK_DEFAULTS.QUERY_SERVICE_PORT}/admin/parked`;

    expect((await fetch(parked, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(parked)).status).toBe(401);
  });
});
