#!/usr/bin/env bash
# reply_cost.sh — what building a reply costs, two builds of weeekd side by side on one store
# (issue 18 item 3): instructions per request under valgrind's callgrind (counts, so other
# load on the machine does not move them), beside the reply's size. Prints a markdown
# table. See bench/README.md, "Reply cost".
#
#   bench/reply_cost.sh OLD_BINARY [NEW_BINARY]     NEW_BINARY defaults to build/weeekd
#
# Environment (all optional):
#   BENCH_TASKS=2000   seeded tasks (4 projects x 2 boards x 3 columns, 20 tags, 5 members)
#   BENCH_DEALS=1000   seeded deals (5 funnels x 4 statuses)
#   BENCH_REPEAT=200   requests of each kind under callgrind (pages: a fifth of it)
#   BENCH_SECONDS=5 BENCH_CONNS="1 64" BENCH_SERVER_THREADS=4   the wrk runs (old and new
#                      one after the other for each request and connection count);
#                      BENCH_SECONDS=0 skips them
# Needs valgrind, curl, wrk and the sqlite3 shell (tools/deps.sh bench installs them).
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
. bench/lib.sh

OLD=${1:?usage: bench/reply_cost.sh OLD_BINARY [NEW_BINARY]}
NEW=${2:-build/weeekd}
NTASKS=${BENCH_TASKS:-2000}
NDEALS=${BENCH_DEALS:-1000}
REPEAT=${BENCH_REPEAT:-200}
for b in "$OLD" "$NEW"; do
    [ -x "$b" ] || die "$b is not an executable"
done
tools/deps.sh bench # valgrind, curl, wrk, the sqlite3 shell
for c in valgrind callgrind_control curl sqlite3; do
    command -v "$c" >/dev/null 2>&1 || die "$c is missing"
done
OLD=$(realpath "$OLD")
NEW=$(realpath "$NEW")

trap cleanup EXIT
trap 'cleanup; exit 130' INT
TMP=$(mktemp -d /tmp/weeekd-reply-cost.XXXXXX)
DB="sqlite:$TMP/bench.db"
START_TENTHS=600 # callgrind starts slowly

# ---------------------------------------------------------------- seeding (with NEW)
WEEEKD=$NEW
TOKEN=$("$WEEEKD" init --db "$DB" --workspace bench --email bench@example.com)
for i in 1 2 3 4; do
    "$WEEEKD" member add --db "$DB" --workspace bench --email "m$i@example.com" >/dev/null
