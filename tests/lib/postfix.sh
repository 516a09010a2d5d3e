# postfix.sh - a private Postfix instance on 127.0.0.1 for integration tests.
#
# Sourced (bash) by the scripts under tests/integration/, after tap.sh;
# they run as root. Each instance lives wholly under one WORKDIR: config
# directory (etc/), queue (spool/), data directory, maillog, swaks
# transcripts (swaks/) and the maildirs the virtual(8) agent fills
# (mail/LOCALPART/). /etc/postfix is only read (its master.cf is the
# model); the instance listens on 127.0.0.1:SMTP_PORT only (or on the
# PF_LISTEN address, see Knobs), asks no DNS server anything and sends no
# mail out: every packet stays on loopback.
#
#   pf_workdir                                   print a fresh WORKDIR
#   pf_start WORKDIR SMTP_PORT [MILTER_SPEC [EXTRA_MAIN_CF_LINES]]
#   pf_stop WORKDIR
#   pf_send WORKDIR SMTP_PORT CLIENT_IP HELO MAIL_FROM RCPT MESSAGE_FILE
#                          sets PF_TRANSCRIPT; returns swaks' exit status
#   pf_reply [TRANSCRIPT]  the reply that ended the transaction
#   pf_queue_id [TRANSCRIPT]
#   pf_mailbox WORKDIR LOCALPART                 (pf_send does it for RCPT)
#   pf_wait_delivered WORKDIR LOCALPART COUNT [TIMEOUT_SECONDS]
#   pf_delivered_count WORKDIR LOCALPART
#   pf_delivered_message WORKDIR LOCALPART [N]   path of the Nth delivery
#   pf_header FILE FIELD-NAME                    unfolded values, one a line
#   pf_queue WORKDIR / pf_log WORKDIR
#   pf_instance_pids WORKDIR                     live processes of the instance
#   pf_register WORKDIR PID                      stopped by pf_cleanup too
#   pf_cleanup WORKDIR...  /  pf_cleanup_on_exit WORKDIR...
#
# MILTER_SPEC is smtpd_milters as Postfix takes it (inet:127.0.0.1:PORT,
# unix:/path; a socket must be reachable by user postfix, since nothing
# is chrooted). EXTRA_MAIN_CF_LINES are "name = value" lines that add to
# or replace the defaults below. An IPv6 CLIENT_IP needs the extra line
# "inet_protocols = all" (with ipv4 Postfix answers XCLIENT ADDR=IPV6:...
# with 501); the instance still listens on 127.0.0.1 only.
#
# Knobs (environment): PF_CLIENT_NAME (XCLIENT NAME, default
# "[UNAVAILABLE]", which Postfix shows as "unknown"), PF_SWAKS_TIMEOUT
# (seconds, default 60), PF_START_TIMEOUT and PF_STOP_TIMEOUT (seconds,
# default 10), KEEP=1 (pf_cleanup leaves WORKDIR in place).
# Read by pf_start only: PF_LISTEN (the loopback IPv4 address smtpd
# listens on instead of 127.0.0.1, e.g. 127.0.0.2, so that instances can
# differ in PTR; pf_send and the start-up wait use it too; the client
# side stays 127.0.0.1) and PF_MASTER_CF_EXTRA (lines appended to
# master.cf as they are, e.g. a second smtpd on another address with
# -o overrides).
#
# Learned running Postfix 3.7 this way here:
# - There is no /etc/postfix/main.cf. As root, postfix, postqueue and
#   postsuper take -c DIR without alternate_config_directories; an
#   unprivileged postqueue -c is refused (it reads the default main.cf).
# - "postfix" chdirs to queue_directory first: it must exist before
#   "postfix check", whose post-install step creates the rest.
# - Postfix's own complaints go to maillog_file, not to the terminal,
#   and maillog_file must lie under one of maillog_file_prefixes.
# - Process names do not tell instances apart ("master -w" for all);
#   the master leads a process group holding all its children.
# - PID 1 here reaps orphans lazily (about every 2 s): a stopped
#   instance leaves zombies for a while; they count as gone.
# - XCLIENT ADDR alone keeps the client name found at connect time,
#   so NAME is always sent with it.
# - inet_interfaces may only name addresses an interface carries:
#   127.0.0.2 is routed to lo but not assigned to it, and "postfix check"
#   then fails without a word (its fatal goes to syslog, which is absent).
#   A master.cf service with an explicit HOST:PORT binds such an address
#   all the same, so PF_LISTEN leaves inet_interfaces at 127.0.0.1.

