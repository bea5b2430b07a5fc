#!/bin/sh
# Reliability row 16: bad API arguments — wrong types, NaN, ±inf, zero,
# negative and huge shapes, mismatched shapes give a Lua error naming the
# problem, never a crash.  The broad sweep is the fuzz target fuzz_api
# (its corpus replays in fuzz/api; `make fuzz` runs it under ASan/UBSan);
# this test pins the messages a student reads.
. tests/sh/lib.sh
cat >"$tmp/bad.lua" <<'LUA'
local function try(label, f)
  local ok, err = pcall(f)
  print(label .. ": " .. (ok and "NO ERROR" or tostring(err)))
end
try("dot shapes", function() return nn.dot(nn.zeros{2, 3}, nn.zeros{2, 3}) end)
try("add shapes", function() return nn.zeros{2, 3} + nn.zeros{3, 2} end)
try("negative size", function() return nn.zeros{-1, 2} end)
try("huge size", function() return nn.zeros{1e12, 1e12} end)
try("nan size", function() return nn.zeros{0/0} end)
try("wrong type", function() return nn.array("hello") end)
try("ragged rows", function() return nn.array{{1, 2}, {3}} end)
try("string element", function() return nn.array{1, "x"} end)
try("negative scale", function() return nn.random.normal(0, -1, 3) end)
try("bad activation", function() return nn.Dense(2, {activation = "nope"}) end)
try("zero units", function() return nn.Dense(0) end)
try("fit shapes", function()
  local m = nn.Sequential{nn.Dense(1, {input_dim = 2})}
  m:compile{loss = "mse", optimizer = "sgd"}
  return m:fit(nn.zeros{4, 3}, nn.zeros{4, 1}, {epochs = 1, verbose = 0})
end)
try("figure scatter", function() plot.figure{}:scatter(nn.zeros{3}, nn.zeros{4}) end)
try("table format", function() table.new{"a", format = {"%n"}} end)
LUA
"$NNBOOK" --run "$tmp/bad.lua" --no-color --width 300 >"$tmp/out" 2>&1
check $? "the script runs to the end"
expect() { # label, pattern
	line=$(grep "^$1: " "$tmp/out")
	echo "$line" | grep -q "$2"; check $? "$line"
}
expect "dot shapes" "(2, 3).*(2, 3)\|shapes"
expect "add shapes" "(2, 3).*(3, 2)\|broadcast"
expect "negative size" "negative\|size"
expect "huge size" "too large"
expect "nan size" "size\|number\|integer"
expect "wrong type" "string\|table"
expect "ragged rows" "row 2"
expect "string element" "not a number"
expect "negative scale" "negative"
expect "bad activation" "nope"
expect "zero units" "units"
expect "fit shapes" "features\|3"
expect "figure scatter" "3.*4\|rows\|points"
expect "table format" "format"
! grep -q "NO ERROR" "$tmp/out"; check $? "every bad call raised an error"
done_testing
