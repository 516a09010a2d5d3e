#!/bin/bash
# postfix-smoke.sh - the private-Postfix harness, and Postfix's tempfail
# when the milter cannot be reached.
#
# Without a milter: three messages, each with its own XCLIENT address,
# are queued (250) and delivered unchanged to per-recipient maildirs with
# that address in Received; relaying to another domain is refused at
# RCPT; after pf_stop nothing of the instance runs. With smtpd_milters
# pointing at a port where nothing listens, milter_default_action =
# tempfail answers 451 (Postfix gives it at MAIL FROM: the milter failed
# at connect) and nothing is queued, so the client keeps the message;
# pf_cleanup then stops the instance and a registered helper and removes
# the directory. Last, an IPv6 client address goes through XCLIENT when
# the instance is given "inet_protocols = all".

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"

it_need_root "Postfix runs its own master"
for tool in postfix postconf swaks perl setpriv ss; do
	command -v "$tool" >/dev/null || bail "$tool is not installed"
done

# message FILE ID SUBJECT - a small message with the hazards swaks would
# "fix": a line starting with a dot, a %DATE% token, a literal \n.
message() {
	cat >"$1" <<EOF
From: Sender <sender@sender.example>
To: Someone <someone@example.org>
Subject: $3 %DATE% a\nb
Message-ID: <$2@sender.example>

Body of $2.
.a line that starts with a dot
..and one with two
EOF
}

# delivered_with_id WORKDIR LOCALPART ID - path of the message with that ID
delivered_with_id() {
	local i=1 f
	while f=$(pf_delivered_message "$1" "$2" "$i"); do
		grep -q "^Message-ID: <$3@sender.example>" "$f" &&
		    { echo "$f"; return 0; }
		i=$((i + 1))
	done
	return 1
}

# live_in_group PGID - processes of that group that have not exited
live_in_group() {
	ps -eo pid=,pgid=,stat= | awk -v g="$1" '$2 == g && $3 !~ /^Z/'
}

# started STATUS DESCRIPTION - a test point; nothing more can run without it
started() {
	ok "$1" "$2"
	[ "$1" -eq 0 ] || bail "$2: failed"
}

# answers PORT - 0 if something accepts a TCP connection on 127.0.0.1:PORT
answers() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

T0=$(date +%s%N)

# ---- an instance without a milter ----------------------------------------
W1=$(pf_workdir) || bail "cannot create a work directory"
pf_cleanup_on_exit "$W1"
P1=$(free_port)
pf_start "$W1" "$P1"
started $? "private Postfix answers on 127.0.0.1:$P1"

M1=$(awk 'NR == 1 { print $1 }' "$W1/spool/pid/master.pid")
is "$(ss -ltnpH | grep "pid=$M1," | awk '{ print $4 }')" "127.0.0.1:$P1" \
    "the instance listens on 127.0.0.1:$P1 and nowhere else"

declare -A qid
# id  client-ip     helo                 sender                  rcpt
set -- \
    m1 192.0.2.10 mail.sender.example alice@sender.example bob \
    m2 203.0.113.5 mx.other.example carol@other.example carol \
    m3 198.51.100.7 bounce.sender.example "" bob
