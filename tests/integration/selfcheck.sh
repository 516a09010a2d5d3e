#!/bin/bash
# selfcheck.sh - authmilter-selfcheck against two real Postfix instances.
#
# The lab: a real unbound on 127.0.0.1 serves tests/integration/selfcheck.zone
# (PTRs of the lab addresses, clean.example); certificates are made at
# test time (tests/lib/mkcert.sh); two private Postfix instances listen
# on addresses of their own so that their PTRs differ:
#
# - misconfigured, on 127.0.0.2: software and version in the banner, VRFY
#   on, an open relay (mynetworks = 0.0.0.0/0), TLS 1.0 and 1.1 and
#   anonymous and NULL ciphers accepted (with an OpenSSL config of its
#   own through tls_config_file, so that a system openssl.cnf with
#   MinProtocol TLSv1.2 or SECLEVEL=2 cannot refuse them), a self-signed,
#   expired certificate with a 1024-bit key and another host's name, no
#   PTR, no milter, milter_default_action = accept. Two more listeners
#   of the same instance stage what cannot share one address: 127.0.0.4
#   (a certificate from the lab CA that expires in five days, a PTR
#   naming another host) and 127.0.0.5 (no STARTTLS at all). Mail it
#   would relay goes to the discard transport: nothing can leave.
# - hardened, on 127.0.0.3: "$myhostname ESMTP", VRFY off, relaying
#   refused to all but mynetworks (127.0.0.0/8: the probes come from
#   127.0.0.1, so they must pose as an outside client with XCLIENT, which
#   the instance offers to 127.0.0.1, to judge relaying as the Internet
#   sees it), TLS 1.2+ without anonymous/NULL/export ciphers, a
#   certificate for mx.clean.example from the lab CA, PTR and A of
#   mx.clean.example agreeing, authmilter running and in smtpd_milters,
#   milter_default_action = tempfail.
# - a third Postfix configuration that is never started ("unloaded"):
#   Postfix 3.7 refuses to start smtpd when a bare "permit" comes before
#   reject_unauth_destination, so postfix.relay_unrestricted can only be
#   staged as a main.cf an admin has edited but not yet reloaded; it also
#   has TLS off and a milter that is not authmilter's.
#
# The misconfigured one must produce each id it is staged for, the
# hardened one nothing above info; exit statuses and the JSON schema are
# checked for every run, and the Postfix logs show that the relay probes
# never sent DATA and that each run touched only the host it was given.
# Not stageable with Postfix: smtp.expn_enabled (Postfix has no EXPN; its
# absence is checked).

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"
. "$top_srcdir/tests/lib/mkcert.sh"
. "$top_srcdir/tests/integration/selfcheck-lib.sh"

it_need_root "Postfix runs its own master"
[ -x "$AUTHMILTER" ] || bail "no authmilter binary at $AUTHMILTER"
for tool in postfix postconf swaks openssl timeout; do
	command -v "$tool" >/dev/null || bail "$tool is not installed"
done

M=$(pf_workdir) && H=$(pf_workdir) || bail "cannot create work directories"
pf_cleanup_on_exit "$M" "$H"
sc_init "$H"
LAB="$H/lab"
mkdir -p "$LAB/certs" || bail "cannot create $LAB"

DNSPORT=$(dns_free_port)
MPORT=$(free_port)
MX_PORT=$(free_port)       # misconfigured: 127.0.0.2, .4, .5
HX_PORT=$(free_port)       # hardened: 127.0.0.3
CLOSED=$(free_port)        # nothing listens here
[ "$MX_PORT" != "$HX_PORT" ] && [ "$MPORT" != "$MX_PORT" ] &&
    [ "$MPORT" != "$HX_PORT" ] || bail "free_port gave the same port twice"

# --- DNS ---------------------------------------------------------------
sc_zone "$top_srcdir/tests/integration/selfcheck.zone" "$LAB/zone" "$LAB/expect" ||
    bail "cannot build the fixture zone"
dns_server_start "$H/dns" "$DNSPORT" "$LAB/zone" || bail "fixture DNS server did not start"
pf_register "$H" "$(cat "$H/dns/unbound.child")"

