#!/usr/bin/env bash
# Cluster mode and the metrics endpoints as deployed (issue #10), on the built apps: the embedded default refuses
# API_WORKERS=2; on MariaDB two workers share the port and both serve, /metrics (its own port, not the API's) sums
# them, a killed worker is replaced, SIGHUP restarts them one at a time without a failed request, the worker app
# serves its job counters on WORKER_METRICS_PORT, and SIGTERM to the primary exits 0 with no worker left behind.
# Run by .ci/run after `npm run build`; needs MariaDB on 127.0.0.1:3306 (root, no password). Ports 3960-3962.
set -euo pipefail
cd "$(dirname "$0")/.."
# .ci/run's earlier steps export their own database settings
unset DATABASE_URL DATABASE_PASSWORD DB_FLAVOR DEMO_SEED HOST API_WORKERS METRICS_PORT METRICS_HOST WORKER_METRICS_PORT OTEL_EXPORTER_OTLP_ENDPOINT
main=dist/apps/api/apps/api/src/main.js
dir=$(mktemp -d)
port=3960 metrics_port=3961 worker_metrics_port=3962
fail() { echo "cluster smoke: $*"; cat "$dir/api.log" "$dir/worker.log" 2>/dev/null | grep -v '"context":"Router\|"context":"InstanceLoader\|"context":"RoutesResolver' | tail -40; exit 1; }

echo "-- the embedded SQLite default refuses more than one worker"
set +e
out=$(SQLITE_PATH="$dir/cc.sqlite" API_WORKERS=2 node "$main" 2>&1)
code=$?
set -e
echo "$out"
[ "$code" = 1 ] && echo "$out" | grep -q '^config: API_WORKERS: the embedded SQLite database serves one process' || fail "SQLite accepted API_WORKERS=2"

echo "-- MariaDB, API_WORKERS=2"
mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS countycare_cluster; CREATE DATABASE countycare_cluster CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
export DATABASE_URL=mysql://root@127.0.0.1:3306/countycare_cluster JWT_SECRET=$(openssl rand -hex 32) FIELD_ENCRYPTION_KEY=$(openssl rand -hex 32) \
  ADMIN_USERNAME=admin ADMIN_PASSWORD='Ci#Admin2026' PORT=$port LOG_LEVEL=info
API_WORKERS=2 METRICS_PORT=$metrics_port node "$main" > "$dir/api.log" 2>&1 &
primary=$!
trap 'kill -9 $primary ${workers:-} ${worker_app:-} 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do grep -q "CountyCare API on http://127.0.0.1:$port/api/v1 .*2 worker processes" "$dir/api.log" 2>/dev/null && break; kill -0 $primary || fail "the primary exited"; sleep 0.2; done
grep -q "2 worker processes" "$dir/api.log" || fail "no startup line naming 2 workers"
workers=$(pgrep -P $primary | sort | tr '\n' ' ')
[ "$(echo $workers | wc -w)" = 2 ] || fail "expected 2 workers, found: $workers"
# the primary migrated once, before forking: no worker ran a migration
[ "$(mariadb -h 127.0.0.1 -u root -N -e 'SELECT COUNT(*) > 0 FROM countycare_cluster.schema_migrations')" = 1 ] || fail "no migrations ran"

echo "-- both workers serve (one new connection per request: the primary deals them out in turn)"
for _ in $(seq 1 10); do curl -sf -m 5 "http://127.0.0.1:$port/health" >/dev/null; done
served_by=$(grep '"request completed"' "$dir/api.log" | grep '"url":"/health"' | grep -o '"pid":[0-9]*' | cut -d: -f2 | sort -u | tr '\n' ' ')
[ "$served_by" = "$workers" ] || fail "requests served by pids '$served_by', workers are '$workers'"

echo "-- one /metrics for the cluster, on its own port only"
scrape=$(curl -sf -m 5 "http://127.0.0.1:$metrics_port/metrics")
echo "$scrape" | grep -q '^countycare_api_workers 2$' || fail "countycare_api_workers is not 2"
echo "$scrape" | grep -q '^countycare_http_request_duration_seconds_count{method="GET",route="/health",status="2xx"} 10$' || fail "the histogram does not sum both workers' 10 requests"
echo "$scrape" | grep -q '^countycare_db_pool_connections{pool="primary",state="all"}' || fail "no pool gauge"
[ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/metrics")" = 404 ] || fail "/metrics answered on the API's port"

