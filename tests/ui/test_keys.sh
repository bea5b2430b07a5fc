#!/bin/sh
# test_keys.sh — docs/keys.md is what the key table says (it is generated
# from it: NNBOOK_KEYS_MD=1 build/nnbook > docs/keys.md), and every key the
# help screen lists is in it.
NNBOOK=${NNBOOK:-build/nnbook}
[ -x "$NNBOOK" ] || { echo "skip: $NNBOOK is not built"; exit 77; }
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
out=$(mktemp) && trap 'rm -f "$out"' EXIT
NNBOOK_KEYS_MD=1 "$NNBOOK" >"$out" </dev/null
ok $? "NNBOOK_KEYS_MD=1 prints the key table without a terminal"
cmp -s "$out" docs/keys.md
ok $? "docs/keys.md is up to date with the key table"
[ $? = 0 ] || diff docs/keys.md "$out" | sed 's/^/#   /' | head -20
for want in "Ctrl-C" "d d" "Ctrl-E" "Esc" "Ctrl-S" "search cells and outputs" "play / pause"; do
	grep -qF -- "$want" "$out"
	ok $? "the table documents $want"
done
echo "1..$n"