# --- certificates --------------------------------------------------------
C="$LAB/certs"
mkcert_ca "$C/ca" "authmilter lab CA" &&
    mkcert_issue "$C/ca" "$C/hardened.pem" mx.clean.example 2048 -1 90 mx.clean.example &&
    mkcert_issue "$C/ca" "$C/expiring.pem" mx.misconf.example 2048 -30 5 mx.misconf.example &&
    mkcert_self "$C/ca" "$C/expired.pem" wrong-host.invalid 1024 -400 -30 ||
    bail "cannot make the lab certificates"

# --- authmilter and the hardened instance --------------------------------
am_write_conf "$LAB/authmilter.conf" "$MPORT" "$DNSPORT"
am_start "$H" "$LAB/authmilter.conf" "$MPORT" || bail "authmilter did not start"
pf_register "$H" "$AM_PID"

printf '/^postmaster@clean\\.example$/ postmaster/\n' >"$LAB/clean-mailboxes"
HARDENED="myhostname = mx.clean.example
mydomain = clean.example
smtpd_banner = \$myhostname ESMTP
disable_vrfy_command = yes
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
virtual_mailbox_domains = clean.example
virtual_mailbox_maps = regexp:$LAB/clean-mailboxes
smtpd_tls_security_level = may
smtpd_tls_chain_files = $C/hardened.pem
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_ciphers = high
smtpd_tls_mandatory_ciphers = high
smtpd_tls_exclude_ciphers = aNULL, eNULL, EXPORT, DES, 3DES, RC4, MD5
milter_default_action = tempfail"
PF_LISTEN=127.0.0.3 pf_start "$H" "$HX_PORT" "inet:127.0.0.1:$MPORT" "$HARDENED" ||
    bail "hardened Postfix did not start"

# --- the misconfigured instance ------------------------------------------
# A system openssl.cnf may set MinProtocol TLSv1.2 or SECLEVEL=2 (Debian
# has shipped both); this config, for this instance only, takes the
# floor away, so that the staging does not depend on the machine.
cat >"$LAB/legacy-openssl.cnf" <<EOF
authmilter_lab = lab_init
[lab_init]
ssl_conf = lab_ssl
[lab_ssl]
system_default = lab_legacy
[lab_legacy]
MinProtocol = TLSv1
CipherString = ALL:eNULL:@SECLEVEL=0
EOF
MISCONF="myhostname = mx.misconf.example
mydomain = misconf.example
smtpd_banner = \$myhostname ESMTP \$mail_name \$mail_version (Debian/GNU)
disable_vrfy_command = no
mynetworks = 0.0.0.0/0
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
default_transport = discard:lab instance never delivers
relay_transport = discard:lab instance never delivers
smtpd_tls_security_level = may
smtpd_tls_chain_files = $C/expired.pem
smtpd_tls_protocols = >=TLSv1
smtpd_tls_mandatory_protocols = >=TLSv1
smtpd_tls_ciphers = export
tls_export_cipherlist = ALL:eNULL:@STRENGTH
tls_config_file = $LAB/legacy-openssl.cnf
tls_config_name = authmilter_lab
milter_default_action = accept"
EXTRA_LISTENERS="127.0.0.4:$MX_PORT inet n - n - - smtpd
  -o smtpd_tls_chain_files=$C/expiring.pem
127.0.0.5:$MX_PORT inet n - n - - smtpd
  -o smtpd_tls_security_level=none"
PF_LISTEN=127.0.0.2 PF_MASTER_CF_EXTRA=$EXTRA_LISTENERS \
    pf_start "$M" "$MX_PORT" "" "$MISCONF" || bail "misconfigured Postfix did not start"

# The unloaded configuration: main.cf only, read by postconf -c.
U="$M/unloaded"
mkdir -p "$U" && cp "$M/etc/master.cf" "$U/" && cat >"$U/main.cf" <<EOF || bail "cannot write $U"
compatibility_level = 3.6
myhostname = mx.unloaded.example
smtpd_banner = \$myhostname ESMTP
disable_vrfy_command = yes
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, permit
smtpd_tls_security_level = none
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_milters = inet:127.0.0.1:$CLOSED
milter_default_action = tempfail
EOF

