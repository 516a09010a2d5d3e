#!/bin/bash
# test-mkcorpus.sh - the benchmark corpus generator (tests/bench/mkcorpus.py)
# writes what tests/bench/README.md promises, and its expect= values are
# what authmilter answers.
#
# A small corpus with the DNS fault cases is written twice with one seed
# (the two may differ only in keys and signatures) and once with another.
# The files are checked for the format; the zone is served by the real
# unbound of tests/lib/dns-server.sh and asked for each kind of record,
# each fault and the truncation; then every message goes through
# `authmilter -t` (the milter's own code, offline) with its index
# envelope, against that server, and must get its expect= answer.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

MK="$top_srcdir/tests/bench/mkcorpus.py"
SIGN="$top_builddir/tests/lib/dkimsign"
[ -x "$SIGN" ] || bail "no $SIGN (make check builds it)"
[ -x "$AUTHMILTER" ] || bail "no $AUTHMILTER"
W=$(mktemp -d /tmp/authmilter-mkcorpus.XXXXXX) || bail "mktemp"
cleanup() {
	dns_server_stop "$W/dns" >/dev/null 2>&1
	[ -n "${KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT

N=60
C="$W/c"
SUMMARY=$(python3 "$MK" --out "$C" --signer "$SIGN" --messages $N --small --faults --seed 7 2>"$W/mk.err")
ok $? "mkcorpus.py --small --faults --messages $N exits 0"
[ -s "$W/mk.err" ] && sed 's/^/# /' "$W/mk.err"
like "$SUMMARY" "^mkcorpus: messages=$N bytes=[0-9]+ .*legit-spf=[0-9]+" "  and prints its summary line"
is "$(printf '%s\n' "$SUMMARY" | wc -l)" 1 "  on one line"
if [ ! -f "$C/index" ] || [ ! -f "$C/zone" ]; then bail "no index or zone written"; fi

python3 "$MK" --out "$W/again" --signer "$SIGN" --messages $N --small --faults --seed 7 >/dev/null 2>&1 &&
	python3 "$MK" --out "$W/other" --signer "$SIGN" --messages $N --small --faults --seed 8 >/dev/null 2>&1
ok $? "two more corpora written (the same seed, another seed)"
cmp -s "$C/index" "$W/again/index"
ok $? "the same seed gives the same index"
# unsigned - a message without its DKIM-Signature fields (and their folds)
unsigned() {
	awk '/^DKIM-Signature:/ { s = 1; next } s && /^[ \t]/ { next } { s = 0; print }' "$1"
}
same=0
for f in "$C"/msg/*; do
	[ "$(unsigned "$f" | md5sum)" = "$(unsigned "$W/again/msg/${f##*/}" | md5sum)" ] ||
		{ same=1; diag "differs: ${f##*/}"; }
done
ok $same "  and the same messages but for their DKIM-Signature fields"
! cmp -s "$C/index" "$W/other/index"
ok $? "another seed, another index"

# The index and the files, checked the way a reader of README.md would.
PROBLEMS=$(python3 - "$C" <<'PY'
import os, re, sys
c = sys.argv[1]
line_re = re.compile(r"msg/\d{6} case=[a-z-]+ client=\d+\.\d+\.\d+\.\d+ helo=[a-z0-9.-]+ "
                     r"from=[^ ]* rcpt=[^ @]+@[a-z0-9.-]+ expect=(accept|reject|quarantine|tempfail)")
need = ("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Received")
mids, n = set(), 0
for ln in open(os.path.join(c, "index")):
    ln = ln.rstrip("\n")
    if ln.startswith("#"):
        continue
    n += 1
    if not line_re.fullmatch(ln):
        print("bad index line:", ln); continue
    f = os.path.join(c, ln.split()[0])
    if not os.path.isfile(f):
        print("missing:", f); continue
    raw = open(f, "rb").read()
    if re.search(rb"(?<!\r)\n", raw) or re.search(rb"\r(?!\n)", raw) or not raw.endswith(b"\r\n"):
        print("not CRLF throughout:", f)
    if not 2048 <= len(raw) <= 8192:
        print("size %d outside 2-8 KB: %s" % (len(raw), f))
    head = raw.split(b"\r\n\r\n", 1)[0].decode()
    names = [h.split(":", 1)[0] for h in re.split(r"\r\n(?![ \t])", head)]
    for k in need:
        if k not in names:
            print("no %s field: %s" % (k, f))
    if any(len(l) > 998 for l in raw.split(b"\r\n")):
        print("line over 998 octets:", f)
    m = re.search(r"\r\nMessage-ID: (\S+)", head)
    if m and m.group(1) in mids:
        print("Message-ID used twice:", m.group(1))
    if m:
        mids.add(m.group(1))
print("count", n)
PY
)
is "$(printf '%s\n' "$PROBLEMS" | tail -1)" "count $N" "the index has $N message lines"
is "$(printf '%s\n' "$PROBLEMS" | grep -v '^count ' | head -5)" "" \
	"every index line has the keys; every file exists, is CRLF, 2-8 KB, has the usual fields and a unique Message-ID"
