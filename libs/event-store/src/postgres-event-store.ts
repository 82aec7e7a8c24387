import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  type AppendResult,
  type EventStore,
  IdempotencyKeyTakenError,
  type NewEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type RememberedResult,
  WrongExpectedVersionError,
} from './event-store.js';

const UNIQUE_VIOLATION = '23505';

/**
 * One statement, so one round trip and one implicit transaction: check the stream's version, insert the
 * events, and remember the results of the commands that caused them under their idempotency keys. Two writers at the same version
 * both pass the check; the unique (stream_id, stream_version) constraint then refuses the later one.
 */
const APPEND = `
WITH current_version AS (
  SELECT coalesce(max(stream_version), 0) AS version FROM events WHERE stream_id = $1
), appended AS (
  INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
  SELECT $1, $2 + e.n, e.event_id, e.type, e.schema_version, e.data, e.metadata
  FROM current_version,
    unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[])
      WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, n)
  WHERE current_version.version = $2
  RETURNING stream_version, created_at
), remembered AS (
  INSERT INTO idempotency_keys (key, fingerprint, result, expires_at)
  SELECT r.key, r.fingerprint, r.result, r.expires_at
  FROM unnest($8::text[], $9::text[], $10::json[], $11::timestamptz[]) AS r(key, fingerprint, result, expires_at)
  WHERE EXISTS (SELECT FROM appended)
)
SELECT max(stream_version) AS version, max(created_at) AS created_at FROM appended`;

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

const isUniqueViolation = (error: unknown, constraint: string): boolean =>
  (error as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION &&
  (error as { constraint?: string }).constraint === constraint;

export class PostgresEventStore implements EventStore {
  constructor(private readonly pool: pg.Pool) {}

  async append(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    remember: readonly RememberedResult[] = [],
  ): Promise<AppendResult> {
    try {
      const { rows } = await this.pool.query<{ version: number | null; created_at: Date | null }>({
        // Named, so each connection parses and plans the statement once rather than on every append.
        name: 'event-store-append',
        text: APPEND,
        values: [
          streamId,
          expectedVersion,
          events.map(() => randomUUID()),
          events.map(({ type }) => type),
          events.map(({ schemaVersion }) => schemaVersion),
          events.map(({ data }) => JSON.stringify(data)),
          events.map(({ metadata }) => JSON.stringify(metadata)),
          remember.map(({ key }) => key),
          remember.map(({ fingerprint }) => fingerprint),
          remember.map(({ result }) => JSON.stringify(result)),
          remember.map(({ expiresAt }) => expiresAt),
        ],
      });
      const [row] = rows;
      if (!row?.version || !row.created_at) throw new WrongExpectedVersionError(streamId, expectedVersion);
      return { version: row.version, occurredAt: row.created_at };
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_unique')) {
        throw new WrongExpectedVersionError(streamId, expectedVersion);
      }
      if (isUniqueViolation(error, 'idempotency_keys_pkey')) {
        throw new IdempotencyKeyTakenError(remember.map(({ key }) => key).join(', '));
      }
      throw error;
    }
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
