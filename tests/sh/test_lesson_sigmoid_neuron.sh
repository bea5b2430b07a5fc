#!/bin/sh
# test_lesson_sigmoid_neuron.sh — lessons/03-sigmoid-neuron.lua, the lesson
# made from notebook 001: it runs headless without error, every array and
# number the notebook prints appears in its transcript exactly as printed
# there and in the same order, the figures and the training table are
# drawn, the exercises start unsolved, and `nnbook --check` passes (each
# solution passes its check).
. tests/sh/lib.sh
lesson=lessons/03-sigmoid-neuron.lua
out=$tmp/out

# What the notebook prints, cell by cell (its text dump, with numpy's
# column indent restored).
cat >"$tmp/notebook" <<'EOF'
[[0 0 1]
 [1 1 1]
 [1 0 1]
 [0 1 1]]
[[0]
 [1]
 [1]
 [0]]
[[-0.16595599]
 [ 0.44064899]
 [-0.99977125]]
Training outputs:
[[0]
 [1]
 [1]
 [0]]
Results after one step training:
[[0.2689864 ]
 [0.3262757 ]
 [0.23762817]
 [0.36375058]]
Training outputs:
[[0]
 [1]
 [1]
 [0]]
Results after training:
[[0.0042779 ]
 [0.99650925]
 [0.99715469]
 [0.00348742]]
[[11.30926129]
 [-0.20509237]
 [-5.45001623]]
0.9999877412862083
EOF

has() { # text name
	grep -qF -- "$1" "$out"
	check $? "$2"
}

start=$(date +%s%N)
LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --width 80 >"$out" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check $rc "the lesson runs without error (exit $rc, ${ms} ms)"
[ $rc = 0 ] || sed 's/^/#   /' "$out" | tail -20

# Code lines carry a line number and table rows are indented, so the only
# transcript lines equal to one of the notebook's lines are the printed ones.
grep -Fx -f "$tmp/notebook" "$out" >"$tmp/printed"
cmp -s "$tmp/printed" "$tmp/notebook"
rc=$?
check $rc "the notebook's printed arrays and numbers appear exactly, in its order"
[ $rc = 0 ] || diff "$tmp/notebook" "$tmp/printed" | sed 's/^/#   /' | head -30
for want in "[[-0.16595599]" "[0.2689864 ]" "[0.00348742]]" "[[11.30926129]" \
            "[-5.45001623]]" "0.9999877412862083"; do
	has "$want" "prints $want"
done

has "A sigmoid neuron trained by backpropagation" "the title is shown"
has "Source: notebook 'Simple neural network: A perceptron' (seed 001)" "the source notebook is named"
has "(sigmoid)" "the network diagram is drawn"
has "the sigmoid" "the sigmoid figure is drawn"
grep -Eq '^ +x$' "$out"; check $? "with its x label"
grep -Eq '^ +50000 +11\.3092 +-0\.2051 +-5\.4500 +0\.0043$' "$out"
check $? "the training table ends at iteration 50000 with the trained weights"
grep -Eq '^ +1 +-0\.1660 +0\.4406 +-0\.9998 +0\.7624$' "$out"
check $? "and starts from the seeded weights"
has "errors per iteration" "the errors are plotted on linear axes"
has "|error| per iteration (log-log)" "and on log-log axes"
grep -Eq '^ +1 +10 +100 +1000 +10000$' "$out"
check $? "the log-log figure has decades on its iteration axis"
has "every error below 0.01 after 9353 iterations with one neuron," \
    "the single neuron's convergence is measured"
[ "$(grep -c '^✗ ' "$out")" = 3 ]
check $? "the three exercises start unsolved"
! grep -q '^✓ ' "$out"
check $? "and no check passes before the student acts"

LC_ALL=C.UTF-8 "$NNBOOK" --check "$lesson" >"$tmp/check" 2>&1
rc=$?
check $rc "nnbook --check passes: $(tail -1 "$tmp/check")"
[ $rc = 0 ] || sed 's/^/#   /' "$tmp/check" | head -20
grep -q "3 checks" "$tmp/check"
check $? "it found three checks"
done_testing
