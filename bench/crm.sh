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
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

# seed_deals DB WS_ID: the INSERT ... SELECT for this backend (status k = deal i mod 20,
# position i div 20, so every status's order is dense from 0)
seed_sql() {
    local backend=$1 ws=$2 me=$3 tag=$4 now
    now=$(($(date +%s) * 1000))
    local slug="'d' || substr('000000000000000' || CAST(i AS TEXT), -15, 15)"
    local series="WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < $((NDEALS - 1)))"
    if [ "$backend" = postgresql ]; then
        slug="'d' || lpad(CAST(i AS TEXT), 15, '0')"
        series="WITH seq(i) AS (SELECT generate_series(0, $((NDEALS - 1))))"
    fi
    local values="" k=0 sid fid
    while read -r fid sid; do
        [ -n "$values" ] && values+=", "
        values+="($k, '$sid', '$fid')"
        k=$((k + 1))
    done <"$TMP/statuses.txt"
    cat <<SQL
BEGIN;
$series, st(k, sid, fid) AS (VALUES $values)
INSERT INTO deals (ws_id, id, funnel_id, status_id, title, description, amount, win_status,
                   creator_id, position, created_at, updated_at)
SELECT $ws, $slug, st.fid, st.sid, 'deal ' || CAST(i AS TEXT), 'about deal ' || CAST(i AS TEXT),
       (i % 1000) * 1.5,
       CASE i % 4 WHEN 0 THEN NULL WHEN 1 THEN 'won' WHEN 2 THEN 'lost' ELSE 'archived' END,
       '$me', i / $NSTATUSES, $now - i * 1000, $now - i * 1000
FROM seq JOIN st ON st.k = i % $NSTATUSES;
INSERT INTO deal_tags (ws_id, deal_id, tag_id, seq)
SELECT ws_id, id, $tag, 0 FROM deals WHERE ws_id = $ws AND CAST(substr(id, 2, 15) AS INTEGER) % 3 = 0;
INSERT INTO deal_assignees (ws_id, deal_id, member_id, seq)
SELECT ws_id, id, '$me', 0 FROM deals WHERE ws_id = $ws AND CAST(substr(id, 2, 15) AS INTEGER) % 2 = 0;
COMMIT;
SQL
}

for backend in $BACKENDS; do
    open_store "$backend"
    TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
    start_weeekd "$backend"

    say "seeding $NFUNNELS funnels, $NSTATUSES statuses and $NDEALS deals on $backend"
    ME=$(api GET /public/v1/user/me | json 'd["user"]["id"]')
    TAG=$(api POST /public/v1/ws/tags '{"title":"hot"}' | json 'd["tag"]["id"]')
    : >"$TMP/statuses.txt"
    for f in $(seq $NFUNNELS); do
        FID=$(api POST /public/v1/crm/funnels "{\"name\":\"funnel $f\"}" | json 'd["funnel"]["id"]')
        api POST "/public/v1/crm/funnels/$FID/statuses" '{"name":"Won"}' >/dev/null
        api GET "/public/v1/crm/funnels/$FID/statuses" |
            json '"\n".join("'"$FID"' " + s["id"] for s in d["statuses"])' >>"$TMP/statuses.txt"
    done
    if [ "$backend" = sqlite ]; then
        WS=$(sqlite3 "$TMP/bench.db" "SELECT id FROM workspaces WHERE title = 'bench'")
        seed_sql sqlite "$WS" "$ME" "$TAG" | sqlite3 "$TMP/bench.db"
        sqlite3 "$TMP/bench.db" "ANALYZE"
    else
        WS=$(psql -X -A -t "$DB" -c "SELECT id FROM workspaces WHERE title = 'bench'")
        seed_sql postgresql "$WS" "$ME" "$TAG" | psql -q -X -v ON_ERROR_STOP=1 "$DB" >/dev/null
        psql -q -X "$DB" -c "ANALYZE" >/dev/null
    fi
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
