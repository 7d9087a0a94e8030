#!/bin/sh
# mkdeb.sh — build the Debian package build/weeekd_<version>_<arch>.deb with dpkg-deb from
# `make install` into a staging tree, plus /etc/weeekd/weeekd.conf (a conffile) and the
# maintainer scripts of dist/debian/. Depends: is computed by dpkg-shlibdeps from the
# binary's shared libraries (plus adduser for the postinst).
# Usage: tools/mkdeb.sh BIN VERSION   (run by `make deb`)
set -eu
bin=$1
version=$2
arch=$(dpkg --print-architecture)
work=build/deb
root=$work/root
out=build/weeekd_${version}_${arch}.deb
rm -rf "$work"
mkdir -p "$root/DEBIAN"
make --no-print-directory -s install BIN="$bin" DESTDIR="$root" PREFIX=/usr \
    SYSTEMDUNITDIR=/lib/systemd/system DOCDIR=/usr/share/doc/weeekd
install -D -m 0640 dist/weeekd.conf "$root/etc/weeekd/weeekd.conf"
install -D -m 0644 LICENSE "$root/usr/share/doc/weeekd/copyright"
gzip -9n "$root/usr/share/man/man1/weeekd.1"
# the debug symbols stay in build/weeekd; the package ships the stripped binary
strip --strip-unneeded "$root/usr/bin/weeekd"
for s in postinst prerm postrm; do
    install -m 0755 "dist/debian/$s" "$root/DEBIAN/$s"
done
echo /etc/weeekd/weeekd.conf >"$root/DEBIAN/conffiles"

# dpkg-shlibdeps wants a debian/control beside it; a minimal one in a scratch directory
mkdir -p "$work/shlibs/debian"
printf 'Source: weeekd\n\nPackage: weeekd\nArchitecture: any\n' >"$work/shlibs/debian/control"
shlibs=$(cd "$work/shlibs" && dpkg-shlibdeps -O "-e../root/usr/bin/weeekd" 2>/dev/null)
depends=${shlibs#shlibs:Depends=}
[ -n "$depends" ] && [ "$depends" != "$shlibs" ] || {
    echo "mkdeb: dpkg-shlibdeps found no dependencies" >&2
    exit 1
}
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<CONTROL
Package: weeekd
Version: $version
Architecture: $arch
Maintainer: weeekd developers <weeekd@localhost>
Installed-Size: $size
Depends: $depends, adduser
Section: net
Priority: optional
Description: self-hosted server for the Weeek Public API v1
 weeekd serves the Weeek Public API v1 (tasks, projects, boards, CRM deals,
 contacts, custom fields, attachments) from SQLite or PostgreSQL, so that
 programs written for Weeek's hosted API work against a server of your own.
 Not affiliated with Weeek.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out"
