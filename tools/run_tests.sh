#!/bin/sh
# run_tests.sh — run every test suite of one build variant and print one closing line
# "N passed, N failed". Usage: tools/run_tests.sh OUT BIN RESULTS "BACKENDS"
#   OUT      build/<variant> (unit test and fuzz-replay binaries live there)
#   BIN      the weeekd binary the HTTP suite starts
#   RESULTS  directory for logs and JUnit XML
#   BACKENDS "sqlite pg" (default), "sqlite" or "pg"; else WEEEKD_TEST_BACKENDS
# Run from the repository root (the suites are found under tests/). PostgreSQL is
# WEEEKD_TEST_PG_URL (an admin URL) when given, else a throwaway cluster of the server that
# tools/pg_cluster.sh finds (PGBIN, else any installed version). When PostgreSQL is wanted
# and cannot be had the run fails: a green run means every suite ran. Only an explicit
# "sqlite" leaves the PostgreSQL suites out, and the run says which, first and last.
# Exit status 0 only when nothing failed and something ran.
set -u
out=$1
bin=$2
results=$3
backends=${4:-}
[ -n "$backends" ] || backends=${WEEEKD_TEST_BACKENDS:-}
[ -n "$backends" ] || backends="sqlite pg"
asked=$backends
tools=$(dirname "$0")
passed=0
failed=0
mkdir -p "$results"

has() {
    case " $backends " in *" $1 "*) return 0 ;; esac
    return 1
}

# what a backend left out of the run does not test; said loudly, never counted as passed
not_run=""
has sqlite || not_run="http-sqlite, crash-sqlite"
if ! has pg; then
    not_run="${not_run:+$not_run, }http-pg, crash-pg, scale-out-pg (tests/pg), the fault loop's PostgreSQL group"
    # "sqlite" means SQLite only, also for the unit tests that read the URL
    unset WEEEKD_TEST_PG_URL
fi
say_not_run() {
    [ -z "$not_run" ] || echo "NOT RUN (backends \"$asked\"): $not_run"
}
say_not_run

# PostgreSQL for the unit tests that use it (test_fault_loop) and the HTTP suites: the
# server WEEEKD_TEST_PG_URL names, or a throwaway cluster on loopback for this run, started
# before the unit tests so they see the URL, and removed at the end.
pg_dir=""
if has pg && [ -z "${WEEEKD_TEST_PG_URL:-}" ]; then
    if ! pgbin=$("$tools/pg_cluster.sh" bin 2>"$results/pg_cluster.log"); then
        echo "FAIL no PostgreSQL server to test on: $(cat "$results/pg_cluster.log")"
        echo "     install one (tools/deps.sh ci), set PGBIN or WEEEKD_TEST_PG_URL, or ask for"
        echo "     WEEEKD_TEST_BACKENDS=sqlite to run without the PostgreSQL suites"
        failed=$((failed + 1))
    else
        pg_dir=$(mktemp -d /tmp/weeekd-pg.XXXXXX)
        # a few ports in turn, in case one is taken on this machine
        for try in 0 1 2 3 4; do
            port=$((20000 + ($$ * 7 + try * 7919) % 20000))
            WEEEKD_TEST_PG_URL=$("$tools/pg_cluster.sh" start "$pg_dir" "$port" 2>"$results/pg_cluster.log") && break
            WEEEKD_TEST_PG_URL=""
        done
        if [ -n "$WEEEKD_TEST_PG_URL" ]; then
            export WEEEKD_TEST_PG_URL
            echo "ok   postgresql cluster ($pgbin) on 127.0.0.1:$port for this run"
        else
            echo "FAIL could not start a PostgreSQL cluster ($pgbin):"
            tail -20 "$results/pg_cluster.log"
            failed=$((failed + 1))
            rm -rf "$pg_dir"
            pg_dir=""
        fi
    fi
    if [ -z "${WEEEKD_TEST_PG_URL:-}" ]; then
        # the failure is counted; the SQLite half still runs
        backends=$(echo " $backends " | sed 's/ pg / /g')
        not_run="${not_run:+$not_run, }http-pg, crash-pg, scale-out-pg (tests/pg), the fault loop's PostgreSQL group"
        unset WEEEKD_TEST_PG_URL
    fi
fi
stop_pg() {
    if [ -n "$pg_dir" ]; then
        tools/pg_cluster.sh stop "$pg_dir" >/dev/null 2>&1
        pg_dir=""
    fi
}
trap 'stop_pg; exit 130' INT TERM

