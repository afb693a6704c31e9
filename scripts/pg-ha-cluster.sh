#!/usr/bin/env bash
# A PostgreSQL 15 primary with a synchronous hot standby on one machine, for tests and
# demos of failover (ADR 0028): plain streaming replication from Debian's postgresql-15,
# promotion by command. Not for production: every local connection is trusted.
#
#   bash scripts/pg-ha-cluster.sh start DIR     # two servers in DIR; prints the URL
#   bash scripts/pg-ha-cluster.sh status DIR    # which node is primary, replication state
#   bash scripts/pg-ha-cluster.sh kill-primary DIR   # kill -9 the primary and its processes
#   bash scripts/pg-ha-cluster.sh promote DIR   # the standby becomes the primary
#   bash scripts/pg-ha-cluster.sh url DIR       # the multi-host URL again
#   bash scripts/pg-ha-cluster.sh stop DIR      # stops both (the folder stays)
#
# Ports: RETORNO_HA_PORTS="P1 P2" (default "55432 55433"), both on 127.0.0.1; node1 starts
# as the primary, node2 as its standby. The database is `retorno`, user `retorno`.
# When run as root the servers run as the `postgres` system user (initdb refuses root),
# which then owns DIR. RETORNO_PG_BIN overrides /usr/lib/postgresql/15/bin.
set -euo pipefail

bin="${RETORNO_PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:-}"
dir="${2:-}"
if [[ -z "$cmd" || -z "$dir" ]]; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi

as_pg=()
if [[ "$(id -u)" == 0 ]]; then as_pg=(/usr/sbin/runuser -u postgres --); fi
# Runs a PostgreSQL program as the server's user, from DIR (the postgres user may not
# enter the caller's working directory).
pg() { (cd "$dir" && "${as_pg[@]}" "$@"); }
port_of() { sed -n "s/^port$1=//p" "$dir/cluster.env"; }
sql() { # sql PORT "statement"
  psql -X -q -A -t -h 127.0.0.1 -p "$1" -U retorno -d postgres -v ON_ERROR_STOP=1 -c "$2"
}
is_up() { "$bin/pg_isready" -q -h 127.0.0.1 -p "$1" -t 1; }
role_of() { # primary, standby or down
  local port="$1" r
  if ! is_up "$port"; then echo down; return; fi
  r="$(sql "$port" "SELECT pg_is_in_recovery()" 2>/dev/null || echo x)"
  case "$r" in f) echo primary ;; t) echo standby ;; *) echo down ;; esac
}
url() {
  echo "postgresql://retorno@127.0.0.1:$(port_of 1),127.0.0.1:$(port_of 2)/retorno?target_session_attrs=read-write&connect_timeout=2"
}

start_node() { # start_node N
  local n="$1"
  pg "$bin/pg_ctl" start -w -s -t 60 -D "$dir/node$n" -l "$dir/node$n.log" \
    -o "-p $(port_of "$n") -k $dir"
}

case "$cmd" in
  start)
    read -r p1 p2 <<<"${RETORNO_HA_PORTS:-55432 55433}"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [[ -e "$dir/node1" ]]; then
      echo "pg-ha-cluster: $dir already holds a cluster (stop it and remove the folder)" >&2
      exit 1
    fi
    printf 'port1=%s\nport2=%s\n' "$p1" "$p2" >"$dir/cluster.env"
    if ((${#as_pg[@]})); then chown -R postgres: "$dir"; fi
    # The C locale: the byte-order text comparison the store expects (ADR 0026).
    pg "$bin/initdb" -D "$dir/node1" -U retorno -A trust -E UTF8 --locale=C --no-sync \
      --no-instructions >"$dir/initdb.log"
    # Settings both nodes share. synchronous_commit=on with a named synchronous standby:
    # a commit is acknowledged once the standby has flushed it, so a promoted standby
    # holds every acknowledged commit. wal_log_hints lets pg_rewind turn a failed
    # primary into a standby of the new one.
    pg tee -a "$dir/node1/postgresql.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
wal_log_hints = on
synchronous_commit = on
wal_sender_timeout = 5s
wal_receiver_timeout = 5s
EOF
    start_node 1
    sql "$p1" "CREATE DATABASE retorno"
    # The standby: a base backup that streams from node1 under the name `standby`
    # (-R writes standby.signal and primary_conninfo), through a replication slot so the
    # primary keeps the WAL the standby has not received.
    pg "$bin/pg_basebackup" -D "$dir/node2" -R -X stream -C -S node2 -c fast --no-sync \
      -d "host=127.0.0.1 port=$p1 user=retorno application_name=standby"
    start_node 2
    # Synchronous only now: with it set before the standby existed, the primary would
    # have waited for it at every commit (CREATE DATABASE included).
    sql "$p1" "ALTER SYSTEM SET synchronous_standby_names = 'standby'"
    sql "$p1" "SELECT pg_reload_conf()" >/dev/null
    for _ in $(seq 1 100); do
      state="$(sql "$p1" "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'" || true)"
      [[ "$state" == sync ]] && break
      sleep 0.1
    done
    if [[ "$state" != sync ]]; then
      echo "pg-ha-cluster: the standby did not become synchronous (see $dir/node2.log)" >&2
      exit 1
    fi
    echo "primary node1 on 127.0.0.1:$p1, synchronous standby node2 on 127.0.0.1:$p2" >&2
    url
    ;;
  status)
    for n in 1 2; do
      echo "node$n 127.0.0.1:$(port_of "$n") $(role_of "$(port_of "$n")")"
    done
    for n in 1 2; do
      if [[ "$(role_of "$(port_of "$n")")" == primary ]]; then
        sql "$(port_of "$n")" "SELECT 'replica ' || application_name || ' ' || state || ' ' || sync_state FROM pg_stat_replication"
      fi
    done
    ;;
  url)
    url
    ;;
  kill-primary)
    for n in 1 2; do
      if [[ "$(role_of "$(port_of "$n")")" == primary ]]; then
        pid="$(head -1 "$dir/node$n/postmaster.pid")"
        # The postmaster and every process it started, at once, like a machine that
        # lost power: nothing is flushed or said goodbye to.
        kill -9 "$pid" $(pgrep -P "$pid") 2>/dev/null || true
        echo "node$n (pid $pid) killed" >&2
        exit 0
      fi
    done
    echo "pg-ha-cluster: no primary is running" >&2
    exit 1
    ;;
  promote)
    for n in 1 2; do
      if [[ "$(role_of "$(port_of "$n")")" == standby ]]; then
        pg "$bin/pg_ctl" promote -w -s -t 60 -D "$dir/node$n"
        # Alone now: waiting for a synchronous standby that is gone would stop every
        # commit. Writes are unprotected until a standby joins again (ADR 0028).
        sql "$(port_of "$n")" "ALTER SYSTEM SET synchronous_standby_names = ''"
        sql "$(port_of "$n")" "SELECT pg_reload_conf()" >/dev/null
        echo "node$n promoted: primary on 127.0.0.1:$(port_of "$n")" >&2
        exit 0
      fi
    done
    echo "pg-ha-cluster: no standby is running" >&2
    exit 1
    ;;
  stop)
    for n in 1 2; do
      if [[ -f "$dir/node$n/postmaster.pid" ]] && is_up "$(port_of "$n")"; then
        pg "$bin/pg_ctl" stop -w -s -m fast -D "$dir/node$n" || true
      fi
    done
    ;;
  *)
    echo "pg-ha-cluster: unknown command $cmd (start, status, url, kill-primary, promote, stop)" >&2
    exit 2
    ;;
esac
