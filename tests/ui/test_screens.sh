#!/bin/sh
# test_screens.sh — golden screens at 80x24: the browser, a lesson opened,
# a cell run with a table, a figure, help, an error with its traceback, and
# a resize from 80x24 to 120x40 and to 30x10 (the "too small" notice).
. tests/ui/lib.sh
need
F=tests/ui/fixtures

UI_LESSONS=$F/browse start 80 24 "$NNBOOK"
wait_for "Lessons" && wait_for "cell" 2
golden browser "the browser lists the lessons with title, source and progress"
keys j
wait_for "nnbook tests, part two"
sleep 0.1
golden browser_sel "j moves the selection"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q in the browser quits with status 0"

start 80 24 "$NNBOOK $F/basic.lua"
wait_for "UI test lesson"
golden opened "a lesson opened: prose rendered, code with line numbers, status bar, hint"

keys j j Enter
wait_for "done"
golden table "a cell run with a table"

keys j Enter
wait_for "in main chunk"
golden error "an error with its traceback, file and line"

keys '?'
wait_for "nnbook help"
golden help "? shows the help generated from the key table"
keys G
wait_for "close the help"
ok $? "G scrolls the help to its end"
keys q
wait_gone "nnbook help"
ok $? "q closes the help"

start 80 24 "$NNBOOK $F/figure.lua"
wait_for "Figures"
keys Enter
wait_for "done"
golden figure "a figure drawn in braille"

tm resize-window -x 120 -y 40
wait_for "────────────────────────────────────────────────────────────────────────────────────────────────" 3
sleep 0.2
golden resize_120x40 "resize to 120x40 re-lays out and redraws the figure"
tm resize-window -x 30 -y 10
wait_for "needs 40x10"
golden resize_30x10 "resize to 30x10 shows the too-small notice"
tm resize-window -x 80 -y 24
wait_for "Figures"
sleep 0.2
golden figure "back to 80x24 the screen is as before"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits with status 0"
done_testing
