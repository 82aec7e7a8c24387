import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const STACK_SCRIPT = join(REPO_ROOT, 'tools/stack/stack.sh');

export type StackComponent = 'postgres' | 'kafka' | 'ferretdb';

const run = promisify(execFile);

/** Stops and starts the real process of a component, through the same script that `npm run up` uses. */
export const stack = {
  stop: async (component: StackComponent): Promise<void> => {
    await run('bash', [STACK_SCRIPT, 'stop', component]);
  },
  start: async (component: StackComponent): Promise<void> => {
    await run('bash', [STACK_SCRIPT, 'start', component], { timeout: 180_000 });
  },
};
