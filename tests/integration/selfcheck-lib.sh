# selfcheck-lib.sh - what the selfcheck lab scripts share (sourced by
# selfcheck.sh and selfcheck-dns.sh, after tap.sh): the fixture zone,
# running authmilter-selfcheck, and judging its JSON report.
#
#   sc_init WORKDIR           SC (the program), SC_OUT (WORKDIR/runs) and
#                             SC_PY (a python3 with jsonschema); bails if
#                             one is missing. WORKDIR is a pf_workdir
#                             (postfix.sh): runs are pf_register'ed there
#   sc_zone SRC OUT EXPECT    SRC (selfcheck.zone) with its @good lines
#                             expanded and fresh DKIM keys in place of
#                             @P2048@ @P1024@ @P512@, as dns-server.sh
#                             takes it, to OUT; its @expect lines to EXPECT
#   sc_json NAME ARGS...      run "$SC --json $SC_ARGS ARGS" in the
#                             background: stdout NAME.json, stderr
#                             NAME.err, exit status NAME.rc
#   sc_nagios NAME ARGS...    the same with --nagios, stdout NAME.out
#   sc_wait                   wait for every run, then read all the JSON
#                             (one python for all): SC_OUT/summary
#   sc_rc NAME                a run's exit status
#   sc_ids NAME [MIN]         its finding ids, with severity MIN or above
#   sc_severity NAME ID       the severity reported for ID (empty: none)
#   sc_notrun NAME            the checks it reported as not run
#   sc_evidence NAME ID       the evidence of one finding
#
# Cases (each one TAP line, diagnostics when it fails):
#   sc_ok_exit NAME WANT DESC        exit status
#   sc_ok_json NAME DESC             valid against selfcheck.schema.json,
#                                    counts match the findings, status
#                                    field = exit status = what the
#                                    findings and not_run entries imply
#   sc_ok_has NAME ID[=SEV] DESC     ID reported (with that severity)
#   sc_ok_lacks NAME ID DESC         ID not reported
#   sc_ok_clean NAME DESC [ALLOWED...]  nothing above info but ALLOWED
#   sc_ok_notrun NAME CHECK DESC     a not_run entry for CHECK (or CHECK.x)
#   sc_ok_nagios NAME WORD DESC      one "SELFCHECK WORD - ... | perfdata"
#                                    line and the exit status of WORD
#
# SC_ARGS (array) holds what every run gets (--nameserver, --timeout),
# SC_ENV (array of NAME=VALUE) the environment of the runs started next;
# SC_LIMIT (seconds, default 60) bounds each run; SELFCHECK names the
# program (default $top_builddir/authmilter-selfcheck).

SC_SEVERITIES="info low medium high critical"

sc_init() {
	local p
	SC=${SELFCHECK:-$top_builddir/authmilter-selfcheck}
	[ -x "$SC" ] || bail "no authmilter-selfcheck at $SC"
	SC_WORK=$1
	SC_OUT="$1/runs"
	mkdir -p "$SC_OUT" || bail "cannot create $SC_OUT"
	: >"$SC_OUT/summary"
	SC_PY=
	for p in python3 /usr/bin/python3; do
		if "$p" -c 'import jsonschema' 2>/dev/null; then SC_PY=$p; break; fi
	done
	[ -n "$SC_PY" ] ||
	    bail "python3 with jsonschema is needed (Debian: python3-jsonschema; contrib/deps.sh)"
	SC_SCHEMA="$top_srcdir/tests/integration/selfcheck.schema.json"
	SC_PIDS=()
}

# sc__key BITS DIR - the base64 SubjectPublicKeyInfo of a fresh RSA key,
# cut into TXT strings of 200 octets ("AAA" "BBB": under the 255 limit)
sc__key() {
	openssl genrsa -out "$2/dkim$1.pem" "$1" 2>/dev/null || return 1
	openssl rsa -in "$2/dkim$1.pem" -pubout -outform DER 2>/dev/null |
	    base64 -w0 | fold -w 200 | sed '1!s/^/" "/' | tr -d '\n'
}

