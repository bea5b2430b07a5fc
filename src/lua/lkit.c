/*
** lkit.c — the bindings' kit (lkit.h): userdata types, option tables,
** errors.
*/
#include "lkit_int.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cancel.h"

/* --- types ----------------------------------------------------------------------- */

/* __gc and __close of a box: releases its object once (upvalue 1: the type). */
static int box_release(lua_State *L)
{
	const lkit_type *t = lua_touserdata(L, lua_upvalueindex(1));
	void **box = lkit_test(L, 1, t);
	if (box && *box) {
		t->release(*box);
		*box = NULL;
	}
	return 0;
}

/* __close of a type that holds nothing outside its userdata: a local <close> is welcome. */
static int nothing_to_close(lua_State *L)
{
	(void)L;
	return 0;
}

/* __tostring of a box: a closed one says so rather than failing (upvalue 1: the type). */
static int box_tostring(lua_State *L)
{
	const lkit_type *t = lua_touserdata(L, lua_upvalueindex(1));
	void **box = lkit_test(L, 1, t);
	if (!box || *box)
		return t->tostring(L);
	lua_pushfstring(L, "%s (closed)", t->name);
	return 1;
}

/*
** A type check compares a value's metatable with the type's, which
** lives in the registry: a lookup per check, two per array operation.  So
** the pair (type, metatable address) of the last checks is cached, with
** the registry's address standing for the state.  An address is only
** trusted while its state lives: the first type made in a state anchors a
** sentinel whose finalizer, run by lua_close, empties the cache and keeps
** it empty for that registry until a new state makes its first type (a
** new state may reuse the addresses of a closed one).
*/
#define MT_CACHE 16

static struct {
	const lkit_type *t;
	const void *registry, *mt;
} mt_cache[MT_CACHE];
static const void *closing;   /* the registry of a state being closed: never cached */
static const char sentinel_key = 0;

static void cache_clear(void)
{
	memset(mt_cache, 0, sizeof mt_cache);
}

static int sentinel_gc(lua_State *L)
{
	closing = lua_topointer(L, LUA_REGISTRYINDEX);
	cache_clear();
	return 0;
}

/* Anchors the state's sentinel (once per state), starting a clean cache. */
static void sentinel(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &sentinel_key) != LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	lua_pop(L, 1);
	closing = NULL;
	cache_clear();
	lua_newuserdatauv(L, 1, 0);
	lua_createtable(L, 0, 1);
	lua_pushcfunction(L, sentinel_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &sentinel_key);
}

/*
** Makes t's metatable, leaving it and its methods table on the stack.  It
** is registered under t's name (type errors and __name say it) and under
** t's address, which is how the kit finds it: a lookup by name hashes the
** name through Lua's string cache on every array made or checked.
*/
static void make_type(lua_State *L, const lkit_type *t)
{
	sentinel(L);
	luaL_newmetatable(L, t->name);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, t);
	if (t->meta)
		luaL_setfuncs(L, t->meta, 0);
	if (t->release) {
		/* only boxes get a finalizer: finalizers cost the collector, on every array */
		lua_pushlightuserdata(L, (void *)t);
		lua_pushcclosure(L, box_release, 1);
		lua_pushvalue(L, -1);
		lua_setfield(L, -3, "__gc");
		lua_setfield(L, -2, "__close");
		lua_pushlightuserdata(L, (void *)t);
		lua_pushcclosure(L, box_tostring, 1);
	} else {
		lua_pushcfunction(L, nothing_to_close);
		lua_setfield(L, -2, "__close");
		lua_pushcfunction(L, t->tostring);
	}
	lua_setfield(L, -2, "__tostring");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_newtable(L);
	if (t->methods)
		luaL_setfuncs(L, t->methods, 0);
	lua_pushvalue(L, -1);
	if (t->index)
		lua_pushcclosure(L, t->index, 1);
	lua_setfield(L, -3, "__index");
}

void lkit_type_push(lua_State *L, const lkit_type *t)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, t) != LUA_TNIL) {
		/* made before: its methods are __index itself or __index's upvalue */
		lua_getfield(L, -1, "__index");
		if (lua_iscfunction(L, -1)) {
			lua_getupvalue(L, -1, 1);
			lua_remove(L, -2);
		}
		return;
	}
	lua_pop(L, 1);
	make_type(L, t);
}

void lkit_settype(lua_State *L, const lkit_type *t)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, t) == LUA_TNIL) {
		lua_pop(L, 1);
		make_type(L, t);
		lua_pop(L, 1);
	}
	lua_setmetatable(L, -2);
}

void *lkit_new(lua_State *L, const lkit_type *t, size_t size, int nuv)
{
	void *u = lua_newuserdatauv(L, size, nuv);
	memset(u, 0, size);
	lkit_settype(L, t);
	return u;
}

void *lkit_test(lua_State *L, int idx, const lkit_type *t)
{
	void *u = lua_touserdata(L, idx);
	if (!u || !lua_getmetatable(L, idx))
		return NULL;
	const void *reg = lua_topointer(L, LUA_REGISTRYINDEX), *mt = lua_topointer(L, -1);
	unsigned h = (unsigned)((uintptr_t)t / sizeof(void *)) % MT_CACHE;
	if (mt_cache[h].t == t && mt_cache[h].registry == reg && mt_cache[h].mt == mt) {
		lua_pop(L, 1);
		return u;
	}
	lua_rawgetp(L, LUA_REGISTRYINDEX, t);
	int same = lua_rawequal(L, -1, -2);
	lua_pop(L, 2);
	if (same && reg != closing) {
		mt_cache[h].t = t;
		mt_cache[h].registry = reg;
		mt_cache[h].mt = mt;
	}
	return same ? u : NULL;
}

