import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { HealthCheck } from '#libs/service-kit';
import { PG_POOL } from './postgres.tokens.js';

@Injectable()
export class PostgresHealthCheck implements HealthCheck {
  readonly name = 'postgres';

  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async check(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}
