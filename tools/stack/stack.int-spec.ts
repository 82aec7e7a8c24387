import { spawn } from 'node:child_process';
import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStack } from '#libs/testing';

/** component → pid, from the status table. */
const pidsOf = (status: string): Record<string, string> =>
  Object.fromEntries(
    status
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(/\s+/))
      .map(([component = '', pid = '']): [string, string] => [component, pid]),
  );

describe('tools/stack/stack.sh', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'stack-spec-'));
  });

  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('explains itself with --help', async () => {
    const { code, stdout } = await runStack(['--help']);
    expect(code).toBe(0);
    for (const command of ['up', 'infra', 'down', 'status', 'start <component>', 'stop <component>']) {
      expect(stdout).toContain(`  ${command}`);
    }
  });

  it('refuses an unknown command with exit code 2', async () => {
    expect((await runStack(['launch'])).code).toBe(2);
  });

  it('starts the infrastructure idempotently: a second run reuses the running processes', async () => {
    const before = pidsOf((await runStack(['status'])).stdout);
    const again = await runStack(['infra']);
    const after = pidsOf((await runStack(['status'])).stdout);

    expect(again.code).toBe(0);
    expect(again.stdout).toContain('postgres already running');
    expect(again.stdout).toContain('kafka already running');
    expect(again.stdout).toContain('ferretdb already running');
    for (const component of ['postgres', 'kafka', 'ferretdb']) {
      expect(after[component]).toMatch(/^\d+$/);
      expect(after[component]).toBe(before[component]);
    }
  });

  it('fails with the last lines of the log when a component does not start', async () => {
    const { code, stderr } = await runStack(['start', 'ferretdb'], {
      STACK_DIR: join(scratch, 'broken'),
      STACK_READ_STORE_PORT: '70000',
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('ferretdb did not start');
    expect(stderr).toContain('invalid port');
  }, 30_000);

  it('stops only processes it started, even when a pid file names another process', async () => {
    const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const state = join(scratch, 'stale');
      await mkdir(join(state, 'run'), { recursive: true });
      await writeFile(join(state, 'run', 'ferretdb.pid'), String(stranger.pid));

      const { code } = await runStack(['down'], { STACK_DIR: state });

      expect(code).toBe(0);
      expect(stranger.exitCode).toBeNull();
      expect(stranger.signalCode).toBeNull();
    } finally {
      stranger.kill();
    }
  });
});
