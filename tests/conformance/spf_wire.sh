#!/bin/sh
# spf_wire.sh - the RFC 7208 suite through a real DNS server.
#
# spf_suite runs the suite against an in-process zone; this runs every
# scenario again the way the daemon meets DNS: the scenario's zonedata
# served by a real unbound on loopback (tests/lib/dns-server.sh), asked
# through policy/resolver and libunbound. One server per scenario, since
# scenarios reuse names. Every test must give the suite's result here
# too. Prints TAP: per scenario, its zone's start, then its tests.
: "${top_srcdir:?set by make check}" "${top_builddir:?set by make check}"
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/dns-server.sh"

suite=${SPF_WIRE_SUITE:-$top_srcdir/tests/conformance/data/spf/rfc7208-tests.json}
runner=$top_builddir/tests/conformance/spf_suite
work=$(mktemp -d "${TMPDIR:-/tmp}/spf_wire.XXXXXX") || bail "no temporary directory"
trap 'dns_server_stop "$work/server"; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

count=$("$runner" --count "$suite") || bail "cannot read $suite"
passed=0
failed=0

# serve - start the server on scenario $1's zone (another test may take
# the port between the check and the start: retry)
serve() {
	"$runner" --zone "$1" "$suite" >"$work/data" 2>"$work/zone.err" || return 1
	for _try in 1 2 3; do
		port=$(dns_free_port)
		[ -n "$port" ] && dns_server_start "$work/server" "$port" "$work/data" \
			2>>"$work/zone.err" && return 0
	done
	return 1
}

i=0
while [ "$i" -lt "$count" ]; do
	serve "$i"
	rc=$?
	ok $rc "scenario $i: its zone is served by unbound"
	if [ $rc -ne 0 ]; then
		while IFS= read -r l; do diag "  $l"; done <"$work/zone.err"
		failed=$((failed + 1))
		i=$((i + 1))
		continue
	fi
	"$runner" --scenario "$i" --nameserver "127.0.0.1@$port" "$suite" \
		>"$work/c.tap" 2>"$work/c.err"
	rc=$?
	tally=$(sed -n 's/^# .*: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$work/c.tap")
	passed=$((passed + ${tally%% *}))
	failed=$((failed + ${tally##* }))
	# one tally for the whole suite, below, is what contrib/test.sh shows
	sed -i '/^# .*: [0-9]* passed, [0-9]* failed$/d' "$work/c.tap"
	tap_include "scenario $i" "$rc" "$work/c.tap" "$work/c.err"
	dns_server_stop "$work/server"
	i=$((i + 1))
done
diag "rfc7208-tests-wire: $passed passed, $failed failed"
tap_done
