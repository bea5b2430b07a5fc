/*
** sandbox.c — the allowlisted environment lesson code runs in.
*/
#include "sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>

#include "lua_nn.h"
#include "modfile.h"
#include "safelib_int.h"

static const char env_key = 0;
static const char dir_key = 0;
static const char loaded_key = 0;

void sandbox_pushenv(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &env_key);
}

/*
** The parser runs inside one C call, where the hook never runs: a cell or
** a load() of 60 MB parsed for seconds with nothing able to stop it.  So
** source goes to lua_load in pieces of this size, with a stop check
** before each.
*/
#define PIECE ((size_t)64 << 10)

/* Feeds first_line - 1 newlines, then the source in pieces, to lua_load. */
typedef struct reader {
	const char *src;
	size_t len;
	int pad;   /* newlines still to give */
	size_t at; /* bytes of src given */
} reader;

static const char newlines[] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
                                 "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";

static const char *read_chunk(lua_State *L, void *ud, size_t *size)
{
	reader *r = ud;
	if (r->pad > 0) {
		int most = (int)(sizeof newlines - 1); /* not the NUL */
		int n = r->pad < most ? r->pad : most;
		r->pad -= n;
		*size = (size_t)n;
		return newlines;
	}
	if (r->at >= r->len) {
		*size = 0;
		return NULL;
	}
	safelib_check(L);
	*size = r->len - r->at < PIECE ? r->len - r->at : PIECE;
	r->at += *size;
	return r->src + r->at - *size;
}

int sandbox_load(lua_State *L, const char *src, size_t len, const char *name, int first_line)
{
	if (len > 0 && src[0] == LUA_SIGNATURE[0]) {
		lua_pushfstring(L, "%s: precompiled Lua (bytecode) is not accepted; lessons must be Lua source", name);
		return LUA_ERRSYNTAX;
	}
	reader r = {src, len, first_line > 1 ? first_line - 1 : 0, 0};
	lua_pushfstring(L, "@%s", name);
	int st = lua_load(L, read_chunk, &r, lua_tostring(L, -1), "t");
	lua_remove(L, -2);
	if (st != LUA_OK)
		return st;
	sandbox_pushenv(L);
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	return LUA_OK;
}

#define RESERVEDSLOT 5 /* where the reader keeps the piece it returned (as lbaselib) */

/*
** The reader for load(f): lbaselib's generic_reader, plus a stop check
** (a C function such as os.time could feed the lexer for ever, and the
** hook never runs in C) and a refusal of bytecode in the first piece.
*/
static const char *sb_reader(lua_State *L, void *ud, size_t *size)
{
	int *first = ud;
	safelib_check(L);
	luaL_checkstack(L, 2, "too many nested functions");
	lua_pushvalue(L, 1);
	lua_call(L, 0, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		*size = 0;
		return NULL;
	}
	if (!lua_isstring(L, -1))
		luaL_error(L, "reader function must return a string");
	lua_replace(L, RESERVEDSLOT);
	const char *s = lua_tolstring(L, RESERVEDSLOT, size);
	if (*first && *size > 0 && s[0] == LUA_SIGNATURE[0])
		luaL_error(L, "precompiled Lua (bytecode) is not accepted");
	*first = 0;
	return s;
}

/*
** load(chunk [, name [, mode [, env]]]): as Lua's, but text only whatever
** the mode says, and bound to the sandbox unless env is given.  The kernel
** keeps no reference to Lua's own load anywhere.
*/
static int sb_load(lua_State *L)
{
	size_t len;
	const char *s = lua_tolstring(L, 1, &len);
	const char *name = luaL_optstring(L, 2, s ? s : "=(load)");
	int env = !lua_isnone(L, 4) ? 4 : 0;
	int st;
	if (s) {
		if (len > 0 && s[0] == LUA_SIGNATURE[0]) {
			luaL_pushfail(L);
			lua_pushliteral(L, "precompiled Lua (bytecode) is not accepted");
			return 2;
		}
		reader r = {s, len, 0, 0}; /* s stays at 1 while loading */
		st = lua_load(L, read_chunk, &r, name, "t");
	} else {
		luaL_checktype(L, 1, LUA_TFUNCTION);
		int first = 1;
		lua_settop(L, RESERVEDSLOT); /* name stays at 2 (or is a literal) */
		st = lua_load(L, sb_reader, &first, name, "t");
	}
	if (st != LUA_OK) {
		luaL_pushfail(L);
		lua_insert(L, -2);
		return 2;
	}
	if (env)
		lua_pushvalue(L, env);
	else
		sandbox_pushenv(L);
	if (!lua_setupvalue(L, -2, 1))
		lua_pop(L, 1);
	return 1;
}

/*
** setmetatable(t, mt), refusing __gc: finalizers run with hooks disabled.
** The check reads mt raw, as Lua does when it decides whether an object
** needs finalizing: a plain read would run an __index of mt's own
** metatable, which could add __gc between this check and Lua's.
*/
static int sb_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	int t = lua_type(L, 2);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
	if (t == LUA_TTABLE) {
		lua_pushliteral(L, "__gc");
		if (lua_rawget(L, 2) != LUA_TNIL)
			return luaL_error(L, "setmetatable: __gc metamethods are not allowed in lessons");
		lua_pop(L, 1);
	}
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_settop(L, 2);
	lua_setmetatable(L, 1);
	return 1;
}

