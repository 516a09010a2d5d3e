#!/bin/bash
# package.sh - the Debian package, end to end, as root on a disposable
# machine: build the .deb from a copy of this tree, lintian, install it
# with dpkg, check what it installed, run the installed daemon the way
# authmilter.service does (its user, umask, runtime directory, with the
# test listening on NOTIFY_SOCKET as systemd would), reload and stop it,
# upgrade with an edited conffile, and purge: nothing may be left.
#
# It installs a package, so it restores the machine (purge) on any exit.
# It never touches the system Postfix: it only connects to the milter's
# socket as the postfix user. Other tests may run beside it: they use the
# build tree's binaries, not /usr/sbin.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "dpkg -i, a system user"
for t in dpkg-buildpackage dh lintian systemd-analyze setpriv python3; do
	command -v "$t" >/dev/null || bail "$t is missing: run contrib/deps.sh"
done
getent group postfix >/dev/null && [ -d /var/spool/postfix ] || bail "needs Postfix installed (group postfix, /var/spool/postfix)"
# What purge removes must not have been there before.
dpkg-query -W -f='${Status}' authmilter 2>/dev/null | grep -q installed &&
	bail "the authmilter package is already installed here: not a disposable machine"
for p in /etc/authmilter /var/spool/postfix/authmilter /run/authmilter; do
	[ -e "$p" ] && bail "$p exists already: not touching it"
done
getent passwd authmilter >/dev/null && bail "a user authmilter exists already"

# The system's python3: the one on root's PATH may be in root's home,
# which the postfix user cannot read.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
W=$(mktemp -d "${TMPDIR:-/tmp}/authmilter-package.XXXXXX") || bail "no work directory"
chmod 755 "$W"
PID= LPID=
cleanup() {
	[ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
	[ -n "$LPID" ] && kill "$LPID" 2>/dev/null
	dpkg --purge authmilter authmilter-selfcheck >"$W/cleanup-purge.out" 2>&1
	rm -rf "$W"
}
trap cleanup EXIT

# snapshot NAME - every path under the trees a package may touch, less
# the ones that change by themselves (logs, caches, dpkg's own records)
snapshot() {
	find /etc /usr /var -xdev \
	    \( -path /var/log -o -path /var/cache -o -path /var/lib/dpkg \
	       -o -path /var/lib/apt -o -path /var/backups -o -path /var/tmp \
	       -o -path /var/spool/postfix -o -path /var/lib/postfix \
	       -o -name __pycache__ -o -path /usr/local \
	    \) -prune -o -print 2>/dev/null | sort >"$W/$1"
	ls -a /var/spool/postfix | sort >>"$W/$1.spool"
	getent passwd >"$W/$1.passwd"
	getent group >"$W/$1.group"
}
snapshot before

# --- build: from a copy, so the .deb and friends land in $W, not in
# the parent of the clone; what git ignores (build trees) is not copied.
mkdir "$W/src"
if git -C "$top_srcdir" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$top_srcdir" && git ls-files -z -co --exclude-standard |
	    tar -cf - --null -T -) | tar -xf - -C "$W/src"
else
	(cd "$top_srcdir" && tar -cf - --exclude='./build*' .) | tar -xf - -C "$W/src"
