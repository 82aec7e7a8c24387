import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { PublicationMonitor } from '#libs/event-store';
import { EventRelay, RELAY_SETTINGS, type RelaySettings } from './event-relay.service.js';
import { EventsAppendedHandler } from './events-appended.handler.js';
import { RelayHealthCheck } from './relay.health-check.js';
import { measureLagWith } from './relay.metrics.js';

/** Relays committed events from the event store to Kafka. */
@Module({})
export class PublishingModule implements OnModuleInit {
  constructor(
    private readonly monitor: PublicationMonitor,
    @Inject(RELAY_SETTINGS) private readonly settings: RelaySettings,
  ) {}

  static forRoot(settings: RelaySettings): DynamicModule {
    return {
      module: PublishingModule,
      providers: [{ provide: RELAY_SETTINGS, useValue: settings }, EventRelay, EventsAppendedHandler, RelayHealthCheck],
      exports: [RelayHealthCheck],
    };
  }

  onModuleInit(): void {
    measureLagWith(() => this.monitor.lag(this.settings.topic.name));
  }
}