/* How require() finds a module's source: the kernel's loader, or the lesson's folder. */
typedef struct loader {
	kernel_loader fn;
	void *ud;
	char *dir;
} loader;

/* Returns the loader (a userdata in the registry, freed with the state). */
static loader *getloader(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &dir_key);
	loader *ld = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return ld;
}

static int loader_gc(lua_State *L)
{
	loader *ld = lua_touserdata(L, 1);
	free(ld->dir);
	ld->dir = NULL;
	return 0;
}

/* Frees two strbufs in a userdata (its __gc, when an error cut require short). */
static int bufs_gc(lua_State *L)
{
	strbuf *b = lua_touserdata(L, 1);
	sb_free(&b[0]);
	sb_free(&b[1]);
	return 0;
}

/*
** Gets module `name`'s source into src (its chunk name into chunk): from
** the kernel's loader (in the kernel process, the front end reads it), or
** from the lesson's folder (modfile.h).
*/
static int find_module(lua_State *L, const char *name, strbuf *src, strbuf *chunk)
{
	loader *ld = getloader(L);
	if (ld && ld->fn)
		return ld->fn(ld->ud, name, src, chunk);
	return modfile_read(ld ? ld->dir : NULL, name, src, chunk);
}

/*
** require(name): nn and plot, or a Lua module of the lesson's own (its
** folder's name.lua, dots become '/'), loaded into the sandbox once.
** Nothing else: no C modules, no search path, no environment variables.
*/
static int sb_require(lua_State *L)
{
	size_t len;
	const char *name = luaL_checklstring(L, 1, &len);
	if (strlen(name) != len)
		return luaL_error(L, "require: a module name has no zero bytes in it");
	lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key);
	lua_getfield(L, -1, name);
	if (!lua_isnil(L, -1))
		return 1;
	lua_pop(L, 1);
	if (!modfile_name_ok(name))
		return luaL_error(L, "require: '%s' is not a module name (letters, digits, _ and .)", name);
	strbuf *b = lua_newuserdatauv(L, 2 * sizeof *b, 0);
	memset(b, 0, 2 * sizeof *b);
	lua_newtable(L);
	lua_pushcfunction(L, bufs_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	if (find_module(L, name, &b[0], &b[1]) != 0 || b[0].failed || b[1].failed)
		return luaL_error(L, "require: %s", b[1].failed ? "not enough memory" : sb_str(&b[1]));
	int st = sandbox_load(L, sb_str(&b[0]), b[0].len, sb_str(&b[1]), 1);
	sb_free(&b[0]);
	sb_free(&b[1]);
	if (st != LUA_OK)
		return lua_error(L);
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key);
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, name);
	lua_pop(L, 1);
	return 1;
}

/* Copies the named fields of the table at src into the table at dst. */
static void copy_fields(lua_State *L, int src, int dst, const char *const *names)
{
	for (; *names; names++) {
		lua_getfield(L, src, *names);
		lua_setfield(L, dst, *names);
	}
}

/*
** Pushes a new table holding every field of the table at src (a library
** the lesson gets its own copy of, so nothing it changes there reaches
** the kernel's code), without the field `except` (NULL: none).
*/
static void push_copy(lua_State *L, int src, const char *except)
{
	src = lua_absindex(L, src);
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, src)) {
		if (except && lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), except) == 0) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -4);
	}
}

/* env.name = a copy of the library at lib (less `except`); leaves the copy on top. */
static int set_copy(lua_State *L, int env, int lib, const char *name, const char *except)
{
	push_copy(L, lib, except);
	lua_pushvalue(L, -1);
	lua_setfield(L, env, name);
	return lua_gettop(L);
}

/* The longest os.date format: strftime cannot be stopped while it writes. */
#define DATE_FORMAT_MAX 1024

