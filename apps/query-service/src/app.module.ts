import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '#libs/auth';
import { KafkaHealthCheck, MessagingModule } from '#libs/messaging';
import { HealthModule, type ServiceDefinition } from '#libs/service-kit';
import { AvailabilityModule } from './availability/availability.module.js';
import type { QueryServiceConfig } from './config.js';
import { ConsumerModule } from './consumer/consumer.module.js';
import { ProjectionHealthCheck } from './consumer/projection.health-check.js';
import { MongoHealthCheck } from './read-store/mongo.health-check.js';
import { ReadStoreModule } from './read-store/read-store.module.js';
import { RebuildModule } from './rebuild/rebuild.module.js';
import { ReservationsModule } from './reservations/reservations.module.js';
import { SalesModule } from './sales/sales.module.js';
import { UiModule } from './ui/ui.module.js';

@Module({})
export class AppModule {
  static forRoot(config: QueryServiceConfig): DynamicModule {
    const readStore = ReadStoreModule.forRoot(config.readStoreUrl);
    const messaging = MessagingModule.forRoot({ clientId: 'query-service', brokers: config.kafkaBrokers });
    const consumer = ConsumerModule.forRoot(config.consumer);
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        AuthModule.forRoot(config.auth),
        readStore,
        messaging,
        consumer,
        AvailabilityModule.forRoot(config.streams),
        ReservationsModule,
        SalesModule,
        RebuildModule.forRoot(config.rebuild),
        UiModule.forRoot({
          commandServiceUrl: config.commandServiceUrl,
          issuer: config.auth.issuer,
          clientId: config.auth.audience,
        }),
        HealthModule.register({
          imports: [readStore, messaging, consumer],
          checks: [MongoHealthCheck, KafkaHealthCheck, ProjectionHealthCheck],
        }),
      ],
    };
  }
}

export const queryService = (config: QueryServiceConfig): ServiceDefinition => ({
  name: 'query-service',
  description: 'Serves seat availability and reservations from read models projected from the event topic.',
  module: AppModule.forRoot(config),
  // The page sends commands to the command-service and signs people in at the provider.
  page: { connectTo: [config.commandServiceUrl, config.auth.issuer] },
});
