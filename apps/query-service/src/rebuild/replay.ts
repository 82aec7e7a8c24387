import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from 'mongodb';
import type { Offsets, TopicHistory, TopicReader } from '#libs/messaging';
import {
  collectionName,
  consumerGroupOf,
  readPointers,
  switchPointers,
  type ViewPointers,
} from '../views/view-pointers.js';
import type { ViewName } from '../views/view.js';
import { viewNamed } from '../views/views.js';
import type { StoppedConference } from './fold-worker.protocol.js';
import { FoldWorkers } from './fold-workers.js';
import { RebuildLocks } from './rebuild-locks.js';

export interface ReplaySettings {
  /** The read store, for the fold workers' own connections. */
  readStoreUrl: string;
  topic: string;
  /** The live consumer group of the first epoch. */
  groupId: string;
  /** How long old collections are kept after a switch, for services still reading or writing them. */
  graceMs: number;
  /** Messages a worker folds and writes at once. */
  chunk: number;
  /** Threads folding beside the one reading. */
  workers: number;
}

/**
 * A chunk big enough that a conference's documents are written about once per chunk rather than per
 * event (twice that folded no faster, and rebuilding every view then passed 300 MB); old collections kept
 * long enough for every service to notice a switch (they poll every second); a fold worker per core (the
 * reading thread needs less than one).
 */
export const REPLAY_DEFAULTS = { chunk: 2_500, graceMs: 3_000, workers: Math.min(4, availableParallelism()) } as const;

export interface ReplayRequest {
  views: readonly ViewName[];
  /** Build and verify, but do not switch. */
  dryRun?: boolean;
  /** Keep the collections that would be dropped (the old ones after a switch, the new ones otherwise). */
  keep?: boolean;
  /** Differences between the new views and the truth; any found stops the switch. */
  verify?: (generation: RebuiltViews) => Promise<string[]>;
  onProgress?: (progress: ReplayProgress) => void;
}

export type ReplayPhase = 'rebuilding' | 'catching-up' | 'verifying' | 'switching';

export interface ReplayProgress {
  phase: ReplayPhase;
  processed: number;
  total: number;
  /** Messages per second since the start. */
  rate: number;
}

/** The new generation's collections, and the version every view reached per conference. */
export interface RebuiltViews {
  db: Db;
  views: readonly ViewName[];
  generation: string;
  versions: ReadonlyMap<string, number>;
}

export interface ReplayResult {
  rebuildId: string;
  views: readonly ViewName[];
  generation: string;
  processed: number;
  seconds: number;
  switched: boolean;
  /** Conferences the topic cannot rebuild (a gap, an unreadable event): their views stop before it. */
  stopped: StoppedConference[];
}

export class VerificationFailed extends Error {
  constructor(readonly differences: readonly string[]) {
    super(`the rebuilt views differ from the event store in ${differences.length} places`);
  }
}

/** A rebuild that holds its views' locks and is under way. */
export interface RunningReplay {
  rebuildId: string;
  done: Promise<ReplayResult>;
}

const minimum = (a: bigint, b: bigint): bigint => (a < b ? a : b);

type Generations = ViewPointers['generations'];

/** What a replay built: the pointers its switch replaced (none when it did not switch), and what it could not. */
interface Built {
  replaced?: ViewPointers;
  stopped: StoppedConference[];
}

/** A replay's counts, told to the listener as they change. */
class Progress {
  processed = 0;
  private phase: ReplayPhase = 'rebuilding';
  private total = 0;
  private readonly started = performance.now();

  constructor(private readonly listener: (progress: ReplayProgress) => void = () => undefined) {}

  get seconds(): number {
    return (performance.now() - this.started) / 1_000;
  }

  expect(messages: number): void {
    this.total += messages;
    this.report();
  }

  folded(messages: number): void {
    this.processed += messages;
    this.report();
  }

  enter(phase: ReplayPhase): void {
    this.phase = phase;
    this.report();
  }

  private report(): void {
    const { phase, processed, total } = this;
    this.listener({ phase, processed, total, rate: processed / Math.max(this.seconds, 1e-3) });
  }
}

/** Messages from `from` (0 where it names no offset) up to `to`, over every partition. */
const messagesBetween = (from: Offsets, to: Offsets): number =>
  Number([...to].reduce((sum, [partition, end]) => sum + end - (from.get(partition) ?? 0n), 0n));

/**
 * Rebuilds views from the topic beside the live ones (blue/green): a new generation of collections is
 * filled from the earliest offsets to the high-water marks captured at the start, then caught up to the
 * marks of that moment, verified if asked, and switched to by replacing the view pointers in one write.
 * The new epoch's consumer group starts, per partition, from the lower of where the replay stopped and
 * where the live group had committed: every view skips what it has, so nothing between the captured marks
 * and the switch is lost. The old collections are dropped after a grace period.
 */
