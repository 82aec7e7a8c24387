import { Logger } from '@nestjs/common';
import pg from 'pg';
import {
  EVENTS_APPENDED_CHANNEL,
  type Outbox,
  type OutboxBatch,
  PUBLICATION_START,
  type PublicationCursor,
  type PublicationLag,
} from './outbox.js';
import { type EventHeaderRow, toEventHeader } from './postgres-event-store.js';

/**
 * The fence: a transaction id below the snapshot's xmin belongs to a transaction that has finished, so its
 * events are visible now or never will be. Events at or above it are returned only to say they are waiting.
 */
const READ = `
WITH fence AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
SELECT global_position, stream_id, stream_version, event_id, type, schema_version, created_at,
       data::text AS data_json, metadata::text AS metadata_json, metadata->>'correlationId' AS correlation_id,
       transaction_id::text AS transaction_text, transaction_id >= fence.xmin AS fenced
FROM events, fence
WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
ORDER BY events.transaction_id, events.global_position
LIMIT $3`;

const CHECKPOINT = `
SELECT transaction_id::text AS transaction_id, global_position FROM relay_checkpoints WHERE topic = $1`;

const SAVE_CHECKPOINT = `
INSERT INTO relay_checkpoints (topic, transaction_id, global_position) VALUES ($1, $2::xid8, $3)
ON CONFLICT (topic) DO UPDATE
  SET transaction_id = excluded.transaction_id, global_position = excluded.global_position, updated_at = now()`;

const LAG = `
WITH checkpoint AS (
  SELECT transaction_id, global_position FROM relay_checkpoints WHERE topic = $1
  UNION ALL
  SELECT '0'::xid8, 0 WHERE NOT EXISTS (SELECT FROM relay_checkpoints WHERE topic = $1)
)
SELECT count(*)::int AS events, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS seconds
FROM events, checkpoint
WHERE (events.transaction_id, events.global_position) > (checkpoint.transaction_id, checkpoint.global_position)`;

interface OutboxRow extends EventHeaderRow {
  data_json: string;
  metadata_json: string;
  correlation_id: string;
  /** Text, not xid8, so it is never ordered by: as text, "10" sorts before "9". */
  transaction_text: string;
  fenced: boolean;
}

/** A lock per topic: one relay publishes to a topic, whichever instance it runs in. */
const leadershipKey = (topic: string): string => `relay:${topic}`;

export class PostgresOutbox implements Outbox {
  private gone = false;

  private constructor(private readonly client: pg.Client) {
    client.on('error', () => (this.gone = true));
    client.on('end', () => (this.gone = true));
  }

  /** Opens the session's own connection; `onAppended` runs whenever an append commits anywhere. */
  static async open(connectionString: string, onAppended: () => void): Promise<PostgresOutbox> {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 2_000 });
    const outbox = new PostgresOutbox(client);
    await client.connect();
    // A checkpoint lost in a server crash only republishes events, which consumers deduplicate: this
    // session's commits need not wait for the WAL to reach the disk, and appends then share the disk less.
    await client.query('SET synchronous_commit TO off');
    client.on('notification', onAppended);
    await client.query(`LISTEN ${EVENTS_APPENDED_CHANNEL}`);
    return outbox;
  }

  get lost(): boolean {
    return this.gone;
  }

  /** A session-level advisory lock: the server releases it when this connection ends, however it ends. */
  async tryLead(topic: string): Promise<boolean> {
    const { rows } = await this.client.query<{ leads: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS leads', [
      leadershipKey(topic),
    ]);
    return rows[0]?.leads === true;
  }

  async checkpoint(topic: string): Promise<PublicationCursor> {
    const { rows } = await this.client.query<{ transaction_id: string; global_position: string }>(CHECKPOINT, [topic]);
    const [row] = rows;
    return row ? { transactionId: row.transaction_id, globalPosition: BigInt(row.global_position) } : PUBLICATION_START;
  }

  async read(after: PublicationCursor, limit: number): Promise<OutboxBatch> {
    const { rows } = await this.client.query<OutboxRow>({
      name: 'outbox-read',
      text: READ,
      values: [after.transactionId, after.globalPosition.toString(), limit],
    });
    const firstFenced = rows.findIndex(({ fenced }) => fenced);
    const ready = firstFenced === -1 ? rows : rows.slice(0, firstFenced);
    return {
      events: ready.map((row) => ({
        ...toEventHeader(row),
        dataJson: row.data_json,
        metadataJson: row.metadata_json,
        correlationId: row.correlation_id,
        cursor: { transactionId: row.transaction_text, globalPosition: BigInt(row.global_position) },
      })),
      fenced: firstFenced !== -1,
    };
  }

  /** On the session that holds the lock: a relay that has lost its connection cannot move the checkpoint. */
  async saveCheckpoint(topic: string, { transactionId, globalPosition }: PublicationCursor): Promise<void> {
    await this.client.query(SAVE_CHECKPOINT, [topic, transactionId, globalPosition.toString()]);
  }

  async close(): Promise<void> {
    this.gone = true;
    await this.client.end().catch(() => undefined);
  }
}

/** How far a topic's relay is behind the store; any instance can ask, leading or not. */
export class PublicationMonitor {
  constructor(private readonly pool: pg.Pool) {}

  async lag(topic: string): Promise<PublicationLag> {
    const { rows } = await this.pool.query<PublicationLag>(LAG, [topic]);
    return rows[0] ?? { events: 0, seconds: 0 };
  }
}

/**
 * Tells the relay, wherever it runs, that events were appended. At most one NOTIFY is in flight per process;
 * appends meanwhile
 * are folded into one more after it, so a busy process sends few and an idle one waits for none. A lost
 * NOTIFY only delays publication until the relay's next poll.
 */
export class AppendNotifier {
  private inFlight = false;
  private again = false;

  private readonly logger = new Logger(AppendNotifier.name);

  constructor(private readonly pool: pg.Pool) {}

  notify(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.pool
      .query(`SELECT pg_notify('${EVENTS_APPENDED_CHANNEL}', '')`)
      .catch((error: unknown) => this.logger.warn(`could not notify the relay: ${String(error)}`))
      .finally(() => {
        this.inFlight = false;
        if (!this.again) return;
        this.again = false;
        this.notify();
      });
  }
}
