-- safelib_cases.lua — ordinary uses of every library function the sandbox
-- replaces (string.rep/find/match/gmatch/gsub, table.insert/remove/move/
-- concat/sort, coroutine.create/wrap/resume/close, xpcall, load), run by
-- test_safelib.c once with Lua's own functions and once in the sandbox:
-- each line `emit`s must come out the same.  Results are written with
-- string.format so both runs print them alike.
local emit = ... or print -- the kernel runs this as a cell: print writes a string as it is

local function ser(v, depth)
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" then
    return math.type(v) == "integer" and string.format("%d", v) or string.format("%.17g", v)
  elseif t == "table" and (depth or 0) < 3 then
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    table.sort(keys, function(a, b)
      if type(a) ~= type(b) then return type(a) < type(b) end
      return a < b
    end)
    local parts = {}
    for _, k in ipairs(keys) do parts[#parts + 1] = ser(k, 9) .. "=" .. ser(v[k], (depth or 0) + 1) end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif t == "nil" or t == "boolean" then return tostring(v)
  end
  return t
end

local function all(...)
  local parts = {}
  for i = 1, select("#", ...) do parts[i] = ser((select(i, ...))) end
  return table.concat(parts, " ")
end

local n = 0
local function case(name, f, ...)
  n = n + 1
  emit(string.format("%03d %s => %s", n, name, all(pcall(f, ...))))
end

-- string.find / string.match ------------------------------------------------
local subjects = {"hello world", "", "aaa", "key = value; other=42", "(a(b)c)", "THE (quick) fox",
  "x\0y\0z", "  trim  ", "áé ü", "one two  three", "2024-01-31", "[[x]]"}
local patterns = {"o", "o w", "l+", "l*", "l-", "l?", "^h", "d$", "^$", "", ".", "%a+", "%d+",
  "(%w+) = (%w+)", "(%w+)%s*=%s*(%w+)", "()o()", "%b()", "%f[%w]%w+", "(a)%1", "[%a_][%w_]*",
  "[^%s]+", "%s*(.-)%s*$", "x%z", "\0", "%.", "[%]]", "[a-c]+", "[^a-c]+", "%u+", "%l+", "%p",
  "%x+", "%c", "%g+", "(%d+)-(%d+)-(%d+)", "(h)(e)(l)(l)(o)", "(()a)", "[]]", "[-a]", "a-b"}
for _, s in ipairs(subjects) do
  for _, p in ipairs(patterns) do
    case("find " .. ser(s) .. " " .. ser(p), string.find, s, p)
    case("match " .. ser(s) .. " " .. ser(p), string.match, s, p)
  end
end
for _, init in ipairs{-100, -3, -1, 0, 1, 2, 5, 11, 12, 13, 100} do
  case("find init " .. init, string.find, "hello world", "o", init)
  case("find plain init " .. init, string.find, "a.b.c", ".", init, true)
  case("match init " .. init, string.match, "hello world", "(%a+)", init)
end
case("find plain special", string.find, "a+b(c)", "+b(", 1, true)
case("find plain empty", string.find, "abc", "", 2, true)
case("find plain long miss", string.find, string.rep("ab", 100), string.rep("ab", 60) .. "c", 1, true)
case("find method", function() return ("hello"):find("l") end)
case("match method", function() return ("key=val"):match("(%w+)=(%w+)") end)

-- errors a pattern can raise
for _, p in ipairs{"%", "[a", "[%", "%b", "%ba", "(", ")", "%1", "(a)%2", "%f", "%fa", "(()",
  string.rep("(", 33) .. string.rep(")", 33), string.rep("a?", 300) .. string.rep("a", 300)} do
  case("bad pattern " .. ser(p), string.find, "aaa(b)", p)
end
case("find no args", string.find)
case("find bad init", string.find, "a", "a", "x")

-- string.gmatch --------------------------------------------------------------
local function collect(s, p, init)
  local out = {}
  for a, b in string.gmatch(s, p, init) do out[#out + 1] = {a, b} end
  return out
end
for _, s in ipairs(subjects) do
  for _, p in ipairs{"%a+", "(%w+)=(%w+)", "a*", "", ".", "()", "%s*", "^h", "o", "(%d)(%d)"} do
    case("gmatch " .. ser(s) .. " " .. ser(p), collect, s, p)
  end
end
case("gmatch init", collect, "one two three", "%a+", 5)
case("gmatch init past end", collect, "one", "%a*", 10)
case("gmatch bad", collect, "x", "[")

-- string.gsub ----------------------------------------------------------------
local repls = {"<%0>", "%1-%1", "%%", "", "x", 42, {hello = "HI", world = false}, function(a) return a:upper() end,
  function() return nil end, function(a, b) return b or a end}
for _, s in ipairs(subjects) do
  for _, p in ipairs{"%w+", "(%w+)", "(o)", "", "^%s*", "%s*$", "l+", "(%w+)=(%w+)", "()"} do
    for i, r in ipairs(repls) do
      case("gsub " .. ser(s) .. " " .. ser(p) .. " r" .. i, string.gsub, s, p, r)
    end
  end
end
for _, max in ipairs{-1, 0, 1, 2, 100} do
  case("gsub max " .. max, string.gsub, "a b c d", "%a", "X", max)
end
case("gsub bad %", string.gsub, "abc", "b", "%2")
case("gsub bad %x", string.gsub, "abc", "b", "%x")
case("gsub bad value", string.gsub, "abc", "b", function() return {} end)
case("gsub bad repl type", string.gsub, "abc", "b", true)
case("gsub method", function() return ("a,b,,c"):gsub(",", ";") end)

-- string.rep -----------------------------------------------------------------
for _, a in ipairs{{"ab", 3}, {"ab", 3, ","}, {"", 5}, {"", 5, "-"}, {"x", 0}, {"x", -1}, {"x", 1, ","},
  {"abc", 2, ""}, {"", 0, ","}, {"é", 4, "|"}} do
  case("rep " .. ser(a), string.rep, table.unpack(a, 1, 3))
end
case("rep too large", string.rep, "x", 2^31)
case("rep bad n", string.rep, "x", 1.5)
case("rep method", function() return ("-"):rep(10) end)

-- table.insert / remove / move / concat / sort -------------------------------
local function proxy(t)
  return setmetatable({}, {__index = t, __newindex = t, __len = function() return #t end})
end
case("insert end", function() local t = {1, 2} table.insert(t, 3) return t end)
case("insert pos", function() local t = {1, 2, 3} table.insert(t, 2, "x") return t end)
case("insert first", function() local t = {1, 2, 3} table.insert(t, 1, 0) return t end)
case("insert after end", function() local t = {1} table.insert(t, 2, 9) return t end)
case("insert bad pos", function() local t = {1} table.insert(t, 5, 9) return t end)
case("insert bad args", function() return table.insert({}, 1, 2, 3) end)
case("insert proxy", function() local t = {1, 2} table.insert(proxy(t), 1, 0) return t end)
case("remove last", function() local t = {1, 2, 3} return table.remove(t), t end)
case("remove first", function() local t = {1, 2, 3} return table.remove(t, 1), t end)
case("remove n+1", function() local t = {1, 2, 3} return table.remove(t, 4), t end)
case("remove empty", function() local t = {} return table.remove(t), table.remove(t, 0), t end)
case("remove bad", function() return table.remove({1, 2}, 5) end)
case("remove proxy", function() local t = {1, 2, 3} return table.remove(proxy(t), 2), t end)
case("move", function() return table.move({1, 2, 3, 4, 5}, 2, 4, 1) end)
case("move up", function() return table.move({1, 2, 3, 4, 5}, 1, 3, 3) end)
case("move other", function() return table.move({1, 2, 3}, 1, 3, 2, {9}) end)
case("move empty", function() return table.move({1, 2, 3}, 3, 1, 1, {}) end)
case("move too many", function() return table.move({}, -1, math.maxinteger, 1) end)
case("move wrap", function() return table.move({}, 1, 2, math.maxinteger) end)
case("move proxy", function() local t = {1, 2, 3} table.move(proxy(t), 1, 3, 2) return t end)
case("concat", table.concat, {1, 2, "x", 3.5})
case("concat sep", table.concat, {"a", "b", "c"}, ", ")
case("concat range", table.concat, {"a", "b", "c", "d"}, "-", 2, 3)
case("concat empty range", table.concat, {"a"}, "-", 3, 2)
case("concat bad", table.concat, {"a", {}, "c"})
case("concat hole", table.concat, {"a", nil, "c"}, ",", 1, 3)
case("concat proxy", table.concat, proxy({"p", "q"}), "+")
local data = {5, 3, 9, 1, 7, 3, 8, 2, 6, 4, 0, -1, 12, 11, 10}
case("sort", function() local t = table.move(data, 1, #data, 1, {}) table.sort(t) return t end)
case("sort desc", function()
  local t = table.move(data, 1, #data, 1, {}) table.sort(t, function(a, b) return a > b end) return t end)
case("sort strings", function() local t = {"pear", "apple", "fig", "Banana"} table.sort(t) return t end)
case("sort big", function()
  local t = {} for i = 1, 500 do t[i] = (i * 7919) % 1009 end table.sort(t) return t[1], t[250], t[500] end)
case("sort mixed", function() local t = {1, "a", 2} table.sort(t) return t end)
case("sort bad cmp", function() table.sort({1, 2}, 3) end)
case("sort proxy", function() local t = {3, 1, 2} table.sort(proxy(t)) return t end)
case("pack unpack", function() return table.unpack(table.pack(1, nil, 3)) end)

-- coroutines -------------------------------------------------------------------
case("resume yields", function()
  local co = coroutine.create(function(a, b)
    local c = coroutine.yield(a + b)
    local d, e = coroutine.yield(c * 2)
    return d + e, coroutine.isyieldable(), coroutine.status(coroutine.running())
  end)
  return {coroutine.resume(co, 1, 2)}, {coroutine.resume(co, 10)}, {coroutine.resume(co, 3, 4)},
         {coroutine.resume(co)}, coroutine.status(co)
end)
case("resume error", function()
  local co = coroutine.create(function() error("boom") end)
  return coroutine.resume(co), coroutine.status(co), coroutine.close(co)
end)
case("resume table error", function()
  local co = coroutine.create(function() error({code = 7}) end)
  return coroutine.resume(co)
end)
case("resume self", function() return coroutine.resume(coroutine.running()) end)
case("resume bad", function() return coroutine.resume(42) end)
case("wrap", function()
  local gen = coroutine.wrap(function(n) for i = 1, n do coroutine.yield(i) end return "done" end)
  return gen(3), gen(), gen(), gen()
end)
case("wrap error", function() return coroutine.wrap(function() error("inner") end)() end)
case("wrap error table", function() return coroutine.wrap(function() error({1}) end)() end)
case("wrap dead", function() local f = coroutine.wrap(function() end) f() return f() end)
case("close suspended", function()
  local log = {}
  local co = coroutine.create(function()
    local a <close> = setmetatable({}, {__close = function() log[#log + 1] = "a" end})
    local b <close> = setmetatable({}, {__close = function(_, e) log[#log + 1] = "b" .. tostring(e) end})
    coroutine.yield(1)
  end)
  coroutine.resume(co)
  return coroutine.close(co), log, coroutine.status(co)
end)
case("close error in __close", function()
  local co = coroutine.create(function()
    local a <close> = setmetatable({}, {__close = function() error("in close") end})
    coroutine.yield()
  end)
  coroutine.resume(co)
  return coroutine.close(co)
end)
case("wrap runs __close on error", function()
  local log = {}
  local f = coroutine.wrap(function()
    local a <close> = setmetatable({}, {__close = function(_, e) log[#log + 1] = tostring(e) end})
    error("oops")
  end)
  return pcall(f), log
end)
case("close running", function() return coroutine.close(coroutine.running()) end)
case("yield across pcall", function()
  local co = coroutine.wrap(function()
    local ok, v = pcall(function() return coroutine.yield("in pcall") + 1 end)
    return ok, v
  end)
  return co(), co(41)
end)
case("isyieldable main", function() return coroutine.isyieldable() end)

-- xpcall -------------------------------------------------------------------------
case("xpcall ok", function() return xpcall(function(a, b) return a + b, "x" end, print, 2, 3) end)
case("xpcall handler", function() return xpcall(error, function(m) return "handled: " .. m end, "bad") end)
case("xpcall handler table", function()
  return xpcall(error, function(m) return type(m) end, {})
end)
case("xpcall handler errors", function()
  return xpcall(error, function(m) error("again") end, "first")
end)
case("xpcall nested", function()
  return xpcall(function()
    return select(2, xpcall(error, function(m) return "inner " .. m end, "x")) end,
    function(m) return "outer " .. m end)
end)
case("xpcall runtime", function() return xpcall(function() local t = nil return t.x end, function(m) return m end) end)
case("xpcall no handler", function() return xpcall(print) end)
case("xpcall yields", function()
  local co = coroutine.wrap(function()
    return xpcall(function() return coroutine.yield(1) + 1 end, function(m) return m end)
  end)
  return co(), co(9)
end)

-- load ---------------------------------------------------------------------------
case("load string", function() return load("return 1 + 1")() end)
case("load env", function() return load("return x", "chunk", "t", {x = 5})() end)
case("load syntax", function() return load("return +", "=mine") end)
case("load name default", function() return load("x =") end)
case("load reader", function()
  local parts, i = {"ret", "urn ", "'pieces'"}, 0
  return load(function() i = i + 1 return parts[i] end, "=r", "t", {})()
end)
case("load reader empty", function() return load(function() return nil end, "=e", "t", {})() end)
case("load reader bad", function() return load(function() return {} end) end)
case("load reader error", function() return load(function() error("reader failed") end) end)
case("load reader stops at ''", function()
  local parts, i = {"return 1", "", "+ 1"}, 0
  return load(function() i = i + 1 return parts[i] end, "=s", "t", {})()
end)
case("load number", function() return load(42) end)
case("load bad type", function() return load(true) end)

emit(string.format("%d cases", n))
