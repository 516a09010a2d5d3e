#!/bin/bash
# selfcheck-dns.sh - the dns group of authmilter-selfcheck against fixture
# domains served by a real unbound on loopback.
#
# tests/integration/selfcheck.zone holds one domain per DNS finding (each
# the good domain with one thing changed) and a clean domain; its
# @expect lines say what each must report and its exit status. Every
# domain is checked with "--only dns --domain NAME --selector lab,old"
# through --nameserver (so policy/resolver and libunbound do the asking),
# in parallel. Then: the built-in selector list, a DNSBL listing and not
# listing the server, a zone that drops every query and one that answers
# SERVFAIL (exit 3, never a finding), and the --nagios line.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
. "$top_srcdir/tests/lib/integration.sh"
. "$top_srcdir/tests/integration/selfcheck-lib.sh"

command -v openssl >/dev/null || bail "openssl is not installed"
it_workdir
sc_init "$W"

sc_zone "$top_srcdir/tests/integration/selfcheck.zone" "$W/zone" "$W/expect" ||
    bail "cannot build the fixture zone"
it_dns_start "$W/zone"

is "$(dns_ask "$DNSPORT" clean.example MX) / $(dns_ask "$DNSPORT" slow.example MX) / $(dns_ask "$DNSPORT" broken.example MX)" \
    "NOERROR 2 / TIMEOUT / SERVFAIL 0" "staging: the fixture server answers, drops and fails as the zone says"

SC_ARGS=(--nameserver "127.0.0.1@$DNSPORT" --timeout 2)

# At most a few runs at once: each holds its own libunbound context.
throttle() {
	while [ "$(jobs -rp | wc -l)" -ge 6 ]; do wait -n; done
}
while read -r name _; do
	throttle
	sc_json "dns_$name" --only dns --domain "$name" --selector lab,old
done <"$W/expect"
sc_json default_sel --only dns --domain clean.example
sc_json dnsbl_listed --only dns --domain clean.example --smtp 127.0.0.2 --dnsbl bl.example,nolist.example
sc_json dnsbl_clean --only dns --domain clean.example --smtp 127.0.0.3 --dnsbl bl.example
throttle
# Seven look-ups time out one after another: a second each is enough.
sc_json slow --only dns --domain slow.example --selector lab --timeout 1
sc_json broken --only dns --domain broken.example --selector lab
sc_nagios nagios_crit --only dns --domain plusall.example --selector lab
sc_nagios nagios_warn --only dns --domain neutralall.example --selector lab
throttle
sc_nagios nagios_ok --only dns --domain clean.example --selector lab
sc_nagios nagios_unknown --only dns --domain slow.example --selector lab --timeout 1
started=$(date +%s)
sc_wait
diag "runs took $(($(date +%s) - started)) s after the last start"

# --- one block of cases per fixture domain ----------------------------------
while read -r name want ids; do
	run="dns_$name"
	allowed=()
	for id in $ids; do
		case $id in
		\?*) allowed+=("${id#\?}") ;;
		*=*) allowed+=("${id%%=*}")
		   sc_ok_has "$run" "$id" "$name: ${id%%=*} reported (${id#*=})" ;;
		*) allowed+=("$id")
		   sc_ok_has "$run" "$id" "$name: $id reported" ;;
		esac
	done
	if [ -z "$ids" ]; then
		sc_ok_clean "$run" "$name: no finding above info"
	else
		sc_ok_clean "$run" "$name: no other finding above info" "${allowed[@]}"
	fi
	sc_ok_exit "$run" "$want" "$name: exit status $want"
	sc_ok_json "$run" "$name: JSON valid, counts and status agree"
done <"$W/expect"

# --- the rest ------------------------------------------------------------------
sc_ok_clean default_sel "clean.example, built-in selector list (finds default._domainkey): no finding above info"
sc_ok_exit default_sel 0 "clean.example, built-in selector list: exit status 0"

sc_ok_has dnsbl_listed dnsbl.listed=high "DNSBL: 127.0.0.2 listed in bl.example (the RFC 5782 test entry)"
like "$(sc_evidence dnsbl_listed dnsbl.listed)" 'bl\.example' "DNSBL: the evidence names the list"
unlike "$(sc_evidence dnsbl_listed dnsbl.listed)" 'nolist\.example' "DNSBL: a list without the entry is not named"
sc_ok_exit dnsbl_listed 2 "DNSBL listed: exit status 2"
sc_ok_json dnsbl_listed "DNSBL listed: JSON valid, counts and status agree"
sc_ok_lacks dnsbl_clean dnsbl.listed "DNSBL: 127.0.0.3 not listed"
sc_ok_exit dnsbl_clean 0 "DNSBL not listed: exit status 0"

for run in slow broken; do
	case $run in slow) what="every query dropped" ;; *) what="SERVFAIL" ;; esac
	sc_ok_exit "$run" 3 "$what: exit status 3"
	sc_ok_notrun "$run" dns "$what: not_run names the dns check"
	sc_ok_clean "$run" "$what: no finding made up from a failed lookup"
	sc_ok_json "$run" "$what: JSON valid, counts and status agree"
done

sc_ok_nagios nagios_crit CRITICAL "--nagios, spf.plus_all: one 'SELFCHECK CRITICAL - ... | perfdata' line, exit 2"
sc_ok_nagios nagios_warn WARNING "--nagios, spf.neutral_all: 'SELFCHECK WARNING', exit 1"
sc_ok_nagios nagios_ok OK "--nagios, clean.example: 'SELFCHECK OK', exit 0"
sc_ok_nagios nagios_unknown UNKNOWN "--nagios, DNS timeout: 'SELFCHECK UNKNOWN', exit 3"

tap_done
