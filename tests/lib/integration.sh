# integration.sh - the opening the integration and bench scripts share
# (sourced, bash).
#
# A script finds the tree, then sources this file:
#
#   : "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
#   . "$top_srcdir/tests/lib/integration.sh"
#
# which sets top_builddir (default: top_srcdir), sources tap.sh,
# dns-server.sh, postfix.sh and authmilter.sh (definitions only), and
# offers the steps most scripts then take, each bailing out (TAP "Bail
# out!") when it cannot be done:
#
#   it_need_root WHY          run as root only; WHY says what needs it
#   it_workdir                W: a fresh work directory; at exit what was
#                             registered in it (pf_register) and its
#                             Postfix are stopped, and it is removed
#                             (KEEP=1 keeps it)
#   it_dns_start ZONE         DNSPORT: a free port, and the fixture DNS
#                             server on it serving ZONE from $W/dns,
#                             registered in $W
#   it_milter_start CONF [LINES]
#                             MPORT (a free port unless set): authmilter
#                             with CONF written by am_write_conf (LINES
#                             added), registered in $W; sets AM_PID
#   it_postfix_start [MAIN_CF_LINES]
#                             SPORT (a free port unless set): a private
#                             Postfix in $W with smtpd_milters at MPORT
#
# Scripts with a cleanup of their own (the bench scripts) make their own
# work directory and stop what they started; it_dns_start's registration
# is then unused and harmless.

: "${top_builddir:=$top_srcdir}"
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/lib/dns-server.sh"
. "$top_srcdir/tests/lib/postfix.sh"
. "$top_srcdir/tests/lib/authmilter.sh"

# it_need_root - bail unless root
it_need_root() {
	[ "$(id -u)" = 0 ] || bail "must run as root ($1)"
}

# it_workdir - W, cleaned up at exit by pf_cleanup
it_workdir() {
	W=$(pf_workdir) || bail "cannot create a work directory"
	pf_cleanup_on_exit "$W"
}

# it_dns_start ZONE - the fixture DNS server on DNSPORT
it_dns_start() {
	DNSPORT=$(dns_free_port)
	dns_server_start "$W/dns" "$DNSPORT" "$1" || bail "fixture DNS server did not start"
	pf_register "$W" "$(cat "$W/dns/unbound.child")"
}

# it_milter_start CONF [LINES] - authmilter on MPORT, asking DNSPORT
it_milter_start() {
	: "${MPORT:=$(free_port)}"
	am_write_conf "$1" "$MPORT" "$DNSPORT" "${2:-}"
	am_start "$W" "$1" "$MPORT" || bail "authmilter did not start"
	pf_register "$W" "$AM_PID"
}

# it_postfix_start [MAIN_CF_LINES] - Postfix on SPORT, milter at MPORT
it_postfix_start() {
	: "${SPORT:=$(free_port)}"
	pf_start "$W" "$SPORT" "inet:127.0.0.1:$MPORT" ${1:+"$1"} ||
	    bail "private Postfix did not start"
}
