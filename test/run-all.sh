#!/usr/bin/env bash
# Every test, on real infrastructure: `npm test`. Installs what is missing, type-checks, lints,
# builds (the console too), starts Kafka, the database and Zipkin (unless KAFKA_BROKERS / MONGO_URL /
# ZIPKIN_URL point elsewhere), installs chromium for the browser tests when missing, runs jest,
# and stops the servers it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

echo "== npm packages"
bash deploy/local/npm-install.sh

echo "== type-check"
npx tsc -p tsconfig.json --noEmit
echo "== lint"
NX_DAEMON=false npm run lint --silent
echo "== build (fault tests run services as their own processes from dist/)"
npm run build --silent

started=()
if [ -z "${KAFKA_BROKERS:-}" ] && ! bash deploy/local/kafka.sh status >/dev/null 2>&1; then started+=(kafka); fi
if [ -z "${MONGO_URL:-}" ] && ! bash deploy/local/mongo.sh status >/dev/null 2>&1; then started+=(mongo); fi
if [ -z "${ZIPKIN_URL:-}" ] && ! bash deploy/local/zipkin.sh status >/dev/null 2>&1; then started+=(zipkin); fi
cleanup() {
  for s in "${started[@]}"; do bash "$ROOT/deploy/local/$s.sh" stop || true; done
}
trap cleanup EXIT

echo "== infrastructure"
bash deploy/local/infra.sh start
eval "$(bash deploy/local/infra.sh env | sed 's/^/export /')"
export KAFKAJS_NO_PARTITIONER_WARNING=1

echo "== chromium (browser tests)"
bash deploy/local/chromium.sh

echo "== tests (Kafka $KAFKA_BROKERS, database $MONGO_URL, Zipkin $ZIPKIN_URL)"
mkdir -p .local
rm -rf .local/test-logs
results=.local/jest-results.json
set +e
npx jest --ci --maxWorkers=2 --json --outputFile="$results" "$@"
status=$?
set -e
node -e '
  const r = require(process.argv[1]);
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
' "$ROOT/$results" || true
# what the code under test logged is in a file per test file; say where the error lines are
if [ -d .local/test-logs ]; then
  errors=$(cat .local/test-logs/*.log 2>/dev/null | grep -c '"level":"error"' || true)
  echo "logs of the code under test: .local/test-logs/ ($errors error-level lines; the files with most:)"
  grep -c '"level":"error"' .local/test-logs/*.log 2>/dev/null | grep -v ':0$' | sort -t: -k2 -rn | head -5 | sed 's/^/  /' || true
fi
exit $status
