# sendmail.sh - a private Sendmail on 127.0.0.1 for integration tests.
#
# Sourced (bash) after tap.sh and postfix.sh, whose work directory,
# cleanup and transcript helpers it shares (pf_workdir, pf_register,
# pf_cleanup, pf_reply, pf_header); the scripts run as root. The binaries
# are Debian's sendmail-bin and sendmail-cf, unpacked by
# contrib/sendmail-fetch.sh and never installed (they conflict with
# postfix). Everything of an instance lives under WORKDIR/sm: the .mc and
# the sendmail.cf made from it, queue, pid file, the traffic log (-X) and
# the mail its local mailer stored (mail/LOCALPART/*.eml).
#
#   sm_fetch                         unpack Sendmail if not yet; sets SM_ROOT
#   sm_ns_addr                       a 127/8 address whose port 53 is free
#   sm_start WORKDIR SMTP_PORT MILTER_PORT NS_ADDR
#   sm_run WORKDIR ARGS...           the instance's sendmail binary and cf
#   sm_mailq WORKDIR [-qQ]           its queue (-qQ: the quarantined mail)
#   sm_send WORKDIR SMTP_PORT CLIENT_IP HELO MAIL_FROM RCPT MESSAGE_FILE
#                                    sets SM_TRANSCRIPT; swaks' exit status
#   sm_queue_id [TRANSCRIPT]         the queue id of a 250 to the message
#   sm_delivered_count WORKDIR LOCALPART
#   sm_delivered_message WORKDIR LOCALPART [N]
#   sm_wait_delivered WORKDIR LOCALPART COUNT [TIMEOUT_SECONDS]
#   sm_stop WORKDIR                  stop the daemon and its children
#   sm_cleanup_on_exit WORKDIR       sm_stop, then pf_cleanup, at exit
#
# Mail is accepted for example.org only (LOCAL_DOMAIN), and every address
# there goes to the local mailer, a script that stores the message. No
# smtp mailer is defined, so nothing can be sent anywhere: ruleset 0 gives
# every other address to the local mailer too, as "remote" (without that
# rule Sendmail refuses a MAIL FROM of a remote domain with "553 5.1.2
# Unrecognized host name"), so a bounce would land in mail/remote/. The
# instance listens on 127.0.0.1:SMTP_PORT only (no MSA on 587). Clients
# are told apart by source address: CLIENT_IP is a 127/8 address swaks
# binds to (Sendmail has no XCLIENT).
#
# Learned running Sendmail 8.17 this way here:
# - Sendmail asks the C library for its own name and for each client's
#   (gethostbyaddr), which read /etc/hosts and /etc/resolv.conf whatever
#   the .cf says; /etc/resolv.conf names a server off the machine. So each
#   sendmail process runs in a mount and UTS namespace of its own
#   (unshare) where the host name is mx.example.org, /etc/hosts names it,
#   and /etc/resolv.conf names the fixture server on NS_ADDR:53 (the
#   dns-server.sh DNS_LISTEN knob). The bind mounts live and die with the
#   namespace. mailq needs the same: it too looks up its own name.
# - Outside such a namespace even "sendmail -bt" asks the system resolver
#   for this machine's name, and when it cannot qualify it waits about two
#   minutes; sm_fetch therefore asks only ldd whether the binary can run.
# - There is no syslog daemon: Sendmail's log is lost. The -X traffic
#   log, the SMTP replies, the queue and the stored mail tell what it did.
# - A milter it cannot reach gives "451 4.3.2 Please try again later" at
#   MAIL FROM (F=T): start authmilter first.
# - OSTYPE(linux) makes the local mailer procmail's (flags SPfhn9, run as
#   root); LOCAL_MAILER_PATH/ARGS replace the program, "-w" drops the
#   passwd lookup so that any local part is accepted, and "-A" the alias
#   lookup (with no alias database the mail stays queued, "alias database
#   unavailable").

: "${SM_CACHE:=${AUTHMILTER_SENDMAIL_CACHE:-/var/cache/authmilter-test/sendmail}}"

# sm__err - a diagnostic line for the test log (stderr, TAP comment form)
sm__err() {
	printf '%s\n' "$*" | sed 's/^/# /' >&2
}

