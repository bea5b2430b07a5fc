#!/bin/sh
# test_lesson_04_linear_classifier.sh — lessons/04-linear-classifier.lua (seed
# 000) runs headless and shows what the notebook shows: 2000 points, a
# 1800/200 split, 57 steps per epoch, 100 epochs of loss and val_loss with
# val_loss ending below 0.05, the prediction for (0.8, 0.3) equal to the sum
# worked out by hand, a line that separates the data, the loss comparison;
# the numbers its prose quotes; and `--check` passes: no exercise passes
# as given, and each passes with its solution.
. "$(dirname "$0")/lib.sh"
lesson=lessons/04-linear-classifier.lua
out=$tmp/out
has() { grep -qF -- "$1" "$out"; check $? "prints: $1"; }

LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --width 80 >"$out" 2>&1
check $? "--run exits 0"
has "X has shape 2000 2"
has "points labelled 1: 1000  labelled 0: 1000"
has "training points: 1800  validation points: 200"
has "label 1 among the validation points: 102"
has "57/57 ["
has "Epoch 100/100"
rows=$(grep -c '^ *[0-9]\{1,3\}  [0-9]\.[0-9]\{4\}  *[0-9]\.[0-9]\{4\}$' "$out")
[ "$rows" = 100 ]; check $? "the table has one loss/val_loss row per epoch (got $rows)"
# the numbers the prose quotes
has "epoch 1:   loss 2.9756  val_loss 2.8306"
has "epoch 100: loss 0.0094  val_loss 0.0094"
has "val_loss first below 0.05 at epoch 43"
last=$(sed -n 's/^epoch 100: loss [0-9.]*  val_loss \([0-9.]*\)$/\1/p' "$out")
awk -v v="$last" 'BEGIN { exit !(v != "" && v + 0 < 0.05) }'
check $? "the validation loss falls below 0.05 (epoch 100: $last)"
has "the same number: true"
has "positive, so the point is put in class 1"
has "Separation line from the unique neuron"
has "training accuracy 100.0%, validation accuracy 100.0%"
slope=$(sed -n 's/^learned line: y = \([-0-9.]*\) x + \([0-9.]*\) .*/\1 \2/p' "$out")
echo "$slope" | awk '{ exit !(NF == 2 && $1 > -1.1 && $1 < -0.9 && $2 > 2.8 && $2 < 3.2) }'
check $? "the learned line is close to y = 3 - x (slope, intercept: $slope)"
grep -q '^hinge  .* 100\.0%$' "$out"; check $? "comparison: hinge 100% right"
grep -q '^binary_crossentropy  .* 51\.0%$' "$out"; check $? "comparison: cross-entropy on a linear output 51%"
grep -q '^mean_absolute_percentage_error  .* 49\.0%$' "$out"; check $? "comparison: percentage error 49%"

LC_ALL=C.UTF-8 "$NNBOOK" --check "$lesson" >"$out" 2>&1
check $? "--check exits 0: $(tail -1 "$out")"
grep -q "4 checks), ran in .*: ok$" "$out"; check $? "--check ran 4 checks"
done_testing
