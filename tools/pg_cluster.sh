#!/bin/sh
# pg_cluster.sh — a throwaway PostgreSQL cluster for tests, on loopback only.
# Usage:
#   tools/pg_cluster.sh start DIR PORT     create a fresh cluster in DIR and start it on
#                                          127.0.0.1:PORT; prints the admin URL
#                                          postgresql://postgres@127.0.0.1:PORT/postgres
#   tools/pg_cluster.sh stop DIR           stop it (fast mode) and remove DIR
#   tools/pg_cluster.sh restart DIR [SEC]  stop (fast mode: sessions are cut), stay down SEC
#                                          seconds (default 0), start again
#   tools/pg_cluster.sh status DIR         exit 0 when it runs
#   tools/pg_cluster.sh bin                prints the server binaries directory it would
#                                          use; exit 1 when there is none
# Trust authentication, no TCP listener but 127.0.0.1, the unix socket inside DIR, fsync
# off: for tests only. DIR left by a crashed run is stopped and wiped by start. As root the
# cluster tools run as the postgres user (initdb refuses root), so DIR's parent must be
# reachable by postgres (/tmp is). PGBIN overrides the server binaries directory (default:
# PostgreSQL 15 on Debian, else the newest installed under PG_INSTALL_ROOT, default
# /usr/lib/postgresql; tools/run_tests.sh finds PostgreSQL the same way through `bin`).
set -eu

die() {
    echo "pg_cluster: $*" >&2
    exit 1
}

pgbin() {
    root=${PG_INSTALL_ROOT:-/usr/lib/postgresql}
    if [ -n "${PGBIN:-}" ]; then
        [ -x "$PGBIN/initdb" ] || die "PGBIN=$PGBIN holds no initdb"
        echo "$PGBIN"
    elif [ -x "$root/15/bin/initdb" ]; then
        echo "$root/15/bin"
    else
        # the newest with a server: postgresql-client-N alone makes N/bin with no initdb
        d=$(for b in "$root"/*/bin; do [ -x "$b/initdb" ] && echo "$b"; done | sort -V | tail -1)
        [ -n "$d" ] || die "no PostgreSQL server found in $root (apt-get install postgresql) and no PGBIN"
        echo "$d"
    fi
}

# run a cluster tool as postgres when we are root
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

abspath() {
    case $1 in
    /*) echo "$1" ;;
    *) echo "$(pwd)/$1" ;;
    esac
}

# stop whatever runs in DIR/data; never fails
stop_server() {
    data=$1/data
    [ -f "$data/PG_VERSION" ] || return 0
    if [ -f "$data/postmaster.pid" ]; then
        as_pg "$BIN/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            as_pg "$BIN/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    # a postmaster that pg_ctl could not stop (stale or corrupt pid file)
    if [ -f "$data/postmaster.pid" ]; then
        pid=$(head -1 "$data/postmaster.pid" 2>/dev/null || true)
        case $pid in
        '' | *[!0-9]*) ;;
        *) if [ "$(cat /proc/"$pid"/comm 2>/dev/null)" = postgres ]; then kill -9 "$pid" 2>/dev/null || true; fi ;;
        esac
    fi
    return 0
}

start_server() {
    dir=$1
    if ! as_pg "$BIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start >/dev/null 2>&1; then
        echo "pg_cluster: the server did not start; log:" >&2
        tail -20 "$dir/postgres.log" >&2 2>/dev/null || true
        exit 1
    fi
    port=$(cat "$dir/port")
    i=0
    until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 1; do
        i=$((i + 1))
        [ "$i" -lt 60 ] || die "the server on 127.0.0.1:$port does not accept connections"
        sleep 0.5
    done
}

cmd=${1:-}
[ -n "$cmd" ] || die "usage: pg_cluster.sh start DIR PORT | stop DIR | restart DIR [SECONDS] | status DIR | bin"
if [ "$cmd" = bin ]; then
    pgbin
    exit 0
fi
[ $# -ge 2 ] || die "$cmd needs a directory"
dir=$(abspath "$2")
BIN=$(pgbin)
# only ever wipe an empty directory or one this script made (it holds "port")
ours() {
    [ -f "$1/port" ] || [ -z "$(ls -A "$1" 2>/dev/null)" ]
}

case $cmd in
start)
    [ $# -ge 3 ] || die "start needs DIR PORT"
    port=$3
    case $port in
    '' | *[!0-9]*) die "port must be a number, not '$port'" ;;
    esac
    # leftovers of a crashed run: stop and wipe
    if [ -e "$dir" ]; then
        ours "$dir" || die "$dir exists and is not a pg_cluster.sh directory; not touching it"
        stop_server "$dir"
        rm -rf "$dir"
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "there is no postgres user (apt-get install postgresql)"
        chown postgres:postgres "$dir"
        as_pg test -w "$dir" || die "the postgres user cannot reach $dir (its parent directories must be searchable)"
    fi
    echo "$port" >"$dir/port.tmp" && mv "$dir/port.tmp" "$dir/port"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$dir/port"
    if ! as_pg "$BIN/initdb" -D "$dir/data" --auth=trust -U postgres --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
        echo "pg_cluster: initdb failed:" >&2
        tail -20 "$dir/initdb.log" >&2
        exit 1
    fi
    cat >>"$dir/data/postgresql.conf" <<CONF

# pg_cluster.sh: a throwaway test cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
CONF
    start_server "$dir"
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
stop)
    [ -e "$dir" ] || exit 0
    ours "$dir" || die "$dir is not a pg_cluster.sh directory; not touching it"
    stop_server "$dir"
    rm -rf "$dir"
    ;;
restart)
    [ -f "$dir/data/PG_VERSION" ] || die "no cluster in $dir"
    pause=${3:-0}
    as_pg "$BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || stop_server "$dir"
    [ "$pause" = 0 ] || sleep "$pause"
    start_server "$dir"
    ;;
status)
    [ -f "$dir/data/PG_VERSION" ] || exit 1
    as_pg "$BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
    ;;
*)
    die "unknown command '$cmd' (start, stop, restart, status, bin)"
    ;;
esac
