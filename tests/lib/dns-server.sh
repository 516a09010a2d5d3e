# dns-server.sh - a real unbound on loopback as the tests' DNS server (sourced).
#
#   dns_free_port                        prints a port free for UDP and TCP on
#                                        127.0.0.1 (and ::1 when it exists)
#   dns_server_start WORKDIR PORT DATA   writes WORKDIR/unbound.conf from DATA,
#                                        runs /usr/sbin/unbound -d on PORT and
#                                        returns once it answers; on failure
#                                        prints the config check and the log
#                                        (as "# " lines on stderr), returns 1
#   dns_server_stop WORKDIR              stops it (TERM, then KILL after 5 s)
#   dns_dkim_key NAME K P                prints a DKIM key record line for
#                                        DATA: "v=DKIM1; k=K; p=P" at NAME, the
#                                        key cut into strings under 255 octets
#   dns_ask PORT NAME TYPE               one query over UDP to 127.0.0.1:PORT;
#                                        prints "RCODE ANCOUNT" (e.g.
#                                        "NOERROR 1"), or "TIMEOUT" after 2 s
#
# The server is authoritative for the fixture data and nothing else: every
# name outside the declared zones is REFUSED by the server itself, it never
# recurses, and it may not send a query to any address but its own loopback
# (do-not-query-localhost, outgoing-interface on loopback), so no packet
# leaves the machine whatever a test asks.
#
# DATA format, one statement a line; blank lines and lines starting with #
# are ignored:
#
#   zone NAME                     NAME is ours (local-zone static): names
#                                 under it without data are NXDOMAIN, names
#                                 with data but not of the asked type NODATA;
#                                 "zone ." makes every name ours: a name in
#                                 no other zone is NXDOMAIN, not REFUSED (as
#                                 the real root answers a name that is not)
#   NAME TTL IN TYPE RDATA...     a record (A, AAAA, MX, PTR, TXT, CNAME, ...)
#                                 in presentation format; names are absolute
#                                 with or without the trailing dot; a TXT
#                                 record may have several "strings"; no
#                                 single quote (') anywhere in the line
#   servfail NAME                 queries at or under NAME get rcode SERVFAIL
#                                 (a forward zone whose only server is on the
#                                 do-not-query list)
#   refused NAME                  queries at or under NAME get rcode REFUSED
#   timeout NAME                  queries at or under NAME get no answer at
#                                 all (local-zone deny: dropped)
#
# unbound's built-in zones (localhost, test., RFC 6303 reverse zones such
# as 127.in-addr.arpa and 2.0.192.in-addr.arpa) are switched off, so they
# are refused like any other name; records in them need a "zone" line of
# their own, e.g. "zone 2.0.192.in-addr.arpa" before a PTR for 192.0.2.x.
#
# The server runs as the calling user ("username" empty, no chroot), with
# its log, pid file and config in WORKDIR and remote control off.
#
# Knob (environment, read by dns_server_start): DNS_LISTEN, the addresses
# the server listens on instead of 127.0.0.1 (and ::1), space-separated,
# each ADDR or ADDR@PORT, ADDR in 127.0.0.0/8; an entry without @PORT
# takes PORT. The first entry is the one the start-up check asks. E.g.
# DNS_LISTEN="127.0.0.1 127.0.0.53@53" serves PORT as usual and also the
# standard port on 127.0.0.53, for a program that only knows resolv.conf
# (run it in a mount namespace whose /etc/resolv.conf names 127.0.0.53).
# Unset, nothing changes.

# dns_abs - NAME with exactly one trailing dot
dns_abs() {
	case "$1" in
	*.) printf '%s' "$1" ;;
	*) printf '%s.' "$1" ;;
	esac
}

# dns_have_ipv6 - true if the loopback interface has ::1
dns_have_ipv6() {
	grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null
}

# dns_free_port - a port nobody holds on loopback, UDP and TCP alike
dns_free_port() {
	DNS_V6=$(dns_have_ipv6 && echo 1 || echo 0) python3 - <<'PY'
import os, socket
hosts = [(socket.AF_INET, "127.0.0.1")]
if os.environ.get("DNS_V6") == "1":
    hosts.append((socket.AF_INET6, "::1"))
for _ in range(100):
    t = socket.socket(); t.bind(("127.0.0.1", 0)); port = t.getsockname()[1]
    held = [t]
    try:
        for fam, addr in hosts:
            for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
                if fam == socket.AF_INET and kind == socket.SOCK_STREAM:
                    continue
                s = socket.socket(fam, kind); held.append(s); s.bind((addr, port))
        print(port)
        break
    except OSError:
        pass
    finally:
        for s in held:
            s.close()
PY
}

# dns_dkim_key NAME K P - a DKIM key record line, the key cut into strings
dns_dkim_key() {
	printf '%s 300 IN TXT "v=DKIM1; k=%s; p=' "$1" "$2"
	printf '%s' "$3" | fold -w 200 | sed -e '1!s/^/" "/' | tr -d '\n'
	printf '"\n'
}

