-- test_check.lua — exercise checks: the verdict check returns (its block,
-- with the hint and the solution, is checked in tests/kernel/test_widgets.c
-- and drawn in tests/golden/lua/check.txt).
local T = require "tap"

T.is(check{"a true value passes", true}, true, "check{name, true} passes")
T.is(check{"a false value does not", false, hint = "h"}, false, "check{name, false} does not")
T.is(check{"nil is not a pass", nil}, false, "nil does not pass")
T.is(check("positional", 1 + 1 == 2), true, "check(name, bool)")
T.is(check("with a hint string", false, "the hint"), false, "check(name, bool, hint)")
T.is(check("with options", false, {hint = "h", solution = "x = 1"}), false, "check(name, bool, {hint=, solution=})")

local calls = 0
T.is(check{"a function is called", function() calls = calls + 1; return calls == 1 end}, true,
     "a function's result is the verdict")
T.is(calls, 1, "called once")
T.is(check{"a function returning false", function() return false, "why not" end}, false, "false with a reason")
T.is(check{"truthy values pass", function() return 0 end}, true, "0 is true in Lua, as everywhere in Lua")
T.is(check{"a failing check function", function() error("oops") end}, false, "an error counts as not passed")
T.is(check{"error objects too", function() error({}) end}, false, "error with a table")
T.is(check{"nested pcall is fine", function() return pcall(error, "x") == false end}, true, "pcall inside a check")

-- the check sees the student's globals: a typical exercise
rate = 0.5
local function converged(lr) local w = 0; for _ = 1, 50 do w = w + lr * (2 - w) end; return math.abs(w - 2) < 1e-6 end
T.is(check("the learning rate converges", function() return converged(rate) end), true, "judges the result")
rate = 2.5
T.is(check("the learning rate converges", function() return converged(rate) end), false, "and a bad one fails")

T.errors(function() check{42, true} end, "check: the first item must be the exercise's name (a string), got a number", "a name is needed")
T.errors(function() check{} end, "check: the first item must be the exercise's name (a string), got a nil", "an empty check")
T.errors(function() check{"x", true, hnit = "h"} end, "check: unknown option 'hnit' (options: hint, solution)", "a misspelt option")
T.errors(function() check{"x", true, hint = 3} end, "check: hint must be a string, got a number", "a hint that is not a string")
T.errors(function() check{"x", true, solution = {}} end, "check: solution must be a string, got a table", "a solution that is not a string")
T.errors(function() check("x", true, 42) end, "check: the third argument must be the options or a hint, got a number", "a bad third argument")
T.done()
