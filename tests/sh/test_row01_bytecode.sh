#!/bin/sh
# Reliability row 1: bytecode is refused — a lesson file starting with
# "\033Lua" and load() of a binary chunk both fail with a clear message.
. tests/sh/lib.sh
printf '\033LuaT\000\031\223\r\n\032\n' >"$tmp/bin.lua"
"$NNBOOK" --run "$tmp/bin.lua" >"$tmp/out" 2>&1
check $(( $? != 2 )) "a bytecode lesson gives exit status 2"
grep -q "precompiled Lua" "$tmp/out"; check $? "with a message saying precompiled Lua is refused: $(cat "$tmp/out")"
cat >"$tmp/load.lua" <<'LUA'
print(string.dump == nil, ("").dump == nil)
local ok, err = pcall(load, "\27Lua\84\0\25\147\13\10\26\10")
local f, msg = load("\27Lua\84\0\25\147\13\10\26\10")
print(f == nil, msg)
LUA
"$NNBOOK" --run "$tmp/load.lua" >"$tmp/out" 2>&1
check $? "the load script runs"
grep -q "^true true$" "$tmp/out"; check $? "string.dump is gone, also through the string metatable"
grep -q "^true .*bytecode" "$tmp/out"; check $? "load() of a binary chunk returns nil and a message: $(tail -1 "$tmp/out")"
done_testing
