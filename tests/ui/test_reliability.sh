#!/bin/sh
# test_reliability.sh — rows 5 and 11-15 of shared/reliability.md, and the
# restricted mode's refusals:
#   5  Ctrl-C stops only the cell; edits intact; the next cell runs
#  11  killing the terminal mid-edit leaves the edit in the recovery file,
#      the process gone within 1 s, without spinning; the next start offers it
#  12  idle costs no CPU (UI_IDLE seconds, default 5; the row asks for 60)
#  13  resizes 200x60 -> 40x12 -> 20x5 while a plot animates: no crash
#  14  TERM matrix: the full UI or a clear message; the terminal sane after
#  15  NO_COLOR and LANG=C: no colour, plots in ASCII
. tests/ui/lib.sh
need
F=tests/ui/fixtures
W=$TMPD/work
mkdir -p "$W"
IDLE=${UI_IDLE:-5}

# CPU ticks (user + system) the process has used.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null; }

# --- 5: Ctrl-C stops only the cell, edits intact ---------------------------
cp $F/loop.lua "$W/loop.lua"
start 80 24 "$NNBOOK $W/loop.lua"
wait_for "Interrupt test"
keys j e 'M->' Enter
keys -l 'print("edit kept")'
keys Escape
wait_gone EDITING
keys k Enter
wait_for running
sleep 0.3
keys C-c
wait_for interrupted 3
ok $? "row 5: Ctrl-C during a loop shows interrupted"
screen | grep -q 'print("edit kept")'
ok $? "row 5: the unsaved edit in another cell is intact"
keys j Enter
wait_for "edit kept"
ok $? "row 5: the next cell runs, with the edit"

# --- 11: hangup mid-edit ----------------------------------------------------
cp $F/basic.lua "$W/hup.lua"
start 80 24 "$NNBOOK $W/hup.lua"
wait_for "UI test lesson"
keys j e 'M->' Enter
keys -l 'print("typed before the hangup")'
wait_for "typed before the hangup"
pid=$(nnbook_pid)
ok "$([ -n "$pid" ]; echo $?)" "row 11: found the nnbook process ($pid)"
t0=$(ticks "$pid")
tm kill-server
gone=1
for i in $(seq 1 20); do
	alive "$pid" || { gone=0; break; }
	sleep 0.05
done
ok $gone "row 11: the process ends within 1 s of the terminal going away"
rec=$(ls "$TMPD"/state/nnbook/recovery/hup-*.lua 2>/dev/null | head -1)
[ -n "$rec" ] && grep -q 'print("typed before the hangup")' "$rec"
ok $? "row 11: the edit is in the recovery file"
cmp -s $F/basic.lua "$W/hup.lua"
ok $? "row 11: the lesson file itself is untouched"
start 80 24 "$NNBOOK $W/hup.lua"
wait_for "Restore them? (y/n)"
ok $? "row 11: the next start offers to restore the edits"
keys y
wait_for 'print("typed before the hangup")'
ok $? "row 11: y brings them back"
screen | grep -q "\[+\]"
ok $? "row 11: restored edits count as unsaved"
keys q y
wait_exit >/dev/null

# SIGTERM: the same as a hangup, and the terminal is given back
cp $F/basic.lua "$W/term.lua"
start 80 24 "$NNBOOK $W/term.lua; stty -a >$TMPD/stty.term"
wait_for "UI test lesson"
keys j e 'M->' Enter
keys -l 'print("typed before SIGTERM")'
wait_for "typed before SIGTERM"
kill -TERM "$(nnbook_pid)"
wait_exit >/dev/null
grep -q 'typed before SIGTERM' "$TMPD"/state/nnbook/recovery/term-*.lua 2>/dev/null
ok $? "SIGTERM: the edit is saved to the recovery file"
grep -q ' icanon' "$TMPD/stty.term" && grep -q ' echo ' "$TMPD/stty.term"
ok $? "SIGTERM: the terminal is restored"

