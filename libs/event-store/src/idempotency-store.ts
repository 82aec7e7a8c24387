import type pg from 'pg';

export interface StoredResult {
  fingerprint: string;
  result: unknown;
}

/** Reads results remembered under idempotency keys; they are written by the event store's append. */
export class IdempotencyStore {
  constructor(private readonly pool: pg.Pool) {}

  /** The live results for these keys; expired ones are deleted on the way, so their keys can be used again. */
  async find(keys: readonly string[]): Promise<Map<string, StoredResult>> {
    if (keys.length === 0) return new Map();
    const { rows } = await this.pool.query<StoredResult & { key: string }>(
      `WITH expired AS (DELETE FROM idempotency_keys WHERE key = ANY($1) AND expires_at <= now())
       SELECT key, fingerprint, result FROM idempotency_keys WHERE key = ANY($1) AND expires_at > now()`,
      [keys],
    );
    return new Map(rows.map(({ key, fingerprint, result }) => [key, { fingerprint, result }]));
  }

  /** Removes every expired key; returns how many. */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM idempotency_keys WHERE expires_at <= now()');
    return rowCount ?? 0;
  }
}
