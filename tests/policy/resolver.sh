#!/bin/sh
# resolver.sh - policy/resolver against a real unbound on loopback.
#
# Starts the fixture server (tests/lib/dns-server.sh) with resolver.zone
# plus one generated record (long.resolver.test: a 2000-byte TXT record of
# eight 250-byte strings, the Nth all of letter a+N), checks that the
# fixture answers as dns-server.sh promises, then runs test_resolver
# against it. Prints TAP: the fixture checks, then test_resolver's cases
# numbered on after them.
: "${top_srcdir:?set by make check}" "${top_builddir:?set by make check}"
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/dns-server.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/resolver.XXXXXX") || bail "no temporary directory"
trap 'dns_server_stop "$work/server"; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

cp "$top_srcdir/tests/policy/resolver.zone" "$work/data"
long=
for c in a b c d e f g h; do
	long="$long \"$(printf '%250s' '' | tr ' ' "$c")\""
done
echo "long.resolver.test. 300 IN TXT$long" >>"$work/data"

# another test may take the port between the check and the start: retry
for try in 1 2 3; do
	port=$(dns_free_port)
	[ -n "$port" ] || bail "no free port on loopback"
	dns_server_start "$work/server" "$port" "$work/data" && break
	[ "$try" -lt 3 ] || bail "the fixture DNS server did not start"
done

# The fixture: what a test relying on it may assume.
is "$(dns_ask "$port" resolver.test A)" "NOERROR 1" "fixture answers its zone"
is "$(dns_ask "$port" nothere.resolver.test A)" "NXDOMAIN 0" \
	"fixture: absent name in a zone is NXDOMAIN"
is "$(dns_ask "$port" spf.resolver.test A)" "NOERROR 0" \
	"fixture: absent type is NODATA"
is "$(dns_ask "$port" example.com A)" "REFUSED 0" \
	"fixture refuses names outside its zones (never recurses)"
is "$(dns_ask "$port" localhost A)" "REFUSED 0" \
	"fixture: unbound's built-in zones are off"
is "$(dns_ask "$port" x.broken.resolver.test A)" "SERVFAIL 0" \
	"fixture: servfail zone answers SERVFAIL"
is "$(dns_ask "$port" x.refused.resolver.test A)" "REFUSED 0" \
	"fixture: refused zone answers REFUSED"
is "$(dns_ask "$port" x.slow.resolver.test A)" "TIMEOUT" \
	"fixture: timeout zone does not answer"

fwd6=
dns_have_ipv6 && fwd6="::1@$port"
# shellcheck disable=SC2086
"$top_builddir/tests/policy/test_resolver" "127.0.0.1@$port" $fwd6 \
	>"$work/c.tap" 2>"$work/c.err"
rc=$?

tap_include test_resolver "$rc" "$work/c.tap" "$work/c.err"
kill -0 "$(cat "$work/server/unbound.child")" 2>/dev/null
ok $? "fixture server still running at the end"
tap_done
