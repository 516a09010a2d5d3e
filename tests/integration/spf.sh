#!/bin/bash
# spf.sh - SPF and Authentication-Results through a real Postfix.
#
# A real unbound on loopback serves tests/integration/spf.zone; authmilter
# asks it; a private Postfix has smtpd_milters at authmilter; swaks sends
# one message per case, each from its own XCLIENT address (documentation
# ranges, data only: every packet goes to 127.0.0.1). Each case checks the
# SMTP reply and the Authentication-Results fields of the delivered copy.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "Postfix runs its own master"
[ -x "$AUTHMILTER" ] || bail "no authmilter binary at $AUTHMILTER"

it_workdir
it_dns_start "$top_srcdir/tests/integration/spf.zone"
it_milter_start "$W/authmilter.conf" "TrustedNetworks 127.0.0.0/8, ::1, 203.0.113.0/24"
it_postfix_start "inet_protocols = all"

N=0
# send IP HELO FROM [EXTRA_HEADERS] - one message to a fresh recipient;
# sets RCPT, REPLY, and MSG (the delivered file, if any)
send() {
	N=$((N + 1))
	RCPT="user$N"
	{
		echo "From: <someone@example.net>"
		echo "To: <$RCPT@example.org>"
		echo "Subject: case $N"
		echo "Message-ID: <case$N@test.invalid>"
		[ -n "${4:-}" ] && printf '%s\n' "$4"
		echo
		echo "Body of case $N."
	} >"$W/msg$N.eml"
	pf_send "$W" "$SPORT" "$1" "$2" "$3" "$RCPT@example.org" "$W/msg$N.eml"
	REPLY=$(pf_reply)
	MSG=
	if pf_wait_delivered "$W" "$RCPT" 1 10; then
		MSG=$(pf_delivered_message "$W" "$RCPT" 1)
	fi
}

# ar - the delivered message's Authentication-Results values, one a line,
# folding whitespace squeezed to one space
ar() {
	[ -n "$MSG" ] && pf_header "$MSG" Authentication-Results | tr -s ' \t' '  '
}

# expect_spf DESCRIPTION RESULT DOMAIN - delivered, ours on top, result right
expect_spf() {
	like "$REPLY" '^250 ' "$1: accepted (250)"
	like "$(ar | head -1)" "^mx\\.example\\.org; spf=$2 .*smtp\\.mailfrom=$3( |;|\$)" \
	    "$1: spf=$2 smtp.mailfrom=$3 in our field, first of them"
}

send 192.0.2.10 mail.pass.example alice@pass.example
expect_spf "pass" pass pass.example
like "$(ar | head -1)" 'spf=pass smtp\.helo=mail\.pass\.example' "pass: HELO identity reported too"
send 192.0.2.10 mail.pass.example bob@fail.example
expect_spf "fail" fail fail.example
send 192.0.2.10 mail.pass.example bob@softfail.example
expect_spf "softfail" softfail softfail.example
send 192.0.2.10 mail.pass.example bob@neutral.example
expect_spf "neutral" neutral neutral.example
send 192.0.2.10 mail.pass.example bob@none.example
expect_spf "none (a TXT record that is not SPF)" none none.example
send 192.0.2.10 mail.pass.example bob@permerror.example
expect_spf "permerror (ip4 prefix /33)" permerror permerror.example
send 192.0.2.10 mail.pass.example bob@loop.example
expect_spf "permerror (include loop)" permerror loop.example
send 192.0.2.10 mail.pass.example bob@broken.example
expect_spf "temperror (SERVFAIL)" temperror broken.example
T0=$(date +%s)
send 192.0.2.10 mail.pass.example bob@slow.example
T1=$(date +%s)
expect_spf "temperror (DNS timeout)" temperror slow.example
diag "the timeout case took $((T1 - T0)) s with DNSTimeout 2"
send 2001:db8::25 mail.pass.example carol@pass.example
expect_spf "pass over IPv6" pass pass.example
send 198.51.100.7 mail.pass.example ""
expect_spf "null sender: postmaster@HELO" fail mail.pass.example

# Forged fields: ours is the only one that may claim mx.example.org.
send 192.0.2.10 mail.pass.example alice@pass.example \
    "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=forged.example"
