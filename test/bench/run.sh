#!/usr/bin/env bash
# `npm run bench`: builds, starts Kafka and the database if needed, runs the benchmark.
# BENCH_UNITS (sweep size, default 100000), BENCH_REPORTS, BENCH_RATE, BENCH_RATE_SECONDS tune it.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash deploy/local/npm-install.sh
npm run build --silent
bash deploy/local/infra.sh start
eval "$(bash deploy/local/infra.sh env | sed 's/^/export /')"
export KAFKAJS_NO_PARTITIONER_WARNING=1
node -r ./deploy/local/register-paths.js dist/test/bench/run.js
