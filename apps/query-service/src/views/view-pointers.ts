import type { Db } from 'mongodb';
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
export const FIRST_EPOCH: ViewPointers = { epoch: 0, generations: { availability: '', reservations: '' } };

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
