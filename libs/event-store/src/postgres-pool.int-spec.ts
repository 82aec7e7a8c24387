import { stackEnv } from '#libs/config';
import { createPool } from './postgres-pool.js';

const pool = createPool({
  connectionString: stackEnv().EVENT_STORE_URL,
});

afterAll(() => pool.end());

describe('PostgreSQL (real server)', () => {
  it('round-trips rows through a transaction, and a rolled-back one leaves nothing', async () => {
    const client = await pool.connect();
    try {
      await client.query('CREATE TEMP TABLE probe (id int PRIMARY KEY, body jsonb NOT NULL)');
      await client.query('BEGIN');
      await client.query('INSERT INTO probe VALUES ($1, $2)', [1, { seats: 10 }]);
      await client.query('COMMIT');
      await client.query('BEGIN');
      await client.query('INSERT INTO probe VALUES ($1, $2)', [2, { seats: 20 }]);
      await client.query('ROLLBACK');

      const { rows } = await client.query<{ id: number; body: unknown }>('SELECT id, body FROM probe ORDER BY id');
      expect(rows).toEqual([{ id: 1, body: { seats: 10 } }]);
    } finally {
      client.release();
    }
  });

  it('has the xid8 snapshot functions the relay fences with', async () => {
    const { rows } = await pool.query<{ visible: boolean }>(
      'SELECT pg_current_xact_id() >= pg_snapshot_xmin(pg_current_snapshot()) AS visible',
    );
    expect(rows).toEqual([{ visible: true }]);
  });
});
