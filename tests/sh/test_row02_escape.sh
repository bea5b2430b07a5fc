#!/bin/sh
# Reliability row 2: no escape primitive — each is nil or raises an error.
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
[ "$(grep -c blocked "$tmp/out")" = 18 ]; check $? "all 18 probes reported"
done_testing