/* os.date(format, time): Lua's, for formats of a sane length. */
static int sb_date(lua_State *L)
{
	size_t n = 0;
	if (lua_type(L, 1) == LUA_TSTRING)
		lua_tolstring(L, 1, &n);
	if (n > DATE_FORMAT_MAX)
		return luaL_error(L, "os.date: the format is too long (at most %d bytes)", DATE_FORMAT_MAX);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/*
** The libraries a lesson sees: copies, so the kernel's own Lua code (the
** preludes, which use the real globals) never calls a function a lesson
** replaced, with the functions that could run unbounded inside one C call
** replaced by interruptible ones (safelib.h).  The string metatable's
** __index is the lesson's string table, as in plain Lua, behind a hidden
** metatable; the real string table loses dump too.
*/
static void open_libs(lua_State *L, int G, int env)
{
	static const char *const os_ok[] = {"clock", "time", "date", "difftime", NULL};
	static const char *const table_ok[] = {"concat", "insert", "move", "pack", "remove",
		"sort", "unpack", NULL};
	int top = lua_gettop(L);
	luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
	lua_pushnil(L);
	lua_setfield(L, -2, "dump");
	safelib_string(L, set_copy(L, env, top + 1, "string", "dump"));
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_settop(L, top);

	luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
	lua_newtable(L);
	copy_fields(L, top + 1, top + 2, table_ok);
	safelib_table(L, top + 2);
	lua_setfield(L, env, "table");
	luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
	set_copy(L, env, -1, "math", NULL);
	luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
	set_copy(L, env, -1, "utf8", NULL);
	luaL_requiref(L, LUA_COLIBNAME, luaopen_coroutine, 1);
	safelib_coroutine(L, set_copy(L, env, -1, "coroutine", NULL));
	luaL_requiref(L, LUA_OSLIBNAME, luaopen_os, 0);
	int os = lua_gettop(L);
	lua_newtable(L);
	copy_fields(L, os, lua_gettop(L), os_ok);
	lua_getfield(L, os, "date");
	lua_pushcclosure(L, sb_date, 1);
	lua_setfield(L, -2, "date");
	lua_setfield(L, env, "os");
	lua_newtable(L);
	copy_fields(L, os, lua_gettop(L), os_ok);
	lua_setfield(L, G, "os"); /* the preludes get their own safe subset */
	lua_settop(L, top);
}

/*
** Replaces the registry's table of loaded modules, which only
** luaL_traceback still reads (to name C functions in tracebacks), with
** private snapshots of what the lesson was given: the lesson can reach
** none of them, so it can neither slow tracebacks down nor rename frames.
** Functions under nn or plot are named there only (not also as globals),
** so a name does not depend on the order of a hash table.
*/
static void snapshot_names(lua_State *L, int env)
{
	static const char *const libs[] = {"string", "table", "math", "utf8", "coroutine", "os",
		"nn", "plot", NULL};
	lua_newtable(L);
	int loaded = lua_gettop(L);
	for (int i = 0; libs[i]; i++) {
		lua_getfield(L, env, libs[i]);
		push_copy(L, -1, NULL);
		lua_setfield(L, loaded, libs[i]);
		lua_pop(L, 1);
	}
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, env)) {
		int dup = 0;
		for (int i = 0; libs[i] && !dup && lua_type(L, -1) == LUA_TFUNCTION; i++) {
			lua_getfield(L, loaded, libs[i]);
			lua_pushnil(L);
			while (!dup && lua_next(L, -2)) {
				dup = lua_rawequal(L, -1, -4);
				lua_pop(L, 1);
			}
			lua_pop(L, dup ? 2 : 1);
		}
		if (lua_type(L, -1) == LUA_TFUNCTION && !dup) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, -4);
		} else {
			lua_pop(L, 1);
		}
	}
	lua_setfield(L, loaded, LUA_GNAME);
	lua_setfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
}

void sandbox_open(lua_State *L, kernel_loader fn, void *ud, const char *dir)
{
	static const char *const base[] = {"assert", "error", "ipairs", "next", "pairs", "pcall",
		"select", "tonumber", "type", "rawequal", "rawlen", "rawget",
		"getmetatable", "_VERSION", NULL};

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	int G = lua_gettop(L);
	lua_newtable(L);
	int env = lua_gettop(L);
	copy_fields(L, G, env, base);
	static const luaL_Reg own[] = {
		{"load", sb_load}, {"setmetatable", sb_setmetatable},
		{"require", sb_require}, {NULL, NULL},
	};
	luaL_setfuncs(L, own, 0);
	safelib_base(L, env); /* xpcall */
	open_libs(L, G, env);

	/* private registry entries: the modules require hands out, the loader */
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &loaded_key);
	loader *ld = lua_newuserdatauv(L, sizeof *ld, 0);
	ld->fn = fn;
	ld->ud = ud;
	ld->dir = NULL;
	lua_newtable(L);
	lua_pushcfunction(L, loader_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	if (dir && !(ld->dir = strdup(dir)))
		luaL_error(L, "not enough memory");
	lua_rawsetp(L, LUA_REGISTRYINDEX, &dir_key);

	/* nnbook's modules */
	nnlua_open_display(L, env);
	nnlua_open_display(L, G); /* library Lua code prints into the cell too */
	luaL_requiref(L, "nn", luaopen_nn, 0);
	lua_getfield(L, -1, "frame");
	lua_setfield(L, env, "frame");
	lua_setfield(L, env, "nn");
	luaL_requiref(L, "plot", luaopen_plot, 0);
	lua_setfield(L, env, "plot");
	nnlua_open_widgets(L, env); /* table.new, check, nn.progress, nn._ui */
	lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key);
	lua_getfield(L, env, "nn");
	lua_setfield(L, -2, "nn");
	lua_getfield(L, env, "plot");
	lua_setfield(L, -2, "plot");
	lua_pop(L, 1);

	lua_pushvalue(L, env);
	lua_setfield(L, env, "_G");
	snapshot_names(L, env);
	nnlua_name_builtins(L, env);
	lua_pushvalue(L, env);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &env_key);
	lua_settop(L, G - 1);
}
