import type { Collection, Filter, WithId } from 'mongodb';

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
