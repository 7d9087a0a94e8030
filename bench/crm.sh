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
ROOT=$(pwd)

SECONDS_PER_RUN=${BENCH_SECONDS:-5}
WARMUP=${BENCH_WARMUP:-1}
CONNS=${BENCH_CONNS:-"1 64"}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SRV_THREADS=${BENCH_SERVER_THREADS:-4}
NDEALS=${BENCH_DEALS:-50000}
LOG_LEVEL=${BENCH_LOG_LEVEL:-info}
OUT=${BENCH_OUT:-build/bench}
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac
if [ -n "${BENCH_BACKENDS:-}" ]; then
    BACKENDS=$BENCH_BACKENDS
elif [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    BACKENDS="sqlite postgresql"
else
    BACKENDS="sqlite"
fi
NFUNNELS=5
NSTATUSES=$((NFUNNELS * 4))

die() {
    echo "bench: $*" >&2
    exit 1
}
say() { echo "bench: $*" >&2; }

for v in "$SECONDS_PER_RUN" "$WARMUP" "$WRK_THREADS" "$SRV_THREADS" "$NDEALS" $CONNS; do
    case $v in '' | *[!0-9]*) die "expected a number, got '$v'" ;; esac
done
[ "$NDEALS" -ge "$NSTATUSES" ] || die "BENCH_DEALS must be at least $NSTATUSES"

TMP=""
PGDIR=""
PIDS=()
CHILD=""
stop_pid() {
    local pid=$1 i=0
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null && [ $i -lt 150 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}
stop_server() {
    local pid=$1 p keep=()
    stop_pid "$pid"
    for p in "${PIDS[@]}"; do
        [ "$p" = "$pid" ] || keep+=("$p")
    done
    PIDS=("${keep[@]}")
}
CLEANED=0
cleanup() {
    [ "$CLEANED" = 1 ] && return 0
    CLEANED=1
    set +e
    local pid
    [ -n "$CHILD" ] && stop_pid "$CHILD"
    for pid in "${PIDS[@]}"; do
        stop_pid "$pid"
    done
    if [ -n "$PGDIR" ]; then
        tools/pg_cluster.sh stop "$PGDIR" >/dev/null 2>&1 || say "could not stop the PostgreSQL cluster in $PGDIR"
    fi
    [ -n "$TMP" ] && rm -rf "$TMP"
    return 0
}
trap cleanup EXIT
trap 'say "interrupted, cleaning up"; cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap 'cleanup; exit 129' HUP

tools/deps.sh build
if ! command -v wrk >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || die "wrk is missing: apt-get install wrk"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
command -v curl >/dev/null 2>&1 || die "curl is missing: apt-get install curl"
command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is missing: apt-get install sqlite3"
case " $BACKENDS " in
*" postgresql "*) command -v psql >/dev/null 2>&1 || die "psql is missing: apt-get install postgresql-client" ;;
esac

mkdir -p "$OUT/wrk"
say "building the release weeekd"
make -s -j2 BUILD=release >&2
WEEEKD=$ROOT/build/release/weeekd
TMP=$(mktemp -d /tmp/weeekd-bench-crm.XXXXXX)