export class Replay {
  constructor(
    private readonly db: Db,
    private readonly history: TopicHistory,
    private readonly settings: ReplaySettings,
  ) {}

  /** Takes the views' locks (throws RebuildInProgress) and starts. */
  async start(request: ReplayRequest): Promise<RunningReplay> {
    const rebuildId = randomUUID();
    const generation = `g${Date.now().toString(36)}${rebuildId.slice(0, 4)}`;
    const locks = new RebuildLocks(this.db, rebuildId, generation);
    const abandoned = await locks.acquire(request.views);
    const own = new Map(request.views.map((view) => [view, generation]));
    const done = (async () => {
      try {
        await this.dropGenerations(abandoned);
        const result = await this.run(rebuildId, generation, request);
        if (!result.switched && !request.keep) await this.dropGenerations(own);
        return result;
      } catch (error) {
        if (!request.keep) await this.dropGenerations(own).catch(() => undefined);
        throw error;
      } finally {
        await locks.release();
      }
    })();
    return { rebuildId, done };
  }

  private async run(rebuildId: string, generation: string, request: ReplayRequest): Promise<ReplayResult> {
    const { views } = request;
    const { topic, groupId, readStoreUrl } = this.settings;
    const progress = new Progress(request.onProgress);
    const generations = Object.fromEntries(views.map((view) => [view, generation]));
    const workers = new FoldWorkers(
      this.settings.workers,
      { readStoreUrl, topic, generations },
      this.settings.chunk,
      (n) => progress.folded(n),
    );
    let built: Built;
    try {
      // The new epoch's group is the reader's own: it commits where the live consumers start, then leaves.
      const reader = await this.history.open(topic, `${groupId}.${rebuildId}`);
      try {
        built = await this.build(reader, workers, progress, { request, generation, generations });
      } finally {
        await reader.close();
      }
    } finally {
      await workers.close();
    }
    const { replaced, stopped } = built;
    if (replaced && !request.keep) {
      await sleep(this.settings.graceMs);
      await this.dropGenerations(new Map(views.map((view) => [view, replaced.generations[view]])));
    }
    const { processed, seconds } = progress;
    return { rebuildId, views, generation, processed, seconds, switched: replaced !== undefined, stopped };
  }

  /** Reads to the marks of the start, catches up to those of that moment, verifies, and switches unless dry. */
  private async build(
    reader: TopicReader,
    workers: FoldWorkers,
    progress: Progress,
    { request, generation, generations }: { request: ReplayRequest; generation: string; generations: Generations },
  ): Promise<Built> {
    const { topic } = this.settings;
    const { low, high } = await this.history.bounds(topic);
    progress.expect(messagesBetween(low, high));
    await reader.read({ from: low, to: high }, (batch) => workers.add(batch));
    progress.enter('catching-up');
    const reached = (await this.history.bounds(topic)).high;
    progress.expect(messagesBetween(high, reached));
    await reader.read({ from: high, to: reached }, (batch) => workers.add(batch));
    const { versions, stopped } = await workers.finish();
    if (request.verify) {
      progress.enter('verifying');
      const differences = await request.verify({ db: this.db, views: request.views, generation, versions });
      if (differences.length > 0) throw new VerificationFailed(differences);
    }
    if (request.dryRun) return { stopped };
    progress.enter('switching');
    return { stopped, replaced: await this.switchTo(reader, generations, reached, low) };
  }

  /**
   * Replaces the pointers, retried if another view's switch came first; resolves to those it replaced. The
   * reader commits the new group's offsets before the pointers name it, so no live consumer starts without.
   */
  private async switchTo(
    reader: TopicReader,
    generations: Generations,
    reached: Offsets,
    low: Offsets,
  ): Promise<ViewPointers> {
    for (;;) {
      const current = await readPointers(this.db);
      const committed = await this.history.committed(
        consumerGroupOf(current, this.settings.groupId),
        this.settings.topic,
      );
      await reader.commit(
        new Map(
          [...reached].map(([partition, end]) => [
            partition,
            minimum(end, committed.get(partition) ?? low.get(partition) ?? 0n),
          ]),
        ),
      );
      const next = {
        epoch: current.epoch + 1,
        group: reader.group,
        generations: { ...current.generations, ...generations },
      };
      if (await switchPointers(this.db, current, next)) return current;
    }
  }

  /** Never one the pointers name: a rebuild killed after its switch leaves a live generation in its lock. */
  private async dropGenerations(generations: ReadonlyMap<ViewName, string | undefined>): Promise<void> {
    const live = (await readPointers(this.db)).generations;
    for (const [view, generation] of generations) {
      if (generation === undefined || live[view] === generation) continue;
      for (const base of viewNamed(view).collections) {
        await this.db.dropCollection(collectionName(base, generation)).catch(() => undefined);
      }
    }
  }
}
