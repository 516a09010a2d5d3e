# authmilter.sh - run the authmilter daemon for a test or the demo (sourced).
#
#   am_write_conf FILE PORT DNSPORT [LINES]   a config listening on
#                                    inet:PORT@127.0.0.1, asking the fixture
#                                    DNS server on 127.0.0.1@DNSPORT; LINES
#                                    (Key value, newline-separated) follow
#   am_start WORKDIR CONF PORT       run `authmilter -f -c CONF` in the
#                                    background, logging to WORKDIR/authmilter.log;
#                                    returns once 127.0.0.1:PORT accepts;
#                                    sets AM_PID
#   am_stop                          SIGTERM, wait up to 10 s; returns its status
#   am_log WORKDIR                   the log so far
#
# AUTHMILTER (default $top_builddir/authmilter) names the binary.

: "${AUTHMILTER:=${top_builddir:-.}/authmilter}"

am_write_conf() {
	{
		echo "Socket inet:$2@127.0.0.1"
		echo "AuthservID mx.example.org"
		echo "Nameservers 127.0.0.1@$3"
		echo "DNSTimeout 2"
		echo "LogLevel info"
		[ -n "${4:-}" ] && printf '%s\n' "$4"
	} >"$1"
}

# am__answers PORT - something accepts on 127.0.0.1:PORT
am__answers() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

am_start() {
	local i
	"$AUTHMILTER" -f -c "$2" >>"$1/authmilter.log" 2>&1 &
	AM_PID=$!
	for i in $(seq 1 100); do
		am__answers "$3" && return 0
		kill -0 "$AM_PID" 2>/dev/null || break
		sleep 0.05
	done
	echo "# authmilter did not come up on port $3:" >&2
	sed 's/^/# /' "$1/authmilter.log" >&2
	return 1
}

am_stop() {
	local i rc
	[ -n "${AM_PID:-}" ] || return 0
	kill -TERM "$AM_PID" 2>/dev/null
	# libmilter's listener notices the stop between polls: up to ~5 s.
	for i in $(seq 1 200); do
		kill -0 "$AM_PID" 2>/dev/null || break
		sleep 0.05
	done
	kill -KILL "$AM_PID" 2>/dev/null
	wait "$AM_PID" 2>/dev/null
	rc=$?
	AM_PID=
	return $rc
}

am_log() {
	cat "$1/authmilter.log"
}
