#!/bin/sh
# check_layers.sh — the layering of docs/internals/layers.md (GUIDE 3.1), checked on every
# #include of src/ (`make lint`). Two stacks meet in api/, with main/ on top:
#
#     core <- http                     the server knows nothing of the API: it calls a
#                                      dispatch callback that main/ hands it
#     core <- store <- model <- api    api/ also reads http/'s library-neutral parts
#                                      (request.h, query.h, multipart.h)
#     port  above api and http: export and import (the only HTTP client, libcurl)
#     main  on top: wires the server to the router and the store
#
# Each layer may include the layers listed for it below and nothing else; each library
# header has one owner. Include circles inside a layer: tools/check_includes.sh.
set -u
fail=0
bad() {
    echo "layer rule: $*"
    fail=1
}

# layer: the project directories its files may include ("DIR/NAME.h")
allowed() {
    case $1 in
    core) echo "core" ;;
    http) echo "core http" ;;
    store) echo "core store" ;;
    model) echo "core store model" ;;
    api) echo "core http store model api" ;;
    port) echo "core http store model api port" ;;
    main) echo "core http store model api port main" ;;
    *) echo "" ;;
    esac
}

for dir in src/*/; do
    layer=$(basename "$dir")
    ok=$(allowed "$layer")
    [ -n "$ok" ] || bad "src/$layer/ is not a known layer (add it to tools/check_layers.sh and docs/internals/layers.md)"
    for f in $(find "$dir" -name '*.[ch]' | sort); do
        for dep in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/[^"]*".*/\1/p' "$f" | sort -u); do
            case " $ok " in
            *" $dep "*) ;;
            *) bad "$f includes $dep/ (src/$layer/ may include only: $ok)" ;;
            esac
        done
    done
done

# api/ reads requests, never drives the server
for f in $(grep -rl '"http/server.h"' src/api 2>/dev/null); do
    bad "$f includes http/server.h (api does not know the HTTP library; main wires it)"
done

# one owner per library header
owner() { # $1 header, $2 the one file that may include it
    for f in $(grep -rl "#include <$1>" src); do
        [ "$f" = "$2" ] || bad "$f includes <$1> (only $2 may)"
    done
}
owner microhttpd.h src/http/server.c
owner sqlite3.h src/store/sqlite.c
owner libpq-fe.h src/store/pg.c
owner curl/curl.h src/port/client_http.c
owner unicase.h src/core/fold.c
owner uninorm.h src/core/fold.c
for f in $(grep -rl '<jansson.h>' src); do
    case $f in
    src/api/* | src/port/*) ;;
    *) bad "$f includes <jansson.h> (JSON lives in api/ and port/ only: model and store never see it)" ;;
    esac
done

# the fault hooks (core/fault.h) are armed by tests only: no production code may arm them
for f in $(grep -rlE 'fault_arm|fault_disarm' src); do
    [ "$f" = src/core/fault.c ] || [ "$f" = src/core/fault.h ] ||
        bad "$f arms fault injection (only tests may call fault_arm)"
done
exit $fail
