#!/usr/bin/env bash
# Installs and starts what the tests need on a Debian machine, when it is missing: Debian's Chromium (Playwright
# never downloads a browser here) and the local PostgreSQL cluster with a `tls` role. Idempotent; safe to re-run.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "provision: installing Debian chromium"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
  if ! PGPASSWORD=tls psql -h 127.0.0.1 -U tls -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    if command -v pg_lsclusters >/dev/null; then
      read -r ver name _ < <(pg_lsclusters -h | head -n 1)
      echo "provision: starting PostgreSQL cluster $ver/$name"
      as_root pg_ctlcluster "$ver" "$name" start || true
      for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
      as_root su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='tls'\" | grep -q 1 || psql -q -c \"CREATE ROLE tls LOGIN CREATEDB PASSWORD 'tls'\""
    else
      echo "provision: no PostgreSQL found; set TEST_POSTGRES_URL to a server where the tests may create databases" >&2
      exit 1
    fi
  fi
fi
echo "provision: chromium and postgres ready"
