-- Up Migration

-- The services connect as seat_app (created with the cluster's roles: the stack script, compose's init). It
-- appends and reads events and can do nothing that rewrites history: no UPDATE, DELETE or TRUNCATE on
-- events, and, not owning the table, it can neither disable its triggers nor alter or drop it. Its other
-- tables are its working state (snapshots, idempotency results, the relay's checkpoint).
GRANT USAGE ON SCHEMA public TO seat_app;
GRANT SELECT, INSERT ON events TO seat_app;
GRANT USAGE ON SEQUENCE events_global_position_seq TO seat_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON snapshots, idempotency_keys, relay_checkpoints TO seat_app;

-- Down Migration

REVOKE ALL ON snapshots, idempotency_keys, relay_checkpoints FROM seat_app;
REVOKE ALL ON SEQUENCE events_global_position_seq FROM seat_app;
REVOKE ALL ON events FROM seat_app;
REVOKE USAGE ON SCHEMA public FROM seat_app;
