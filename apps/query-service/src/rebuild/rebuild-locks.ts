import type { Collection, Db } from 'mongodb';
import type { ViewName } from '../views/view.js';

interface LockDocument {
  _id: ViewName;
  rebuildId: string;
  /** The generation the rebuild is writing: left behind if it dies, dropped by the next one. */
  generation: string;
  expiresAt: Date;
}

/** A lock lives this long unless renewed: a killed rebuild frees its views within it. */
const LOCK_TTL_MS = 10_000;
const RENEW_MS = 2_000;

/** Another rebuild holds one of the views. */
export class RebuildInProgress extends Error {
  constructor(
    readonly view: ViewName,
    readonly rebuildId: string,
  ) {
    super(`view ${view} is being rebuilt by ${rebuildId}`);
  }
}

const DUPLICATE_KEY = 11000;

/** One rebuild per view at a time, across processes: a document per view, renewed while the rebuild lives. */
export class RebuildLocks {
  private readonly locks: Collection<LockDocument>;
  private timer?: NodeJS.Timeout;

  constructor(
    db: Db,
    private readonly rebuildId: string,
    private readonly generation: string,
  ) {
    this.locks = db.collection<LockDocument>('rebuild_locks');
  }

  /**
   * Takes every view's lock or none; resolves to the generations that expired rebuilds left behind, for
   * the caller to drop.
   */
  async acquire(views: readonly ViewName[]): Promise<Map<ViewName, string>> {
    const abandoned = new Map<ViewName, string>();
    const taken: ViewName[] = [];
    try {
      for (const view of views) {
        const previous = await this.take(view);
        taken.push(view);
        if (previous) abandoned.set(view, previous);
      }
    } catch (error) {
      await this.locks.deleteMany({ _id: { $in: taken }, rebuildId: this.rebuildId });
      throw error;
    }
    this.timer = setInterval(() => void this.renew(views), RENEW_MS);
    return abandoned;
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    await this.locks.deleteMany({ rebuildId: this.rebuildId });
  }

  /** Resolves to the generation an expired holder was writing, if it had one. */
  private async take(view: ViewName): Promise<string | undefined> {
    const lock: LockDocument = {
      _id: view,
      rebuildId: this.rebuildId,
      generation: this.generation,
      expiresAt: this.expiry(),
    };
    try {
      await this.locks.insertOne(lock);
      return undefined;
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const held = await this.locks.findOne({ _id: view });
    if (held && held.expiresAt > new Date()) throw new RebuildInProgress(view, held.rebuildId);
    const { matchedCount } = await this.locks.replaceOne({ _id: view, rebuildId: held?.rebuildId }, lock);
    if (matchedCount === 0) throw new RebuildInProgress(view, 'another rebuild');
    return held?.generation;
  }

  private async renew(views: readonly ViewName[]): Promise<void> {
    await this.locks
      .updateMany({ _id: { $in: [...views] }, rebuildId: this.rebuildId }, { $set: { expiresAt: this.expiry() } })
      .catch(() => undefined);
  }

  private expiry(): Date {
    return new Date(Date.now() + LOCK_TTL_MS);
  }
}
