import type { Db, Document } from 'mongodb';
import type { ProjectionSignals } from '../consumer/projection-signals.js';
import { collectionName, type ViewPointers } from './view-pointers.js';
import type { Collections, ViewName, ViewWriter } from './view.js';
import { VIEWS } from './views.js';

/** A view of one generation, open for writing. */
export interface OpenView {
  name: ViewName;
  writer: ViewWriter;
}

export const collectionsOf =
  (db: Db, generation: string): Collections =>
  <T extends Document>(base: string) =>
    db.collection<T>(collectionName(base, generation));

/** The views `generations` names, in writing order, with their collections prepared. */
export const openViews = async (
  db: Db,
  generations: ViewPointers['generations'],
  signals?: ProjectionSignals,
): Promise<OpenView[]> => {
  const open: OpenView[] = [];
  for (const view of VIEWS) {
    const generation = generations[view.name];
    if (generation === undefined) continue;
    const collections = collectionsOf(db, generation);
    await view.prepare(collections);
    open.push({ name: view.name, writer: view.open(collections, signals) });
  }
  return open;
};