# sm_fetch - make sure the unpacked Sendmail is there; sets SM_ROOT
sm_fetch() {
	SM_ROOT=$SM_CACHE/root
	if [ ! -f "$SM_ROOT/.complete" ]; then
		"${top_srcdir:-.}/contrib/sendmail-fetch.sh" "$SM_CACHE" >&2 ||
		    return 1
	fi
	SM_BIN=$SM_ROOT/usr/libexec/sendmail/sendmail
	SM_CF_DIR=$SM_ROOT/usr/share/sendmail/cf
	# Only the loader is asked: sendmail itself, run here, would look up
	# this machine's name with the system resolver.
	if [ ! -x "$SM_BIN" ] || ldd "$SM_BIN" 2>&1 | grep -q 'not found'; then
		sm__err "sm_fetch: $SM_BIN cannot run:"
		ldd "$SM_BIN" 2>&1 | grep 'not found' | sed 's/^/# /' >&2
		return 1
	fi
}

# sm_ns_addr - a 127/8 address (127.0.54.x) whose port 53 is free
sm_ns_addr() {
	python3 - <<'PY'
import random, socket
hosts = list(range(1, 255))
random.shuffle(hosts)
for h in hosts[:60]:
    a = "127.0.54.%d" % h
    try:
        for k in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            s = socket.socket(socket.AF_INET, k); s.bind((a, 53)); s.close()
        print(a); break
    except OSError:
        pass
PY
}

# sm__dir - the instance directory inside WORKDIR
sm__dir() {
	printf '%s/sm' "$1"
}

