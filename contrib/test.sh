#!/bin/sh
# test.sh - the whole test suite, as the README's second command and CI
# run it: install dependencies, build, run every test in the normal build
# and again under AddressSanitizer + UndefinedBehaviorSanitizer, and end
# with one line "N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/contrib/deps.sh" || exit 1

build_root=${BUILD_ROOT:-$top/build}
passed=0 failed=0 status=0

# run_suite NAME [configure options] - build in $build_root/NAME, make check
run_suite() {
	name=$1; shift
	dir=$build_root/$name
	echo "== $name build"
	if ! "$top/contrib/build.sh" "$dir" "$@"; then
		echo "== $name: build failed"
		failed=$((failed + 1)); status=1
		return
	fi
	echo "== $name tests"
	( cd "$dir" && make -j2 check >make-check.out 2>&1 )
	rc=$?
	grep -E '^(FAIL|ERROR|XPASS)' "$dir/test-suite.log" 2>/dev/null | head -50
	p=$(sed -n 's/^# PASS: *//p' "$dir/test-suite.log" 2>/dev/null)
	f=$(sed -n 's/^# FAIL: *//p' "$dir/test-suite.log" 2>/dev/null)
	e=$(sed -n 's/^# ERROR: *//p' "$dir/test-suite.log" 2>/dev/null)
	p=${p:-0}; f=$((${f:-0} + ${e:-0}))
	# Suites that report their own count say so in a "# NAME: N passed" line.
	grep -h -E '^# [A-Za-z0-9_.-]+: [0-9]+ passed, [0-9]+ failed' "$dir"/tests/*/*.log 2>/dev/null | sed "s/^# /   $name: /"
	echo "   $name: $p passed, $f failed"
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "== $name: make check failed outside the tests:"; tail -30 "$dir/make-check.out"
		f=1
	fi
	passed=$((passed + p)); failed=$((failed + f))
	[ "$f" -eq 0 ] || status=1
}

run_suite normal
run_suite sanitizers --enable-sanitizers
echo "$passed passed, $failed failed"
exit $status