# a crash: the fatal-signal handler restores the terminal before dying
start 80 24 "$NNBOOK $F/basic.lua; echo \$? >$TMPD/crash; stty -a >$TMPD/stty.crash"
wait_for "UI test lesson"
kill -SEGV "$(nnbook_pid)"
wait_exit >/dev/null
st=$(cat "$TMPD/crash" 2>/dev/null)
ok "$([ "$st" = 139 ]; echo $?)" "SIGSEGV: nnbook dies of the signal (status $st)"
grep -q ' icanon' "$TMPD/stty.crash" && grep -q ' echo ' "$TMPD/stty.crash" && grep -q ' ixon' "$TMPD/stty.crash"
ok $? "SIGSEGV: the terminal is sane afterwards"

# Ctrl-Z (not restricted) under a shell with job control: nnbook stops and
# gives the terminal back; fg brings the notebook back
if command -v bash >/dev/null 2>&1; then
	start 80 24 "PS1='$ ' bash --norc --noprofile -i"
	sleep 0.3
	keys -l "$NNBOOK $F/basic.lua"
	keys Enter
	wait_for "UI test lesson"
	keys C-z
	wait_for "Stopped" 3
	ok $? "Ctrl-Z suspends nnbook: the shell says Stopped"
	screen | grep -q "UI test lesson"
	ok "$([ $? != 0 ]; echo $?)" "the terminal is given back while suspended"
	keys -l fg
	keys Enter
	wait_for "UI test lesson" 3
	ok $? "fg redraws the notebook"
	keys j
	wait_for "cell" 2
	keys q
	wait_gone "UI test lesson" 3
	ok $? "keys work again after the suspension, q quits"
else
	echo "# no bash: the job-control test of Ctrl-Z is skipped"
fi

# --- 12: idle ---------------------------------------------------------------
start 80 24 "$NNBOOK $F/training.lua"
wait_for "Training animation"
pid=$(nnbook_pid)
t0=$(ticks "$pid")
sleep "$IDLE"
t1=$(ticks "$pid")
ok "$([ -n "$t0" ] && [ $((t1 - t0)) -le 2 ]; echo $?)" "row 12: ${IDLE} s idle cost $((t1 - t0)) ticks of CPU (<= 2)"
keys . 
wait_for "paused at frame 1"
t0=$(ticks "$pid")
sleep 2
t1=$(ticks "$pid")
ok "$([ $((t1 - t0)) -le 1 ]; echo $?)" "row 12: 2 s paused at a frame cost $((t1 - t0)) ticks"
keys C-c q
wait_exit >/dev/null

# --- 13: resizes while a plot animates -------------------------------------
start 200 60 "$NNBOOK $F/figure.lua"
wait_for "Figures"
keys j Enter
wait_for "playing"
sleep 0.3
tm resize-window -x 40 -y 12
sleep 0.4
tm resize-window -x 20 -y 5
wait_for "needs 40x10" 3
ok $? "row 13: at 20x5 the too-small notice shows"
sleep 0.3
tm resize-window -x 80 -y 24
wait_for "moving" 3
ok $? "row 13: back at 80x24 the animated figure is drawn again"
pid=$(nnbook_pid)
ok "$([ -n "$pid" ]; echo $?)" "row 13: no crash through the resizes"
keys C-c q
ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "row 13: quits normally afterwards"

# --- 14: TERM matrix --------------------------------------------------------
for term in xterm-256color screen tmux-256color linux vt100; do
	start 80 24 "TERM=$term $NNBOOK $F/basic.lua; stty -a >$TMPD/stty"
	wait_for "UI test lesson" 5
	ok $? "row 14: TERM=$term gets the full UI"
	keys q
	st=$(wait_exit)
	ok "$([ "$st" = 0 ]; echo $?)" "row 14: TERM=$term quits with status 0"
	grep -q ' icanon' "$TMPD/stty" && grep -q ' echo ' "$TMPD/stty" && grep -q ' ixon' "$TMPD/stty"
	ok $? "row 14: TERM=$term leaves the terminal sane (icanon, echo, ixon)"
done
for term in dumb unset nosuchterminal; do
	if [ $term = unset ]; then cmd="env -u TERM $NNBOOK $F/basic.lua"; else cmd="TERM=$term $NNBOOK $F/basic.lua"; fi
	start 80 24 "$cmd"
	st=$(wait_exit)
	screen | grep -q -- "--run"
	ok "$([ $? = 0 ] && [ "$st" = 2 ]; echo $?)" "row 14: TERM=$term gets a clear message pointing to --run (status $st)"
done

