import type {
  AppendOutcome,
  AppendResult,
  EventStore,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
} from './event-store.js';

export interface GroupCommitSettings {
  /** Statements writing at once; appends made while all of them are busy wait and go together in the next. */
  concurrency: number;
  /** The most streams one statement writes. */
  maxStreams: number;
}

interface Waiting {
  streamAppend: StreamAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit across streams: while `concurrency` appends are being written, later ones queue, and the
 * next free slot writes everything queued in one statement, each stream still checked against its own
 * expected version. An idle store writes an append at once; a busy one pays one round trip and one commit
 * for many streams instead of one each. Reads pass straight through.
 */
export class GroupCommit implements EventStore {
  private queue: Waiting[] = [];
  private writing = 0;

  constructor(
    private readonly store: EventStore,
    private readonly settings: GroupCommitSettings,
  ) {}

  append(streamAppend: StreamAppend): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ streamAppend, resolve, reject });
      this.writeQueued();
    });
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendOutcome[]> {
    return this.store.appendMany(appends);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamId, options);
  }

  readAll(afterPosition: bigint, limit: number): Promise<RecordedEvent[]> {
    return this.store.readAll(afterPosition, limit);
  }

  private writeQueued(): void {
    while (this.writing < this.settings.concurrency && this.queue.length > 0) {
      const group = this.takeGroup();
      this.writing += 1;
      void this.write(group).finally(() => {
        this.writing -= 1;
        this.writeQueued();
      });
    }
  }

  private async write(group: Waiting[]): Promise<void> {
    try {
      const outcomes = await this.store.appendMany(group.map(({ streamAppend }) => streamAppend));
      group.forEach(({ resolve, reject }, index) => {
        const outcome = outcomes[index];
        if (outcome instanceof Error) reject(outcome);
        else if (outcome) resolve(outcome);
      });
    } catch (error) {
      for (const { reject } of group) reject(error);
    }
  }

  /** The oldest appends, one per stream: a stream's later append waits for the statement after. */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const streams = new Set<string>();
    const rest: Waiting[] = [];
    for (const waiting of this.queue) {
      const { streamId } = waiting.streamAppend;
      if (group.length < this.settings.maxStreams && !streams.has(streamId)) {
        streams.add(streamId);
        group.push(waiting);
      } else {
        rest.push(waiting);
      }
    }
    this.queue = rest;
    return group;
  }
}
