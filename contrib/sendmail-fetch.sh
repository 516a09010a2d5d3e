#!/bin/sh
# sendmail-fetch.sh [DIR] - fetch Debian's Sendmail for the integration
# test (tests/integration/sendmail.sh) and unpack it into DIR/root,
# without installing it: sendmail-bin conflicts with postfix, which the
# other tests need, so dpkg must never see it. Run as root.
#
# DIR defaults to $AUTHMILTER_SENDMAIL_CACHE, else
# /var/cache/authmilter-test/sendmail. An unpacked tree that is complete
# (DIR/root/.complete, written last) is left as it is: a second run asks
# nobody anything. The shared libraries sendmail links with (liblockfile1,
# libwrap0, ...) come from contrib/deps.sh, as ordinary packages.
set -eu

dir=${1:-${AUTHMILTER_SENDMAIL_CACHE:-/var/cache/authmilter-test/sendmail}}
pkgs="sendmail-bin sendmail-cf"

if [ -f "$dir/root/.complete" ]; then
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "sendmail-fetch.sh: run as root (it writes $dir)" >&2
	exit 1
fi

mkdir -p "$dir"
# Two test runs may come here at once; the second waits, then finds the
# tree complete.
exec 9>"$dir/.lock"
flock 9
if [ -f "$dir/root/.complete" ]; then
	exit 0
fi
rm -rf "$dir/debs" "$dir/root.new"
mkdir "$dir/debs" "$dir/root.new"
# apt downloads as user _apt where it can; let it write there.
if id _apt >/dev/null 2>&1; then
	chown _apt "$dir/debs"
fi
# shellcheck disable=SC2086
if ! (cd "$dir/debs" && apt-get download -qq $pkgs >/dev/null 2>&1); then
	# No package lists yet (a fresh machine): read them once, try again.
	apt-get update -qq
	# shellcheck disable=SC2086
	(cd "$dir/debs" && apt-get download -qq $pkgs >/dev/null)
fi
for deb in "$dir"/debs/*.deb; do
	dpkg-deb -x "$deb" "$dir/root.new"
done
for f in usr/libexec/sendmail/sendmail usr/share/sendmail/cf/m4/cf.m4; do
	if [ ! -e "$dir/root.new/$f" ]; then
		echo "sendmail-fetch.sh: $f is not in the packages" >&2
		exit 1
	fi
done
(cd "$dir/debs" && ls) >"$dir/root.new/.complete"
rm -rf "$dir/root"
mv "$dir/root.new" "$dir/root"
echo "sendmail-fetch.sh: Sendmail unpacked in $dir/root"
