#!/bin/sh
# Reliability row 21: everything a lesson makes is charged to its memory
# budget, outputs too.  A cell that floods its output (show() in a loop,
# tables made one after another, figures shown one after another, a
# figure with ever more points) ends with "not enough memory" well inside
# the budget (--memory 16) — or, for blocks, at the cap on outputs per
# cell — the next cell runs, and neither process grows past its cap plus
# a margin: the kernel, where the outputs are made, and the front end,
# which keeps a copy of them (within twice the budget).
. tests/sh/lib.sh
cat >"$tmp/flood.lua" <<'LUA'
-- %% show flood
for i = 1, 1e9 do show({i, "a value shown again and again"}) end
-- %% table flood (one table keeps its newest rows only: many tables)
for i = 1, 1e9 do
  local t = table.new{"i", "text"}
  for r = 1, 100 do t:add{r, string.rep("row ", 20)} end
end
-- %% figure flood
for i = 1, 1e9 do plot.figure{title = "figure " .. i}:show() end
-- %% points flood
local fig = plot.figure{}
fig:show()
local x = nn.random.uniform(0, 1, 100000)
for i = 1, 1e9 do fig:scatter(x, x) end
-- %% after
print("next cell ran")
local t0 = os.clock()
while os.clock() - t0 < 1.5 do end -- time for the test to read the peak sizes
LUA
"$NNBOOK" --run "$tmp/flood.lua" --memory 16 --keep-going --no-color --width 400 >"$tmp/out" 2>&1 &
pid=$!
fe=0 k=0 i=0
while kill -0 $pid 2>/dev/null && [ $i -lt 300 ]; do
	kpid=$(pgrep -P $pid | head -1)
	f=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null)
	c=$(awk '/VmHWM/ {print $2}' /proc/$kpid/status 2>/dev/null)
	[ "${f:-0}" -gt "$fe" ] && fe=$f
	[ "${c:-0}" -gt "$k" ] && k=$c
	sleep 0.1; i=$((i + 1))
done
wait $pid
check $(( $? != 1 )) "the lesson ends with status 1 (the floods fail)"
[ "$(grep -c "not enough memory\|at most 5000 outputs" "$tmp/out")" -ge 4 ]
check $? "each of the four floods ends with 'not enough memory' or the cap on outputs ($(grep -c "not enough memory\|at most 5000 outputs" "$tmp/out"))"
grep -q "restarted" "$tmp/out"; check $(( $? == 0 )) "the kernel never had to be replaced"
grep -q "^next cell ran" "$tmp/out"; check $? "the next cell runs"
case ${BUILD:-build} in
*asan*) echo "# peak sizes not judged under AddressSanitizer: kernel ${k} kB, front end ${fe} kB" ;;
*)	[ "$k" -gt 0 ] && [ "$k" -lt $(( (16 + 40) * 1024 )) ]
	check $? "the kernel's peak resident size ${k} kB is under the 16 MiB budget + 40 MiB"
	[ "$fe" -gt 0 ] && [ "$fe" -lt $(( (2 * 16 + 24) * 1024 )) ]
	check $? "the front end's peak resident size ${fe} kB is under its cap (twice the budget) + 24 MiB" ;;
esac
done_testing
