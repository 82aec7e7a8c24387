import { MongoClient } from 'mongodb';
import type { ActualViews } from './views.check.js';

/** The query service's view collections, as they are now (field names per design §6). */
export const readViews = async (readStoreUrl: string): Promise<ActualViews> => {
  const client = new MongoClient(readStoreUrl);
  try {
    const db = client.db();
    const [availability, reservations, parked] = await Promise.all([
      db.collection<ActualViews['availability'][number]>('conference_availability').find({}).toArray(),
      db.collection<ActualViews['reservations'][number]>('reservations').find({}).toArray(),
      db.collection<{ conferenceId: string }>('parked_conferences').find({}).toArray(),
    ]);
    return { availability, reservations, parked: parked.map(({ conferenceId }) => conferenceId) };
  } finally {
    await client.close();
  }
};