# --- 15: NO_COLOR and LANG=C ------------------------------------------------
UI_NO_COLOR=1
start 80 24 "$NNBOOK $F/figure.lua"
UI_NO_COLOR=
wait_for Figures || { echo "# DEBUG exit=$(cat $TMPD/exit 2>/dev/null)"; screen | sed 's/^/# /'; }
keys g Enter
wait_for "done" || { echo "# DEBUG exit=$(cat $TMPD/exit 2>/dev/null)"; screen | sed 's/^/# /'; }
tm capture-pane -p -e >"$TMPD/nocolor"
grep -q sigmoid "$TMPD/nocolor" && ! grep -Eq "$(printf '\033')"'\[([0-9;]*;)?(3[0-7]|38;5|9[0-7])[;m]' "$TMPD/nocolor"
ok $? "row 15: NO_COLOR: no colour attributes on screen"
keys q
wait_exit >/dev/null
UI_LANG=C
start 80 24 "$NNBOOK $F/figure.lua"
UI_LANG=
wait_for Figures
keys g Enter
wait_for "done"
screen >"$TMPD/ascii"
grep -q "sigmoid" "$TMPD/ascii" && ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMPD/ascii"
ok $? "row 15: LANG=C: the screen is ASCII only"
grep -Eq '[.:o*#+|-]{3}' "$TMPD/ascii"
ok $? "row 15: LANG=C: the figure is drawn in ASCII"
keys q
wait_exit >/dev/null
start 80 24 "$NNBOOK --ascii $F/figure.lua"
wait_for Figures
keys g Enter
wait_for "done"
screen >"$TMPD/ascii2"
grep -q "sigmoid" "$TMPD/ascii2" && ! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$TMPD/ascii2"
ok $? "--ascii: the screen is ASCII only in a UTF-8 locale"
keys q
wait_exit >/dev/null

# --- restricted mode ----------------------------------------------------------
# Restricted mode ignores $HOME and opens lessons only from the browser, so
# the test runs a copy of nnbook next to its own lessons/ folder, as the user
# nobody (whose home does not exist: nothing can be written anywhere).
if [ "$(id -u)" = 0 ] && command -v runuser >/dev/null 2>&1; then
	R=$TMPD/r
	mkdir -p "$R/bin" "$R/lessons"
	cp "$NNBOOK" "$R/bin/nnbook"
	cp $F/basic.lua "$R/lessons/basic.lua"
	chmod 755 "$TMPD" "$R" "$R/bin" "$R/lessons"
	chmod 644 "$R/lessons/basic.lua"
	# a symbolic link in the lesson folder could lead anywhere: not listed
	printf -- '-- ---\n-- title: Secret via a link\n-- ---\n' >"$TMPD/outside.lua"
	chmod 644 "$TMPD/outside.lua"
	ln -s "$TMPD/outside.lua" "$R/lessons/link.lua"
	start 80 24 "EDITOR=/bin/false VISUAL=/bin/false runuser -u nobody -- $R/bin/nnbook --restricted"
	wait_for "UI test lesson"
	screen | grep -q "Secret via a link"
	ok "$([ $? != 0 ]; echo $?)" "restricted: a lesson that is a symbolic link is not listed"
	keys Enter
	wait_for "cell 1/5"
	ok $? "restricted: the browser opens a lesson"
	keys E
	wait_for "No external editor in restricted mode"
	ok $? "restricted: E refuses to start an editor"
	keys C-z
	wait_for "Suspending is off in restricted mode"
	ok $? "restricted: Ctrl-Z does not suspend"
	keys j e 'M->' Enter
	keys -l 'print(1)'
	keys C-s
	wait_for "Not saved" 3 || wait_for "Saved to your copy" 1
	ok $? "restricted: a save never goes to the lesson's own file"
	cmp -s $F/basic.lua "$R/lessons/basic.lua"
	ok $? "restricted: the lesson file is unchanged"
	keys Escape q y
	wait_for "Lessons"
	ok $? "restricted: q (and y to drop the edit) goes back to the browser"
	keys q
	ok "$([ "$(wait_exit)" = 0 ]; echo $?)" "restricted: q in the browser quits"
else
	echo "# restricted mode part skipped: needs root and runuser (runs as nobody)"
fi
done_testing
