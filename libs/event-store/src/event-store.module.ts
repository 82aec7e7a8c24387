import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type pg from 'pg';
import { createPool, type PoolSettings } from './postgres-pool.js';
import { PostgresHealthCheck } from './postgres.health-check.js';
import { PG_POOL } from './postgres.tokens.js';

@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  static forRoot(settings: PoolSettings): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: PG_POOL, useFactory: () => createPool(settings) }, PostgresHealthCheck],
      exports: [PG_POOL, PostgresHealthCheck],
    };
  }

  /** After shutdown, so work that other providers finish while stopping can still use the pool. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
