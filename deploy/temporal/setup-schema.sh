#!/bin/sh
# Creates (first run) or updates (later runs) Temporal's two Postgres databases to the schema of the
# server version; idempotent, so `docker compose up` may run it every time. Runs in temporalio/admin-tools.
set -eu
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p 5432 -u "$POSTGRES_USER" --pw "$POSTGRES_PWD" "$@"; }
for db in temporal temporal_visibility; do
  schema=temporal
  [ "$db" = temporal_visibility ] && schema=visibility
  echo "schema of $db"
  tool --db "$db" create || true          # already there on later runs
  tool --db "$db" setup-schema -v 0.0 || true  # records version 0.0 once
  tool --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