PF_DAEMON_DIR=/usr/lib/postfix/sbin

# pf__err - a diagnostic line for the test log (stderr, TAP comment form)
pf__err() {
	printf '%s\n' "$*" | sed 's/^/# /' >&2
}

# pf__dump - show a file in the test log, labelled, when something failed
pf__dump() {
	pf__err "---- $1 ----"
	if [ -s "$2" ]; then sed 's/^/# /' "$2" >&2; else pf__err "(empty)"; fi
}

# pf__abs - print the absolute, symlink-free form of an existing directory
pf__abs() {
	(cd "$1" 2>/dev/null && pwd -P)
}

# pf__now_ms - milliseconds since the epoch, for bounded waits
pf__now_ms() {
	date +%s%3N
}

# pf_workdir - create and print a fresh directory for one instance
#
# It carries the instance marker at once, so pf_cleanup removes it even
# if pf_start fails early.
pf_workdir() {
	local w
	w=$(mktemp -d "${TMPDIR:-/tmp}/authmilter-pf.XXXXXX") &&
	    : >"$w/.pf-instance" && printf '%s\n' "$w"
}

# pf__conf - the private config directory of an instance
pf__conf() {
	printf '%s/etc' "$1"
}

# pf__master_pid - the master pid the instance recorded, or nothing
pf__master_pid() {
	local f="$1/spool/pid/master.pid"
	[ -r "$f" ] && awk 'NR == 1 && $1 ~ /^[0-9]+$/ { print $1 }' "$f"
}

