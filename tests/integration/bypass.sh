#!/bin/bash
# bypass.sh - the DMARC bypasses of issue 10, through a real Postfix and a
# real unbound on loopback: From domains a mail client shows as the
# victim's (U-labels, invisible and fullwidth characters, over-long
# labels, encoded words), DNS trouble the attacker arranges on identities
# that cannot align, a signature's work bounds, white space before a
# field's colon, forged Authentication-Results in other spellings of our
# id, and a Subject put above a validly signed message.
#
# Every message is also run through `authmilter -t` with the same client
# address, HELO and MAIL FROM, and the two verdicts must agree: -t is the
# admin's tool to see what the milter does.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "Postfix runs its own master"
SIGN="$top_builddir/tests/lib/dkimsign"
[ -x "$SIGN" ] || bail "no $SIGN"

it_workdir

openssl genrsa -out "$W/rsa.pem" 2048 2>/dev/null || bail "openssl genrsa"
RSA_P=$(openssl rsa -in "$W/rsa.pem" -pubout -outform DER 2>/dev/null | base64 -w0)
{
	cat "$top_srcdir/tests/integration/bypass.zone"
	dns_dkim_key rsa._domainkey.bank.example. rsa "$RSA_P"
} >"$W/zone"

it_dns_start "$W/zone"
it_milter_start "$W/am.conf"
it_postfix_start

SPOOF=203.0.113.66 HELO=mail.evil.example
N=0
# message FILE FROM [EXTRA_HEADER_LINES] - a plain message
message() {
	{
		printf 'From: %s\n' "$2"
		[ -n "${3:-}" ] && printf '%s\n' "$3"
		printf 'To: <u%s@example.org>\nSubject: case %s\n' "$N" "$N"
		printf 'Date: Mon, 7 Dec 2026 10:00:00 +0000\n'
		printf 'Message-ID: <case%s@test.invalid>\n\nBody of case %s.\n' "$N" "$N"
	} >"$1"
}

# verdict_of_reply - accept / reject / tempfail from an SMTP reply
verdict_of_reply() {
	case $1 in 250*) echo accept ;; 550*) echo reject ;; 451*) echo tempfail ;; *) echo "other: $1" ;; esac
}

# send IP MAIL_FROM FILE - through Postfix, then through -t; sets REPLY,
# MSG (the delivered file or ""), TOUT (what -t printed)
send() {
	local rcpt="u$N@example.org" t
	pf_send "$W" "$SPORT" "$1" "$HELO" "$2" "$rcpt" "$3"
	REPLY=$(pf_reply)
	MSG=
	if [ "${REPLY%% *}" = 250 ]; then
		pf_wait_delivered "$W" "u$N" 1 10 >/dev/null 2>&1 &&
		    MSG=$(pf_delivered_message "$W" "u$N" 1)
	fi
	TOUT=$("$AUTHMILTER" -c "$W/am.conf" -t "$3" --client-ip "$1" --helo "$HELO" --mail-from "$2")
	t=$(printf '%s\n' "$TOUT" | sed -n 's/^action: //p')
	[ "$t" = quarantine ] && t=accept   # held after a 250
	is "$t" "$(verdict_of_reply "$REPLY")" "  -t agrees with the milter through Postfix"
}
ar() { [ -n "$MSG" ] && pf_header "$MSG" Authentication-Results | tr -s ' \t' '  ' | head -1; }
NOFROM='^550 5\.7\.1 Message has no valid From field'

# 1. From domains that are not usable host names, or that a client shows
# as another name. Each was dmarc=permerror and delivered before.
A64=$(printf 'a%.0s' $(seq 64))
L63=$(printf 'b%.0s' $(seq 63))
L49=$(printf 'c%.0s' $(seq 49))
while IFS='|' read -r what from want; do
	N=$((N + 1)); message "$W/m$N.eml" "$from"
	send "$SPOOF" "x@evil.example" "$W/m$N.eml"
	like "$REPLY" "$want" "From $what: ${want#^}"
