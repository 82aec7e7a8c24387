-- Up Migration

-- Snapshots are written and read whole, never queried inside: json keeps the text as written and hands it
-- back without the conversion jsonb needs on every read.
ALTER TABLE snapshots ALTER COLUMN state TYPE json USING state::json;

-- Down Migration

ALTER TABLE snapshots ALTER COLUMN state TYPE jsonb USING state::jsonb;
