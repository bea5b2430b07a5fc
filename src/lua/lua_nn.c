/*
** lua_nn.c — assembles the nn module and keeps the output/frame plumbing
** the kernel and the display functions share.
*/
#include <lauxlib.h>
#include <lua.h>

#include "lua_nn.h"
#include "nn_fit.lua.h"

/* Registry keys: their addresses are unique. */
static const char output_key = 0;
static const char cell_key = 0;
static const char frame_mark = 0;

void nnlua_set_output(lua_State *L, blocklist *out)
{
	lua_pushlightuserdata(L, out);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &output_key);
}

blocklist *nnlua_output(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &output_key);
	blocklist *out = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return out;
}

void nnlua_set_cell(lua_State *L, lua_State *cell)
{
	if (cell)
		lua_pushlightuserdata(L, cell);
	else
		lua_pushnil(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &cell_key);
}

int nnlua_is_frame(lua_State *co, int nres)
{
	return nres == 1 && lua_touserdata(co, -1) == (void *)&frame_mark;
}

/*
** frame(): one animation step.  Yields to the kernel only from the cell's
** own coroutine and only where Lua can yield; elsewhere (inside a lesson's
** own coroutine, a sort comparator, a metamethod) it is a no-op, so a
** lesson never fails because of where it called frame().
*/
static int l_frame(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &cell_key);
	int mine = lua_touserdata(L, -1) == (void *)L;
	lua_pop(L, 1);
	if (!mine || !lua_isyieldable(L))
		return 0;
	lua_pushlightuserdata(L, (void *)&frame_mark);
	return lua_yield(L, 1);
}

int luaopen_nn(lua_State *L)
{
	lua_newtable(L);
	nnlua_open_array(L);
	nnlua_open_random(L);
	nnlua_open_datasets(L);
	nnlua_open_model(L);
	nnlua_open_perceptron(L);
	lua_pushliteral(L, NNBOOK_VERSION);
	lua_setfield(L, -2, "version");
	lua_pushcfunction(L, l_frame);
	lua_setfield(L, -2, "frame");
	/* Lua-side parts (model:fit): a chunk that receives nn. */
	if (luaL_loadbufferx(L, nn_fit_lua, sizeof nn_fit_lua - 1, "=[nn]", "t") != LUA_OK)
		lua_error(L);
	lua_pushvalue(L, -2);
	lua_call(L, 1, 0);
	return 1;
}
