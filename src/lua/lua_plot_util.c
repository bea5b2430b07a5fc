/*
** lua_plot_util.c — helpers the display bindings share: option tables
** checked for misspelt keys, numbers and sizes read with messages that
** name the function, blocks added to the cell's output, and rendered text
** that reaches Lua without leaking when an error strikes.
*/
#include <lauxlib.h>
#include <lua.h>
#include <string.h>

#include "lua_plot_int.h"

/* --- options, numbers, output ---------------------------------------------------------- */

void nnlua__class(lua_State *L, const char *name, const luaL_Reg *methods, const luaL_Reg *meta)
{
	luaL_newmetatable(L, name);
	if (meta)
		luaL_setfuncs(L, meta, 0);
	lua_newtable(L);
	luaL_setfuncs(L, methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

int nnlua__show_obj(lua_State *L, block_kind kind, void *obj, const char *fname)
{
	blocklist *out = nnlua_output(L);
	char ebuf[200];
	if (!out)
		return 0;
	for (size_t i = 0; i < out->n; i++)
		if (out->items[i]->obj == obj)
			return 0;
	block_obj_ops_of(kind)->ref(obj);
	if (!blocklist_add_obj(out, kind, obj))
		return nnlua_error(L, "%s", blocklist_add_error(out, fname, ebuf, sizeof ebuf));
	return 1;
}

void nnlua__checkopts(lua_State *L, int idx, const char *fname, const char *const *allowed)
{
	if (!idx || !lua_istable(L, idx))
		return;
	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			continue;
		const char *k = lua_tostring(L, -1);
		int found = 0;
		for (const char *const *a = allowed; *a && !found; a++)
			found = strcmp(*a, k) == 0;
		if (found)
			continue;
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		for (const char *const *a = allowed; *a; a++) {
			if (a != allowed)
				luaL_addstring(&b, ", ");
			luaL_addstring(&b, *a);
		}
		luaL_pushresult(&b);
		nnlua_error(L, "%s: unknown option '%s' (options: %s)", fname, k, lua_tostring(L, -1));
	}
}

int nnlua__optable(lua_State *L, int idx, const char *fname, const char *what)
{
	if (lua_isnoneornil(L, idx))
		return 0;
	if (!lua_istable(L, idx))
		nnlua_error(L, "%s: %s must be a table, got a %s", fname, what, luaL_typename(L, idx));
	return lua_absindex(L, idx);
}

double nnlua__number(lua_State *L, int idx, const char *fname, const char *what)
{
	if (lua_type(L, idx) == LUA_TNUMBER)
		return lua_tonumber(L, idx);
	mat *m = nnlua_tomat(L, idx);
	if (m && mat_size(m) == 1)
		return m->data[0];
	if (m) {
		char s[48];
		nnlua_error(L, "%s: %s must be a number, got an array of shape %s", fname, what,
		           mat_shape_str(m, s));
	}
	nnlua_error(L, "%s: %s must be a number, got %s", fname, what,
	           lua_isnoneornil(L, idx) ? "nothing" : luaL_typename(L, idx));
	return 0;
}

int nnlua__plot_error(lua_State *L, const char *fname, int status)
{
	return nnlua_error(L, "%s: %s", fname, plot_strerror(status));
}

/* --- scratch memory that a Lua error cannot leak ------------------------------ */

#define SCRATCH_MT "nn.Scratch"

static int scratch_gc(lua_State *L)
{
	nnlua_scratch *s = luaL_checkudata(L, 1, SCRATCH_MT);
	st_free(&s->t);
	sb_free(&s->sb);
	return 0;
}

nnlua_scratch *nnlua__scratch(lua_State *L)
{
	if (luaL_newmetatable(L, SCRATCH_MT)) {
		lua_pushcfunction(L, scratch_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
	nnlua_scratch *s = lua_newuserdatauv(L, sizeof *s, 0);
	memset(s, 0, sizeof *s);
	luaL_setmetatable(L, SCRATCH_MT);
	return s;
}

void nnlua__scratch_result(lua_State *L, nnlua_scratch *s, int ansi, const char *fname)
{
	st_text_utf8(&s->sb, &s->t, ansi);
	if (s->t.failed || s->sb.failed)
		nnlua_error(L, "%s: not enough memory", fname);
	lua_pushlstring(L, sb_str(&s->sb), s->sb.len);
	st_free(&s->t);
	sb_free(&s->sb);
	lua_remove(L, -2);
}

/* --- sizes, modes, limits -------------------------------------------------------- */

size_t nnlua__size_opt(lua_State *L, int o, const char *key, const char *fname, size_t max)
{
	if (!o)
		return 0;
	lua_getfield(L, o, key);
	size_t v = 0;
	if (!lua_isnil(L, -1)) {
		int isnum;
		lua_Integer i = lua_tointegerx(L, -1, &isnum);
		if (lua_type(L, -1) != LUA_TNUMBER)
			nnlua_error(L, "%s: %s must be a whole number, got a %s", fname, key, luaL_typename(L, -1));
		if (!isnum)
			nnlua_error(L, "%s: %s = %s is not a whole number", fname, key, lua_tostring(L, -1));
		if (i < 0)
			nnlua_error(L, "%s: %s = %lld must not be negative", fname, key, i);
		if ((lua_Unsigned)i > max)
			nnlua_error(L, "%s: %s = %lld is too large (at most %d)", fname, key, i, (int)max);
		v = (size_t)i;
	}
	lua_pop(L, 1);
	return v;
}

canvas_mode nnlua__mode_opt(lua_State *L, int o, const char *fname)
{
	static const char *const names[] = {"braille", "block", "ascii", NULL};
	if (!o)
		return CANVAS_BRAILLE;
	lua_getfield(L, o, "mode");
	canvas_mode m = CANVAS_BRAILLE;
	if (!lua_isnil(L, -1)) {
		const char *s = lua_tostring(L, -1);
		int i = 0;
		while (s && names[i] && strcmp(names[i], s) != 0)
			i++;
		if (!s || !names[i])
			nnlua_error(L, "%s: mode must be \"braille\", \"block\" or \"ascii\"", fname);
		m = (canvas_mode)i;
	}
	lua_pop(L, 1);
	return m;
}
