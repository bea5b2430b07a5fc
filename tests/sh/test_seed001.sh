#!/bin/sh
# test_seed001.sh — notebook 001 end to end: seed 1, uniform weights, one
# step, 50000 iterations, the prediction for [1, 0, 0].  Every array and the
# scalar the notebook prints must appear character for character.
. tests/sh/lib.sh
dir=tests/e2e
out=$tmp/out
"$NNBOOK" --run "$dir/seed001.lua" >"$out" 2>&1
check $? "seed001.lua runs without error"
cmp -s "$out" "$dir/seed001.expected"
rc=$?
check $rc "the output equals the notebook's printed values"
[ $rc = 0 ] || diff "$dir/seed001.expected" "$out" | sed 's/^/#   /' | head -40
for want in "[[-0.16595599]" "[0.2689864 ]" "[0.00348742]]" "[[11.30926129]" "[-5.45001623]]" \
            "0.9999877412862083"; do
	grep -qF -- "$want" "$out"
	check $? "prints $want"
done
done_testing
