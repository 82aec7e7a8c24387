#!/bin/sh
# Run once by the official postgres image when it initialises its data folder (docker-compose.yml).
set -eu
psql -v ON_ERROR_STOP=1 -U postgres -d postgres \
  -v owner="$(cat /run/secrets/postgres-seat_owner)" -v app="$(cat /run/secrets/postgres-seat_app)" \
  -f /etc/seat-reservations/roles.sql