# --- staging, checked without the program under test ---------------------
# tls NAME HOST:PORT OPENSSL-ARGS... - 0 if a STARTTLS handshake succeeds
tls() {
	local name="$1" hp="$2"
	shift 2
	echo Q | timeout 10 openssl s_client -starttls smtp -connect "$hp" "$@" \
	    >"$LAB/$name.s_client" 2>&1 && grep -q '^New, TLS' "$LAB/$name.s_client"
}
tls v10 "127.0.0.2:$MX_PORT" -tls1 -cipher DEFAULT@SECLEVEL=0
ok $? "staging: 127.0.0.2 accepts TLS 1.0 (openssl s_client)"
tls adh "127.0.0.2:$MX_PORT" -tls1_2 -cipher aNULL@SECLEVEL=0
ok $? "staging: 127.0.0.2 accepts an anonymous cipher"
! tls h10 "127.0.0.3:$HX_PORT" -tls1 -cipher DEFAULT@SECLEVEL=0
ok $? "staging: 127.0.0.3 refuses TLS 1.0"
! tls hadh "127.0.0.3:$HX_PORT" -tls1_2 -cipher aNULL@SECLEVEL=0
ok $? "staging: 127.0.0.3 refuses anonymous ciphers"
tls hv "127.0.0.3:$HX_PORT" -CAfile "$C/ca/ca.pem" -verify_hostname mx.clean.example
grep -q 'Verify return code: 0 (ok)' "$LAB/hv.s_client"
ok $? "staging: 127.0.0.3's certificate verifies for mx.clean.example against the lab CA"
is "$(dns_ask "$DNSPORT" 3.0.0.127.in-addr.arpa PTR) $(dns_ask "$DNSPORT" 2.0.0.127.in-addr.arpa PTR)" \
    "NOERROR 1 NXDOMAIN 0" "staging: 127.0.0.3 has a PTR, 127.0.0.2 has none"
printf 'From: <x@outside.example>\nTo: <postmaster@clean.example>\nSubject: lab\n\nhello\n' >"$LAB/m.eml"
pf_send "$H" "$HX_PORT" 198.51.100.7 mail.outside.example x@outside.example \
    postmaster@clean.example "$LAB/m.eml"
pf_wait_delivered "$H" postmaster 1 10 &&
    grep -q '^Authentication-Results: ' "$(pf_delivered_message "$H" postmaster 1)"
ok $? "staging: the hardened instance delivers through authmilter (Authentication-Results added)"

# --- the runs -------------------------------------------------------------
SC_ARGS=(--nameserver "127.0.0.1@$DNSPORT" --timeout 5)
PROBE=relay-probe.example
connects() { grep -c ': connect from ' "$1/maillog" 2>/dev/null; }
H_BEFORE=$(connects "$H")
sc_json mis --smtp "127.0.0.2:$MX_PORT" --domain misconf.example --only smtp,tls \
    --relay-probe-domain "$PROBE"
sc_json mis_alt --smtp "127.0.0.4:$MX_PORT" --domain misconf.example --only smtp,tls \
    --relay-probe-domain "$PROBE"
sc_json mis_notls --smtp "127.0.0.5:$MX_PORT" --domain misconf.example --only smtp,tls \
    --relay-probe-domain "$PROBE"
sc_json mis_postfix --only postfix --postfix-config "$M/etc" --config "$LAB/authmilter.conf"
sc_json unloaded --only postfix --postfix-config "$U" --config "$LAB/authmilter.conf"
sc_json closed --smtp "127.0.0.1:$CLOSED" --only smtp,tls
sc_json nopostfix --only postfix --postfix-config "$M/no-such-dir"
SC_ENV=(MAIL_CONFIG="$M/etc")
sc_json mail_config --only postfix --config "$LAB/authmilter.conf"
SC_ENV=()
if dns_have_ipv6; then
	sc_json closed6 --smtp "[::1]:$CLOSED" --only smtp
