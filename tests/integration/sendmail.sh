#!/bin/bash
# sendmail.sh - authmilter behind a real Sendmail (8.17, Debian's binary,
# unpacked by contrib/sendmail-fetch.sh, never installed).
#
# The same cases as the Postfix tests (spf.sh, dmarc.sh), through
# INPUT_MAIL_FILTER with F=T: SPF, DKIM and DMARC pass delivered with our
# Authentication-Results; a p=reject spoof refused with 550 5.7.1; a
# p=quarantine spoof accepted into Sendmail's quarantine (mailq -qQ);
# a forged field with our authserv-id removed; DNS trouble for an aligned
# identity answered with 451; and, authmilter stopped, F=T's 451.
# Clients differ by loopback source address (Sendmail has no XCLIENT);
# the fixture DNS server is a real unbound on loopback, and every packet
# stays there (tests/lib/sendmail.sh says how Sendmail is kept to it).

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"
. "$top_srcdir/tests/lib/sendmail.sh"
. "$top_srcdir/tests/lib/authmilter.sh"

it_need_root "Sendmail runs as root, in namespaces of its own"
[ -x "$AUTHMILTER" ] || bail "no authmilter binary at $AUTHMILTER"
SIGN="$top_builddir/tests/lib/dkimsign"
[ -x "$SIGN" ] || bail "no $SIGN"
sm_fetch || bail "Sendmail could not be fetched or does not run (contrib/sendmail-fetch.sh; contrib/deps.sh installs its libraries)"

W=$(pf_workdir) || bail "cannot create a work directory"
chmod 755 "$W"
sm_cleanup_on_exit "$W"

openssl genrsa -out "$W/rsa.pem" 2048 2>/dev/null || bail "openssl genrsa"
RSA_P=$(openssl rsa -in "$W/rsa.pem" -pubout -outform DER 2>/dev/null | base64 -w0)
{
	cat "$top_srcdir/tests/integration/sendmail.zone"
	dns_dkim_key rsa._domainkey.reject.example. rsa "$RSA_P"
} >"$W/zone"

# The fixture server also on NS:53, for Sendmail's C library lookups.
for try in 1 2 3; do
	NS=$(sm_ns_addr)
	[ -n "$NS" ] || bail "no 127.0.54.x address with port 53 free"
	DNSPORT=$(dns_free_port)
	DNS_LISTEN="127.0.0.1 $NS@53" dns_server_start "$W/dns" "$DNSPORT" "$W/zone" && break
	[ "$try" -lt 3 ] || bail "fixture DNS server did not start"
done
pf_register "$W" "$(cat "$W/dns/unbound.child")"

SPORT=$(free_port)
# Loopback is trusted by default; here it is where the mail comes from.
it_milter_start "$W/am.conf" "TrustedNetworks none"
sm_start "$W" "$SPORT" "$MPORT" "$NS" || bail "private Sendmail did not start"

GOOD=127.0.0.10
SPOOF=127.0.0.66
N=0
# send IP FROM_HEADER MAIL_FROM [SIGN_ARGS] [EXTRA_HEADER] - one message
# to a fresh recipient; sets RCPT, REPLY, QID, MSG (the stored copy or "")
send() {
	N=$((N + 1)); RCPT="u$N"
	{
		[ -n "${5:-}" ] && printf '%s\n' "$5"
		echo "From: $2"
		echo "To: <$RCPT@example.org>"
		echo "Subject: case $N"
		echo "Date: Mon, 07 Dec 2026 10:00:00 +0000"
		echo "Message-ID: <case$N@test.invalid>"
		echo
		echo "Body of case $N."
	} >"$W/m$N.eml"
	if [ -n "${4:-}" ]; then
		# shellcheck disable=SC2086
		"$SIGN" $4 <"$W/m$N.eml" >"$W/s$N.eml" || bail "signing failed"
		mv "$W/s$N.eml" "$W/m$N.eml"
	fi
	sm_send "$W" "$SPORT" "$1" mail.reject.example "$3" "$RCPT@example.org" "$W/m$N.eml"
	REPLY=$(pf_reply "$SM_TRANSCRIPT")
	QID=$(sm_queue_id "$SM_TRANSCRIPT")
	MSG=
}
# delivered - wait for the stored copy of the last message; sets MSG
delivered() {
	sm_wait_delivered "$W" "$RCPT" 1 10 && MSG=$(sm_delivered_message "$W" "$RCPT" 1)
}
ar() { [ -n "$MSG" ] && pf_header "$MSG" Authentication-Results | tr -s ' \t' '  '; }
RSA="-d reject.example -s rsa -k $W/rsa.pem"

