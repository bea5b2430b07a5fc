#!/bin/sh
# test_lesson_05_xor_hidden_layer.sh — lessons/05-xor-hidden-layer.lua (seed
# 004) runs headless and shows what the notebook shows: the 2-4-4-2 network,
# 10,000 training points with one-hot labels, 200 epochs of 100 batches with
# their losses, 5000 test points and a test accuracy of at least 97%; the
# facts its prose states; and `--check` passes: no exercise passes as
# given, and each passes with its solution.
. "$(dirname "$0")/lib.sh"
lesson=lessons/05-xor-hidden-layer.lua
out=$tmp/out
has() { grep -qF -- "$1" "$out"; check $? "prints: $1"; }

LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --width 80 >"$out" 2>&1
check $? "--run exits 0"
has "Total params: 42"
has "(softmax)"
has "X_train shape: 10000 2"
has "y_train shape: 10000 2"
has "array([[1., 0.],"
has "100/100 ["
has "Epoch 200/200"
rows=$(grep -c '^ *[0-9]\{1,3\}  [0-9]\.[0-9]\{4\}$' "$out")
[ "$rows" = 200 ]; check $? "the table has one loss row per epoch (got $rows)"
has "y_test shape: 5000 2"
has "test points, coloured by prediction"
acc=$(sed -n 's/^test accuracy: \([0-9.]*\)%$/\1/p' "$out")
awk -v a="$acc" 'BEGIN { exit !(a != "" && a + 0 >= 97) }'
check $? "test accuracy is at least 97% (got $acc%)"
# the loss falls overall but jumps back up on the way (prose, section 5)
sed -n '/^─────  ──────$/,/^loss after/p' "$out" | awk '
	/^ *[0-9]+  [0-9.]+$/ { if (n++ && $2 > 1.5 * prev) jumps++; if (n == 1) first = $2; prev = $2 }
	END { exit !(jumps >= 2 && prev < first / 10) }'
check $? "the loss drops tenfold and jumps up by half at least twice"
grep -q '^ *10  0\.1030$' "$out"; check $? "prose: the loss is 0.10 at epoch 10"
grep -q '^ *24  0\.2366$' "$out"; check $? "prose: the loss is back up at 0.24 at epoch 24"
# units 2 and 3 of the first hidden layer lie almost on the axes (prose, section 7)
awk '/^unit 2: / { a = $3; b = $6 } /^unit 3: / { c = $3; d = $6 }
	function abs(x) { return x < 0 ? -x : x }
	END { exit !(b != "" && c != "" && abs(a) < abs(b) / 10 && abs(d) < abs(c) / 10) }' "$out"
check $? "hidden units 2 and 3 draw lines along the axes"
two=$(sed -n 's/^2 hidden neurons: test accuracy \([0-9.]*\)%$/\1/p' "$out")
awk -v a="$two" 'BEGIN { exit !(a != "" && a > 60 && a < 80) }'
check $? "one hidden layer of 2 neurons stays near 70% (got $two%)"
grep -q "^momentum 0.99: .* worst rise [0-9]\{3,\}%$" "$out"
check $? "momentum 0.99 makes the loss jump in 20 epochs"

LC_ALL=C.UTF-8 "$NNBOOK" --check "$lesson" >"$out" 2>&1
check $? "--check exits 0: $(tail -1 "$out")"
grep -q "3 checks), ran in .*: ok$" "$out"; check $? "--check ran 3 checks"
done_testing
