#!/bin/sh
# test_row18_19_kernel.sh — the kernel process seen through the notebook
# at 80x24 (reliability rows 18 and 19):
#  18  a cell stuck in a Lua loop, or inside one C call (Lua's pattern
#      matcher), stops within 2 s of Ctrl-C or `i i`; a kernel that does
#      not answer at all (stopped with SIGSTOP here: nothing it runs can
#      help) is killed and replaced within 2 s, the student is told, and
#      the next cell runs
#  19  no process is left 2 s after the terminal is killed, or after
#      SIGTERM, SIGHUP or SIGKILL of the front end, while a cell runs
. tests/ui/lib.sh
need
mkdir -p "$TMPD/work"
L=$TMPD/work/hang.lua
cat >"$L" <<'LUA'
-- ---
-- title: Hangs
-- ---

-- %% a Lua loop
while true do end

-- %% stuck in C
local s = string.rep("a", 40) .. "b"
print(string.find(s, string.rep("a*", 40) .. "c"))

-- %% next
print("the next cell " .. "ran")
LUA

# the processes of this lesson: the front end and its kernel
procs() { pgrep -f "^$NNBOOK $L" | tr '\n' ' '; }
# ms since t0
since() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
# gone_within MS: waits until no process of the lesson is left; prints the ms it took
gone_within() {
	while [ -n "$(procs)" ] && [ "$(since)" -lt "$1" ]; do sleep 0.05; done
	since
}

start 80 24 "$NNBOOK $L"
wait_for "cell 1/3" || exit 1
kpids=$(procs)
[ "$(echo $kpids | wc -w)" = 2 ]; ok $? "the notebook runs with a kernel process of its own ($kpids)"
keys Enter
wait_for "running" 3
sleep 0.5
t0=$(date +%s%N)
keys C-c
wait_for "interrupted" 3; ms=$(since)
ok $(( ms > 500 )) "Ctrl-C stops a Lua loop at once (${ms} ms), the kernel lives on"
[ "$(procs)" = "$kpids" ]; ok $? "the same kernel process ($(procs))"
keys j Enter
wait_for "running" 3
sleep 0.3
t0=$(date +%s%N)
keys i i
# the cell's own header line says how it ended
wait_re "stuck in C.*interrupted" 3; ms=$(since)
ok $(( ms > 2000 )) "i i stops a cell stuck inside C's pattern matcher within 2 s (${ms} ms)"
[ "$(procs)" = "$kpids" ]; ok $? "by itself: the kernel lives on ($(procs))"
keys k Enter
wait_for "running" 3
kpid=$(echo $(procs) | cut -d' ' -f2)
kill -STOP "$kpid"
t0=$(date +%s%N)
keys C-c
wait_for "restarted" 4; ms=$(since)
ok $(( ms > 2000 )) "a kernel that does not answer is killed and replaced within 2 s of Ctrl-C (${ms} ms)"
screen | grep -q "The cell did not stop when asked, so the kernel was" &&
	screen | grep -q "Run the cells above again (R runs them all)" &&
	screen | grep -q "The kernel was restarted: its variables are gone"
ok $? "and the student is told what happened and what to do"
[ "$(procs)" != "$kpids" ] && [ "$(echo $(procs) | wc -w)" = 2 ]
ok $? "a fresh kernel took the place of the old one ($kpids -> $(procs))"
keys j j Enter
wait_for "the next cell ran" 5
ok $? "the next cell runs"

# row 19: the terminal goes away while a cell runs
keys k k Enter
wait_for "running" 3
t0=$(date +%s%N)
tm kill-server
ms=$(gone_within 4000)
ok $(( ms > 2000 )) "the terminal killed mid-cell: every process gone in ${ms} ms (left: $(procs))"

for sig in TERM HUP KILL; do
	start 80 24 "$NNBOOK $L"
	wait_for "cell 1/3" || break
	keys Enter
	wait_for "running" 3
	sleep 0.3
	fe=$(nnbook_pid)
	t0=$(date +%s%N)
	kill -$sig "$fe"
	ms=$(gone_within 4000)
	ok $(( ms > 2000 )) "SIG$sig to the front end mid-cell: every process gone in ${ms} ms (left: $(procs))"
done
pkill -KILL -f "nnbook $L" 2>/dev/null
done_testing