sc_zone() {
	local src="$1" out="$2" expect="$3" dir k2048 k1024 k512
	dir=$(dirname "$out")
	k2048=$(sc__key 2048 "$dir") && k1024=$(sc__key 1024 "$dir") &&
	    k512=$(sc__key 512 "$dir") || return 1
	: >"$expect"
	awk -v expect="$expect" '
	function rr(owner, rest) { print owner ". 300 IN " rest }
	function good(d, drop) {
		if (!("-mx" in drop)) {
			rr(d, "MX 10 mx1." d ".")
			rr(d, "MX 20 mx2." d ".")
			rr("mx1." d, "A 192.0.2.1")
			rr("mx2." d, "A 192.0.2.2")
		}
		if (!("-spf" in drop))
			rr(d, "TXT \"v=spf1 mx -all\"")
		if (!("-dkim" in drop))
			rr("lab._domainkey." d, "TXT \"v=DKIM1; k=rsa; p=@P2048@\"")
		if (!("-dmarc" in drop))
			rr("_dmarc." d, "TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@" d \
			    "; ruf=mailto:dmarc@" d "\"")
		if (!("-caa" in drop))
			rr(d, "CAA 0 issue \"letsencrypt.org\"")
		if (!("-mtasts" in drop))
			rr("_mta-sts." d, "TXT \"v=STSv1; id=20260101T000000\"")
		if (!("-tlsrpt" in drop))
			rr("_smtp._tls." d, "TXT \"v=TLSRPTv1; rua=mailto:tls-reports@" d "\"")
	}
	$1 == "@good" {
		split("", drop)
		for (i = 3; i <= NF; i++) {
			if ($i !~ /^-(mx|spf|dkim|dmarc|caa|mtasts|tlsrpt)$/) {
				print FILENAME ":" FNR ": unknown part " $i > "/dev/stderr"
				bad = 1
			}
			drop[$i] = 1
		}
		print "# " $0
		good($2, drop)
		next
	}
	$1 == "@expect" { $1 = ""; sub(/^ /, ""); print > expect; next }
	/^@/ { print FILENAME ":" FNR ": unknown line " $1 > "/dev/stderr"; bad = 1; next }
	{ print }
	END { exit bad }' "$src" | awk -v k2048="$k2048" -v k1024="$k1024" \
	    -v k512="$k512" '{
		gsub(/@P2048@/, k2048); gsub(/@P1024@/, k1024); gsub(/@P512@/, k512)
		print }' >"$out"
	[ "${PIPESTATUS[0]}" -eq 0 ] && [ -s "$expect" ]
}

# sc__start NAME OUTFILE MODE ARGS... - one bounded run in the background
#
# The run is registered with the work directory's instance, so that
# pf_cleanup stops it too if the script ends early; sc_wait collects its
# exit status.
sc__start() {
	local name="$1" out="$2" mode="$3"
	shift 3
	printf '%s\n' "${SC_ENV[*]} $mode ${SC_ARGS[*]} $*" >"$SC_OUT/$name.args"
	env ${SC_ENV[@]+"${SC_ENV[@]}"} timeout -k 5 "${SC_LIMIT:-60}" \
	    "$SC" "$mode" "${SC_ARGS[@]}" "$@" >"$out" 2>"$SC_OUT/$name.err" </dev/null &
	SC_PIDS+=("$!:$name")
	pf_register "$SC_WORK" "$!"
}

sc_json() {
	local name="$1"
	shift
	sc__start "$name" "$SC_OUT/$name.json" --json "$@"
}

sc_nagios() {
	local name="$1"
	shift
	sc__start "$name" "$SC_OUT/$name.out" --nagios "$@"
}

# sc__summarize SCHEMA FILE... - per JSON file: "NAME json ok" or the
# reason it is not, then its findings, not_run entries, status field,
# the status its content implies, and whether counts match findings
sc__summarize() {
	"$SC_PY" - "$@" <<'PY'
import json, os, sys
from jsonschema import Draft7Validator

validator = Draft7Validator(json.load(open(sys.argv[1])))
rank = {"critical": 2, "high": 2, "medium": 1}
for path in sys.argv[2:]:
    name = os.path.basename(path)[:-len(".json")]
    out = lambda *w: print(name, *(" ".join(str(x) for x in w).split("\n")))
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        out("json", "not JSON:", str(e)[:300])
        continue
    errors = list(validator.iter_errors(doc))
    if errors:
        out("json", "schema:", "; ".join(
            "/".join(str(p) for p in e.absolute_path) + ": " + e.message[:200]
            for e in errors[:3]))
    else:
        out("json", "ok")
    if not isinstance(doc, dict):
        continue
    findings = [f for f in doc.get("findings") or [] if isinstance(f, dict)]
    notrun = [n for n in doc.get("not_run") or [] if isinstance(n, dict)]
    for f in findings:
        out("finding", f.get("id"), f.get("severity"))
        out("evidence", f.get("id"), str(f.get("evidence"))[:600].replace("\n", " / "))
    for n in notrun:
        out("notrun", n.get("check"), "-", str(n.get("reason"))[:300].replace("\n", " / "))
    out("status", doc.get("status"))
    sev = [rank.get(f.get("severity"), 0) for f in findings]
    implied = 2 if 2 in sev else 3 if notrun else 1 if 1 in sev else 0
    out("implied", implied)
    want = {s: 0 for s in ("critical", "high", "medium", "low", "info")}
    for f in findings:
        if f.get("severity") in want:
            want[f["severity"]] += 1
    out("counts", "ok" if doc.get("counts") == want else
        "mismatch: says %s, findings give %s" % (doc.get("counts"), want))
PY
}

