import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import {
  ensureTopic,
  type IncomingBatch,
  KAFKA,
  type MessageConsumer,
  OPEN_CONSUMER,
  type OpenConsumer,
} from '#libs/messaging';
import { appliedEventAt, measureConsumerWith, projectedMessagesTotal } from './consumer.metrics.js';
import { CONSUMER_SETTINGS, type ConsumerSettings } from './consumer.settings.js';
import { ProjectionSignals } from './projection-signals.js';
import { GapError, type Projected, Projector } from './projector.js';

const RECONNECT_MS = 2_000;
/**
 * How long a shutdown waits for kafkajs to leave the group; after a broker outage its disconnect can hang in
 * retries. Not waiting longer is safe: what was not committed is delivered again to the next member.
 */
const STOP_MS = 2_000;

/** The consumer group member that keeps the views: started with the service, retried while Kafka is away. */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly consumer: MessageConsumer;
  private stopped = false;

  constructor(
    private readonly projector: Projector,
    signals: ProjectionSignals,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(OPEN_CONSUMER) openConsumer: OpenConsumer,
    @Inject(CONSUMER_SETTINGS) private readonly settings: ConsumerSettings,
  ) {
    this.consumer = openConsumer(settings.groupId);
    measureConsumerWith(
      () => this.consumer.lag(),
      () => signals.listenerCount(),
    );
  }

  onApplicationBootstrap(): void {
    void this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await Promise.race([this.consumer.stop().catch(() => undefined), sleep(STOP_MS)]);
  }

  private async start(): Promise<void> {
    while (!this.stopped) {
      try {
        await ensureTopic(this.kafka, this.settings.topic);
        await ensureTopic(this.kafka, this.settings.deadLetterTopic);
        await this.consumer.run(this.settings.topic.name, (batch) => this.handle(batch));
        this.logger.log(`projecting ${this.settings.topic.name} as consumer group ${this.settings.groupId}`);
        return;
      } catch (error) {
        this.logger.warn(`cannot consume yet, retrying in ${RECONNECT_MS} ms: ${String(error)}`);
        await this.consumer.stop().catch(() => undefined);
        await sleep(RECONNECT_MS);
      }
    }
  }

  /** A gap may close when the batch comes again (another member's write, a late redelivery); if not, it parks. */
  private async handle(batch: IncomingBatch): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return this.count(await this.projector.project(batch, attempt >= this.settings.gapAttempts));
      } catch (error) {
        if (!(error instanceof GapError)) throw error;
        this.logger.warn(`${error.message}; attempt ${attempt} of ${this.settings.gapAttempts}`);
        await sleep(this.settings.gapRetryMs);
      }
    }
  }

  private count({ applied, duplicates, deadLettered, parked, lastEventAt }: Projected): void {
    projectedMessagesTotal.inc({ outcome: 'applied' }, applied);
    projectedMessagesTotal.inc({ outcome: 'duplicate' }, duplicates);
    projectedMessagesTotal.inc({ outcome: 'dead-lettered' }, deadLettered);
    projectedMessagesTotal.inc({ outcome: 'parked' }, parked);
    if (lastEventAt) appliedEventAt(lastEventAt);
    if (deadLettered + parked > 0) this.logger.warn(`${deadLettered} dead-lettered, ${parked} parked`);
  }
}
