-- Up Migration

-- The system of record. Rows are only ever inserted: the triggers below refuse UPDATE, DELETE and TRUNCATE
-- whoever asks, so the audit trail cannot be rewritten by application code or by hand.
CREATE TABLE events (
  global_position bigserial PRIMARY KEY,
  stream_id text NOT NULL,
  stream_version integer NOT NULL CHECK (stream_version > 0),
  event_id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  -- The relay publishes only what every older transaction has finished with (see the relay's fence).
  transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
);

CREATE FUNCTION refuse_event_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only
  BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_event_changes();

CREATE TRIGGER events_no_truncate
  BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_changes();

-- An optimisation only: the latest state of a stream at a version, in the schema version of the code that
-- wrote it. Deleting every row changes no answer.
CREATE TABLE snapshots (
  stream_id text PRIMARY KEY,
  stream_version integer NOT NULL,
  schema_version integer NOT NULL,
  state jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The result of a command sent with an Idempotency-Key, written in the same statement as its events.
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  fingerprint text NOT NULL,
  -- json, not jsonb: a replay must answer byte for byte what the first request answered.
  result json NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Down Migration

DROP TABLE idempotency_keys;
DROP TABLE snapshots;
DROP TABLE events;
DROP FUNCTION refuse_event_changes();
