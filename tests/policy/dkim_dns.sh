#!/bin/sh
# dkim_dns.sh - policy/dkim_verify with keys from a real DNS server.
#
# Makes a 2048-bit RSA key and an Ed25519 key with openssl, publishes
# them in the fixture zone (tests/lib/dns-server.sh, dkim_dns.zone) -
# the RSA record as 255-octet strings, as a zone must hold it - checks
# that the server answers as the test expects, then runs dkim_dns_check,
# which signs with the private halves and verifies through
# policy/resolver. Prints TAP: the fixture checks, then dkim_dns_check's
# cases numbered on after them.
: "${top_srcdir:?set by make check}" "${top_builddir:?set by make check}"
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/dns-server.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/dkim_dns.XXXXXX") || bail "no temporary directory"
trap 'dns_server_stop "$work/server"; rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

command -v openssl >/dev/null 2>&1 || bail "openssl is needed to make the keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
	-out "$work/rsa.pem" 2>/dev/null || bail "openssl: no RSA key"
openssl genpkey -algorithm ed25519 -out "$work/ed.pem" 2>/dev/null ||
	bail "openssl: no Ed25519 key"
rsa_pub=$(openssl pkey -in "$work/rsa.pem" -pubout -outform DER | base64 -w0)
# the raw Ed25519 key is the last 32 octets of its SubjectPublicKeyInfo
ed_pub=$(openssl pkey -in "$work/ed.pem" -pubout -outform DER | tail -c 32 | base64 -w0)

# txt_strings - TEXT as "..." strings of at most 255 octets
txt_strings() {
	printf '%s' "$1" | fold -w 255 | sed 's/.*/"&"/' | tr '\n' ' '
}

rsa_rec="v=DKIM1; k=rsa; p=$rsa_pub"
cp "$top_srcdir/tests/policy/dkim_dns.zone" "$work/data"
echo "rsa2048._domainkey.dkim.test. 300 IN TXT $(txt_strings "$rsa_rec")" >>"$work/data"
echo "ed._domainkey.dkim.test. 300 IN TXT \"v=DKIM1; k=ed25519; p=$ed_pub\"" >>"$work/data"

for try in 1 2 3; do
	port=$(dns_free_port)
	[ -n "$port" ] || bail "no free port on loopback"
	dns_server_start "$work/server" "$port" "$work/data" && break
	[ "$try" -lt 3 ] || bail "the fixture DNS server did not start"
done

strings=$(printf '%s' "$rsa_rec" | fold -w 255 | grep -c '')
[ "$strings" -gt 1 ]; ok $? "the 2048-bit key record needs $strings strings"
is "$(dns_ask "$port" rsa2048._domainkey.dkim.test TXT)" "NOERROR 1" \
	"fixture: the RSA key record answers"
is "$(dns_ask "$port" ed._domainkey.dkim.test TXT)" "NOERROR 1" \
	"fixture: the Ed25519 key record answers"
is "$(dns_ask "$port" nosuch._domainkey.dkim.test TXT)" "NXDOMAIN 0" \
	"fixture: an absent key is NXDOMAIN"
is "$(dns_ask "$port" nodata._domainkey.dkim.test TXT)" "NOERROR 0" \
	"fixture: nodata has no TXT"
is "$(dns_ask "$port" rsa2048._domainkey.broken.dkim.test TXT)" "SERVFAIL 0" \
	"fixture: keys under broken.dkim.test SERVFAIL"
is "$(dns_ask "$port" rsa2048._domainkey.slow.dkim.test TXT)" "TIMEOUT" \
	"fixture: keys under slow.dkim.test get no answer"

"$top_builddir/tests/policy/dkim_dns_check" "$port" "$work/rsa.pem" \
	"$work/ed.pem" >"$work/c.tap" 2>"$work/c.err"
rc=$?

tap_include dkim_dns_check "$rc" "$work/c.tap" "$work/c.err"
kill -0 "$(cat "$work/server/unbound.child")" 2>/dev/null
ok $? "fixture server still running at the end"
tap_done
