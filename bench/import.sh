#!/usr/bin/env bash
# import.sh — `make bench-import`: BENCH_TASKS (10,000) tasks and BENCH_DEALS (2,000) deals
# seeded through the API into one weeekd (bench/import_seed.py), then copied into a fresh
# store three ways: `weeekd import --from` (through the API), `weeekd export` to a file and
# `weeekd import --input` from it. Prints wall time and peak memory (max RSS, from
# /usr/bin/time) of each, and writes them to build/bench/import.md. Release build, SQLite
# stores (BENCH_BACKEND=pg with WEEEKD_TEST_PG_URL uses PostgreSQL for the target).
set -euo pipefail
cd "$(dirname "$0")/.."

NTASKS=${BENCH_TASKS:-10000}
NDEALS=${BENCH_DEALS:-2000}
OUT=${BENCH_OUT:-build/bench}
DIR=$(mktemp -d /tmp/weeekd-bench-import.XXXXXX)
PORT=${BENCH_PORT:-$((20000 + RANDOM % 9000))}
mkdir -p "$OUT"
say() { echo "bench: $*" >&2; }

# the release build; the debug one (-O1) when release does not build
if make -s BUILD=release -j2 >/dev/null 2>&1; then
    BIN=build/weeekd
    FLAVOUR=release
else
    say "release build failed; measuring the debug build (-O1)"
    make -s -j2 >/dev/null
    BIN=build/weeekd
    FLAVOUR="debug -O1"
fi
SRC_DB="sqlite:$DIR/src.db"
TOKEN=$("$BIN" init --db "$SRC_DB" --workspace bench --email bench@example.com --name "Ben Chmark")
"$BIN" serve --db "$SRC_DB" --listen "127.0.0.1:$PORT" --log-level warn 2>"$DIR/serve.log" &
SERVER=$!
cleanup() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
BASE="http://127.0.0.1:$PORT/public/v1"

say "seeding $NTASKS tasks and $NDEALS deals through the API"
t0=$(date +%s.%N)
/usr/bin/python3 bench/import_seed.py "$BASE" "$TOKEN" "$NTASKS" "$NDEALS"
say "seeded in $(echo "$(date +%s.%N) - $t0" | bc) s"

target() { # a fresh target store URL
    if [ "${BENCH_BACKEND:-sqlite}" = pg ]; then
        local db="weeekd_bench_$$_$1"
        psql -Xq "$WEEEKD_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null
        echo "${WEEEKD_TEST_PG_URL%/*}/$db"
    else
        echo "sqlite:$DIR/$1.db"
    fi
}
measure() { # label, command...: prints "label|seconds|max RSS MiB"
    local label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$DIR/time" "$@" >/dev/null 2>"$DIR/err" || {
        cat "$DIR/err" >&2
        exit 1
    }
    read -r secs kib <"$DIR/time"
    echo "$label|$secs|$((kib / 1024))"
}

rows=()
rows+=("$(measure "import --from (API, concurrency 2)" "$BIN" import --db "$(target api)" \
    --workspace copy --email bench@example.com --from "$BASE" --token "$TOKEN")")
rows+=("$(measure "export --output" "$BIN" export --db "$SRC_DB" --workspace bench \
    --output "$DIR/doc.json")")
rows+=("$(measure "import --input" "$BIN" import --db "$(target file)" --workspace copy \
    --email bench@example.com --input "$DIR/doc.json")")

{
    echo "| $NTASKS tasks, $NDEALS deals ($FLAVOUR build, ${BENCH_BACKEND:-sqlite} target) | wall s | max RSS MiB |"
    echo "|---|---|---|"
    for r in "${rows[@]}"; do echo "| ${r//|/ | } |"; done
    echo
    echo "document: $(du -m "$DIR/doc.json" | cut -f1) MiB"
} | tee "$OUT/import.md"
