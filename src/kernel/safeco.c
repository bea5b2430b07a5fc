/*
** safeco.c — coroutine.create/wrap/resume/close and xpcall for lessons.
**
** Why they are replaced: the kernel stops a cell by raising an error from
** its count hook, and Lua leaves a thread whose hook raised with hooks
** switched off (lua_State.allowhook) until a pcall on that thread catches
** the error.  Two things can then run lesson code with no hook to stop it:
**   - the message handler of an xpcall, which Lua calls before unwinding
**     (xpcall(f, function() while true do end end) hung on interrupt);
**   - the __close methods of a coroutine the error killed, which Lua's
**     coroutine.wrap runs at once and coroutine.close runs later.
** So once a stop was asked for (cancel_requested()), the handler is
** skipped, and a coroutine that dies is marked so its __close methods are
** never run (it died because the lesson was stopped; closing it would
** loop with nothing able to stop it).  create/wrap/resume also refuse to
** start anything once a stop was asked for: a new coroutine inherits its
** creator's hook count, so a lesson that makes coroutines inside
** coroutines in a loop would otherwise outrun the hook for ever.
**
** Everything else follows lcorolib.c and lbaselib.c of Lua 5.4.4
** (Copyright (C) 1994-2022 Lua.org, PUC-Rio, MIT licence).
*/
#include <lauxlib.h>
#include <string.h>

#include "cancel.h"
#include "lua_nn.h"
#include "safelib_int.h"
#include "tick_int.h"

static const char killed_key = 0; /* weak set of coroutines a stop killed */

/* Remembers that the coroutine at idx died from a stop. */
static void mark_killed(lua_State *L, int idx)
{
	nnlua_weak_set_add(L, &killed_key, idx);
}

static int was_killed(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &killed_key) != LUA_TTABLE) {
		lua_pop(L, 1);
		return 0;
	}
	lua_pushvalue(L, idx);
	int killed = lua_rawget(L, -2) != LUA_TNIL;
	lua_pop(L, 2);
	return killed;
}

/*
** lcorolib's auxresume: resumes co with narg arguments from L's top.
** Returns the number of results, or -1 with the error on top.  A
** coroutine that dies while a stop is asked for is marked (see above).
*/
static int auxresume(lua_State *L, int coidx, lua_State *co, int narg)
{
	int status, nres;
	if (!lua_checkstack(co, narg)) {
		lua_pushliteral(L, "too many arguments to resume");
		return -1;
	}
	lua_xmove(L, co, narg);
	lua_State *prev = tick_set_running(co);   /* the tick hooks the running thread */
	status = lua_resume(co, L, narg, &nres);
	tick_set_running(prev);
	if (status == LUA_OK || status == LUA_YIELD) {
		if (!lua_checkstack(L, nres + 1)) {
			lua_pop(co, nres);
			lua_pushliteral(L, "too many results to resume");
			return -1;
		}
		lua_xmove(co, L, nres);
		return nres;
	}
	if (cancel_requested())
		mark_killed(L, coidx);
	lua_xmove(co, L, 1);
	return -1;
}

static int co_create(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TFUNCTION);
	safelib_check(L); /* nothing new starts once a stop was asked for */
	lua_State *NL = lua_newthread(L); /* inherits L's hook */
	lua_pushvalue(L, 1);
	lua_xmove(L, NL, 1);
	return 1;
}

static int co_resume(lua_State *L)
{
	lua_State *co = lua_tothread(L, 1);
	luaL_argexpected(L, co, 1, "thread");
	safelib_check(L); /* nothing new starts once a stop was asked for */
	int r = auxresume(L, 1, co, lua_gettop(L) - 1);
	if (r < 0) {
		lua_pushboolean(L, 0);
		lua_insert(L, -2);
		return 2; /* false + error message */
	}
	lua_pushboolean(L, 1);
	lua_insert(L, -(r + 1));
	return r + 1;
}

