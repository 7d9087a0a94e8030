#!/usr/bin/env bash
# crm.sh — the CRM under load: 50,000 deals (BENCH_DEALS) over 5 funnels of 4 statuses, then
# wrk at each connection count against a status's deal list (first page, a deep page,
# filtered, sorted) and against deal moves. Same ceiling-free table as run.sh (req/s, p50,
# p99, server p99, errors), printed and written to build/bench/crm.md. See bench/README.md.
#
# Funnels, statuses, a tag and the member come from the API; the deals themselves are
# written with one INSERT ... SELECT straight into the store (creating 50,000 through the
# API would measure the seeding, not the list), with dense positions, amounts, win
# statuses, tags on every third deal and the member on every second.
#
# Environment (all optional): BENCH_SECONDS=5, BENCH_WARMUP=1, BENCH_CONNS="1 64",
# BENCH_WRK_THREADS=2, BENCH_SERVER_THREADS=4, BENCH_DEALS=50000, BENCH_BACKENDS,
# BENCH_LOG_LEVEL=info, BENCH_OUT=build/bench — as in run.sh.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

NDEALS=${BENCH_DEALS:-50000}
NFUNNELS=5
NSTATUSES=$((NFUNNELS * 4))
check_knobs "$NDEALS"
[ "$NDEALS" -ge "$NSTATUSES" ] || die "BENCH_DEALS must be at least $NSTATUSES"

bench_setup wrk weeekd-bench-crm sqlite3
WRK_PREFIX=crm-

api() { api_as "$TOKEN" "$@"; }

for backend in $BACKENDS; do
    open_store "$backend"
    TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
    start_weeekd "$backend"

    say "seeding $NFUNNELS funnels, $NSTATUSES statuses and $NDEALS deals on $backend"
    seed_deals "$TOKEN" "$NFUNNELS" "$NDEALS"
    ME=$DEAL_ME
    TAG=$DEAL_TAG
    [ "$(wc -l <"$TMP/statuses.txt")" = "$NSTATUSES" ] || die "expected $NSTATUSES statuses"
    SID=$(head -1 "$TMP/statuses.txt" | cut -d' ' -f2)
    FID=$(head -1 "$TMP/statuses.txt" | cut -d' ' -f1)
    n=$(api GET "/public/v1/crm/funnels/$FID" | json 'd["funnel"]["dealsCount"]')
    [ "$n" -ge $((NDEALS / NFUNNELS - 1)) ] || die "funnel 1 has $n deals after seeding"

    # moves: random deals of funnel 1 to the top of a random status of funnel 1
    {
        echo 'local deals = {'
        api GET "/public/v1/crm/statuses/$SID/deals?limit=100" | json '",".join(chr(34) + x["id"] + chr(34) for x in d["deals"])'
        echo '}'
        echo 'local statuses = {'
        grep "^$FID " "$TMP/statuses.txt" | cut -d' ' -f2 | sed 's/.*/"&",/'
        echo '}'
        cat <<LUA
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $TOKEN"}
request = function()
    local d = deals[math.random(#deals)]
    local s = statuses[math.random(#statuses)]
    return wrk.format("POST", "/public/v1/crm/deals/" .. d .. "/move", headers,
                      '{"statusId":"' .. s .. '","previousDealId":null}')
end
LUA
    } >"$TMP/move.lua"

    BASE="http://127.0.0.1:$SRV_PORT/public/v1/crm/statuses/$SID/deals"
    AUTH="Authorization: Bearer $TOKEN"
    PER=$((NDEALS / NSTATUSES))
    for c in $CONNS; do
        measure "list 50 of $PER" "$backend" "$c" "$BASE?limit=50" -H "$AUTH"
        measure "list offset 2000" "$backend" "$c" "$BASE?limit=50&offset=2000" -H "$AUTH"
        measure "list filtered" "$backend" "$c" \
            "$BASE?limit=50&search=deal%201&tags%5B%5D=$TAG&winStatuses%5B%5D=won&assigneeIds%5B%5D=$ME" -H "$AUTH"
        measure "list sort=-amount" "$backend" "$c" "$BASE?limit=50&sort=-amount" -H "$AUTH"
        measure "POST move (top)" "$backend" "$c" "http://127.0.0.1:$SRV_PORT" -s "$TMP/move.lua"
    done
    stop_weeekd "$backend"
done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
    echo "weeekd CRM bench at $commit, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs;" \
        "$NDEALS deals over $NSTATUSES statuses (${PER} per status); wrk ${SECONDS_PER_RUN}s per run" \
        "after ${WARMUP}s warm-up; server pools $SRV_THREADS threads; loopback."
    echo
    print_rows
} >"$OUT/crm.md"
publish "$OUT/crm.md"
