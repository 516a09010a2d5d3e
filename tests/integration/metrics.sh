#!/bin/bash
# metrics.sh - the MetricsSocket endpoint of a real daemon behind a real
# Postfix, scraped with curl.
#
# A known mix of messages (accepted, rejected, held, deferred for DNS
# trouble, one carrying a forged Authentication-Results field) goes
# through Postfix with swaks; the counters must add up to what the
# senders saw, reply by reply. Then: a scrape stuck on every connection
# the endpoint takes does not hold up mail; reloads are counted, good and
# bad; other paths are 404; a port in use stops a second daemon at
# start-up with a message; without the key there is no endpoint.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "Postfix runs its own master"
command -v curl >/dev/null || bail "no curl (contrib/deps.sh installs it)"

it_workdir

HPORT=$(free_port)
URL="http://127.0.0.1:$HPORT/metrics"
it_dns_start "$top_srcdir/tests/integration/metrics.zone"
it_milter_start "$W/am.conf" "MetricsSocket inet:$HPORT@127.0.0.1"
it_postfix_start

# scrape - the endpoint's text now, in $W/scrape
scrape() { curl -s --max-time 5 "$URL" >"$W/scrape"; }
# metric SERIES - its value in the last scrape ("" when absent)
metric() { awk -v s="$1" '$1 == s { print $2 }' "$W/scrape"; }
# sum_of PREFIX - the sum of the series that start with PREFIX
sum_of() {
	awk -v p="$1" 'index($1, p) == 1 { n += $2 } END { print n + 0 }' "$W/scrape"
}

scrape
is "$?" 0 "curl GET /metrics on a fresh daemon"
is "$(sum_of 'authmilter_messages_total{')" 0 "  no message counted yet"

N=0 ACC=0 REJ=0 HELD=0 TMP=0
# send IP FROM_HEADER MAIL_FROM [EXTRA_HEADER] - one message; REPLY set,
# and the senders' own tally of what happened (delivered or held)
send() {
	N=$((N + 1)); RCPT="u$N"
	{
		echo "From: $2"
		[ -n "${4:-}" ] && echo "$4"
		echo "To: <$RCPT@example.org>"
		echo "Subject: case $N"
		echo "Message-ID: <metrics$N@test.invalid>"
		echo
		echo "Body of case $N."
	} >"$W/m$N.eml"
	pf_send "$W" "$SPORT" "$1" mail.sender.example "$3" "$RCPT@example.org" "$W/m$N.eml"
	REPLY=$(pf_reply)
	case ${REPLY%% *} in
	550) REJ=$((REJ + 1)); return ;;
	451) TMP=$((TMP + 1)); return ;;
	250) ;;
	*) return ;;
	esac
	for _i in $(seq 1 100); do
		if [ "$(pf_delivered_count "$W" "$RCPT")" -gt 0 ]; then
			ACC=$((ACC + 1)); return
		fi
		if pf_queue "$W" | grep -q "^$(pf_queue_id)!"; then
			HELD=$((HELD + 1)); return
		fi
		sleep 0.05
	done
}

send 192.0.2.10 "<alice@reject.example>" alice@reject.example
like "$REPLY" '^250 ' "aligned SPF from a p=reject domain: 250"
send 192.0.2.10 "<bob@reject.example>" bob@reject.example \
    "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=forged.example"
like "$REPLY" '^250 ' "the same with a forged Authentication-Results field: 250"
send 203.0.113.66 "<ceo@reject.example>" ceo@reject.example
like "$REPLY" '^550 ' "spoofed p=reject: 550"
send 203.0.113.66 "<cfo@reject.example>" cfo@reject.example
like "$REPLY" '^550 ' "spoofed p=reject again (answers from the cache): 550"
send 203.0.113.66 "<x@quarantine.example>" x@quarantine.example
like "$REPLY" '^250 ' "spoofed p=quarantine: 250, held"
send 203.0.113.66 "<x@dnserr.example>" x@dnserr.example
like "$REPLY" '^451 ' "DMARC record lookup SERVFAIL: 451"
send 203.0.113.66 "<x@slow.example>" x@slow.example
like "$REPLY" '^451 ' "a From domain whose DNS never answers: 451 (TempfailOnDNSError)"
diag "senders saw: accept=$ACC reject=$REJ held=$HELD tempfail=$TMP of $N"
is "$((ACC + REJ + HELD + TMP))" "$N" "every message was delivered, held, rejected or deferred"

