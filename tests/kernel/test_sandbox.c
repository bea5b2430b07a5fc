/*
** test_sandbox.c — reliability rows 1, 2 and 22 against an attacker: what
** lesson code can reach holds nothing private (no real load, no real
** globals, no library table the kernel's own code uses), require hands
** out only nn, plot and the lesson's own modules, bytecode is refused on
** every path, and no finalizer of the lesson's can ever be installed.
*/
#include <sys/stat.h>

#include "harness.h"

/* Runs a cell that must finish, printing "ok" at its end; names the test. */
static void passes(const char *src, const char *proves)
{
	blocklist out = BLOCKLIST_INIT;
	kernel_event ev = run(src, &out);
	const char *t = text_of(&out);
	size_t n = strlen(t);
	int pass = ev == KERNEL_DONE && n >= 3 && strcmp(t + n - 3, "ok\n") == 0;
	ok(pass, "%s%s%s", proves, pass ? "" : ": ", pass ? "" : ev == KERNEL_DONE ? t : error_of(&out));
	blocklist_clear(&out);
}

/*
** require: every global name, every name Lua's loader knows and a few
** more either fail or give nn / plot (only for "nn" and "plot").
*/
static void test_require(void)
{
	passes("local names = {'load', '_G', 'package', 'debug', 'io', 'os', 'string', 'coroutine',\n"
	       "  '_ENV', 'table', 'math', 'utf8', 'loadfile', 'dofile', 'require', 'setmetatable',\n"
	       "  'collectgarbage', 'rawset', '_LOADED', '_PRELOAD', 'loaded', 'preload', 'lua',\n"
	       "  'nn', 'plot', 'base', 'builtin', '', '.', 'load.load', 'string.dump', 'mod', 'evil'}\n"
	       "for k in pairs(_G) do names[#names + 1] = k end\n"
	       "for k in pairs(string) do names[#names + 1] = k end\n"
	       "for _, name in ipairs(names) do\n"
	       "  local ok, v = pcall(require, name)\n"
	       "  if ok then\n"
	       "    assert((name == 'nn' and v == nn) or (name == 'plot' and v == plot) or\n"
	       "           (name == 'mod' and v.answer == 42), 'require gave ' .. name)\n"
	       "  end\n"
	       "end\n"
	       "print('ok')",
	       "require gives only nn, plot and the lesson's module, never a builtin or private table");
	passes("local ok, e = pcall(require, 'bin') assert(not ok and e:find('precompiled'), e) print('ok')",
	       "require refuses a module file that starts with ESC (bytecode)");
	passes("local ok, e = pcall(require, 'evil') assert(not ok) print('ok')",
	       "require does not follow a symlink out of the lesson's folder");
}

/*
** Nothing reachable from the lesson's globals (tables, their metatables,
** the string metatable, every kind of nn/plot object) is or leads to a
** table of the real globals or of a dangerous library: no reachable table
** has a field such as loadfile, dofile, rawset, dump, getregistry, popen.
*/
static void test_reachable(void)
{
	passes("local bad = {loadfile = 1, dofile = 1, rawset = 1, collectgarbage = 1, dump = 1,\n"
	       "  getregistry = 1, loadlib = 1, popen = 1, execute = 1, getenv = 1, exit = 1, tmpname = 1,\n"
	       "  rename = 1, setupvalue = 1, getupvalue = 1, sethook = 1, searchers = 1, cpath = 1}\n"
	       "local m = nn.Sequential{nn.Dense(2, {input_dim = 2}), nn.Dense(1)}\n"
	       "m:compile{loss = 'mse'}\n"
	       "local fig = plot.figure{}\n"
	       "local objects = {'', 1, true, print, coroutine.create(print), nn.zeros{2, 2}, m,\n"
	       "  m.layers and m.layers[1] or m:get_layer(1), nn.random.default_rng and nn.random.default_rng(1),\n"
	       "  nn.Perceptron{inputs = 2}, fig, fig:scatter({1}, {1}), plot.network(m), table.new{'a'},\n"
	       "  nn.progress{epochs = 1}}\n"
	       "local seen, todo = {}, {_G}\n"
	       "for _, o in pairs(objects) do\n"
	       "  local mt = getmetatable(o)\n"
	       "  assert(mt == nil or mt == false, 'a metatable is visible on a ' .. type(o))\n"
	       "end\n"
	       "while #todo > 0 do\n"
	       "  local t = table.remove(todo)\n"
	       "  if not seen[t] then\n"
	       "    seen[t] = true\n"
	       "    for k, v in next, t do\n"
	       "      assert(not bad[k], 'reachable: ' .. tostring(k))\n"
	       "      if type(v) == 'table' then todo[#todo + 1] = v end\n"
	       "    end\n"
	       "    local mt = getmetatable(t)\n"
	       "    if type(mt) == 'table' then todo[#todo + 1] = mt end\n"
	       "  end\n"
	       "end\n"
	       "print('ok')",
	       "no table reachable from the lesson leads to the real globals or a dangerous library");
}

