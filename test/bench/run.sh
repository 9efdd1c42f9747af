#!/usr/bin/env bash
# `npm run bench`: builds, starts Kafka and the database if needed, runs the benchmark.
# BENCH_UNITS (sweep size, default 100000), BENCH_REPORTS, BENCH_RATE, BENCH_RATE_SECONDS tune it;
# MONGO_URL with BENCH_DATABASE_STATE_DIR runs it on a database of its own (started by deploy/local/mongo.sh with CIVIL_STATE_DIR).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/npm-install.sh
npm run build --silent
bash deploy/local/infra.sh start
eval "$(bash deploy/local/infra.sh env | sed 's/^/export /')"
export KAFKAJS_NO_PARTITIONER_WARNING=1
node -r ./deploy/local/register-paths.js dist/test/bench/run.js
