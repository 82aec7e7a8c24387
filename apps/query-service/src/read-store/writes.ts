import type { Collection, Document, Filter, OptionalUnlessRequiredId } from 'mongodb';

const DUPLICATE_KEY = 11000;

interface WriteError {
  code: number;
  index: number;
}

/** The places of the documents an insertMany refused as already there, or undefined if it failed otherwise. */
const duplicatesIn = (error: unknown): number[] | undefined => {
  const writeErrors = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
  const failed = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (failed.length === 0 || failed.some(({ code }) => code !== DUPLICATE_KEY)) return undefined;
  return failed.map(({ index }) => index);
};

/**
 * Inserts the documents whose _id is new, in one command, and returns the places of those that were there
 * already: the cheapest write on every store, and the one a projection mostly needs.
 */
export const insertNew = async <T extends Document>(
  collection: Collection<T>,
  documents: readonly OptionalUnlessRequiredId<T>[],
): Promise<number[]> => {
  if (documents.length === 0) return [];
  try {
    await collection.insertMany([...documents], { ordered: false });
    return [];
  } catch (error) {
    const duplicates = duplicatesIn(error);
    if (!duplicates) throw error;
    return duplicates;
  }
};

/** Replaces documents in one command (each filter names an _id); resolves to how many matched. */
export const replaceAll = async <T extends Document>(
  collection: Collection<T>,
  replacements: readonly { filter: Parameters<Collection<T>['replaceOne']>[0]; replacement: T }[],
): Promise<number> => {
  if (replacements.length === 0) return 0;
  const result = await collection.bulkWrite(replacements.map((replaceOne) => ({ replaceOne })));
  return result.matchedCount;
};

/** A document of a view kept per conference, and the version it replaces (0: new to the collection). */
export interface VersionedWrite<T> {
  document: T;
  from: number;
}

/**
 * Inserts the new documents and replaces the others only while still at the version they were folded
 * from, so a writer that was overtaken (a member the group has already replaced) fails instead of going back.
 */
export const saveVersioned = async <T extends Document & { _id: string; version: number }>(
  collection: Collection<T>,
  writes: readonly VersionedWrite<T>[],
): Promise<void> => {
  const there = await insertNew(
    collection,
    writes.filter(({ from }) => from === 0).map(({ document }) => document as OptionalUnlessRequiredId<T>),
  );
  const replaced = writes.filter(({ from }) => from > 0);
  const matched = await replaceAll(
    collection,
    replaced.map(({ document, from }) => ({
      filter: { _id: document._id, version: from } as Filter<T>,
      replacement: document,
    })),
  );
  const movedOn = there.length + replaced.length - matched;
  if (movedOn > 0)
    throw new Error(`${movedOn} documents of ${collection.collectionName} moved on while this batch was projected`);
};