ls "$C/keys/rsa.pem" "$C/keys/ed25519.pem" "$C/keys/esp.pem" >/dev/null 2>&1
ok $? "the three private keys are in keys/"

CASES="legit-spf legit-dkim esp forwarded forwarded-altered spoof-reject spoof-quarantine
spoof-none dnsfault-servfail dnsfault-timeout dnsfault-truncated"
missing=
for c in $CASES; do
	grep -q " case=$c " "$C/index" || missing="$missing $c"
done
is "$missing" "" "every case is in the index"

# field KEY LINE - a key's value in an index line
field() {
	printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}
# first CASE - the first index line of CASE
first() {
	grep " case=$1 " "$C/index" | head -1
}
# domain_of CASE - the author domain of CASE's first message
domain_of() {
	grep -m1 '^From:' "$C/$(first "$1" | cut -d' ' -f1)" | sed 's/.*@\([^>]*\)>.*/\1/' | tr -d '\r'
}

DNSPORT=$(dns_free_port)
dns_server_start "$W/dns" "$DNSPORT" "$C/zone"
rc=$?
ok $rc "the zone loads into the fixture DNS server"
[ $rc -eq 0 ] || bail "no DNS server"
D=$(domain_of spoof-reject)
is "$(dns_ask "$DNSPORT" "$D" TXT)" "NOERROR 1" "SPF record of $D"
is "$(dns_ask "$DNSPORT" "_dmarc.$D" TXT)" "NOERROR 1" "DMARC record of $D"
is "$(dns_ask "$DNSPORT" "rsa._domainkey.$D" TXT)" "NOERROR 1" "RSA key record of $D"
is "$(dns_ask "$DNSPORT" "ed._domainkey.$D" TXT)" "NOERROR 1" "Ed25519 key record of $D"
is "$(dns_ask "$DNSPORT" "_spf.esp.example" TXT)" "NOERROR 1" "the ESP's included SPF record"
is "$(dns_ask "$DNSPORT" "s1._domainkey.esp.example" TXT)" "NOERROR 1" "the ESP's key record"
is "$(dns_ask "$DNSPORT" "_dmarc.example" TXT)" "NXDOMAIN 0" "the tree walk's _dmarc.example: NXDOMAIN, not REFUSED"
is "$(dns_ask "$DNSPORT" "_dmarc.$(domain_of dnsfault-servfail)" TXT)" "SERVFAIL 0" "dnsfault-servfail: its DMARC lookup gets SERVFAIL"
is "$(dns_ask "$DNSPORT" "$(domain_of dnsfault-servfail)" TXT)" "NOERROR 1" "  and its SPF record answers"
is "$(dns_ask "$DNSPORT" "_dmarc.$(domain_of dnsfault-timeout)" TXT)" "TIMEOUT" "dnsfault-timeout: its DMARC lookup gets no answer"

