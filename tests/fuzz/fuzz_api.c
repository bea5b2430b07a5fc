/*
** fuzz_api.c — every nn / plot / table function and every method of the
** objects they return, called with hostile arguments: NaN, ±inf, zero,
** negative and huge sizes, wrong types, mismatched shapes, tables whose
** metamethods raise.  The input bytes choose the function and up to four
** arguments.  Each call runs under pcall: it may fail with a Lua error, but
** it must not crash, and the Lua stack must be exactly as before.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>

#include "block.h"
#include "kernel.h"
#include "lua_nn.h"
#include "mem.h"
#include "sandbox.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
** Builds, in the sandbox, the list of callables (functions of the modules
** and methods of live objects, as {object or false, function, name}) and
** the pool of hostile values, both sorted so a given input always means
** the same call.
*/
static const char setup_lua[] =
"local calls, pool = {}, {}\n"
"local function add_module(prefix, t)\n"
"  local names = {}\n"
"  for k, v in pairs(t) do if type(v) == 'function' then names[#names + 1] = k end end\n"
"  table.sort(names)\n"
"  for _, k in ipairs(names) do calls[#calls + 1] = {false, t[k], prefix .. k} end\n"
"end\n"
"local function add_methods(label, obj, names)\n"
"  for _, k in ipairs(names) do\n"
"    local ok, f = pcall(function() return obj[k] end)\n"
"    if ok and type(f) == 'function' then calls[#calls + 1] = {obj, f, label .. ':' .. k} end\n"
"  end\n"
"end\n"
"add_module('nn.', nn)\n"
"for _, sub in ipairs{'random', 'datasets', 'model_selection'} do\n"
"  if type(nn[sub]) == 'table' then add_module('nn.' .. sub .. '.', nn[sub]) end\n"
"end\n"
"add_module('plot.', plot)\n"
"calls[#calls + 1] = {false, table.new, 'table.new'}\n"
"calls[#calls + 1] = {false, show, 'show'}\n"
"calls[#calls + 1] = {false, print, 'print'}\n"
"calls[#calls + 1] = {false, tostring, 'tostring'}\n"
"if check then calls[#calls + 1] = {false, check, 'check'} end\n"
"local m = nn.array{{1, 2}, {3, 4}, {5, 6}}\n"
"add_methods('M', m, {'get', 'set', 'totable', 'copy', 'reshape', 'flatten', 'T', 'transpose',\n"
"  'row', 'col', 'rows', 'slice', 'select', 'map', 'astype', 'repr', 'sum', 'mean', 'max',\n"
"  'min', 'argmax', 'argmin', 'std', 'dot', 'exp', 'log', 'abs', 'sqrt', 'tanh', 'clip'})\n"
"local model = nn.Sequential{nn.Dense(2, {input_dim = 2, activation = 'sigmoid'})}\n"
"add_methods('model', model, {'compile', 'fit', 'predict', 'evaluate', 'train_epoch',\n"
"  'train_batch', 'get_weights', 'set_weights', 'count_params', 'summary', 'summary_text'})\n"
"local fig = plot.figure{title = 'fuzz'}\n"
"add_methods('fig', fig, {'scatter', 'line', 'fn', 'boundary', 'hline', 'vline', 'regions',\n"
"  'loss', 'title', 'xlim', 'ylim', 'clear', 'remove', 'show'})\n"
"local t = table.new{'a', 'b'}\n"
"add_methods('table', t, {'add', 'rows', 'show'})\n"
"local p = nn.Perceptron and nn.Perceptron{inputs = 2}\n"
"if p then add_methods('perceptron', p, {'predict', 'train', 'fit', 'weights'}) end\n"
"local evil = setmetatable({}, {__index = function() error('index boom') end,\n"
"  __len = function() error('len boom') end, __tostring = function() error('tostring boom') end})\n"
"pool = {0/0, 1/0, -1/0, 0, -1, 1, 2, 3, 0.5, 2^31, 2^53, 1e308, -2^63, math.maxinteger,\n"
"  'x', 'relu', 'sigmoid', 'mse', '', {}, {1, 2, 3}, {{1, 2}, {3}}, {{1, 2}, {3, 4}},\n"
"  {{0/0, 1}, {1, 1/0}}, {1e6, 1e6}, {-1, 2}, {0, 3}, {2, 2}, {3, 1},\n"
"  nn.zeros{3, 2}, nn.zeros{0}, nn.ones{2, 3}, nn.array{0/0, 1/0}, nn.array{1, 0, 1},\n"
"  evil, true, false, print, function() error('f boom') end, function(a) return a end,\n"
"  m, model, fig, t, {loss = {1, 0.5}, val_loss = {0/0}}, {epochs = 1, verbose = 0},\n"
"  {hue = {0, 1, 2}}, {units = -1}, {2, 4, 4, 2}, {x = {1}, y = {1, 2}}}\n"
"return calls, pool\n";

static int open_protected(lua_State *L)
{
	sandbox_open(L, NULL, NULL, NULL);
	return 0;
}

/* A call that runs longer than this is cut (model:fit{epochs = 2^53}). */
static double deadline;

static void hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	if ((double)clock() / CLOCKS_PER_SEC > deadline)
		luaL_error(L, "fuzz: time is up");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static lua_State *L;
	static blocklist out = BLOCKLIST_INIT;
	static int calls, pool;
	static lua_Integer ncalls, npool;
	static unsigned runs;
	if (!L) {
		mem_set_limit((size_t)64 << 20);
		L = lua_newstate(kernel_alloc, NULL);
		if (!L)
			abort();
		lua_pushcfunction(L, open_protected);
		if (lua_pcall(L, 0, 0, 0) != LUA_OK)
			abort();
		nnlua_set_output(L, &out);
		if (luaL_loadbufferx(L, setup_lua, sizeof setup_lua - 1, "=fuzzsetup", "t") != LUA_OK)
			abort();
		sandbox_pushenv(L);
		lua_setupvalue(L, -2, 1); /* _ENV */
		if (lua_pcall(L, 0, 2, 0) != LUA_OK) {
			fprintf(stderr, "fuzz_api setup: %s\n", lua_tostring(L, -1));
			abort();
		}
		calls = lua_gettop(L) - 1;
		pool = lua_gettop(L);
		ncalls = luaL_len(L, calls);
		npool = luaL_len(L, pool);
		lua_sethook(L, hook, LUA_MASKCOUNT, 1000);
	}
	if (size < 2)
		return 0;
	int top = lua_gettop(L);
	lua_rawgeti(L, calls, (lua_Integer)((data[0] | data[1] << 8) % ncalls) + 1);
	int entry = lua_gettop(L);
	lua_rawgeti(L, entry, 2); /* the function */
	int nargs = 0;
	if (lua_rawgeti(L, entry, 1) != LUA_TBOOLEAN)
		nargs = 1; /* a method: its object first */
	else
		lua_pop(L, 1);
	for (size_t i = 2; i < size && i < 6; i++, nargs++) {
		if (data[i] == 255)
			lua_pushnil(L);
		else
			lua_rawgeti(L, pool, (lua_Integer)(data[i] % npool) + 1);
	}
	deadline = (double)clock() / CLOCKS_PER_SEC + 0.5;
	lua_pcall(L, nargs, LUA_MULTRET, 0);
	if (lua_gettop(L) < entry) /* pcall consumed more than the function and its arguments */
		abort();
	lua_settop(L, top);
	if (++runs % 256 == 0) {
		blocklist_clear(&out);
		lua_gc(L, LUA_GCCOLLECT);
	}
	return 0;
}
