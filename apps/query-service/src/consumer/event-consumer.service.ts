import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import {
  ensureTopic,
  type IncomingBatch,
  KAFKA,
  MESSAGE_PUBLISHER,
  type MessageConsumer,
  type MessagePublisher,
  OPEN_CONSUMER,
  type OpenConsumer,
  type WriteContext,
} from '#libs/messaging';
import { READ_STORE } from '../read-store/read-store.tokens.js';
import { openViews } from '../views/open-views.js';
import { ViewCatalog } from '../views/view-catalog.js';
import { consumerGroupOf, type ViewPointers } from '../views/view-pointers.js';
import {
  appliedEventAt,
  measureConsumerWith,
  projectedMessagesTotal,
  projectionWriteMessages,
  projectionWriteSeconds,
} from './consumer.metrics.js';
import { CONSUMER_SETTINGS, type ConsumerSettings } from './consumer.settings.js';
import { keepConnecting } from './keep-connecting.js';
import { ParkingStore } from './parking.store.js';
import { ProjectionSignals } from './projection-signals.js';
import { type DeadLetter, GapError, type Projected, Projector, type ProjectorPorts } from './projector.js';

/**
 * How long a shutdown waits for kafkajs to leave the group; after a broker outage its disconnect can hang in
 * retries. Not waiting longer is safe: what was not committed is delivered again to the next member.
 */
const STOP_MS = 2_000;
const DEAD_LETTER_REASON = 'dead-letter-reason';

/** A consumer group member and the projector writing the views of one epoch. */
interface Member {
  consumer: MessageConsumer;
  projector: Projector;
}

/**
 * The consumer group member that keeps the views: started with the service, retried while Kafka is away,
 * and started again in the new epoch's group, writing the new generations, whenever the views switch.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private member?: Member;
  private following: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly catalog: ViewCatalog,
    private readonly parking: ParkingStore,
    private readonly signals: ProjectionSignals,
    @Inject(READ_STORE) private readonly db: Db,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(MESSAGE_PUBLISHER) private readonly publisher: MessagePublisher,
    @Inject(OPEN_CONSUMER) private readonly openConsumer: OpenConsumer,
    @Inject(CONSUMER_SETTINGS) private readonly settings: ConsumerSettings,
  ) {
    measureConsumerWith(
      () => this.member?.consumer.lag() ?? [],
      () => signals.listenerCount(),
    );
  }

  /** Whether this replica's member projects the partition: its own writes then signal its readers. */
  owns(partition: number): boolean {
    return this.member?.consumer.assigned().includes(partition) ?? false;
  }

  onApplicationBootstrap(): void {
    this.follow(this.catalog.current());
    this.catalog.onSwitch((pointers) => this.follow(pointers));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.leave();
  }

  /** Switches happen one after another: the old member leaves (its last batch written) before the new one joins. */
  private follow(pointers: ViewPointers): void {
    this.following = this.following.then(async () => {
      await this.leave();
      if (!this.stopped) await this.join(pointers);
    });
  }

  private async leave(): Promise<void> {
    const member = this.member;
    this.member = undefined;
    if (member) await Promise.race([member.consumer.stop().catch(() => undefined), sleep(STOP_MS)]);
  }

  private async join(pointers: ViewPointers): Promise<void> {
    const groupId = consumerGroupOf(pointers, this.settings.groupId);
    const { topic, deadLetterTopic, gapRetryMs } = this.settings;
    await keepConnecting({
      logger: this.logger,
      failure: 'cannot consume yet',
      abandoned: () => this.stopped || this.catalog.current().epoch !== pointers.epoch,
      connect: async () => {
        const views = await openViews(this.db, pointers.generations, this.signals);
        const member: Member = {
          consumer: this.openConsumer(groupId, { retryMs: gapRetryMs }),
          projector: new Projector(views, this.ports()),
        };
        this.member = member;
        await ensureTopic(this.kafka, topic);
        await ensureTopic(this.kafka, deadLetterTopic);
        await member.consumer.run(topic.name, (batches, context) => this.write(member, batches, context));
        this.logger.log(`projecting ${topic.name} as consumer group ${groupId}, epoch ${pointers.epoch}`);
      },
      disconnect: () => this.leave(),
    });
  }

  private ports(): ProjectorPorts {
    return {
      parking: this.parking,
      deadLetter: (topic: string, deadLetters: readonly DeadLetter[]) => this.deadLetter(topic, deadLetters),
    };
  }

  /**
   * A failed write is tried again by the consumer: a gap may close meanwhile (another member's write, a late
   * redelivery), and if it does not, its conference parks at the last try.
   */
  private async write(
    { projector }: Member,
    batches: readonly IncomingBatch[],
    { attempt, signal }: WriteContext,
  ): Promise<void> {
    const { gapAttempts } = this.settings;
    const timer = projectionWriteSeconds.startTimer();
    try {
      this.count(await projector.project(batches, attempt + 1 >= gapAttempts, signal));
      timer({ outcome: 'written' });
      projectionWriteMessages.observe(batches.reduce((sum, { messages }) => sum + messages.length, 0));
    } catch (error) {
      timer({ outcome: signal.aborted ? 'abandoned' : 'failed' });
      if (signal.aborted) throw error;
      this.logger.warn(
        error instanceof GapError
          ? `${error.message}; try ${attempt + 1} of ${gapAttempts}`
          : `writing the views failed, trying again: ${String(error)}`,
      );
      throw error;
    }
  }

  private async deadLetter(topic: string, deadLetters: readonly DeadLetter[]): Promise<void> {
    await this.publisher.publish(
      this.settings.deadLetterTopic.name,
      deadLetters.map(({ message: { key, value, headers, partition, offset }, reason }) => ({
        key: key ?? '',
        value: value ?? '',
        headers: {
          ...headers,
          [DEAD_LETTER_REASON]: reason,
          'source-topic': topic,
          'source-partition': String(partition),
          'source-offset': offset,
        },
      })),
    );
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
