#!/usr/bin/env bash
# Kafka, the database and Zipkin together. Usage: deploy/local/infra.sh start|stop|status|logs|fetch|env
# `env` prints the KAFKA_BROKERS / MONGO_URL / ZIPKIN_URL that services and tests should use.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$ROOT/deploy/local"
case "${1:-}" in
  start|fetch) bash "$here/kafka.sh" "$1"; bash "$here/mongo.sh" "$1"; bash "$here/zipkin.sh" "$1" ;;
  stop) bash "$here/zipkin.sh" stop; bash "$here/mongo.sh" stop; bash "$here/kafka.sh" stop ;;
  status) rc=0; bash "$here/kafka.sh" status || rc=$?; bash "$here/mongo.sh" status || rc=$?; bash "$here/zipkin.sh" status || rc=$?; exit $rc ;;
  logs) bash "$here/kafka.sh" logs; bash "$here/mongo.sh" logs; bash "$here/zipkin.sh" logs ;;
  env)
    echo "KAFKA_BROKERS=${KAFKA_BROKERS:-127.0.0.1:$KAFKA_PORT}"
    echo "MONGO_URL=${MONGO_URL:-mongodb://127.0.0.1:$MONGO_PORT}"
    echo "ZIPKIN_URL=${ZIPKIN_URL:-http://127.0.0.1:$ZIPKIN_PORT}" ;;
  *) echo "usage: $0 start|stop|status|logs|fetch|env" >&2; exit 2 ;;
esac