# The truncation case: over UDP with a 1232-octet EDNS buffer (what
# resolvers offer) the answer must come back truncated, and whole over TCP.
TRUNC=$(python3 - "$DNSPORT" "$(domain_of dnsfault-truncated)" <<'PY'
import socket, struct, sys
port, name = int(sys.argv[1]), sys.argv[2]
q = struct.pack(">HHHHHH", 4660, 0x0100, 1, 0, 0, 1) + b"".join(
    bytes([len(l)]) + l.encode() for l in name.split(".")) + b"\0" + struct.pack(">HH", 16, 1)
q += b"\0" + struct.pack(">HHIH", 41, 1232, 0, 0)          # OPT: 1232 octets
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(2)
u.sendto(q, ("127.0.0.1", port)); a = u.recv(65535)
t = socket.create_connection(("127.0.0.1", port), timeout=2)
t.sendall(struct.pack(">H", len(q)) + q)
ln = struct.unpack(">H", t.recv(2, socket.MSG_WAITALL))[0]
b = t.recv(ln, socket.MSG_WAITALL)
print("udp_tc=%d tcp_tc=%d tcp_len_over_1232=%d tcp_answers=%d" % (
    (struct.unpack(">H", a[2:4])[0] >> 9) & 1, (struct.unpack(">H", b[2:4])[0] >> 9) & 1,
    len(b) > 1232, struct.unpack(">H", b[6:8])[0]))
PY
)
like "$TRUNC" "^udp_tc=1 tcp_tc=0 tcp_len_over_1232=1 tcp_answers=[2-9]" \
	"dnsfault-truncated: the SPF answer is truncated over UDP, whole (over 1232 octets) over TCP"

# Every message through the milter's own code, with its index envelope.
am_write_conf "$W/am.conf" "$(free_port)" "$DNSPORT"
: >"$W/results"
grep -v '^#' "$C/index" | while read -r line; do
	f=${line%% *}
	out=$("$AUTHMILTER" -c "$W/am.conf" -t "$C/$f" --client-ip "$(field client "$line")" \
		--helo "$(field helo "$line")" --mail-from "$(field from "$line")" 2>&1)
	printf '%s %s %s %s | %s\n' "$f" "$(field case "$line")" "$(field expect "$line")" \
		"$(printf '%s\n' "$out" | sed -n 's/^action: //p')" "$(printf '%s' "$out" | tr -s '\n\t ' '   ')" \
		>>"$W/results"
done
is "$(wc -l <"$W/results")" $N "authmilter -t ran for every message"
is "$(awk '$3 != $4' "$W/results" | cut -c1-600)" "" "authmilter -t answers every message as its expect= says"
awk '{ n[$2 " expect=" $3 " got=" $4]++ } END { for (k in n) print n[k], k }' "$W/results" | sort -k2 |
	while read -r line; do diag "$line"; done
is "$(grep -v ' forwarded-altered ' "$W/results" | grep -c 'dkim=fail')" 0 \
	"no signature fails but those of the bodies altered in forwarding"
sigs=$(grep -E ' case=(legit-dkim|esp|forwarded) ' "$C/index" | cut -d' ' -f1 |
	while read -r f; do grep -c '^DKIM-Signature:' "$C/$f"; done | awk '{ s += $1 } END { print s }')
is "$(grep -E ' (legit-dkim|esp|forwarded) ' "$W/results" | grep -o 'dkim=pass' | wc -l)" "$sigs" \
	"every one of the $sigs signatures of legit-dkim, esp and forwarded mail verifies"
like "$(grep ' forwarded-altered ' "$W/results")" 'dkim=fail' "a body altered after signing fails DKIM"
like "$(grep ' dnsfault-truncated ' "$W/results" | head -1)" 'spf=pass smtp.mailfrom' \
	"dnsfault-truncated: SPF still passes (over TCP)"
like "$(grep ' dnsfault-servfail ' "$W/results" | head -1)" 'dmarc=temperror' \
	"dnsfault-servfail: dmarc=temperror"
unlike "$(cat "$W/results")" 'Sanitizer|runtime error|internal error' \
	"no internal error or sanitizer report from authmilter -t"

dns_server_stop "$W/dns"
tap_done
