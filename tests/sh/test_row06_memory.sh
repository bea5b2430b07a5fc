#!/bin/sh
# Reliability row 6: memory is bounded — a growing table and a 2 GiB
# string end with a clear message, the next cell runs, and the resident
# size of the kernel process (where the lesson's memory lives) and the
# front end together stays under the budget (--memory 64) plus a margin.
. tests/sh/lib.sh
cat >"$tmp/mem.lua" <<'LUA'
-- %% grow
local t = {}
for i = 1, 1e9 do t[i] = {i} end
-- %% string
local s = string.rep("x", 2^31)
-- %% arrays
local a = nn.zeros{8000, 8000}
-- %% after
local ok, err = pcall(function() local t = {} for i = 1, 1e9 do t[i] = {i} end end)
print("caught:", err)
local t0 = os.clock()
while os.clock() - t0 < 1.5 do end -- time for the test to read the peak size
print("next cell ran")
LUA
"$NNBOOK" --run "$tmp/mem.lua" --memory 64 --keep-going --no-color >"$tmp/out" 2>&1 &
pid=$!
sleep 1
kpid=$(pgrep -P $pid | head -1)
fe=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null)
k=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status 2>/dev/null)
hwm=$(( ${fe:-0} + ${k:-0} ))
[ -n "$kpid" ] && [ -n "$k" ]; check $? "the lesson runs in a kernel process of its own ($kpid, peak ${k} kB; front end ${fe} kB)"
wait $pid
check $(( $? != 1 )) "the lesson ends with status 1 (three cells fail)"
[ "$(grep -c "not enough memory" "$tmp/out")" -ge 2 ]; check $? "the table and the array fail with 'not enough memory'"
grep -q "string.rep\|too large\|not enough memory" "$tmp/out"; check $? "the 2 GiB string fails clearly"
grep -q "^caught:.*not enough memory" "$tmp/out"; check $? "a pcall in the cell sees the memory error"
grep -q "^next cell ran" "$tmp/out"; check $? "the state survives"
case ${BUILD:-build} in
*asan*) echo "# peak resident size not judged under AddressSanitizer (shadow memory): ${hwm} kB" ;;
*)	[ -n "$hwm" ] && [ "$hwm" -lt $(( (64 + 48) * 1024 )) ]
	check $? "peak resident size ${hwm} kB is under the 64 MiB budget + 48 MiB" ;;
esac
done_testing
