import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const STACK_SCRIPT = join(REPO_ROOT, 'tools/stack/stack.sh');

export type StackComponent = 'postgres' | 'kafka' | 'ferretdb';

export interface StackOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

const exec = promisify(execFile);

/** Runs tools/stack/stack.sh, the script behind `npm run up`, and resolves with its exit code and output. */
export const runStack = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<StackOutcome> => {
  try {
    const { stdout, stderr } = await exec('bash', [STACK_SCRIPT, ...args], {
      env: { ...process.env, ...env },
      timeout: 300_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as StackOutcome;
    return { code, stdout, stderr };
  }
};

const succeed = async (...args: string[]): Promise<StackOutcome> => {
  const outcome = await runStack(args);
  if (outcome.code !== 0) throw new Error(`stack.sh ${args.join(' ')} exited ${outcome.code}:\n${outcome.stderr}`);
  return outcome;
};

/** Runs stack commands that must succeed, such as stopping and starting the real process of a component. */
export const stack = {
  run: succeed,
  stop: (component: string) => succeed('stop', component),
  start: (component: StackComponent) => succeed('start', component),
};
