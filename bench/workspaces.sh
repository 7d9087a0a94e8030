#!/usr/bin/env bash
# workspaces.sh — PostgreSQL writes spread over workspaces (issue 18): task creates spread
# over BENCH_WORKSPACES workspaces, through one weeekd process and through two over the same
# database, with BENCH_CONNS connections in total (split between the processes, one wrk per
# process, run at the same time). With BENCH_OLD=path/to/an/older/weeekd the same rows for
# that binary in the same run (e.g. one built from b1db677, whose writes took one lock for
# the whole database). Columns: creates/s (sum over the processes), the worst p99, non-2xx
# answers, and the CPU seconds per 1,000 creates of weeekd (all processes) and of
# PostgreSQL. Prints a markdown table and writes build/bench/workspaces.md. The machine is
# shared and the load generator runs on it too: compare rows of one run, not across runs.
#
# Environment (all optional): BENCH_SECONDS=5 BENCH_WARMUP=1 BENCH_CONNS=32
# BENCH_WORKSPACES=16 BENCH_SERVER_THREADS=4 BENCH_OLD= BENCH_OUT=build/bench
set -euo pipefail

cd "$(dirname "$0")/.."
SECS=${BENCH_SECONDS:-5}
WARM=${BENCH_WARMUP:-1}
CONNS=${BENCH_CONNS:-32}
NWS=${BENCH_WORKSPACES:-16}
THREADS=${BENCH_SERVER_THREADS:-4}
OUT=${BENCH_OUT:-build/bench}
say() { echo "bench: $*" >&2; }
die() {
    say "$*"
    exit 1
}
for v in "$SECS" "$WARM" "$CONNS" "$NWS" "$THREADS"; do
    case $v in '' | *[!0-9]*) die "BENCH_* knobs must be whole numbers" ;; esac
done
[ "$CONNS" -ge 2 ] || die "BENCH_CONNS must be at least 2 (split between two processes)"
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
command -v psql >/dev/null || die "psql is missing: apt-get install postgresql-client"

make -s -j2 >&2
BINS=("new=$PWD/build/weeekd")
if [ -n "${BENCH_OLD:-}" ]; then
    [ -x "$BENCH_OLD" ] || die "BENCH_OLD=$BENCH_OLD is not an executable"
    BINS=("old=$BENCH_OLD" "${BINS[@]}")
