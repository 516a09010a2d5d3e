#!/bin/bash
# test-milterload.sh - milterload and nullmilter against each other and
# against authmilter (TAP).
#
# A corpus of four messages is written here by hand (a folded header, a
# 150 KB body that takes three SMFIC_BODY chunks, an LF-only file), then:
# milterload against nullmilter (everything continues), against
# authmilter with a fixture zone (SPF -all and DMARC p=reject: the spoofed
# message is rejected, the legitimate ones get an Authentication-Results
# field with spf=pass), and against the chain nullmilter -> authmilter,
# which must decide the same. No figure is asserted: speed is not tested.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

LOAD="$top_builddir/tests/bench/milterload"
NULLM="$top_builddir/tests/bench/nullmilter"
[ -x "$LOAD" ] || bail "no $LOAD"
[ -x "$NULLM" ] || bail "no $NULLM"
[ -x "$AUTHMILTER" ] || bail "no authmilter binary at $AUTHMILTER"

W=$(mktemp -d "${TMPDIR:-/tmp}/test-milterload.XXXXXX") || bail "no temp dir"
NM_PID=
cleanup() {
	[ -n "$NM_PID" ] && kill "$NM_PID" 2>/dev/null && wait "$NM_PID" 2>/dev/null
	am_stop
	dns_server_stop "$W/dns"
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# the corpus: index and messages
C="$W/corpus"
mkdir -p "$C/msg"
cat >"$C/index" <<'EOF'
# test-milterload.sh corpus
msg/000001 case=legit-spf client=192.0.2.10 helo=mail.pass.example from=alice@pass.example rcpt=user@example.org expect=accept
msg/000002 case=spoof-reject client=203.0.113.5 helo=mail.spoof.example from=ceo@pass.example rcpt=user@example.org expect=reject
msg/000003 case=legit-big client=192.0.2.10 helo=mail.pass.example from=alice@pass.example rcpt=user@example.org expect=accept
msg/000004 case=legit-lf client=192.0.2.11 helo=mail.pass.example from=bob@pass.example rcpt=postmaster@example.org expect=accept
EOF
printf '%s\r\n' "From: Alice <alice@pass.example>" "To: user@example.org" \
	"Subject: a subject folded" "  over three" "	lines" \
	"Message-ID: <1@pass.example>" "" "Hello." >"$C/msg/000001"
printf '%s\r\n' "From: The CEO <ceo@pass.example>" "To: user@example.org" \
	"Subject: pay this invoice" "Message-ID: <2@spoof.example>" "" \
	"Send money." >"$C/msg/000002"
{
	printf '%s\r\n' "From: Alice <alice@pass.example>" "To: user@example.org" \
		"Subject: big" "Message-ID: <3@pass.example>" ""
	awk 'BEGIN { for (i = 0; i < 2100; i++) printf "%070d\r\n", i }'
} >"$C/msg/000003"
printf '%s\n' "From: Alice <alice@pass.example>" "To: postmaster@example.org" \
	"Subject: LF only" "" "Hello from a file with LF ends." >"$C/msg/000004"
N=4

# the same messages, all expected to pass (for the null milter)
mkdir -p "$W/nullcorpus"
ln -s "$C/msg" "$W/nullcorpus/msg"
sed 's/expect=reject/expect=accept/' "$C/index" >"$W/nullcorpus/index"

# wait_port PORT PID - PID listens on 127.0.0.1:PORT within 5 s
wait_port() {
	for _i in $(seq 1 100); do
		(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.05
	done
	return 1
}

# load NAME ARGS... - run milterload; OUT (stdout) and RC
load() {
	_name=$1
	shift
	"$LOAD" "$@" >"$W/$_name.out" 2>"$W/$_name.err"
	RC=$?
	OUT=$(cat "$W/$_name.out")
	sed 's/^/# /' "$W/$_name.out" "$W/$_name.err"
}

# verdicts FILE - "case verdict" of each -r line, sorted
verdicts() {
	awk '{ print $2, $4 }' "$1" | sort
}

NPORT=$(free_port)
"$NULLM" -p "inet:$NPORT@127.0.0.1" >"$W/nullmilter.log" 2>&1 &
NM_PID=$!
wait_port "$NPORT" "$NM_PID" || bail "nullmilter did not come up on $NPORT"
NULL_S="inet:$NPORT@127.0.0.1"

load null -k -c 4 -r "$W/null.r" -s "$NULL_S" "$W/nullcorpus"
is "$RC" 0 "nullmilter: milterload -k exits 0"
like "$OUT" "^milterload: messages=$N errors=0 mismatches=0 " "nullmilter: all $N messages, no error, no mismatch"
like "$OUT" "actions: continue=$N accept=0 reject=0 " "nullmilter: every message continues"
is "$(grep -c . "$W/null.r")" "$N" "nullmilter: -r writes one line per message"
is "$(awk '{ print $1 }' "$W/null.r" | sort -n | tr '\n' ' ')" "0 1 2 3 " "nullmilter: -r numbers the messages"

load nullmismatch -k -c 2 -s "$NULL_S" "$C"
is "$RC" 1 "nullmilter: -k with expect=reject fails (exit 1)"
like "$OUT" "mismatches=1 " "nullmilter: the one mismatch is counted"
like "$OUT" "case: spoof-reject n=1 accept=1 reject=0 tempfail=0 quarantine=0 mismatches=1" \
	"nullmilter: per case line shows it"

load nullmany -q -c 3 -n 40 -w 10 -m 4 -s "$NULL_S" "$C"
is "$RC" 0 "nullmilter: -n 40 -w 10 -m 4 exits 0"
like "$OUT" "^milterload: messages=40 errors=0 " "nullmilter: warm-up left out of the count"
unlike "$OUT" "^(actions|headers|case):" "-q prints no detail lines"

# authmilter and its fixture DNS
cat >"$W/zone" <<'EOF'
zone example
zone example.org
zone pass.example
pass.example. 300 IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
_dmarc.pass.example. 300 IN TXT "v=DMARC1; p=reject"
EOF
MPORT=$(free_port)
it_dns_start "$W/zone"
am_write_conf "$W/am.conf" "$MPORT" "$DNSPORT"
am_start "$W" "$W/am.conf" "$MPORT" || bail "authmilter did not start"
AM_S="inet:$MPORT@127.0.0.1"

load am -k -c 4 -r "$W/am.r" -p "$AM_PID" -s "$AM_S" "$C"
is "$RC" 0 "authmilter: milterload -k exits 0"
like "$OUT" "^milterload: messages=$N errors=0 mismatches=0 " "authmilter: no error, every verdict as expected"
like "$OUT" "actions: continue=3 accept=0 reject=1 " "authmilter: three continue, one reject"
like "$OUT" "headers: add=0 insert=$N change=0 Authentication-Results=$N" \
	"authmilter: one Authentication-Results inserted per message"
like "$(grep ' spoof-reject ' "$W/am.r")" '^1 spoof-reject reject reject ' "authmilter: spoofed client 203.0.113.5 rejected"
like "$(grep ' legit-spf ' "$W/am.r")" \
	'^0 legit-spf accept accept [0-9.]+ Authentication-Results: mx\.example\.org; .*spf=pass smtp\.mailfrom=pass\.example' \
	"authmilter: client 192.0.2.10 accepted with spf=pass in the inserted field"
like "$(grep ' legit-big ' "$W/am.r")" ' accept accept .*spf=pass' "authmilter: the 150 KB message too"
like "$(grep ' legit-lf ' "$W/am.r")" ' accept accept .*Authentication-Results: ' "authmilter: the LF-only message too"
like "$(grep '^rss: messages=0 ' "$W/am.out")" '^rss: messages=0 rss_kb=[1-9][0-9]* threads=[1-9]' "-p: a sample at start, rss_kb > 0"
like "$(grep "^rss: messages=$N " "$W/am.out")" "^rss: messages=$N rss_kb=[1-9][0-9]* threads=[1-9]" "-p: a sample at the end, rss_kb > 0"

load chain -k -c 4 -r "$W/chain.r" -s "$NULL_S" -s "$AM_S" "$C"
is "$RC" 0 "chain nullmilter -> authmilter: exits 0"
like "$OUT" "^milterload: messages=$N errors=0 mismatches=0 " "chain: no error, no mismatch"
is "$(verdicts "$W/chain.r")" "$(verdicts "$W/am.r")" "chain: the same verdicts as authmilter alone"
like "$(grep ' legit-spf ' "$W/chain.r")" ' accept accept .*spf=pass' "chain: authmilter's field still there"

load chainrev -k -c 2 -s "$AM_S" -s "$NULL_S" "$C"
is "$RC" 0 "chain authmilter -> nullmilter: exits 0, the reject decided by the first"

# authmilter twice: the second is shown the field the first inserted and
# removes it (it claims our authserv-id); the rejected message never
# reaches the second, so 4 + 3 fields are inserted and 3 removed
load chain2 -k -c 2 -s "$AM_S" -s "$AM_S" "$C"
is "$RC" 0 "chain authmilter -> authmilter: exits 0"
like "$OUT" "headers: add=0 insert=7 change=3 Authentication-Results=7" \
	"chain: later filters see earlier fields; the decided message stops at the first"

load quiet -q -c 2 -n 8 -e 4 -p "$AM_PID" -s "$AM_S" "$C"
is "$RC" 0 "-q -e 4: exits 0"
is "$(grep -vc '^\(milterload\|rss\):' "$W/quiet.out")" 0 "-q: only milterload: and rss: lines"
is "$(grep '^rss:' "$W/quiet.out" | awk '{ print $2 }' | tr '\n' ' ')" \
	"messages=0 messages=4 messages=8 messages=8 " "-e 4: samples at start, every 4 messages, at the end"

am_stop
ok $? "authmilter stopped cleanly"

tap_done
