#!/bin/sh
# deps.sh - install what authmilter needs to build, test and run its demo
# on Debian 12. Run as root (or with sudo). Installing the postfix and
# unbound packages must not start their system services or write a
# system Postfix configuration: the demo and the tests run private
# instances on loopback ports, never on port 25.
#
#   deps.sh            the packages to build, test and run the demo, and
#                      Sendmail unpacked for its test (sendmail-fetch.sh)
#   deps.sh --bench    also the peers `make bench` measures authmilter
#                      against (opendkim, opendmarc, rspamd) and perf; the
#                      benchmark runs them from a temporary directory, so
#                      their system services stay stopped here too
set -eu

PACKAGES="build-essential autoconf automake libtool pkg-config
 libmilter-dev libunbound-dev libevent-dev libssl-dev libopendkim-dev
 libpsl-dev publicsuffix libjansson-dev libidn2-dev libunistring-dev
 libmicrohttpd-dev libsystemd-dev
 postfix unbound swaks curl clang python3 python3-jsonschema groff-base man-db
 m4 liblockfile1 libwrap0
 debhelper dpkg-dev lintian systemd adduser"

BENCH_PACKAGES="opendkim opendmarc rspamd linux-perf"

case "${1:-}" in
'') ;;
--bench) PACKAGES="$PACKAGES $BENCH_PACKAGES" ;;
*)
	echo "usage: deps.sh [--bench]" >&2
	exit 2 ;;
esac

if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: run as root (sudo $0)" >&2
	exit 1
fi

missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Sendmail for tests/integration/sendmail.sh: unpacked under
# /var/cache/authmilter-test, never installed (sendmail-bin conflicts with
# postfix); its libraries and m4 are in PACKAGES.
sendmail_fetch() {
	"$(dirname "$0")/sendmail-fetch.sh"
}

if [ -z "$missing" ]; then
	echo "deps.sh: all packages present"
	sendmail_fetch
	exit 0
fi

# No service start during the install (a Debian policy-rc.d that exits
# 101 says "not now"); an existing policy-rc.d is left as it is.
created_policy=
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
	chmod 755 /usr/sbin/policy-rc.d
	created_policy=yes
fi
trap '[ -n "$created_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT

# "No configuration": the package installs but writes no main.cf.
echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
export DEBIAN_FRONTEND=noninteractive
echo "deps.sh: installing:$missing"
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
sendmail_fetch
echo "deps.sh: done"
