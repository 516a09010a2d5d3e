# peers.sh - run the peers authmilter is measured against (sourced by bash).
#
# opendkim, opendmarc and rspamd from the Debian packages, never as system
# services: each runs in the foreground from a config written under WORK,
# listens on 127.0.0.1 only, and keeps its pid, state and logs under WORK.
# Nothing in /etc is changed.
#
#   peer_opendkim_start WORK PORT DNS     DNS is ADDR@PORT (libunbound)
#   peer_opendmarc_start WORK PORT NSADDR NSADDR: the fixture server's
#                                         address, answering on port 53
#   peer_rspamd_start WORK PORT DNS COUNT DNS is ADDR:PORT; COUNT proxy
#                                         processes
#   peer_stop PID                         TERM, bounded wait, KILL
#   peer_tree PID                         PID and its descendants, one a line
#   peer_rspamd_modules WORK              the modules rspamd has on, one a line
#   peer_rspamd_settle WORK               wait until its hyperscan databases
#                                         are compiled (WORK/rspamd/db still)
#
# Each start function returns once the filter accepts on 127.0.0.1:PORT
# (or 1, with its output shown as "# " lines on stderr) and sets PEER_PID.
#
# Learned here:
# - opendkim (Debian) resolves with libunbound: "Nameservers ADDR@PORT"
#   makes it forward to that server only.
# - opendmarc and its libspf2 use the libc resolver, which has no port
#   setting: it runs in a mount namespace of its own (unshare --mount)
#   with a resolv.conf naming only NSADDR bind-mounted on /etc/resolv.conf.
# - rspamd takes 10-20 s to load the packaged rules and compile their
#   hyperscan databases; the databases are cached in WORK/rspamd/db, so a
#   restart in the same WORK is quicker. It writes no pid file in the
#   foreground. Its authserv-id is the host name: it runs in a UTS
#   namespace of its own named mx.example.org.
# - Without a syslog daemon the three run all the same; Syslog is off.

PEERS_DIR=${PEERS_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}

# peer__err - diagnostic lines on stderr, TAP comment form
peer__err() {
	printf '%s\n' "$*" | sed 's/^/# /' >&2
}

# peer__render SRC DST NAME=VALUE... - a template with @NAME@ replaced
peer__render() {
	local src="$1" dst="$2" kv expr=()
	shift 2
	for kv in "$@"; do
		expr+=(-e "s|@${kv%%=*}@|${kv#*=}|g")
	done
	sed "${expr[@]}" "$src" >"$dst"
}

# peer__answers PORT - something accepts on 127.0.0.1:PORT
peer__answers() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# peer__wait NAME PORT PID SECONDS LOG - bounded wait for the listener
peer__wait() {
	local name="$1" port="$2" pid="$3" limit=$(($4 * 10)) log="$5" i=0
	while [ $i -lt $limit ]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			peer__err "$name exited at start:"
			[ -f "$log" ] && tail -n 30 "$log" | sed 's/^/# /' >&2
			return 1
		fi
		peer__answers "$port" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	peer__err "$name did not listen on 127.0.0.1:$port within $4 s:"
	[ -f "$log" ] && tail -n 30 "$log" | sed 's/^/# /' >&2
	peer_stop "$pid"
	return 1
}

