#!/bin/sh
# test_cli.sh — the command line takes modes, options and the lesson in any
# order, and a mistake is named in one line instead of the bare usage text.
. tests/sh/lib.sh
lesson=lessons/01-perceptron.lua
out=$tmp/out
want=$tmp/want
LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --width 70 >"$want" 2>&1

same() { # description, arguments...
	d=$1; shift
	LC_ALL=C.UTF-8 "$NNBOOK" "$@" >"$out" 2>&1
	rc=$?
	[ $rc = 0 ] && cmp -s "$out" "$want"
	check $? "$d ($*): rc $rc"
}
same "the mode before its options" --run --no-color --no-times --width 70 "$lesson"
same "the lesson first" "$lesson" --run --no-color --no-times --width 70
same "options around the mode" --no-color --run --width 70 "$lesson" --no-times
same "the lesson as --run's value" --run="$lesson" --no-color --no-times --width 70

LC_ALL=C.UTF-8 "$NNBOOK" --run --format md "$lesson" >"$out" 2>&1
rc=$?
[ $rc = 0 ] && head -1 "$out" | grep -q "^# "
check $? "the README's handout command works (nnbook --run --format md LESSON): rc $rc"

fails() { # description, expected message, arguments...
	d=$1; msg=$2; shift 2
	"$NNBOOK" "$@" >"$out" 2>&1
	rc=$?
	[ $rc = 2 ] && grep -q -- "$msg" "$out" && ! grep -q "^usage:" "$out" \
		&& [ "$(wc -l <"$out")" -le 2 ]
	check $? "$d ($*): rc $rc, $(head -c 120 "$out")"
}
fails "a mode without its file" "--run needs a lesson file" --run
fails "a mode without its file, options given" "--check needs a lesson file" --check --width 60
fails "--new without a name" "--new needs a name" --new
fails "two lessons" "one lesson at a time" --run a.lua b.lua
fails "two modes" "do not go together" --run --check "$lesson"
fails "an unknown option" "nnbook --help lists the options" --bogus "$lesson"
fails "a bad --format" "--format is text, md or ipynb" --run --format pdf "$lesson"

"$NNBOOK" --help >"$out" 2>&1
grep -q "any order" "$out"; check $? "--help says the order is free"