scrape
ok $? "scraped after $N messages"
is "$(metric 'authmilter_messages_total{action="accept"}')" "$ACC" "  accept = delivered ($ACC)"
is "$(metric 'authmilter_messages_total{action="reject"}')" "$REJ" "  reject = 550s ($REJ)"
is "$(metric 'authmilter_messages_total{action="quarantine"}')" "$HELD" "  quarantine = held ($HELD)"
is "$(metric 'authmilter_messages_total{action="tempfail"}')" "$TMP" "  tempfail = 451s ($TMP)"
is "$(sum_of 'authmilter_messages_total{')" "$N" "  the actions add up to the $N messages sent"
is "$(metric authmilter_eom_seconds_count)" "$N" "  the latency histogram counted each once"
is "$(metric 'authmilter_eom_seconds_bucket{le="+Inf"}')" "$N" "  and its +Inf bucket too"
is "$(metric 'authmilter_evaluations_total{evaluation="evaluated"}')" "$N" "  all $N evaluated"
is "$(sum_of 'authmilter_results_total{method="spf",')" "$N" "  one SPF result per message"
is "$(metric 'authmilter_results_total{method="spf",result="pass"}')" 2 "  spf pass: the 2 from 192.0.2.10"
is "$(metric 'authmilter_results_total{method="dkim",result="none"}')" "$N" "  dkim none: nothing was signed"
is "$(metric 'authmilter_results_total{method="dmarc",result="pass"}')" 2 "  dmarc pass: 2"
is "$(metric 'authmilter_results_total{method="dmarc",result="fail"}')" 3 "  dmarc fail: the 3 spoofs"
is "$(metric 'authmilter_results_total{method="dmarc",result="temperror"}')" 2 \
    "  dmarc temperror: SERVFAIL and timeout"
is "$(metric authmilter_forged_ar_removed_total)" 1 "  forged Authentication-Results removed: 1"
Q=$(metric authmilter_dns_queries_total); H=$(metric authmilter_dns_cache_hits_total)
[ "${Q:-0}" -gt 0 ] && [ "${H:-0}" -gt 0 ] && [ "$H" -lt "$Q" ]
ok $? "  DNS: queries=$Q, cache hits=$H (some, fewer than the queries)"
[ "$(metric authmilter_dns_servfail_total)" -ge 1 ]
ok $? "  DNS SERVFAIL counted ($(metric authmilter_dns_servfail_total))"
[ "$(metric authmilter_dns_timeouts_total)" -ge 1 ]
ok $? "  DNS timeouts counted ($(metric authmilter_dns_timeouts_total))"
is "$(metric authmilter_internal_errors_total)" 0 "  no internal error"
grep -q '^authmilter_build_info{version="[0-9.]*"} 1$' "$W/scrape"
ok $? "  build_info carries the version"

# --- the HTTP side -------------------------------------------------------
HDRS=$(curl -s -D - -o /dev/null "$URL" | tr -d '\r')
like "$HDRS" '^HTTP/1\.1 200' "GET /metrics: 200"
like "$HDRS" 'Content-Type: text/plain; version=0\.0\.4' "  Content-Type text/plain; version=0.0.4"
is "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HPORT/")" 404 "GET /: 404"
is "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HPORT/metrics/x")" 404 \
    "GET /metrics/x: 404"
is "$(curl -s -o /dev/null -w '%{http_code}' -d x=1 "$URL")" 405 "POST /metrics: 405"

