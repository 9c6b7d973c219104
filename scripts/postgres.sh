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
  pg_createcluster "$version" main </dev/null >/dev/null 2>&1 3>&-
fi
# A server killed without a shutdown (a machine image taken while it ran) leaves its socket lock
# behind, and a new server refuses to start while the lock names a live process id.
lock=/var/run/postgresql/.s.PGSQL.5432.lock
if [ -f "$lock" ] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pid=$(head -n 1 "$lock")
  # A zombie (killed, never reaped) still holds its id but no longer serves.
  if ! ps -p "$pid" -o stat=,comm= 2>/dev/null | grep -q '^[^Z].*postgres'; then
    rm -f "$lock"
  fi
fi
# The server daemon must not inherit the caller's pipes (fd 1 and the captured fd 3): a command
# substitution waits for every writer of its pipe to close, so an inherited one would hang the
# caller for as long as PostgreSQL runs. The server writes its own log file anyway.
pg_ctlcluster "$version" main start </dev/null >/dev/null 2>&1 3>&- || true
for _ in $(seq 1 150); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.2
done
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "PostgreSQL $version did not start; see /var/log/postgresql/postgresql-$version-main.log" >&2
  exit 1
fi
psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname = 'clearance_test'")" != "1" ]; then
  psql_admin "CREATE ROLE clearance_test LOGIN CREATEDB PASSWORD 'clearance_test'" >/dev/null
fi
# Databases left by earlier runs.
for db in $(psql_admin "SELECT datname FROM pg_database WHERE datname LIKE 'clearance_test_%'"); do
  psql_admin "DROP DATABASE IF EXISTS $db" >/dev/null
done
echo "postgres://clearance_test:clearance_test@127.0.0.1:5432/postgres" >&3
