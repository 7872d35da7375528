#!/usr/bin/env bash
# Throwaway PostgreSQL 15 for the database tests: start | stop | url | status.
# Data lives under .tools/pg (git-ignored), or PGTEST_DIR for a server of one's own (the outage
# test stops and restarts its own); fsync is off because nothing here is worth keeping.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PORT="${PGTEST_PORT:-54329}"
BASE="${PGTEST_DIR:-$ROOT/.tools/pg}"
DATA="$BASE/data"
RUN="$BASE/run"
LOG="$BASE/postgres.log"
DB_NAME="secondment_test"

url() { echo "postgres://postgres@127.0.0.1:${PORT}/${DB_NAME}"; }

# initdb refuses to run as root, so as root every server command runs as the postgres OS user.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_binaries() {
  [ -x "$PG_BIN/initdb" ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "安装 PostgreSQL 15 / installing PostgreSQL 15 (apt-get install postgresql-15)…" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
  else
    echo "未找到 PostgreSQL 15（$PG_BIN）。请以 root 运行本脚本或执行 apt-get install -y postgresql-15。" >&2
    echo "PostgreSQL 15 not found in $PG_BIN: run this script as root, or apt-get install -y postgresql-15." >&2
    exit 1
  fi
}

running() { [ -f "$DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  ensure_binaries
  if running; then
    echo "已在运行 / already running: $(url)" >&2
    return 0
  fi
  mkdir -p "$BASE" "$RUN"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$BASE" "$RUN"; fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
    cat >>"$DATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$RUN'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
CONF
    # Trust only over loopback; no other host can reach a server that listens on 127.0.0.1 anyway.
    cat >"$DATA/pg_hba.conf" <<HBA
local all all trust
host  all all 127.0.0.1/32 trust
HBA
  fi
  if ! as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $PORT -k $RUN" -w -t 60 start >/dev/null; then
    echo "PostgreSQL 启动失败 / PostgreSQL failed to start (port $PORT); log:" >&2
    tail -n 20 "$LOG" >&2 || true
    exit 1
  fi
  if ! as_pg "$PG_BIN/psql" -h "$RUN" -p "$PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    as_pg "$PG_BIN/createdb" -h "$RUN" -p "$PORT" -U postgres "$DB_NAME"
  fi
  echo "已启动 / started: $(url)" >&2
}

stop() {
  if running; then
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "已停止 / stopped" >&2
  else
    echo "未运行 / not running" >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status) if running; then echo "running: $(url)"; else echo "stopped"; exit 3; fi ;;
  *)
    echo "用法 / usage: $0 start|stop|url|status   (env PGTEST_PORT, default 54329; PGTEST_DIR, default .tools/pg)" >&2
    exit 2
    ;;
esac
