import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { HealthCheck } from '#libs/service-kit';
import { KAFKA } from './kafka.tokens.js';

/** Asks the cluster for its brokers; an admin client without retries fails fast while the broker is down. */
@Injectable()
export class KafkaHealthCheck implements HealthCheck, OnModuleDestroy {
  readonly name = 'kafka';
  private readonly admin: Admin;

  constructor(@Inject(KAFKA) kafka: Kafka) {
    this.admin = kafka.admin({ retry: { retries: 0 } });
  }

  async check(): Promise<void> {
    await this.admin.connect();
    const { brokers } = await this.admin.describeCluster();
    if (brokers.length === 0) throw new Error('the cluster reports no brokers');
  }

  async onModuleDestroy(): Promise<void> {
    await this.admin.disconnect();
  }
}
