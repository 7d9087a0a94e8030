#!/bin/sh
# check_layers.sh — the include rules of docs/internals/layers (GUIDE 3.1): layers only
# point down (core <- store <- model <- api <- http <- port <- main), and each library header is
# included by its one owner.
set -u
fail=0
bad() { echo "layer rule: $*"; fail=1; }
check() { # $1 dir, $2 forbidden project directories (ERE alternatives), $3 reason
    hits=$(grep -lE "^#include \"($2)/" src/$1/*.c src/$1/*.h 2>/dev/null)
    [ -z "$hits" ] || bad "$(echo $hits) include $2 ($3)"
}
check core 'store|model|api|http|port|main' "core uses libc only"
check store 'model|api|http|port|main' "store sits below model"
check model 'api|http|port|main' "model sits below api"
check api 'port|main' "api sits below http, port and main"
check http 'port|main' "http sits below port and main"
check port 'main' "port (export/import) sits above api and http, below main"
grep -l '"http/server.h"' src/api/*.c src/api/*.h 2>/dev/null | while read -r f; do
    echo "layer rule: $f includes http/server.h (api does not know the HTTP library)"
    exit 1
done || fail=1
for f in $(grep -l '<microhttpd.h>' src/*/*.c src/*/*.h); do
    [ "$f" = src/http/server.c ] || bad "$f includes <microhttpd.h> (only src/http/server.c may)"
done
for f in $(grep -l '<curl/curl.h>' src/*/*.c src/*/*.h); do
    [ "$f" = src/port/client_http.c ] || bad "$f includes <curl/curl.h> (only src/port/client_http.c may)"
done
for f in $(grep -l '<sqlite3.h>' src/*/*.c src/*/*.h); do
    [ "$f" = src/store/sqlite.c ] || bad "$f includes <sqlite3.h> (only src/store/sqlite.c may)"
done
for f in $(grep -l '<libpq-fe.h>' src/*/*.c src/*/*.h); do
    [ "$f" = src/store/pg.c ] || bad "$f includes <libpq-fe.h> (only src/store/pg.c may)"
done
for f in $(grep -l '<jansson.h>' src/core/* src/store/* src/model/* 2>/dev/null); do
    bad "$f includes <jansson.h> (model and store never see JSON)"
done
# the fault hooks (core/fault.h) are armed by tests only: no production code may arm them
for f in $(grep -lE 'fault_arm|fault_disarm' src/*/*.c src/*/*.h); do
    [ "$f" = src/core/fault.c ] || [ "$f" = src/core/fault.h ] ||
        bad "$f arms fault injection (only tests may call fault_arm)"
done
exit $fail
