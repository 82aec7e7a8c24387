import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eventStoreUrl, freshEventStoreUrl } from '#libs/testing';

/** The services' role (seat_app) on a store of its own: what it may do to history, and what it may not. */
let app: pg.Client;

const appendOne = () =>
  app.query(
    `INSERT INTO events (stream_id, stream_version, event_id, type, schema_version, data, metadata)
     VALUES ($1, 1, $2, 'ConferenceCreated', 1, '{}', '{}') RETURNING global_position`,
    [`conference-${randomUUID()}`, randomUUID()],
  );

beforeAll(async () => {
  app = new pg.Client({ connectionString: await freshEventStoreUrl('privilege') });
  await app.connect();
  await appendOne();
});
afterAll(() => app.end());

describe('the application role', () => {
  it('is the role the services connect as, and no superuser', async () => {
    const { rows } = await app.query<{ role: string; superuser: string }>(
      "SELECT current_user AS role, current_setting('is_superuser') AS superuser",
    );
    expect(rows).toEqual([{ role: 'seat_app', superuser: 'off' }]);
    expect(new URL(eventStoreUrl()).username).toBe('seat_app');
  });

  it('appends and reads events', async () => {
    await appendOne();
    const { rows } = await app.query<{ count: string }>('SELECT count(*) FROM events');
    expect(Number(rows[0]!.count)).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['UPDATE', "UPDATE events SET type = 'Rewritten'"],
    ['DELETE', 'DELETE FROM events'],
    ['TRUNCATE', 'TRUNCATE events'],
    ['disable the append-only trigger', 'ALTER TABLE events DISABLE TRIGGER events_append_only'],
    ['drop the trigger', 'DROP TRIGGER events_append_only ON events'],
    ['skip triggers for the session', 'SET session_replication_role = replica'],
    ['drop the table', 'DROP TABLE events'],
  ])('may not %s', async (_, statement) => {
    await expect(app.query(statement)).rejects.toMatchObject({
      code: '42501', // insufficient_privilege, or must be owner of the table
    });
    const { rows } = await app.query<{ changed: string }>(
      "SELECT count(*) AS changed FROM events WHERE type <> 'ConferenceCreated'",
    );
    expect(rows[0]!.changed).toBe('0');
  });

  it('cannot sign in without its password: no trust authentication', async () => {
    const url = new URL(eventStoreUrl());
    url.password = 'not-its-password';
    const client = new pg.Client({ connectionString: url.toString() });
    await expect(client.connect()).rejects.toMatchObject({ code: '28P01' });
  });
});
