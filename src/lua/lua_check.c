/*
** lua_check.c — exercise checks.
**
**   check{"the line separates the classes",
**         function() return accuracy(p, X, y) == 1 end,
**         hint = "Add a bias input.", solution = [[p = nn.Perceptron{...}]]}
**
** A check judges the result of the student's code, not its text.  Its
** verdict becomes an output block (passed / not yet, with the hint); the
** solution's source is stored on the block so the notebook can reveal it
** and `nnbook --check` can run it to prove the exercise is solvable.
*/
#include <lauxlib.h>
#include <lua.h>
#include <string.h>

#include "lua_plot_int.h"

/* Pushes the message of the error value on top (replacing it). */
static const char *error_text(lua_State *L)
{
	if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER)
		return lua_tostring(L, -1);
	const char *s = lua_pushfstring(L, "(an error object of type %s)", luaL_typename(L, -1));
	lua_remove(L, -2);
	return s;
}

/* Reads an optional string option (nil: NULL). */
static const char *str_field(lua_State *L, int o, const char *k, const char *fname)
{
	if (!o)
		return NULL;
	int t = lua_getfield(L, o, k);
	if (t != LUA_TNIL && t != LUA_TSTRING)
		nnlua_error(L, "%s: %s must be a string, got a %s", fname, k, luaL_typename(L, -1));
	const char *s = lua_tostring(L, -1); /* kept by the options table */
	lua_pop(L, 1);
	return s;
}

/*
** check{name, passed, hint=, solution=} or check(name, passed [, {hint=,
** solution=} or hint]): `passed` is a boolean or a function returning
** one (and optionally a message when false).  Returns the verdict.
*/
int nnlua__check(lua_State *L)
{
	static const char *const keys[] = {"hint", "solution", NULL};
	const char *fname = "check";
	int o = 0;
	if (lua_gettop(L) == 1 && lua_istable(L, 1)) {
		o = 1;
		lua_rawgeti(L, 1, 1);
		lua_rawgeti(L, 1, 2);
	} else {
		lua_settop(L, 3);
		if (lua_istable(L, 3))
			o = 3;
		else if (!lua_isnil(L, 3) && lua_type(L, 3) != LUA_TSTRING)
			return nnlua_error(L, "%s: the third argument must be the options or a hint, got a %s",
			                  fname, luaL_typename(L, 3));
		lua_pushvalue(L, 1);
		lua_pushvalue(L, 2);
	}
	int name_i = lua_gettop(L) - 1, cond = name_i + 1;
	nnlua__checkopts(L, o, fname, keys);
	if (lua_type(L, name_i) != LUA_TSTRING)
		return nnlua_error(L, "%s: the first item must be the exercise's name (a string), got a %s",
		                  fname, luaL_typename(L, name_i));
	const char *hint = str_field(L, o, "hint", fname);
	const char *solution = str_field(L, o, "solution", fname);
	if (!o && lua_type(L, 3) == LUA_TSTRING)
		hint = lua_tostring(L, 3);

	int passed;
	const char *note = NULL;
	if (lua_isfunction(L, cond)) {
		lua_pushvalue(L, cond);
		int st = lua_pcall(L, 0, 2, 0);
		if (st == LUA_ERRMEM || st == LUA_ERRERR)
			return lua_error(L);
		if (st != LUA_OK) {
			passed = 0;
			note = lua_pushfstring(L, "the check failed with an error: %s", error_text(L));
		} else {
			passed = lua_toboolean(L, -2);
			if (!passed && lua_type(L, -1) == LUA_TSTRING)
				note = lua_tostring(L, -1);
		}
	} else {
		passed = lua_toboolean(L, cond);
	}

	blocklist *out = nnlua_output(L);
	if (out) {
		block *b = blocklist_add(out, BLOCK_CHECK, lua_tostring(L, name_i));
		if (!b)
			return nnlua_error(L, "%s: not enough memory for the output", fname);
		b->passed = passed;
		if (note) {
			sb_adds(&b->detail, note);
			if (hint && *hint)
				sb_addc(&b->detail, '\n');
		}
		if (hint)
			sb_adds(&b->detail, hint);
		if (solution)
			sb_adds(&b->extra, solution);
		if (b->text.failed || b->detail.failed || b->extra.failed)
			return nnlua_error(L, "%s: not enough memory for the output", fname);
		blocklist_touch(out);
	}
	lua_pushboolean(L, passed);
	return 1;
}
