#!/bin/sh
# run.sh BUILD — runs every test and prints one summary line at the end:
# "N passed, N failed".  A test is one TAP line ("ok"/"not ok"); a program
# that dies without reporting its failures counts as one failure.
#
#   C tests:      BUILD/tests/*/test_*      (TAP on stdout)
#   Fuzz corpora: BUILD/tests/fuzz/replay_X over tests/fuzz/X/
#   Lua tests:    tests/lua/test_*.lua      (run by nnbook --run, TAP on stdout)
#   Script tests: tests/sh/test_*.sh, tests/ui/test_*.sh  (TAP on stdout;
#                 exit 77 and print "skip" when they cannot run here)
BUILD=${1:-build}
NNBOOK=$BUILD/nnbook
export NNBOOK BUILD
pass=0 fail=0 skipped=0
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT

run_one() { # name, command...
	name=$1; shift
	start=$(date +%s%N)
	"$@" >"$log" 2>&1
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" = 77 ]; then
		skipped=$((skipped + 1))
		printf '%-40s skipped: %s\n' "$name" "$(grep -m1 -i 'skip' "$log")"
		return
	fi
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1
		echo "not ok - $name exited with status $rc" >>"$log"
	fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" != 0 ]; then
		printf '%-40s %4d passed, %d FAILED (%d ms)\n' "$name" "$p" "$f" "$ms"
		grep -v '^ok ' "$log" | sed 's/^/    /' | head -60
	else
		printf '%-40s %4d passed (%d ms)\n' "$name" "$p" "$ms"
	fi
}

for t in "$BUILD"/tests/*/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] || continue
	# a binary left from a test that was moved or removed is not run
	[ -f "tests/${t#$BUILD/tests/}.c" ] || continue
	run_one "${t#$BUILD/tests/}" "$t"
done
for t in "$BUILD"/tests/fuzz/replay_*; do
	[ -x "$t" ] || continue
	name=${t##*/replay_}
	run_one "fuzz/$name (seed corpus)" "$t" "tests/fuzz/$name"
done
for t in tests/lua/test_*.lua; do
	[ -f "$t" ] || continue
	run_one "${t#tests/}" "$NNBOOK" --run "$t"
done
for t in tests/sh/test_*.sh tests/ui/test_*.sh; do
	[ -f "$t" ] || continue
	run_one "${t#tests/}" sh "$t"
done

[ "$skipped" != 0 ] && echo "($skipped test files skipped)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
