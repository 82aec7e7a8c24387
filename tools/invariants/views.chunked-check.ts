import type { Collection, Db, Document } from 'mongodb';
import { createPool, PostgresEventStore } from '#libs/event-store';
import {
  AVAILABILITY_COLLECTION,
  collectionName,
  findEachById,
  keyOf,
  RESERVATIONS_COLLECTION,
  SEAT_SALES_COLLECTION,
  type ViewName,
} from '../../apps/query-service/src/tooling.js';
import type { StoredEvent } from './publication.check.js';
import { toStoredEvent } from './publication.sources.js';
import { type ActualViews, checkViews, type ViewsReport } from './views.check.js';

/** About how many events a chunk folds (at most one conference more): what bounds the check's memory, however long the history. */
const CHUNK_EVENTS = 10_000;
/** Streams read from the event store at once. */
const READERS = 4;
const STREAM_PREFIX = 'seat-availability-';

/** Where a conference's reservations start in the reservations' key order. */
const firstKeyOf = (conferenceId: string): string => keyOf(conferenceId, '');

export interface ChunkedCheck {
  eventStoreUrl: string;
  db: Db;
  /** The generation of each view to check; a view left out is not checked. */
  generations: Partial<Record<ViewName, string>>;
  /** Each conference's events up to this version are folded; no other conference is expected in the views. */
  versions: ReadonlyMap<string, number>;
}

interface Chunk {
  conferenceIds: string[];
  /** The chunk's range of reservation keys: from `from` (inclusive) to `to` (exclusive; none: to the end). */
  from: string;
  to?: string;
}

/**
 * Conferences in the order of their reservations' keys, cut into chunks of about CHUNK_EVENTS events. A chunk's
 * key range runs to the next one's first key, so the ranges cover every key once, strangers' included.
 */
export const chunksOf = (versions: ReadonlyMap<string, number>): Chunk[] => {
  const ordered = [...versions.keys()].sort((a, b) => (firstKeyOf(a) < firstKeyOf(b) ? -1 : 1));
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  let events = 0;
  for (const conferenceId of ordered) {
    if (!current || events >= CHUNK_EVENTS) {
      const from = current ? firstKeyOf(conferenceId) : '';
      if (current) current.to = from;
      current = { conferenceIds: [], from };
      chunks.push(current);
      events = 0;
    }
    current.conferenceIds.push(conferenceId);
    events += versions.get(conferenceId)!;
  }
  return chunks;
};

const emptyReport = (): ViewsReport => ({
  conferences: 0,
  reservations: 0,
  parked: [],
  violations: { missing: [], unexpected: [], different: [] },
});

const merge = (into: ViewsReport, chunk: ViewsReport): void => {
  into.conferences += chunk.conferences;
  into.reservations += chunk.reservations;
  for (const kind of ['missing', 'unexpected', 'different'] as const) {
    into.violations[kind].push(...chunk.violations[kind]);
  }
};

/**
 * The views of the given generations against a fold of the event store, a chunk of conferences at a time:
 * the chunk's streams, its conferences' documents and the reservations in its key range. Documents of
 * conferences not folded are found by a last pass over the keys of the one-per-conference views.
 */
export const checkViewsInChunks = async ({
  eventStoreUrl,
  db,
  generations,
  versions,
}: ChunkedCheck): Promise<ViewsReport> => {
  const collection = (view: ViewName, base: string): Collection<Document & { _id: string }> | undefined => {
    const generation = generations[view];
    return generation === undefined ? undefined : db.collection(collectionName(base, generation));
  };
  const availability = collection('availability', AVAILABILITY_COLLECTION);
  const reservations = collection('reservations', RESERVATIONS_COLLECTION);
  const seatSales = collection('seat-sales', SEAT_SALES_COLLECTION);
  const pool = createPool({ connectionString: eventStoreUrl, max: READERS });
  const store = new PostgresEventStore(pool);
  const report = emptyReport();
  try {
    for (const { conferenceIds, from, to } of chunksOf(versions)) {
      const range = to === undefined ? { $gte: from } : { $gte: from, $lt: to };
      const [events, ...views] = await Promise.all([
        readEvents(store, conferenceIds, versions),
        availability && findEachById(availability, conferenceIds),
        reservations?.find({ _id: range }).toArray(),
        seatSales && findEachById(seatSales, conferenceIds),
      ]);
      const [actualAvailability, actualReservations, actualSeatSales] = views as unknown[];
      const actual = {
        availability: actualAvailability,
        reservations: actualReservations,
        seatSales: actualSeatSales,
        parked: [],
      } as ActualViews;
      merge(report, checkViews(events, actual));
    }
    for (const [what, view] of [
      ['availability of', availability],
      ['seat sales of', seatSales],
    ] as const) {
      for (const id of view ? await strangers(view, versions) : []) {
        report.violations.unexpected.push(`${what} ${id}, which the store does not hold`);
      }
    }
    return report;
  } finally {
    await pool.end();
  }
};

/** The chunk's events, stream after stream, each up to the version the views were built to. */
const readEvents = async (
  store: PostgresEventStore,
  conferenceIds: readonly string[],
  versions: ReadonlyMap<string, number>,
): Promise<StoredEvent[]> => {
  const streams: StoredEvent[][] = [];
  for (let start = 0; start < conferenceIds.length; start += READERS) {
    const read = conferenceIds.slice(start, start + READERS).map(async (conferenceId) => {
      const stored = await store.readStream(`${STREAM_PREFIX}${conferenceId}`, {
        toVersion: versions.get(conferenceId),
      });
      return stored.map(toStoredEvent);
    });
    streams.push(...(await Promise.all(read)));
  }
  return streams.flat();
};

/** The keys of a one-per-conference view that name no conference folded, read a batch at a time. */
const strangers = async (
  collection: Collection<Document & { _id: string }>,
  versions: ReadonlyMap<string, number>,
): Promise<string[]> => {
  const found: string[] = [];
  for await (const { _id } of collection.find({}, { projection: { _id: 1 }, batchSize: 1_000 })) {
    if (!versions.has(_id)) found.push(_id);
  }
  return found;
};
