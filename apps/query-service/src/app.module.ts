import { type DynamicModule, Module } from '@nestjs/common';
import { KafkaHealthCheck, MessagingModule } from '#libs/messaging';
import { HealthModule, type ServiceDefinition } from '#libs/service-kit';
import type { QueryServiceConfig } from './config.js';
import { MongoHealthCheck } from './read-store/mongo.health-check.js';
import { ReadStoreModule } from './read-store/read-store.module.js';

@Module({})
export class AppModule {
  static forRoot(config: QueryServiceConfig): DynamicModule {
    const readStore = ReadStoreModule.forRoot(config.readStoreUrl);
    const messaging = MessagingModule.forRoot({ clientId: 'query-service', brokers: config.kafkaBrokers });
    return {
      module: AppModule,
      imports: [
        HealthModule.register({ imports: [readStore, messaging], checks: [MongoHealthCheck, KafkaHealthCheck] }),
      ],
    };
  }
}

export const queryService = (config: QueryServiceConfig): ServiceDefinition => ({
  name: 'query-service',
  description: 'Serves seat availability and reservations from read models projected from the event topic.',
  module: AppModule.forRoot(config),
});
