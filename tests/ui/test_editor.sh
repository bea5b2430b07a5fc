#!/bin/sh
# test_editor.sh — editing in the app: type into a cell, undo, redo, run
# from the editor, save, reopen and see the edit; the saved file differs
# from the original only in the edited cell's lines; quitting with unsaved
# edits asks; cell operations (add, delete and undo, move, kind, copy/paste).
. tests/ui/lib.sh
need
F=tests/ui/fixtures
W=$TMPD/work
mkdir -p "$W"
cp $F/basic.lua "$W/lesson.lua"

start 80 24 "$NNBOOK $W/lesson.lua"
wait_for "UI test lesson"
keys j e
wait_for "EDITING cell 2"
ok $? "e opens the editor on the current cell"
keys 'M->' Enter
keys -l 'print("edited", x + 1)'
wait_for '14 print("edited", x + 1)'
ok $? "typed text appears in the cell, with its file line number"
keys End            # a cursor move ends the undo step of the typing before
keys -l ' -- zzz'
wait_for 'zzz'
keys C-z
wait_gone 'zzz' 3
ok $? "Ctrl-Z undoes the last typing"
keys C-y
wait_for 'zzz' 3
ok $? "Ctrl-Y redoes it"
keys C-z
wait_gone 'zzz' 3
ok $? "and Ctrl-Z undoes it again"
keys C-e
wait_for "edited 43"
ok $? "Ctrl-E runs the cell without leaving the editor"
screen | grep -q "EDITING"
ok $? "the editor is still open after the run"
screen | grep -q "\[+\]"
ok $? "the status bar shows unsaved edits"
keys C-s
wait_for "Saved"
ok $? "Ctrl-S saves"
wait_gone "[+]" 2
ok $? "the unsaved marker goes away"
keys Escape
wait_gone "EDITING" 2
ok $? "Esc leaves the editor"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits at once when everything is saved"

diff $F/basic.lua "$W/lesson.lua" >"$TMPD/diff"
printf '13a14\n> print("edited", x + 1)\n' >"$TMPD/want"
cmp -s "$TMPD/diff" "$TMPD/want"
ok $? "the file changed only by the edited cell's new line"
[ $? = 0 ] || sed 's/^/#   /' "$TMPD/diff"
[ -f "$W/lesson.lua~" ] && cmp -s "$W/lesson.lua~" $F/basic.lua
ok $? "the first save kept a ~ backup of the original"

start 80 24 "$NNBOOK $W/lesson.lua"
wait_for 'print("edited", x + 1)'
ok $? "reopened, the edit is there"
screen | grep -q "cell 2/5"
ok $? "the lesson reopens at the cell where the student left"

# quitting with unsaved edits asks
keys e
wait_for "EDITING"
keys -l ' -- more'
keys Escape
wait_gone "EDITING"
keys q
wait_for "Unsaved changes. Quit anyway?"
ok $? "q with unsaved edits asks"
keys n
wait_gone "Quit anyway" 2
ok $? "n keeps the notebook open"
keys q y
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "y quits"
grep -q -- "-- more" "$W/lesson.lua"
ok "$([ $? != 0 ]; echo $?)" "the unsaved edit was not written"

# cell operations
cp $F/basic.lua "$W/ops.lua"
start 80 24 "$NNBOOK $W/ops.lua"
wait_for "cell 1/5"
keys j b
wait_for "cell 3/6"
ok $? "b adds a cell below and makes it current"
keys d d
wait_for "cell 3/5"
ok $? "d d deletes it"
keys d
wait_for "press d again"
ok $? "a single d only asks for a second one"
keys d
wait_for "cell 3/4"
screen | grep -q "A table"
ok "$([ $? != 0 ]; echo $?)" "d d deleted the table cell (the current one)"
keys u
wait_for "A table"
ok $? "u brings the deleted cell back"
keys K
wait_for "cell 2/5"
ok $? "K moves the cell up"
keys m
wait_for "The cell is prose now"
ok $? "m turns a code cell into prose"
keys m y G v
wait_for "cell 6/6"
ok $? "y copies a cell and v pastes it below the last one"
keys s
wait_for "Saved"
keys q
wait_exit >/dev/null
"$NNBOOK" --keep-going --run "$W/ops.lua" >"$TMPD/ops.out" 2>&1
grep -c "A table" "$TMPD/ops.out" | grep -qx 2
ok $? "the saved lesson runs and has the pasted copy"
awk '/A table/ && !t {t=NR} /Arithmetic/ && !a {a=NR} END{exit !(t && a && t < a)}' "$W/ops.lua"
ok $? "the moved cell is saved in its new place"

# the editor: long lines, wide characters, Tab, bracketed paste
cp $F/basic.lua "$W/wide.lua"
start 80 24 "$NNBOOK $W/wide.lua"
wait_for "cell 1/5"
keys j e 'M->' Enter
keys -l 's = "变量 and 数据"'
wait_for 's = "变量 and 数据"'
ok $? "wide characters are typed and shown"
keys Enter
keys -l 'long = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa END"'
wait_for 'aaa END"'
ok $? "a line longer than the screen scrolls sideways to the cursor"
keys Home
wait_for '15 long = "aaa'
ok $? "Home scrolls back to the start of the line"
keys Enter Tab
keys -l 'tabbed = 1'
wait_for '16   tabbed = 1'
ok $? "Tab indents by the cell's indent unit"
keys BTab
wait_for '16 tabbed = 1'
ok $? "Shift-Tab takes the indent away again"
printf 'pasted = {\n  1,\n}' >"$TMPD/paste"
tm load-buffer "$TMPD/paste"
keys End Enter
tm paste-buffer -p
wait_for '19 }'
ok $? "a bracketed paste inserts its lines as they are"
screen | grep -q '18   1,$'
ok $? "pasted lines keep their own indent (no auto-indent added)"
keys C-z
wait_gone 'pasted = {' 3
ok $? "one Ctrl-Z undoes the whole paste"
keys Escape C-s
wait_for Saved
grep -q '变量 and 数据' "$W/wide.lua"
ok $? "the wide characters are saved as UTF-8"
keys q
wait_exit >/dev/null

# E: the cell in $EDITOR (here a sed that changes it)
cp $F/basic.lua "$W/ext.lua"
start 80 24 "EDITOR='sed -i s/6/9/' $NNBOOK $W/ext.lua"
wait_for "cell 1/5"
keys j E
wait_for "x = 9 * 7" 5
ok $? "E edits the cell with \$EDITOR and the cell shows the result"
wait_for "Cell updated from" 2
ok $? "and says so"
keys q
wait_for "Quit anyway"
ok $? "the change counts as an unsaved edit"
keys y
wait_exit >/dev/null
done_testing