# pf_instance_pids - live (non-zombie) Postfix processes of one instance
#
# The master leads a process group that holds all its children; only
# members whose executable is a Postfix daemon are reported, so a reused
# group id can never make us name a stranger.
pf_instance_pids() {
	local m p exe
	m=$(pf__master_pid "$1")
	[ -n "$m" ] || return 0
	for p in $(ps -eo pid=,pgid=,stat= |
	    awk -v g="$m" '$2 == g && $3 !~ /^Z/ { print $1 }'); do
		exe=$(readlink "/proc/$p/exe" 2>/dev/null) || continue
		case $exe in "$PF_DAEMON_DIR"/*) echo "$p" ;; esac
	done
}

# pf__check_reachable - the unprivileged delivery agent must reach WORKDIR
pf__check_reachable() {
	if ! setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    test -x "$1/mail" 2>/dev/null; then
		pf__err "pf_start: $1/mail is not reachable by user nobody" \
		    "(a parent directory is not world-searchable)"
		return 1
	fi
}

# pf__write_master_cf - the package's master.cf, made private
#
# Chroot is off (the instance has no chroot tree), the one inet service
# left is smtpd on 127.0.0.1:PORT, and the postlog service that
# maillog_file needs is added if the package file lacks it.
pf__write_master_cf() {
	local port="$1" out="$2"
	# The extra lines go through the environment: awk -v would expand
	# backslash escapes in them.
	PF__EXTRA=${PF_MASTER_CF_EXTRA:-} awk -v listen="$(pf__listen):$port" '
	/^[ \t]/ { if (keep) print; next }
	/^[^#]/ && NF >= 8 {
		keep = 1
		if ($2 == "inet") {
			if ($1 != "smtp" || smtp_done) { keep = 0; next }
			$1 = listen; smtp_done = 1
		}
		if ($1 == "postlog") has_postlog = 1
		$5 = "n"
		print
		# A fresh process per delivery reads the current mailbox map.
		if ($1 == "virtual" && $2 == "unix") print "  -o max_use=1"
		next
	}
	{ keep = 0; print }
	END {
		if (!smtp_done)
			print listen " inet n - n - - smtpd"
		if (!has_postlog)
			print "postlog unix-dgram n - n - 1 postlogd"
		if (ENVIRON["PF__EXTRA"] != "")
			print ENVIRON["PF__EXTRA"]
	}' /etc/postfix/master.cf >"$out"
}

# pf__write_main_cf - main.cf of a private instance
pf__write_main_cf() {
	local w="$1" port="$2" milter="$3" extra="$4" conf
	conf=$(pf__conf "$w")
	cat >"$conf/main.cf" <<EOF
# Private test instance written by tests/lib/postfix.sh; not for use.
compatibility_level = 3.6
queue_directory = $w/spool
data_directory = $w/data
daemon_directory = $PF_DAEMON_DIR
shlib_directory = /usr/lib/postfix
meta_directory = /etc/postfix
command_directory = /usr/sbin
mail_owner = postfix
setgid_group = postdrop
syslog_name = pftest-$port
maillog_file = $w/maillog
maillog_file_prefixes = $w
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mx.example.org
mydomain = example.org
mynetworks = 127.0.0.0/8
in_flow_delay = 0
smtputf8_enable = no
biff = no

# Clients are given addresses of their own with XCLIENT; no DNS is asked
# for anything (the resolver in resolv.conf is not on loopback).
smtpd_authorized_xclient_hosts = 127.0.0.1
smtpd_peername_lookup = no

# Only example.org is accepted, for every client: nothing is relayed,
# nothing is delivered locally, and any mail that would leave (bounces
# to other domains) fails in the error transport instead.
smtpd_relay_restrictions = reject_unauth_destination
relay_domains =
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
local_transport = error:5.1.1 no local delivery in this test instance
default_transport = error:5.7.1 no outbound mail from this test instance
relay_transport = error:5.7.1 no outbound mail from this test instance
virtual_mailbox_domains = example.org
virtual_mailbox_base = $w/mail
virtual_mailbox_maps = regexp:$conf/virtual_mailbox
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534

# Messages are stored as sent: no header is added or rewritten.
local_header_rewrite_clients =

smtpd_milters = $milter
non_smtpd_milters =
milter_default_action = tempfail
milter_protocol = 6
EOF
	pf__apply_extra "$conf" "$extra" || return 1
	: >"$conf/mailboxes"
	pf__write_mailbox_map "$w"
}

# pf__apply_extra - set the caller's main.cf lines, replacing ours
#
# Postfix warns about a parameter given twice (and a warning fails the
# check), so each "name = value" (with its continuation lines) is set
# with "postconf -e", which edits an existing entry in place.
pf__apply_extra() {
	local conf="$1" extra="$2" line cur="" params=()
	[ -n "$extra" ] || return 0
	while IFS= read -r line; do
		case $line in
		'' | '#'*) continue ;;
		[[:space:]]*) cur="$cur $line"; continue ;;
		esac
		[ -z "$cur" ] || params+=("$cur")
		cur=$line
	done <<<"$extra"
	[ -z "$cur" ] || params+=("$cur")
	postconf -c "$conf" -e "${params[@]}"
}

# pf__write_mailbox_map - virtual_mailbox_maps from the registered names
#
# virtual(8) refuses "$1" substitution in this map, so each mailbox is a
# line of its own, written before mail for it arrives; the catch-all at
# the end lets smtpd accept every example.org address without reloading.
# The file is replaced whole so that no reader sees half of it.
pf__write_mailbox_map() {
	local conf name
	conf=$(pf__conf "$1")
	while read -r name; do
		printf '/^%s@example\\.org$/ %s/\n' \
		    "$(printf '%s' "$name" | sed 's/\./\\./g')" "$name"
	done <"$conf/mailboxes" >"$conf/virtual_mailbox.new" &&
	    printf '%s\n' '/@example\.org$/ unlisted/' \
	    >>"$conf/virtual_mailbox.new" &&
	    mv -f "$conf/virtual_mailbox.new" "$conf/virtual_mailbox"
}

# pf__plain_local - 0 if NAME is fit to name a maildir (and a map line)
pf__plain_local() {
	case $1 in
	'' | [!a-z0-9]* | *[!a-z0-9._-]*) return 1 ;;
	esac
}

# pf_mailbox - give LOCALPART@example.org a maildir of its own
#
# pf_send does this for the recipients it is given; call it for any other
# address that will receive mail (say, one a milter adds). Mail to an
# address never named lands in the maildir "unlisted".
pf_mailbox() {
	local w="$1" name="$2" conf
	conf=$(pf__conf "$w")
	if ! pf__plain_local "$name"; then
		pf__err "pf_mailbox: '$name' is not a plain lowercase local part"
		return 1
	fi
	{
		flock 9
		grep -qxF -- "$name" "$conf/mailboxes" ||
		    { echo "$name" >>"$conf/mailboxes" &&
		    pf__write_mailbox_map "$w"; }
	} 9>>"$w/.pf-lock"
}

# pf__log_problems - warning/fatal lines the log gained after byte OFFSET
pf__log_problems() {
	[ -f "$1/maillog" ] || return 0
	tail -c +"$(($2 + 1))" "$1/maillog" |
	    grep -E ': (warning|error|fatal|panic): ' || true
}

# pf__log_size - current size of the maillog in bytes
pf__log_size() {
	if [ -f "$1/maillog" ]; then wc -c <"$1/maillog"; else echo 0; fi
}

# pf__check - "postfix check", failing on any complaint as well as status
pf__check() {
	local w="$1" conf off rc bad
	conf=$(pf__conf "$w")
	off=$(pf__log_size "$w")
	postfix -c "$conf" check >"$w/check.out" 2>&1
	rc=$?
	bad=$(pf__log_problems "$w" "$off")
	if [ "$rc" -ne 0 ] || [ -s "$w/check.out" ] || [ -n "$bad" ]; then
		pf__err "pf_start: postfix check is not clean (status $rc)"
		uniq "$w/check.out" >"$w/check.uniq"
		pf__dump "postfix check output (repeats dropped)" "$w/check.uniq"
		pf__dump "maillog" "$w/maillog"
		return 1
	fi
}

# pf__listen - the address the instance being started listens on
pf__listen() {
	if [ -z "${PF_LISTEN:-}" ]; then
		echo 127.0.0.1
	elif [[ $PF_LISTEN =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]]; then
		printf '%s\n' "$PF_LISTEN"
	else
		echo bad-PF_LISTEN
	fi
}

# pf__addr - the address an instance listens on (as pf_start recorded it)
pf__addr() {
	local a
	a=$(awk '$1 == "listen" { print $2 }' "$1/.pf-instance" 2>/dev/null)
	printf '%s\n' "${a:-127.0.0.1}"
}

# pf__banner - 0 if ADDR:PORT answers with an SMTP 220 greeting within a second
pf__banner() {
	local fd line
	# Braces keep the 2>/dev/null from sticking to the whole shell.
	{ exec {fd}<>"/dev/tcp/$2/$1"; } 2>/dev/null || return 1
	IFS= read -r -t 1 -u "$fd" line
	{ printf 'QUIT\r\n' >&"$fd"; } 2>/dev/null
	exec {fd}>&-
	case $line in 220[\ -]*) return 0 ;; esac
	return 1
}

# pf__wait_banner - bounded wait for the greeting of a starting instance
pf__wait_banner() {
	local w="$1" port="$2" limit addr
	addr=$(pf__addr "$w")
	limit=$(($(pf__now_ms) + ${PF_START_TIMEOUT:-10} * 1000))
	until pf__banner "$port" "$addr"; do
		if [ "$(pf__now_ms)" -ge "$limit" ]; then
			pf__err "pf_start: no SMTP greeting on $addr:$port" \
			    "after ${PF_START_TIMEOUT:-10}s"
			pf__dump "maillog" "$w/maillog"
			return 1
		fi
		sleep 0.1
	done
}

# pf_start - build the private instance under WORKDIR and start it
pf_start() {
	local w="$1" port="$2" milter="${3:-}" extra="${4:-}" conf
	case $port in
	'' | *[!0-9]* | 25) pf__err "pf_start: bad SMTP port '$port'"; return 1 ;;
	esac
	mkdir -p "$w" && w=$(pf__abs "$w") || return 1
	if [ ! -f "$w/.pf-instance" ] && [ -n "$(ls -A "$w")" ]; then
		pf__err "pf_start: $w is not empty and not an instance directory"
		return 1
	fi
	case $(pf__listen) in
	bad-*) pf__err "pf_start: PF_LISTEN '$PF_LISTEN' is not a 127/8 address"; return 1 ;;
	esac
	printf 'port %s\nlisten %s\n' "$port" "$(pf__listen)" >"$w/.pf-instance" ||
	    return 1
	if [ -n "$(pf_instance_pids "$w")" ]; then
		pf__err "pf_start: an instance is already running in $w"
		return 1
	fi
	conf=$(pf__conf "$w")
	chmod 755 "$w" &&
	    mkdir -p "$conf" "$w/mail" "$w/swaks" &&
	    { [ -d "$w/spool" ] || mkdir -m 755 "$w/spool"; } &&
	    chown nobody:nogroup "$w/mail" || return 1
	pf__check_reachable "$w" || return 1
	pf__write_master_cf "$port" "$conf/master.cf" &&
	    pf__write_main_cf "$w" "$port" "$milter" "$extra" || return 1
	# Postfix rereads a main.cf changed within the last second until it
	# "cools down" (0.3 s naps), in every one of the dozen postconf runs
	# behind "postfix check": two seconds lost. Our files are complete.
	touch -d '-10 seconds' "$conf/main.cf" "$conf/master.cf" || return 1
	pf__check "$w" || return 1
	# The check just passed; this file makes "start" skip repeating it.
	: >"$w/spool/quick-start"
	if ! postfix -c "$conf" start >"$w/start.out" 2>&1; then
		pf__err "pf_start: postfix start failed"
		pf__dump "postfix start output" "$w/start.out"
		pf__dump "maillog" "$w/maillog"
		return 1
	fi
	pf__wait_banner "$w" "$port"
}

# pf__wait_gone - bounded wait until the instance has no live process
pf__wait_gone() {
	local w="$1" secs="$2" limit
	limit=$(($(pf__now_ms) + secs * 1000))
	while [ -n "$(pf_instance_pids "$w")" ]; do
		[ "$(pf__now_ms)" -lt "$limit" ] || return 1
		sleep 0.05
	done
}

# pf_stop - stop the instance and make sure none of its processes is left
pf_stop() {
	local w="$1" m p
	[ -d "$w" ] || return 0
	m=$(pf__master_pid "$w")
	[ -n "$m" ] && [ -n "$(pf_instance_pids "$w")" ] || return 0
	# "abort" sends the master the same SIGTERM as "stop" but does not
	# poll in whole seconds afterwards; we poll finer below.
	postfix -c "$(pf__conf "$w")" abort >"$w/stop.out" 2>&1
	pf__wait_gone "$w" "${PF_STOP_TIMEOUT:-10}" && return 0
	pf__err "pf_stop: instance in $w still running; killing group $m"
	ps -eo pid,pgid,stat,args | awk -v g="$m" '$2 == g' >&2
	for p in $(pf_instance_pids "$w"); do kill -KILL "$p" 2>/dev/null; done
	pf__wait_gone "$w" 2
}

# pf__data_file - MESSAGE_FILE as DATA: CRLF lines, dot-stuffed, final "."
#
# swaks' own fixups would expand tokens such as %DATE% and the two
# characters "\n" inside the message and rewrite its header; tests need
# the bytes they wrote, so swaks gets --no-data-fixup and this instead.
pf__data_file() {
	perl -0777 -pe 's/\r?\n/\r\n/g; $_ .= "\r\n" if length && !/\r\n\z/;
	    s/^\./../mg; $_ .= "."' "$1" >"$2"
}

# pf__seq - next transcript number of an instance (sends may overlap)
pf__seq() {
	local f="$1/swaks/seq" n=0
	{
		flock 9
		[ -r "$f" ] && n=$(cat "$f")
		n=$((n + 1))
		echo "$n" >"$f"
	} 9>>"$1/.pf-lock"
	echo "$n"
}

# pf_send - one SMTP transaction with swaks, XCLIENT giving CLIENT_IP
#
# An empty CLIENT_IP sends no XCLIENT (the client is 127.0.0.1); an empty
# MAIL_FROM or "<>" is the null sender; RCPT may list several, comma
# separated. Sets PF_TRANSCRIPT; returns swaks' exit status.
pf_send() {
	local w="$1" port="$2" ip="$3" helo="$4" from="$5" rcpt="$6" msg="$7"
	local n data xc=() v unset=()
	[ -r "$msg" ] || { pf__err "pf_send: cannot read $msg"; return 1; }
	n=$(pf__seq "$w")
	PF_TRANSCRIPT="$w/swaks/$n.txt"
	data="$w/swaks/$n.data"
	pf__data_file "$msg" "$data" || return 1
	[ -n "$from" ] || from='<>'
	# Other forms (upper case, "+ext"...) go to "unlisted", as Postfix has them.
	for v in $(printf '%s' "$rcpt" | tr ',' ' '); do
		case $v in *@example.org)
			! pf__plain_local "${v%@*}" ||
			    pf_mailbox "$w" "${v%@*}" || return 1 ;;
		esac
	done
	if [ -n "$ip" ]; then
		case $ip in *:*)
			case $ip in [Ii][Pp][Vv]6:*) ;; *) ip="IPV6:$ip" ;; esac
			grep -q '^inet_protocols = ipv4$' "$(pf__conf "$w")/main.cf" &&
			    pf__err "pf_send: an IPv6 XCLIENT address needs" \
			    "\"inet_protocols = all\" in pf_start's extra lines"
			;;
		esac
		xc=(--xclient-addr "$ip" --xclient-name "${PF_CLIENT_NAME:-[UNAVAILABLE]}")
	fi
	# Ignore any swaks settings of the person running the tests.
	for v in $(env | sed -n 's/^\(SWAKS_OPT_[A-Za-z0-9_]*\)=.*/\1/p'); do
		unset+=(-u "$v")
	done
	env "${unset[@]}" swaks --config --server "$(pf__addr "$w")" --port "$port" \
	    "${xc[@]}" --helo "$helo" --from "$from" --to "$rcpt" \
	    --data "@$data" --no-data-fixup --suppress-data \
	    --timeout "${PF_SWAKS_TIMEOUT:-60}s" >"$PF_TRANSCRIPT" 2>&1
}