# dns_ask - one UDP query to 127.0.0.1, for readiness and fixture checks
dns_ask() {
	dns__ask_at 127.0.0.1 "$@"
}

# dns__ask_at - one UDP query to ADDR:PORT, as dns_ask prints it
dns__ask_at() {
	python3 - "$1" "$2" "$3" "$4" <<'PY'
import random, socket, struct, sys
addr, port, name, qtype = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
types = {"A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "PTR": 12, "MX": 15,
         "TXT": 16, "AAAA": 28}
rcodes = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN",
          4: "NOTIMP", 5: "REFUSED"}
qid = random.randrange(65536)
wire = b"".join(bytes([len(l)]) + l.encode() for l in name.strip(".").split(".") if l)
msg = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0) + wire + b"\0" \
    + struct.pack(">HH", types[qtype.upper()], 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(2)
s.sendto(msg, (addr, port))
try:
    while True:
        data = s.recv(65535)
        if len(data) >= 12 and struct.unpack(">H", data[:2])[0] == qid:
            break
except socket.timeout:
    print("TIMEOUT"); sys.exit(0)
flags, _, ancount = struct.unpack(">HHH", data[2:8])
print(rcodes.get(flags & 15, str(flags & 15)), ancount)
PY
}

# dns_builtin_zones - the zones unbound 1.17 answers from built-in data
# (unbound.conf(5), "local-zone"): switched off so that they are REFUSED
# like every other name outside the fixture, or served from fixture data
dns_builtin_zones() {
	echo localhost. 127.in-addr.arpa. home.arpa. onion. test. invalid.
	echo 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.
	echo 10.in-addr.arpa. 168.192.in-addr.arpa. 0.in-addr.arpa.
	echo 254.169.in-addr.arpa. 2.0.192.in-addr.arpa. 100.51.198.in-addr.arpa.
	echo 113.0.203.in-addr.arpa. 255.255.255.255.in-addr.arpa.
	echo 0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.
	echo d.f.ip6.arpa. 8.e.f.ip6.arpa. 9.e.f.ip6.arpa. a.e.f.ip6.arpa.
	echo b.e.f.ip6.arpa. 8.b.d.0.1.0.0.2.ip6.arpa.
	_i=16; while [ $_i -le 31 ]; do echo $_i.172.in-addr.arpa.; _i=$((_i + 1)); done
	_i=64; while [ $_i -le 127 ]; do echo $_i.100.in-addr.arpa.; _i=$((_i + 1)); done
}

# dns__listen PORT - the listening addresses, one "ADDR PORT" a line;
# fails on an entry of DNS_LISTEN that is not ADDR[@PORT] on 127/8
dns__listen() {
	_lport=$1
	if [ -z "${DNS_LISTEN:-}" ]; then
		echo "127.0.0.1 $_lport"
		return 0
	fi
	for _l in $DNS_LISTEN; do
		_la=${_l%%@*}
		_lp=$_lport
		case "$_l" in *@*) _lp=${_l#*@} ;; esac
		case "$_la" in
		127.*.*.*) ;;
		*) echo "dns-server: DNS_LISTEN: $_l is not on 127.0.0.0/8" >&2
			return 1 ;;
		esac
		case "$_lp" in
		'' | *[!0-9]*) echo "dns-server: DNS_LISTEN: bad port in $_l" >&2
			return 1 ;;
		esac
		echo "$_la $_lp"
	done
}

