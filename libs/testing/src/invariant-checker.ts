import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './stack.js';

const exec = promisify(execFile);

/**
 * Runs the built invariant checker (`npm run check:invariants`) with `--json` and these arguments and returns
 * its report. Exit code 1 means violations, which the report describes; anything else is a failure to run.
 */
export const runInvariantChecker = async (args: readonly string[]): Promise<unknown> => {
  const checker = join(REPO_ROOT, 'dist/tools/invariants/check-invariants.js');
  const { stdout } = await exec(process.execPath, [checker, '--json', ...args]).catch(
    (error: Error & { code?: number; stdout?: string; stderr?: string }) => {
      if (error.code !== 1) throw new Error(`the invariant checker failed: ${error.stderr ?? error.message}`);
      return { stdout: error.stdout ?? '' };
    },
  );
  return JSON.parse(stdout);
};
