#!/bin/sh
# test_screens.sh — what only a real terminal shows of the screens (the
# screens themselves are checked without one in tests/ui/test_screens.c,
# against the same golden files): curses puts the grid on a real terminal
# exactly (the browser, a lesson, a figure in braille), a resize signal
# re-lays out and redraws (120x40, the too-small notice at 30x10, back),
# and q ends the process with status 0.
. tests/ui/lib.sh
need
F=tests/ui/fixtures

UI_LESSONS=$F/browse start 80 24 "$NNBOOK"
wait_for "Lessons" && wait_for "cell" 2
golden browser "the browser on a real terminal is the grid the screen drew"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q in the browser quits with status 0"

start 80 24 "$NNBOOK $F/basic.lua"
wait_for "UI test lesson"
golden opened "a lesson opened on a real terminal"
# Esc and a function key in one burst: Esc, then the arrow, and nothing after
keys Escape Down
sleep 0.3
! screen | tail -1 | grep -q 'does nothing here'
ok $? "Esc right before an arrow key is Esc then the arrow, no empty key after"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits with status 0"

start 80 24 "$NNBOOK $F/figure.lua"
wait_for "Figures"
keys Enter
wait_for "done"
golden figure "a figure drawn in braille on a real terminal"
tm resize-window -x 120 -y 40
wait_for "────────────────────────────────────────────────────────────────────────────────────────────────" 3
sleep 0.2
golden resize_120x40 "a resize to 120x40 (SIGWINCH) re-lays out and redraws the figure"
tm resize-window -x 30 -y 10
wait_for "needs 40x10"
golden resize_30x10 "a resize to 30x10 shows the too-small notice"
tm resize-window -x 80 -y 24
wait_for "Figures"
sleep 0.2
golden figure "back to 80x24 the screen is as before"
keys q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "q quits with status 0"
done_testing
