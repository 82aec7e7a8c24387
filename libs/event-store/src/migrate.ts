import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { packageRoot } from '#libs/config';

const MIGRATIONS_DIR = join(packageRoot(), 'libs/event-store/migrations');

const NODE_PG_MIGRATE = createRequire(import.meta.url).resolve('node-pg-migrate/bin/node-pg-migrate');

/**
 * Brings the event store's schema up to date with node-pg-migrate's own command, as the stack script
 * does. It runs as a child process so the service never loads the migration tool (and the TypeScript
 * loader it brings) into its own memory. Concurrent starts wait for each other on node-pg-migrate's lock.
 */
export const migrate = async (databaseUrl: string): Promise<void> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      NODE_PG_MIGRATE,
      'up',
      '--migrations-dir',
      MIGRATIONS_DIR,
      '--migrations-table',
      'pgmigrations',
      '--check-order',
      '--single-transaction',
      // Instances starting together take turns instead of all but one failing.
      '--advisory-lock-mode',
      'wait',
    ],
    { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '' } },
  );
  const applied = stdout.match(/^### MIGRATION (\S+) \(UP\) ###$/gm) ?? [];
  if (applied.length > 0) new Logger('migrations').log(applied.join(', '));
};
