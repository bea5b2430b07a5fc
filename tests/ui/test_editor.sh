#!/bin/sh
# test_editor.sh — the editor's keys through a real terminal (the editor
# itself is checked without one in tests/ui/test_editing.c): Alt as Esc
# before a key, Ctrl-Z, Ctrl-Y and Ctrl-S reach nnbook instead of the tty
# (no suspend, no flow control), UTF-8 typed through the tty, a bracketed
# paste from the terminal, and the terminal handed to $EDITOR and back.
. tests/ui/lib.sh
need
F=tests/ui/fixtures
W=$TMPD/work
mkdir -p "$W"
cp $F/basic.lua "$W/lesson.lua"

start 80 24 "$NNBOOK $W/lesson.lua"
wait_for "UI test lesson"
keys j e
wait_for "EDITING  cell 2/"
ok $? "e opens the editor on the current cell"
keys 'M->' Enter
keys -l 'print("edited", x + 1)'
wait_for '14 print("edited", x + 1)'
ok $? "Alt-> then typed text: the text appears at the end of the cell"
keys End
keys -l ' -- zzz'
wait_for 'zzz'
keys C-z
wait_gone 'zzz' 3
ok $? "Ctrl-Z reaches the editor: it undoes the last typing"
keys C-y
wait_for 'zzz' 3
ok $? "Ctrl-Y redoes it"
keys C-z
wait_gone 'zzz' 3
keys C-s
wait_for "Saved"
ok $? "Ctrl-S reaches nnbook (no flow control): it saves"
keys Escape
wait_gone "EDITING" 2
ok $? "Esc leaves the editor"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits at once when everything is saved"
diff $F/basic.lua "$W/lesson.lua" >"$TMPD/diff"
printf '13a14\n> print("edited", x + 1)\n' >"$TMPD/want"
cmp -s "$TMPD/diff" "$TMPD/want"
ok $? "the file changed only by the edited cell's new line"

# UTF-8 typed through the tty, and a bracketed paste
cp $F/basic.lua "$W/wide.lua"
start 80 24 "$NNBOOK $W/wide.lua"
wait_for "cell 1/5"
keys j e 'M->' Enter
keys -l 's = "变量 and 数据"'
wait_for 's = "变量 and 数据"'
ok $? "wide characters typed through the terminal are shown"
printf 'pasted = {\n  1,\n}' >"$TMPD/paste"
tm load-buffer "$TMPD/paste"
keys End Enter
tm paste-buffer -p
wait_for '17 }'
ok $? "a bracketed paste from the terminal inserts its lines as they are"
screen | grep -q '16   1,$'
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

# E: the terminal goes to $EDITOR (here a sed that changes the cell) and comes back
cp $F/basic.lua "$W/ext.lua"
start 80 24 "EDITOR='sed -i s/6/9/' $NNBOOK $W/ext.lua"
wait_for "cell 1/5"
keys j E
wait_for "x = 9 * 7" 5
ok $? "E edits the cell with \$EDITOR and the notebook is drawn again"
wait_for "Cell updated from" 2
ok $? "and says so"
keys q y
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q y quits"
done_testing
