# lib.sh — shared by the shell tests: TAP output and a scratch folder.
#   . tests/sh/lib.sh; check STATUS "name"; ...; done_testing
NNBOOK=${NNBOOK:-build/nnbook}
n=0 failed=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
check() { # status name
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
done_testing() { echo "1..$n"; exit $failed; }
