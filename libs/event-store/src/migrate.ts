import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import { packageRoot } from '#libs/service-kit';

export const MIGRATIONS_DIR = join(packageRoot(), 'libs/event-store/migrations');

/**
 * Brings the event store's schema up to date. node-pg-migrate holds an advisory lock while it runs, so
 * several instances starting at once apply each migration exactly once.
 */
export const migrate = async (pool: pg.Pool): Promise<void> => {
  const logger = new Logger('migrations');
  const client = await pool.connect();
  const applied = await runner({
    dbClient: client,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'pgmigrations',
    checkOrder: true,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    log: (message) => logger.debug(message),
  }).finally(() => client.release());
  if (applied.length > 0) logger.log(`applied ${applied.map(({ name }) => name).join(', ')}`);
};
