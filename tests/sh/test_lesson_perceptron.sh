#!/bin/sh
# test_lesson_perceptron.sh — lessons/01-perceptron.lua (seed 003) headless:
# it runs without error, prints the AND gate as the notebook does, learns the
# line y = x + 4 with the seeded numbers (checked against numpy), fails
# without a bias and separates the boxes with one, shows that one perceptron
# cannot learn XOR while the hidden layer computes it, and every exercise is
# unsolved as shipped but solved by its solution (`nnbook --check`).
. tests/sh/lib.sh
lesson=lessons/01-perceptron.lua
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

# the AND gate with fixed weights, printed as the notebook prints it
has "[0 0] 0"
has "[0 1] 0"
has "[1 0] 0"
has "[1 1] 1"
has_re '^ +1 +1 +1\.0 +1 +1$' "the truth table gives AND and OR for (1, 1)"
has_re '^ +0 +1 +0\.5 +0 +1$' "and AND 0, OR 1 for (0, 1)"

# one pass over 100 random points above/below y = x + 4 (seed 49; numpy agrees)
has "start weights: [-0.63705526 -0.62381471]"
has "end weights:   [-13.63705526  12.37618529]"
has "one pass: correct = 100, wrong = 0"
has "slope m = -w1/w2 = 1.1018787244650932"
has "all 100 right in 0 of 20 runs"

# the two hand-written clusters
has "test point (3.9, 6.9) -> 1"
has "test point (-2.9, -5.9) -> 0"
has "fair count: correct = 24, wrong = 0"
has "the notebook's count (did it fire?): correct = 12, wrong = 12"
has "three inputs, one pass: correct = 24 of 24"

# no bias fails, a bias separates the set without error
has "without a bias: correct = 73, wrong = 27"
has "slope m = 1.5680491391552425"
has_re '^ +1 +93 +7 +-0\.232 +0\.421 +-1\.050 +0\.552 +2\.494$' "the bias perceptron's first pass: 93 right"
has "with a bias: correct = 100, wrong = 0"

# XOR: no single perceptron, but the hidden layer computes it
has_re '^one perceptron with a bias, 25 passes: at best [0-3] of 4 right$' "one perceptron never gets XOR right"
has_re '^ +0 +0 +0 +0 +0$' "hidden layer: XOR(0, 0) = 0"
has_re '^ +0 +1 +1 +0 +1$' "hidden layer: XOR(0, 1) = 1"
has_re '^ +1 +0 +1 +0 +1$' "hidden layer: XOR(1, 0) = 1"
has_re '^ +1 +1 +1 +1 +0$' "hidden layer: XOR(1, 1) = 0"

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
