import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MongoClient } from 'mongodb';
import { type PublishedEvent, seatAvailabilityStream } from '#libs/contracts';
import type { RawMessage } from '#libs/messaging';
import { REPO_ROOT } from '#libs/testing';
import { AVAILABILITY_COLLECTION } from '../availability/availability.store.js';
import { freshReadStoreUrl } from '../consumer/projection.testing.js';
import { FoldWorkers } from './fold-workers.js';

/** Workers run built JavaScript (`npm test` builds first). */
const SCRIPT = pathToFileURL(join(REPO_ROOT, 'dist/apps/query-service/src/rebuild/fold.worker.js'));
const metadata = { correlationId: 'c', causationId: 'c', actor: 'test', serviceVersion: 'test' };
let offset = 0;

const message = (conferenceId: string, streamVersion: number, type: string, data: object): RawMessage => {
  const envelope: PublishedEvent = {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    streamId: seatAvailabilityStream(conferenceId),
    streamVersion,
    globalPosition: (offset += 1),
    occurredAt: '2026-11-26T05:00:00.000Z',
    data,
    metadata,
  };
  return { offset: String(offset), key: Buffer.from(conferenceId), value: Buffer.from(JSON.stringify(envelope)) };
};
const created = (conferenceId: string) =>
  message(conferenceId, 1, 'ConferenceCreated', {
    conferenceId,
    name: conferenceId,
    seatTypes: [{ seatType: 'general', quantity: 10 }],
  });
const reserved = (conferenceId: string, streamVersion: number) =>
  message(conferenceId, streamVersion, 'SeatsReserved', {
    conferenceId,
    reservationId: `r${streamVersion}`,
    seats: [{ seatType: 'general', quantity: 1 }],
    delta: [{ seatType: 'general', quantity: 1 }],
  });

describe('folding a replay in worker threads (real FerretDB)', () => {
  it('folds every conference in order across workers, and says where each got and which it could not rebuild', async () => {
    const readStoreUrl = freshReadStoreUrl();
    let folded = 0;
    const workers = new FoldWorkers(
      2,
      { readStoreUrl, topic: 'replayed', generations: { availability: 'g1' } },
      3,
      (messages) => (folded += messages),
      SCRIPT,
    );
    const conferences = ['c1', 'c2', 'c3', 'c4'];
    try {
      await workers.add({ partition: 0, messages: conferences.map(created) });
      await workers.add({ partition: 0, messages: conferences.flatMap((id) => [reserved(id, 2), reserved(id, 3)]) });
      // A gap: version 5 without 4.
      await workers.add({ partition: 1, messages: [created('c5'), reserved('c5', 2), reserved('c5', 5)] });
      const { versions, stopped } = await workers.finish();
      expect(versions).toEqual(new Map([...conferences.map((id): [string, number] => [id, 3]), ['c5', 2]]));
      expect(stopped).toEqual([{ conferenceId: 'c5', reason: expect.stringMatching(/gap/), version: 2 }]);
      expect(folded).toBe(15);
    } finally {
      await workers.close();
    }
    const client = await MongoClient.connect(readStoreUrl);
    try {
      const views = await client
        .db()
        .collection(`${AVAILABILITY_COLLECTION}__g1`)
        .find({}, { sort: { _id: 1 } })
        .toArray();
      expect(views.map(({ _id, version, seatTypes }) => ({ _id, version, held: seatTypes[0].held }))).toEqual([
        { _id: 'c1', version: 3, held: 2 },
        { _id: 'c2', version: 3, held: 2 },
        { _id: 'c3', version: 3, held: 2 },
        { _id: 'c4', version: 3, held: 2 },
        { _id: 'c5', version: 2, held: 1 },
      ]);
    } finally {
      await client.db().dropDatabase();
      await client.close();
    }
  }, 30_000);

  it('fails, rather than waiting for ever, when a worker cannot write', async () => {
    // The read store refuses a collection name with "$" in it.
    const workers = new FoldWorkers(
      1,
      { readStoreUrl: freshReadStoreUrl(), topic: 'replayed', generations: { availability: 'bad$name' } },
      1,
      () => undefined,
      SCRIPT,
    );
    try {
      await workers.add({ partition: 0, messages: [created('c1')] });
      await expect(workers.finish()).rejects.toThrow(/a fold worker failed: .*Invalid/s);
    } finally {
      await workers.close();
    }
  }, 30_000);
});
