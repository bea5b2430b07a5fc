#!/bin/sh
# test_flows.sh — running cells from a real terminal, where Ctrl-C is a
# signal and keys typed quickly arrive together (the flows themselves are
# checked without a terminal in tests/ui/test_flows.c): Ctrl-C while idle,
# Ctrl-C on an endless loop and the next cell, and five `.` sent at once
# stepping five frames.
. tests/ui/lib.sh
need
F=tests/ui/fixtures

start 80 24 "$NNBOOK $F/loop.lua"
wait_for "Interrupt test"
keys C-c
sleep 0.2
screen | grep -q "Nothing is running"
ok $? "Ctrl-C while idle only says that nothing runs"
keys Enter
wait_for "running"
ok $? "the endless loop runs"
sleep 0.5
keys C-c
wait_for "interrupted" 3
ok $? "Ctrl-C stops it: the cell says interrupted"
# the error block can show a frame before the end of the cell does
wait_re "\[1\] Forever.* interrupted" 3
ok $? "the cell header shows the interrupted state"
screen | tail -2 | head -1 | grep -q "interrupted"
ok $? "the status bar says interrupted, not error"
keys j Enter
wait_for "next cell ran, n > 0: true"
ok $? "the next cell runs and the state survived"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits after interrupts"

start 80 24 "$NNBOOK $F/training.lua"
wait_for "Training animation"
keys Enter
wait_for "playing"
keys p
wait_for "paused at frame"
frame() { screen | sed -n 's/.*paused at frame \([0-9][0-9]*\).*/\1/p' | head -1; }
f0=$(frame)
keys . . . . .
i=0; while [ "$(frame)" != $((f0 + 5)) ] && [ $i -lt 40 ]; do sleep 0.05; i=$((i + 1)); done
f1=$(frame)
ok "$([ "$f1" = $((f0 + 5)) ]; echo $?)" "five . sent at once step five frames ($f0 -> $f1)"
keys C-c
wait_for "interrupted"
ok $? "Ctrl-C stops the animation"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits"
done_testing