while [ $# -ge 5 ]; do
	id=$1 ip=$2 helo=$3 from=$4 rcpt=$5
	shift 5
	message "$W1/$id.eml" "$id" "smoke $id"
	pf_send "$W1" "$P1" "$ip" "$helo" "$from" "$rcpt@example.org" "$W1/$id.eml"
	is "$?" 0 "$id: swaks reports success"
	like "$(pf_reply)" '^250 2\.0\.0 Ok: queued as [0-9A-F]+$' \
	    "$id: DATA answered 250 queued"
	qid[$id]=$(pf_queue_id)
done

pf_wait_delivered "$W1" bob 2
ok $? "bob's maildir received two messages"
pf_wait_delivered "$W1" carol 1
ok $? "carol's maildir received one message"

set -- m1 bob 192.0.2.10 mail.sender.example '<alice@sender.example>' \
    m2 carol 203.0.113.5 mx.other.example '<carol@other.example>' \
    m3 bob 198.51.100.7 bounce.sender.example '<>'
while [ $# -ge 5 ]; do
	id=$1 rcpt=$2 ip=$3 helo=$4 rpath=$5
	shift 5
	f=$(delivered_with_id "$W1" "$rcpt" "$id")
	ok $? "$id: delivered to $rcpt"
	received=$(pf_header "$f" Received | head -n 1)
	like "$received" "^from $helo \\(unknown \\[${ip//./\\.}\\]\\)" \
	    "$id: Received shows the XCLIENT address $ip"
	like "$received" "by mx\\.example\\.org \\(Postfix\\) with ESMTP id ${qid[$id]}" \
	    "$id: Received names the queue id ${qid[$id]}"
	is "$(pf_header "$f" Return-Path)" "$rpath" "$id: envelope sender $rpath"
	tail -c "$(wc -c <"$W1/$id.eml")" "$f" | cmp -s - "$W1/$id.eml"
	ok $? "$id: header and body stored exactly as sent"
done

message "$W1/relay.eml" relay "relay attempt"
pf_send "$W1" "$P1" 192.0.2.10 mail.sender.example alice@sender.example \
    victim@elsewhere.example "$W1/relay.eml"
is "$?" 24 "relay: swaks reports no recipient accepted"
like "$(pf_reply)" '^(554 5\.7\.1|454 4\.7\.1) <victim@elsewhere\.example>: Relay access denied$' \
    "relay: refused at RCPT with relay access denied"
like "$(pf_log "$W1")" 'NOQUEUE: reject: RCPT from unknown\[192\.0\.2\.10\]' \
    "relay: the log shows the refusal for the XCLIENT address"

is "$(pf_queue "$W1")" "Mail queue is empty" "nothing is left in the queue"

pf_stop "$W1"
ok $? "pf_stop returns success"
is "$(live_in_group "$M1")" "" "no process of the instance is left"
answers "$P1"
ok $(($? != 0 ? 0 : 1)) "port $P1 no longer answers"

# ---- an instance whose milter cannot be reached ---------------------------
W2=$(pf_workdir) || bail "cannot create a work directory"
pf_cleanup_on_exit "$W2"
P2=$(free_port)
MP=$(free_port)
answers "$MP" && bail "something listens on the 'dead' milter port $MP"
pf_start "$W2" "$P2" "inet:127.0.0.1:$MP"
started $? "Postfix with smtpd_milters = inet:127.0.0.1:$MP answers on $P2"

message "$W2/t1.eml" t1 "tempfail"
pf_send "$W2" "$P2" 192.0.2.20 mail.sender.example alice@sender.example \
    dave@example.org "$W2/t1.eml"
st=$?
ok $((st != 0 ? 0 : 1)) "tempfail: swaks reports failure (status $st)"
like "$(pf_reply)" '^451 4\.7\.1 ' "tempfail: the transaction ends in 451 4.7.1"
unlike "$(cat "$PF_TRANSCRIPT")" 'queued as' "tempfail: the message was not queued"
like "$(pf_log "$W2")" "connect to Milter service inet:127\\.0\\.0\\.1:$MP: Connection refused" \
    "tempfail: the log names the unreachable milter"
like "$(pf_log "$W2")" 'milter-reject: [A-Z]+ from unknown\[192\.0\.2\.20\]: 451 4\.7\.1' \
    "tempfail: the log shows the milter tempfail for the client"
is "$(pf_queue "$W2")" "Mail queue is empty" "tempfail: the queue holds nothing"
is "$(pf_delivered_count "$W2" dave)" 0 "tempfail: nothing was delivered"

# pf_cleanup, as a trap would run it: a registered helper (standing in
# for a milter) is stopped with Postfix, and the directory goes.
sleep 300 &
helper=$!
pf_register "$W2" "$helper"
M2=$(awk 'NR == 1 { print $1 }' "$W2/spool/pid/master.pid")
pf_cleanup "$W2"
is "$(live_in_group "$M2")" "" "pf_cleanup: no process of the milter instance is left"
case $(ps -o stat= -p "$helper") in
'' | Z*) ok 0 "pf_cleanup: the registered helper was stopped" ;;
*) ok 1 "pf_cleanup: the registered helper was stopped"; kill "$helper" ;;
esac
ok "$([ ! -e "$W2" ]; echo $?)" "pf_cleanup: the work directory is removed"

# ---- an IPv6 client address -----------------------------------------------
W3=$(pf_workdir) || bail "cannot create a work directory"
pf_cleanup_on_exit "$W3"
P3=$(free_port)
pf_start "$W3" "$P3" "" "inet_protocols = all"
started $? "Postfix with inet_protocols = all answers on $P3"
M3=$(awk 'NR == 1 { print $1 }' "$W3/spool/pid/master.pid")
is "$(ss -ltnpH | grep "pid=$M3," | awk '{ print $4 }')" "127.0.0.1:$P3" \
    "inet_protocols = all still listens on 127.0.0.1:$P3 only"
message "$W3/v6.eml" v6 "ipv6 client"
pf_send "$W3" "$P3" 2001:db8::25 mail.sender.example alice@sender.example \
    erin@example.org "$W3/v6.eml"
like "$(pf_reply)" '^250 ' "v6: XCLIENT ADDR=IPV6:2001:db8::25 accepted, DATA 250"
pf_wait_delivered "$W3" erin 1
ok $? "v6: message delivered to erin"
like "$(pf_header "$(pf_delivered_message "$W3" erin)" Received)" \
    '^from mail\.sender\.example \(unknown \[IPv6:2001:db8::25\]\)' \
    "v6: Received shows the IPv6 client address"
pf_stop "$W3"
ok $? "pf_stop returns success (IPv6 instance)"

diag "smoke test took $((($(date +%s%N) - T0) / 1000000)) ms"
tap_done
