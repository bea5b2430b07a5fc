#!/bin/sh
# Reliability row 19, headless: whatever ends `nnbook --run` while a cell
# runs (SIGTERM, SIGHUP, SIGKILL, a second Ctrl-C), its kernel process goes
# with it within 2 s — no orphan is left at 100% CPU.  (The notebook's side
# is tests/ui/test_row18_19_kernel.sh.)
. tests/sh/lib.sh
cat >"$tmp/loop.lua" <<'LUA'
-- %% forever
while true do end
LUA
procs() { pgrep -f "^$NNBOOK --run $tmp/loop.lua" | tr '\n' ' '; }
for sig in TERM HUP KILL INT2; do
	"$NNBOOK" --run "$tmp/loop.lua" >/dev/null 2>&1 &
	pid=$!
	i=0
	while [ "$(echo $(procs) | wc -w)" -lt 2 ] && [ $i -lt 50 ]; do sleep 0.05; i=$((i + 1)); done
	np=$(echo $(procs) | wc -w)
	if [ "$sig" = INT2 ]; then
		kill -INT $pid; sleep 0.2; kill -INT $pid 2>/dev/null
	else
		kill -$sig $pid
	fi
	t0=$(date +%s%N)
	while [ -n "$(procs)" ] && [ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 3000 ]; do sleep 0.05; done
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$np" = 2 ] && [ -z "$(procs)" ] && [ $ms -le 2000 ]
	check $? "SIG${sig%2}$([ "$sig" = INT2 ] && echo ' twice') mid-cell: front end and kernel ($np processes) gone in ${ms} ms"
	wait $pid 2>/dev/null
done
pkill -KILL -f "^$NNBOOK --run $tmp/loop.lua" 2>/dev/null
done_testing