sc_wait() {
	local p files=()
	for p in "${SC_PIDS[@]}"; do
		wait "${p%%:*}"
		echo $? >"$SC_OUT/${p#*:}.rc"
	done
	SC_PIDS=()
	for p in "$SC_OUT"/*.json; do [ -e "$p" ] && files+=("$p"); done
	if [ ${#files[@]} -gt 0 ]; then
		sc__summarize "$SC_SCHEMA" "${files[@]}" >"$SC_OUT/summary" ||
		    bail "cannot read the JSON reports"
	fi
}

sc__field() {
	awk -v n="$1" -v k="$2" '$1 == n && $2 == k { $1 = ""; $2 = ""; sub(/^  /, ""); print }' \
	    "$SC_OUT/summary"
}

sc_rc() {
	cat "$SC_OUT/$1.rc" 2>/dev/null || echo none
}

sc_ids() {
	local min=${2:-info}
	awk -v n="$1" -v min="$min" -v order="$SC_SEVERITIES" '
	BEGIN { k = split(order, o, " "); for (i = 1; i <= k; i++) r[o[i]] = i }
	$1 == n && $2 == "finding" && r[$4] >= r[min] { print $3 }' "$SC_OUT/summary"
}

sc_severity() {
	awk -v n="$1" -v id="$2" '$1 == n && $2 == "finding" && $3 == id { print $4 }' \
	    "$SC_OUT/summary"
}

sc_notrun() {
	sc__field "$1" notrun | cut -d' ' -f1
}

sc_evidence() {
	awk -v n="$1" -v id="$2" '$1 == n && $2 == "evidence" && $3 == id {
		$1 = $2 = $3 = ""; sub(/^ +/, ""); print }' "$SC_OUT/summary"
}

# sc__why NAME - what a failed case shows: the run, its report, stderr
sc__why() {
	diag "  run: authmilter-selfcheck $(cat "$SC_OUT/$1.args" 2>/dev/null)"
	diag "  exit status: $(sc_rc "$1")"
	sc__field "$1" finding | sed 's/^/  finding: /' | while IFS= read -r l; do diag "$l"; done
	sc__field "$1" notrun | sed 's/^/  not run: /' | while IFS= read -r l; do diag "$l"; done
	head -c 1500 "$SC_OUT/$1.err" 2>/dev/null | sed 's/^/  stderr: /' |
	    while IFS= read -r l; do diag "$l"; done
	[ -f "$SC_OUT/$1.out" ] && head -c 500 "$SC_OUT/$1.out" | sed 's/^/  stdout: /' |
	    while IFS= read -r l; do diag "$l"; done
	return 0
}

sc__case() {
	ok "$1" "$3"
	[ "$1" -eq 0 ] || sc__why "$2"
}

sc_ok_exit() {
	[ "$(sc_rc "$1")" = "$2" ]
	sc__case $? "$1" "$3"
}

sc_ok_json() {
	local name="$1" rc j st im ct
	rc=$(sc_rc "$name")
	j=$(sc__field "$name" json)
	st=$(sc__field "$name" status)
	im=$(sc__field "$name" implied)
	ct=$(sc__field "$name" counts)
	if [ "$j" = ok ] && [ "$st" = "$rc" ] && [ "$im" = "$rc" ] && [ "$ct" = ok ]; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "  json: ${j:-no report}; status field: ${st:-none}; implied by findings: ${im:-none}; counts: ${ct:-none}"
		sc__why "$name"
	fi
}

sc_ok_has() {
	local name="$1" id="${2%%=*}" sev="" got
	case $2 in *=*) sev=${2#*=} ;; esac
	got=$(sc_severity "$name" "$id" | head -1)
	if [ -n "$got" ] && { [ -z "$sev" ] || [ "$got" = "$sev" ]; }; then
		ok 0 "$3"
	else
		ok 1 "$3"
		[ -z "$got" ] || diag "  $id has severity $got, want $sev"
		sc__why "$name"
	fi
}

sc_ok_lacks() {
	[ -z "$(sc_severity "$1" "$2")" ]
	sc__case $? "$1" "$3"
}

sc_ok_clean() {
	local name="$1" desc="$2" id a extra=""
	shift 2
	for id in $(sc_ids "$name" low); do
		for a in "$@"; do [ "$id" = "$a" ] && continue 2; done
		extra="$extra $id"
	done
	[ -z "$extra" ] && [ -s "$SC_OUT/$name.json" ]
	sc__case $? "$name" "$desc"
	[ -z "$extra" ] || diag "  unexpected:$extra"
}

sc_ok_notrun() {
	sc_notrun "$1" | grep -Eq "^$2(\.|$)"
	sc__case $? "$1" "$3"
}

# sc_ok_nagios NAME WORD DESC - one line "SELFCHECK WORD - ..." with
# perfdata after "|", and the exit status that goes with WORD
sc_ok_nagios() {
	local name="$1" word="$2" want lines
	case $word in OK) want=0 ;; WARNING) want=1 ;; CRITICAL) want=2 ;; *) want=3 ;; esac
	lines=$(wc -l <"$SC_OUT/$name.out" 2>/dev/null || echo 0)
	[ "$lines" = 1 ] && [ "$(sc_rc "$name")" = "$want" ] &&
	    grep -Eq "^SELFCHECK $word - [^|]+\|( *[A-Za-z_]+=[0-9]+[^ ]*)+ *$" "$SC_OUT/$name.out"
	sc__case $? "$name" "$3"
}
