import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '#libs/testing';
import type { History } from '../consumer/projection.testing.js';

export interface ReplayRun {
  process: ChildProcess;
  /** Resolves when the process ends, with its exit code (null when killed) and what it wrote. */
  ended: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves with the first line written to stderr that `matches`. */
  line(matches: (line: string) => boolean): Promise<string>;
}

/** The built replay CLI (`npm run replay`) against a history's topic and event store and a read store. */
export const startReplay = (
  args: readonly string[],
  {
    history,
    readStoreUrl,
    group,
    env = {},
  }: { history: History; readStoreUrl: string; group: string; env?: NodeJS.ProcessEnv },
): ReplayRun => {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'dist/tools/replay/replay.js'), ...args], {
    env: {
      ...process.env,
      READ_STORE_URL: readStoreUrl,
      KAFKA_TOPIC: history.topic,
      CONSUMER_GROUP: group,
      EVENT_STORE_URL: history.eventStoreUrl,
      REBUILD_GRACE_MS: '1000',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  const waiting = new Set<{ matches: (line: string) => boolean; resolve: (line: string) => void }>();
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const wait of waiting) {
      const found = stderr.split('\n').find(wait.matches);
      if (found) {
        waiting.delete(wait);
        wait.resolve(found);
      }
    }
  });
  const ended = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return {
    process: child,
    ended,
    line: (matches) =>
      new Promise((resolve, reject) => {
        waiting.add({ matches, resolve });
        void ended.then(() => reject(new Error(`the replay ended without writing the line awaited:\n${stderr}`)));
      }),
  };
};
