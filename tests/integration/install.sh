#!/bin/bash
# install.sh - `make install` puts the daemon, both manual pages and the
# sample configuration where an admin looks, and they work together.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/lib/tap.sh"

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
tap_done
