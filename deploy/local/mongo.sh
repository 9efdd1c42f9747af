#!/usr/bin/env bash
# The embedded MongoDB-wire database: mongo-java-server with a durable H2 MVStore file, on loopback.
# FerretDB 1.24.1 is refused by the Go module proxy our machines reach, so this Maven Central
# server is the default (see README, "Infrastructure"). Skipped when MONGO_URL is set.
# Usage: deploy/local/mongo.sh fetch|start|stop|status|logs
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LIBS="$CACHE_DIR/mongo-wire-$MONGO_WIRE_VERSION/libs"
DIR="$STATE_DIR/mongo"
PIDFILE="$DIR/mongo.pid"
LOGFILE="$DIR/mongo.log"
SRC="$ROOT/deploy/local/mongo-wire"

fetch() {
  if [ ! -f "$LIBS/mongo-java-server-core-$MONGO_WIRE_VERSION.jar" ]; then
    need java "Java 17 runs the database"; need mvn "Maven fetches the database from Maven Central"
    log "fetching mongo-java-server $MONGO_WIRE_VERSION from Maven Central into $LIBS"
    mkdir -p "$LIBS.tmp"
    mvn -q -B -f "$SRC/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS.tmp" >&2
    rm -rf "$LIBS"; mv "$LIBS.tmp" "$LIBS"
  fi
  local classes="$CACHE_DIR/mongo-wire-$MONGO_WIRE_VERSION/classes"
  if [ ! -f "$classes/MongoWireServer.class" ] || [ "$SRC/MongoWireServer.java" -nt "$classes/MongoWireServer.class" ]; then
    mkdir -p "$classes"
    javac -d "$classes" -cp "$LIBS/*" "$SRC/MongoWireServer.java"
  fi
}

start() {
  if [ -n "${MONGO_URL:-}" ]; then log "MONGO_URL is set: using that database"; return 0; fi
  if running "$PIDFILE"; then log "already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$MONGO_PORT"; return 0; fi
  if port_open "$MONGO_PORT"; then die "127.0.0.1:$MONGO_PORT is taken by another process; set MONGO_PORT"; fi
  fetch
  mkdir -p "$DIR"
  local storage="--file $DIR/data.mv --cache-mb ${MONGO_WIRE_CACHE_MB:-64} --durability ${MONGO_WIRE_DURABILITY:-fsync}"
  [ "${MONGO_WIRE_MEMORY:-}" = "1" ] && storage="--memory"
  log "starting the MongoDB-wire database on 127.0.0.1:$MONGO_PORT ($storage)"
  # shellcheck disable=SC2086
  nohup java -Xms256m -Xmx${MONGO_WIRE_HEAP:-2g} -XX:+UseG1GC \
    -cp "$CACHE_DIR/mongo-wire-$MONGO_WIRE_VERSION/classes:$LIBS/*" \
    MongoWireServer --host 127.0.0.1 --port "$MONGO_PORT" $storage > "$LOGFILE" 2>&1 &
  echo $! > "$PIDFILE"
  wait_for_port "$MONGO_PORT" mongo "$PIDFILE" 60 "$LOGFILE"
  log "database ready: mongodb://127.0.0.1:$MONGO_PORT"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop_pid "$PIDFILE" mongo ;;
  status) if running "$PIDFILE"; then echo "mongo: running (pid $(cat "$PIDFILE")) on 127.0.0.1:$MONGO_PORT"; else echo "mongo: stopped"; exit 3; fi ;;
  logs) tail -n "${LINES:-100}" "$LOGFILE" ;;
  *) echo "usage: $0 fetch|start|stop|status|logs" >&2; exit 2 ;;
esac