# sm__write_mc - the .mc of an instance
sm__write_mc() {
	local d="$1" port="$2" mport="$3" tab
	tab=$(printf '\t')
	# m4 quotes are ` and ': the here-document keeps them as they are.
	cat <<EOF
divert(-1)
# Private test instance written by tests/lib/sendmail.sh; not for use.
divert(0)dnl
VERSIONID(\`authmilter test instance')dnl
OSTYPE(\`linux')dnl
define(\`confDOMAIN_NAME', \`mx.example.org')dnl
define(\`QUEUE_DIR', \`$d/queue')dnl
define(\`confPID_FILE', \`$d/sendmail.pid')dnl
define(\`STATUS_FILE', \`$d/statistics')dnl
define(\`ALIAS_FILE', \`$d/aliases')dnl
define(\`HELP_FILE', \`$d/helpfile')dnl
define(\`confCW_FILE', \`$d/local-host-names')dnl
define(\`confSERVICE_SWITCH_FILE', \`$d/service.switch')dnl
define(\`confHOSTS_FILE', \`$d/hosts')dnl
define(\`confDONT_PROBE_INTERFACES', \`True')dnl
define(\`confTO_IDENT', \`0')dnl
define(\`LOCAL_MAILER_PATH', \`$d/deliver')dnl
define(\`LOCAL_MAILER_ARGS', \`deliver \$u')dnl
MODIFY_MAILER_FLAGS(\`LOCAL', \`-wA')dnl
FEATURE(\`no_default_msa')dnl
FEATURE(\`nocanonify')dnl
FEATURE(\`accept_unresolvable_domains')dnl
DAEMON_OPTIONS(\`Port=$port, Addr=127.0.0.1, Name=MTA, M=A')dnl
INPUT_MAIL_FILTER(\`authmilter', \`S=inet:$mport@127.0.0.1, F=T, T=S:30s;R:30s;E:2m')dnl
LOCAL_DOMAIN(\`example.org')dnl
MAILER(\`local')dnl
LOCAL_NET_CONFIG
R\$* < @ \$* > \$*${tab}\$#local \$: remote${tab}no mail leaves: to mail/remote/
EOF
}

# sm__write_deliver - the local mailer: stdin to mail/LOCALPART/N.eml
sm__write_deliver() {
	cat >"$1" <<'EOF'
#!/bin/sh
# deliver [ARGS...] LOCALPART - written by tests/lib/sendmail.sh: the
# message on stdin becomes mail/LOCALPART/TIME.PID.eml beside this script,
# written aside and renamed, so a reader never sees half of it.
for rcpt; do :; done
case $rcpt in '' | .* | */*) exit 67 ;; esac
d=$(dirname "$0")/mail/$rcpt
mkdir -p "$d" || exit 75
t=$d/.tmp.$$
cat >"$t" && mv "$t" "$d/$(date +%s%N).$$.eml" || exit 75
EOF
	chmod 755 "$1"
}

# sm__ns DIR CMD... - CMD in a mount and UTS namespace of its own, where
# the host name is mx.example.org and /etc/hosts and /etc/resolv.conf are
# the instance's; SM__SETSID=1 runs it in a session of its own
sm__ns() {
	# shellcheck disable=SC2016
	${SM__SETSID:+setsid} env D="$1" unshare --mount --uts --propagation private sh -c '
	    mount --bind "$D/resolv.conf" /etc/resolv.conf &&
	    mount --bind "$D/hosts" /etc/hosts &&
	    hostname mx.example.org &&
	    exec "$@"' sm "${@:2}"
}

# sm_run - WORKDIR's sendmail with ARGS, in the instance's namespaces
sm_run() {
	local d
	d=$(sm__dir "$1"); shift
	sm__ns "$d" "$SM_BIN" -C "$d/sendmail.cf" "$@"
}

# sm__pid - the daemon's pid, if it is alive and our binary
sm__pid() {
	local d p
	d=$(sm__dir "$1")
	p=$(head -n 1 "$d/sendmail.pid" 2>/dev/null)
	case $p in '' | *[!0-9]*) return 0 ;; esac
	[ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$SM_BIN" ] && echo "$p"
}

# sm__pids - live processes of the instance: our binary in its session
sm__pids() {
	local s="$1" p
	[ -n "$s" ] || return 0
	for p in $(ps -eo pid=,sess=,stat= |
	    awk -v s="$s" '$2 == s && $3 !~ /^Z/ { print $1 }'); do
		[ "$(readlink "/proc/$p/exe" 2>/dev/null)" = "$SM_BIN" ] && echo "$p"
	done
}

# sm__banner - 0 if 127.0.0.1:PORT answers with a 220 greeting within a second
sm__banner() {
	local fd line
	{ exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
	IFS= read -r -t 1 -u "$fd" line
	{ printf 'QUIT\r\n' >&"$fd"; } 2>/dev/null
	exec {fd}>&-
	case $line in 220[\ -]*) return 0 ;; esac
	return 1
}

# sm_start - write the instance under WORKDIR/sm and run its daemon
sm_start() {
	local w="$1" port="$2" mport="$3" ns="$4" d
	case $port in
	'' | *[!0-9]* | 25) sm__err "sm_start: bad SMTP port '$port'"; return 1 ;;
	esac
	[ -n "${SM_BIN:-}" ] || sm_fetch || return 1
	d=$(sm__dir "$w")
	mkdir -p "$d/mail" "$d/queue" && chmod 700 "$d/queue" || return 1
	: >"$d/aliases" &&
	    cp "$SM_ROOT/etc/mail/helpfile" "$d/helpfile" &&
	    echo example.org >"$d/local-host-names" &&
	    printf 'hosts\tfiles\naliases\tfiles\n' >"$d/service.switch" &&
	    printf '127.0.0.1\tmx.example.org localhost\n' >"$d/hosts" &&
	    printf 'nameserver %s\noptions attempts:1 timeout:1\n' "$ns" \
	    >"$d/resolv.conf" &&
	    sm__write_deliver "$d/deliver" &&
	    sm__write_mc "$d" "$port" "$mport" >"$d/sendmail.mc" || return 1
	if ! m4 -D_CF_DIR_="$SM_CF_DIR/" "$SM_CF_DIR/m4/cf.m4" "$d/sendmail.mc" \
	    >"$d/sendmail.cf" 2>"$d/m4.err" || [ -s "$d/m4.err" ]; then
		sm__err "sm_start: m4 could not make sendmail.cf:"
		sed 's/^/# /' "$d/m4.err" >&2
		return 1
	fi
	# -bD: the daemon without forking away; setsid: a session of its own
	# that sm_stop can sweep.
	SM__SETSID=1 sm_run "$w" -bD -X "$d/traffic.log" \
	    >"$d/daemon.out" 2>&1 </dev/null &
	for _ in $(seq 1 100); do
		[ -n "$(sm__pid "$w")" ] && sm__banner "$port" && break
		sleep 0.1
	done
	if [ -z "$(sm__pid "$w")" ] || ! sm__banner "$port"; then
		sm__err "sm_start: no Sendmail greeting on 127.0.0.1:$port after 10s"
		sed 's/^/# /' "$d/daemon.out" >&2
		return 1
	fi
	ps -o sess= -p "$(sm__pid "$w")" | tr -d ' ' >"$d/session"
}

# sm_stop - TERM the daemon, wait, then KILL whatever of it is left
sm_stop() {
	local d s p
	d=$(sm__dir "$1")
	[ -r "$d/session" ] || return 0
	s=$(cat "$d/session")
	p=$(sm__pid "$1")
	[ -z "$p" ] || kill -TERM "$p" 2>/dev/null
	for _ in $(seq 1 50); do
		[ -n "$(sm__pids "$s")" ] || break
		sleep 0.1
	done
	for p in $(sm__pids "$s"); do kill -KILL "$p" 2>/dev/null; done
	rm -f "$d/session"
}

# sm_cleanup_on_exit - at exit stop the instance, then pf_cleanup WORKDIR
sm_cleanup_on_exit() {
	SM__CLEANUP=$1
	trap 'sm_stop "$SM__CLEANUP"; pf_cleanup "$SM__CLEANUP"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# sm_mailq - the instance's queue listing (mailq); -qQ: the quarantined
sm_mailq() {
	local w="$1"; shift
	sm_run "$w" -bp "$@" 2>&1
}

# sm_send - one SMTP transaction with swaks from CLIENT_IP (a 127/8
# address); an empty MAIL_FROM is the null sender. Sets SM_TRANSCRIPT.
sm_send() {
	local w="$1" port="$2" ip="$3" helo="$4" from="$5" rcpt="$6" msg="$7"
	local d n data v unset=()
	d=$(sm__dir "$w")
	[ -r "$msg" ] || { sm__err "sm_send: cannot read $msg"; return 1; }
	mkdir -p "$d/swaks" || return 1
	n=$(($(find "$d/swaks" -name '*.txt' | wc -l) + 1))
	SM_TRANSCRIPT="$d/swaks/$n.txt"
	data="$d/swaks/$n.data"
	pf__data_file "$msg" "$data" || return 1
	[ -n "$from" ] || from='<>'
	for v in $(env | sed -n 's/^\(SWAKS_OPT_[A-Za-z0-9_]*\)=.*/\1/p'); do
		unset+=(-u "$v")
	done
	env "${unset[@]}" swaks --config --server 127.0.0.1 --port "$port" \
	    --local-interface "$ip" --helo "$helo" --from "$from" --to "$rcpt" \
	    --data "@$data" --no-data-fixup --suppress-data \
	    --timeout "${SM_SWAKS_TIMEOUT:-60}s" >"$SM_TRANSCRIPT" 2>&1
}

# sm_queue_id - the id in Sendmail's "250 2.0.0 ID Message accepted"
sm_queue_id() {
	pf_reply "${1:-$SM_TRANSCRIPT}" |
	    sed -n 's/^250 2\.0\.0 \([0-9A-Za-z]*\) Message accepted.*/\1/p'
}

# sm_delivered_count - messages the local mailer stored for LOCALPART
sm_delivered_count() {
	find "$(sm__dir "$1")/mail/$2" -name '*.eml' -type f 2>/dev/null | wc -l
}

# sm_delivered_message - path of the Nth message stored for LOCALPART
sm_delivered_message() {
	local p
	p=$(find "$(sm__dir "$1")/mail/$2" -name '*.eml' -type f 2>/dev/null |
	    sort | sed -n "${3:-1}p")
	[ -n "$p" ] || return 1
	printf '%s\n' "$p"
}

# sm_wait_delivered - bounded wait until COUNT messages reached LOCALPART
sm_wait_delivered() {
	local w="$1" who="$2" want="$3" secs="${4:-10}" limit
	limit=$(($(date +%s%3N) + secs * 1000))
	until [ "$(sm_delivered_count "$w" "$who")" -ge "$want" ]; do
		if [ "$(date +%s%3N)" -ge "$limit" ]; then
			sm__err "sm_wait_delivered: $who has" \
			    "$(sm_delivered_count "$w" "$who") of $want after ${secs}s"
			sm_mailq "$w" | sed 's/^/# /' >&2
			return 1
		fi
		sleep 0.1
	done
}