# dns_server_conf - DATA to unbound.conf on stdout
dns_server_conf() {
	_work=$1 _port=$2 _data=$3
	_root=refuse
	grep -Eq '^zone[[:space:]]+\.[[:space:]]*$' "$_data" && _root=static
	cat <<EOF
server:
	username: ""
	chroot: ""
	directory: "$_work"
	pidfile: "$_work/unbound.pid"
	logfile: "$_work/unbound.log"
	use-syslog: no
	verbosity: 1
	num-threads: 1
	so-reuseport: no
	port: $_port
	outgoing-interface: 127.0.0.1
	access-control: 127.0.0.0/8 allow
	module-config: "iterator"
	do-not-query-localhost: yes
	local-zone: "." $_root
EOF
	_ifs=$(dns__listen "$_port") || return 1
	printf '%s\n' "$_ifs" | while read -r _la _lp; do
		if [ "$_lp" = "$_port" ]; then
			printf '\tinterface: %s\n' "$_la"
		else
			printf '\tinterface: %s@%s\n' "$_la" "$_lp"
		fi
	done
	for _z in $(dns_builtin_zones); do
		printf '\tlocal-zone: "%s" nodefault\n' "$_z"
	done
	if dns_have_ipv6; then
		[ -n "${DNS_LISTEN:-}" ] || printf '\tinterface: ::1\n'
		printf '\toutgoing-interface: ::1\n'
		printf '\taccess-control: ::1 allow\n'
	else
		printf '\tdo-ip6: no\n'
	fi
	_fwd=
	_n=0
	while IFS= read -r _line || [ -n "$_line" ]; do
		_n=$((_n + 1))
		set -f
		# shellcheck disable=SC2086
		set -- $_line
		set +f
		case "${1:-#}" in
		\#*) continue ;;
		zone | timeout | refused | servfail)
			if [ $# -ne 2 ]; then
				echo "dns-server: $_data:$_n: $1 takes one name" >&2
				return 1
			fi ;;
		esac
		case "$1" in
		zone)
			[ "$2" = . ] && continue   # the root, written above
			printf '\tlocal-zone: "%s" static\n' "$(dns_abs "$2")" ;;
		timeout)
			printf '\tlocal-zone: "%s" deny\n' "$(dns_abs "$2")" ;;
		refused)
			printf '\tlocal-zone: "%s" always_refuse\n' "$(dns_abs "$2")" ;;
		servfail)
			# past the "." refuse zone to the iterator, which finds
			# its only server on the do-not-query list: SERVFAIL
			printf '\tlocal-zone: "%s" transparent\n' "$(dns_abs "$2")"
			_fwd="$_fwd $(dns_abs "$2")" ;;
		*)
			case "$_line" in
			*\'*)
				echo "dns-server: $_data:$_n: a quote (') in a record" >&2
				return 1 ;;
			esac
			if [ $# -lt 5 ] || [ "$3" != IN ]; then
				echo "dns-server: $_data:$_n: not NAME TTL IN TYPE RDATA" >&2
				return 1
			fi
			# the line as written after its first word, so that
			# spaces inside TXT strings stay as they are
			_rest=${_line#"${_line%%[! 	]*}"}
			_rest=${_rest#"$1"}
			printf "\tlocal-data: '%s%s'\n" "$(dns_abs "$1")" "$_rest" ;;
		esac
	done <"$_data"
	for _z in $_fwd; do
		printf 'forward-zone:\n\tname: "%s"\n\tforward-addr: 127.0.0.1@9\n' "$_z"
	done
	printf 'remote-control:\n\tcontrol-enable: no\n'
}

# dns_server_log - show why the server did not come up
dns_server_log() {
	{
		echo "dns-server: $*"
		[ -f "$1/checkconf.out" ] && cat "$1/checkconf.out"
		[ -f "$1/unbound.log" ] && tail -n 30 "$1/unbound.log"
		[ -f "$1/unbound.stderr" ] && tail -n 30 "$1/unbound.stderr"
	} | sed 's/^/# /' >&2
}

# dns_server_start - write the config, start unbound, wait for an answer
dns_server_start() {
	_work=$1 _port=$2 _data=$3
	mkdir -p "$_work" || return 1
	_work=$(cd "$_work" && pwd)
	rm -f "$_work/unbound.log" "$_work/unbound.pid" "$_work/checkconf.out"
	dns_server_conf "$_work" "$_port" "$_data" >"$_work/unbound.conf" || return 1
	if ! /usr/sbin/unbound-checkconf "$_work/unbound.conf" \
		>"$_work/checkconf.out" 2>&1; then
		dns_server_log "$_work" "$_work/unbound.conf does not check"
		return 1
	fi
	/usr/sbin/unbound -d -c "$_work/unbound.conf" \
		>"$_work/unbound.stderr" 2>&1 </dev/null &
	echo $! >"$_work/unbound.child"
	_tries=0
	while [ $_tries -lt 50 ]; do
		if ! kill -0 "$(cat "$_work/unbound.child")" 2>/dev/null; then
			dns_server_log "$_work" "unbound exited at start"
			return 1
		fi
		# our own log says the ports are bound (so the answer below is
		# not some other server's), and "." is refused by design (or,
		# after "zone .", answered from no data)
		if grep -q 'start of service' "$_work/unbound.log" 2>/dev/null; then
			# shellcheck disable=SC2046
			case "$(dns__ask_at $(dns__listen "$_port" | head -n 1) . SOA 2>/dev/null)" in
			REFUSED* | NOERROR* | NXDOMAIN*) return 0 ;;
			esac
		fi
		sleep 0.1
		_tries=$((_tries + 1))
	done
	dns_server_log "$_work" "unbound did not answer on port $_port within 5 s"
	dns_server_stop "$_work"
	return 1
}

# dns_server_stop - TERM, wait up to 5 s, then KILL
dns_server_stop() {
	[ -f "$1/unbound.child" ] || return 0
	_pid=$(cat "$1/unbound.child")
	kill "$_pid" 2>/dev/null
	_tries=0
	while kill -0 "$_pid" 2>/dev/null && [ $_tries -lt 50 ]; do
		sleep 0.1
		_tries=$((_tries + 1))
	done
	kill -9 "$_pid" 2>/dev/null
	wait "$_pid" 2>/dev/null
	rm -f "$1/unbound.child"
	return 0
}
