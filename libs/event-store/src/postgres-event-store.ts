import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  type AppendOutcome,
  type AppendResult,
  type EventStore,
  IdempotencyKeyTakenError,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  WrongExpectedVersionError,
} from './event-store.js';

const UNIQUE_VIOLATION = '23505';

/**
 * One statement, so one round trip and one transaction for any number of streams: keep the streams still
 * at their expected versions, insert their events, and remember the results of the commands that caused
 * them under their idempotency keys. Two writers at the same version both pass the check; the unique
 * (stream_id, stream_version) constraint then refuses the later one. Events and results name their stream
 * by its 1-based place in the stream arrays.
 */
const APPEND = `
WITH ready AS (
  SELECT s.i, s.stream_id, s.expected
  FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS s(stream_id, expected, i)
  WHERE s.expected = (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = s.stream_id)
), appended AS (
  INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
  SELECT ready.stream_id, ready.expected + e.n, e.event_id, e.type, e.schema_version, e.data, e.metadata
  FROM unnest($3::int[], $4::int[], $5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[])
      WITH ORDINALITY AS e(i, n, event_id, type, schema_version, data, metadata, position)
    JOIN ready USING (i)
  ORDER BY e.position
  RETURNING stream_id, stream_version, created_at
), remembered AS (
  INSERT INTO idempotency_keys (key, fingerprint, result, expires_at)
  SELECT r.key, r.fingerprint, r.result, r.expires_at
  FROM unnest($10::int[], $11::text[], $12::text[], $13::json[], $14::timestamptz[])
      AS r(i, key, fingerprint, result, expires_at)
    JOIN ready USING (i)
)
SELECT stream_id, max(stream_version) AS version, max(created_at) AS created_at FROM appended GROUP BY stream_id`;

/** The statement's parameters: one array per column, events and results pointing at their stream. */
const appendParameters = (appends: readonly StreamAppend[]): unknown[] => {
  const events = appends.flatMap(({ events }, index) => events.map((event, n) => ({ i: index + 1, n: n + 1, event })));
  const results = appends.flatMap(({ remember = [] }, index) => remember.map((result) => ({ i: index + 1, result })));
  return [
    appends.map(({ streamId }) => streamId),
    appends.map(({ expectedVersion }) => expectedVersion),
    events.map(({ i }) => i),
    events.map(({ n }) => n),
    events.map(() => randomUUID()),
    events.map(({ event }) => event.type),
    events.map(({ event }) => event.schemaVersion),
    events.map(({ event }) => JSON.stringify(event.data)),
    events.map(({ event }) => JSON.stringify(event.metadata)),
    results.map(({ i }) => i),
    results.map(({ result }) => result.key),
    results.map(({ result }) => result.fingerprint),
    results.map(({ result }) => JSON.stringify(result.result)),
    results.map(({ result }) => result.expiresAt),
  ];
};

const COLUMNS = `global_position, stream_id, stream_version, event_id, type, schema_version, data, metadata, created_at`;

/** The columns every read of events returns, whatever else a read adds (the relay's reads add their own). */
export interface EventHeaderRow {
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  schema_version: number;
  created_at: Date;
}

export const toEventHeader = (row: EventHeaderRow): Omit<RecordedEvent, 'data' | 'metadata'> => ({
  globalPosition: BigInt(row.global_position),
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  eventId: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  occurredAt: row.created_at,
});

interface EventRow extends EventHeaderRow {
  data: unknown;
  metadata: NewEvent['metadata'];
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  ...toEventHeader(row),
  data: row.data,
  metadata: row.metadata,
});

const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  (error as { code?: string }).code === UNIQUE_VIOLATION &&
  (constraint === undefined || (error as { constraint?: string }).constraint === constraint);

export class PostgresEventStore implements EventStore {
  constructor(private readonly pool: pg.Pool) {}

  async append(streamAppend: StreamAppend): Promise<AppendResult> {
    const [outcome] = await this.appendMany([streamAppend]);
    if (outcome instanceof Error) throw outcome;
    return outcome!;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendOutcome[]> {
    if (new Set(appends.map(({ streamId }) => streamId)).size < appends.length) {
      throw new Error('appendMany takes each stream once');
    }
    try {
      const { rows } = await this.pool.query<{ stream_id: string; version: number; created_at: Date }>({
        // Named, so each connection parses and plans the statement once rather than on every append.
        name: 'event-store-append',
        text: APPEND,
        values: appendParameters(appends),
      });
      const appended = new Map(rows.map((row) => [row.stream_id, row]));
      return appends.map(({ streamId, expectedVersion }) => {
        const row = appended.get(streamId);
        return row
          ? { version: row.version, occurredAt: row.created_at }
          : new WrongExpectedVersionError(streamId, expectedVersion);
      });
    } catch (error) {
      return this.refused(appends, error);
    }
  }

  /**
   * A constraint refused the statement, and with it every stream's part. One stream's append tells whose
   * conflict it was; several are tried one by one, so each stream gets its own answer.
   */
  private async refused(appends: readonly StreamAppend[], error: unknown): Promise<AppendOutcome[]> {
    const [only] = appends;
    if (appends.length > 1 && isUniqueViolation(error)) {
      return (await Promise.all(appends.map((streamAppend) => this.appendMany([streamAppend])))).flat();
    }
    if (only && isUniqueViolation(error, 'events_stream_version_unique')) {
      return [new WrongExpectedVersionError(only.streamId, only.expectedVersion)];
    }
    if (only && isUniqueViolation(error, 'idempotency_keys_pkey')) {
      return [new IdempotencyKeyTakenError((only.remember ?? []).map(({ key }) => key).join(', '))];
    }
    throw error;
  }

  /** `until` is compared at millisecond precision, the precision of the times this store hands out. */
  async readStream(
    streamId: string,
    { afterVersion = 0, toVersion, until, limit }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events
       WHERE stream_id = $1 AND stream_version > $2
         AND ($3::int IS NULL OR stream_version <= $3) AND ($4::timestamptz IS NULL OR date_trunc('milliseconds', created_at) <= $4)
       ORDER BY stream_version LIMIT $5`,
      [streamId, afterVersion, toVersion ?? null, until ?? null, limit ?? null],
    );
    return rows.map(toRecorded);
  }

  async readAll(afterPosition: bigint, limit: number): Promise<RecordedEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE global_position > $1 ORDER BY global_position LIMIT $2`,
      [afterPosition.toString(), limit],
    );
    return rows.map(toRecorded);
  }
}
