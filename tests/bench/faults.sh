#!/bin/bash
# faults.sh - DNS faults while authmilter is loaded. The fixture DNS
# server (a real unbound) answers SERVFAIL for some zones, drops the
# queries of others (timeouts) and sends answers too big for UDP for a
# third kind (truncated: the resolver must go over TCP), while milterload
# keeps 16 connections busy with ordinary mail as well.
#
# What must hold: no message of a faulty zone gets a fail (a DNS error is
# never evidence of forgery); each gets the configured answer (451 with
# TempfailOnDNSError yes, delivery with a temperror record with no);
# truncated answers still give the right verdict; no message waits much
# longer than the DNS timeout allows; the daemon neither crashes nor
# grows threads.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

LOAD="$top_builddir/tests/bench/milterload"
[ -x "$LOAD" ] || bail "no $LOAD"
W=$(mktemp -d /tmp/authmilter-faults.XXXXXX) || bail "mktemp"
cleanup() {
	am_stop >/dev/null 2>&1
	dns_server_stop "$W/dns" >/dev/null 2>&1
	[ -n "${KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT

python3 "$top_srcdir/tests/bench/mkcorpus.py" --out "$W/corpus" --small --faults \
	--messages 400 --signer "$top_builddir/tests/lib/dkimsign" \
	>"$W/mkcorpus.log" 2>&1 || { sed 's/^/# /' "$W/mkcorpus.log"; bail "mkcorpus failed"; }
MPORT=$(free_port)
it_dns_start "$W/corpus/zone"

# DNSTimeout 1: the bound below is in units of it.
TIMEOUT=1
am_write_conf "$W/am.conf" "$MPORT" "$DNSPORT" "DNSTimeout $TIMEOUT"
sed -i '/^DNSTimeout 2$/d' "$W/am.conf"
am_start "$W" "$W/am.conf" "$MPORT" || bail "authmilter did not start"
# The port answers as soon as it listens, before the daemon has started
# its threads (once seen as 1): the baseline is the count once it has
# held still for a second, at most 10 s.
threads_now() { awk '/^Threads:/ { print $2 }' "/proc/$AM_PID/status"; }
threads_before=$(threads_now) still=0
for _i in $(seq 1 50); do
	sleep 0.2
	t=$(threads_now)
	if [ "$t" = "$threads_before" ]; then
		still=$((still + 1))
		[ "$still" -ge 5 ] && break
	else
		threads_before=$t still=0
	fi
done

# run NAME [milterload options] - one pass over the corpus; sets OUT, RES
run() {
	local name=$1
	shift
	"$LOAD" -c 16 -t 60 -r "$W/$name.res" "$@" -s "inet:$MPORT@127.0.0.1" \
		"$W/corpus" >"$W/$name.out" 2>"$W/$name.err"
	RC=$?
	OUT=$(cat "$W/$name.out")
	RES="$W/$name.res"
	sed 's/^/# /' "$W/$name.out" | grep -v '^# case:'
}

# verdicts CASE - the distinct verdicts of CASE in RES
verdicts() {
	awk -v c="$1" '$2 == c { print $4 }' "$RES" | sort -u | tr '\n' ' ' | sed 's/ $//'
}

# count CASE - how many messages of CASE
count() {
	awk -v c="$1" '$2 == c { n++ } END { print n + 0 }' "$RES"
}

# maxlat CASE - the slowest message of CASE, in whole milliseconds
maxlat() {
	awk -v c="$1" '$2 == c && $5 > m { m = $5 } END { printf "%d\n", m }' "$RES"
}

run tempfail -k
is "$RC" 0 "TempfailOnDNSError yes: every verdict as the corpus expects, no error"
for c in dnsfault-servfail dnsfault-timeout dnsfault-truncated; do
	ok "$([ "$(count $c)" -gt 0 ]; echo $?)" "$c: the corpus has $(count $c) such messages"
done
is "$(verdicts dnsfault-servfail)" tempfail "SERVFAIL on the DMARC lookup of a p=reject domain: 451, never a reject"
is "$(verdicts dnsfault-timeout)" tempfail "DMARC lookup timing out: 451, never a reject"
is "$(verdicts dnsfault-truncated)" accept "truncated UDP answers (TCP retry): the message is judged as usual"
unlike "$(grep ' dnsfault-' "$RES")" '(spf|dkim|dmarc)=fail' \
	"no fail in any field written for a message of a faulty zone"
like "$(grep ' dnsfault-truncated ' "$RES" | head -1)" 'spf=pass' "  and SPF over TCP still passes"
# A message asks at most a handful of names in a faulty zone one after
# the other (SPF record, DMARC record, DKIM keys); each waits DNSTimeout.
bound=$((6 * TIMEOUT * 1000 + 2000))
ok "$([ "$(maxlat dnsfault-timeout)" -le "$bound" ]; echo $?)" \
	"the slowest timed-out message took $(maxlat dnsfault-timeout) ms, under $bound ms"
is "$(verdicts legit-spf)" accept "ordinary mail in the same load is unaffected"

# The configured accept: deliver with a temperror record instead.
sed -i '$a TempfailOnDNSError no' "$W/am.conf"
kill -HUP "$AM_PID"
for _i in $(seq 1 50); do grep -q 'reloaded' "$W/authmilter.log" && break; sleep 0.1; done
run accept
is "$RC" 0 "TempfailOnDNSError no: no error"
is "$(verdicts dnsfault-servfail)" accept "  SERVFAIL: accepted"
is "$(verdicts dnsfault-timeout)" accept "  timeout: accepted"
like "$(grep ' dnsfault-servfail ' "$RES" | head -1)" 'dmarc=temperror' "  with dmarc=temperror recorded"
unlike "$(grep ' dnsfault-' "$RES")" '(spf|dkim|dmarc)=fail' "  and no fail"

kill -0 "$AM_PID" 2>/dev/null
ok $? "authmilter is still running"
sleep 1
threads_after=$(threads_now)
diag "threads: $threads_before before the load, $threads_after after"
ok "$([ "$threads_after" -le $((threads_before + 2)) ]; echo $?)" "no thread left behind by the load"
am_stop
is "$?" 0 "authmilter stops cleanly"
unlike "$(am_log "$W")" "internal error|ERROR: AddressSanitizer|runtime error" \
	"no internal error and no sanitizer report in its log"
tap_done
