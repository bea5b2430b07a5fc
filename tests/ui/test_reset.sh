#!/bin/sh
# test_reset.sh — nothing is lost in the lesson browser, at 80x24: D asks
# before resetting a lesson to its original and keeps the student's copy
# as a backup the entry shows; n, Esc and q keep everything; U brings the
# backup back, and asks first when a newer copy would be put aside, which
# is then kept as a backup in turn; neither runs while another nnbook has
# the lesson open.
. tests/ui/lib.sh
need
L=$TMPD/data/nnbook/lessons
mkdir -p "$TMPD/bundled" "$L"
cp tests/ui/fixtures/browse/*.lua "$TMPD/bundled/"
# The student's copy of the first lesson, with their answer in it.
sed 's/^answer = 0$/answer = 42 -- mine/' tests/ui/fixtures/browse/01-first.lua >"$L/01-first.lua"

# has FILE TEXT: FILE exists and holds TEXT.
has() { [ -f "$1" ] && grep -qF -- "$2" "$1"; }
# first_line: the browser's line of the first lesson.
first_line() { screen | grep "The first lesson"; }

UI_LESSONS=$TMPD/bundled
start 80 24 "$NNBOOK"
UI_LESSONS=
wait_for "The first lesson"
first_line | grep -q "your copy"
ok $? "the browser lists the student's copy of the first lesson"

# --- D asks, and n / Esc / q answer no ----------------------------------------
keys D
wait_for "Reset to the original? Your copy is kept as a backup (U brings it back) y/n"
ok $? "D asks before resetting, and says the copy is kept and U brings it back"
golden reset_ask "the question on the bottom line at 80x24"
for no in n Escape q; do
	keys "$no"
	wait_gone "Reset to the original?" 3
	has "$L/01-first.lua" "answer = 42 -- mine" && ! ls "$L" | grep -q reset
	ok $? "answering $no keeps the copy where it is and makes no backup"
	keys D
	wait_for "Reset to the original?" 3
done

# --- y resets, keeping the copy as a backup ----------------------------------
keys y
wait_for "Your copy is kept as 01-first.lua.reset-1 (U brings it back)"
ok $? "y resets and names the backup"
[ ! -e "$L/01-first.lua" ]
ok $? "the copy's name is free: the original is listed again"
has "$L/01-first.lua.reset-1" "answer = 42 -- mine"
ok $? "the backup holds the student's text, next to where the copy was"
first_line | grep -q "backup (U)" && ! first_line | grep -q "your copy"
ok $? "the entry shows the original, marked as having a backup"
golden reset_done "the browser after a reset at 80x24"
keys Enter
wait_for "cell 1/3"
screen | grep -q "answer = 0"
ok $? "Enter opens the original lesson"
keys q
wait_for "Lessons"

# --- U with no copy in the way: no question -----------------------------------
keys U
wait_for "Your backup is back as your copy: Enter opens it"
ok $? "U brings the backup back at once when no copy is in the way"
has "$L/01-first.lua" "answer = 42 -- mine" && [ ! -e "$L/01-first.lua.reset-1" ]
ok $? "the backup is the copy again"
first_line | grep -q "your copy" && ! first_line | grep -q "backup (U)"
ok $? "the entry shows the copy, with no backup left"

# --- U over a newer copy asks, and keeps that copy too ---------------------------
keys D
wait_for "Reset to the original?"
keys y
wait_for "kept as 01-first.lua.reset-1"
keys Enter
wait_for "cell 1/3"
keys j e
wait_for EDITING
keys C-a C-d C-d C-d C-d C-d C-d C-d C-d C-d C-d
keys -l 'answer = 7 -- newer'
keys Escape
wait_gone EDITING
keys s
wait_for "Saved to your copy"
keys q
wait_for "Lessons"
first_line | grep -q "your copy  backup (U)"
ok $? "a new copy next to a backup: the entry shows both"
keys U
wait_for "Bring back your backup? The copy you have now is kept as a backup y/n"
ok $? "U over a newer copy asks first"
keys Escape
wait_gone "Bring back your backup?" 3
has "$L/01-first.lua" "answer = 7 -- newer" && has "$L/01-first.lua.reset-1" "answer = 42 -- mine"
ok $? "Esc changes nothing"
keys U
wait_for "Bring back your backup?"
keys y
wait_for "the copy you had is kept as 01-first.lua.reset-2"
ok $? "y brings the backup back and names where the newer copy went"
has "$L/01-first.lua" "answer = 42 -- mine" && has "$L/01-first.lua.reset-2" "answer = 7 -- newer" \
	&& [ ! -e "$L/01-first.lua.reset-1" ]
ok $? "both texts are kept: the backup as the copy, the newer copy as a backup"
ls -A "$L" | grep -qv '^01-first\.lua'
ok "$([ $? != 0 ]; echo $?)" "no other file appeared in the lessons folder"

# --- never from under another nnbook that has the lesson open -------------------
tm new-window -d "$NNBOOK $L/01-first.lua; sleep 5"
t=0
until tm capture-pane -p -t :1 | grep -q "cell 1/3" || [ $t -gt 100 ]; do sleep 0.05; t=$((t + 1)); done
keys D
wait_for "Reset to the original?"
keys y
wait_for "open in another nnbook: close it there first" 3
ok $? "D y while another nnbook has the lesson open refuses, and says why"
has "$L/01-first.lua" "answer = 42 -- mine" && [ ! -e "$L/01-first.lua.reset-1" ]
ok $? "and changes nothing"
tm kill-window -t :1

# --- the other lessons have nothing to reset or bring back -----------------------
keys j D
wait_for "nothing to reset"
ok $? "D on a lesson without a copy says there is nothing to reset"
keys U
wait_for "No backup of this lesson"
ok $? "U on a lesson without a backup says so"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits"
done_testing