/*
** The libraries are the lesson's own copies: replacing every function in
** them leaves the kernel's own Lua code (model:fit) working, and the
** string methods follow the lesson's string table, as in plain Lua.
*/
static void test_own_copies(void)
{
	blocklist out = BLOCKLIST_INIT;
	kernel_event ev = run("local X, y = nn.array{{0, 0}, {1, 1}}, nn.array{{0}, {1}}\n"
	       "local m = nn.Sequential{nn.Dense(1, {input_dim = 2})}\n"
	       "m:compile{loss = 'mse'}\n"
	       "for _, lib in ipairs{string, table, math, os, utf8, coroutine} do\n"
	       "  for k in pairs(lib) do lib[k] = function() error('replaced ' .. k) end end\n"
	       "end\n"
	       "show, error = nil, nil\n"
	       "m:fit(X, y, {epochs = 2, verbose = 2})\n"
	       "string, table, math, os = nil, nil, nil, nil\n"
	       "m:fit(X, y, {epochs = 1, verbose = 2})\n", &out);
	ok(ev == KERNEL_DONE && strstr(text_of(&out), "Epoch 2/2 - loss: ") && strstr(text_of(&out), "Epoch 1/1 - loss: "),
	   "a lesson that replaces every library function does not change model:fit (%s)", error_of(&out));
	blocklist_clear(&out);
	kernel_restart(K); /* the globals above are gone for good */
	passes("function string.shout(s) return s:upper() .. '!' end\n"
	       "assert(('hi'):shout() == 'HI!')\n"
	       "assert(getmetatable('') == false)\n"
	       "print('ok')",
	       "string methods reach the lesson's string table; the string metatable stays hidden");
}

/* Bytecode is refused on every path load has. */
static void test_bytecode(void)
{
	passes("local bc = '\\27Lua\\84\\0\\25\\147\\13\\10\\26\\10'\n"
	       "assert(not load(bc)) assert(not load(bc, 'x', 'b')) assert(not load(bc, 'x', 'bt', {}))\n"
	       "local parts = {'\\27', 'Lua', '\\84\\0'}\n"
	       "local i = 0\n"
	       "local f, e = load(function() i = i + 1 return parts[i] end)\n"
	       "assert(not f and e:find('precompiled'), e)\n"
	       "i = 0 parts = {'\\27Lua\\84\\0\\25\\147'}\n"
	       "f, e = load(function() i = i + 1 return parts[i] end, 'x', 'b')\n"
	       "assert(not f and e:find('precompiled'), e)\n"
	       "i = 0 parts = {'return 1 ', '\\27Lua'}\n"
	       "f, e = load(function() i = i + 1 return parts[i] end)\n"
	       "assert(not f, 'text mode stays text mode')\n"
	       "i = 0 parts = {'return ', '41 ', '+ 1'}\n"
	       "f = load(function() i = i + 1 return parts[i] end)\n"
	       "assert(f() == 42, 'a reader in pieces still works')\n"
	       "assert(load('return x_in_env', 'n', 't', {x_in_env = 7})() == 7)\n"
	       "print('ok')",
	       "load refuses bytecode as a string, from a reader in pieces, in any mode");
}

/*
** No finalizer of the lesson's: setmetatable reads __gc raw, so an
** __index on the metatable's own metatable cannot add __gc between the
** check and Lua's (such a finalizer would run with hooks off; closing
** the state would then never return).
*/
static void test_no_gc(void)
{
	passes("local called = false\n"
	       "local mt = setmetatable({}, {__index = function(t, k)\n"
	       "  called = true\n"
	       "  if k == '__gc' then t.__gc = function() while true do end end end end})\n"
	       "for i = 1, 100 do setmetatable({}, mt) end\n"
	       "assert(not called, 'setmetatable ran __index while checking __gc')\n"
	       "assert(not pcall(setmetatable, {}, {__gc = false}))\n"
	       "assert(not pcall(setmetatable, {}, {__gc = function() end}))\n"
	       "assert(collectgarbage == nil)\n"
	       "print('ok')",
	       "setmetatable refuses __gc and never runs lesson code while checking for it");
	watchdog(10);
	ok(kernel_restart(K) == 0, "closing the state afterwards returns (no finalizer loops)");
	watchdog(0);
}

/* tostring shows builtins by name and lesson functions by place, never an address. */
static void test_names(void)
{
	blocklist out = BLOCKLIST_INIT;
	run("local function f() end\n"
	    "print(tostring(print), string.rep, nn.dot, nn.random.seed, f, coroutine.create(f))\n"
	    "print(nn.zeros{1}.reshape, load('return 1'))", &out);
	is_str(text_of(&out), "function: builtin print function: builtin string.rep function: builtin nn.dot "
	       "function: builtin nn.random.seed function: lesson.lua:1 thread: coroutine\n"
	       "function: builtin function: [string \"return 1\"]\n",
	       "functions show a stable name, never an address");
	blocklist_clear(&out);
}

/* A lesson folder with a module, a bytecode module and a symlink out. */
static char *make_dir(void)
{
	static char dir[] = "/tmp/nnbook-sandbox-XXXXXX";
	if (!mkdtemp(dir))
		return NULL;
	char path[256];
	snprintf(path, sizeof path, "%s/mod.lua", dir);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("return {answer = 42}\n", f);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/bin.lua", dir);
	if ((f = fopen(path, "w"))) {
		fputs("\033LuaT\0 junk", f);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/evil.lua", dir);
	if (symlink("/etc/passwd", path) != 0)
		perror("symlink");
	return dir;
}

static void remove_dir(const char *dir)
{
	static const char *const files[] = {"mod.lua", "bin.lua", "evil.lua", NULL};
	char path[256];
	for (int i = 0; files[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

int main(void)
{
	char *dir = make_dir();
	if (!dir || !make_kernel(128, dir))
		return tap_done();
	test_require();
	test_reachable();
	test_own_copies();
	test_bytecode();
	test_no_gc();
	test_names();
	kernel_free(K);
	remove_dir(dir);
	return tap_done();
}
