#!/bin/sh
# test_frames.sh — `--run --frames K,...` prints a cell that reached
# frames as it was at each frame K (the frame history), for handouts that
# show one run's epoch 5 and epoch 20 side by side; other cells and runs
# without --frames are as before.
. tests/sh/lib.sh
lesson=tests/fixtures/lessons/frames30.lua
out=$tmp/out
run() { LC_ALL=C.UTF-8 "$NNBOOK" --run "$lesson" --no-color --no-times --width 80 "$@" >"$out" 2>&1; }

# the newest table row printed after the label "at frame K of 30"
newest_at() { # K
	awk -v k="at frame $1 of 30" '$0 == k { on = 1; next }
		on && /^at frame/ { exit } on && /^ +[0-9]+  [0-9.]+$/ { last = $1 } END { print last }' "$out"
}

run --frames 5,20,99
rc=$?
check $rc "--frames 5,20,99 runs: rc $rc"
[ "$(newest_at 5)" = 5 ]
check $? "at frame 5 the table's newest row is epoch 5 (got $(newest_at 5))"
[ "$(newest_at 20)" = 20 ]
check $? "at frame 20 it is epoch 20 (got $(newest_at 20))"
[ "$(newest_at 30)" = 30 ] && [ "$(grep -c '^at frame' "$out")" = 3 ]
check $? "past the last frame the cell shows how it ended (got $(newest_at 30))"
awk '/^at frame 5 of 30/ { on = 1 } /^at frame 20/ { on = 0 } on' "$out" | grep -q "^done" 
[ $? != 0 ] && grep -q "^done" "$out"
check $? "text printed after the frames shows only at the end"
# the line moves: the figure differs between the frames
awk '/^at frame 5 of/ { on = 1 } /^at frame 20/ { on = 0 } on && /┤/' "$out" >"$tmp/f5"
awk '/^at frame 20 of/ { on = 1 } /^at frame 30/ { on = 0 } on && /┤/' "$out" >"$tmp/f20"
[ -s "$tmp/f5" ] && ! cmp -s "$tmp/f5" "$tmp/f20"
check $? "the figure's line is where it was at each frame"

run
cp "$out" "$tmp/plain"
run --frames 30
sed '/^at frame 30 of 30$/d' "$out" | cmp -s - "$tmp/plain"
check $? "at the last frame the transcript is the one without --frames"

# a cell whose first frames show nothing new: at frame 5 nothing was printed yet
cat >"$tmp/late.lua" <<'EOF'
-- %% quiet, then loud
for i = 1, 20 do
  if i >= 10 then print("step " .. i) end
  frame()
end
EOF
LC_ALL=C.UTF-8 "$NNBOOK" --run "$tmp/late.lua" --no-color --no-times --frames 5,12 >"$out" 2>&1
awk '/^at frame 5 of 20/ { on = 1; next } /^at frame 12/ { on = 0 } on' "$out" | grep -q "step"
[ $? != 0 ] && awk '/^at frame 12 of 20/ { on = 1; next } on' "$out" | grep -q "^step 12$"
check $? "before the first frame that showed something, the cell shows nothing yet"

for bad in 0 x 5,,6 5,-1 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17; do
	"$NNBOOK" --run "$lesson" --frames "$bad" >"$out" 2>&1
	rc=$?
	[ $rc = 2 ] && grep -q -- "--frames takes" "$out"
	check $? "--frames $bad is refused in one line: rc $rc"
done
done_testing