# pf_reply - the server reply that ended the transaction in a transcript
#
# That is the last reply before our QUIT: the one to the final "." when
# the message got that far, else the refusal that stopped swaks. A
# multi-line reply is printed whole, one line each, without swaks' marks.
pf_reply() {
	awk '
	/^ -> QUIT\r?$/ { done = 1 }
	done { next }
	/^<(-|\*\*) / {
		line = substr($0, 5); sub(/\r$/, "", line)
		if (complete) { reply = ""; complete = 0 }
		reply = reply (reply == "" ? "" : "\n") line
		if (line !~ /^[0-9][0-9][0-9]-/) complete = 1
	}
	END { if (reply != "") print reply }' "${1:-$PF_TRANSCRIPT}"
}

# pf_queue_id - the queue id from a "queued as" reply, if there is one
pf_queue_id() {
	pf_reply "${1:-$PF_TRANSCRIPT}" | sed -n 's/.*queued as \([0-9A-Za-z]*\).*/\1/p'
}

# pf_delivered_count - messages delivered to one maildir so far
pf_delivered_count() {
	local d="$1/mail/$2"
	find "$d/new" "$d/cur" -type f 2>/dev/null | wc -l
}

# pf_delivered_message - path of the Nth message delivered to LOCALPART
pf_delivered_message() {
	local d="$1/mail/$2" n="${3:-1}" p
	p=$(find "$d/new" "$d/cur" -type f -printf '%T@ %p\n' 2>/dev/null |
	    sort -k1,1n -k2,2 | sed -n "${n}p" | cut -d' ' -f2-)
	[ -n "$p" ] || return 1
	printf '%s\n' "$p"
}

