#!/usr/bin/env bash
# run.sh — weeekd's throughput and latency against a bare libmicrohttpd ceiling.
# Builds the release weeekd and bench/ceiling.c, starts them on loopback, seeds a workspace
# through the API, runs wrk against each target at each connection count, prints a
# markdown table and writes it to build/bench/results.md. See bench/README.md.
#
# Environment (all optional):
#   BENCH_SECONDS=5          length of each measured wrk run
#   BENCH_WARMUP=1           seconds of unmeasured load before each run (0 = none)
#   BENCH_CONNS="1 64"       connection counts
#   BENCH_WRK_THREADS=2      wrk threads (capped at the connection count)
#   BENCH_SERVER_THREADS=4   weeekd --threads and the ceiling's pool size (weeekd's default)
#   BENCH_TAGS=1000          tags seeded for the list and point-read runs
#   BENCH_BACKENDS="sqlite postgresql"   default: sqlite, plus postgresql when PostgreSQL 15
#                            is installed (/usr/lib/postgresql/15/bin)
#   BENCH_LOG_LEVEL=info     weeekd --log-level (its request log goes to a temp file)
#   BENCH_OUT=build/bench    where the ceiling binary, results.md and raw wrk output go
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

NTAGS=${BENCH_TAGS:-1000}
check_knobs "$NTAGS"
[ "$NTAGS" -ge 1 ] || die "BENCH_TAGS must be at least 1"

# ---------------------------------------------------------------- prerequisites and builds
bench_setup wrk weeekd-bench
build_ceiling

# ---------------------------------------------------------------- helpers
# api METHOD PATH [BODY], as the measured workspace's token
api() { api_as "$TOKEN" "$@"; }

# seed NTAGS tags in one curl process (one keep-alive connection); the first one's id
# goes to TAG_ID
seed_tags() {
    TAG_ID=$(api POST /public/v1/ws/tags '{"title":"tag-1"}' | first_id)
    [ -n "$TAG_ID" ] || die "could not read the id of a created tag"
    local cfg=$TMP/seed.curl i
    : >"$cfg"
    for ((i = 2; i <= NTAGS; i++)); do
        [ "$i" -gt 2 ] && echo next >>"$cfg"
        printf 'url = "http://127.0.0.1:%s/public/v1/ws/tags"\nheader = "Authorization: Bearer %s"\nheader = "Content-Type: application/json"\ndata = "{\\"title\\":\\"tag-%d\\"}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
            "$SRV_PORT" "$TOKEN" "$i" >>"$cfg"
    done
    if [ "$NTAGS" -gt 1 ]; then
        curl -sS -K "$cfg" >"$TMP/seed.codes" || die "seeding tags: curl failed"
        local ok
        ok=$(grep -c '^200$' "$TMP/seed.codes" || true)
        [ "$ok" -eq $((NTAGS - 1)) ] || die "only $ok of $((NTAGS - 1)) tag creations answered 200"
    fi
    local n
    n=$(api GET /public/v1/ws/tags | grep -o '"id":' | wc -l)
    [ "$n" -eq "$NTAGS" ] || die "the tag list has $n tags, expected $NTAGS"
}

declare -A CEIL_RPS

# ---------------------------------------------------------------- the ceiling
start_server ceiling "$CEILING" 0 "$SRV_THREADS"
CEIL_PID=$LASTPID
CEIL_PORT=$PORT
MEASURED_PID=$CEIL_PID
for c in $CONNS; do
    measure ceiling none "$c" "http://127.0.0.1:$CEIL_PORT/public/v1/ws/tags/1"
    CEIL_RPS[$c]=$LAST_RPS
done
CEIL_HWM=$(peak_kb "$CEIL_PID")
stop_server "$CEIL_PID"
MEASURED_PID=""

# ---------------------------------------------------------------- weeekd on each backend
declare -A HWM
for backend in $BACKENDS; do
    open_store "$backend"
    TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
    # creations go to their own workspace so the list stays at NTAGS tags
    WTOKEN=$("$WEEEKD" init --db "$DB" --workspace bench-writes --email writer@example.com)

    start_weeekd "$backend"
    say "seeding $NTAGS tags and a project on $backend"
    seed_tags
    PROJECT_ID=$(api POST /public/v1/tm/projects '{"name":"bench project"}' | first_id)
    [ -n "$PROJECT_ID" ] || die "could not read the id of the created project"
    api GET "/public/v1/tm/projects/$PROJECT_ID" >/dev/null
    api GET "/public/v1/ws/tags/$TAG_ID" >/dev/null

    BASE="http://127.0.0.1:$SRV_PORT/public/v1"
    AUTH="Authorization: Bearer $TOKEN"
    for c in $CONNS; do
        measure "GET /ws/tags/{id}" "$backend" "$c" "$BASE/ws/tags/$TAG_ID" -H "$AUTH"
        measure "GET /ws/tags ($NTAGS)" "$backend" "$c" "$BASE/ws/tags" -H "$AUTH"
        measure "GET /tm/projects/{id}" "$backend" "$c" "$BASE/tm/projects/$PROJECT_ID" -H "$AUTH"
        measure "POST /ws/tags" "$backend" "$c" "$BASE/ws/tags" -H "Authorization: Bearer $WTOKEN" \
            -s bench/post_tag.lua
    done
    stop_weeekd "$backend"
    HWM[$backend]=$SRV_HWM
done

# ---------------------------------------------------------------- the table
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src 2>/dev/null || commit="$commit (src modified)"
{
    echo "weeekd $(cat VERSION 2>/dev/null || echo '?') at $commit, $(date -u +%Y-%m-%dT%H:%MZ)," \
        "$(machine)."
    echo "wrk: ${SECONDS_PER_RUN}s per run after ${WARMUP}s warm-up, up to $WRK_THREADS threads;" \
        "server pools: $SRV_THREADS threads; log level $LOG_LEVEL; loopback; load generator on the same cores;" \
        "load average before the run: $LOAD_AT_START."
    echo
    echo "| target | backend | conns | req/s | % of ceiling | p50 ms | p99 ms | server p99 ms | errors | CPU µs/req |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r label backend c rps p50 p99 sp99 errs cpu _ <<<"$row"
        ceil=${CEIL_RPS[$c]:-0}
        ratio=$(awk -v a="$rps" -v b="$ceil" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "?" }')
        echo "| $label | $backend | $c | $rps | $ratio | $p50 | $p99 | $sp99 | $errs | $cpu |"
    done
    echo
    echo "| process | peak RSS (VmHWM) |"
    echo "|---|--:|"
    echo "| ceiling | $((CEIL_HWM / 1024)) MiB |"
    for backend in $BACKENDS; do
        echo "| weeekd on $backend | $((${HWM[$backend]} / 1024)) MiB |"
    done
} >"$OUT/results.md"
publish "$OUT/results.md" "raw wrk output in $OUT/wrk/"
