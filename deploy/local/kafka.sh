#!/usr/bin/env bash
# Apache Kafka, single-node KRaft, from Maven Central artifacts, on loopback.
# Usage: deploy/local/kafka.sh fetch|start|stop|status|logs
# Skipped (with a note) when KAFKA_BROKERS points at an external cluster.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LIBS="$CACHE_DIR/kafka-$KAFKA_VERSION/libs"
DIR="$STATE_DIR/kafka"
PIDFILE="$DIR/kafka.pid"
LOGFILE="$DIR/kafka.log"

fetch() {
  if [ -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ]; then return 0; fi
  need java "Java 17 runs the broker"; need mvn "Maven fetches the broker from Maven Central"
  log "fetching Apache Kafka $KAFKA_VERSION from Maven Central into $LIBS"
  mkdir -p "$LIBS.tmp"
  local binding=()
  if [ "$KAFKA_MAJOR" -lt 4 ]; then
    binding=(-Dlog.binding.groupId=org.slf4j -Dlog.binding.artifactId=slf4j-reload4j -Dlog.binding.version=1.7.36)
  fi
  mvn -q -B -f "$ROOT/deploy/local/pom.xml" -Dkafka.version="$KAFKA_VERSION" "${binding[@]}" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$LIBS.tmp" >&2
  rm -rf "$LIBS"; mv "$LIBS.tmp" "$LIBS"
}

configure() {
  mkdir -p "$DIR/data"
  cat > "$DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$DIR/data
num.partitions=3
auto.create.topics.enable=false
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
PROPS
  if [ "$KAFKA_MAJOR" -ge 4 ]; then
    LOG_CONFIG=(-Dlog4j2.configurationFile="$DIR/log4j2.properties")
    cat > "$DIR/log4j2.properties" <<PROPS
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.apache.name=org.apache.kafka
logger.apache.level=WARN
appender.file.type=RollingFile
appender.file.name=file
appender.file.fileName=$DIR/server.log
appender.file.filePattern=$DIR/server.log.%i
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
appender.file.policies.type=Policies
appender.file.policies.size.type=SizeBasedTriggeringPolicy
appender.file.policies.size.size=20MB
appender.file.strategy.type=DefaultRolloverStrategy
appender.file.strategy.max=2
PROPS
  else
    LOG_CONFIG=(-Dlog4j.configuration="file:$DIR/log4j.properties")
    cat > "$DIR/log4j.properties" <<PROPS
log4j.rootLogger=WARN, file
log4j.logger.kafka=INFO
log4j.logger.org.apache.kafka=WARN
log4j.appender.file=org.apache.log4j.RollingFileAppender
log4j.appender.file.File=$DIR/server.log
log4j.appender.file.MaxFileSize=20MB
log4j.appender.file.MaxBackupIndex=2
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS
  fi
  if [ ! -f "$DIR/data/meta.properties" ]; then
    local cluster_id
    cluster_id=$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
    java -cp "$LIBS/*" "${LOG_CONFIG[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$DIR/server.properties" >&2
  fi
}

# As many open files as allowed: the hard limit, raised first where the user may (root).
raise_open_files() {
  local want=$1
  if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$want" ]; then ulimit -Hn "$want" 2>/dev/null || true; fi
  ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  log "open files allowed: $(ulimit -n)"
}

start() {
  if [ -n "${KAFKA_BROKERS:-}" ]; then log "KAFKA_BROKERS=$KAFKA_BROKERS is set: using that cluster"; return 0; fi
  if running "$PIDFILE"; then log "already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$KAFKA_PORT"; return 0; fi
  if port_open "$KAFKA_PORT"; then die "127.0.0.1:$KAFKA_PORT is taken by another process; set KAFKA_PORT"; fi
  fetch; configure
  log "starting Apache Kafka $KAFKA_VERSION (KRaft) on 127.0.0.1:$KAFKA_PORT"
  # the broker keeps a file open per partition, and a full test run creates many thousands
  raise_open_files 262144
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    "${LOG_CONFIG[@]}" -cp "$LIBS/*" kafka.Kafka "$DIR/server.properties" > "$LOGFILE" 2>&1 &
  echo $! > "$PIDFILE"
  # a data directory that has collected many test topics takes a few minutes to load
  wait_for_port "$KAFKA_PORT" kafka "$PIDFILE" "${KAFKA_START_TIMEOUT:-360}" "$DIR/server.log"
  log "Kafka ready: 127.0.0.1:$KAFKA_PORT"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop_pid "$PIDFILE" kafka ;;
  status) if running "$PIDFILE"; then echo "kafka: running (pid $(cat "$PIDFILE")) on 127.0.0.1:$KAFKA_PORT"; else echo "kafka: stopped"; exit 3; fi ;;
  logs) tail -n "${LINES:-100}" "$DIR/server.log" "$LOGFILE" ;;
  *) echo "usage: $0 fetch|start|stop|status|logs" >&2; exit 2 ;;
esac