done
start_weeekd sqlite
say "seeding $NTASKS tasks and $NDEALS deals"
tm_structure "$TOKEN" 4 2 20
WS=$(ws_id "$TOKEN")
tasks_load "$WS" "$NTASKS"
seed_deals "$TOKEN" 5 "$NDEALS"
TASK_ID=$(store_query "SELECT min(id) + $((NTASKS / 3)) FROM tasks WHERE ws_id = $WS")
DEAL_ID=$(store_query "SELECT id FROM deals WHERE ws_id = $WS ORDER BY id LIMIT 1")
STATUS_ID=$(store_query "SELECT status_id FROM deals WHERE id = '$DEAL_ID'")
# a task with every relation, several rows each (the one-statement read, task_get_full,
# decodes them all): members as assignees and watchers, 10 tags, two locations, a custom
# field value, 5 subtasks, 10 time entries, 5 files
MEMBERS=$(v1 "$TOKEN" GET /ws/members | json '",".join(chr(34) + m["id"] + chr(34) for m in d["members"])')
TAGS=$(store_query "SELECT id FROM tags WHERE ws_id = $WS ORDER BY id LIMIT 10" | paste -sd,)
IFS='|' read -r P1 B1 C1 < <(store_query "SELECT b.project_id, b.id, c.id FROM boards b
    JOIN board_columns c ON c.board_id = b.id WHERE b.ws_id = $WS ORDER BY c.id LIMIT 1")
P2=$(store_query "SELECT id FROM projects WHERE ws_id = $WS AND id <> $P1 ORDER BY id LIMIT 1")
FIELD=$(v1 "$TOKEN" POST /tm/custom-fields '{"name":"note","type":"text"}' | json 'd["customField"]["id"]')
FULL_ID=$(v1 "$TOKEN" POST /tm/tasks "{\"title\":\"full\",\"assignees\":[$MEMBERS],
    \"tags\":[$TAGS],\"customFields\":{\"$FIELD\":\"a note\"},\"locations\":[
    {\"projectId\":$P1,\"boardId\":$B1,\"boardColumnId\":$C1},{\"projectId\":$P2}]}" | first_id)
[ -n "$FULL_ID" ] || die "could not create the task with every relation"
v1 "$TOKEN" POST "/tm/tasks/$FULL_ID/watchers" "{\"watchers\":[$MEMBERS]}" >/dev/null
for i in 1 2 3 4 5; do
    v1 "$TOKEN" POST /tm/tasks "{\"title\":\"sub $i\",\"parentId\":$FULL_ID}" >/dev/null
    curl -sS -f -o /dev/null -H "Authorization: Bearer $TOKEN" -F "files[]=@bench/README.md;filename=f$i.md" \
        "http://127.0.0.1:$SRV_PORT/public/v1/tm/tasks/$FULL_ID/attachments"
done
ME=${MEMBERS%%,*}
for i in 1 2 3 4 5 6 7 8 9 10; do
    v1 "$TOKEN" POST "/tm/tasks/$FULL_ID/time-entries" \
        "{\"userId\":$ME,\"isOvertime\":0,\"date\":\"2026-03-0$((i % 9 + 1))\",\"duration\":$i}" >/dev/null
done
stop_weeekd sqlite

# the measured requests: name | path below /public/v1 | how many of REPEAT
TARGETS=(
    "GET /tm/tasks/{id}|/tm/tasks/$TASK_ID|1"
    "GET /tm/tasks/{id} (every relation)|/tm/tasks/$FULL_ID|1"
    "GET /tm/tasks?perPage=50|/tm/tasks?perPage=50|5"
    "GET /crm/deals/{id}|/crm/deals/$DEAL_ID|1"
    "GET /crm/statuses/{id}/deals (50)|/crm/statuses/$STATUS_ID/deals?limit=50|5"
)

# requests N PATH: N sequential GETs on one keep-alive connection, bodies discarded
requests() {
    local n=$1 path=$2 urls=() i
    for ((i = 0; i < n; i++)); do
        urls+=("http://127.0.0.1:$SRV_PORT/public/v1$path")
    done
    curl -sS -f -H "Authorization: Bearer $TOKEN" "${urls[@]}" >/dev/null
}

# instructions BINARY: for each target, callgrind's instruction count per request (the
# counters zeroed before, dumped after the target's requests); one line per target
instructions() {
    rm -f "$TMP/callgrind.out" # start_server reads the port from it: never a stale one
    start_server "callgrind" valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.%p" \
        "$1" serve --db "$DB" --listen 127.0.0.1:0 --threads 1 --log-level warn
    SRV_PID=$LASTPID
    SRV_PORT=$PORT
    local t name path div n total
    for t in "${TARGETS[@]}"; do
        IFS='|' read -r name path div <<<"$t"
        n=$((REPEAT / div))
        requests 20 "$path" # warm: the statement cache, SQLite's pages
        callgrind_control -z "$SRV_PID" >/dev/null
        requests "$n" "$path"
        callgrind_control -d "$SRV_PID" >/dev/null
        total=$(grep -h '^summary:\|^totals:' "$(ls -t "$TMP"/cg."$SRV_PID".* | head -1)" |
            head -1 | awk '{print $2}')
        echo $((total / n))
    done
    stop_server "$SRV_PID"
    rm -f "$TMP"/cg.*
}

say "callgrind: old"
mapfile -t OLD_IR < <(instructions "$OLD")
say "callgrind: new"
mapfile -t NEW_IR < <(instructions "$NEW")

start_server "size" "$NEW" serve --db "$DB" --listen 127.0.0.1:0 --log-level warn
SIZE_PID=$LASTPID
SIZE_PORT=$PORT
echo
echo "| request | reply bytes | instructions per request, old → new |"
echo "|---|--:|--:|"
i=0
for t in "${TARGETS[@]}"; do
    IFS='|' read -r name path div <<<"$t"
    bytes=$(curl -sS -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $TOKEN" \
        "http://127.0.0.1:$SIZE_PORT/public/v1$path")
    echo "| \`$name\` | $bytes | ${OLD_IR[$i]} → ${NEW_IR[$i]} |"
    i=$((i + 1))
done
stop_server "$SIZE_PID"

[ "$SECONDS_PER_RUN" -gt 0 ] || exit 0
command -v wrk >/dev/null 2>&1 || die "wrk is missing"
# rps BINARY CONNS PATH: wrk's requests/s against a fresh start of BINARY
rps() {
    local t=$WRK_THREADS
    [ "$t" -le "$2" ] || t=$2
    rm -f "$TMP/wrk.out"
    start_server "wrk" "$1" serve --db "$DB" --listen 127.0.0.1:0 --threads "$SRV_THREADS" \
        --log-level warn
    local args=(-t"$t" -c"$2" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/public/v1$3")
    wrk -d1s "${args[@]}" >/dev/null
    wrk -d"${SECONDS_PER_RUN}s" "${args[@]}" >"$TMP/wrk.txt"
    stop_server "$LASTPID"
    [ "$(wrk_field "$TMP/wrk.txt" errors)" = 0 ] || die "wrk saw errors on $3"
    wrk_field "$TMP/wrk.txt" rps
}
echo
echo "wrk, ${SECONDS_PER_RUN} s a run, weeekd --threads $SRV_THREADS, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| request | connections | req/s old | req/s new |"
echo "|---|--:|--:|--:|"
for t in "${TARGETS[@]}"; do
    IFS='|' read -r name path div <<<"$t"
    for c in $CONNS; do
        say "wrk: $name, $c connection(s)"
        o=$(rps "$OLD" "$c" "$path")
        n=$(rps "$NEW" "$c" "$path")
        echo "| \`$name\` | $c | $o | $n |"
    done
done