# pf_wait_delivered - bounded wait until COUNT messages reached LOCALPART
pf_wait_delivered() {
	local w="$1" who="$2" want="$3" secs="${4:-10}" limit
	limit=$(($(pf__now_ms) + secs * 1000))
	until [ "$(pf_delivered_count "$w" "$who")" -ge "$want" ]; do
		if [ "$(pf__now_ms)" -ge "$limit" ]; then
			pf__err "pf_wait_delivered: $who has" \
			    "$(pf_delivered_count "$w" "$who") of $want after ${secs}s"
			pf_queue "$w" | sed 's/^/# /' >&2
			pf__err "---- maillog (tail) ----"
			tail -n 20 "$w/maillog" 2>/dev/null | sed 's/^/# /' >&2
			return 1
		fi
		sleep 0.1
	done
}

# pf_header - each FIELD of a message's header, unfolded, one a line
pf_header() {
	awk -v want="$2" '
	BEGIN { want = tolower(want) }
	{ sub(/\r$/, "") }
	/^$/ { exit }
	/^[ \t]/ { if (cur != "") cur = cur " " $0; next }
	{
		if (cur != "") print cur
		cur = ""
		i = index($0, ":")
		if (i > 0 && tolower(substr($0, 1, i - 1)) == want)
			cur = substr($0, i + 1)
	}
	END { if (cur != "") print cur }' "$1" | sed 's/^[ \t]*//'
}