start_server() {
    local name=$1
    shift
    "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" &
    LASTPID=$!
    PIDS+=("$LASTPID")
    local i=0
    PORT=""
    while [ $i -lt 100 ]; do
        PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$TMP/$name.out")
        [ -n "$PORT" ] && return 0
        kill -0 "$LASTPID" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    tail -5 "$TMP/$name.err" >&2 || true
    die "$name did not start"
}
free_port() {
    local p
    for _ in $(seq 50); do
        p=$((20000 + RANDOM % 20000))
        if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    die "no free port found"
}
api() {
    local method=$1 path=$2 body=${3:-} code
    local args=(-sS -o "$TMP/api.body" -w '%{http_code}' -X "$method"
        -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SRV_PORT$path")
    [ -n "$body" ] && args+=(-H "Content-Type: application/json" --data-binary "$body")
    code=$(curl "${args[@]}") || die "$method $path: curl failed"
    [ "$code" = 200 ] || die "$method $path: HTTP $code: $(head -c 300 "$TMP/api.body")"
    cat "$TMP/api.body"
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
bounded() {
    local limit=$1 rc=0
    shift
    timeout -k 5 "$limit" "$@" &
    CHILD=$!
    wait "$CHILD" || rc=$?
    CHILD=""
    return $rc
}
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}
server_p99() {
    local log=$1 off=$2
    tail -c +$((off + 1)) "$log" | awk 'match($0, / [0-9.]+ms ws=/) {
            print substr($0, RSTART + 1, RLENGTH - 7) + 0 }' | sort -n |
        awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
            i = int(NR * 0.99 + 0.999999); if (i > NR) i = NR; printf "%.2f", v[i] }'
}
ROWS=()
measure() {
    local label=$1 backend=$2 c=$3 url=$4
    shift 4
    local t=$WRK_THREADS
    [ "$t" -le "$c" ] || t=$c
    local file
    file="$OUT/wrk/crm-${backend}-$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_')-c$c.txt"
    local wrkargs=(-t"$t" -c"$c" --latency --timeout 5s "$@" "$url")
    if [ "$WARMUP" -gt 0 ]; then
        bounded $((WARMUP + 30)) wrk -d"${WARMUP}s" "${wrkargs[@]}" >/dev/null ||
            die "wrk warm-up failed for $label on $backend"
    fi
    local off
    off=$(stat -c %s "$SRV_LOG")
    say "$label on $backend, $c connection(s), ${SECONDS_PER_RUN}s"
    bounded $((SECONDS_PER_RUN + 30)) wrk -d"${SECONDS_PER_RUN}s" "${wrkargs[@]}" >"$file" ||
        die "wrk failed for $label on $backend (see $file)"
    sleep 0.2
    local rps p50 p99 sp99 non2xx sockerr
    rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$file")
    p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
    p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
    sp99=$(server_p99 "$SRV_LOG" "$off")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$file")
    sockerr=$(awk '/Socket errors:/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$file")
    [ -n "$rps" ] || die "could not read wrk's output in $file"
    ROWS+=("$label|$backend|$c|$rps|$p50|$p99|$sp99|$((${non2xx:-0} + ${sockerr:-0}))")
}

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
    if [ "$backend" = sqlite ]; then
        DB="sqlite:$TMP/bench.db"
    else
        PGDIR=$(mktemp -d /tmp/weeekd-bench-pg.XXXXXX)
        PG_PORT=$(free_port)
        say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        ADMIN=$(tools/pg_cluster.sh start "$PGDIR" "$PG_PORT")
        psql -q -X "$ADMIN" -c "CREATE DATABASE weeekd_bench" >/dev/null
        DB="postgresql://postgres@127.0.0.1:$PG_PORT/weeekd_bench"
    fi
    TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
    start_server "weeekd-$backend" "$WEEEKD" serve --db "$DB" --listen 127.0.0.1:0 \
        --threads "$SRV_THREADS" --log-level "$LOG_LEVEL"
    SRV_PID=$LASTPID
    SRV_PORT=$PORT
    SRV_LOG=$TMP/weeekd-$backend.err

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
    stop_server "$SRV_PID"
    if [ "$backend" = postgresql ]; then
        tools/pg_cluster.sh stop "$PGDIR" >/dev/null
        PGDIR=""
    fi
done

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
    echo "weeekd CRM bench at $commit, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs;" \
        "$NDEALS deals over $NSTATUSES statuses (${PER} per status); wrk ${SECONDS_PER_RUN}s per run" \
        "after ${WARMUP}s warm-up; server pools $SRV_THREADS threads; loopback."
    echo
    echo "| target | backend | conns | req/s | p50 ms | p99 ms | server p99 ms | errors |"
    echo "|---|---|--:|--:|--:|--:|--:|--:|"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r label backend c rps p50 p99 sp99 errs <<<"$row"
        echo "| $label | $backend | $c | $rps | $p50 | $p99 | $sp99 | $errs |"
    done
} >"$OUT/crm.md"
echo
cat "$OUT/crm.md"
say "written to $OUT/crm.md"
