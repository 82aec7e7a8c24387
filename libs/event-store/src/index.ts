export { EventStoreModule } from './event-store.module.js';
export { createPool, type PoolSettings } from './postgres-pool.js';
export { PostgresHealthCheck } from './postgres.health-check.js';
export { PG_POOL } from './postgres.tokens.js';
