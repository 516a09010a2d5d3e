#!/bin/bash
# signals.sh - the daemon survives its signals: bursts of SIGHUP reload
# and never stop it, USR1 reloads too, USR2 and PIPE are ignored, TERM
# and INT stop it cleanly. After each step a real Postfix sends a message
# through it, so "still serving" and "applied the last good
# configuration" are read off the Authentication-Results field.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "Postfix runs its own master"

it_workdir
it_dns_start "$top_srcdir/tests/integration/spf.zone"
it_milter_start "$W/am.conf"
it_postfix_start
printf 'From: <a@pass.example>\nTo: <u1@example.org>\nSubject: signals\n\nhi\n' >"$W/m.eml"
SENT=0

# kills SIGNAL COUNT GAP_SECONDS - COUNT signals to the daemon, GAP apart
# (python: a shell loop cannot keep a 5 ms rhythm)
kills() {
	python3 - "$AM_PID" "$1" "$2" "$3" <<'EOF'
import os, signal, sys, time
pid, sig, n, gap = int(sys.argv[1]), getattr(signal, sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
for _ in range(n):
    os.kill(pid, sig)
    end = time.perf_counter() + gap
    while time.perf_counter() < end:
        pass
EOF
}

# serves_as ID WHAT - the daemon is alive and a message through Postfix
# gets our field with authserv-id ID
serves_as() {
	SENT=$((SENT + 1))
	pf_send "$W" "$SPORT" 192.0.2.10 mail.pass.example alice@pass.example u1@example.org "$W/m.eml"
	pf_wait_delivered "$W" u1 "$SENT" 10
	local ar
	ar=$(pf_header "$(pf_delivered_message "$W" u1 "$SENT")" Authentication-Results)
	kill -0 "$AM_PID" 2>/dev/null || ar="(the daemon is gone) $ar"
	like "$ar" "^${1//./\\.};[[:space:]]+spf=pass" "$2"
}

# set_id ID - a new AuthservID in the file the daemon reloads
set_id() { sed -i "s/^AuthservID .*/AuthservID $1/" "$W/am.conf"; }

# threads_waiting_for_hup - how many of the daemon's threads have SIGHUP
# unblocked (a thread waiting in sigwaitinfo shows it so). libmilter's
# own signal thread waits for HUP to stop the milter: it must not.
threads_waiting_for_hup() {
	local t n=0 mask
	for t in /proc/"$AM_PID"/task/*; do
		mask=$(sed -n 's/^SigBlk:[[:space:]]*//p' "$t/status")
		(( (16#$mask & 1) == 0 )) && n=$((n + 1))
	done
	echo "$n"
}

serves_as mx.example.org "started: a message gets our field"
is "$(threads_waiting_for_hup)" 1 "exactly one thread of the daemon waits for SIGHUP (libmilter's is parked)"

set_id mx-burst1.example.org
kills SIGHUP 10 0.01
serves_as mx-burst1.example.org "10 SIGHUPs within 100 ms: still serving, with the reloaded AuthservID"
set_id mx-burst2.example.org
kills SIGHUP 300 0.005
serves_as mx-burst2.example.org "300 SIGHUPs 5 ms apart: still serving, with the reloaded AuthservID"
kills SIGHUP 200 0
serves_as mx-burst2.example.org "200 SIGHUPs back to back: still serving"

echo 'NoSuchKey yes' >>"$W/am.conf"
kill -HUP "$AM_PID"
for _i in $(seq 1 50); do grep -q 'keeping the running configuration' "$W/authmilter.log" && break; sleep 0.1; done
like "$(am_log "$W")" "am.conf has errors; keeping the running configuration" \
    "a reload of a broken file says so and keeps the running configuration"
serves_as mx-burst2.example.org "  and the daemon serves with the last good one"
sed -i '/^NoSuchKey/d' "$W/am.conf"

set_id mx-usr1.example.org
kill -USR1 "$AM_PID"
for _i in $(seq 1 50); do [ "$(grep -c '^.*reloaded' "$W/authmilter.log")" -gt 0 ] && break; sleep 0.1; done
sleep 0.3
serves_as mx-usr1.example.org "SIGUSR1 reloads too (Debian's opendkim unit reloads with it)"

kills SIGUSR2 20 0.001
kills SIGPIPE 20 0.001
serves_as mx-usr1.example.org "SIGUSR2 and SIGPIPE are ignored: still serving"

am_stop
is "$?" 0 "SIGTERM: the daemon stops with status 0"
like "$(am_log "$W")" "SIGTERM: stopping" "  and says why in its log"

am_start "$W" "$W/am.conf" "$MPORT" || bail "authmilter did not start again"
pf_register "$W" "$AM_PID"
kill -INT "$AM_PID"
for _i in $(seq 1 200); do kill -0 "$AM_PID" 2>/dev/null || break; sleep 0.05; done
wait "$AM_PID"
is "$?" 0 "SIGINT: the daemon stops with status 0"
like "$(am_log "$W")" "SIGINT: stopping" "  and says why in its log"
tap_done
