export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

/** A key already has as many items waiting as it may: the caller is turned away rather than queued. */
export class QueueFull extends Error {
  constructor(readonly key: string) {
    super(`${key} has as many commands waiting as it may`);
  }
}

/**
 * Per key, handles one batch at a time; whatever arrives for a key while its batch runs waits for the next
 * one, which takes all of it (up to `maxBatch`). Keys do not wait for each other. Commands for a busy
 * conference thus queue here instead of racing each other to the database, and a hot conference gets
 * many commands into one append instead of one round trip each.
 */
export class KeyedBatcher<Item, Result> {
  private readonly waiting = new Map<string, Waiting<Item, Result>[]>();

  constructor(
    private readonly handle: (key: string, items: Item[]) => Promise<Settled<Result>[]>,
    private readonly maxBatch: number,
    /** Items one key may have waiting behind its running batch; past it, `submit` rejects with QueueFull. */
    private readonly maxWaiting: number,
  ) {}

  submit(key: string, item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue && queue.length >= this.maxWaiting) {
        reject(new QueueFull(key));
        return;
      }
      if (queue) {
        queue.push({ item, resolve, reject });
        return;
      }
      this.waiting.set(key, [{ item, resolve, reject }]);
      void this.drain(key);
    });
  }

  /** Keys with work waiting or running. */
  get size(): number {
    return this.waiting.size;
  }

  private async drain(key: string): Promise<void> {
    const queue = this.waiting.get(key) ?? [];
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      try {
        const outcomes = await this.handle(
          key,
          batch.map(({ item }) => item),
        );
        batch.forEach(({ resolve, reject }, index) => {
          const outcome = outcomes[index];
          if (outcome?.ok) resolve(outcome.value);
          else reject(outcome ? outcome.error : new Error('the batch gave no outcome for this item'));
        });
      } catch (error) {
        for (const { reject } of batch) reject(error);
      }
    }
    this.waiting.delete(key);
  }
}