void *lkit_check(lua_State *L, int idx, const lkit_type *t)
{
	void **u = lkit_test(L, idx, t);
	if (!u)
		luaL_typeerror(L, idx, t->name);
	if (t->release && !*u)
		lkit_error(L, "%s has been closed", t->what);
	return u;
}

void *lkit_object(lua_State *L, int idx, const lkit_type *t)
{
	return *(void **)lkit_check(L, idx, t);
}

void *lkit_scratch(lua_State *L, size_t n, size_t size)
{
	if (n && size > (size_t)-1 / n)
		lkit_error(L, "not enough memory");
	return lua_newuserdatauv(L, (n ? n : 1) * size, 0);
}

/* --- options ---------------------------------------------------------------------- */

int lkit_opttable(lua_State *L, int idx)
{
	if (lua_isnoneornil(L, idx))
		return 0;
	luaL_checktype(L, idx, LUA_TTABLE);
	return idx;
}

/* Raises "fname: unknown option 'k' (options: a, b, ...)". */
static void unknown(lua_State *L, const char *fname, const char *k, const char *const *keys)
{
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (const char *const *a = keys; *a; a++) {
		if (a != keys)
			luaL_addstring(&b, ", ");
		luaL_addstring(&b, *a);
	}
	luaL_pushresult(&b);
	lkit_error(L, "%s: unknown option '%s' (options: %s)", fname, k, lua_tostring(L, -1));
}

int lkit_options(lua_State *L, int idx, const char *fname, const char *const *keys)
{
	if (!idx || lua_isnoneornil(L, idx))
		return 0;
	if (!lua_istable(L, idx))
		lkit_error(L, "%s: the options must be a table, got a %s", fname, luaL_typename(L, idx));
	idx = lua_absindex(L, idx);
	if (!keys)
		return idx;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			continue;
		const char *k = lua_tostring(L, -1);
		const char *const *a = keys;
		while (*a && strcmp(*a, k) != 0)
			a++;
		if (!*a)
			unknown(L, fname, k, keys);
	}
	return idx;
}

/* Pushes field k of the options at idx; returns 0 (nothing pushed) when there is none or it is nil. */
static int field(lua_State *L, int idx, const char *k)
{
	if (idx == 0 || lua_isnoneornil(L, idx))
		return 0;
	if (lua_getfield(L, idx, k) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	return 0;
}

lua_Number lkit_optnum(lua_State *L, int idx, const char *k, lua_Number def)
{
	int ok;
	if (!field(L, idx, k))
		return def;
	lua_Number v = lua_tonumberx(L, -1, &ok);
	if (!ok)
		lkit_error(L, "option '%s' must be a number, got a %s", k, luaL_typename(L, -1));
	lua_pop(L, 1);
	return v;
}

lua_Integer lkit_optint(lua_State *L, int idx, const char *k, lua_Integer def)
{
	int ok;
	if (!field(L, idx, k))
		return def;
	lua_Integer v = lua_tointegerx(L, -1, &ok);
	if (!ok)
		lkit_error(L, "option '%s' must be an integer, got %s", k,
		           lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1) : luaL_typename(L, -1));
	lua_pop(L, 1);
	return v;
}

const char *lkit_optstr(lua_State *L, int idx, const char *k, const char *def)
{
	if (!field(L, idx, k))
		return def;
	if (lua_type(L, -1) != LUA_TSTRING)
		lkit_error(L, "option '%s' must be a string, got a %s", k, luaL_typename(L, -1));
	const char *v = lua_tostring(L, -1); /* still referenced by the options table */
	lua_pop(L, 1);
	return v;
}

int lkit_optbool(lua_State *L, int idx, const char *k, int def)
{
	if (!field(L, idx, k))
		return def;
	int v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

size_t lkit_optsize(lua_State *L, int o, const char *key, const char *fname, size_t max)
{
	int isnum;
	if (!field(L, o, key))
		return 0;
	lua_Integer i = lua_tointegerx(L, -1, &isnum);
	if (lua_type(L, -1) != LUA_TNUMBER)
		lkit_error(L, "%s: %s must be a whole number, got a %s", fname, key, luaL_typename(L, -1));
	if (!isnum)
		lkit_error(L, "%s: %s = %s is not a whole number", fname, key, lua_tostring(L, -1));
	if (i < 0)
		lkit_error(L, "%s: %s = %lld must not be negative", fname, key, i);
	if ((lua_Unsigned)i > max)
		lkit_error(L, "%s: %s = %lld is too large (at most %d)", fname, key, i, (int)max);
	lua_pop(L, 1);
	return (size_t)i;
}

/* --- errors ------------------------------------------------------------------------- */

int lkit_error(lua_State *L, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	luaL_where(L, 1);
	lua_pushstring(L, buf);
	lua_concat(L, 2);
	return lua_error(L);
}

int lkit_fail(lua_State *L, const char *fname, int status, const lkit_errors *e)
{
	if (e->stopped && status == e->stopped) /* the kernel's message, not an error of the call */
		return lkit_cancelled(L);
	return lkit_error(L, "%s: %s", fname, e->message(status));
}

int lkit_cancelled(lua_State *L)
{
	return luaL_error(L, "%s", cancel_message());
}

void lkit_check_cancel(lua_State *L)
{
	if (cancel_check())
		lkit_cancelled(L);
}