send "$GOOD" "<alice@reject.example>" alice@reject.example "$RSA"
like "$REPLY" '^250 2\.0\.0 [0-9A-Za-z]+ Message accepted' "SPF, DKIM and DMARC pass: 250"
delivered
ok $? "  delivered by Sendmail's local mailer"
like "$(ar | head -1)" '^mx\.example\.org; spf=pass smtp\.mailfrom=reject\.example' "  our field on top: spf=pass smtp.mailfrom"
like "$(ar | head -1)" 'dkim=pass header\.d=reject\.example .*header\.a=rsa-sha256' "  dkim=pass header.d=reject.example"
like "$(ar | head -1)" 'dmarc=pass .*header\.from=reject\.example' "  dmarc=pass header.from=reject.example"
is "$(ar | wc -l)" 1 "  exactly one Authentication-Results field"
like "$(am_log "$W" | grep ': client=' | tail -1)" "authmilter\\[info\\]: ${QID:-no-queue-id}: client=127\\.0\\.0\\.10 helo=mail\\.reject\\.example from_domain=reject\\.example .*action=accept" \
    "  log line with Sendmail's queue id ({i}), client address and HELO"

send "$SPOOF" "<ceo@reject.example>" ceo@reject.example
like "$REPLY" '^550 5\.7\.1 Rejected by DMARC policy for reject\.example' "spoofed p=reject mail: 550 5.7.1"
sleep 0.3
is "$(sm_delivered_count "$W" "$RCPT")" 0 "  and not delivered"

send "$SPOOF" "<x@quarantine.example>" x@quarantine.example
like "$REPLY" '^250 2\.0\.0 [0-9A-Za-z]+ Message accepted' "spoofed p=quarantine mail: accepted (250)"
QQ=$(sm_mailq "$W" -qQ)
like "$QQ" "^${QID:-no-queue-id}[ *]" "  in Sendmail's quarantine: mailq -qQ lists $QID"
like "$QQ" 'QUARANTINE: authmilter' "  with the reason authmilter gave"
sleep 0.5
is "$(sm_delivered_count "$W" "$RCPT")" 0 "  and not delivered"
# What README.md tells an operator: release it, and a queue run delivers it.
sm_run "$W" -qQ -Q -qI"$QID" >"$W/release.out" 2>&1
QQ=$(sm_mailq "$W" -qQ); Q=$(sm_mailq "$W")
unlike "$QQ" "^${QID:-no-queue-id}[ *]" "  sendmail -qQ -Q -qI$QID releases it: out of the quarantine"
like "$Q" "^${QID:-no-queue-id}[ *]" "  into the ordinary queue (mailq)"
sm_run "$W" -qI"$QID" >"$W/run.out" 2>&1
delivered
ok $? "  and a queue run delivers it"
like "$(ar | head -1)" 'dmarc=fail \(p=quarantine .*header\.from=quarantine\.example' "  with our field: dmarc=fail (p=quarantine ...)"

send "$GOOD" "<alice@reject.example>" alice@reject.example "" \
    "Authentication-Results: mx.example.org; dmarc=pass header.from=forged.example"
delivered
ok $? "message with a forged Authentication-Results: delivered"
is "$(ar | grep -c 'forged')" 0 "  the forged field claiming our authserv-id removed"
is "$(ar | grep -c '^mx\.example\.org;')" 1 "  exactly one field claims our id"
like "$(ar | head -1)" '^mx\.example\.org; spf=pass .*dmarc=pass .*header\.from=reject\.example' "  and it is ours"

send "$SPOOF" "<x@dnserr.example>" x@dnserr.example
like "$REPLY" '^451 4\.7\.5' "DMARC record lookup SERVFAIL: 451 4.7.5, never a reject or a pass"
sleep 0.3
is "$(sm_delivered_count "$W" "$RCPT")" 0 "  and not delivered"

am_stop
is "$?" 0 "authmilter stops cleanly"
send "$GOOD" "<alice@reject.example>" alice@reject.example
like "$REPLY" '^451 4\.3\.2' "authmilter down: Sendmail tempfails (F=T), accepts nothing unchecked"

if [ "$TAP_FAILED" -gt 0 ]; then
	diag "---- Sendmail traffic log (tail) ----"
	tail -n 60 "$W/sm/traffic.log" 2>/dev/null | while IFS= read -r l; do diag "$l"; done
	diag "---- mailq ----"
	sm_mailq "$W" | while IFS= read -r l; do diag "$l"; done
	diag "---- authmilter log (tail) ----"
	am_log "$W" | tail -n 20 | while IFS= read -r l; do diag "$l"; done
fi
tap_done
