import { type DynamicModule, Inject, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type pg from 'pg';
import { EVENT_STORE } from './event-store.js';
import { GroupCommit, type GroupCommitSettings } from './group-commit.js';
import { IdempotencyStore } from './idempotency-store.js';
import { migrate } from './migrate.js';
import type { Outbox } from './outbox.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { AppendNotifier, PostgresOutbox, PublicationMonitor } from './postgres-outbox.js';
import { createPool, type PoolSettings } from './postgres-pool.js';
import { PostgresHealthCheck } from './postgres.health-check.js';
import { PG_POOL } from './postgres.tokens.js';
import { SnapshotStore } from './snapshot-store.js';

const MIGRATION_URL = Symbol('MIGRATION_URL');

export interface EventStoreSettings extends PoolSettings {
  groupCommit: GroupCommitSettings;
  /** The schema owner's URL when the service should migrate at start; the stack migrates in a step of its own. */
  migrationUrl?: string;
}

/** Opens a relay's own session on the event store; `onAppended` runs whenever an append commits. */
export type OpenOutbox = (onAppended: () => void) => Promise<Outbox>;
export const OPEN_OUTBOX = Symbol('OPEN_OUTBOX');

@Module({})
export class EventStoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(MIGRATION_URL) private readonly migrationUrl: string | undefined,
  ) {}

  static forRoot(settings: EventStoreSettings): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        { provide: MIGRATION_URL, useValue: settings.migrationUrl },
        { provide: PG_POOL, useFactory: () => createPool(settings) },
        {
          provide: EVENT_STORE,
          useFactory: (pool: pg.Pool) => new GroupCommit(new PostgresEventStore(pool), settings.groupCommit),
          inject: [PG_POOL],
        },
        { provide: SnapshotStore, useFactory: (pool: pg.Pool) => new SnapshotStore(pool), inject: [PG_POOL] },
        { provide: IdempotencyStore, useFactory: (pool: pg.Pool) => new IdempotencyStore(pool), inject: [PG_POOL] },
        {
          provide: OPEN_OUTBOX,
          useValue: ((onAppended) => PostgresOutbox.open(settings.connectionString, onAppended)) satisfies OpenOutbox,
        },
        { provide: AppendNotifier, useFactory: (pool: pg.Pool) => new AppendNotifier(pool), inject: [PG_POOL] },
        { provide: PublicationMonitor, useFactory: (pool: pg.Pool) => new PublicationMonitor(pool), inject: [PG_POOL] },
        PostgresHealthCheck,
      ],
      exports: [
        PG_POOL,
        EVENT_STORE,
        SnapshotStore,
        IdempotencyStore,
        OPEN_OUTBOX,
        AppendNotifier,
        PublicationMonitor,
        PostgresHealthCheck,
      ],
    };
  }

  /** When asked, the schema is brought up to date before the service takes its first command. */
  async onModuleInit(): Promise<void> {
    if (this.migrationUrl !== undefined) await migrate(this.migrationUrl);
  }

  /** After shutdown, so work that other providers finish while stopping can still use the pool. */
  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
