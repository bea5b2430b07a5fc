/*
** lua_display.c — what a cell shows: print, show, tostring and frame.
**
** print writes to the cell's output (not stdout) and shows numbers the way
** Python does (all the digits needed to read them back: 0.30000000000000004,
** 0.9999877412862083), arrays the way numpy does, and plain tables as
** {1, 2, 3} instead of an address.  Values are separated by one space, as
** in Python.  show(x) adds a block for any value: arrays, models
** (summaries), tables (as trees), figures.
*/
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <string.h>

#include "lua_nn.h"
#include "lua_plot_int.h"
#include "numfmt.h"
#include "strbuf.h"

#define TREE_ITEMS 20 /* items shown per table level before "... N more" */

static void addvalue(lua_State *L, int idx, strbuf *sb, int depth, int pretty, int indent);

static int is_identifier(const char *s, size_t n)
{
	static const char *const kw[] = {"and", "break", "do", "else", "elseif", "end", "false",
		"for", "function", "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return",
		"then", "true", "until", "while", NULL};
	if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	for (int i = 0; kw[i]; i++)
		if (strlen(kw[i]) == n && memcmp(kw[i], s, n) == 0)
			return 0;
	return 1;
}

static void addquoted(strbuf *sb, const char *s, size_t n)
{
	sb_addc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			sb_addc(sb, '\\'), sb_addc(sb, (char)c);
		else if (c == '\n')
			sb_adds(sb, "\\n");
		else if (c < 0x20 || c == 0x7f)
			sb_addf(sb, "\\%d", c);
		else
			sb_addc(sb, (char)c);
	}
	sb_addc(sb, '"');
}

/* Orders keys: numbers (by value), then strings, then the rest. */
static int keyless(lua_State *L, int a, int b)
{
	int ta = lua_type(L, a), tb = lua_type(L, b);
	int ra = ta == LUA_TNUMBER ? 0 : ta == LUA_TSTRING ? 1 : 2;
	int rb = tb == LUA_TNUMBER ? 0 : tb == LUA_TSTRING ? 1 : 2;
	if (ra != rb)
		return ra < rb;
	if (ra == 2)
		return 0;
	return lua_compare(L, a, b, LUA_OPLT);
}

/*
** Sorts keys[1..n] so output is the same on every run (Lua randomises
** string hashes, hence traversal order).  Insertion sort: tables shown
** to students are small; big ones keep traversal order.
*/
static void sortkeys(lua_State *L, int keys, int n)
{
	if (n > 500)
		return;
	for (int i = 2; i <= n; i++) {
		lua_rawgeti(L, keys, i);
		int j = i - 1;
		for (; j >= 1; j--) {
			lua_rawgeti(L, keys, j);
			int less = keyless(L, -2, -1);
			if (!less) {
				lua_pop(L, 1);
				break;
			}
			lua_rawseti(L, keys, j + 1);
		}
		lua_rawseti(L, keys, j + 1);
	}
}

/*
** Appends a table as Lua-like source: the array part first, then the other
** keys sorted, up to TREE_ITEMS per level; nesting deeper than
** three levels (which also ends cycles) is cut.  `pretty` lays nested tables out one item per line.
*/
static void addtable(lua_State *L, int idx, strbuf *sb, int depth, int pretty, int indent)
{
	idx = lua_absindex(L, idx);
	if (depth > 3) {
		sb_adds(sb, "{...}");
		return;
	}
	lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
	int items = 0, total = 0;
	sb_addc(sb, '{');
	for (lua_Integer i = 1; i <= n; i++, total++) {
		if (items >= TREE_ITEMS)
			continue;
		sb_adds(sb, items ? ", " : "");
		if (pretty && depth == 0) {
			sb_addc(sb, '\n');
			sb_addrep(sb, ' ', (size_t)indent + 2);
		}
		lua_rawgeti(L, idx, i);
		addvalue(L, -1, sb, depth + 1, pretty, indent + 2);
		lua_pop(L, 1);
		items++;
	}
	/* the hash part: keys first, so printing cannot disturb lua_next */
	lua_newtable(L);
	int keys = lua_gettop(L), nk = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1)) {
			lua_Integer k = lua_tointeger(L, -1);
			if (k >= 1 && k <= n)
				continue;
		}
		lua_pushvalue(L, -1);
		lua_rawseti(L, keys, ++nk);
	}
	total += nk;
	sortkeys(L, keys, nk);
	for (int i = 1; i <= nk && items < TREE_ITEMS; i++, items++) {
		sb_adds(sb, items ? ", " : "");
		if (pretty && depth == 0) {
			sb_addc(sb, '\n');
			sb_addrep(sb, ' ', (size_t)indent + 2);
		}
		lua_rawgeti(L, keys, i);
		size_t kl;
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &kl) : NULL;
		if (k && is_identifier(k, kl)) {
			sb_addn(sb, k, kl);
		} else {
			sb_addc(sb, '[');
			addvalue(L, -1, sb, depth + 1, 0, 0);
			sb_addc(sb, ']');
		}
		sb_adds(sb, " = ");
		lua_rawget(L, idx);
		addvalue(L, -1, sb, depth + 1, pretty, indent + 2);
		lua_pop(L, 1);
	}
	lua_pop(L, 1); /* keys */
	if (total > items)
		sb_addf(sb, ", ... %d more", total - items);
	if (pretty && depth == 0 && items) {
		sb_addc(sb, '\n');
		sb_addrep(sb, ' ', (size_t)indent);
	}
	sb_addc(sb, '}');
}

