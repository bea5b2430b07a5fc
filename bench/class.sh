#!/bin/sh
# class.sh BUILD [N] [SECONDS] — a class of N students (default 100) on
# this machine, and the teacher's dashboard watching them.
#
# The dashboard is a real `nnbook --teacher` in tmux (120x40); the students
# are bench/class_driver's headless sessions, each with its kernel process,
# running lesson 2's cells every 1-3 s.  While they work, a probe member
# changes its status ten times (written as a session writes it: a temp file
# renamed into place) and the time until the dashboard's screen shows it is
# measured.  Then the class stops and the dashboard's CPU is measured over
# 10 s with nothing changing.  Prints lines in run.sh's format.
BUILD=${1:-build}
N=${2:-100}
SECS=${3:-30}
NNBOOK=$BUILD/nnbook
command -v tmux >/dev/null || { echo "# class: tmux missing, skipped"; exit 0; }
[ -x "$BUILD/bench/class_driver" ] || { echo "# class: $BUILD/bench/class_driver missing"; exit 1; }
tmp=$(mktemp -d) || exit 1
SOCK=nnbook-class-$$
trap 'tmux -L $SOCK kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
mkdir -p "$HOME"
status="$XDG_DATA_HOME/nnbook/class/status"
mkdir -p "$status"
hz=$(getconf CLK_TCK)

tmux -L $SOCK new-session -d -x 120 -y 40 "$NNBOOK --teacher prof"
sleep 0.5
dash=$(pgrep -f -n -- "--teacher prof")
cpu() { awk '{ print $14 + $15 }' "/proc/$dash/stat"; }

# the probe: one more member whose changes are timed (filtered so its row shows)
probe() { # cell
	cat >"$status/.probe.tmp" <<EOT
nnbook-status 1
name probe
role student
pid $$
when $(date +%s)
lesson 02-gradient-descent
title probe
cell $1 99
state idle
code
EOT
	mv "$status/.probe.tmp" "$status/probe"
}
probe 1
tmux -L $SOCK send-keys / p r o b e Enter
"$BUILD/bench/class_driver" "$N" "$SECS" lessons/02-gradient-descent.lua >"$tmp/driver.txt" 2>"$tmp/driver.err" &
driver=$!
sleep 3
c0=$(cpu); t0=$(date +%s%N)
worst=0 total=0
for k in 2 3 4 5 6 7 8 9 10 11; do
	start=$(date +%s%N)
	probe "$k"
	until tmux -L $SOCK capture-pane -p | grep -q " $k/99 "; do
		[ $(( ($(date +%s%N) - start) / 1000000 )) -gt 5000 ] && break
		sleep 0.01
	done
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	total=$((total + ms)); [ "$ms" -gt "$worst" ] && worst=$ms
	sleep 1
done
c1=$(cpu); t1=$(date +%s%N)
busy=$(awk "BEGIN { printf \"%.1f\", 100 * ($c1 - $c0) / $hz / (($t1 - $t0) / 1e9) }")
rows=$(ls "$status" | wc -l)
wait $driver
cat "$tmp/driver.txt"
sed 's/^/# /' "$tmp/driver.err" | head -5
sleep 1
c0=$(cpu); sleep 10; c1=$(cpu)
idle=$(awk "BEGIN { printf \"%.2f\", 100 * ($c1 - $c0) / $hz / 10 }")
echo "c class_update time_s=$(awk "BEGIN{print $worst / 1000}") mean_ms=$((total / 10)) students=$N status_files=$rows"
echo "c class_dashboard busy_cpu_pct=$busy idle_cpu_pct=$idle"