fi
sc_nagios closed_nagios --smtp "127.0.0.1:$CLOSED" --only smtp
sc_wait
H_AFTER=$(connects "$H")
sc_json hard --smtp "127.0.0.3:$HX_PORT" --domain clean.example --only smtp,tls,postfix \
    --postfix-config "$H/etc" --config "$LAB/authmilter.conf" --relay-probe-domain "$PROBE"
sc_wait
M_BEFORE=$(connects "$M")
sc_json hard_name --smtp "mx.clean.example:$HX_PORT" --domain clean.example --only smtp,tls \
    --relay-probe-domain "$PROBE"
sc_nagios hard_nagios --smtp "127.0.0.3:$HX_PORT" --domain clean.example --only smtp,tls \
    --relay-probe-domain "$PROBE"
sc_wait
M_AFTER=$(connects "$M")

# --- misconfigured: every staged id -----------------------------------------
for id in smtp.banner_software smtp.banner_version smtp.open_relay=critical \
    smtp.vrfy_enabled smtp.ptr_missing tls.protocol_tls1_0 tls.protocol_tls1_1 \
    tls.weak_cipher tls.cert_expired=high tls.cert_self_signed tls.cert_weak_key \
    tls.cert_hostname_mismatch; do
	sc_ok_has mis "$id" "misconfigured 127.0.0.2: ${id%%=*} reported"
done
sc_ok_lacks mis smtp.no_starttls "misconfigured 127.0.0.2: no smtp.no_starttls (it offers STARTTLS)"
sc_ok_lacks mis smtp.expn_enabled "misconfigured 127.0.0.2: no smtp.expn_enabled (Postfix has no EXPN)"
sc_ok_lacks mis tls.cert_expiring "misconfigured 127.0.0.2: an expired certificate is not also 'expiring'"
sc_ok_exit mis 2 "misconfigured 127.0.0.2: exit status 2"
sc_ok_json mis "misconfigured 127.0.0.2: JSON valid, counts and status agree"
like "$(sc_evidence mis smtp.open_relay)" "$PROBE" \
    "misconfigured 127.0.0.2: the open-relay evidence names the probe domain given"

sc_ok_has mis_alt tls.cert_expiring "misconfigured 127.0.0.4: tls.cert_expiring (5 days left)"
sc_ok_has mis_alt smtp.ptr_mismatch "misconfigured 127.0.0.4: smtp.ptr_mismatch (PTR relay.misconf.example)"
for id in tls.cert_expired tls.cert_self_signed tls.cert_weak_key tls.cert_hostname_mismatch \
    smtp.ptr_missing; do
	sc_ok_lacks mis_alt "$id" "misconfigured 127.0.0.4: no $id (CA-signed 2048-bit cert for its name; PTR present)"
done
sc_ok_exit mis_alt 2 "misconfigured 127.0.0.4: exit status 2"
sc_ok_json mis_alt "misconfigured 127.0.0.4: JSON valid, counts and status agree"

sc_ok_has mis_notls smtp.no_starttls=critical "misconfigured 127.0.0.5: smtp.no_starttls"
sc_ok_exit mis_notls 2 "misconfigured 127.0.0.5: exit status 2"
sc_ok_json mis_notls "misconfigured 127.0.0.5: JSON valid, counts and status agree"

for id in postfix.banner_leak postfix.vrfy_enabled postfix.mynetworks_broad \
    postfix.tls_legacy_protocols postfix.milter_missing postfix.milter_fail_open=info; do
	sc_ok_has mis_postfix "$id" "misconfigured main.cf: ${id%%=*} reported"
done
sc_ok_lacks mis_postfix postfix.tls_off "misconfigured main.cf: no postfix.tls_off (TLS is on)"
sc_ok_exit mis_postfix 2 "misconfigured main.cf: exit status 2"
sc_ok_json mis_postfix "misconfigured main.cf: JSON valid, counts and status agree"

for id in postfix.relay_unrestricted=critical postfix.tls_off postfix.milter_missing; do
	sc_ok_has unloaded "$id" "unloaded main.cf: ${id%%=*} reported"
done
sc_ok_clean unloaded "unloaded main.cf: nothing else above info" \
    postfix.relay_unrestricted postfix.tls_off postfix.milter_missing
