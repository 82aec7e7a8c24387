import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Collection, Db, Document } from 'mongodb';
import { READ_STORE } from '../read-store/read-store.tokens.js';
import type { ViewName } from './view.js';

/**
 * Which generation of each view is live, and the consumer group that keeps them: one document, replaced
 * in one write (guarded by `epoch`), which is what makes a switch atomic.
 */
export interface ViewPointers {
  epoch: number;
  /** Absent in the first epoch, whose group is the configured one. */
  group?: string;
  /** A view absent here has never been built. */
  generations: Partial<Record<ViewName, string>>;
}

interface PointersDocument extends ViewPointers {
  _id: 'views';
}

const POINTERS_COLLECTION = 'view_pointers';
const POINTERS_ID = 'views';

/** The first epoch: the views the service has always had, in collections named as in design §6. */
const FIRST_EPOCH: ViewPointers = { epoch: 0, generations: { availability: '', reservations: '' } };

/** How often a service looks for a switch made elsewhere (a replay CLI, another replica). */
const POLL_MS = 1_000;

export const collectionName = (base: string, generation: string): string =>
  generation === '' ? base : `${base}__${generation}`;

export const consumerGroupOf = (pointers: ViewPointers, configured: string): string => pointers.group ?? configured;

export const readPointers = async (db: Db): Promise<ViewPointers> => {
  const pointers = await db
    .collection<PointersDocument>(POINTERS_COLLECTION)
    .findOne<ViewPointers>({ _id: POINTERS_ID }, { projection: { _id: 0 } });
  return pointers ?? FIRST_EPOCH;
};

/** Replaces `from` by `to` unless another switch came first; says whether it did. */
export const switchPointers = async (db: Db, from: ViewPointers, to: ViewPointers): Promise<boolean> => {
  const collection = db.collection<PointersDocument>(POINTERS_COLLECTION);
  const document: PointersDocument = { _id: POINTERS_ID, ...to };
  if (from.epoch === FIRST_EPOCH.epoch) {
    const inserted = await collection.insertOne(document).then(
      () => true,
      () => false,
    );
    if (inserted) return true;
  }
  const { matchedCount } = await collection.replaceOne({ _id: POINTERS_ID, epoch: from.epoch }, document);
  return matchedCount === 1;
};

type SwitchListener = (pointers: ViewPointers) => void;

/** The live service's view of the pointers: read at start, then polled, with a word to whoever follows them. */
@Injectable()
export class ViewCatalog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ViewCatalog.name);
  private pointers: ViewPointers = FIRST_EPOCH;
  private readonly listeners = new Set<SwitchListener>();
  private timer?: NodeJS.Timeout;

  constructor(@Inject(READ_STORE) private readonly db: Db) {}

  async onModuleInit(): Promise<void> {
    this.pointers = await readPointers(this.db);
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  current(): ViewPointers {
    return this.pointers;
  }

  /** The live collection of a view, or undefined while the view has never been built. */
  collection<T extends Document>(view: ViewName, base: string): Collection<T> | undefined {
    const generation = this.pointers.generations[view];
    return generation === undefined ? undefined : this.db.collection<T>(collectionName(base, generation));
  }

  /** Returns the unsubscribe. */
  onSwitch(listener: SwitchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads the pointers now (after a switch made in this process) rather than at the next poll. */
  async poll(): Promise<void> {
    try {
      const pointers = await readPointers(this.db);
      if (pointers.epoch === this.pointers.epoch) return;
      this.pointers = pointers;
      this.logger.log(`views switched to epoch ${pointers.epoch}: ${JSON.stringify(pointers.generations)}`);
      for (const listener of this.listeners) listener(pointers);
    } catch (error) {
      this.logger.warn(`cannot read the view pointers: ${String(error)}`);
    }
  }
}
