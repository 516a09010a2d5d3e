#!/bin/bash
# cli.sh - authmilter's command line as an admin uses it: -V, -n on good
# and bad files (exit status, FILE:LINE messages), and -t offline
# evaluation against a real unbound on loopback.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/authmilter-cli.XXXXXX") || bail "no work directory"
trap 'dns_server_stop "$W/dns" >/dev/null 2>&1; rm -rf "$W"' EXIT

out=$("$AUTHMILTER" -V); rc=$?
is "$rc" 0 "-V exits 0"
like "$out" '^authmilter [0-9]+\.[0-9]+\.[0-9]+$' "-V prints the version"

"$AUTHMILTER" -n -c "$top_srcdir/conf/authmilter.conf" >"$W/out" 2>&1
is "$?" 0 "-n: the shipped sample configuration is valid"

printf 'Socket inet:8893@127.0.0.1\nSokcet inet:1@127.0.0.1\nDNSTimeout 0\n# fine\nTrustedNetworks 192.0.2.0/33\n' >"$W/bad.conf"
"$AUTHMILTER" -n -c "$W/bad.conf" >"$W/out" 2>&1
is "$?" 78 "-n: a bad file exits 78 (EX_CONFIG)"
like "$(cat "$W/out")" "^$W/bad\\.conf:2: .*Sokcet.*did you mean 'Socket'" "-n: unknown key, with file:line and a suggestion"
like "$(cat "$W/out")" "$W/bad\\.conf:3: .*DNSTimeout" "-n: out-of-range value reported at its line"
like "$(cat "$W/out")" "$W/bad\\.conf:5: .*TrustedNetworks" "-n: bad CIDR reported at its line"
is "$(wc -l <"$W/out")" 3 "-n: every error reported, one line each"
printf 'AuthservID mx.example.org\nUserID authmilter-nosuch:nosuchgroup\n' >"$W/user.conf"
"$AUTHMILTER" -n -c "$W/user.conf" >"$W/out" 2>&1
is "$?" 78 "-n: a UserID this host does not have exits 78"
like "$(cat "$W/out")" "^$W/user\\.conf:2: UserID: no such user 'authmilter-nosuch' on this host" "  the user, at its line"
like "$(cat "$W/out")" "$W/user\\.conf:2: UserID: no such group 'nosuchgroup' on this host" "  and the group"
printf 'AuthservID mx.example.org\nNameservers 127.0.0.1#5353\n' >"$W/hash.conf"
"$AUTHMILTER" -n -c "$W/hash.conf" >"$W/out" 2>&1
is "$?" 78 "-n: Nameservers 127.0.0.1#5353 (unbound's port form) exits 78"
like "$(cat "$W/out")" "hash\\.conf:2: Nameservers: a '#' right after the value starts a comment, cutting the value to '127\\.0\\.0\\.1'.*port goes after '@'" "  and says the port would be lost"

"$AUTHMILTER" -n -c "$W/missing.conf" >"$W/out" 2>&1
is "$?" 78 "-n: a missing file exits 78"
like "$(cat "$W/out")" "missing\\.conf" "-n: a missing file is named"

"$AUTHMILTER" -t "$W/none.eml" --helo x >"$W/out" 2>&1
is "$?" 2 "-t without --client-ip/--mail-from is a usage error (2)"
"$AUTHMILTER" --bogus >"$W/out" 2>&1
is "$?" 2 "an unknown option is a usage error (2)"

