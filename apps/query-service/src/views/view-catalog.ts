import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Collection, Db, Document } from 'mongodb';
import { READ_STORE } from '../read-store/read-store.tokens.js';
import type { ViewName } from './view.js';
import { collectionName, FIRST_EPOCH, readPointers, type ViewPointers } from './view-pointers.js';

/** How often a service looks for a switch made elsewhere (a replay CLI, another replica). */
const POLL_MS = 1_000;

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
