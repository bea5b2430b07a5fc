-- A plain Lua script: no markers at all.
local x = 1

print(x + 1)