done <<CASES
with a 64-octet label|<it@$A64.bank.example>|$NOFROM
of 254 octets|<it@$L63.$L63.$L63.$L49.bank.example>|$NOFROM
over 255 octets|<it@$L63.$L63.$L63.$L63.bank.example>|$NOFROM
with a soft hyphen (U+00AD)|<ceo@ba$(printf '\xc2\xad')nk.example>|$NOFROM
with a zero-width space (U+200B)|<ceo@$(printf '\xe2\x80\x8b')bank.example>|$NOFROM
as an RFC 2047 encoded word|<ceo@=?utf-8?q?bank.example?=>|$NOFROM
with an underscore|<ceo@bank_.example>|$NOFROM
as a fake A-label (punycode of ASCII)|<ceo@xn--bank-.example>|$NOFROM
in U-labels (judged as its A-label)|<ceo@b$(printf '\xc3\xbc')cher.example>|^550 5\.7\.1 Rejected by DMARC policy for xn--bcher-kva\.example
in fullwidth letters (folded by UTS-46)|<ceo@$(printf '\xef\xbd\x82')ank.example>|^550 5\.7\.1 Rejected by DMARC policy for bank\.example
with U+3002 as the dot|<ceo@bank$(printf '\xe3\x80\x82')example>|^550 5\.7\.1 Rejected by DMARC policy for bank\.example
CASES
# Seven reach the A-label conversion; the name over 255 octets is refused
# by the address parser before it ("no usable From domain").
is "$(am_log "$W" | grep -c 'dmarc=permerror from_problem="From domain is not a host name: ')" 7 \
    "  the log line of each says why the From domain is unusable"
is "$(am_log "$W" | grep -c 'dmarc=permerror from_problem="no usable From domain"')" 1 \
    "  and of the one over 255 octets"

# 2. DNS trouble: only an identity that could align may defer a reject.
sign() { "$SIGN" -d "$1" -s "$2" -k "$W/rsa.pem" <"$3" >"$3.s" && mv "$3.s" "$3"; }
while IFS='|' read -r what mailfrom sigd sigs want; do
	N=$((N + 1)); message "$W/m$N.eml" "<ceo@bank.example>"
	[ -n "$sigd" ] && sign "$sigd" "$sigs" "$W/m$N.eml"
	send "$SPOOF" "$mailfrom" "$W/m$N.eml"
	like "$REPLY" "$want" "$what: ${want%% *}"
done <<'CASES'
SPF SERVFAIL, unaligned MAIL FROM (sf.example)|a@sf.example|||^550 5\.7\.1 Rejected by DMARC
SPF timeout, unaligned MAIL FROM (to.example)|a@to.example|||^550 5\.7\.1 Rejected by DMARC
SPF SERVFAIL, aligned MAIL FROM (sfail.bank.example)|a@sfail.bank.example|||^451 4\.7\.5
SPF timeout, aligned MAIL FROM (tout.bank.example)|a@tout.bank.example|||^451 4\.7\.5
DKIM key SERVFAIL, unaligned d=dkbroken.example|a@evil.example|dkbroken.example|x|^550 5\.7\.1 Rejected by DMARC
DKIM key timeout, unaligned d=dkslow.example|a@evil.example|dkslow.example|x|^550 5\.7\.1 Rejected by DMARC
DKIM key SERVFAIL, aligned d=bank.example|a@evil.example|bank.example|broken|^451 4\.7\.5
DKIM key timeout, aligned d=bank.example|a@evil.example|bank.example|slow|^451 4\.7\.5
CASES

# 3. A signature that asks for more work than the bounds allow.
N=$((N + 1)); message "$W/m$N.eml" "<alice@bank.example>"
H=$(seq 1 2000 | sed 's/^/x-f/' | paste -sd: -)
{
	for i in 1 2 3 4 5 6 7 8; do
		printf 'DKIM-Signature: v=1; a=rsa-sha256; d=evil.example; s=x; bh=AAAA; b=AAAA;\n\th=from:%s\n' "$H"
	done
	seq 1 1200 | sed 's/^/X-F: /'
	cat "$W/m$N.eml"
} >"$W/m$N.big" && mv "$W/m$N.big" "$W/m$N.eml"
send 192.0.2.10 "alice@bank.example" "$W/m$N.eml"
like "$REPLY" '^250 ' "8 signatures of 2,000 h= over 1,200 fields: delivered (SPF aligned)"
like "$(ar)" 'dkim=permerror \((more than 1000 header fields|h= names more than 100 fields)\)' \
    "  each signature permerror with the bound it broke"

