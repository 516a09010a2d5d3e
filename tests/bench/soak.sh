#!/bin/bash
# soak.sh - authmilter's memory under a long steady load: many messages
# through milterload (no MTA), its RSS and thread count sampled at fixed
# intervals; after the first interval (caches, thread stacks and malloc
# arenas are filled by then) the RSS must not grow by more than 5%.
# A leak of even a few bytes a message shows over a million.
#
# In `make check` it runs a size that fits CI; the issue's full soak is
#   SOAK_MESSAGES=1000000 SOAK_EVERY=100000 make check TESTS=tests/bench/soak.sh
# (in a normal, non-sanitizer build; about six minutes here).
#
# Under AddressSanitizer the RSS is mostly the sanitizer's quarantine of
# freed memory, so the flatness case is reported as a TAP skip there and
# the leak check at exit (LeakSanitizer) stands in for it.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

LOAD="$top_builddir/tests/bench/milterload"
[ -x "$LOAD" ] || bail "no $LOAD"
if [ "${BUILD_SANITIZED:-no}" = yes ]; then
	: "${SOAK_MESSAGES:=12000}" "${SOAK_EVERY:=3000}"
else
	: "${SOAK_MESSAGES:=60000}" "${SOAK_EVERY:=10000}"
fi

W=$(mktemp -d /tmp/authmilter-soak.XXXXXX) || bail "mktemp"
cleanup() {
	am_stop >/dev/null 2>&1
	dns_server_stop "$W/dns" >/dev/null 2>&1
	[ -n "${KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT

python3 "$top_srcdir/tests/bench/mkcorpus.py" --out "$W/corpus" --small \
	--messages 400 --domains 100 --signer "$top_builddir/tests/lib/dkimsign" \
	>"$W/mkcorpus.log" 2>&1 || { sed 's/^/# /' "$W/mkcorpus.log"; bail "mkcorpus failed"; }
MPORT=$(free_port)
it_dns_start "$W/corpus/zone"
am_write_conf "$W/am.conf" "$MPORT" "$DNSPORT"
sed -i 's/^LogLevel info$/LogLevel warning/' "$W/am.conf"       # no line a message
am_start "$W" "$W/am.conf" "$MPORT" || bail "authmilter did not start"

"$LOAD" -q -k -c 16 -n "$SOAK_MESSAGES" -p "$AM_PID" -e "$SOAK_EVERY" \
	-s "inet:$MPORT@127.0.0.1" "$W/corpus" >"$W/load.out" 2>"$W/load.err"
rc=$?
sed 's/^/# /' "$W/load.out"
is "$rc" 0 "milterload: $SOAK_MESSAGES messages, no error and no wrong verdict"
[ "$rc" = 0 ] || sed 's/^/# /' "$W/load.err"
like "$(cat "$W/load.out")" "messages=$SOAK_MESSAGES " "  every message was answered"

# Samples taken at a multiple of SOAK_EVERY after the first one; the
# start and end samples are left out (the end one is the same point).
samples=$(awk -v e="$SOAK_EVERY" '/^rss:/ {
	for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	if (v["messages"] >= 2 * e && v["messages"] % e == 0) print v["messages"], v["rss_kb"], v["threads"]
}' "$W/load.out" | sort -n -u)
n=$(printf '%s\n' "$samples" | grep -c .)
ok "$([ "$n" -ge 3 ]; echo $?)" "at least three RSS samples after the first interval ($n)"
read -r lo hi first last <<<"$(printf '%s\n' "$samples" | awk '
	{ v[NR] = $2; if (NR == 1 || $2 < lo) lo = $2; if ($2 > hi) hi = $2 }
	END { print lo + 0, hi + 0, int((v[1] + v[2]) / 2), int((v[NR - 1] + v[NR]) / 2) }')"
diag "RSS after the first interval: ${lo} .. ${hi} kB over $n samples;" \
	"first two ${first} kB, last two ${last} kB (mean)"
# Growth is what a leak shows; a single sample moves by a few percent
# with the threads that happen to be alive, so pairs are compared.
if [ "${BUILD_SANITIZED:-no}" = yes ]; then
	echo "ok $((TAP_N += 1)) # SKIP RSS flatness: under ASan the RSS is the sanitizer's quarantine"
else
	ok "$([ "$first" -gt 0 ] && [ $((last * 100)) -le $((first * 105)) ]; echo $?)" \
		"RSS flat: the last samples within 5% of the first (${first} -> ${last} kB)"
fi
tmax=$(printf '%s\n' "$samples" | awk '$3 > m { m = $3 } END { print m + 0 }')
ok "$([ "$tmax" -le 40 ]; echo $?)" "threads stay bounded under 16 connections (max $tmax)"

kill -0 "$AM_PID" 2>/dev/null
ok $? "authmilter is still running"
am_stop
is "$?" 0 "authmilter stops cleanly (exit 0; with LeakSanitizer, no leak)"
unlike "$(am_log "$W")" "internal error|ERROR: AddressSanitizer|runtime error" \
	"no internal error and no sanitizer report in its log"
tap_done
