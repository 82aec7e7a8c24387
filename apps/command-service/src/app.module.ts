import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '#libs/auth';
import { EventStoreModule, PostgresHealthCheck } from '#libs/event-store';
import { KafkaHealthCheck, MessagingModule } from '#libs/messaging';
import { HealthModule, type ServiceDefinition } from '#libs/service-kit';
import { readPackageVersion } from '#libs/config';
import { AuditModule } from './audit/audit.module.js';
import type { CommandServiceConfig } from './config.js';
import { ConferencesModule } from './conferences/conferences.module.js';
import { PublishingModule } from './publishing/publishing.module.js';
import { RelayHealthCheck } from './publishing/relay.health-check.js';
import { ReservationsModule } from './reservations/reservations.module.js';
import { SeatAvailabilityModule } from './seat-availability/seat-availability.module.js';

@Module({})
export class AppModule {
  static forRoot(config: CommandServiceConfig): DynamicModule {
    const eventStore = EventStoreModule.forRoot({
      connectionString: config.eventStoreUrl,
      migrationUrl: config.migrationUrl,
      max: 20,
      groupCommit: config.groupCommit,
    });
    const messaging = MessagingModule.forRoot({ clientId: 'command-service', brokers: config.kafkaBrokers });
    const publishing = PublishingModule.forRoot(config.relay);
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        AuthModule.forRoot(config.auth),
        eventStore,
        messaging,
        SeatAvailabilityModule.forRoot({ ...config, serviceVersion: readPackageVersion() }),
        ConferencesModule,
        ReservationsModule,
        AuditModule,
        publishing,
        HealthModule.register({
          imports: [eventStore, messaging, publishing],
          checks: [PostgresHealthCheck, KafkaHealthCheck, RelayHealthCheck],
        }),
      ],
    };
  }
}

export const commandService = (config: CommandServiceConfig): ServiceDefinition => ({
  name: 'command-service',
  description: 'Decides seat reservation commands and records them as events.',
  module: AppModule.forRoot(config),
  corsOrigins: config.corsOrigins,
});
