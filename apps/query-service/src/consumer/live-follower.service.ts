import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type IncomingMessage, OPEN_TAIL, type OpenTail, type TopicTail } from '#libs/messaging';
import { LiveViews } from '../views/live-views.js';
import { CONSUMER_SETTINGS, type ConsumerSettings } from './consumer.settings.js';
import { EventConsumer } from './event-consumer.service.js';
import { keepConnecting } from './keep-connecting.js';
import { ProjectionSignals } from './projection-signals.js';

/** The first read of the store after hearing of an event: about how long its owner takes to write it. */
const FIRST_READ_MS = 5;
/**
 * When this replica projects the partition itself, its own write signals the change; the store is read only
 * if that has not happened this long after: a rebalance may have taken the partition away before the write.
 */
const OWN_WRITE_GRACE_MS = 1_000;
/** Reads of a conference the owner is slow to write slow down to one per this long. */
const SLOWEST_READ_MS = 80;
/** The longest a read-your-writes wait lasts: past it, nobody waits for the write any more. */
const GIVE_UP_MS = 10_000;

/** The stream version of a message's event, if it has one (a message the projector dead-letters has none). */
const versionOf = ({ value }: IncomingMessage): number | undefined => {
  try {
    const { streamVersion } = JSON.parse(value ?? '') as { streamVersion?: unknown };
    return typeof streamVersion === 'number' ? streamVersion : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Makes read-your-writes waits and live streams answer on every replica, not only on the one whose consumer
 * owns the conference's partition: each replica follows the whole topic (a tail, in no shared group), and
 * when it hears of an event of a conference someone here waits for, on a partition another replica owns,
 * reads that conference's view until the owner has written it, then signals it as the owner's own write
 * would (on a partition this replica owns, only if its own write has not signalled it a second later). The
 * owner alone writes; a conference nobody here watches costs only its message's key.
 */
@Injectable()
export class LiveFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveFollower.name);
  private tail?: TopicTail;
  private stopped = false;
  /** Conferences being read until the store shows the version heard of, and that version. */
  private readonly awaited = new Map<string, number>();

  constructor(
    private readonly views: LiveViews,
    private readonly signals: ProjectionSignals,
    private readonly consumer: EventConsumer,
    @Inject(OPEN_TAIL) private readonly openTail: OpenTail,
    @Inject(CONSUMER_SETTINGS) private readonly settings: ConsumerSettings,
  ) {}

  onApplicationBootstrap(): void {
    void this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.tail?.stop();
  }

  private async follow(): Promise<void> {
    await keepConnecting({
      logger: this.logger,
      failure: 'cannot follow the topic yet',
      abandoned: () => this.stopped,
      connect: async () => {
        this.tail = this.openTail(this.settings.groupId);
        await this.tail.follow(this.settings.topic.name, (messages) => this.hear(messages));
      },
      disconnect: async () => this.tail?.stop(),
    });
  }

  private hear(messages: readonly IncomingMessage[]): void {
    for (const message of messages) {
      const conferenceId = message.key;
      if (!conferenceId || !this.signals.isWatched(conferenceId)) continue;
      const version = versionOf(message);
      if (version !== undefined && version > this.signals.newestVersion(conferenceId)) {
        this.expect(conferenceId, version, this.consumer.owns(message.partition) ? OWN_WRITE_GRACE_MS : FIRST_READ_MS);
      }
    }
  }

  private expect(conferenceId: string, version: number, firstReadMs: number): void {
    const awaited = this.awaited.get(conferenceId);
    this.awaited.set(conferenceId, Math.max(awaited ?? 0, version));
    if (awaited === undefined) void this.readUntilWritten(conferenceId, firstReadMs);
  }

  /** Stops when the version is signalled (by this read or by this replica's own projector) or nobody listens. */
  private async readUntilWritten(conferenceId: string, firstReadMs: number): Promise<void> {
    const deadline = performance.now() + GIVE_UP_MS;
    const written = (): boolean => this.signals.newestVersion(conferenceId) >= this.awaited.get(conferenceId)!;
    try {
      for (let delay = firstReadMs; ; delay = Math.min(2 * delay, SLOWEST_READ_MS)) {
        await sleep(delay);
        if (written() || !this.signals.isWatched(conferenceId) || performance.now() > deadline) return;
        const view = await this.views
          .availability()
          .get(conferenceId)
          .catch(() => undefined);
        if (view) this.signals.advanced(view);
        if (written()) return;
      }
    } finally {
      this.awaited.delete(conferenceId);
    }
  }
}
