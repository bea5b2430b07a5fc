#!/bin/sh
# test_lesson_gradient_descent.sh — lessons/02-gradient-descent.lua (seed
# 002) headless: it runs without error; the data, the full-batch, online and
# mini-batch runs print the numbers numpy gives for the same seed (4), each
# stopping where |delta| < 0.01 as the notebook does; the full-batch weight
# ends near the least-squares slope; every exercise is unsolved as shipped
# and solved by its solution (`nnbook --check`).
. tests/sh/lib.sh
lesson=lessons/02-gradient-descent.lua
out=$tmp/out err=$tmp/err
has() { # fixed string that must be a line of the transcript
	grep -qxF -- "$1" "$out"
	check $? "prints: $1"
}
has_re() { # extended regex a line must match, description
	grep -qE -- "$1" "$out"
	check $? "$2"
}

start=$(date +%s%N)
LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --width 80 >"$out" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check $rc "the lesson runs without a failing cell (exit $rc)"
[ $rc = 0 ] || grep -n -B2 -A6 'Error\|error' "$out" | head -30 | sed 's/^/#   /'
[ "$ms" -lt 10000 ]; check $? "it runs in under 10 s (took $ms ms)"

# the data: numpy's linspace and, after seed 4, numpy's randn noise
has "[-12. -10.  -8.  -6.  -4.  -2.   0.   2.   4.   6.   8.  10.]"
has "[-27.09438293 -18.00048667 -28.35908931  -6.86401492 -13.3830152"
has "  24.58669689  22.12013072]"
has "least-squares weight w* = 2.3471, loss there = 349.686"

# full batch: rows as the notebook formats them, stop at |delta| < 0.01
has "   1    0.139   -0.361  2716.686"
has "  54    0.010    2.155   361.638"
has "full batch: stopped after 54 steps, weight = 2.1547, w* = 2.3471"
line=$(grep '^full batch: stopped' "$out")
echo "$line" | awk '{ w = $9; s = $12; sub(/,/, "", w); d = w - s; if (d < 0) d = -d; exit !(d < 0.25) }'
check $? "the full-batch weight stops within 0.25 of the least-squares slope"
has "after all 200 steps: weight = 2.3470, w* = 2.3471"

# online and mini-batch
has "    1       1   -0.500  -33.094    0.397  2102.416"
has "    5      12    2.222   -0.098   -0.001   354.343"
has "online: stopped after 5 epochs (60 steps), weight = 2.2208"
has "    1      1    0.118   -0.382  2524.312"
has "   25      3    0.009    1.902   407.476"
has "mini-batch: stopped after 25 epochs (75 steps), weight = 1.9023"
has_re '^least squares +2\.3471 +349\.686$' "the comparison table ends with the least-squares line"

# the exercises: three checks, none passed as shipped
c=$(grep -c '^✗ ' "$out")
[ "$c" = 3 ]; check $? "three exercise checks, all 'not yet' as shipped (got $c)"
! grep -q '^✓ ' "$out"; check $? "no check passes before the student edits"

LC_ALL=C.UTF-8 "$NNBOOK" --check "$lesson" >"$out" 2>"$err"
rc=$?
check $rc "nnbook --check passes: each solution passes its check (exit $rc)"
[ $rc = 0 ] || sed 's/^/#   /' "$err" | head -20
grep -q "3 checks.*: ok$" "$err"; check $? "--check counts 3 checks: $(tail -1 "$err")"
done_testing
