-- Up Migration

-- The relay reads in (transaction_id, global_position) order: a transaction's events become visible together,
-- and every transaction that can still commit has an id at or above the fence it reads under.
CREATE INDEX events_publication_order ON events (transaction_id, global_position);

-- How far each topic has been acknowledged by the broker. Written only after the broker's ack.
CREATE TABLE relay_checkpoints (
  topic text PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  global_position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE relay_checkpoints;
DROP INDEX events_publication_order;
