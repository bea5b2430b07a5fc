/*
** lua_nn.c — the kernel's entry points (lua_nn.h): each opens or reaches
** the modules of src/lua, so the kernel depends on this one header.
*/
#include "lua_nn.h"

#include <lauxlib.h>

#include "larray_int.h"
#include "lbuild_int.h"
#include "lcheck_int.h"
#include "ldisplay_int.h"
#include "lelem_int.h"
#include "lkit_int.h"
#include "lmath_int.h"
#include "lmodel_int.h"
#include "lnetwork_int.h"
#include "lperceptron_int.h"
#include "lplot_int.h"
#include "lrandom_int.h"
#include "ltable_int.h"
#include "nn_fit.lua.h"

int luaopen_nn(lua_State *L)
{
	lua_newtable(L);
	int nn = lua_gettop(L);
	lkit_type_push(L, &larray_type);   /* the arrays' metatable and methods */
	larray_open(L, nn);
	lbuild_open(L, nn, nn + 2);
	lmath_open(L, nn, nn + 1, nn + 2);
	lua_settop(L, nn);
	lrandom_open(L, nn);
	lmodel_open(L, nn);
	lperceptron_open(L, nn);
	lua_pushliteral(L, NNBOOK_VERSION);
	lua_setfield(L, nn, "version");
	lua_pushcfunction(L, ldisplay_frame);
	lua_setfield(L, nn, "frame");
	/* Lua-side parts (model:fit): a chunk that receives nn. */
	if (luaL_loadbufferx(L, nn_fit_lua, sizeof nn_fit_lua - 1, "=[nn]", "t") != LUA_OK)
		lua_error(L);
	lua_pushvalue(L, nn);
	lua_call(L, 1, 0);
	return 1;
}

int luaopen_plot(lua_State *L)
{
	lua_newtable(L);
	lplot_open(L, lua_gettop(L));
	lelem_open(L);   /* fig:scatter, fig:line, ... */
	lua_pushcfunction(L, lnetwork_new);
	lua_setfield(L, -2, "network");
	return 1;
}

void nnlua_open_display(lua_State *L, int idx)
{
	ldisplay_open(L, idx);
}

void nnlua_open_widgets(lua_State *L, int env)
{
	env = lua_absindex(L, env);
	ltable_open(L, env);
	lua_pushcfunction(L, lcheck_check);
	lua_setfield(L, env, "check");
}

void nnlua_name_builtins(lua_State *L, int env)
{
	ldisplay_name_builtins(L, env);
}

void nnlua_set_output(lua_State *L, blocklist *out)
{
	ldisplay_set_output(L, out);
}

void nnlua_set_cell(lua_State *L, lua_State *cell)
{
	ldisplay_set_cell(L, cell);
}

int nnlua_is_frame(lua_State *co, int nres)
{
	return ldisplay_is_frame(co, nres);
}

void nnlua_weak_set_add(lua_State *L, const void *key, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_createtable(L, 0, 1);
		lua_pushliteral(L, "k");
		lua_setfield(L, -2, "__mode");
		lua_setmetatable(L, -2);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, key);
	}
	lua_pushvalue(L, idx);
	lua_pushboolean(L, 1);
	lua_rawset(L, -3);
	lua_pop(L, 1);
}
