#!/bin/bash
# notify.sh - readiness for systemd's Type=notify without systemd: the
# test listens on the unix datagram socket NOTIFY_SOCKET names, as the
# service manager would, and checks what authmilter says there and when.
# READY=1 must come only once the milter socket accepts connections (the
# listener tries to connect the moment READY=1 arrives); a SIGHUP is
# RELOADING=1 then READY=1; SIGTERM is STOPPING=1.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

W=$(mktemp -d "${TMPDIR:-/tmp}/authmilter-notify.XXXXXX") || bail "no work directory"
LPID=
cleanup() {
	am_stop
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

PORT=$(free_port)
am_write_conf "$W/am.conf" "$PORT" 1
"$top_srcdir/tests/lib/notify-listen.py" "$W/notify.sock" "$W/notify.out" "127.0.0.1:$PORT" &
LPID=$!
for i in $(seq 1 50); do [ -S "$W/notify.sock" ] && break; sleep 0.1; done
[ -S "$W/notify.sock" ] || bail "the notify listener did not start"

NOTIFY_SOCKET=$W/notify.sock am_start "$W" "$W/am.conf" "$PORT" || bail "authmilter did not start"
for i in $(seq 1 50); do grep -q '^READY=1' "$W/notify.out" 2>/dev/null && break; sleep 0.1; done
out=$(cat "$W/notify.out" 2>/dev/null)
like "$out" '^READY=1' "READY=1 sent at start"
like "$out" '^READY=1 .*connect=ok' "the milter socket accepted a connection when READY=1 arrived"
like "$out" "pid=$AM_PID( |\$)" "sent by the daemon's own (main) process, as NotifyAccess=main wants"

kill -HUP "$AM_PID"
for i in $(seq 1 50); do [ "$(grep -c '^READY=1' "$W/notify.out")" -ge 2 ] && break; sleep 0.1; done
out=$(cat "$W/notify.out")
is "$(awk '{ printf "%s ", $1 }' "$W/notify.out")" "READY=1 RELOADING=1 READY=1 " \
    "SIGHUP: RELOADING=1, then READY=1 when the reload is done"
like "$out" 'RELOADING=1.*MONOTONIC_USEC=[0-9]+' "RELOADING=1 carries MONOTONIC_USEC"
like "$(am_log "$W")" 'reloaded ' "and the reload itself happened"

am_stop
is "$?" 0 "SIGTERM: exit status 0"
for i in $(seq 1 20); do grep -q '^STOPPING=1' "$W/notify.out" && break; sleep 0.1; done
like "$(cat "$W/notify.out")" '^STOPPING=1' "SIGTERM: STOPPING=1"

# No NOTIFY_SOCKET (a start by hand, by a SysV script): no notification,
# no complaint; the rest of the suite runs this way.
am_write_conf "$W/am2.conf" "$PORT" 1
env -u NOTIFY_SOCKET "$AUTHMILTER" -n -c "$W/am2.conf" >/dev/null 2>&1
ok $? "without NOTIFY_SOCKET nothing changes (-n)"
tap_done
