#!/bin/sh
# deps.sh — install the Debian 12 packages weeekd needs, only those missing.
# Usage: tools/deps.sh build|test|ci   (each set includes the one before)
#        tools/deps.sh fuzz            (build + clang and its libFuzzer runtime, for
#                                       `make fuzz`; CI only replays corpora, with gcc)
#        tools/deps.sh bench           (build + what bench/*.sh drive: wrk, curl, sqlite3, psql, valgrind)
# Runs apt-get as root (or through sudo); prints what it installs.
set -eu
mode=${1:-build}
build="gcc make pkg-config libc6-dev libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libcurl4-openssl-dev libunistring-dev"
test="$build libcmocka-dev python3 python3-pytest python3-requests python3-yaml python3-jsonschema python3-prometheus-client openapi-specification sqlite3 postgresql-client chromium chromium-driver python3-selenium nodejs"
ci="$test postgresql cppcheck clang-format dpkg-dev adduser curl"
fuzz="$build clang libclang-rt-14-dev"
bench="$build wrk curl sqlite3 postgresql-client valgrind"
case $mode in
build) want=$build ;;
test) want=$test ;;
ci) want=$ci ;;
fuzz) want=$fuzz ;;
bench) want=$bench ;;
*) echo "usage: tools/deps.sh build|test|ci|fuzz|bench" >&2; exit 2 ;;
esac
missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "deps: missing packages:$missing — install them as root (apt-get install$missing)" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
