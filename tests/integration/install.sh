#!/bin/bash
# install.sh - `make install` puts the daemon, both manual pages and the
# sample configuration where an admin looks, and they work together.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/authmilter-install.XXXXXX") || bail "no work directory"
trap 'rm -rf "$W"' EXIT
env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" install DESTDIR="$W" >"$W/install.out" 2>&1
ok $? "make install DESTDIR=... succeeds"
prefix=$(sed -n 's/^prefix = //p' "$top_builddir/Makefile")
sysconfdir=$(sed -n 's/^sysconfdir = //p' "$top_builddir/Makefile" | sed "s#\${prefix}#$prefix#")
root=$W$prefix
[ -x "$root/sbin/authmilter" ]; ok $? "sbin/authmilter installed"
[ -f "$root/share/man/man8/authmilter.8" ]; ok $? "authmilter(8) installed"
[ -f "$root/share/man/man5/authmilter.conf.5" ]; ok $? "authmilter.conf(5) installed"
[ -f "$W$sysconfdir/authmilter/authmilter.conf" ]; ok $? "sample configuration installed in $sysconfdir/authmilter"
"$root/sbin/authmilter" -n -c "$W$sysconfdir/authmilter/authmilter.conf" >/dev/null 2>&1
ok $? "the installed daemon accepts the installed sample configuration"
out=$(MANWIDTH=80 man -l "$root/share/man/man8/authmilter.8" 2>&1)
like "$out" 'authmilter +- SPF, DKIM and DMARC' "authmilter(8) renders"
[ -x "$root/sbin/authmilter-selfcheck" ]; ok $? "sbin/authmilter-selfcheck installed"
[ -f "$root/share/man/man8/authmilter-selfcheck.8" ]; ok $? "authmilter-selfcheck(8) installed"
# Without --sysconfdir the configuration directory is /etc, whatever the
# prefix: where the documents and the daemon's -c default say it is.
if grep -q -e "--sysconfdir" "$top_builddir/config.status"; then
	ok 0 "# SKIP configured with --sysconfdir"
else
	is "$sysconfdir" /etc "the default sysconfdir is /etc"
fi
like "$("$root/sbin/authmilter" --help 2>&1)" "default FILE: $sysconfdir/authmilter/authmilter.conf" \
    "the daemon's default -c is the installed configuration"

# An admin's configuration survives a second make install and make uninstall.
conf=$W$sysconfdir/authmilter/authmilter.conf
echo "AuthservID admin-edit.example" >>"$conf"
env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" install DESTDIR="$W" >"$W/install2.out" 2>&1
ok $? "make install again succeeds"
grep -q '^AuthservID admin-edit.example' "$conf"; ok $? "make install does not overwrite an existing configuration"
like "$(cat "$W/install2.out")" 'exists: kept as it is' "and says so"
env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" uninstall DESTDIR="$W" >"$W/uninstall.out" 2>&1
ok $? "make uninstall succeeds"
grep -q '^AuthservID admin-edit.example' "$conf"; ok $? "make uninstall keeps an edited configuration"
[ ! -e "$root/sbin/authmilter" ]; ok $? "make uninstall removes the daemon"
rm -f "$conf"
env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" install DESTDIR="$W" >/dev/null 2>&1 &&
env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" uninstall DESTDIR="$W" >/dev/null 2>&1
[ ! -e "$conf" ]; ok $? "make uninstall removes the unedited sample"
tap_done
