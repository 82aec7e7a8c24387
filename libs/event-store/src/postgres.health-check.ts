import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from './postgres.tokens.js';

@Injectable()
export class PostgresHealthCheck {
  readonly name = 'postgres';

  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async check(): Promise<void> {
    await this.pool.query('SELECT 1');
  }
}
