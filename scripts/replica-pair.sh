#!/usr/bin/env bash
# A private MariaDB primary (binary log, server id 1) and a replica following it by GTID (server id 2), for the
# read-replica test (tests/e2e/replica-reads.e2e-spec.ts) and .ci/run. Each has its own datadir, port, socket and
# pid file under REPLICA_PAIR_DIR; nothing of the system server (3306) is touched, and every server is stopped by
# the pid it wrote.
#
#   scripts/replica-pair.sh start    start both (a fresh pair on first start) and replication; no-op when running
#   scripts/replica-pair.sh stop     stop both by pid and delete their data
#   scripts/replica-pair.sh status   exit 0 when both answer and the replica's threads run
#
# REPLICA_PAIR_PRIMARY_PORT (3310), REPLICA_PAIR_REPLICA_PORT (3311), REPLICA_PAIR_DIR (a folder in the temporary one).
set -euo pipefail

primary_port=${REPLICA_PAIR_PRIMARY_PORT:-3310}
replica_port=${REPLICA_PAIR_REPLICA_PORT:-3311}
dir=${REPLICA_PAIR_DIR:-${TMPDIR:-/tmp}/countycare-replica-pair-$primary_port}
mariadbd=${MARIADBD:-/usr/sbin/mariadbd}

sql() { mariadb --no-defaults -h 127.0.0.1 -P "$1" -u root --batch --skip-column-names -e "$2"; }
answers() { mariadb-admin --no-defaults -h 127.0.0.1 -P "$1" -u root --connect-timeout=1 ping >/dev/null 2>&1; }
pid_of() { [ -s "$dir/$1/m.pid" ] && cat "$dir/$1/m.pid"; }

# mariadbd refuses to run as root unless told to drop to the mysql user, which must then own the folders.
if [ "$(id -u)" = 0 ]; then as_user=(--user=mysql); owner=(-o mysql -g mysql); else as_user=(); owner=(); fi

start_node() { # name port server-id extra-args...
  local name=$1 port=$2 id=$3; shift 3
  local d="$dir/$name" pid
  if answers "$port"; then
    pid=$(pid_of "$name") && kill -0 "$pid" 2>/dev/null && return 0
    echo "replica-pair: port $port answers, but not with the $name of $dir; choose other ports (REPLICA_PAIR_*_PORT)" >&2
    return 1
  fi
  if [ ! -d "$d/data/mysql" ]; then
    install -d "${owner[@]}" "$dir" "$d"
    mariadb-install-db --no-defaults "${as_user[@]}" --datadir="$d/data" --auth-root-authentication-method=normal \
      --skip-test-db > "$d/install.log" 2>&1 || { cat "$d/install.log" >&2; return 1; }
  fi
  start-stop-daemon --start --background --pidfile "$d/m.pid" --exec "$mariadbd" -- --no-defaults "${as_user[@]}" --datadir="$d/data" \
    --port="$port" --bind-address=127.0.0.1 --socket="$d/m.sock" --pid-file="$d/m.pid" --log-error="$d/error.log" \
    --server-id="$id" --skip-name-resolve --innodb-buffer-pool-size=64M --innodb-flush-log-at-trx-commit=2 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci "$@"
  for _ in $(seq 1 150); do answers "$port" && return 0; sleep 0.1; done
  echo "replica-pair: $name did not start on port $port; $d/error.log:" >&2
  tail -n 20 "$d/error.log" >&2 || true
  return 1
}

stop_nodes() { # names...: SIGTERM to each by its pid, then wait for all
  local name pid pids=()
  for name in "$@"; do
    pid=$(pid_of "$name") && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
  done
  for _ in $(seq 1 100); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.1
  done
  echo "replica-pair: still running 10 s after SIGTERM: pids ${pids[*]}" >&2
  return 1
}

replicating() {
  local status
  status=$(mariadb --no-defaults -h 127.0.0.1 -P "$replica_port" -u root -e "SHOW SLAVE STATUS\G" 2>/dev/null) || return 1
  grep -q 'Slave_IO_Running: Yes' <<<"$status" && grep -q 'Slave_SQL_Running: Yes' <<<"$status"
}

case "${1:-}" in
  start)
    start_node primary "$primary_port" 1 --log-bin=primary-bin --binlog-format=ROW
    start_node replica "$replica_port" 2 --relay-log=replica-relay-bin --read-only=1
    if ! replicating; then
      if [ -z "$(sql "$replica_port" "SHOW SLAVE STATUS")" ]; then
        sql "$replica_port" "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=$primary_port, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1"
      fi
      sql "$replica_port" "START SLAVE"
      for _ in $(seq 1 50); do replicating && break; sleep 0.1; done
      replicating || { echo "replica-pair: the replica does not replicate:" >&2; sql "$replica_port" "SHOW SLAVE STATUS" >&2; exit 1; }
    fi
    echo "replica-pair: primary 127.0.0.1:$primary_port, replica 127.0.0.1:$replica_port (data in $dir)"
    ;;
  stop)
    stop_nodes replica primary
    rm -rf "$dir"
    ;;
  status)
    answers "$primary_port" || { echo "replica-pair: primary not answering on $primary_port"; exit 1; }
    answers "$replica_port" || { echo "replica-pair: replica not answering on $replica_port"; exit 1; }
    replicating || { echo "replica-pair: replica on $replica_port is not replicating"; exit 1; }
    echo "replica-pair: primary 127.0.0.1:$primary_port, replica 127.0.0.1:$replica_port, replicating"
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
