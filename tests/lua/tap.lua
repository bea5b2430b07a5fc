-- tap.lua — a tiny TAP producer for the Lua tests (run by `nnbook --run`).
local T = {}
local count, failed = 0, 0

local function report(pass, name, detail)
  count = count + 1
  if pass then
    print(("ok %d - %s"):format(count, name))
  else
    failed = failed + 1
    print(("not ok %d - %s"):format(count, name))
    if detail then print("#   " .. detail:gsub("\n", "\n#   ")) end
  end
  return pass
end

-- ok(cond, name)
function T.ok(cond, name) return report(cond and true or false, name) end

-- is(got, want, name): equality of numbers, strings, booleans.
function T.is(got, want, name)
  return report(got == want, name, ("got:  %s\nwant: %s"):format(tostring(got), tostring(want)))
end

-- near(got, want, tol, name)
function T.near(got, want, tol, name)
  local pass = type(got) == "number" and math.abs(got - want) <= tol
  return report(pass, name, ("got:  %s\nwant: %s (tolerance %s)"):format(tostring(got), tostring(want), tostring(tol)))
end

-- errors(f, pattern, name): f() must raise an error whose message contains pattern (plain).
function T.errors(f, pattern, name)
  local okcall, err = pcall(f)
  local msg = tostring(err)
  local pass = not okcall and msg:find(pattern, 1, true) ~= nil
  return report(pass, name, okcall and "no error was raised" or ("message: " .. msg .. "\nwanted:  " .. pattern))
end

-- Prints the plan; raises when something failed so the run exits non-zero.
function T.done()
  print("1.." .. count)
  if failed > 0 then error(failed .. " test(s) failed", 0) end
end

return T
