#!/bin/sh
# valgrind.sh BUILD — every C test program, and nnbook on the Lua tests and a
# lesson, under valgrind: any error or leak is a failure.  Ends with the
# usual "N passed, N failed" line (one entry per program).
BUILD=${1:-build}
command -v valgrind >/dev/null 2>&1 || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
VG="valgrind -q --child-silent-after-fork=yes --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99"
# The kernel process runs under valgrind too (a fork, so it is followed);
# valgrind makes system calls of its own there, so its seccomp filter is
# left off for this run only (never in restricted mode: see wall.h).
NNBOOK_VALGRIND=1
export NNBOOK_VALGRIND
pass=0 fail=0
check() { # name, command...
	name=$1; shift
	$VG "$@" >/dev/null 2>"$BUILD/valgrind.log"
	# 99 is valgrind's (an error or a leak); a lesson may fail on purpose
	if [ $? != 99 ] && ! grep -q "^==[0-9]*== " "$BUILD/valgrind.log"; then
		pass=$((pass + 1)); echo "ok - $name"
	else
		fail=$((fail + 1)); echo "not ok - $name"; sed 's/^/    /' "$BUILD/valgrind.log" | head -40
	fi
}
for t in "$BUILD"/tests/*/test_*; do
	case $t in *.o|*.d) continue ;; esac
	[ -x "$t" ] || continue
	check "${t#$BUILD/tests/}" "$t"
done
# nnbook's kernel is a forked child: it is checked too
VG=$(echo "$VG" | sed 's/--child-silent-after-fork=yes/--child-silent-after-fork=no/')
for t in tests/lua/test_*.lua tests/e2e/*.lua lessons/*.lua; do
	[ -f "$t" ] || continue
	check "nnbook --run $t" "$BUILD/nnbook" --run "$t" --no-times
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
