#!/usr/bin/env bash
# The whole system on this machine, from nothing: `npm start`.
# Installs npm packages, builds, fetches and starts Kafka and the database (or uses KAFKA_BROKERS /
# MONGO_URL), creates the topics, starts the services in the background (or keeps those already
# running), seeds the demo and prints the event timeline until a case escalates. Running it again
# seeds again on whatever the services hold. `npm stop` stops everything;
# `bash deploy/local/stop-all.sh --services` only the services. DEMO=0 skips the seed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
SERVICES=("institution-monitoring:3001" "social-relief:3002" "funeral-operations:3003" "supervision:3004" "event-lineage:3005")
RUN_DIR="$STATE_DIR/run"
LOG_DIR="$STATE_DIR/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"

need node "Node.js 20 runs the services"
bash deploy/local/npm-install.sh
log "building"; npm run build --silent

bash deploy/local/infra.sh start
eval "$(bash deploy/local/infra.sh env | sed 's/^/export /')"
export KAFKAJS_NO_PARTITIONER_WARNING=1 ESCALATION_INTERVAL_MS="${ESCALATION_INTERVAL_MS:-5000}" SWEEP_INTERVAL_MS="${SWEEP_INTERVAL_MS:-15000}"
node -r ./deploy/local/register-paths.js -e "require('@civil/platform').ensureDevKeys('.local/keys')"
npm run --silent create-topics

for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; port=${entry##*:}
  pidfile="$RUN_DIR/$name.pid"
  if running "$pidfile"; then log "$name already running (pid $(cat "$pidfile"))"; continue; fi
  if port_open "$port"; then die "127.0.0.1:$port is taken; stop what runs there or set PORT"; fi
  PORT=$port nohup node -r ./deploy/local/register-paths.js "dist/services/$name/src/main.js" >> "$LOG_DIR/$name.log" 2>&1 &
  echo $! > "$pidfile"
  log "starting $name on 127.0.0.1:$port (log: $LOG_DIR/$name.log)"
done
for entry in "${SERVICES[@]}"; do
  name=${entry%%:*}; port=${entry##*:}
  wait_for_port "$port" "$name" "$RUN_DIR/$name.pid" 60 "$LOG_DIR/$name.log"
done

if [ "${DEMO:-1}" = "1" ]; then
  node -r ./deploy/local/register-paths.js dist/test/demo/seed-demo.js
  log "events so far, then live until a case escalates (Ctrl-C stops only this view):"
  npm run --silent events -- --follow --until-type CaseEscalated --timeout 150 || true
fi
cat <<MSG

  Running: institution-monitoring http://127.0.0.1:3001   social-relief http://127.0.0.1:3002   funeral-operations http://127.0.0.1:3003   supervision http://127.0.0.1:3004
           event-lineage http://127.0.0.1:3005
  The event-lineage console:  http://127.0.0.1:3005/console/
    an analyst's token:  npm run --silent token -- --sub analyst --roles analyst --jurisdiction 330521
    (an operator, who may also replay dead letters: --roles operator; the whole country: --jurisdiction 00)
  Kafka $KAFKA_BROKERS   database $MONGO_URL   traces $ZIPKIN_URL/zipkin/
  A token:     npm run token -- --sub me --roles county-officer --jurisdiction 330521
  The events:  npm run events            (add --follow, or --correlation <id> for one flow)
  The demo seed again:  node -r ./deploy/local/register-paths.js dist/test/demo/seed-demo.js
  Logs:        $LOG_DIR      Stop all:  npm stop      Only the services:  bash deploy/local/stop-all.sh --services
MSG
