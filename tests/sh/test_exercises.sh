#!/bin/sh
# test_exercises.sh — the exercises judge the property they teach.  For
# every exercise of the five lessons, tests/exercises/<lesson>.lua holds at
# least two wrong answers and two different right ones; `nnbook --check
# --answers` runs each in place of the exercise cell, then its check, and
# must find every verdict as the table says (and the solution passing).
# A check weakened on purpose is caught; a failing solution is reported
# with the judge's reason.
. tests/sh/lib.sh
err=$tmp/err
start=$(date +%s%N)
for lesson in lessons/0*.lua; do
	name=$(basename "$lesson")
	table=tests/exercises/$name
	"$NNBOOK" --check "$lesson" --answers "$table" >/dev/null 2>"$err"
	rc=$?
	check $rc "$name: every answer in its table gets the verdict the table says"
	[ $rc = 0 ] || sed 's/^/#   /' "$err" | head -10
	tried=$(sed -n 's/.*: \([0-9]*\) answers tried$/\1/p' "$err")
	total=$(grep -c '^-- %% Exercise [0-9]* \(wrong\|right\)' "$table")
	[ "$tried" = "$total" ]; check $? "$name: all $total answers were tried (got ${tried:-none})"
	for ex in $(sed -n 's/^-- %% Exercise \([0-9]*\):.*/\1/p' "$lesson"); do
		w=$(grep -c "^-- %% Exercise $ex wrong" "$table")
		r=$(grep -c "^-- %% Exercise $ex right" "$table")
		[ "$w" -ge 2 ] && [ "$r" -ge 2 ]
		check $? "$name exercise $ex: $w wrong and $r right answers (2 of each at least)"
	done
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 60000 ]; check $? "the five tables run in under 60 s (took $ms ms)"

# the old check, which judged only the losses, lets a wrong answer through
sed 's/if learnrate <= 0 then/if false then/; s/if factor <= 2 then/if false then/' \
	lessons/02-gradient-descent.lua >"$tmp/weak.lua"
"$NNBOOK" --check "$tmp/weak.lua" --answers tests/exercises/02-gradient-descent.lua \
	>/dev/null 2>"$err"
[ $? = 1 ] && grep -q "a wrong answer passes its check: Exercise 2 wrong: a negative rate" "$err"
check $? "a weakened check is caught by the table"

# a solution that fails is reported with the judge's reason
sed 's/^learnrate = 0.015 /learnrate = 0.001 /' lessons/02-gradient-descent.lua >"$tmp/bad.lua"
"$NNBOOK" --check "$tmp/bad.lua" >/dev/null 2>"$err"
[ $? = 1 ] && grep -q 'the solution does not pass its check: "full batch stops within 10 steps, near w\*": it took 54 steps' "$err"
check $? "--check prints why a solution fails its check"

# an answer that names no exercise is a problem, not silently skipped
printf -- '-- %%%% Exercise 9 right: nothing\nx = 1\n' >"$tmp/stray.lua"
"$NNBOOK" --check lessons/01-perceptron.lua --answers "$tmp/stray.lua" >/dev/null 2>"$err"
[ $? = 1 ] && grep -q "stray.lua:1: an answer for no exercise" "$err"
check $? "an answer for no exercise is reported"
# the summary counts in words that agree with the numbers: 1 cell, 1 check
printf -- '-- %%%% Check 1\ncheck{"never", function() return false end}\n' >"$tmp/one.lua"
"$NNBOOK" --check "$tmp/one.lua" >/dev/null 2>"$err"
grep -q "one.lua: 1 cell (1 code, 1 check), ran in" "$err"
check $? "--check says 1 cell and 1 check, not 1 cells and 1 checks"
done_testing
