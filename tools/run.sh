#!/bin/sh
# run.sh — what `make run` does after building: make sure the store has the demo
# workspace, print a ready-to-use token, then serve in the foreground.
# Settings: WEEEKD_DB (default sqlite:weeekd.db), WEEEKD_LISTEN (default 127.0.0.1:8080).
set -eu
bin=${1:-build/weeekd}
db=${WEEEKD_DB:-sqlite:weeekd.db}
listen=${WEEEKD_LISTEN:-127.0.0.1:8080}
ws="Demo workspace"
email="demo@weeekd.local"
if token=$("$bin" init --db "$db" --workspace "$ws" --email "$email" --name "Demo User" 2>/dev/null); then
    how="created the demo workspace '$ws' in $db"
else
    # the store already has it: issue a fresh token for the same demo user
    token=$("$bin" token create --db "$db" --workspace "$ws" --email "$email" --label "make run")
    how="the demo workspace '$ws' already exists in $db; issued a new token"
fi
host=${listen%:*}
port=${listen##*:}
[ "$host" = "0.0.0.0" ] || [ -z "$host" ] && host=127.0.0.1
cat <<MSG

weeekd: $how.
API token (keep it; only its hash is stored):

    $token

Open the web interface (the token signs you in and leaves the address bar):

    http://$host:$port/#token=$token

Or try the API:
    curl -H "Authorization: Bearer $token" http://$host:$port/public/v1/user/me

Serving on $listen — Ctrl-C stops.

MSG
exec "$bin" serve --db "$db" --listen "$listen"