# Every connection the endpoint takes, held open and silent: mail goes on.
exec {c1}<>"/dev/tcp/127.0.0.1/$HPORT" {c2}<>"/dev/tcp/127.0.0.1/$HPORT" \
    {c3}<>"/dev/tcp/127.0.0.1/$HPORT" {c4}<>"/dev/tcp/127.0.0.1/$HPORT" \
    {c5}<>"/dev/tcp/127.0.0.1/$HPORT" {c6}<>"/dev/tcp/127.0.0.1/$HPORT" \
    {c7}<>"/dev/tcp/127.0.0.1/$HPORT" {c8}<>"/dev/tcp/127.0.0.1/$HPORT" \
    {c9}<>"/dev/tcp/127.0.0.1/$HPORT"
printf 'GET /metrics HTTP/1.1\r\nHost: x\r\n' >&"$c1"   # an unfinished request
T=$(pf__now_ms)
send 192.0.2.10 "<carol@reject.example>" carol@reject.example
T=$(($(pf__now_ms) - T))
like "$REPLY" '^250 ' "with 9 stuck scrapers on the endpoint, mail still gets 250"
[ "$T" -lt 5000 ]
ok $? "  in ${T} ms (no wait on the scrapers)"
exec {c1}>&- {c2}>&- {c3}>&- {c4}>&- {c5}>&- {c6}>&- {c7}>&- {c8}>&- {c9}>&-
scrape
is "$(metric 'authmilter_messages_total{action="accept"}')" "$ACC" \
    "scraped again once they left: the new message is counted (accept=$ACC)"

# --- reloads ---------------------------------------------------------------
kill -HUP "$AM_PID"
for _i in $(seq 1 50); do
	scrape; [ "$(metric 'authmilter_reloads_total{result="ok"}')" = 1 ] && break; sleep 0.1
done
is "$(metric 'authmilter_reloads_total{result="ok"}')" 1 "SIGHUP: reloads_total{result=ok} 1"
cp "$W/am.conf" "$W/am.conf.good"
echo "NoSuchKey 1" >>"$W/am.conf"
kill -HUP "$AM_PID"
for _i in $(seq 1 50); do
	scrape; [ "$(metric 'authmilter_reloads_total{result="failed"}')" = 1 ] && break; sleep 0.1
done
is "$(metric 'authmilter_reloads_total{result="failed"}')" 1 "a file with errors: reloads_total{result=failed} 1"
is "$(metric 'authmilter_reloads_total{result="ok"}')" 1 "  and the ok count stays 1"
NEWP=$(free_port)
sed "s/^MetricsSocket .*/MetricsSocket inet:$NEWP@127.0.0.1/" "$W/am.conf.good" >"$W/am.conf"
kill -HUP "$AM_PID"
for _i in $(seq 1 50); do
	grep -q 'MetricsSocket changed' "$W/authmilter.log" && break; sleep 0.1
done
like "$(am_log "$W")" "MetricsSocket changed to inet:$NEWP@127.0.0.1; it takes effect when authmilter is restarted" \
    "a changed MetricsSocket on reload: the log says a restart is needed"
scrape
is "$(metric 'authmilter_reloads_total{result="ok"}')" 2 "  the old endpoint still answers (reload 2 counted)"

# --- start-up ------------------------------------------------------------
MPORT2=$(free_port)
am_write_conf "$W/am2.conf" "$MPORT2" "$DNSPORT" "MetricsSocket inet:$HPORT@127.0.0.1"
timeout 10 "$AUTHMILTER" -f -c "$W/am2.conf" >"$W/am2.out" 2>&1
RC=$?
[ "$RC" -ne 0 ] && [ "$RC" -ne 124 ]
ok $? "a second daemon on the same MetricsSocket does not start (exit $RC)"
like "$(cat "$W/am2.out")" "cannot listen on MetricsSocket inet:$HPORT@127.0.0.1: Address already in use" \
    "  and says why on stderr"

am_stop
is "$?" 0 "authmilter stops cleanly"
sed '/^MetricsSocket /d' "$W/am.conf.good" >"$W/am.conf"
am_start "$W" "$W/am.conf" "$MPORT" || bail "authmilter did not start without MetricsSocket"
pf_register "$W" "$AM_PID"
curl -s --max-time 5 -o /dev/null "$URL"
is "$?" 7 "without MetricsSocket nothing listens on the port (curl: connection refused)"
am_stop
tap_done
