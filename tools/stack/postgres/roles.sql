-- The event store's roles, made by the cluster's superuser (the native stack on every start; compose's
-- postgres image once, at init). psql variables: owner and app, their passwords. Idempotent.
--   seat_owner owns the database and its schema, runs the migrations, and may create databases (the
--              tests' and benchmarks' stores of their own);
--   seat_app   is what the services log in as: it gets only what the migrations grant it (ADR 24).
SELECT format('CREATE ROLE seat_owner LOGIN CREATEDB PASSWORD %L', :'owner')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'seat_owner') \gexec
SELECT format('CREATE ROLE seat_app LOGIN PASSWORD %L', :'app')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'seat_app') \gexec
SELECT format('ALTER ROLE seat_owner PASSWORD %L', :'owner') \gexec
SELECT format('ALTER ROLE seat_app PASSWORD %L', :'app') \gexec
SELECT 'CREATE DATABASE seat_reservations OWNER seat_owner'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'seat_reservations') \gexec
ALTER DATABASE seat_reservations OWNER TO seat_owner;