# 1. cmocka unit tests, TAP output: one "ok"/"not ok" line per test
for t in "$out"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$t" >"$results/$name.tap" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$results/$name.tap")
    f=$(grep -c '^not ok ' "$results/$name.tap")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi # crashed or timed out
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then f=1; fi  # ran nothing it reported
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL unit $name (exit $rc):"
        grep -v '^ok ' "$results/$name.tap" | head -40
    else
        echo "ok   unit $name ($p tests)"
    fi
done

# 2. fuzz corpora replayed through the targets (built with the same sanitizers)
for f in "$out"/fuzz/fuzz_*; do
    [ -x "$f" ] || continue
    name=$(basename "$f")
    corpus=tests/fuzz/corpus/${name#fuzz_}
    inputs=$(find "$corpus" -maxdepth 1 -type f ! -name '.*' 2>/dev/null | wc -l)
    if [ "$inputs" -eq 0 ]; then
        failed=$((failed + 1))
        echo "FAIL fuzz $name: no inputs in $corpus (a replay of nothing checks nothing)"
    elif timeout 300 "$f" "$corpus" >"$results/$name.log" 2>&1; then
        passed=$((passed + 1))
        echo "ok   fuzz $name ($inputs inputs)"
    else
        failed=$((failed + 1))
        echo "FAIL fuzz $name:"
        tail -30 "$results/$name.log"
    fi
done

# run_pytest LABEL DIR BACKEND: adds the suite's counts; a skipped test counts as failed
run_pytest() {
    label=$1
    junit="$results/pytest-$label.xml"
    rm -f "$junit"
    WEEEKD_BIN="$bin" WEEEKD_TEST_BACKENDS="$3" timeout 1800 /usr/bin/python3 -m pytest \
        "$2" -q -p no:cacheprovider --junitxml="$junit" -o junit_family=xunit2 \
        >"$results/pytest-$label.log" 2>&1
    rc=$?
    echo "---- $label: $(tail -1 "$results/pytest-$label.log")"
    if [ ! -f "$junit" ]; then
        echo "FAIL $label: pytest did not run (exit $rc)"
        tail -30 "$results/pytest-$label.log"
        failed=$((failed + 1))
        return
    fi
    counts=$(/usr/bin/python3 - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
t = sum(int(s.get("tests", 0)) for s in suites)
bad = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skip = sum(int(s.get("skipped", 0)) for s in suites)
print(t - bad - skip, bad, skip)
PY
)
    # shellcheck disable=SC2086
    set -- $counts
    passed=$((passed + $1))
    failed=$((failed + $2))
    if [ "$2" -ne 0 ]; then
        grep -E '^(FAILED|ERROR) ' "$results/pytest-$label.log" | head -40
    fi
    if [ "$3" -ne 0 ]; then
        echo "FAIL $label: $3 tests skipped (a skipped check is a defect here)"
        failed=$((failed + $3))
    fi
    if [ "$rc" -ne 0 ] && [ "$2" -eq 0 ]; then failed=$((failed + 1)); fi
}

# 3. black-box HTTP suites against the real binary, once per backend
for backend in $backends; do
    run_pytest "http-$backend" tests/http "$backend"
    # weeekd SIGKILLed under a write load, restarted and checked (issue 8)
    run_pytest "crash-$backend" tests/crash "$backend"
    if [ "$backend" = pg ] && [ -d tests/pg ]; then
        run_pytest "scale-out-pg" tests/pg pg
    fi
done

# the examples of docs/testing-with-weeekd.md: pytest and node:test against weeekd in
# memory (no store of the suites involved, so once)
# (the runner's own tests run this script on fake trees without them)
if [ -d docs/examples ]; then
    run_pytest "docs-examples-pytest" docs/examples/test_with_weeekd.py sqlite
    WEEEKD_BIN="$bin" timeout 300 node --test --test-reporter=tap docs/examples/ \
        >"$results/docs-examples-node.tap" 2>&1
    rc=$?
    p=$(grep -c '^ok ' "$results/docs-examples-node.tap")
    f=$(grep -c '^not ok ' "$results/docs-examples-node.tap")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
        [ "$p" -eq 0 ] && failed=$((failed + 1))
        echo "FAIL docs-examples-node (exit $rc):"
        tail -40 "$results/docs-examples-node.tap"
    else
        echo "ok   docs-examples-node ($p tests)"
    fi
fi

# 4. the runner's own behaviour (tests/runner: it runs this script on small fake trees)
if [ -d tests/runner ]; then
    run_pytest runner tests/runner sqlite
fi

stop_pg
say_not_run
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
