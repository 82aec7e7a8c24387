import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Db } from 'mongodb';
import { KAFKA, KafkaTopicHistory } from '#libs/messaging';
import { CONSUMER_SETTINGS, type ConsumerSettings } from '../consumer/consumer.settings.js';
import { READ_STORE } from '../read-store/read-store.tokens.js';
import type { ViewName } from '../views/view.js';
import { Replay, type ReplayProgress, type ReplaySettings } from './replay.js';

export interface RebuildStatus extends Omit<ReplayProgress, 'phase'> {
  rebuildId: string;
  views: readonly ViewName[];
  state: 'running' | 'succeeded' | 'failed';
  phase: ReplayProgress['phase'] | 'done';
  error?: string;
}

/** Settings of rebuilds started through the admin endpoint. */
export const REBUILD_SETTINGS = Symbol('REBUILD_SETTINGS');
export type RebuildSettings = Pick<ReplaySettings, 'readStoreUrl' | 'graceMs' | 'chunk' | 'workers'>;

/** Rebuilds started in this process, and how far each has come. */
@Injectable()
export class Rebuilds {
  private readonly logger = new Logger(Rebuilds.name);
  private readonly statuses = new Map<string, RebuildStatus>();
  private readonly replay: Replay;

  constructor(
    @Inject(READ_STORE) db: Db,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(CONSUMER_SETTINGS) consumer: ConsumerSettings,
    @Inject(REBUILD_SETTINGS) settings: RebuildSettings,
  ) {
    this.replay = new Replay(db, new KafkaTopicHistory(kafka), {
      topic: consumer.topic.name,
      groupId: consumer.groupId,
      ...settings,
    });
  }

  /** Throws RebuildInProgress when another rebuild, here or elsewhere, holds one of the views. */
  async start(views: readonly ViewName[]): Promise<string> {
    const status: RebuildStatus = {
      rebuildId: '',
      views,
      state: 'running',
      phase: 'rebuilding',
      processed: 0,
      total: 0,
      rate: 0,
    };
    const running = await this.replay.start({ views, onProgress: (progress) => Object.assign(status, progress) });
    const { rebuildId } = running;
    status.rebuildId = rebuildId;
    this.statuses.set(rebuildId, status);
    this.logger.log(`rebuild ${rebuildId} of ${views.join(', ')} started`);
    running.done.then(
      ({ seconds }) => {
        Object.assign(status, { state: 'succeeded', phase: 'done' });
        this.logger.log(`rebuild ${rebuildId} switched after ${seconds.toFixed(1)} s`);
      },
      (error: unknown) => {
        Object.assign(status, { state: 'failed', error: String(error) });
        this.logger.error(`rebuild ${rebuildId} failed: ${String(error)}`);
      },
    );
    return rebuildId;
  }

  status(rebuildId: string): RebuildStatus | undefined {
    return this.statuses.get(rebuildId);
  }
}
