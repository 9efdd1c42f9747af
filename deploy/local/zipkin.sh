#!/usr/bin/env bash
# Zipkin (in-memory storage) as the local tracing backend, from Maven Central, on loopback.
# Services export spans to it when ZIPKIN_URL is set (see libs/platform/src/tracing).
# Usage: deploy/local/zipkin.sh fetch|start|stop|status|logs
# Skipped (with a note) when ZIPKIN_URL points at another Zipkin.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

JAR="$CACHE_DIR/zipkin-$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"
URL="https://repo1.maven.org/maven2/io/zipkin/zipkin-server/$ZIPKIN_VERSION/zipkin-server-$ZIPKIN_VERSION-exec.jar"
DIR="$STATE_DIR/zipkin"
PIDFILE="$DIR/zipkin.pid"
LOGFILE="$DIR/zipkin.log"

fetch() {
  if [ -f "$JAR" ]; then return 0; fi
  need java "Java 17 runs Zipkin"; need curl "curl fetches Zipkin from Maven Central"
  log "fetching Zipkin $ZIPKIN_VERSION from Maven Central into $(dirname "$JAR")"
  mkdir -p "$(dirname "$JAR")"
  curl -fsSL --retry 3 -o "$JAR.tmp" "$URL"
  # Maven Central publishes a SHA-1 beside every artifact
  local want; want=$(curl -fsSL --retry 3 "$URL.sha1" | cut -c1-40)
  local got; got=$(sha1sum "$JAR.tmp" | cut -c1-40)
  if [ "$want" != "$got" ]; then rm -f "$JAR.tmp"; die "Zipkin download does not match its SHA-1 ($got, expected $want)"; fi
  mv "$JAR.tmp" "$JAR"
}

healthy() { curl -fs -m 2 "http://127.0.0.1:$ZIPKIN_PORT/health" >/dev/null 2>&1; }

start() {
  if [ -n "${ZIPKIN_URL:-}" ]; then log "ZIPKIN_URL=$ZIPKIN_URL is set: using that Zipkin"; return 0; fi
  if running "$PIDFILE"; then log "already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$ZIPKIN_PORT"; return 0; fi
  if port_open "$ZIPKIN_PORT"; then die "127.0.0.1:$ZIPKIN_PORT is taken by another process; set ZIPKIN_PORT"; fi
  fetch
  mkdir -p "$DIR"
  log "starting Zipkin $ZIPKIN_VERSION (in-memory storage) on 127.0.0.1:$ZIPKIN_PORT"
  STORAGE_TYPE=mem MEM_MAX_SPANS="${ZIPKIN_MAX_SPANS:-200000}" nohup java -Xms64m -Xmx${ZIPKIN_HEAP:-384m} -XX:+UseSerialGC \
    -Djava.awt.headless=true -jar "$JAR" \
    --server.address=127.0.0.1 --server.port="$ZIPKIN_PORT" > "$LOGFILE" 2>&1 &
  echo $! > "$PIDFILE"
  local waited=0 timeout=${ZIPKIN_START_TIMEOUT:-120}
  until healthy; do
    if ! running "$PIDFILE"; then tail -n 40 "$LOGFILE" >&2 || true; die "zipkin exited during start-up; see $LOGFILE"; fi
    if [ "$waited" -ge $((timeout * 5)) ]; then
      tail -n 40 "$LOGFILE" >&2 || true
      die "zipkin did not answer /health on 127.0.0.1:$ZIPKIN_PORT within ${timeout}s; see $LOGFILE"
    fi
    sleep 0.2
    waited=$((waited + 1))
  done
  log "Zipkin ready: http://127.0.0.1:$ZIPKIN_PORT/zipkin/"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop_pid "$PIDFILE" zipkin ;;
  status) if running "$PIDFILE"; then echo "zipkin: running (pid $(cat "$PIDFILE")) on 127.0.0.1:$ZIPKIN_PORT"; else echo "zipkin: stopped"; exit 3; fi ;;
  logs) tail -n "${LINES:-100}" "$LOGFILE" ;;
  *) echo "usage: $0 fetch|start|stop|status|logs" >&2; exit 2 ;;
esac
