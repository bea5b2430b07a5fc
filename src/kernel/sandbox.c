/*
** sandbox.c — the allowlisted environment lesson code runs in.
*/
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lua_nn.h"
#include "safelib.h"

static const char env_key = 0;
static const char dir_key = 0;
static const char loaded_key = 0;

#define MODULE_MAX (4u << 20) /* a required file may be at most 4 MiB */

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

/* Checks a module name: letters, digits, '_' and '.' between parts. */
static int valid_module(const char *s)
{
	if (!*s || *s == '.')
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (p[1] == '.' || p[1] == '\0')
				return 0;
		} else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		             (*p >= '0' && *p <= '9') || *p == '_')) {
			return 0;
		}
	}
	return strlen(s) < 128;
}

/*
** require(name): nn and plot, or a Lua file name.lua in the lesson's own
** folder (dots become '/'), loaded into the sandbox once.  Nothing else:
** no C modules, no search path, no environment variables.
*/
static int sb_require(lua_State *L)
{
	const char *name = luaL_checkstring(L, 1);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key);
	lua_getfield(L, -1, name);
	if (!lua_isnil(L, -1))
		return 1;
	lua_pop(L, 1);
	if (!valid_module(name))
		return luaL_error(L, "require: '%s' is not a module name (letters, digits, _ and .)", name);
	lua_rawgetp(L, LUA_REGISTRYINDEX, &dir_key);
	const char *dir = lua_tostring(L, -1);
	if (!dir)
		return luaL_error(L, "require: module '%s' not found (only Lua files next to the lesson can be required)", name);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addstring(&b, dir);
	luaL_addchar(&b, '/');
	for (const char *p = name; *p; p++)
		luaL_addchar(&b, *p == '.' ? '/' : *p);
	luaL_addstring(&b, ".lua");
	luaL_pushresult(&b);
	const char *path = lua_tostring(L, -1);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > MODULE_MAX) {
		if (fd >= 0)
			close(fd);
		return luaL_error(L, "require: module '%s' not found (looked for %s)", name, path);
	}
	char *buf = lua_newuserdatauv(L, (size_t)st.st_size + 1, 0);
	size_t got = 0;
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (sandbox_load(L, buf, got, path, 1) != LUA_OK)
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

void sandbox_open(lua_State *L, const char *dir)
{
	static const char *const base[] = {"assert", "error", "ipairs", "next", "pairs", "pcall",
		"select", "tonumber", "type", "rawequal", "rawlen", "rawget",
		"getmetatable", "_VERSION", NULL};

	luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
	int G = lua_gettop(L);
	lua_newtable(L);
	int env = lua_gettop(L);
	copy_fields(L, G, env, base);
	lua_pushcfunction(L, sb_load);
	lua_setfield(L, env, "load");
	lua_pushcfunction(L, sb_setmetatable);
	lua_setfield(L, env, "setmetatable");
	lua_pushcfunction(L, sb_require);
	lua_setfield(L, env, "require");
	safelib_base(L, env); /* xpcall */
	open_libs(L, G, env);

	/* private registry entries: the modules require hands out, the folder */
	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &loaded_key);
	if (dir)
		lua_pushstring(L, dir);
	else
		lua_pushnil(L);
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
