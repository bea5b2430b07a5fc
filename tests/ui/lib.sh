# lib.sh — helpers for the tmux screen tests (sourced by tests/ui/test_*.sh).
#
# Each test runs nnbook in its own tmux server (a private socket), with
# HOME and the XDG folders in a temporary directory, types with send-keys
# and reads the screen with capture-pane.  wait_for polls the screen until
# a text appears (or a timeout passes) instead of sleeping a fixed time.
# Golden screens live in tests/golden/ui/NAME.txt; UPDATE_GOLDEN=1 rewrites
# them (look at the diff before committing).

NNBOOK=${NNBOOK:-build/nnbook}
GOLDEN=tests/golden/ui
SOCK=nnbook-ui-$$-0
nstart=0
TMO=${UI_TIMEOUT:-10}
n=0

ok() { # status name
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

done_testing() { echo "1..$n"; }

need() {
	command -v tmux >/dev/null 2>&1 || { echo "skip: tmux is not installed"; exit 77; }
	[ -x "$NNBOOK" ] || { echo "skip: $NNBOOK is not built"; exit 77; }
	case $NNBOOK in /*) ;; *) NNBOOK=$PWD/$NNBOOK ;; esac
}

# Under ASan: ncurses' own leak when newterm fails is not ours.
LSAN_OPTIONS="suppressions=$PWD/tests/ui/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export LSAN_OPTIONS

TMPD=$(mktemp -d) || exit 1
mkdir -p "$TMPD/home" "$TMPD/data" "$TMPD/state"
printf 'set -g default-terminal "tmux-256color"\nset -g history-limit 100\n' >"$TMPD/tmux.conf"
cleanup() {
	[ -n "$KEEP" ] && { echo "# kept $TMPD"; return; }
	tmux -L "$SOCK" kill-server 2>/dev/null
	rm -rf "$TMPD"
}
trap cleanup EXIT

tm() { tmux -L "$SOCK" -f "$TMPD/tmux.conf" "$@"; }

# start COLS ROWS COMMAND: runs COMMAND (a shell string) in a new session.
# The exit status lands in $TMPD/exit; the pane then waits a little.
start() {
	cols=$1 rows=$2
	shift 2
	tm kill-server 2>/dev/null
	nstart=$((nstart + 1))
	SOCK=nnbook-ui-$$-$nstart   # a fresh server: no race with the one going away
	rm -f "$TMPD/exit"
	tm new-session -d -x "$cols" -y "$rows" -c "$PWD" \
		-e HOME="$TMPD/home" -e XDG_DATA_HOME="$TMPD/data" -e XDG_STATE_HOME="$TMPD/state" \
		-e LANG="${UI_LANG:-C.UTF-8}" -e LC_ALL= -e NO_COLOR="${UI_NO_COLOR:-}" \
		-e NNBOOK_LESSONS="${UI_LESSONS:-}" \
		"$*; echo \$? >$TMPD/exit; sleep 5"
	t=0
	until tm has-session 2>/dev/null || [ $t -gt 40 ]; do sleep 0.05; t=$((t + 1)); done
}

screen() { tm capture-pane -p 2>/dev/null; }
keys() { tm send-keys "$@"; }

# wait_for TEXT [SECONDS]: returns 0 once TEXT is on screen, 1 after the timeout.
wait_for() {
	t=0 lim=$(( ${2:-$TMO} * 20 ))
	while [ $t -lt $lim ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.05
		t=$((t + 1))
	done
	echo "# waited ${2:-$TMO} s for: $1"
	return 1
}

# wait_re REGEX [SECONDS]: as wait_for, for an extended regular expression
# (outputs now arrive from the kernel process a moment after the key).
wait_re() {
	t=0 lim=$(( ${2:-$TMO} * 20 ))
	while [ $t -lt $lim ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.05
		t=$((t + 1))
	done
	echo "# waited ${2:-$TMO} s for /$1/"
	return 1
}

# wait_gone TEXT [SECONDS]
wait_gone() {
	t=0 lim=$(( ${2:-$TMO} * 20 ))
	while [ $t -lt $lim ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.05
		t=$((t + 1))
	done
	return 1
}

# wait_exit [SECONDS]: waits for nnbook to end; prints its exit status.
wait_exit() {
	t=0 lim=$(( ${1:-$TMO} * 20 ))
	while [ $t -lt $lim ]; do
		[ -s "$TMPD/exit" ] && { cat "$TMPD/exit"; return 0; }
		sleep 0.05
		t=$((t + 1))
	done
	echo timeout
	return 1
}

# Timings differ from run to run: "done 0.03s" -> "done #.##s".
mask() { sed -E 's/(done )[0-9]+\.[0-9]+s/\1#.##s/g'; }

# golden NAME DESCRIPTION: compares the screen with tests/golden/ui/NAME.txt.
golden() {
	screen | mask >"$TMPD/$1.txt"
	if [ -n "$UPDATE_GOLDEN" ]; then
		cp "$TMPD/$1.txt" "$GOLDEN/$1.txt"
	fi
	if cmp -s "$TMPD/$1.txt" "$GOLDEN/$1.txt"; then
		ok 0 "$2 (golden $1)"
	else
		ok 1 "$2 (golden $1)"
		diff -u "$GOLDEN/$1.txt" "$TMPD/$1.txt" 2>&1 | sed 's/^/#   /' | head -60
	fi
}

# The pid of nnbook in the session: the child of the pane's shell (empty when gone).
nnbook_pid() {
	sp=$(tm display-message -p '#{pane_pid}' 2>/dev/null) || return
	[ -n "$sp" ] && pgrep -P "$sp" -x nnbook | head -1
}

# alive PID: the process exists and is not a zombie waiting for its parent.
alive() {
	st=$(awk '/^State/{print $2}' "/proc/$1/status" 2>/dev/null)
	[ -n "$st" ] && [ "$st" != Z ]
}
