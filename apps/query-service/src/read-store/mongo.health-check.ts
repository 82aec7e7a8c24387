import { Inject, Injectable } from '@nestjs/common';
import type { Db } from 'mongodb';
import type { HealthCheck } from '#libs/service-kit';
import { READ_STORE } from './read-store.tokens.js';

@Injectable()
export class MongoHealthCheck implements HealthCheck {
  readonly name = 'read-store';

  constructor(@Inject(READ_STORE) private readonly db: Db) {}

  async check(): Promise<void> {
    await this.db.command({ ping: 1 });
  }
}
