import type { Collection, Filter, FindCursor, WithId } from 'mongodb';

/**
 * The documents of these ids that exist, by one lookup each: FerretDB serves a lookup by _id from the
 * index, but scans the collection for `$in`.
 */
export const findEachById = async <T extends { _id: string }>(
  collection: Collection<T>,
  ids: readonly string[],
): Promise<WithId<T>[]> => {
  const found = await Promise.all(ids.map((_id) => collection.findOne({ _id } as Filter<T>)));
  return found.filter((document) => document !== null);
};

/**
 * The `_id` of a view document under `parts`, identifiers joined by `/`: no identifier holds one, so the keys
 * starting with `<id>/` are exactly those under that id, and they lie next to each other in `_id` order.
 */
export const keyOf = (...parts: readonly string[]): string => parts.join('/');

/** The first string past every key that starts with `prefix`. */
const pastPrefix = (prefix: string): string =>
  prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/**
 * The documents whose `_id` starts with `prefix` (empty: every document), after the key `prefix + after`, in
 * `_id` order: a range of the `_id` index on MongoDB and on the native store (its patch pushes ranges of
 * such keys down and stops at the limit; explain shows it in read-store.int-spec).
 */
export const idRange = <T extends { _id: string }>(
  collection: Collection<T>,
  prefix: string,
  after: string | undefined,
  limit: number,
): FindCursor<WithId<T>> => {
  const range = prefix === '' ? {} : { $lt: pastPrefix(prefix) };
  return collection
    .find({ _id: { $gt: prefix + (after ?? ''), ...range } } as Filter<T>)
    .sort({ _id: 1 })
    .limit(limit);
};

/** One page of a list and, when there is more, the cursor of the next (its last item's key). */
export interface Page<T> {
  items: T[];
  next?: string;
}

/** Reads one item more than the page holds, to know whether another page follows. */
export const pageOf = async <T extends { _id: string }, I>(
  query: (limit: number) => FindCursor<WithId<T>>,
  limit: number,
  toItem: (document: WithId<T>) => I,
  cursorOf: (document: WithId<T>) => string,
): Promise<Page<I>> => {
  const documents = await query(limit + 1).toArray();
  const items = documents.slice(0, limit);
  const next = documents.length > limit ? cursorOf(items[items.length - 1]!) : undefined;
  return { items: items.map(toItem), next };
};
