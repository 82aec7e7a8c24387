import { type Db, MongoClient } from 'mongodb';
import {
  AVAILABILITY_COLLECTION,
  collectionName,
  readPointers,
  RESERVATIONS_COLLECTION,
  SEAT_SALES_COLLECTION,
  type ViewName,
} from '../../apps/query-service/src/tooling.js';
import type { ActualViews } from './views.check.js';

/** The documents of a view's collection, without the store's own fields. */
const documents = async <T>(db: Db, base: string, generation: string | undefined): Promise<T[] | undefined> =>
  generation === undefined
    ? undefined
    : ((await db
        .collection(collectionName(base, generation))
        .find({}, { projection: { _id: 0, projectedAt: 0 } })
        .toArray()) as T[]);

/** The views of the given generations (a view not named is left out), field names per design §6. */
const readGenerations = async (
  db: Db,
  generations: Partial<Record<ViewName, string>>,
  parked: string[] = [],
): Promise<ActualViews> => ({
  availability: await documents(db, AVAILABILITY_COLLECTION, generations.availability),
  reservations: await documents(db, RESERVATIONS_COLLECTION, generations.reservations),
  seatSales: await documents(db, SEAT_SALES_COLLECTION, generations['seat-sales']),
  parked,
});

/** The query service's live views, as they are now. */
export const readViews = async (readStoreUrl: string): Promise<ActualViews> => {
  const client = new MongoClient(readStoreUrl);
  try {
    const db = client.db();
    const parked = await db.collection<{ conferenceId: string }>('parked_conferences').find({}).toArray();
    const { generations } = await readPointers(db);
    return await readGenerations(
      db,
      generations,
      parked.map(({ conferenceId }) => conferenceId),
    );
  } finally {
    await client.close();
  }
};
