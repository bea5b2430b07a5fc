#!/bin/sh
# Reliability row 7: tracebacks — a nested error names lesson.lua and its
# real lines; error({}), error(nil) and an erroring __tostring still render.
. tests/sh/lib.sh
cat >"$tmp/lesson.lua" <<'LUA'
-- %% nested
local function inner()
  error("deep problem")
end
local function outer() inner() end
outer()
-- %% table
error({})
-- %% nil
error(nil)
-- %% tostring
error(setmetatable({}, {__tostring = function() error("broken tostring") end}))
-- %% runtime
local t = nil
print(t.field)
-- %% still alive
print("alive")
LUA
"$NNBOOK" --run "$tmp/lesson.lua" --keep-going --no-color --width 100 >"$tmp/out" 2>&1
check $(( $? != 1 )) "the lesson ends with status 1"
grep -q "lesson.lua:3: deep problem" "$tmp/out"; check $? "the message names the file and line 3"
grep -q "lesson.lua:3: in .*inner" "$tmp/out"; check $? "the traceback has inner at line 3"
grep -q "lesson.lua:5: in .*outer" "$tmp/out"; check $? "and outer at line 5"
grep -q "lesson.lua:6: in main chunk" "$tmp/out"; check $? "and the cell at line 6"
grep -q "table value" "$tmp/out"; check $? "error({}) renders"
grep -q "error(nil)" "$tmp/out"; check $? "error(nil) renders"
grep -q "an error was raised with a table value" "$tmp/out"; check $? "an erroring __tostring renders"
grep -q "lesson.lua:15: attempt to index a nil value (local 't')" "$tmp/out"; check $? "a runtime error names line 15"
grep -q "^alive" "$tmp/out"; check $? "the state survives"
! grep -q "stack traceback:\|\[C\]: in ?" "$tmp/out"; check $? "no noise frames"
done_testing