fi
mkdir -p "$OUT"
TMP=$(mktemp -d /tmp/weeekd-bench-ws.XXXXXX)
PGDIR=$(mktemp -d /tmp/weeekd-bench-pg.XXXXXX) # its own: the postgres user must reach it
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    [ -d "$PGDIR/data" ] && tools/pg_cluster.sh stop "$PGDIR" >/dev/null 2>&1
    rm -rf "$TMP" "$PGDIR"
}
trap cleanup EXIT
PG_PORT=$((20000 + RANDOM % 20000))
ADMIN=$(tools/pg_cluster.sh start "$PGDIR" "$PG_PORT")
DB=${ADMIN%/*}/weeekd_bench_ws

# ticks NAME PID...: the CPU ticks (user + system) of the processes so far
ticks() {
    local t=0 p
    for p in "$@"; do
        [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
    done
    echo "$t"
}
# this cluster's postmaster and its children (backends), never another cluster's
pg_pids() {
    local pm
    pm=$(head -1 "$PGDIR/data/postmaster.pid")
    echo "$pm $(pgrep -d ' ' -P "$pm" || true)"
}

start() { # start BIN NAME: a weeekd over DB; sets PORT and LASTPID
    "$1" serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS" --log-level warn \
        >"$TMP/$2.out" 2>"$TMP/$2.err" &
    LASTPID=$!
    PIDS+=("$LASTPID")
    for _ in $(seq 100); do
        PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$TMP/$2.out" 2>/dev/null || true)
        [ -n "$PORT" ] && return 0
        sleep 0.1
    done
    die "weeekd $2 did not start: $(tail -3 "$TMP/$2.err")"
}

ROWS=()
HZ=$(getconf CLK_TCK)
for entry in "${BINS[@]}"; do
    label=${entry%%=*}
    bin=${entry#*=}
    for procs in 1 2; do
        psql -q -X "$ADMIN" -c "DROP DATABASE IF EXISTS weeekd_bench_ws" -c "CREATE DATABASE weeekd_bench_ws" >/dev/null
        tokens=""
        for w in $(seq "$NWS"); do
            tokens="$tokens${tokens:+,}$("$bin" init --db "$DB" --workspace "ws$w" --email "o$w@example.com")"
        done
        ports=() pids=()
        for k in $(seq "$procs"); do
            start "$bin" "$label-$procs-$k"
            ports+=("$PORT")
            pids+=("$LASTPID")
        done
        per=$((CONNS / procs))
        if [ "$WARM" -gt 0 ]; then
            wrks=()
            for port in "${ports[@]}"; do
                BENCH_TOKENS=$tokens wrk -t1 -c"$per" -d"${WARM}s" -s bench/post_task_ws.lua \
                    "http://127.0.0.1:$port" >/dev/null &
                wrks+=($!)
            done
            wait "${wrks[@]}"
        fi
        # shellcheck disable=SC2046
        pg0=$(ticks $(pg_pids)) w0=$(ticks "${pids[@]}")
        n=0 wrks=()
        for port in "${ports[@]}"; do
            n=$((n + 1))
            BENCH_TOKENS=$tokens wrk -t2 -c"$per" -d"${SECS}s" --latency -s bench/post_task_ws.lua \
                "http://127.0.0.1:$port" >"$TMP/wrk-$label-$procs-$n.txt" &
            wrks+=($!)
        done
        wait "${wrks[@]}"
        # shellcheck disable=SC2046
        pg1=$(ticks $(pg_pids)) w1=$(ticks "${pids[@]}")
        rps=0 p99=0 bad=0 total=0
        for f in "$TMP/wrk-$label-$procs"-*.txt; do
            cp "$f" "$OUT/"
            r=$(awk '/^Requests\/sec:/ {print $2}' "$f")
            rps=$(awk -v a="$rps" -v b="$r" 'BEGIN {printf "%.0f", a + b}')
            q=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) v = v / 1000; else if (v ~ /ms$/) v = v + 0; else if (v ~ /s$/) v = v * 1000; print v}' "$f")
            p99=$(awk -v a="$p99" -v b="$q" 'BEGIN {print (b > a ? b : a)}')
            bad=$((bad + $(awk '/Non-2xx/ {print $NF}' "$f" | grep -o '[0-9]*' || echo 0)))
            total=$((total + $(awk '/requests in/ {print $1}' "$f")))
        done
        made=$(psql -At -X "$DB" -c "SELECT count(*) FROM tasks")
        cpu_w=$(awk -v t=$((w1 - w0)) -v n="$total" -v hz="$HZ" 'BEGIN {printf "%.2f", n ? t / hz / n * 1000 : 0}')
        cpu_p=$(awk -v t=$((pg1 - pg0)) -v n="$total" -v hz="$HZ" 'BEGIN {printf "%.2f", n ? t / hz / n * 1000 : 0}')
        for p in "${pids[@]}"; do kill "$p"; done
        wait "${pids[@]}" 2>/dev/null || true
        say "$label, $procs process(es): $rps creates/s, p99 $p99 ms, non-2xx $bad, tasks in the store $made"
        ROWS+=("| $label | $procs | $CONNS | $rps | $p99 | $bad | $cpu_w | $cpu_p |")
    done
done

{
    echo "weeekd at $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(nproc) CPUs, load average before: $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "POST /tm/tasks spread over $NWS workspaces of one PostgreSQL database; ${SECS}s per row" \
        "after ${WARM}s warm-up; $CONNS connections in all, split between the processes; weeekd" \
        "--threads $THREADS per process; wrk on the same machine."
    echo
    echo "| binary | processes | conns | creates/s | worst p99 ms | non-2xx | weeekd CPU s / 1k | PostgreSQL CPU s / 1k |"
    echo "|---|--:|--:|--:|--:|--:|--:|--:|"
    printf '%s\n' "${ROWS[@]}"
} >"$OUT/workspaces.md"
cat "$OUT/workspaces.md"