fi
(cd "$W/src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    dpkg-buildpackage -b -us -uc -j2) >"$W/build.log" 2>&1
ok $? "dpkg-buildpackage -b -us -uc builds" || { tail -40 "$W/build.log" | while IFS= read -r l; do diag "$l"; done; }
DEB=$W/authmilter_0.1.0-1_$(dpkg --print-architecture).deb
SCDEB=$W/authmilter-selfcheck_0.1.0-1_$(dpkg --print-architecture).deb
[ -f "$DEB" ] && [ -f "$SCDEB" ] || bail "no .deb built"
[ ! -e "$W/src/config.status" ] && [ ! -e "$W/src/Makefile" ]
ok $? "the build stayed out of the source tree (debian/build)"
[ ! -e "$W/src/debian/build/test-suite.log" ]; ok $? "the package build does not run the test suite"

lintian --pedantic -E -I "$W"/authmilter_0.1.0-1_*.changes >"$W/lintian.out" 2>&1
grep -E '^[WIP]:' "$W/lintian.out" | while IFS= read -r l; do diag "lintian: $l"; done
! grep -q '^E:' "$W/lintian.out"
ok $? "lintian: no errors" || diag "$(grep '^E:' "$W/lintian.out")"
# The only warning: the first upload of a package closes no ITP bug,
# which is for Debian's archive, not this project's package.
! grep '^W:' "$W/lintian.out" | grep -qv initial-upload-closes-no-bugs
ok $? "lintian: no warning but initial-upload-closes-no-bugs"

# --- install
DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB" "$SCDEB" >"$W/install.log" 2>&1
ok $? "dpkg -i installs both packages" || { while IFS= read -r l; do diag "$l"; done <"$W/install.log"; }
for f in /usr/sbin/authmilter /usr/sbin/authmilter-selfcheck; do
	[ -x "$f" ]; ok $? "$f installed"
done
for f in /usr/share/man/man8/authmilter.8.gz /usr/share/man/man5/authmilter.conf.5.gz \
    /usr/share/man/man8/authmilter-selfcheck.8.gz \
    /usr/share/doc/authmilter/examples/postfix-main.cf.snippet \
    /usr/share/doc/authmilter/examples/sendmail.mc.snippet \
    /usr/share/doc/authmilter/README.Debian /usr/share/doc/authmilter/copyright \
    /lib/systemd/system/authmilter.service /usr/lib/tmpfiles.d/authmilter.conf; do
	[ -f "$f" ]; ok $? "$f installed"
done
grep -qx 'smtpd_milters = unix:/authmilter/authmilter.sock' \
    /usr/share/doc/authmilter/examples/postfix-main.cf.snippet
ok $? "the Postfix snippet names the socket inside smtpd's chroot"
grep -q "^INPUT_MAIL_FILTER(\`authmilter'" /usr/share/doc/authmilter/examples/sendmail.mc.snippet
ok $? "the Sendmail snippet is an INPUT_MAIL_FILTER line"
like "$(MANWIDTH=80 man /usr/share/man/man8/authmilter.8.gz 2>&1)" 'unix:/authmilter/authmilter.sock' \
    "authmilter(8) documents smtpd_milters = unix:/authmilter/authmilter.sock"
CONF=/etc/authmilter/authmilter.conf
grep -qx "$CONF" /var/lib/dpkg/info/authmilter.conffiles
ok $? "$CONF is a conffile"
like "$(dpkg-query -W -f='${Conffiles}' authmilter)" "$CONF [0-9a-f]{32}" "dpkg tracks $CONF"
grep -qx 'Socket unix:/var/spool/postfix/authmilter/authmilter.sock' "$CONF"
ok $? "the packaged configuration listens in Postfix's spool"
grep -q '^UserID' "$CONF"; [ $? -ne 0 ]; ok $? "and sets no UserID (the unit's User= is the user)"

id authmilter >/dev/null 2>&1; ok $? "postinst made the user authmilter"
is "$(getent passwd authmilter | cut -d: -f6,7)" "/nonexistent:/usr/sbin/nologin" \
    "authmilter: no home, no login shell"
[ "$(id -u authmilter)" -lt 1000 ]; ok $? "authmilter is a system user (uid $(id -u authmilter))"
SOCKDIR=/var/spool/postfix/authmilter
is "$(stat -c '%U:%G %a' "$SOCKDIR" 2>&1)" "authmilter:postfix 2750" \
    "$SOCKDIR: authmilter:postfix, mode 2750 (setgid)"

out=$(/usr/sbin/authmilter -n -c "$CONF" 2>&1)
ok $? "installed authmilter -n accepts the installed configuration"
is "$out" "$CONF: configuration OK" "and says so"
out=$(/usr/sbin/authmilter -n 2>&1)
is "$out" "$CONF: configuration OK" "without -c it reads $CONF"

# --- the unit, verified offline now that its binary and man pages exist
UNIT=/lib/systemd/system/authmilter.service
out=$(systemd-analyze verify "$UNIT" 2>&1)
ok $? "systemd-analyze verify $UNIT" || diag "$out"
is "$out" "" "systemd-analyze verify says nothing"
out=$(systemd-analyze security --offline=yes "$UNIT" 2>&1)
score=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for authmilter.service: \([0-9.]*\).*/\1/p')
diag "systemd-analyze security: $(printf '%s\n' "$out" | grep 'Overall exposure')"
awk -v s="${score:-99}" 'BEGIN { exit !(s <= 2.0) }'
ok $? "systemd-analyze security --offline: exposure ${score:-?} (at most 2.0)"

unit_value() { sed -n "s/^$1=//p" "$UNIT" | tail -1; }
EXEC=$(unit_value ExecStart)
UUSER=$(unit_value User) UGROUP=$(unit_value Group) UMASK_=$(unit_value UMask)
RTDIR=/run/$(unit_value RuntimeDirectory) RTMODE=$(unit_value RuntimeDirectoryMode)
is "$(unit_value Type)" notify "Type=notify"
is "$EXEC" "/usr/sbin/authmilter -f -c /etc/authmilter/authmilter.conf" "ExecStart"
is "$(unit_value CapabilityBoundingSet)" "" "CapabilityBoundingSet= (empty)"
for k in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes; do
	grep -qx "$k" "$UNIT"; ok $? "unit: $k"
done
grep -qx 'ExecReload=/bin/kill -HUP $MAINPID' "$UNIT"; ok $? "unit: ExecReload sends SIGHUP"

# --- start it the way the unit does: its RuntimeDirectory, its user and
# group with no capabilities and no new privileges, its umask, its
# ExecStart, and NOTIFY_SOCKET where the test listens (as systemd would).
install -d -o "$UUSER" -g "$UGROUP" -m "${RTMODE:-0755}" "$RTDIR"
"$top_srcdir/tests/lib/notify-listen.py" "$W/notify.sock" "$W/notify.out" \
    "$SOCKDIR/authmilter.sock" &
LPID=$!
for i in $(seq 1 50); do [ -S "$W/notify.sock" ] && break; sleep 0.1; done
# shellcheck disable=SC2086
NOTIFY_SOCKET=$W/notify.sock setpriv --reuid="$UUSER" --regid="$UGROUP" --init-groups \
    --no-new-privs --bounding-set=-all --inh-caps=-all \
    sh -c "umask $UMASK_ && exec $EXEC" </dev/null >"$W/daemon.log" 2>&1 &
PID=$!
for i in $(seq 1 100); do grep -q '^READY=1' "$W/notify.out" 2>/dev/null && break; sleep 0.1; done
like "$(cat "$W/notify.out" 2>/dev/null)" "^READY=1 .*connect=ok pid=$PID\$" \
    "READY=1 from the main process, the socket accepting when it arrived" ||
    diag "$(cat "$W/daemon.log")"
is "$(ps -o user:32=,group:32= -p "$PID" | tr -s ' ' | sed 's/^ //; s/ $//')" "authmilter authmilter" "runs as authmilter:authmilter"
is "$(sed -n 's/^CapBnd:\t*//p' "/proc/$PID/status")" 0000000000000000 "no capabilities in its bounding set"
is "$(sed -n 's/^NoNewPrivs:\t*//p' "/proc/$PID/status")" 1 "no new privileges"
SOCK=$SOCKDIR/authmilter.sock
is "$(stat -c '%U:%G %a' "$SOCK" 2>&1)" "authmilter:postfix 770" \
    "the socket: authmilter:postfix, mode 770 (group from the setgid directory)"
is "$(cat "$RTDIR/authmilter.pid" 2>&1)" "$PID" "PidFile in the RuntimeDirectory"

# milter_negotiate USER - as USER, send SMFIC_OPTNEG on the socket and
# print the reply's command letter (O: the milter answered)
milter_negotiate() {
	setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups "$PY" - "$SOCK" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(5)
try:
    s.connect(sys.argv[1])
except OSError as e:
    print("connect: %s" % e.strerror); sys.exit(0)
body = b"O" + struct.pack(">III", 6, 0x1FF, 0x1FFFFF)
s.sendall(struct.pack(">I", len(body)) + body)
n = struct.unpack(">I", s.recv(4))[0]
print(s.recv(n)[:1].decode())
PY
}
is "$(milter_negotiate postfix)" O "the postfix user (smtpd) negotiates with the milter on its socket"
like "$(milter_negotiate nobody)" '^connect: Permission denied' "another user (nobody) cannot connect"

# --- reload: ExecReload's SIGHUP
kill -HUP "$PID"
for i in $(seq 1 50); do [ "$(grep -c '^READY=1' "$W/notify.out")" -ge 2 ] && break; sleep 0.1; done
is "$(awk '{ printf "%s ", $1 }' "$W/notify.out")" "READY=1 RELOADING=1 READY=1 " \
    "SIGHUP: RELOADING=1 then READY=1"
like "$(cat "$W/daemon.log")" "reloaded /etc/authmilter/authmilter.conf" "the reload is logged"
is "$(milter_negotiate postfix)" O "still answering after the reload"

# --- stop: systemd's SIGTERM
kill -TERM "$PID"
for i in $(seq 1 200); do kill -0 "$PID" 2>/dev/null || break; sleep 0.05; done
kill -0 "$PID" 2>/dev/null; [ $? -ne 0 ]; ok $? "SIGTERM: it stops"
wait "$PID"; is "$?" 0 "exit status 0"
PID=
like "$(cat "$W/notify.out")" '^STOPPING=1' "STOPPING=1 sent"
[ ! -e "$SOCK" ]; ok $? "the socket is removed"
[ ! -e "$RTDIR/authmilter.pid" ]; ok $? "the PidFile is removed"
rm -rf "$RTDIR"        # systemd removes the RuntimeDirectory at stop

# --- upgrade: an admin's edit survives (same version reinstalled, then a
# newer version whose packaged conffile changed too)
echo "AuthservID mx.admin-edit.example" >>"$CONF"
DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB" >"$W/reinstall.log" 2>&1
ok $? "dpkg -i the same .deb again"
grep -qx 'AuthservID mx.admin-edit.example' "$CONF"; ok $? "the edited conffile survives a reinstall"
dpkg-deb -R "$DEB" "$W/v2"
sed -i 's/^Version: .*/Version: 0.1.0-2/' "$W/v2/DEBIAN/control"
echo "# a line the next version adds" >>"$W/v2/etc/authmilter/authmilter.conf"
(cd "$W/v2" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum >DEBIAN/md5sums)
dpkg-deb -b "$W/v2" "$W/authmilter_0.1.0-2.deb" >/dev/null 2>&1
DEBIAN_FRONTEND=noninteractive dpkg -i --force-confdef --force-confold \
    "$W/authmilter_0.1.0-2.deb" >"$W/upgrade.log" 2>&1
ok $? "upgrade to 0.1.0-2 (its conffile changed too)" || diag "$(cat "$W/upgrade.log")"
is "$(dpkg-query -W -f='${Version}' authmilter)" 0.1.0-2 "0.1.0-2 is installed"
grep -qx 'AuthservID mx.admin-edit.example' "$CONF"; ok $? "the edited conffile survives the upgrade"
[ -f "$CONF.dpkg-dist" ]; ok $? "the new version's file is set beside it ($CONF.dpkg-dist)"
id authmilter >/dev/null 2>&1 && [ -d "$SOCKDIR" ]; ok $? "the user and the socket directory stay"

# --- purge: nothing left behind
DEBIAN_FRONTEND=noninteractive dpkg --purge authmilter authmilter-selfcheck >"$W/purge.log" 2>&1
ok $? "dpkg --purge both" || diag "$(cat "$W/purge.log")"
getent passwd authmilter >/dev/null; [ $? -ne 0 ]; ok $? "no user authmilter"
getent group authmilter >/dev/null; [ $? -ne 0 ]; ok $? "no group authmilter"
[ ! -e /etc/authmilter ]; ok $? "no /etc/authmilter"
[ ! -e "$SOCKDIR" ]; ok $? "no $SOCKDIR"
snapshot after
out=$(diff "$W/before" "$W/after"; diff "$W/before.spool" "$W/after.spool";
      diff "$W/before.passwd" "$W/after.passwd"; diff "$W/before.group" "$W/after.group")
is "$out" "" "the file trees, the spool, the users and groups are as before the install"
tap_done
