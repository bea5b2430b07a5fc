#!/bin/sh
# test_handout.sh — `nnbook --run --format md` is a student's handout: each
# exercise a task, no verdicts, no hints (unless --hints), no solutions;
# --teacher (or --solutions) adds hints, solutions and verdicts.  Wide
# tables and long lines stay whole in fenced blocks.  The three handouts of
# tests/e2e/handout.lua equal the golden files in tests/golden/transcript/
# (NNBOOK_UPDATE_GOLDEN=1 rewrites them); options go in any order.
. tests/sh/lib.sh
lesson=tests/e2e/handout.lua
gold=tests/golden/transcript
md() { # name, options...
	name=$1; shift
	LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --format md --no-times "$@" >"$tmp/$name" 2>&1
	if [ -n "$NNBOOK_UPDATE_GOLDEN" ]; then cp "$tmp/$name" "$gold/$name"; fi
	cmp -s "$tmp/$name" "$gold/$name"
	rc=$?
	check $rc "handout $name ($*) equals the golden file"
	[ $rc = 0 ] || diff "$gold/$name" "$tmp/$name" | sed 's/^/#   /' | head -20
}
md handout_student.md
md handout_hints.md --hints
md handout_teacher.md --teacher

s=$tmp/handout_student.md h=$tmp/handout_hints.md t=$tmp/handout_teacher.md
grep -qx -- '- \[ \] x is 2' "$s"; check $? "the student's handout shows the exercise as a task"
! grep -q '✗\|✓' "$s"; check $? "... without a verdict"
! grep -q 'one plus one\|Two is one' "$s"; check $? "... without the hint or the solution"
grep -q 'Two is one plus one' "$h" && ! grep -q 'x = 2 .*one plus one' "$h"
check $? "--hints adds the hint, not the solution"
grep -q 'Two is one plus one' "$t" && grep -q '^x = 2 .*one plus one' "$t" && grep -q '^✗ x is 2' "$t"
check $? "--teacher adds the hint, the solution and the verdict"
grep -q '1234.567800  -0.000123  0.001000$' "$s"
check $? "a wide table keeps its last columns whole"
grep -qx '\(1234567890\)\{12\}' "$s"; check $? "a long printed line is not wrapped"

LC_ALL=C.UTF-8 "$NNBOOK" --solutions --no-times "$lesson" --format md --run >"$tmp/any" 2>&1
cmp -s "$tmp/any" "$t"; check $? "--solutions is --teacher, and the options go in any order"

# the text transcript folds hint and solution cells as the notebook does
LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --width 80 >"$tmp/txt" 2>&1
grep -qx '▸ hint — --hints shows it' "$tmp/txt" && grep -qx '▸ solution — --teacher shows it' "$tmp/txt" &&
	! grep -q 'one plus one' "$tmp/txt"
check $? "the text transcript folds the hint and the solution to one line each"
LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --hints --no-color --no-times --width 80 >"$tmp/txt" 2>&1
grep -A1 -x '▾ Hint 1' "$tmp/txt" | grep -qx 'Two is one plus one.'
check $? "with --hints the text transcript shows the hint under its title"
done_testing
