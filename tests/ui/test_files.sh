#!/bin/sh
# test_files.sh — the files side of the notebook (issue 7 in the app):
# changes made to the lesson outside (reload, outputs kept, conflicts
# asked), the recovery copy written a few seconds after an edit, a second
# nnbook on the same lesson opening read-only, a save that goes on when
# the "~" backup's name is taken by something not ours, a bundled lesson
# saved to the user's copy and reset from the browser (kept as a backup),
# exercise checks with their solution, and progress shown in the browser.
. tests/ui/lib.sh
need
F=tests/ui/fixtures
W=$TMPD/work
mkdir -p "$W"

# --- outside changes ----------------------------------------------------------
cp $F/basic.lua "$W/ext.lua"
start 80 24 "$NNBOOK $W/ext.lua"
wait_for "cell 1/5"
keys j j Enter
wait_for "0.200"
sed -i 's/x = 6 \* 7/x = 6 * 8/' "$W/ext.lua"
keys k
wait_for "reloaded" 3
ok $? "a change on disk is noticed at the next key and reloaded"
screen | grep -q "x = 6 \* 8"
ok $? "the changed cell shows the new text"
screen | grep -q "0.200"
ok $? "the outputs of unchanged cells are kept"
keys e 'M->' Enter
keys -l 'y = 1'
keys Escape
wait_gone EDITING
sed -i 's/print("after the error, x is", x)/print("changed outside")/' "$W/ext.lua"
keys j
wait_for "The lesson changed on disk. Reload" 3
ok $? "with unsaved edits, a change on disk asks before reloading"
keys y
wait_for "kept your version" 3
ok $? "y reloads the other cells and keeps the student's version"
keys g
wait_for "y = 1" 2
r=$?
keys G
wait_for 'print("changed outside")' 2
ok "$([ $r = 0 ] && [ $? = 0 ]; echo $?)" "both the edit and the outside change are on screen"
keys s
wait_for "Saved"
grep -q "y = 1" "$W/ext.lua" && grep -q 'print("changed outside")' "$W/ext.lua"
ok $? "saving writes the merge"
keys q
wait_exit >/dev/null

# --- autosave to the recovery file -------------------------------------------
cp $F/basic.lua "$W/auto.lua"
start 80 24 "$NNBOOK $W/auto.lua"
wait_for "cell 1/5"
keys j e 'M->' Enter
keys -l 'print("autosaved")'
wait_for autosaved
sleep 4
rec=$(ls "$TMPD"/state/nnbook/recovery/auto-*.lua 2>/dev/null | head -1)
[ -n "$rec" ] && grep -q 'print("autosaved")' "$rec"
ok $? "an edit reaches the recovery file within a few seconds, without saving"
keys C-s
wait_for Saved
[ ! -e "$rec" ]
ok $? "saving removes the recovery file"

# --- a second nnbook on the same lesson -----------------------------------------
tm new-window "$NNBOOK $W/auto.lua; sleep 5"
wait_for "open in another nnbook" 5
ok $? "a second nnbook on the lesson says it is open elsewhere"
keys e
wait_for "read-only here" 3
ok $? "and refuses to edit it"
tm kill-window
keys Escape q
wait_exit >/dev/null

# --- a "~" in the way that is not ours does not block the save ------------------
cp $F/basic.lua "$W/shared.lua"
mkdir "$W/shared.lua~"
start 80 24 "$NNBOOK $W/shared.lua"
wait_for "cell 1/5"
keys j e 'M->' Enter
keys -l 'edited = 1'
keys Escape
wait_gone EDITING
keys s
wait_for "Saved, but the backup shared.lua~ could not be written: it is a folder" 3
ok $? "a folder at the backup's name: saved all the same, and the message says no backup"
grep -q "edited = 1" "$W/shared.lua" && [ -d "$W/shared.lua~" ]
ok $? "the file has the edit and the folder is left alone"
keys q
wait_exit >/dev/null

# --- bundled lessons: the user's copy, reset ---------------------------------
mkdir -p "$TMPD/bundled"
cp $F/browse/*.lua "$TMPD/bundled/"
UI_LESSONS=$TMPD/bundled
start 80 24 "$NNBOOK"
UI_LESSONS=
wait_for "The first lesson"
keys Enter
wait_for "cell 1/3"
keys R
wait_for "the answer is 42"
ok $? "run all shows the exercise check"
wait_for "S shows a solution" 3
ok $? "a failed check offers its solution"
keys S
wait_for "answer = 42" 3
ok $? "S reveals the solution"
keys k e
wait_for EDITING
keys C-a C-d C-d C-d C-d C-d C-d C-d C-d C-d C-d
keys -l 'answer = 42'
keys Escape
wait_gone EDITING
keys R
wait_for "✓ the answer is 42" 5
ok $? "after the fix the check passes"
keys s
wait_for "Saved to your copy"
ok $? "a bundled lesson is saved to the user's copy"
cmp -s $F/browse/01-first.lua "$TMPD/bundled/01-first.lua"
ok $? "the bundled file is unchanged"
[ -f "$TMPD/data/nnbook/lessons/01-first.lua" ] && grep -q "answer = 42" "$TMPD/data/nnbook/lessons/01-first.lua"
ok $? "the copy is in the data folder, with the edit"
keys q
wait_for "Lessons"
screen | grep "The first lesson" | grep -q "your copy"
ok $? "the browser lists the user's copy in place of the original"
screen | grep "The first lesson" | grep -q "1/1"
ok $? "the browser shows the passed exercise"
keys D
wait_for "Reset to the original?"
keys y
wait_for "Reset. Your copy is kept as"
screen | grep "The first lesson" | grep -q "your copy"
ok "$([ $? != 0 ]; echo $?)" "D then y resets: the original shows again (test_reset.sh says more)"
grep -q "answer = 42" "$TMPD/data/nnbook/lessons/01-first.lua.reset-1"
ok $? "and the copy is kept as a backup, not deleted"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits"
done_testing
