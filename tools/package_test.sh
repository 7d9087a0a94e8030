#!/bin/sh
# package_test.sh — what CI checks of the Debian package (issue 15), as root on the CI
# machine: `make deb` builds it; `dpkg -i` installs it; the weeekd user, /var/lib/weeekd,
# /etc/weeekd/weeekd.conf and the unit are there; the installed binary, run as the weeekd
# user (no systemd in CI: runuser and setpriv), creates its store in /var/lib/weeekd from the
# packaged configuration, serves /healthz, /readyz and the API, and tells a notify socket
# it is ready; `dpkg --purge` removes it all. One "ok"/"FAIL" line per check, then
# "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; }
check() { # check NAME CMD...
    name=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$name"; else bad "$name"; fi
}
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
    exit $?
}

if dpkg-query -W -f='${Status}' weeekd 2>/dev/null | grep -q "install ok installed"; then
    bad "weeekd is already installed on this machine; not touching it"
    finish
fi
tmp=$(mktemp -d /tmp/weeekd-pkg.XXXXXX)
chmod 755 "$tmp"
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null
    dpkg --purge weeekd >/dev/null 2>&1
    rm -rf "$tmp"
}
trap 'cleanup; exit 130' INT TERM PIPE HUP

# the build variants: `make` is the hardened release build without -Werror; the debug and
# ASan builds (make test, CI) keep -Werror
flags() { make --no-print-directory -n -B V=1 "BUILD=$1" "build/$1/obj/core/str.o" 2>/dev/null | grep -e " -c -o "; }
has_all() { # has_all "COMMAND LINE" FLAG...
    line=" $1 "
    shift
    for x in "$@"; do
        case $line in *" $x "*) ;; *) return 1 ;; esac
    done
}
release=$(flags release)
if has_all "$release" -O2 -D_FORTIFY_SOURCE=2 -fstack-protector-strong \
    -fstack-clash-protection -fPIE && ! has_all "$release" -Werror; then
    ok "release build: -O2, fortify, stack protector, PIE, no -Werror"
else
    bad "release build flags: $release"
fi
if has_all "$(flags debug)" -Werror && has_all "$(flags asan)" -Werror -fsanitize=address,undefined; then
    ok "debug and asan builds keep -Werror"
else
    bad "debug/asan flags: $(flags debug) / $(flags asan)"
fi

# make install honours PREFIX and DESTDIR
stage=$tmp/stage
if make --no-print-directory -s install DESTDIR="$stage" PREFIX=/opt/wk >"$tmp/install.log" 2>&1 &&
    [ -x "$stage/opt/wk/bin/weeekd" ] && [ -f "$stage/opt/wk/share/man/man1/weeekd.1" ] &&
    [ -f "$stage/opt/wk/share/doc/weeekd/weeekd.conf.example" ] &&
    grep -qx "ExecStart=/opt/wk/bin/weeekd serve" "$stage/opt/wk/lib/systemd/system/weeekd.service" &&
    [ "$(find "$stage" -type f | wc -l)" -eq 4 ]; then
    ok "make install DESTDIR=… PREFIX=/opt/wk"
else
    bad "make install: $(cat "$tmp/install.log"; find "$stage")"
fi

deb=$(make --no-print-directory -s deb 2>"$tmp/make.log" | tail -1)
arch=$(dpkg --print-architecture)
version=$(cat VERSION)
if [ "$deb" = "build/weeekd_${version}_${arch}.deb" ] && [ -f "$deb" ]; then
    ok "make deb built $deb"
else
    bad "make deb: '$deb'"
    cat "$tmp/make.log"
    finish
fi
depends=$(dpkg-deb -f "$deb" Depends)
case "$depends" in
*libmicrohttpd12*libpq5*libsqlite3-0*) ok "Depends from the shared libraries: $depends" ;;
*) bad "Depends lacks a shared library: $depends" ;;
esac
if dpkg -i "$deb" >"$tmp/dpkg.log" 2>&1; then ok "dpkg -i"; else
    bad "dpkg -i"
    cat "$tmp/dpkg.log"
    cleanup
    finish
fi
check "/usr/bin/weeekd runs" /usr/bin/weeekd --version
check "the installed binary is PIE with full RELRO and fortified calls" sh -c \
    'readelf -d /usr/bin/weeekd | grep -q "Flags: NOW PIE" &&
     readelf -lW /usr/bin/weeekd | grep -q GNU_RELRO &&
     nm -D /usr/bin/weeekd | grep -q "__.*_chk"'
