/*
** lcheck.c — exercise checks.
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
#include "lcheck_int.h"

#include <string.h>

#include "cancel.h"
#include "ldisplay_int.h"
#include "lkit_int.h"

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
		lkit_error(L, "%s: %s must be a string, got a %s", fname, k, luaL_typename(L, -1));
	const char *s = lua_tostring(L, -1); /* kept by the options table */
	lua_pop(L, 1);
	return s;
}

/* Stack slots of a check while it runs (see lcheck_check). */
enum { C_NAME = 1, C_COND, C_HINT, C_SOLUTION, C_RESULT };

/*
** Adds the verdict block and returns the verdict.  With a function, the
** stack holds its two results (or the error) from C_RESULT on; `status`
** is how the call ended.  Also the continuation of the call, so a check
** function can yield (time slices, frame()) like the rest of a cell.
*/
static int finish(lua_State *L, int status, lua_KContext isfn)
{
	const char *fname = "check";
	int passed;
	const char *note = NULL;
	if (!isfn) {
		passed = lua_toboolean(L, C_COND);
	} else if (status == LUA_OK || status == LUA_YIELD) {
		passed = lua_toboolean(L, C_RESULT);
		if (!passed && lua_type(L, C_RESULT + 1) == LUA_TSTRING)
			note = lua_tostring(L, C_RESULT + 1);
	} else if (status == LUA_ERRMEM || status == LUA_ERRERR || cancel_requested()) {
		return lua_error(L); /* a stop ends the cell, not just the check */
	} else {
		passed = 0;
		note = lua_pushfstring(L, "the check failed with an error: %s", error_text(L));
	}
	const char *hint = lua_tostring(L, C_HINT), *solution = lua_tostring(L, C_SOLUTION);
	blocklist *out = ldisplay_output(L);
	char ebuf[200];
	if (out) {
		block *b = blocklist_add(out, BLOCK_CHECK, lua_tostring(L, C_NAME));
		if (!b)
			return lkit_error(L, "%s", blocklist_add_error(out, fname, ebuf, sizeof ebuf));
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
			return lkit_error(L, "%s", blocklist_add_error(out, fname, ebuf, sizeof ebuf));
		blocklist_touch(out);
	}
	lua_pushboolean(L, passed);
	return 1;
}

/* `passed` is a value or a function returning the verdict (and, when false, maybe a reason). */
int lcheck_check(lua_State *L)
{
	static const char *const keys[] = {"hint", "solution", NULL};
	const char *fname = "check";
	int o = 0;
	if (lua_gettop(L) == 1 && lua_istable(L, 1)) {
		o = 1;
	} else {
		lua_settop(L, 3);
		if (lua_istable(L, 3))
			o = 3;
		else if (!lua_isnil(L, 3) && lua_type(L, 3) != LUA_TSTRING)
			return lkit_error(L, "%s: the third argument must be the options or a hint, got a %s",
			                  fname, luaL_typename(L, 3));
	}
	lkit_options(L, o, fname, keys);
	/* gather name, cond, hint, solution on top, then make them slots 1..4 */
	int top = lua_gettop(L);
	if (o == 1) {
		lua_rawgeti(L, 1, 1);
		lua_rawgeti(L, 1, 2);
	} else {
		lua_pushvalue(L, 1);
		lua_pushvalue(L, 2);
	}
	if (lua_type(L, top + 1) != LUA_TSTRING)
		return lkit_error(L, "%s: the first item must be the exercise's name (a string), got a %s",
		                  fname, luaL_typename(L, top + 1));
	const char *hint = str_field(L, o, "hint", fname);
	const char *solution = str_field(L, o, "solution", fname);
	if (!o && lua_type(L, 3) == LUA_TSTRING)
		hint = lua_tostring(L, 3);
	lua_pushstring(L, hint);
	lua_pushstring(L, solution);
	lua_rotate(L, 1, 4); /* the four just pushed become slots 1..4 */
	lua_settop(L, 4);
	int isfn = lua_isfunction(L, C_COND);
	if (!isfn)
		return finish(L, LUA_OK, 0);
	lua_pushvalue(L, C_COND);
	return finish(L, lua_pcallk(L, 0, 2, 0, 1, finish), 1);
}