# peer_stop PID - TERM, up to 10 s (libmilter polls its listener), KILL
peer_stop() {
	local pid="$1" i
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null || return 0
	for i in $(seq 100); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

# peer_tree PID - PID and all its live descendants (rspamd's workers)
peer_tree() {
	local p
	kill -0 "$1" 2>/dev/null || return 0
	echo "$1"
	for p in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		peer_tree "$p"
	done
}

# peer_opendkim_start - opendkim, verify only, asking the fixture server
peer_opendkim_start() {
	local w="$1/opendkim"
	mkdir -p "$w" || return 1
	peer__render "$PEERS_DIR/opendkim.conf.in" "$w/opendkim.conf" \
	    "WORK=$w" "PORT=$2" "DNS=$3" || return 1
	opendkim -x "$w/opendkim.conf" >"$w/opendkim.log" 2>&1 </dev/null &
	PEER_PID=$!
	peer__wait opendkim "$2" "$PEER_PID" 10 "$w/opendkim.log"
}

# peer_opendmarc_start - opendmarc in a mount namespace with our resolv.conf
peer_opendmarc_start() {
	local w="$1/opendmarc"
	mkdir -p "$w" || return 1
	peer__render "$PEERS_DIR/opendmarc.conf.in" "$w/opendmarc.conf" \
	    "WORK=$w" "PORT=$2" || return 1
	printf 'nameserver %s\noptions attempts:1 timeout:2\n' "$3" \
	    >"$w/resolv.conf" || return 1
	# The bind mount lives and dies with the namespace: /etc/resolv.conf
	# outside it is never touched.
	# shellcheck disable=SC2016
	W="$w" unshare --mount --propagation private sh -c \
	    'mount --bind "$W/resolv.conf" /etc/resolv.conf &&
	    exec opendmarc -c "$W/opendmarc.conf"' \
	    >"$w/opendmarc.log" 2>&1 </dev/null &
	PEER_PID=$!
	peer__wait opendmarc "$2" "$PEER_PID" 10 "$w/opendmarc.log"
}

# peer__rspamd_args WORK - the command-line variables of our rspamd
peer__rspamd_args() {
	printf '%s\n' -c /etc/rspamd/rspamd.conf "--var=LOCAL_CONFDIR=$1/local" \
	    "--var=DBDIR=$1/db" "--var=RUNDIR=$1/run" "--var=LOGDIR=$1/log"
}

# peer__rspamd_conf WORK PORT DNS COUNT - our local.d and override.d
peer__rspamd_conf() {
	local w="$1" f p1 p2
	mkdir -p "$w/local" "$w/db" "$w/run" "$w/log" "$w/tmp" || return 1
	# The normal worker and the controller are off, but their bind_socket
	# is set all the same, so that nothing of theirs can land on the
	# packaged ports.
	p1=$(peer__free_port) && p2=$(peer__free_port) || return 1
	(cd "$PEERS_DIR/rspamd" && find . -type f) | while read -r f; do
		mkdir -p "$(dirname "$w/local/$f")" &&
		    peer__render "$PEERS_DIR/rspamd/$f" "$w/local/$f" \
		    "WORK=$w" "PORT=$2" "DNS=$3" "COUNT=$4" \
		    "NORMALPORT=$p1" "CONTROLLERPORT=$p2" || exit 1
	done
}

# peer__free_port - a TCP port free on 127.0.0.1
peer__free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# peer_rspamd_modules WORK - modules on in our rspamd config, one a line
peer_rspamd_modules() {
	local args
	mapfile -t args < <(peer__rspamd_args "$1")
	rspamadm "${args[@]:2}" configdump -c /etc/rspamd/rspamd.conf -m 2>/dev/null |
	    sed -n 's/^Modules enabled: //p' | tr ',' '\n' | tr -d ' ' | sort
}

# peer_rspamd_start - rspamd in milter mode (proxy worker, self_scan)
peer_rspamd_start() {
	local w="$1/rspamd" args
	peer__rspamd_conf "$w" "$2" "$3" "$4" || return 1
	mapfile -t args < <(peer__rspamd_args "$w")
	unshare --uts sh -c 'hostname mx.example.org && exec "$@"' rspamd \
	    rspamd -f -u root -g root "${args[@]}" \
	    >"$w/log/rspamd.stderr" 2>&1 </dev/null &
	PEER_PID=$!
	peer__wait rspamd "$2" "$PEER_PID" 90 "$w/log/rspamd.log"
}

# peer_rspamd_settle WORK - bounded wait (120 s) until the hs_helper has
# written all its databases: nothing in the db directory has changed for
# 3 s. A first start in a fresh WORK compiles them, at a cost in CPU and
# memory that a measurement must not include.
peer_rspamd_settle() {
	local db="$1/rspamd/db" prev="" cur same=0 _i
	for _i in $(seq 120); do
		cur=$(ls -l --time-style=+%s.%N "$db" 2>/dev/null | md5sum)
		if [ "$cur" = "$prev" ]; then
			same=$((same + 1))
			[ $same -ge 3 ] && return 0
		else
			same=0
		fi
		prev=$cur
		sleep 1
	done
	peer__err "rspamd: $db still changing after 120 s"
}