static void addvalue(lua_State *L, int idx, strbuf *sb, int depth, int pretty, int indent)
{
	char buf[32];
	idx = lua_absindex(L, idx);
	switch (lua_type(L, idx)) {
	case LUA_TNUMBER:
		sb_adds(sb, numfmt_number(lua_tonumber(L, idx), lua_isinteger(L, idx), buf));
		return;
	case LUA_TSTRING:
		if (depth == 0) {
			size_t n;
			const char *s = lua_tolstring(L, idx, &n);
			sb_addn(sb, s, n);
		} else {
			size_t n;
			const char *s = lua_tolstring(L, idx, &n);
			addquoted(sb, s, n);
		}
		return;
	case LUA_TTABLE:
		if (!luaL_getmetafield(L, idx, "__tostring")) {
			addtable(L, idx, sb, depth, pretty, indent);
			return;
		}
		lua_pop(L, 1);
		break;
	default:
		break;
	}
	size_t n;
	const char *s = luaL_tolstring(L, idx, &n); /* may call __tostring */
	sb_addn(sb, s, n);
	lua_pop(L, 1);
}

/* Appends text to the cell output, or writes it to stdout without one. */
static void emit(lua_State *L, const char *s, size_t n)
{
	blocklist *out = nnlua_output(L);
	char ebuf[200];
	if (!out) {
		fwrite(s, 1, n, stdout);
		return;
	}
	if (blocklist_text(out, s, n) != 0)
		nnlua_error(L, "%s", blocklist_add_error(out, "print", ebuf, sizeof ebuf));
}

/*
** The text is built in a scratch userdata: a __tostring or __lt of the
** lesson's may raise in the middle, and the collector then frees it.
*/
static strbuf *tmpbuf(lua_State *L)
{
	return &nnlua__scratch(L)->sb;
}

static int l_print(lua_State *L)
{
	int n = lua_gettop(L);
	strbuf *sb = tmpbuf(L);
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			sb_addc(sb, ' ');
		addvalue(L, i, sb, 0, 0, 0);
	}
	sb_addc(sb, '\n');
	if (sb->failed)
		return nnlua_error(L, "print: not enough memory");
	lua_pushlstring(L, sb->s, sb->len);
	sb_free(sb);
	size_t len;
	const char *s = lua_tolstring(L, -1, &len);
	emit(L, s, len);
	return 0;
}

static int l_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	lua_settop(L, 1);
	strbuf *sb = tmpbuf(L);
	addvalue(L, 1, sb, 0, 0, 0);
	lua_pushlstring(L, sb_str(sb), sb->len);
	sb_free(sb);
	return 1;
}

/* show(x): a block for any value; figures and diagrams are shown again. */
static int l_show(lua_State *L)
{
	luaL_checkany(L, 1);
	if (luaL_getmetafield(L, 1, "__show") == LUA_TFUNCTION) {
		lua_pushvalue(L, 1);
		lua_call(L, 1, 0);
		return 0;
	}
	lua_settop(L, 1);
	strbuf *sb = tmpbuf(L);
	addvalue(L, 1, sb, 0, 1, 0);
	lua_pushlstring(L, sb_str(sb), sb->len);
	sb_free(sb);
	blocklist *out = nnlua_output(L);
	char ebuf[200];
	const char *s = lua_tostring(L, -1);
	if (!out) {
		printf("%s\n", s);
		return 0;
	}
	if (!blocklist_add(out, BLOCK_VALUE, s))
		return nnlua_error(L, "%s", blocklist_add_error(out, "show", ebuf, sizeof ebuf));
	return 0;
}

void nnlua_open_display(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_pushcfunction(L, l_print);
	lua_setfield(L, idx, "print");
	lua_pushcfunction(L, l_tostring);
	lua_setfield(L, idx, "tostring");
	lua_pushcfunction(L, l_show);
	lua_setfield(L, idx, "show");
}
