import { parentPort, workerData } from 'node:worker_threads';
import { MongoClient } from 'mongodb';
import type { Parking } from '../consumer/parking.store.js';
import { Projector } from '../consumer/projector.js';
import { openViews } from '../views/open-views.js';
import type { FoldWorkerData, FromFoldWorker, StoppedConference, ToFoldWorker } from './fold-worker.protocol.js';
import { unpack } from './packed-messages.js';

/** Parked conferences of a replay stay in memory and are reported; the live ones are left alone. */
class ReplayParking {
  readonly stopped = new Map<string, StoppedConference>();

  parkedAmong(conferenceIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(conferenceIds.filter((conferenceId) => this.stopped.has(conferenceId))));
  }

  park(parkings: readonly Parking[]): Promise<void> {
    for (const { conference } of parkings) if (conference) this.stopped.set(conference.conferenceId, conference);
    return Promise.resolve();
  }
}

const port = parentPort!;
const { readStoreUrl, topic, generations } = workerData as FoldWorkerData;
const client = new MongoClient(readStoreUrl);
const parking = new ReplayParking();
const projector = new Projector(
  await openViews(client.db(), generations),
  { parking, deadLetter: () => Promise.resolve() },
  Number.POSITIVE_INFINITY,
);
const reply = (message: FromFoldWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Chunks come in the order their conferences' messages were read, and are folded one after another. */
const handle = async (message: ToFoldWorker): Promise<void> => {
  if (message.kind === 'fold') {
    const { chunk } = message;
    await projector.project([{ topic, partition: -1, assignment: 0, messages: unpack(chunk) }], true);
    reply({ kind: 'folded', chunk }, [chunk.bytes, chunk.layout.buffer]);
    return;
  }
  reply({ kind: 'finished', versions: [...projector.versions()], stopped: [...parking.stopped.values()] });
  await client.close();
  port.close();
};

let work = Promise.resolve();
port.on('message', (message: ToFoldWorker) => {
  work = work
    .then(() => handle(message))
    .catch((error: unknown) =>
      reply({ kind: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
});
