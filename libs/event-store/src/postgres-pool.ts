import { Logger } from '@nestjs/common';
import pg from 'pg';

export interface PoolSettings {
  connectionString: string;
  max?: number;
}

/**
 * A pool whose idle connections die (the server restarts, say) must not crash the process:
 * pg emits those errors on the pool, and an unhandled 'error' event is fatal in Node.
 */
export const createPool = ({ connectionString, max = 10 }: PoolSettings): pg.Pool => {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 2_000 });
  const logger = new Logger('postgres');
  pool.on('error', (error) => logger.warn(`idle connection lost: ${error.message}`));
  return pool;
};
