import { Worker } from 'node:worker_threads';
import type { RawBatch } from '#libs/messaging';
import type { FoldWorkerData, FromFoldWorker, StoppedConference, ToFoldWorker } from './fold-worker.protocol.js';
import { MessagePack, messageCount } from './packed-messages.js';

/** Chunks a worker may have waiting: one to fold while the next is read, and a bound on memory. */
const IN_FLIGHT = 2;

export interface FoldResult {
  /** The stream version every view reached, per conference. */
  versions: Map<string, number>;
  stopped: StoppedConference[];
}

/** FNV-1a of the key's bytes: a conference always goes to the same worker, so its messages stay in order. */
const workerOf = (key: Buffer | null, workers: number): number => {
  if (key === null) return 0;
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key[index]!, 0x01000193);
  return (hash >>> 0) % workers;
};

const send = (worker: Worker, message: ToFoldWorker, transfer: ArrayBuffer[] = []): void =>
  worker.postMessage(message, transfer);

interface Slot {
  worker: Worker;
  pack: MessagePack;
  inFlight: number;
  result?: Omit<FoldResult, 'versions'> & { versions: [string, number][] };
}

/**
 * Folds a replay's messages in worker threads, each with its own connection to the read store: the reading
 * thread only decodes Kafka's batches and hands the bytes on, so reading and folding use separate cores.
 */
export class FoldWorkers {
  private readonly slots: Slot[];
  private failure?: Error;
  private waiters: (() => void)[] = [];

  constructor(
    count: number,
    data: FoldWorkerData,
    private readonly chunk: number,
    private readonly onFolded: (messages: number) => void,
    /** The worker's built script: beside this one, except for tests run from the sources. */
    script = new URL('./fold.worker.js', import.meta.url),
  ) {
    this.slots = Array.from({ length: count }, () => this.start(data, script));
  }

  /**
   * Resolves once the batch is handed on; waits while a worker already has enough to do. A chunk goes as
   * soon as it is full, even mid-batch, so its buffers stay the size of a chunk rather than of a fetch.
   */
  async add({ partition, messages }: RawBatch): Promise<void> {
    for (const message of messages) {
      const slot = this.slots[workerOf(message.key, this.slots.length)]!;
      slot.pack.add(partition, message);
      if (slot.pack.size >= this.chunk) await this.post(slot);
    }
  }

  /** Ends the workers once everything added is folded and written; resolves to where the views got. */
  async finish(): Promise<FoldResult> {
    for (const slot of this.slots) if (slot.pack.size > 0) await this.post(slot);
    await this.until(() => this.slots.every(({ inFlight }) => inFlight === 0));
    for (const { worker } of this.slots) send(worker, { kind: 'finish' });
    await this.until(() => this.slots.every(({ result }) => result !== undefined));
    const results = this.slots.map(({ result }) => result!);
    return {
      versions: new Map(results.flatMap(({ versions }) => versions)),
      stopped: results.flatMap(({ stopped }) => stopped),
    };
  }

  /** Stops the workers wherever they are (a finished one has already ended). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map(({ worker }) => worker.terminate()));
  }

  /** A worker's heap follows the process's V8 flags (`tools/replay/node-options`, the services' budget). */
  private start(data: FoldWorkerData, script: URL): Slot {
    const worker = new Worker(script, { workerData: data });
    const slot: Slot = { worker, pack: new MessagePack(), inFlight: 0 };
    worker.on('message', (message: FromFoldWorker) => {
      if (message.kind === 'folded') {
        slot.inFlight -= 1;
        slot.pack.recycle(message.chunk);
        this.onFolded(messageCount(message.chunk));
      } else if (message.kind === 'finished') slot.result = message;
      else this.fail(new Error(`a fold worker failed: ${message.error}`));
      this.notify();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (!slot.result) this.fail(new Error(`a fold worker exited (code ${code}) before finishing`));
    });
    return slot;
  }

  private async post(slot: Slot): Promise<void> {
    await this.until(() => slot.inFlight < IN_FLIGHT);
    const chunk = slot.pack.take();
    slot.inFlight += 1;
    send(slot.worker, { kind: 'fold', chunk }, [chunk.bytes, chunk.layout.buffer]);
  }

  private async until(ready: () => boolean): Promise<void> {
    for (;;) {
      if (this.failure) throw this.failure;
      if (ready()) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
