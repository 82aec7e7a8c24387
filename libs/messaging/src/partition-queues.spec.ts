import { PartitionQueues, type Queued } from './partition-queues.js';

const queued = (partition: number, offsets: number[], assignment = 0): Queued => ({
  batch: {
    topic: 't',
    partition,
    assignment,
    messages: offsets.map((offset) => ({ partition, offset: String(offset), key: 'k', value: '', headers: {} })),
  },
  highWatermark: String(offsets.at(-1)! + 10),
});

const offsetsOf = ({ batch }: Queued): [number, string[]] => [batch.partition, batch.messages.map((m) => m.offset)];

/** Whether the promise has settled after the queued work ran. */
const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

describe('PartitionQueues', () => {
  it('gives a writer everything queued at once, one batch per partition in offset order', async () => {
    const queues = new PartitionQueues(4);
    await queues.put(queued(0, [1, 2]));
    await queues.put(queued(1, [7]));
    await queues.put(queued(0, [3]));

    const taken = await queues.take();

    expect(taken.map(offsetsOf)).toEqual([
      [0, ['1', '2', '3']],
      [1, ['7']],
    ]);
    expect(taken[0]!.highWatermark).toBe('13');
  });

  it('holds a fetch while its partition is full, and lets it in once the writer took the queue', async () => {
    const queues = new PartitionQueues(2);
    await queues.put(queued(0, [1]));
    await queues.put(queued(0, [2]));
    const third = queues.put(queued(0, [3]));
    expect(await queues.put(queued(1, [9]))).toBe(true);
    expect(await settled(third)).toBe(false);

    await queues.take();

    expect(await third).toBe(true);
    expect((await queues.take()).map(offsetsOf)).toEqual([[0, ['3']]]);
  });

  it('keeps a writer waiting until something is queued', async () => {
    const queues = new PartitionQueues(2);
    const taking = queues.take();
    expect(await settled(taking)).toBe(false);

    await queues.put(queued(2, [5]));

    expect((await taking).map(offsetsOf)).toEqual([[2, ['5']]]);
  });

  it('drops what an ended assignment queued and turns its waiting and late fetches away', async () => {
    const queues = new PartitionQueues(1);
    await queues.put(queued(0, [1]));
    const waiting = queues.put(queued(0, [2]));

    queues.reassign();
    expect(queues.current()).toBe(1);

    expect(await waiting).toBe(false);
    expect(await queues.put(queued(1, [4], 0))).toBe(false);
    expect(await queues.put(queued(1, [4], 1))).toBe(true);
    expect((await queues.take()).map(offsetsOf)).toEqual([[1, ['4']]]);
  });

  it('ends a waiting writer with nothing once closed', async () => {
    const queues = new PartitionQueues(1);
    const taking = queues.take();

    queues.close();

    expect(await taking).toEqual([]);
    expect(await queues.put(queued(0, [1]))).toBe(false);
  });
});