sc_ok_exit unloaded 2 "unloaded main.cf: exit status 2"
sc_ok_json unloaded "unloaded main.cf: JSON valid, counts and status agree"

# --- hardened: clean ----------------------------------------------------------
sc_ok_clean hard "hardened 127.0.0.3 (smtp, tls, postfix): no finding above info"
sc_ok_exit hard 0 "hardened 127.0.0.3: exit status 0"
is "$(sc_notrun hard | tr '\n' ' ')" "" "hardened 127.0.0.3: every check ran"
sc_ok_json hard "hardened 127.0.0.3: JSON valid, counts and status agree"
sc_ok_clean hard_name "hardened by name mx.clean.example (resolved through --nameserver): no finding above info"
sc_ok_exit hard_name 0 "hardened by name: exit status 0"
sc_ok_json hard_name "hardened by name: JSON valid, counts and status agree"
sc_ok_nagios hard_nagios OK "hardened --nagios: one 'SELFCHECK OK - ... | perfdata' line, exit 0"

# --- checks that cannot run -------------------------------------------------------
sc_ok_exit closed 3 "closed port: exit status 3"
sc_ok_notrun closed smtp "closed port: not_run names smtp"
sc_ok_notrun closed tls "closed port: not_run names tls too"
sc_ok_json closed "closed port: JSON valid, counts and status agree"
sc_ok_nagios closed_nagios UNKNOWN "closed port --nagios: one 'SELFCHECK UNKNOWN - ...' line, exit 3"
sc_ok_exit nopostfix 3 "missing Postfix config directory: exit status 3"
sc_ok_notrun nopostfix postfix "missing Postfix config directory: not_run names postfix"
sc_ok_json nopostfix "missing Postfix config directory: JSON valid, counts and status agree"
is "$(sc_ids mail_config | sort | tr '\n' ' ')" "$(sc_ids mis_postfix | sort | tr '\n' ' ')" \
    "MAIL_CONFIG=DIR audits that instance as --postfix-config DIR does"
if dns_have_ipv6; then
	sc_ok_exit closed6 3 "closed port on [::1]: exit status 3"
	sc_ok_notrun closed6 smtp "closed port on [::1]: not_run names smtp"
	sc_ok_json closed6 "closed port on [::1]: JSON valid (target \"[::1]:PORT\"), counts and status agree"
fi

# --- what the probes did on the wire (Postfix's own logs) --------------------------
# smtpd ends each session with a line counting the commands it got, e.g.
# "disconnect from ... ehlo=1 mail=7 rcpt=7 rset=7 quit=1 commands=23".
MLOG="$M/maillog"
probes=$(grep ': disconnect from ' "$MLOG" | grep -Ec ' rcpt=[0-9]+')
[ "$probes" -gt 0 ]
ok $? "misconfigured log: relay probes arrived ($probes sessions with RCPT)"
bad=$(grep ': disconnect from ' "$MLOG" | grep -E ' (data|bdat)=')
[ -z "$bad" ]
ok $? "misconfigured log: no session sent DATA or BDAT"
[ -z "$bad" ] || diag "$bad"
bad=$(grep ': disconnect from ' "$MLOG" | grep -E ' rcpt=' | grep -v ' quit=1')
[ -z "$bad" ]
ok $? "misconfigured log: every probing session ended with QUIT"
[ -z "$bad" ] || diag "$bad"
bad=$(grep -E '/(cleanup|qmgr|discard)\[|: message-id=' "$MLOG")
[ -z "$bad" ] && pf_queue "$M" 2>&1 | grep -q 'Mail queue is empty'
ok $? "misconfigured: no message was queued (no cleanup/qmgr log line, queue empty)"
[ -z "$bad" ] || diag "$bad"
like "$(grep 'NOQUEUE: reject: RCPT' "$H/maillog")" "Relay access denied" \
    "hardened log: relay probes refused at RCPT (Relay access denied)"
is "$((H_AFTER - H_BEFORE))" 0 "runs against the misconfigured host never connected to the hardened one"
is "$((M_AFTER - M_BEFORE))" 0 "runs against the hardened host never connected to the misconfigured one"

tap_done