# pf_queue - the instance's queue listing (held messages are marked "!")
pf_queue() {
	postqueue -c "$(pf__conf "$1")" -p
}

# pf_log - the instance's maillog
pf_log() {
	cat "$1/maillog" 2>/dev/null
}

# pf__started - the start time of process PID, to know it again later
pf__started() {
	awk '{ sub(/.*\) /, ""); print $20 }' "/proc/$1/stat" 2>/dev/null
}

# pf_register - have pf_cleanup stop PID (a milter, a DNS server...) too
pf_register() {
	echo "$2 $(pf__started "$2")" >>"$1/.pf-registered"
}

# pf__stop_registered - TERM, a bounded wait, then KILL for each pid
#
# A pid whose start time changed is a new process that reused the
# number; it is not ours and is left alone.
pf__stop_registered() {
	local f="$1/.pf-registered" p t _
	[ -r "$f" ] || return 0
	while read -r p t; do
		[ -n "$t" ] && [ "$(pf__started "$p")" = "$t" ] || continue
		kill -TERM "$p" 2>/dev/null || continue
		for _ in $(seq 50); do
			case $(ps -o stat= -p "$p" 2>/dev/null) in
			'' | Z*) break ;;
			esac
			sleep 0.1
		done
		kill -KILL "$p" 2>/dev/null
	done <"$f"
	rm -f "$f"
}

# pf_cleanup - stop everything of each instance, then remove its WORKDIR
#
# Safe to call twice and from a trap; a directory without the instance
# marker is left alone, so a wrong argument cannot remove anything else.
pf_cleanup() {
	local w
	for w in "$@"; do
		[ -n "$w" ] && [ -f "$w/.pf-instance" ] || continue
		pf__stop_registered "$w"
		pf_stop "$w"
		if [ "${KEEP:-0}" = 1 ]; then
			pf__err "kept $w"
		else
			rm -rf "$w"
		fi
	done
}

# pf_cleanup_on_exit - add WORKDIRs to those pf_cleanup handles at exit
pf_cleanup_on_exit() {
	PF__CLEANUP+=("$@")
	trap 'pf_cleanup "${PF__CLEANUP[@]}"' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
}
