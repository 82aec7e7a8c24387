import { type DynamicModule, Module } from '@nestjs/common';
import { EventStoreModule, PostgresHealthCheck } from '#libs/event-store';
import { KafkaHealthCheck, MessagingModule } from '#libs/messaging';
import { HealthModule, type ServiceDefinition } from '#libs/service-kit';
import type { CommandServiceConfig } from './config.js';

@Module({})
export class AppModule {
  static forRoot(config: CommandServiceConfig): DynamicModule {
    const eventStore = EventStoreModule.forRoot({ connectionString: config.eventStoreUrl });
    const messaging = MessagingModule.forRoot({ clientId: 'command-service', brokers: config.kafkaBrokers });
    return {
      module: AppModule,
      imports: [
        HealthModule.register({ imports: [eventStore, messaging], checks: [PostgresHealthCheck, KafkaHealthCheck] }),
      ],
    };
  }
}

export const commandService = (config: CommandServiceConfig): ServiceDefinition => ({
  name: 'command-service',
  description: 'Decides seat reservation commands and records them as events.',
  module: AppModule.forRoot(config),
});
