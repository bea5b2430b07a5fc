#!/bin/sh
# Reliability row 4: CPU is bounded — `while true do end`, the same inside
# pcall and inside a coroutine, an xpcall whose message handler loops, and
# coroutines made inside coroutines in a loop all stop on the time limit
# and on an interrupt (SIGINT, as Ctrl-C sends it), and the next cell
# still runs.
. tests/sh/lib.sh
for body in 'while true do end' \
            'while true do pcall(function() while true do end end) end' \
            'coroutine.wrap(function() while true do end end)()' \
            'local co = coroutine.wrap(function() while true do pcall(error) end end) co()' \
            'xpcall(function() while true do end end, function() while true do end end)' \
            'local function f() while true do pcall(coroutine.wrap(f)) end end f()'; do
	printf -- '-- %%%% loop\n%s\n-- %%%% next\nprint("next cell ran")\n' "$body" >"$tmp/loop.lua"
	start=$(date +%s%N)
	"$NNBOOK" --run "$tmp/loop.lua" --timeout 0.3 --keep-going --no-color >"$tmp/out" 2>&1
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ $rc = 1 ] && grep -q "time limit exceeded" "$tmp/out"
	check $? "time limit stops: $body (${ms} ms)"
	[ $ms -lt 3000 ]; check $? "within 3 s (${ms} ms)"
	grep -q "^next cell ran" "$tmp/out"; check $? "the next cell runs"

	"$NNBOOK" --run "$tmp/loop.lua" --keep-going --no-color >"$tmp/out" 2>&1 &
	pid=$!
	sleep 0.4
	kill -INT $pid
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
	if kill -0 $pid 2>/dev/null; then kill -9 $pid; fi
	wait $pid
	grep -q "interrupted" "$tmp/out"; check $? "SIGINT interrupts: $body"
	grep -q "^next cell ran" "$tmp/out"; check $? "and the next cell runs"
done
done_testing
