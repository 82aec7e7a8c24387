import { KeyedBatcher, QueueFull, type Settled } from './keyed-batcher.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));
const ok = <T>(value: T): Settled<T> => ({ ok: true, value });

describe('KeyedBatcher', () => {
  it('hands everything that queued behind a running batch of a key to its next batch', async () => {
    const batches: number[][] = [];
    const batcher = new KeyedBatcher<number, number>(
      async (_key, items) => {
        batches.push(items);
        await tick();
        return items.map((item) => ok(item * 10));
      },
      100,
      100,
    );

    const results = await Promise.all([1, 2, 3, 4].map((item) => batcher.submit('a', item)));

    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(results).toEqual([10, 20, 30, 40]);
  });

  it('never runs two batches of one key at once, and runs different keys side by side', async () => {
    const running = new Set<string>();
    const overlaps: string[] = [];
    let concurrentKeys = 0;
    const batcher = new KeyedBatcher<number, number>(
      async (key, items) => {
        if (running.has(key)) overlaps.push(key);
        running.add(key);
        concurrentKeys = Math.max(concurrentKeys, running.size);
        await tick();
        running.delete(key);
        return items.map(ok);
      },
      2,
      100,
    );

    await Promise.all(['a', 'b', 'a', 'b', 'a', 'a', 'a'].map((key, index) => batcher.submit(key, index)));

    expect(overlaps).toEqual([]);
    expect(concurrentKeys).toBe(2);
  });

  it('caps a batch at maxBatch items', async () => {
    const sizes: number[] = [];
    const batcher = new KeyedBatcher<number, number>(
      async (_key, items) => {
        sizes.push(items.length);
        await tick();
        return items.map(ok);
      },
      2,
      100,
    );

    await Promise.all([1, 2, 3, 4, 5, 6].map((item) => batcher.submit('a', item)));

    expect(sizes).toEqual([1, 2, 2, 1]);
  });

  it('settles each item with its own outcome, goes on after a failed batch, and forgets idle keys', async () => {
    let calls = 0;
    const batcher = new KeyedBatcher<number, number>(
      async (_key, items) => {
        calls += 1;
        await tick();
        if (calls === 1) throw new Error('database down');
        return items.map((item) => (item % 2 === 0 ? ok(item) : { ok: false, error: new Error(`odd ${item}`) }));
      },
      10,
      100,
    );

    const first = batcher.submit('a', 0);
    const [even, odd] = [batcher.submit('a', 2), batcher.submit('a', 3)];

    await expect(first).rejects.toThrow('database down');
    expect(await even).toBe(2);
    await expect(odd).rejects.toThrow('odd 3');
    expect(batcher.size).toBe(0);
  });

  it('turns an item away when its key has maxWaiting items queued, and takes it again once they drain', async () => {
    const batcher = new KeyedBatcher<number, number>(
      async (_key, items) => {
        await tick();
        return items.map(ok);
      },
      10,
      2,
    );

    const running = batcher.submit('a', 0);
    const queued = [batcher.submit('a', 1), batcher.submit('a', 2)];
    const other = batcher.submit('b', 3);

    await expect(batcher.submit('a', 4)).rejects.toThrow(QueueFull);
    expect(await Promise.all([running, ...queued, other])).toEqual([0, 1, 2, 3]);
    expect(await batcher.submit('a', 5)).toBe(5);
  });
});
