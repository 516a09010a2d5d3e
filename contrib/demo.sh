#!/bin/bash
# demo.sh - the README's first command: install what is needed, build, and
# show authmilter at work in a real Postfix.
#
# Everything runs on 127.0.0.1 under a temporary directory and is removed
# at the end: a private unbound serving contrib/demo/demo.zone, authmilter,
# and a private Postfix with smtpd_milters pointing at it. swaks sends
# legitimate, spoofed and forged-header mail; the SMTP replies, the
# headers of what Postfix delivered and its hold queue are shown. The machine's own Postfix and port 25 are never
# touched. Client addresses are documentation ranges given with XCLIENT:
# data only, every packet stays on loopback.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/contrib/deps.sh" || exit 1
echo "== building"
"$top/contrib/build.sh" "$top/build/normal" || exit 1

top_srcdir=$top
top_builddir=$top/build/normal
. "$top/tests/lib/tap.sh"
. "$top/tests/lib/dns-server.sh"
. "$top/tests/lib/postfix.sh"
. "$top/tests/lib/authmilter.sh"

W=$(pf_workdir) || exit 1
pf_cleanup_on_exit "$W"
DNSPORT=$(dns_free_port); MPORT=$(free_port); SPORT=$(free_port)

echo "== starting unbound (DNS, 127.0.0.1:$DNSPORT), authmilter (127.0.0.1:$MPORT), Postfix (127.0.0.1:$SPORT)"
dns_server_start "$W/dns" "$DNSPORT" "$top/contrib/demo/demo.zone" || exit 1
pf_register "$W" "$(cat "$W/dns/unbound.child")"
am_write_conf "$W/authmilter.conf" "$MPORT" "$DNSPORT"
am_start "$W" "$W/authmilter.conf" "$MPORT" || exit 1
pf_register "$W" "$AM_PID"
pf_start "$W" "$SPORT" "inet:127.0.0.1:$MPORT" || exit 1

N=0
# demo TITLE IP HELO FROM [EXTRA_HEADER] - send one message, show the outcome
demo() {
	N=$((N + 1))
	{
		echo "From: <${4:-postmaster@$3}>"
		echo "To: <inbox$N@example.org>"
		echo "Subject: demo message $N"
		[ -n "${5:-}" ] && echo "$5"
		echo
		echo "Hello."
	} >"$W/demo$N.eml"
	echo
	echo "== $N. $1"
	echo "   client $2, HELO $3, MAIL FROM <$4>"
	[ -n "${5:-}" ] && echo "   the message already carries: $5"
	pf_send "$W" "$SPORT" "$2" "$3" "$4" "inbox$N@example.org" "$W/demo$N.eml"
	echo "   SMTP reply: $(pf_reply)"
	case "$(pf_reply)" in
	250*) ;;
	*) echo "   refused: nothing queued, the sender keeps the message"; return ;;
	esac
	# Delivered, or held (postqueue marks it "!"): whichever comes first.
	for _i in $(seq 1 100); do
		if [ "$(pf_delivered_count "$W" "inbox$N")" -gt 0 ]; then
			echo "   delivered with:"
			pf_header "$(pf_delivered_message "$W" "inbox$N" 1)" Authentication-Results |
			    tr -s ' \t' '  ' | sed 's/^/     Authentication-Results: /'
			return
		fi
		if pf_queue "$W" | grep -q "^$(pf_queue_id)!"; then
			echo "   held in Postfix's hold queue (postqueue -p shows it with !)"
			return
		fi
		sleep 0.05
	done
	echo "   not delivered yet"
}

demo "legitimate mail from bank.example, sent by its own server" \
    192.0.2.25 mail.bank.example alice@bank.example
demo "spoofed mail claiming bank.example, sent from somewhere else" \
    203.0.113.66 mail.attacker.example ceo@bank.example
demo "spoofed mail claiming news.example, whose DMARC policy says quarantine" \
    203.0.113.66 mail.attacker.example editor@news.example
demo "a forged Authentication-Results header claiming our host (mx.example.org)" \
    192.0.2.25 mail.bank.example alice@bank.example \
    "Authentication-Results: mx.example.org; dmarc=pass header.from=attacker.example"

echo
echo "== authmilter's log (one line per message)"
grep ': client=' "$W/authmilter.log" | sed 's/^/   /'
echo
echo "The spoof of bank.example (p=reject) was refused with 550 5.7.1, the"
echo "news.example spoof was held, and the forged header is gone: ours is on top."
echo "== cleaning up"
