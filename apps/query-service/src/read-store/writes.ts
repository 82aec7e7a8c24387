import type { Collection, Document, OptionalUnlessRequiredId } from 'mongodb';

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
