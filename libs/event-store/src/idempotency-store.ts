import type pg from 'pg';

export interface StoredResult {
  fingerprint: string;
  result: unknown;
}

/** Reads results remembered under idempotency keys; they are written by the event store's append. */
export class IdempotencyStore {
  constructor(private readonly pool: pg.Pool) {}

  /** A live result for the key, if any; an expired one is deleted so the key can be used again. */
  async find(key: string): Promise<StoredResult | undefined> {
    const { rows } = await this.pool.query<StoredResult>(
      `WITH expired AS (DELETE FROM idempotency_keys WHERE key = $1 AND expires_at <= now())
       SELECT fingerprint, result FROM idempotency_keys WHERE key = $1 AND expires_at > now()`,
      [key],
    );
    return rows[0];
  }

  /** Removes every expired key; returns how many. */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.pool.query('DELETE FROM idempotency_keys WHERE expires_at <= now()');
    return rowCount ?? 0;
  }
}
