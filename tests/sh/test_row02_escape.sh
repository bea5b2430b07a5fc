#!/bin/sh
# Reliability rows 2 and 22: no escape primitive — each is nil or raises an
# error; require gives nothing but nn, plot and the lesson's own modules
# (tried with every global name and every name Lua's loader knows); load
# refuses bytecode on every path; setmetatable never lets __gc in.
. tests/sh/lib.sh
cat >"$tmp/escape.lua" <<'LUA'
local probes = {
  {"os.execute", function() return os.execute("true") end},
  {"os.exit", function() return os.exit(0) end},
  {"os.remove", function() return os.remove("/tmp/x") end},
  {"os.getenv", function() return os.getenv("HOME") end},
  {"io.popen", function() return io.popen("id") end},
  {"io.open", function() return io.open("/etc/passwd") end},
  {'require"io"', function() return require("io") end},
  {'require"os"', function() return require("os").execute end},
  {"package.loadlib", function() return package.loadlib("libc.so.6", "system") end},
  {"debug.getregistry", function() return debug.getregistry() end},
  {'("").dump', function() return ("").dump(print) end},
  {'load("return io")()', function() return load("return io")() end},
  {'getmetatable("").__index.dump', function() return getmetatable("").__index.dump end},
  {"dofile", function() return dofile("/etc/passwd") end},
  {"loadfile", function() return loadfile("/etc/passwd") end},
  {"collectgarbage", function() return collectgarbage("count") end},
  {"rawset on _G", function() return rawset(_G, "x", 1) end},
  {"string.dump", function() return string.dump(print) end},
  {'require"load"', function() return require("load") end},
  {"require of any other name", function()
    local names = {"_G", "package", "debug", "io", "os", "string", "coroutine", "_ENV", "table",
      "math", "utf8", "loadfile", "dofile", "_LOADED", "_PRELOAD", "loaded", "searchers"}
    for k in pairs(_G) do names[#names + 1] = k end
    for _, name in ipairs(names) do
      local ok, v = pcall(require, name)
      if ok and v ~= nn and v ~= plot then return name end
    end
  end},
  {"load of bytecode from a reader in pieces", function()
    local parts, i = {"\27", "Lua", "\84\0"}, 0
    return load(function() i = i + 1 return parts[i] end, "x", "b")
  end},
  {"a __gc slipped in through __index", function()
    local called
    local mt = setmetatable({}, {__index = function(t, k) called = k end})
    setmetatable({}, mt)
    return called
  end},
}
for _, p in ipairs(probes) do
  local ok, v = pcall(p[2])
  print(p[1], (not ok or v == nil) and "blocked" or ("REACHED " .. tostring(v)))
end
LUA
"$NNBOOK" --run "$tmp/escape.lua" >"$tmp/out" 2>&1
check $? "the probe script runs"
while IFS= read -r line; do
	case $line in
	*blocked) check 0 "$line" ;;
	*) check 1 "$line" ;;
	esac
done <"$tmp/out"
[ "$(grep -c blocked "$tmp/out")" = 22 ]; check $? "all 22 probes reported"
done_testing
