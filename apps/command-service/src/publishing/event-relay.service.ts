import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { OPEN_OUTBOX, type OpenOutbox, type Outbox, PUBLICATION_START, type PublishableEvent } from '#libs/event-store';
import { ensureTopic, KAFKA, MESSAGE_PUBLISHER, type MessagePublisher, type TopicSettings } from '#libs/messaging';
import { PublicationRate } from './publication-rate.js';
import { toMessage } from './published-event.message.js';
import { commitToAckSeconds, publishedEventsTotal, relayLeader } from './relay.metrics.js';
import { Wakeup } from './wakeup.js';

/** Where a crash test may have the process kill itself: before a batch is produced, or after its ack. */
export const RELAY_FAILPOINTS = ['before-produce', 'after-produce'] as const;
export type RelayFailpoint = (typeof RELAY_FAILPOINTS)[number];

export interface RelaySettings {
  topic: TopicSettings;
  /** The most events read and produced at once. */
  batchSize: number;
  /** How long to wait for an append's NOTIFY before looking anyway. */
  pollMs: number;
  /** How often a standing-by instance tries to become the relay. */
  standbyPollMs: number;
  failpoint?: RelayFailpoint;
}

export const RELAY_SETTINGS = Symbol('RELAY_SETTINGS');

/** Committed events wait behind a running transaction; appends are single statements, so it ends soon. */
const FENCED_RETRY_MS = 2;
/**
 * Reads start at most this often when woken: under load, appends committing meanwhile join the next batch,
 * so the broker gets fewer, larger requests; when idle, a lone event waits no longer than this.
 */
const MIN_READ_INTERVAL_MS = 5;
const MAX_BACKOFF_MS = 5_000;

const backoff = (failures: number): number => Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures - 1, 6));

/**
 * Publishes committed events to the topic, in publication order, at least once. One instance leads (it holds
 * the outbox's lock); the others stand by and try to lead every `standbyPollMs`. The checkpoint moves only
 * after the broker has acknowledged a batch, and is written while the next batch is produced, so a crash
 * republishes at most the last two batches.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventRelay.name);
  private readonly wakeup = new Wakeup();
  private readonly rate = new PublicationRate();
  private outbox?: Outbox;
  private leading = false;
  private cursor = PUBLICATION_START;
  /** The last acknowledged batch's checkpoint, written while the next batch is produced. */
  private saving: Promise<void> = Promise.resolve();
  private loop?: Promise<void>;
  private lastReadAt = 0;

  constructor(
    @Inject(OPEN_OUTBOX) private readonly openOutbox: OpenOutbox,
    @Inject(MESSAGE_PUBLISHER) private readonly publisher: MessagePublisher,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(RELAY_SETTINGS) private readonly settings: RelaySettings,
  ) {}

  get role(): 'leader' | 'standby' {
    return this.leading ? 'leader' : 'standby';
  }

  /** Events acknowledged per second, over the last few seconds. */
  get publishedPerSecond(): number {
    return this.rate.perSecond();
  }

  /** Events were appended in this process. */
  wake(): void {
    this.wakeup.fire();
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.wakeup.stop();
    await this.loop;
    await this.saving.catch((error: unknown) => this.logger.warn(`last checkpoint not saved: ${String(error)}`));
    await this.resign('the service is stopping');
    await this.publisher.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.wakeup.stopped) {
      try {
        await this.step();
        failures = 0;
      } catch (error) {
        failures += 1;
        // A failed checkpoint write only leaves the stored checkpoint behind; the next one catches it up.
        this.saving = Promise.resolve();
        this.logger.warn(`relay step failed (${failures} in a row): ${String(error)}`);
        if (this.outbox?.lost) await this.resign('the event store connection was lost');
        await this.wakeup.pause(backoff(failures));
      }
    }
  }

  private async step(): Promise<void> {
    const outbox = (this.outbox ??= await this.openOutbox(() => this.wakeup.fire()));
    if (!this.leading && !(await this.lead(outbox))) {
      await this.wakeup.pause(this.settings.standbyPollMs);
      return;
    }
    const { batchSize } = this.settings;
    const early = this.lastReadAt + MIN_READ_INTERVAL_MS - performance.now();
    if (early > 0) await this.wakeup.pause(early);
    this.lastReadAt = performance.now();
    const { events, fenced } = await outbox.read(this.cursor, batchSize);
    if (events.length > 0) await this.publish(outbox, events);
    if (events.length < batchSize) {
      await this.saving;
      await this.wakeup.wait(fenced ? FENCED_RETRY_MS : this.settings.pollMs);
    }
  }

  private async lead(outbox: Outbox): Promise<boolean> {
    const { topic } = this.settings;
    if (!(await outbox.tryLead(topic.name))) return false;
    if (await ensureTopic(this.kafka, topic)) this.logger.log(`created topic ${topic.name}`);
    this.cursor = await outbox.checkpoint(topic.name);
    this.leading = true;
    relayLeader.set(1);
    this.logger.log(`publishing to ${topic.name} from transaction ${this.cursor.transactionId}`);
    return true;
  }

  private async publish(outbox: Outbox, events: readonly PublishableEvent[]): Promise<void> {
    this.failpoint('before-produce');
    await this.publisher.publish(this.settings.topic.name, events.map(toMessage));
    const ackedAt = Date.now();
    this.failpoint('after-produce');
    await this.saving;
    const last = events.at(-1)?.cursor ?? this.cursor;
    this.saving = outbox.saveCheckpoint(this.settings.topic.name, last);
    this.saving.catch(() => undefined); // reported where it is awaited
    this.cursor = last;
    publishedEventsTotal.inc(events.length);
    this.rate.record(events.length);
    for (const { occurredAt } of events) commitToAckSeconds.observe((ackedAt - occurredAt.getTime()) / 1000);
  }

  /** Closing the session releases the lock, for another instance to take. */
  private async resign(reason: string): Promise<void> {
    if (this.leading) this.logger.log(`no longer the publishing relay: ${reason}`);
    this.leading = false;
    relayLeader.set(0);
    const outbox = this.outbox;
    this.outbox = undefined;
    await outbox?.close();
  }

  private failpoint(name: RelayFailpoint): void {
    if (this.settings.failpoint !== name) return;
    this.logger.warn(`failpoint ${name}: killing the process`);
    process.kill(process.pid, 'SIGKILL');
  }
}
