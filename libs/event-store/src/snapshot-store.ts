import type pg from 'pg';

export interface Snapshot<State> {
  version: number;
  state: State;
}

/**
 * The latest state of a stream at some version. Loading asks for the schema version the current code
 * writes, so a snapshot taken by older code (another state shape) is never read: the stream is folded instead.
 */
export class SnapshotStore {
  constructor(private readonly pool: pg.Pool) {}

  async load<State>(streamId: string, schemaVersion: number): Promise<Snapshot<State> | undefined> {
    const { rows } = await this.pool.query<{ stream_version: number; state: State }>(
      'SELECT stream_version, state FROM snapshots WHERE stream_id = $1 AND schema_version = $2',
      [streamId, schemaVersion],
    );
    const [row] = rows;
    return row && { version: row.stream_version, state: row.state };
  }

  /** Keeps whichever snapshot is newer, so a slow writer never replaces a later snapshot with an older one. */
  async save<State>(streamId: string, schemaVersion: number, snapshot: Snapshot<State>): Promise<void> {
    await this.pool.query(
      `INSERT INTO snapshots (stream_id, stream_version, schema_version, state) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stream_id) DO UPDATE
         SET stream_version = excluded.stream_version, schema_version = excluded.schema_version,
             state = excluded.state, created_at = now()
       WHERE snapshots.stream_version < excluded.stream_version OR snapshots.schema_version <> excluded.schema_version`,
      [streamId, snapshot.version, schemaVersion, JSON.stringify(snapshot.state)],
    );
  }
}