# 4. White space before the colon: the MTA hands the milter "FROM".
N=$((N + 1)); message "$W/m$N.eml" "<ceo@bank.example>"
sign bank.example rsa "$W/m$N.eml"
sed -i '1i FROM : CEO <ceo@evil.example>' "$W/m$N.eml"
send "$SPOOF" "x@evil.example" "$W/m$N.eml"
like "$REPLY" '^550 5\.7\.1 Message has more than one From domain' \
    "'FROM : ...' above a validly signed From: two From fields, 550"

# 5. Forged Authentication-Results in other spellings of our authserv-id.
N=$((N + 1)); message "$W/m$N.eml" "<alice@bank.example>" \
    "$(printf 'Authentication-Results: mx.example.org.; dmarc=pass\nAuthentication-Results: " MX.Example.ORG "; dkim=pass\nAuthentication-Results: other.example; spf=pass')"
send 192.0.2.10 "alice@bank.example" "$W/m$N.eml"
like "$REPLY" '^250 ' "message with forged fields in other spellings: delivered"
is "$(pf_header "$MSG" Authentication-Results | grep -ci 'mx\.example\.org\.\|" *mx\.example\.org *"')" 0 \
    "  'mx.example.org.' and '\" MX.Example.ORG \"' removed"
is "$(pf_header "$MSG" Authentication-Results | grep -c '^other\.example;')" 1 "  another host's field kept"
is "$(printf '%s\n' "$TOUT" | grep -c '^remove: ')" 2 "  -t lists the same two removals"

# 6. A Subject put above a validly signed message (RFC 6376 8.15).
N=$((N + 1)); message "$W/m$N.eml" "<ceo@bank.example>"
sign bank.example rsa "$W/m$N.eml"
cp "$W/m$N.eml" "$W/signed.eml"
send "$SPOOF" "x@evil.example" "$W/m$N.eml"
like "$REPLY" '^250 ' "control: the validly signed message from elsewhere passes DMARC by DKIM"
N=$((N + 1)); sed '1i Subject: Urgent: wire the money today' "$W/signed.eml" >"$W/m$N.eml"
send "$SPOOF" "x@evil.example" "$W/m$N.eml"
like "$REPLY" '^550 5\.7\.1 Rejected by DMARC policy for bank\.example' \
    "a Subject put above it: the signature no longer counts, 550"
like "$(printf '%s\n' "$TOUT" | tr -s '\n\t' '  ')" 'dkim=policy \(unsigned duplicate subject field, RFC 6376 8\.15\) header\.d=bank\.example' \
    "  our field says dkim=policy and why"

# Local policy by reload: the unaligned temperror stays a reject even
# with TempfailOnDNSError no; duplicates allowed on request.
am_write_conf "$W/am.conf" "$MPORT" "$DNSPORT" "$(printf 'TempfailOnDNSError no\nDKIMAllowUnsignedDuplicates yes')"
kill -HUP "$AM_PID"; sleep 0.5
N=$((N + 1)); message "$W/m$N.eml" "<ceo@bank.example>"
send "$SPOOF" "a@sf.example" "$W/m$N.eml"
like "$REPLY" '^550 5\.7\.1 Rejected by DMARC' "TempfailOnDNSError no: SPF SERVFAIL on an unaligned MAIL FROM is still a reject"
N=$((N + 1)); sed '1i Subject: Urgent: wire the money today' "$W/signed.eml" >"$W/m$N.eml"
send "$SPOOF" "x@evil.example" "$W/m$N.eml"
like "$REPLY" '^250 ' "DKIMAllowUnsignedDuplicates yes: the same message passes"

am_stop
is "$?" 0 "authmilter stops cleanly"
tap_done
