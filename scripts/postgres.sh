#!/usr/bin/env bash
# Starts the local PostgreSQL server (Debian's package) and prints the TEST_DATABASE_URL the
# integration tests use; each test creates its own database in it. Idempotent. Needs root (it
# runs psql as the postgres user); elsewhere, set TEST_DATABASE_URL yourself instead.
set -euo pipefail
# Only the URL goes to stdout (callers capture it); every tool's chatter goes to stderr.
exec 3>&1 1>&2

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "$TEST_DATABASE_URL" >&3
  exit 0
fi
version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$version" ]; then
  echo "PostgreSQL is not installed (scripts/install-toolchain.sh installs it)" >&2
  exit 1
fi
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
pg_ctlcluster "$version" main start 2>/dev/null || true
for _ in $(seq 1 50); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.2
done
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'clearance_test'")" != "1" ]; then
  psql_admin "CREATE ROLE clearance_test LOGIN CREATEDB PASSWORD 'clearance_test'" >/dev/null
fi
# Databases left by earlier runs.
for db in $(psql_admin "SELECT datname FROM pg_database WHERE datname LIKE 'clearance_test_%'"); do
  psql_admin "DROP DATABASE IF EXISTS $db" >/dev/null
done
echo "postgres://clearance_test:clearance_test@127.0.0.1:5432/postgres" >&3
