#!/usr/bin/env bash
# Stops the services started by start-all.sh, then Kafka and the database: `npm stop`.
# `bash deploy/local/stop-all.sh --services` stops only the five services (event-lineage among them) and leaves Kafka and the
# database running (for others using them, or a quicker `npm start` next).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
services_only=0
case "${1:-}" in
  --services) services_only=1 ;;
  "") ;;
  *) echo "usage: $0 [--services]" >&2; exit 2 ;;
esac
for pidfile in "$STATE_DIR"/run/*.pid; do
  [ -e "$pidfile" ] || continue
  stop_pid "$pidfile" "$(basename "$pidfile" .pid)"
done
if [ "$services_only" = 1 ]; then log "Kafka and the database keep running"; exit 0; fi
bash "$ROOT/deploy/local/infra.sh" stop
