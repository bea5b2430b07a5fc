#!/bin/sh
# Reliability row 18: cells stuck inside one C call (the pattern matcher,
# table.move, a concat driven by C metamethods, nn.dot, a fit epoch, fig:regions)
# or running lesson code where Lua switched hooks off (an xpcall handler, a
# __close after a stop, an error's __tostring) end on --timeout within the
# limit + 1 s and on SIGINT (Ctrl-C) within 1 s; the student is told which,
# and the next cell runs.  Only behaviour is asserted: the text and timing.
. tests/sh/lib.sh
LIMIT=1
for body in 'print(string.rep("a", 40):find(string.rep("a*", 30) .. "b"))' \
            'table.move({}, 1, 2^40, 2, {})' \
            'print(#table.concat(setmetatable({}, {__index = table.concat}), "", 1, 2^40))' \
            'xpcall(error, function() while true do end end)' \
            'local function f() while true do pcall(coroutine.wrap(f)) end end f()' \
            'local x <close> = setmetatable({}, {__close = function() while true do end end}) while true do end' \
            'error(setmetatable({}, {__tostring = function() while true do end end}))' \
            'local a = nn.ones{2500, 2500} print(nn.dot(a, a):sum())' \
            'local m = nn.Sequential{nn.Dense(1000, {input_dim = 1000}), nn.Dense(1000)} m:compile{loss = "mse"} m:fit(nn.ones{5000, 1000}, nn.ones{5000, 1000}, {batch_size = 1000, verbose = 0})' \
            'local m = nn.Sequential{nn.Dense(2000, {input_dim = 2}), nn.Dense(2000), nn.Dense(1)} plot.figure{width = 200, height = 60}:regions(m)'; do
	printf -- '-- %%%% stuck\n%s\n-- %%%% next\nprint("next cell ran")\n' "$body" >"$tmp/hang.lua"
	start=$(date +%s%N)
	"$NNBOOK" --run "$tmp/hang.lua" --timeout $LIMIT --keep-going --no-color >"$tmp/out" 2>&1
	rc=$?
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ $rc = 1 ] && grep -q "time limit exceeded" "$tmp/out"
	check $? "--timeout $LIMIT stops: $body"
	[ $ms -lt $(( (LIMIT + 1) * 1000 )) ]; check $? "  within the limit + 1 s (${ms} ms)"
	grep -q "^next cell ran" "$tmp/out"; check $? "  and the next cell runs"

	"$NNBOOK" --run "$tmp/hang.lua" --keep-going --no-color >"$tmp/out" 2>&1 &
	pid=$!
	sleep 0.3
	start=$(date +%s%N)
	kill -INT $pid
	i=0
	while kill -0 $pid 2>/dev/null && [ $i -lt 50 ]; do sleep 0.05; i=$((i + 1)); done
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	if kill -0 $pid 2>/dev/null; then kill -9 $pid; fi
	wait $pid
	grep -q "interrupted" "$tmp/out" && [ $ms -lt 1000 ]
	check $? "  SIGINT stops it within 1 s (${ms} ms)"
	grep -q "^next cell ran" "$tmp/out"; check $? "  and the next cell runs"
done

# bounded without any limit: printing a table that holds itself, string.rep of ''
cat >"$tmp/bounded.lua" <<'LUA'
local t = {}
for i = 1, 100000 do t["k" .. i] = t end
print(#tostring(t) < 100000)
print(#string.rep("", 2^50), #string.rep("", 2^50, ""))
LUA
start=$(date +%s%N)
"$NNBOOK" --run "$tmp/bounded.lua" --no-color >"$tmp/out" 2>&1
rc=$?
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ $rc = 0 ] && [ "$(cat "$tmp/out")" = "true
0 0" ]; check $? "printing a self-holding table and rep('', 2^50) end on their own (${ms} ms): $(head -c 200 "$tmp/out" | tr '\n' ' ')"
[ $ms -lt 3000 ]; check $? "  in well under the time a limit would allow (${ms} ms)"
done_testing