echo "-- a worker killed with SIGKILL is replaced"
victim=${workers%% *}
kill -9 "$victim"
for _ in $(seq 1 100); do grep -q "worker 1 is back\|worker 2 is back" "$dir/api.log" && break; sleep 0.1; done
grep -q "is back" "$dir/api.log" || fail "the killed worker was not replaced"
workers=$(pgrep -P $primary | sort | tr '\n' ' ')
[ "$(echo $workers | wc -w)" = 2 ] || fail "expected 2 workers after the replacement, found: $workers"

echo "-- SIGHUP: a rolling restart, every request answered meanwhile"
(
  sent=0 failed=0
  for _ in $(seq 1 400); do
    grep -q "rolling restart done" "$dir/api.log" && break
    sent=$((sent + 1))
    curl -sf -m 5 -o /dev/null "http://127.0.0.1:$port/health" || failed=$((failed + 1))
    sleep 0.05
  done
  echo "$sent requests during the rolling restart, $failed failed"
  echo $failed > "$dir/failed"
) &
load=$!
sleep 0.5
kill -HUP $primary
wait $load
[ "$(cat "$dir/failed")" = 0 ] || fail "$(cat "$dir/failed") request(s) failed during the rolling restart"
grep -q "rolling restart done" "$dir/api.log" || fail "the rolling restart did not finish"
old=$workers
workers=$(pgrep -P $primary | sort | tr '\n' ' ')
[ "$(echo $workers | wc -w)" = 2 ] || fail "expected 2 workers after the rolling restart, found: $workers"
for w in $workers; do case " $old " in *" $w "*) fail "worker $w was not restarted";; esac; done

echo "-- the worker app: job runs and failures on its own port"
DB_MIGRATE=off WORKER_METRICS_PORT=$worker_metrics_port WORKER_HEARTBEAT_FILE="$dir/worker.heartbeat" \
  node dist/apps/worker/apps/worker/src/main.js > "$dir/worker.log" 2>&1 &
worker_app=$!
for _ in $(seq 1 100); do curl -sf -m 5 "http://127.0.0.1:$worker_metrics_port/metrics" 2>/dev/null | grep '^countycare_job_runs_total{job="idempotency.purge"} 1$' >/dev/null && break; sleep 0.2; done
jobs_scrape=$(curl -sf -m 5 "http://127.0.0.1:$worker_metrics_port/metrics")
echo "$jobs_scrape" | grep -q '^countycare_job_runs_total{job="audit.seal"} [1-9]' || fail "the worker's /metrics has no audit.seal run"
echo "$jobs_scrape" | grep -q '^countycare_job_failures_total{job="audit.seal"} [0-9]' || fail "no failure counter for audit.seal"
echo "$jobs_scrape" | grep -q '^countycare_job_duration_seconds_count{job="audit.seal"} [1-9]' || fail "no duration for audit.seal"
echo "$jobs_scrape" | grep -q '^countycare_job_runs_total{job="idempotency.purge"} 1$' || fail "the worker did not run every job once at start"
kill -TERM $worker_app
set +e
wait $worker_app
code=$?
set -e
[ "$code" = 0 ] || fail "the worker exited with $code"

echo "-- SIGTERM to the primary: the workers finish and exit, then the primary exits 0"
kill -TERM $primary
set +e
wait $primary
code=$?
set -e
[ "$code" = 0 ] || fail "the primary exited with $code"
grep -q '^CountyCare API: stopped$' "$dir/api.log" || fail "no 'stopped' line"
for w in $workers; do ! kill -0 "$w" 2>/dev/null || fail "worker $w outlived the primary"; done
trap - EXIT
mariadb -h 127.0.0.1 -u root -e "DROP DATABASE countycare_cluster"
rm -rf "$dir"
echo "cluster smoke: ok"