/* The function coroutine.wrap returns (lcorolib's auxwrap). */
static int co_auxwrap(lua_State *L)
{
	lua_State *co = lua_tothread(L, lua_upvalueindex(1));
	safelib_check(L); /* nothing new starts once a stop was asked for */
	int r = auxresume(L, lua_upvalueindex(1), co, lua_gettop(L));
	if (r >= 0)
		return r;
	int stat = lua_status(co);
	if (stat != LUA_OK && stat != LUA_YIELD && !was_killed(L, lua_upvalueindex(1))) {
		stat = lua_resetthread(co); /* close its tbc variables */
		lua_xmove(co, L, 1);
	}
	if (stat != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
		luaL_where(L, 1); /* add extra info, if available */
		lua_insert(L, -2);
		lua_concat(L, 2);
	}
	return lua_error(L);
}

static int co_wrap(lua_State *L)
{
	co_create(L);
	lua_pushcclosure(L, co_auxwrap, 1);
	return 1;
}

/* lcorolib's auxstatus: the coroutine's status as coroutine.status names it. */
static const char *costatus(lua_State *L, lua_State *co)
{
	if (L == co)
		return "running";
	switch (lua_status(co)) {
	case LUA_YIELD:
		return "suspended";
	case LUA_OK: {
		lua_Debug ar;
		if (lua_getstack(co, 0, &ar)) /* does it have frames? */
			return "normal";       /* it is running */
		return lua_gettop(co) == 0 ? "dead" : "suspended"; /* initial state */
	}
	default: /* some error occurred */
		return "dead";
	}
}

/*
** coroutine.close (lcorolib's luaB_close), except that a coroutine a stop
** killed is reported as it died, not closed.
*/
static int co_close(lua_State *L)
{
	lua_State *co = lua_tothread(L, 1);
	luaL_argexpected(L, co, 1, "thread");
	const char *status = costatus(L, co);
	if (strcmp(status, "dead") != 0 && strcmp(status, "suspended") != 0)
		return luaL_error(L, "cannot close a %s coroutine", status);
	int st = lua_status(co);
	if (st != LUA_OK && st != LUA_YIELD && was_killed(L, 1)) {
		lua_pushboolean(L, 0);
		if (lua_gettop(co) > 0) {
			lua_pushvalue(co, -1);
			lua_xmove(co, L, 1);
		} else {
			lua_pushstring(L, "the coroutine was stopped");
		}
		return 2;
	}
	if (lua_resetthread(co) == LUA_OK) {
		lua_pushboolean(L, 1);
		return 1;
	}
	lua_pushboolean(L, 0);
	lua_xmove(co, L, 1); /* move error message */
	return 2;
}

void safelib_coroutine(lua_State *L, int idx)
{
	static const luaL_Reg fns[] = {
		{"create", co_create}, {"resume", co_resume},
		{"wrap", co_wrap},     {"close", co_close}, {NULL, NULL},
	};
	lua_pushvalue(L, idx);
	luaL_setfuncs(L, fns, 0);
	lua_pop(L, 1);
}

/* --- xpcall ---------------------------------------------------------------- */

/*
** The message handler xpcall really installs: it calls the lesson's
** handler (upvalue 1) unless a stop was asked for, when the error may have
** come from the hook and hooks are off (see above).
*/
static int guarded_handler(lua_State *L)
{
	if (cancel_requested())
		return 1; /* the error object as it is */
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int finishpcall(lua_State *L, int status, lua_KContext extra)
{
	if (status != LUA_OK && status != LUA_YIELD) { /* error? */
		lua_pushboolean(L, 0);
		lua_pushvalue(L, -2);
		return 2; /* false, msg */
	}
	return lua_gettop(L) - (int)extra; /* all results */
}

/* xpcall(f, msgh, ...) as lbaselib's, with msgh wrapped in guarded_handler. */
static int sb_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 2);
	lua_pushcclosure(L, guarded_handler, 1);
	lua_replace(L, 2);
	lua_pushboolean(L, 1); /* first result */
	lua_pushvalue(L, 1);   /* function */
	lua_rotate(L, 3, 2);   /* move them below function's arguments */
	int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, finishpcall);
	return finishpcall(L, status, 2);
}

void safelib_base(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_pushcfunction(L, sb_xpcall);
	lua_setfield(L, idx, "xpcall");
}
