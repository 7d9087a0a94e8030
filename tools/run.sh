#!/bin/sh
# run.sh — what `make run` does after building: make sure the store has the demo
# workspace (made with `init --seed`: two projects, 40 tasks, a CRM funnel with 20 deals),
# print a ready-to-use token (revoking the one an earlier run printed), then serve in the
# foreground.
# Settings: WEEEKD_DB (default sqlite:weeekd.db), WEEEKD_LISTEN (default 127.0.0.1:8080),
# WEEEKD_SEED (default demo, names in Russian; demo-en in English; empty for an empty workspace).
set -eu
bin=${1:-build/weeekd}
db=${WEEEKD_DB:-sqlite:weeekd.db}
listen=${WEEEKD_LISTEN:-127.0.0.1:8080}
ws="Demo workspace"
email="demo@weeekd.local"
label="make run"
seed=${WEEEKD_SEED:-demo}
errf=$(mktemp)
trap 'rm -f "$errf"' EXIT
# the owner gets the demo owner's name (init without --name); an unknown seed stops here
if token=$("$bin" init --db "$db" --workspace "$ws" --email "$email" --seed "$seed" \
    --label "$label" 2>"$errf"); then
    how="created the demo workspace '$ws' (seed $seed) in $db"
elif ! grep -q "already exists" "$errf"; then
    cat "$errf" >&2
    exit 1
else
    # the store already has it: revoke the demo tokens earlier runs issued (the lines of
    # `token list` that are active, the demo user's and end in the label), then issue a
    # fresh one for the same demo user
    "$bin" token list --db "$db" |
        awk -v e=" $email " -v l=" $label" '$2 == "active" && index($0, e) &&
            substr($0, length($0) - length(l) + 1) == l { print $1 }' |
        while read -r id; do "$bin" token revoke --db "$db" "$id" 2>/dev/null || true; done
    token=$("$bin" token create --db "$db" --workspace "$ws" --email "$email" --label "$label")
    how="the demo workspace '$ws' already exists in $db; revoked its earlier demo token and issued a new one"
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
rm -f "$errf"
exec "$bin" serve --db "$db" --listen "$listen"
