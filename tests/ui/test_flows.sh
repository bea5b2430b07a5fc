#!/bin/sh
# test_flows.sh — running lessons with keys: run all, interrupt an endless
# loop with Ctrl-C and run the next cell, play / pause / step a training
# animation one frame at a time, search, fold, restart.
. tests/ui/lib.sh
need
F=tests/ui/fixtures

# --- run all --------------------------------------------------------------
start 80 24 "$NNBOOK $F/basic.lua"
wait_for "UI test lesson"
keys R
wait_for "in main chunk"
ok $? "R runs the cells in order up to the failing one"
screen | grep -q "cell 4/5  error"
ok $? "the status bar says error and shows the failing cell"
keys j Enter
wait_for "after the error, x is 42"
ok $? "the next cell still runs and sees the variables of the earlier ones"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits"

# lesson 1 when the bundled lessons are there
l1=$(ls lessons/01-*.lua 2>/dev/null | head -1)
if [ -n "$l1" ]; then
	start 80 24 "$NNBOOK $l1"
	wait_for "cell 1/"
	keys R
	wait_gone " idle " 3   # it starts (an animated lesson does not end at once)
	wait_for " idle " 120
	ok $? "R runs all of $l1 and the kernel goes idle"
	screen | grep -q " error "
	ok "$([ $? != 0 ]; echo $?)" "no cell of $l1 fails"
	keys q
	wait_exit >/dev/null
else
	echo "# no lessons/01-*.lua yet: lesson 1 run skipped"
fi

# --- interrupt ------------------------------------------------------------
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
wait_re "\[1\] Forever.* interrupted" 3
ok $? "the cell header shows the interrupted state"
keys j Enter
wait_for "next cell ran, n > 0: true"
ok $? "the next cell runs and the state survived"
keys i i
sleep 0.1
screen | grep -q "Nothing is running"
ok $? "i i while idle only says that nothing runs"
keys k Enter
wait_for "running"
keys i i
wait_for "interrupted" 3
ok $? "i i stops a running cell too"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits after interrupts"

# --- play / pause / step --------------------------------------------------
start 80 24 "$NNBOOK $F/training.lua"
wait_for "Training animation"
keys Enter
wait_for "playing"
ok $? "a cell calling frame() plays"
keys p
wait_for "paused at frame"
ok $? "p pauses at the next frame"
f0=$(screen | sed -n 's/.*paused at frame \([0-9]*\).*/\1/p' | head -1)
sleep 0.5
f1=$(screen | sed -n 's/.*paused at frame \([0-9]*\).*/\1/p' | head -1)
ok "$([ -n "$f0" ] && [ "$f0" = "$f1" ]; echo $?)" "paused, the frame stays at $f0"
good=0
for k in 1 2 3; do
	keys .
	want=$((f0 + k))
	wait_for "paused at frame $want" 3 || good=1
	# the newest table row is the epoch of that frame
	screen | grep -Eq "^▌ +$want +[0-9.]+$" || good=1
	screen | tail -2 | grep -q "paused, frame $want" || good=1   # the status bar agrees
done
sleep 0.3
screen | grep -q "paused at frame $((f0 + 3))" || good=1
ok $good "each . advances exactly one frame and one epoch ($f0 -> $((f0 + 3)))"
keys p
wait_for "playing"
ok $? "p plays again"
keys +
sleep 0.2
screen | grep -q "20 fps"
ok $? "+ speeds the animation up"
keys - -
sleep 0.2
screen | grep -q " 5 fps"
ok $? "- slows it down"
keys C-c
wait_for "interrupted"
ok $? "Ctrl-C stops the animation"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits"

# --- search, fold, restart ------------------------------------------------
start 80 24 "$NNBOOK $F/basic.lua"
wait_for "UI test lesson"
keys / after Enter
wait_for "cell 5/5"
ok $? "/ finds text in a later cell and makes it current"
keys / o u t e r Enter
wait_for "cell 4/5"
ok $? "a second search finds the next cell"
keys n
wait_for "cell 4/5"
ok $? "n goes to the next match"
keys / n o s u c h t h i n g Enter
wait_for "Not found: nosuchthing"
ok $? "a search without a match says so"
keys g j Enter
wait_for "x is 42"
keys c
wait_gone "x is 42" 2
ok $? "c clears the cell's outputs"
keys Enter
wait_for "x is 42"
keys 0 0
wait_for "Kernel restarted"
ok $? "0 0 restarts the kernel"
keys j j j Enter
wait_for "after the error, x is nil"
ok $? "after a restart the variables are gone"
keys q
wait_exit >/dev/null

# --- folding long outputs -------------------------------------------------
start 80 24 "$NNBOOK $F/fold.lua"
wait_for "Long outputs"
keys Enter
wait_for "line 100"
ok $? "a long output shows its newest lines"
screen | grep -q "earlier lines"
ok $? "and says how many earlier lines are folded away"
screen | grep -q "line 1$"
ok "$([ $? != 0 ]; echo $?)" "the first lines are folded"
keys o
wait_re "line 1$" 2
ok $? "o unfolds the output, from its first line"
keys o
wait_for "earlier lines" 2
ok $? "o folds it again"
keys j j Enter
wait_for "3 earlier lines"
ok $? "when outputs are taller than the screen, print output folds first"
screen | grep -Eq "^▌ +10 +100$"
ok $? "the newest table row stays in view"
screen | grep -q "row 1$"
ok "$([ $? != 0 ]; echo $?)" "the older print lines are folded"
screen | grep -q "i  square"
ok $? "the table keeps its header"
keys o
wait_for "row 1" 2
ok $? "o shows the folded lines"
keys j Enter
wait_for "lines (o shows them)"
ok $? "outputs still too tall fold in the middle: +N lines"
keys o
wait_gone "lines (o shows them)" 2
ok $? "o unfolds them"
keys q
wait_exit >/dev/null
done_testing
