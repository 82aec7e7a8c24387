import { Inject, Injectable } from '@nestjs/common';
import { PublicationMonitor } from '#libs/event-store';
import type { HealthCheck } from '#libs/service-kit';
import { EventRelay, RELAY_SETTINGS, type RelaySettings } from './event-relay.service.js';

/** Never what makes the service unready (commands do not wait for Kafka), but what `/health/ready` shows of it. */
@Injectable()
export class RelayHealthCheck implements HealthCheck {
  readonly name = 'relay';

  constructor(
    private readonly relay: EventRelay,
    private readonly monitor: PublicationMonitor,
    @Inject(RELAY_SETTINGS) private readonly settings: RelaySettings,
  ) {}

  async check(): Promise<Record<string, unknown>> {
    const lag = await this.monitor.lag(this.settings.topic.name);
    return {
      role: this.relay.role,
      topic: this.settings.topic.name,
      lagEvents: lag.events,
      lagSeconds: Number(lag.seconds.toFixed(3)),
      publishedPerSecond: this.relay.publishedPerSecond,
    };
  }
}
