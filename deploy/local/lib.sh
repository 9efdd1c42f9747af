#!/usr/bin/env bash
# Shared helpers for the local (no-Docker) infrastructure scripts. Sourced, not run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Runtime state of this checkout: data files, logs, pid files.
STATE_DIR="${CIVIL_STATE_DIR:-$ROOT/.local}"
# Downloaded servers, shared by every checkout on the machine so a new clone starts fast.
CACHE_DIR="${CIVIL_CACHE_DIR:-$HOME/.cache/civil-affairs}"
# The broker line tested last: 4.4.0 (KAFKA_VERSION=3.9.1 runs the previous line, also tested).
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
KAFKA_MAJOR="${KAFKA_VERSION%%.*}"
KAFKA_PORT="${KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
MONGO_PORT="${MONGO_PORT:-27117}"
MONGO_WIRE_VERSION="1.47.0"
ZIPKIN_VERSION="3.6.1"
ZIPKIN_PORT="${ZIPKIN_PORT:-9411}"

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH ($2)"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for_port PORT NAME PIDFILE TIMEOUT_SECONDS LOGFILE
wait_for_port() {
  local port=$1 name=$2 pidfile=$3 timeout=$4 logfile=$5 waited=0
  until port_open "$port"; do
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      tail -n 40 "$logfile" >&2 || true
      die "$name exited during start-up; see $logfile"
    fi
    if [ "$waited" -ge $((timeout * 10)) ]; then
      tail -n 40 "$logfile" >&2 || true
      die "$name did not accept connections on 127.0.0.1:$port within ${timeout}s; see $logfile"
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# stop_pid PIDFILE NAME: TERM, wait up to 30 s for a clean shutdown, then KILL.
stop_pid() {
  local pidfile=$1 name=$2 i=0
  if ! running "$pidfile"; then rm -f "$pidfile"; log "$name is not running"; return 0; fi
  local pid; pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$i" -ge 300 ]; then log "$name did not stop in 30 s; killing"; kill -KILL "$pid" 2>/dev/null || true; break; fi
    sleep 0.1; i=$((i + 1))
  done
  rm -f "$pidfile"
  log "$name stopped"
}
