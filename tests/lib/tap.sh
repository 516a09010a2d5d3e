# tap.sh - TAP output and small helpers for the shell tests (sourced).
#
#   ok COND_EXIT_STATUS "description"   e.g.  grep -q x f; ok $? "has x"
#   is "got" "want" "description"
#   like "text" "extended-regex" "description"
#   diag "text"
#   tap_done                             prints the plan, returns 1 on failure
#   free_port                            prints an unused TCP port on 127.0.0.1

TAP_N=0
TAP_FAILED=0

ok() {
	TAP_N=$((TAP_N + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $TAP_N - $2"
	else
		TAP_FAILED=$((TAP_FAILED + 1))
		echo "not ok $TAP_N - $2"
	fi
}

is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"; diag "  got: '$1'"; diag "  want: '$2'"; fi
}

like() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then ok 0 "$3"; else
		ok 1 "$3"; diag "  text: $(printf '%s' "$1" | head -c 2000)"; diag "  does not match: $2"; fi
}

unlike() {
	if printf '%s' "$1" | grep -Eq -- "$2"; then
		ok 1 "$3"; diag "  text: $(printf '%s' "$1" | head -c 2000)"; diag "  matches: $2"; else ok 0 "$3"; fi
}

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_N" -gt 0 ] || { echo "# no test ran"; return 1; }
	[ "$TAP_FAILED" -eq 0 ]
}

# bail - stop the whole script as one failure (TAP "Bail out!").
bail() {
	echo "Bail out! $*"
	exit 1
}

# free_port - an unused loopback TCP (and UDP) port from a high range.
free_port() {
	python3 - <<'PY'
import socket
for _ in range(50):
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); print(p); break
    except OSError:
        pass
    finally:
        u.close(); t.close()
PY
}

# tap_include NAME STATUS TAPFILE ERRFILE - the TAP output of a program
# this script ran (exit STATUS), numbered on after our own cases and
# counted with them; then two cases of our own: it reached its plan, and
# it exited cleanly (its stderr shown if not).
tap_include() {
	_counts=$(mktemp) || return 1
	awk -v base="$TAP_N" -v out="$_counts" '
		/^(not )?ok [0-9]+/ {
			neg = ($1 == "not"); i = neg ? 3 : 2
			$i = $i + base; n++; if (neg) f++
			print; next
		}
		/^1\.\.[0-9]+$/ { plan = 1; next }
		{ print }
		END { print n + 0, f + 0, plan + 0 > out }
	' "$3"
	read -r _n _failed _plan <"$_counts"
	rm -f "$_counts"
	TAP_N=$((TAP_N + _n))
	TAP_FAILED=$((TAP_FAILED + _failed))
	[ "$_plan" = 1 ]; ok $? "$1 ran to its plan"
	[ "$2" -eq 0 ] || { diag "$1 exit status $2"; sed -n '1,40p' "$4" | while IFS= read -r l; do diag "$l"; done; }
	[ "$_failed" -gt 0 ] || [ "$2" -eq 0 ]; ok $? "$1 exited cleanly (status $2)"
}
