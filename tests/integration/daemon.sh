#!/bin/bash
# daemon.sh - authmilter as a system daemon: detaching, PidFile, UserID,
# a unix socket that Postfix (user postfix) reaches, SIGTERM.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "privilege drop, Postfix"
id nobody >/dev/null 2>&1 && getent group postfix >/dev/null || bail "needs user nobody and group postfix"

it_workdir
SPORT=$(free_port)
it_dns_start "$top_srcdir/tests/integration/spf.zone"

mkdir -p "$W/run" && chmod 755 "$W" "$W/run" && chown nobody "$W/run"
SOCK="$W/run/authmilter.sock"
am_write_conf "$W/am.conf" 1 "$DNSPORT" "$(printf 'PidFile %s\nUserID nobody:postfix\n' "$W/run/authmilter.pid")"
sed -i "s#^Socket .*#Socket unix:$SOCK#" "$W/am.conf"

# Without -f: the parent returns at once, the daemon keeps running. The
# -c path is relative: reloads must still find it after the daemon has
# gone to "/".
AUTHMILTER_ABS=$(cd "$(dirname "$AUTHMILTER")" && pwd)/$(basename "$AUTHMILTER")
(cd "$W" && "$AUTHMILTER_ABS" -c am.conf) >"$W/start.out" 2>&1
is "$?" 0 "started without -f (and -c am.conf, relative): the parent exits 0"
for i in $(seq 1 50); do [ -S "$SOCK" ] && [ -s "$W/run/authmilter.pid" ] && break; sleep 0.1; done
PID=$(cat "$W/run/authmilter.pid" 2>/dev/null)
pf_register "$W" "$PID"
kill -0 "$PID" 2>/dev/null
ok $? "PidFile names a running process ($PID)"
is "$(ps -o ppid= -p "$PID" | tr -d ' ')" 1 "detached: its parent is init"
is "$(ps -o user= -p "$PID" | tr -d ' ')" nobody "UserID: runs as nobody"
is "$(ps -o group= -p "$PID" | tr -d ' ')" postfix "UserID: with group postfix"
is "$(stat -c '%U:%G %a' "$SOCK")" "nobody:postfix 660" "unix socket belongs to nobody:postfix, mode 660"

pf_start "$W" "$SPORT" "unix:$SOCK" || bail "private Postfix did not start"
printf 'From: <a@pass.example>\nTo: <u1@example.org>\nSubject: unix socket\n\nhi\n' >"$W/m.eml"
pf_send "$W" "$SPORT" 192.0.2.10 mail.pass.example alice@pass.example u1@example.org "$W/m.eml"
like "$(pf_reply)" '^250 ' "mail through the unix socket accepted"
pf_wait_delivered "$W" u1 1 10
like "$(pf_header "$(pf_delivered_message "$W" u1 1)" Authentication-Results)" \
    '^mx\.example\.org; spf=pass smtp\.mailfrom=pass\.example' \
    "Postfix (user postfix) reached the milter on its socket: our field is there"

sed -i 's/^AuthservID .*/AuthservID mx2.example.org/' "$W/am.conf"
kill -HUP "$PID"
sleep 1
pf_send "$W" "$SPORT" 192.0.2.10 mail.pass.example alice@pass.example u1@example.org "$W/m.eml"
pf_wait_delivered "$W" u1 2 10
like "$(pf_header "$(pf_delivered_message "$W" u1 2)" Authentication-Results)" \
    '^mx2\.example\.org; spf=pass' \
    "SIGHUP re-read the relative -c file after detaching: the new AuthservID is used"

# A second instance on the same socket and PidFile refuses to start and
# leaves the first one serving.
"$AUTHMILTER" -f -c "$W/am.conf" >"$W/second.out" 2>&1
is "$?" 1 "a second instance on the same unix socket exits 1"
like "$(cat "$W/second.out")" "$SOCK: another process is listening on it" "  and says why"
pf_send "$W" "$SPORT" 192.0.2.10 mail.pass.example alice@pass.example u1@example.org "$W/m.eml"
like "$(pf_reply)" '^250 ' "  the first instance still serves"
sed "s#^Socket .*#Socket inet:$(free_port)@127.0.0.1#" "$W/am.conf" >"$W/other.conf"
"$AUTHMILTER" -f -c "$W/other.conf" >"$W/second.out" 2>&1
is "$?" 1 "a second instance on another socket but the same PidFile exits 1"
like "$(cat "$W/second.out")" "PidFile $W/run/authmilter.pid names process $PID, which is running" "  and says why"
mkdir "$W/notasocket"
sed "s#^Socket .*#Socket unix:$W/notasocket#; /^PidFile/d" "$W/am.conf" >"$W/dir.conf"
"$AUTHMILTER" -f -c "$W/dir.conf" >"$W/second.out" 2>&1
is "$?" 1 "a directory at the socket path: exits 1"
like "$(cat "$W/second.out")" "notasocket exists and is not a socket \(a directory\)" "  and says so"

kill -TERM "$PID"
for i in $(seq 1 200); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
kill -0 "$PID" 2>/dev/null
ok $((! $?)) "SIGTERM: the daemon exits within 10 s"
[ ! -e "$SOCK" ] && [ ! -e "$W/run/authmilter.pid" ]
ok $? "  a clean exit removes the socket and the PidFile it created"
# UMask, without UserID: the socket's mode follows it (OpenDKIM's key).
sed "s#^Socket .*#Socket unix:$W/run/umask.sock#; /^PidFile/d; /^UserID/d" "$W/am.conf" >"$W/umask.conf"
echo "UMask 007" >>"$W/umask.conf"
"$AUTHMILTER" -f -c "$W/umask.conf" >"$W/umask.out" 2>&1 &
UPID=$!
pf_register "$W" "$UPID"
for i in $(seq 1 50); do [ -S "$W/run/umask.sock" ] && break; sleep 0.1; done
is "$(stat -c '%a' "$W/run/umask.sock" 2>&1)" 770 "UMask 007: the unix socket is made with mode 770"
kill -TERM "$UPID"; wait "$UPID"
tap_done