check "weeekd system user" sh -c 'getent passwd weeekd | grep -q ":/var/lib/weeekd:"'
check "/var/lib/weeekd belongs to weeekd" sh -c '[ "$(stat -c %U:%a /var/lib/weeekd)" = weeekd:750 ]'
check "/etc/weeekd/weeekd.conf is root:weeekd 0640" \
    sh -c '[ "$(stat -c %U:%G:%a /etc/weeekd/weeekd.conf)" = root:weeekd:640 ]'
check "the unit is installed and hardened" sh -c \
    'u=/lib/systemd/system/weeekd.service; grep -q "^ExecStart=/usr/bin/weeekd serve$" $u &&
     grep -q "^Type=notify$" $u && grep -q "^User=weeekd$" $u &&
     grep -q "^ProtectSystem=strict$" $u && grep -q "^NoNewPrivileges=yes$" $u &&
     grep -q "^ReadWritePaths=/var/lib/weeekd$" $u && grep -q "^Restart=on-failure$" $u'
if command -v systemd-analyze >/dev/null 2>&1; then
    check "systemd-analyze verify" systemd-analyze verify /lib/systemd/system/weeekd.service
fi
check "the man page is installed" test -f /usr/share/man/man1/weeekd.1.gz
check "serve without a store names weeekd init" sh -c \
    'runuser -u weeekd -- weeekd serve 2>&1 | grep -q "weeekd init"'

# the store from the packaged configuration (db = sqlite:/var/lib/weeekd/weeekd.db)
token=$(runuser -u weeekd -- weeekd init --workspace "CI package" --email ci@package.test 2>"$tmp/init.err")
if [ -n "$token" ] && [ "$(stat -c %U /var/lib/weeekd/weeekd.db 2>/dev/null)" = weeekd ]; then
    ok "weeekd init as the weeekd user created /var/lib/weeekd/weeekd.db"
else
    bad "weeekd init: $(cat "$tmp/init.err")"
fi
# serve as the weeekd user on a free port, with a notify socket as systemd would give
/usr/bin/python3 - "$tmp/notify.sock" >"$tmp/notify.out" 2>&1 <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o777)
s.settimeout(30)
print(s.recv(4096).decode().split("\n")[0], flush=True)
PY
npid=$!
for _ in $(seq 50); do [ -S "$tmp/notify.sock" ] && break; sleep 0.1; done
# setpriv execs weeekd in place (runuser would stay as its parent), so $! is weeekd's pid
setpriv --reuid=weeekd --regid=weeekd --init-groups env WEEEKD_LISTEN=127.0.0.1:0 \
    NOTIFY_SOCKET="$tmp/notify.sock" weeekd serve --log-format json \
    >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/serve.out")
    [ -n "$port" ] && break
    sleep 0.1
done
if [ -n "$port" ]; then ok "weeekd serve listens on 127.0.0.1:$port"; else
    bad "weeekd serve did not start: $(cat "$tmp/serve.err")"
fi
check "GET /healthz" sh -c "curl -sf http://127.0.0.1:$port/healthz | grep -q '\"status\":\"ok\"'"
check "GET /readyz" sh -c "curl -sf http://127.0.0.1:$port/readyz | grep -q '\"ready\"'"
check "the API answers the token" \
    curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/public/v1/ws"
check "GET /metrics" sh -c "curl -sf http://127.0.0.1:$port/metrics | grep -q '^weeekd_build_info'"
wait "$npid"
check "READY=1 on the notify socket" grep -qx "READY=1" "$tmp/notify.out"
kill "$pid"
wait "$pid"
rc=$?
pid=""
[ "$rc" -eq 0 ] && ok "SIGTERM stops it with 0" || bad "exit $rc on SIGTERM"
check "the log is JSON lines" /usr/bin/python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert lines and all(json.loads(l)["level"] for l in lines)' "$tmp/serve.err"

if dpkg --purge weeekd >"$tmp/purge.log" 2>&1; then ok "dpkg --purge"; else bad "dpkg --purge"; fi
check "purge removed the binary, the configuration and the store" \
    sh -c '! test -e /usr/bin/weeekd && ! test -e /etc/weeekd && ! test -e /var/lib/weeekd'
rm -rf "$tmp"
finish