is "$(ar | grep -ci 'forged')" 0 "forged field with our authserv-id removed"
is "$(ar | grep -c '^mx\.example\.org;')" 1 "forged: exactly one field claims our id, ours"

send 192.0.2.10 mail.pass.example alice@pass.example \
    "Authentication-Results: relay.example.net; spf=pass smtp.mailfrom=kept.example"
is "$(ar | grep -c '^relay\.example\.net; spf=pass smtp\.mailfrom=kept\.example')" 1 \
    "field of another authserv-id kept"
like "$(ar | head -1)" '^mx\.example\.org; spf=pass' "ours is above the kept one"

send 192.0.2.10 mail.pass.example alice@pass.example \
    "$(printf '%s\n' \
    'Authentication-Results: MX.Example.ORG; dkim=pass header.d=forged1.example' \
    'Authentication-Results: other.example; dkim=pass header.d=kept2.example' \
    'Authentication-Results: mx.example.org (forged);' \
    '	dmarc=pass header.from=forged2.example')"
is "$(ar | grep -c 'forged')" 0 "two forged fields (one upper case, one folded) both removed"
is "$(ar | grep -c 'kept2\.example')" 1 "the other authserv-id between them kept"
is "$(ar | wc -l)" 2 "two fields left: ours and the other"

send 192.0.2.10 mail.pass.example alice@pass.example \
    "Authentication-Results: example.net(.mx.example.org; spf=pass smtp.mailfrom=x)"
is "$(ar | grep -c '^example\.net(\.mx\.example\.org')" 1 \
    "CVE-2020-12272 form belongs to example.net: kept, not read as ours"

send 203.0.113.5 mail.pass.example alice@fail.example \
    "Authentication-Results: mx.example.org; spf=pass smtp.mailfrom=fail.example"
like "$REPLY" '^250 ' "trusted client: accepted"
is "$(ar | wc -l)" 0 "trusted client: not evaluated (no field), forged one removed"

# One log line per message, with the queue id Postfix gave it.
qid=$(pf_queue_id)
like "$(am_log "$W")" "$qid: client=203\\.0\\.113\\.5 helo=mail\\.pass\\.example from_domain=fail\\.example .*evaluation=trusted ar_removed=1 action=accept" \
    "log line for the trusted message names queue id, client and what was done"
is "$(am_log "$W" | grep -c ': client=.* action=')" "$N" "one log line per message ($N)"

# Reload: a new authserv-id takes effect; a broken file keeps the old one.
sed -i 's/^AuthservID .*/AuthservID mx2.example.org/' "$W/authmilter.conf"
kill -HUP "$AM_PID"
sleep 0.3
send 192.0.2.10 mail.pass.example alice@pass.example
like "$(ar | head -1)" '^mx2\.example\.org; spf=pass' "SIGHUP: new AuthservID in use"
echo "AuthservId broken; id" >>"$W/authmilter.conf"
kill -HUP "$AM_PID"
sleep 0.3
kill -0 "$AM_PID" 2>/dev/null
ok $? "SIGHUP with a bad file: still running"
like "$(am_log "$W")" "reload: .*authmilter\\.conf:[0-9]+: " "SIGHUP with a bad file: error logged with file:line"
send 192.0.2.10 mail.pass.example alice@pass.example
like "$(ar | head -1)" '^mx2\.example\.org; spf=pass' "SIGHUP with a bad file: old configuration kept"

# A second daemon on the same socket says so and exits non-zero.
am_write_conf "$W/second.conf" "$MPORT" "$DNSPORT"
"$AUTHMILTER" -n -c "$W/second.conf" >/dev/null
ok $? "a valid configuration for a second daemon"
kill -0 "$AM_PID" 2>/dev/null
ok $? "the first daemon is still running"
timeout 10 "$AUTHMILTER" -f -c "$W/second.conf" >"$W/second.out" 2>&1
rc=$?
is "$rc" 1 "second daemon on a busy socket exits 1"
like "$(cat "$W/second.out")" "cannot listen on inet:$MPORT@127\\.0\\.0\\.1" "busy socket: clear message"

am_stop
is "$?" 0 "SIGTERM: clean exit"
tap_done
