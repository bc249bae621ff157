#!/bin/sh
# Creates (first run) or updates (later runs) Temporal's two Postgres databases to the schema of the
# server version, with the schema embedded in temporal-sql-tool; idempotent, so `docker compose up` runs it
# every time. Runs in temporalio/admin-tools, and as is on any host with temporal-sql-tool on PATH
# (`npm run verify:cluster` runs it so). Reads the temporalio/server image's variables: POSTGRES_SEEDS,
# DB_PORT, POSTGRES_USER, POSTGRES_PWD, DBNAME, VISIBILITY_DBNAME.
set -eu
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "${DB_PORT:-5432}" -u "$POSTGRES_USER" --pw "${POSTGRES_PWD:-}" "$@"; }
for kind in temporal visibility; do
  if [ "$kind" = temporal ]; then db="${DBNAME:-temporal}"; else db="${VISIBILITY_DBNAME:-temporal_visibility}"; fi
  echo "schema of $db"
  tool --db "$db" create || true               # already there on later runs
  tool --db "$db" setup-schema -v 0.0 || true  # records version 0.0 once
  tool --db "$db" update-schema --schema-name "postgresql/v12/$kind"
done