# -t against the fixture zones of the SPF integration test.
it_dns_start "$top_srcdir/tests/integration/spf.zone"
am_write_conf "$W/t.conf" 8893 "$DNSPORT"
printf 'From: <a@pass.example>\r\nAuthentication-Results: other.example; spf=pass\r\nAuthentication-Results: mx.example.org;\r\n\tspf=pass\r\nSubject: x\r\n\r\nbody\r\n' >"$W/m.eml"
out=$("$AUTHMILTER" -c "$W/t.conf" -t "$W/m.eml" --client-ip 192.0.2.10 --helo mail.pass.example --mail-from alice@pass.example)
is "$?" 0 "-t exits 0"
like "$(printf '%s\n' "$out" | head -1)" '^Authentication-Results: mx\.example\.org; spf=pass smtp\.mailfrom=pass\.example;' "-t: first line is the field it would add"
like "$out" $'\naction: accept\n' "-t: action line"
like "$out" 'remove: Authentication-Results #2$' "-t: the forged (folded, CRLF) field is #2 and would be removed"
unlike "$out" 'remove: Authentication-Results #1' "-t: the other authserv-id is kept"
out=$("$AUTHMILTER" -c "$W/t.conf" -t "$W/m.eml" --client-ip 192.0.2.10 --helo x --mail-from a@nulltext.example)
like "$out" 'spf=pass smtp\.mailfrom=nulltext\.example' "-t: a TXT record with no string beside the SPF record (RFC 7208 null-text) over the wire: pass"
out=$("$AUTHMILTER" -c "$W/t.conf" -t - --client-ip 2001:db8::1 --helo mail.pass.example --mail-from "" <"$W/m.eml")
like "$out" 'spf=fail .*smtp\.mailfrom=mail\.pass\.example' "-t: message on stdin, IPv6 client, null sender"
out=$("$AUTHMILTER" -c "$W/t.conf" -t "$W/m.eml" --client-ip 127.0.0.1 --helo localhost --mail-from a@fail.example)
like "$out" '^# no Authentication-Results field added: client trusted' "-t: trusted client is not evaluated"
out=$("$AUTHMILTER" -c "$W/t.conf" -t "$W/m.eml" --client-ip 192.0.2.10 --helo x --mail-from a@fail.example --auth-user alice)
like "$out" '^# no Authentication-Results field added: client authenticated' "-t --auth-user: an SMTP AUTH client is not evaluated"
like "$out" 'remove: Authentication-Results #2' "-t --auth-user: its forged field is still removed"
printf 'IgnoreAuthenticatedClients no\n' >>"$W/t.conf"
out=$("$AUTHMILTER" -c "$W/t.conf" -t "$W/m.eml" --client-ip 192.0.2.10 --helo x --mail-from a@fail.example --auth-user alice)
like "$out" 'spf=fail .*smtp\.mailfrom=fail\.example' "-t --auth-user with IgnoreAuthenticatedClients no: evaluated"
sed 's/^LogLevel .*/LogLevel debug/' "$W/t.conf" >"$W/debug.conf"
"$AUTHMILTER" -c "$W/debug.conf" -t "$W/m.eml" --client-ip 192.0.2.10 --helo mail.pass.example \
    --mail-from alice@pass.example >/dev/null 2>"$W/debug.err"
like "$(cat "$W/debug.err")" 'spf mailfrom=pass\.example result=pass .*reason="matched ip4:192\.0\.2\.0/24"' \
    "LogLevel debug: the SPF term that decided"
like "$(cat "$W/debug.err")" 'dmarc header_from=pass\.example result=[a-z]+ record=.* reason="' \
    "LogLevel debug: the DMARC record used and why"
"$AUTHMILTER" -c "$W/t.conf" -t "$W/m.eml" --client-ip 192.0.2.10 --helo mail.pass.example \
    --mail-from alice@pass.example >/dev/null 2>"$W/info.err"
is "$(grep -c 'debug' "$W/info.err")" 0 "LogLevel info: no debug lines"
"$AUTHMILTER" -c "$W/t.conf" -t "$W/m.eml" --client-ip 999.1.1.1 --helo x --mail-from a@b >"$W/out" 2>&1
is "$?" 2 "-t: a bad --client-ip is a usage error (2), as the man page says"
like "$(cat "$W/out")" "not an IP address" "-t: a bad --client-ip is named"
"$AUTHMILTER" -c "$W/t.conf" -t "$W" --client-ip 192.0.2.10 --helo x --mail-from a@b >"$W/out" 2>&1
is "$?" 1 "-t on a directory exits 1, not an empty message"
like "$(cat "$W/out")" "is a directory" "-t on a directory says so"
out=$("$AUTHMILTER" --version); rc=$?
is "$rc" 0 "--version exits 0"
like "$out" '^authmilter [0-9]+\.[0-9]+\.[0-9]+$' "--version prints the version, as -V"
tap_done
