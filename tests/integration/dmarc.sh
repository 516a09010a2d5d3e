#!/bin/bash
# dmarc.sh - DKIM, DMARC and their enforcement through a real Postfix.
#
# Keys are made at test time (RSA-2048, Ed25519) and published in the
# fixture zones served by a real unbound; mail is signed with
# tests/lib/dkimsign and sent with swaks from its own XCLIENT address
# (documentation ranges: data only, packets stay on loopback). Each case
# checks what swaks saw (250 / 550 / 451), what was delivered or held,
# and the Authentication-Results field; then ReportOnly, the quarantine
# header and a local override are switched on by SIGHUP reload.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "Postfix runs its own master"
SIGN="$top_builddir/tests/lib/dkimsign"
[ -x "$SIGN" ] || bail "no $SIGN"

it_workdir

openssl genrsa -out "$W/rsa.pem" 2048 2>/dev/null || bail "openssl genrsa"
openssl genpkey -algorithm ed25519 -out "$W/ed.pem" 2>/dev/null || bail "openssl ed25519"
RSA_P=$(openssl rsa -in "$W/rsa.pem" -pubout -outform DER 2>/dev/null | base64 -w0)
ED_P=$(openssl pkey -in "$W/ed.pem" -pubout -outform DER | tail -c 32 | base64 -w0)
{
	cat "$top_srcdir/tests/integration/dmarc.zone"
	dns_dkim_key rsa._domainkey.reject.example. rsa "$RSA_P"
	dns_dkim_key ed._domainkey.reject.example. ed25519 "$ED_P"
	dns_dkim_key rsa._domainkey.quarantine.example. rsa "$RSA_P"
} >"$W/zone"

it_dns_start "$W/zone"
BASE="TrustedForwarders 198.51.100.0/24"
it_milter_start "$W/am.conf" "$BASE"
it_postfix_start

N=0
# send IP FROM_HEADER MAIL_FROM [SIGN_ARGS] [TAMPER] - one message; sets
# RCPT, REPLY, MSG (delivered file or "")
send() {
	N=$((N + 1)); RCPT="u$N"
	{
		[ -n "$2" ] && echo "From: $2"
		echo "To: <$RCPT@example.org>"
		echo "Subject: case $N"
		echo "Message-ID: <case$N@test.invalid>"
		echo
		echo "Body of case $N."
	} >"$W/m$N.eml"
	if [ -n "${4:-}" ]; then
		# shellcheck disable=SC2086
		"$SIGN" $4 <"$W/m$N.eml" >"$W/s$N.eml" || bail "signing failed"
		mv "$W/s$N.eml" "$W/m$N.eml"
	fi
	[ -n "${5:-}" ] && sed -i "s/^Body of case/$5 case/" "$W/m$N.eml"
	pf_send "$W" "$SPORT" "$1" mail.sender.example "$3" "$RCPT@example.org" "$W/m$N.eml"
	REPLY=$(pf_reply)
	MSG=
	[ "${REPLY%% *}" = 250 ] || return 0
	# Delivered, or held (postqueue marks it "!"): whichever comes first.
	for _i in $(seq 1 100); do
		if [ "$(pf_delivered_count "$W" "$RCPT")" -gt 0 ]; then
			MSG=$(pf_delivered_message "$W" "$RCPT" 1)
			return 0
		fi
		pf_queue "$W" | grep -q "^$(pf_queue_id)!" && return 0
		sleep 0.05
	done
}
ar() { [ -n "$MSG" ] && pf_header "$MSG" Authentication-Results | tr -s ' \t' '  ' | head -1; }
RSA="-d reject.example -s rsa -k $W/rsa.pem"
ED="-d reject.example -s ed -k $W/ed.pem -a ed25519"

send 192.0.2.10 "<alice@reject.example>" alice@reject.example
like "$REPLY" '^250 ' "SPF-aligned mail from a p=reject domain: 250"
like "$(ar)" 'dmarc=pass .*header\.from=reject\.example' "  and dmarc=pass"

send 203.0.113.66 "<ceo@reject.example>" ceo@reject.example
like "$REPLY" '^550 5\.7\.1 Rejected by DMARC policy for reject\.example' "spoofed p=reject mail: 550 5.7.1"
is "$(pf_delivered_count "$W" "$RCPT")" 0 "  and not delivered"

send 203.0.113.66 "<alice@reject.example>" bounce@elsewhere.example "$RSA"
like "$REPLY" '^250 ' "RSA-signed (aligned DKIM, unaligned SPF): 250"
like "$(ar)" 'dkim=pass header\.d=reject\.example .*header\.a=rsa-sha256' "  dkim=pass with header.d and header.a"
like "$(ar)" 'dmarc=pass' "  dmarc=pass by DKIM"

send 203.0.113.66 "<alice@reject.example>" bounce@elsewhere.example "$ED"
like "$(ar)" 'dkim=pass header\.d=reject\.example .*header\.a=ed25519-sha256' "Ed25519-signed (RFC 8463): dkim=pass"

send 203.0.113.66 "<alice@reject.example>" bounce@elsewhere.example "$RSA" "Tampered"
like "$REPLY" '^550 5\.7\.1' "signed, body changed in transit, SPF unaligned: 550"

