#!/usr/bin/env bash
# Stops the services started by start-all.sh, then Kafka and the database: `npm stop`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for pidfile in "$STATE_DIR"/run/*.pid; do
  [ -e "$pidfile" ] || continue
  stop_pid "$pidfile" "$(basename "$pidfile" .pid)"
done
bash "$ROOT/deploy/local/infra.sh" stop
