#!/bin/sh
# test_lessons_all.sh — every bundled lesson (lessons/*.lua, also ones added
# later) runs headless without a failing cell and passes `--check` (its
# exercises' unedited cells fail their checks, their solutions pass), and
# the whole set runs in under 30 s.
. tests/sh/lib.sh
start=$(date +%s%N)
count=0
for f in lessons/*.lua; do
	count=$((count + 1))
	"$NNBOOK" --run "$f" --no-color --no-times --width 80 >"$tmp/out" 2>&1
	check $? "$f runs without a failing cell"
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $count -ge 5 ]; check $? "there are at least five lessons ($count)"
[ $ms -lt 30000 ]; check $? "all $count lessons ran in ${ms} ms (limit 30 s)"
for f in lessons/*.lua; do
	"$NNBOOK" --check "$f" >"$tmp/out" 2>&1
	check $? "$f passes --check: $(tail -1 "$tmp/out")"
done
done_testing