send 203.0.113.66 "<ceo@sub.reject.example>" ceo@sub.reject.example
like "$REPLY" '^250 ' "spoofed subdomain (sp=quarantine, found by the tree walk): accepted for hold"
like "$(pf_queue "$W")" '!' "  and held in Postfix's hold queue"
is "$(pf_delivered_count "$W" "$RCPT")" 0 "  not delivered"

send 203.0.113.66 "<x@quarantine.example>" x@quarantine.example
like "$(pf_queue "$W")" "$(pf_queue_id)!" "spoofed p=quarantine mail: held (postqueue shows it with !)"

send 203.0.113.66 "<x@testing.example>" x@testing.example
like "$(pf_queue "$W")" "$(pf_queue_id)!" "p=reject with t=y: one step softer, held not rejected"

send 203.0.113.66 "<x@none.example>" x@none.example
like "$REPLY" '^250 ' "spoofed p=none mail: 250"
like "$(ar)" 'dmarc=fail \(p=none sp=none dis=none\) header\.from=none\.example' "  delivered with dmarc=fail (p=none ... dis=none)"

send 203.0.113.66 "<x@dnserr.example>" x@dnserr.example
like "$REPLY" '^451 4\.7\.5' "DMARC record lookup SERVFAIL: 451 4.7.5, never a reject or a pass"

send 203.0.113.66 "<x@nodmarc.example>" x@nodmarc.example
like "$(ar)" 'dmarc=none' "no DMARC record: delivered with dmarc=none"

send 203.0.113.66 "<a@none.example>, <b@reject.example>" x@none.example
like "$REPLY" '^550 5\.7\.1 Message has more than one From domain' "CVE-2019-16378: From with two domains: 550"

send 203.0.113.66 "" x@reject.example
like "$REPLY" '^550 5\.7\.1 Message has no valid From field' "no From field: 550"

send 203.0.113.66 "<undisclosed:;>" x@reject.example
like "$REPLY" '^550 5\.7\.1 Message has no valid From field' "CVE-2021-34555: From with no mailbox: 550, not a crash"

send 198.51.100.7 "<ceo@reject.example>" ceo@reject.example
like "$REPLY" '^250 ' "spoofed mail via a TrustedForwarder: 250"
like "$(ar)" 'dmarc=fail \(p=reject sp=quarantine dis=none; allowed: trusted forwarder' "  the allowance is in our field: p= the wish, dis= what was done"
like "$(am_log "$W" | tail -1)" 'dmarc=fail header_from=reject\.example policy=reject dis=reject .*action=accept would=accept note="allowed: trusted forwarder' "  and in the log line"

# Local policy switched by reload.
reload() {
	am_write_conf "$W/am.conf" "$MPORT" "$DNSPORT" "$1"
	kill -HUP "$AM_PID"
	sleep 0.5
}
reload "ReportOnly yes"
send 203.0.113.66 "<ceo@reject.example>" ceo@reject.example
like "$REPLY" '^250 ' "ReportOnly: spoofed p=reject mail delivered"
like "$(am_log "$W" | tail -1)" 'action=accept would=reject note="report-only: would reject"' "  the log says what would have happened"
like "$(ar)" 'dmarc=fail \(p=reject sp=quarantine dis=none; report-only: would reject\)' "  our field: p=reject asked, dis=none done, and why"

reload "QuarantineAction header"
send 203.0.113.66 "<x@quarantine.example>" x@quarantine.example
like "$REPLY" '^250 ' "QuarantineAction header: delivered"
[ -n "$MSG" ] && pf_header "$MSG" X-Authmilter-Quarantine | grep -q .
ok $? "  with X-Authmilter-Quarantine"

printf 'none.example reject\n' >"$W/overrides"
reload "PolicyOverrides $W/overrides"
send 203.0.113.66 "<x@none.example>" x@none.example
like "$REPLY" '^550 5\.7\.1 Rejected by DMARC policy for none\.example' "PolicyOverrides none.example reject: spoofed p=none mail now 550"

reload "ExemptDomains reject.example"
send 203.0.113.66 "<ceo@reject.example>" ceo@reject.example
like "$REPLY" '^250 ' "ExemptDomains: spoofed mail of an exempt domain delivered"
like "$(ar)" 'allowed: exempt domain reject\.example' "  the exemption is in our field"

sed -i 's/^LogLevel .*/LogLevel debug/' "$W/am.conf"
kill -HUP "$AM_PID"
sleep 0.5
send 203.0.113.66 "<alice@reject.example>" bounce@elsewhere.example "$RSA"
like "$(am_log "$W" | grep 'dkim #1' | tail -1)" 'dkim #1 d=reject\.example s=rsa a=rsa-sha256 key_bits=2048 result=pass reason=""' \
    "LogLevel debug: each DKIM signature with d=, s=, a=, key size and result"
like "$(am_log "$W" | grep 'dmarc header_from=reject' | tail -1)" 'result=pass record=_dmarc\.reject\.example found=from-domain .*dkim_aligned=1' \
    "LogLevel debug: the DMARC record, where it was found, what aligned"

am_stop
is "$?" 0 "authmilter stops cleanly"
tap_done
