/*
** ldisplay.c — what a cell shows: print, show, tostring and frame, and
** the output the other bindings show their objects in (ldisplay.h).
**
** print writes to the cell's output (not stdout) and shows numbers the way
** Python does (all the digits needed to read them back: 0.30000000000000004,
** 0.9999877412862083), arrays the way numpy does, and plain tables as
** {1, 2, 3} instead of an address.  Values are separated by one space, as
** in Python.  show(x) adds a block for any value: arrays, models
** (summaries), tables (as trees), figures.
*/
#include "ldisplay_int.h"
#include "lnetwork_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lkit_int.h"
#include "numfmt.h"

#define TREE_ITEMS 20  /* items shown per table level before "... N more" */
#define SORT_MAX 500   /* tables with more keys than this keep traversal order */
#define NODE_MAX 2000  /* values one print/show/tostring shows before "{...}" */
#define VISIT_MAX 1000000 /* keys one conversion walks to count them all */

/*
** One conversion's state.  The limits keep printing bounded however the
** lesson's data looks (a table holding itself 20 times, a million keys):
** at most NODE_MAX values are shown, and every loop over a table's keys
** checks for a stop, since no hook runs inside this C code.
*/
typedef struct show_ctx {
	strbuf *sb;
	int pretty;     /* nested tables one item per line */
	size_t nodes;   /* values shown so far */
	size_t visits;  /* keys walked so far */
	size_t work;    /* steps since the last cancel check */
} show_ctx;

static void addvalue(lua_State *L, int idx, show_ctx *c, int depth, int indent);

/* Counts a step of work; every 4096 asks whether the cell must stop. */
static void tick(lua_State *L, show_ctx *c)
{
	if (++c->work >= 4096) {
		c->work = 0;
		lkit_check_cancel(L);
	}
}

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
** string hashes, hence traversal order).  Insertion sort: only tables of
** up to SORT_MAX keys are sorted.
*/
static void sortkeys(lua_State *L, int keys, int n, show_ctx *c)
{
	for (int i = 2; i <= n; i++) {
		lua_rawgeti(L, keys, i);
		int j = i - 1;
		for (; j >= 1; j--) {
			tick(L, c);
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

/* Starts item number `items` of a table (separator, line break when pretty). */
static void item_start(show_ctx *c, size_t items, int depth, int indent)
{
	sb_adds(c->sb, items ? ", " : "");
	if (c->pretty && depth == 0) {
		sb_addc(c->sb, '\n');
		sb_addrep(c->sb, ' ', (size_t)indent + 2);
	}
}

/*
** Pushes a table of the keys outside the array part 1..n: the first
** SORT_MAX + 1 in traversal order (sorted when that is all of them).
** Returns how many there are in all in *total, or 0 there when counting
** them would pass VISIT_MAX keys walked in this conversion.
*/
static int hash_keys(lua_State *L, int idx, lua_Integer n, show_ctx *c, size_t *total)
{
	lua_newtable(L);
	int keys = lua_gettop(L), kept = 0;
	*total = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		tick(L, c);
		if (++c->visits > VISIT_MAX && kept > SORT_MAX) {
			lua_pop(L, 1);
			*total = 0; /* unknown: enough was walked */
			return kept;
		}
		if (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1)) {
			lua_Integer k = lua_tointeger(L, -1);
			if (k >= 1 && k <= n)
				continue;
		}
		++*total;
		if (kept <= SORT_MAX) {
			lua_pushvalue(L, -1);
			lua_rawseti(L, keys, ++kept);
		}
	}
	if (kept <= SORT_MAX)
		sortkeys(L, keys, kept, c);
	return kept;
}

/*
** Appends a table as Lua-like source: the array part first, then the other
** keys sorted, up to TREE_ITEMS per level; nesting deeper than three
** levels (which also ends cycles) or past NODE_MAX values is cut.
** `pretty` lays nested tables out one item per line.
*/
static void addtable(lua_State *L, int idx, show_ctx *c, int depth, int indent)
{
	idx = lua_absindex(L, idx);
	if (depth > 3 || c->nodes >= NODE_MAX) {
		sb_adds(c->sb, "{...}");
		return;
	}
	lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
	size_t items = 0, nk;
	sb_addc(c->sb, '{');
	for (lua_Integer i = 1; i <= n && items < TREE_ITEMS; i++, items++) {
		item_start(c, items, depth, indent);
		lua_rawgeti(L, idx, i);
		addvalue(L, -1, c, depth + 1, indent + 2);
		lua_pop(L, 1);
	}
	/* the hash part: keys first, so printing cannot disturb lua_next */
	int kept = hash_keys(L, idx, n, c, &nk);
	int keys = lua_gettop(L);
	for (int i = 1; i <= kept && items < TREE_ITEMS; i++, items++) {
		item_start(c, items, depth, indent);
		lua_rawgeti(L, keys, i);
		size_t kl;
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &kl) : NULL;
		if (k && is_identifier(k, kl)) {
			sb_addn(c->sb, k, kl);
		} else {
			int pretty = c->pretty;
			c->pretty = 0;
			sb_addc(c->sb, '[');
			addvalue(L, -1, c, depth + 1, 0);
			sb_addc(c->sb, ']');
			c->pretty = pretty;
		}
		sb_adds(c->sb, " = ");
		lua_rawget(L, idx);
		addvalue(L, -1, c, depth + 1, indent + 2);
		lua_pop(L, 1);
	}
	lua_pop(L, 1); /* keys */
	size_t total = (size_t)n + nk;
	if (nk == 0 && kept > 0)
		sb_adds(c->sb, ", ...");
	else if (total > items)
		sb_addf(c->sb, ", ... %zu more", total - items);
	if (c->pretty && depth == 0 && items) {
		sb_addc(c->sb, '\n');
		sb_addrep(c->sb, ' ', (size_t)indent);
	}
	sb_addc(c->sb, '}');
}

static const char names_key = 0; /* function -> its name, for builtins */

/*
** A function shows as a name, never an address (which changes from run to
** run and says nothing to a student): "function: builtin print" for the
** functions nnbook gives lessons, "function: builtin" for other C
** functions (methods), and "function: lesson.lua:12" (where it is
** defined) for Lua functions.
*/
static void addfunction(lua_State *L, int idx, strbuf *sb)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &names_key) == LUA_TTABLE) {
		lua_pushvalue(L, idx);
		if (lua_rawget(L, -2) == LUA_TSTRING) {
			sb_addf(sb, "function: builtin %s", lua_tostring(L, -1));
			lua_pop(L, 2);
			return;
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_Debug ar;
	lua_pushvalue(L, idx);
	if (!lua_getinfo(L, ">S", &ar) || ar.what[0] == 'C')
		sb_adds(sb, "function: builtin");
	else if (ar.linedefined > 0)
		sb_addf(sb, "function: %s:%d", ar.short_src, ar.linedefined);
	else
		sb_addf(sb, "function: %s", ar.short_src);
}

static void addvalue(lua_State *L, int idx, show_ctx *c, int depth, int indent)
{
	char buf[32];
	idx = lua_absindex(L, idx);
	c->nodes++;
	tick(L, c);
	switch (lua_type(L, idx)) {
	case LUA_TNUMBER:
		sb_adds(c->sb, numfmt_number(lua_tonumber(L, idx), lua_isinteger(L, idx), buf));
		return;
	case LUA_TSTRING: {
		size_t n;
		const char *s = lua_tolstring(L, idx, &n);
		if (depth == 0)
			sb_addn(c->sb, s, n);
		else
			addquoted(c->sb, s, n);
		return;
	}
	case LUA_TTABLE:
		if (!luaL_getmetafield(L, idx, "__tostring")) {
			addtable(L, idx, c, depth, indent);
			return;
		}
		lua_pop(L, 1);
		break;
	case LUA_TFUNCTION:
		addfunction(L, idx, c->sb);
		return;
	case LUA_TTHREAD:
		sb_adds(c->sb, "thread: coroutine");
		return;
	default:
		break;
	}
	size_t n;
	const char *s = luaL_tolstring(L, idx, &n); /* may call __tostring */
	sb_addn(c->sb, s, n);
	lua_pop(L, 1);
}

/* Keeps the shorter (then the alphabetically first) of two names for one function. */
static void name_one(lua_State *L, int names, int fn, const char *name)
{
	lua_pushvalue(L, fn);
	if (lua_rawget(L, names) == LUA_TSTRING) {
		const char *old = lua_tostring(L, -1);
		size_t lo = strlen(old), ln = strlen(name);
		if (lo < ln || (lo == ln && strcmp(old, name) <= 0)) {
			lua_pop(L, 1);
			return;
		}
	}
	lua_pop(L, 1);
	lua_pushvalue(L, fn);
	lua_pushstring(L, name);
	lua_rawset(L, names);
}

/* Names the functions of the table at t, prefix.name, down to `depth` more levels. */
static void name_table(lua_State *L, int names, int t, int env, const char *prefix, int depth)
{
	t = lua_absindex(L, t);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		size_t kl;
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tolstring(L, -2, &kl) : NULL;
		char name[96];
		if (k && is_identifier(k, kl) && strlen(prefix) + kl + 2 < sizeof name) {
			snprintf(name, sizeof name, "%s%s%s", prefix, *prefix ? "." : "", k);
			if (lua_type(L, -1) == LUA_TFUNCTION && lua_tocfunction(L, -1))
				name_one(L, names, lua_gettop(L), name);
			else if (lua_type(L, -1) == LUA_TTABLE && depth > 0 && !lua_rawequal(L, -1, env))
				name_table(L, names, -1, env, name, depth - 1);
		}
		lua_pop(L, 1);
	}
}

void ldisplay_name_builtins(lua_State *L, int env)
{
	env = lua_absindex(L, env);
	lua_newtable(L);
	name_table(L, lua_gettop(L), env, env, "", 2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &names_key);
}

/* Appends text to the cell output, or writes it to stdout without one. */
static void emit(lua_State *L, const char *s, size_t n)
{
	blocklist *out = ldisplay_output(L);
	char ebuf[200];
	if (!out) {
		fwrite(s, 1, n, stdout);
		return;
	}
	if (blocklist_text(out, s, n) != 0)
		lkit_error(L, "%s", blocklist_add_error(out, "print", ebuf, sizeof ebuf));
}

/*
** The text is built in a scratch userdata: a __tostring or __lt of the
** lesson's may raise in the middle, and the collector then frees it.
*/
static strbuf *tmpbuf(lua_State *L)
{
	return &ldisplay_text_new(L)->sb;
}

static int l_print(lua_State *L)
{
	int n = lua_gettop(L);
	strbuf *sb = tmpbuf(L);
	show_ctx c = {sb, 0, 0, 0, 0};
	for (int i = 1; i <= n; i++) {
		if (i > 1)
			sb_addc(sb, ' ');
		addvalue(L, i, &c, 0, 0);
	}
	sb_addc(sb, '\n');
	if (sb->failed)
		return lkit_error(L, "print: not enough memory");
	lua_pushlstring(L, sb->s, sb->len);
	sb_free(sb);
	size_t len;
	const char *s = lua_tolstring(L, -1, &len);
	emit(L, s, len);
	return 0;
}

/* Pushes argument 1 as text (pretty: nested tables one item per line). */
static void push_text(lua_State *L, int pretty)
{
	luaL_checkany(L, 1);
	lua_settop(L, 1);
	strbuf *sb = tmpbuf(L);
	show_ctx c = {sb, pretty, 0, 0, 0};
	addvalue(L, 1, &c, 0, 0);
	lua_pushlstring(L, sb_str(sb), sb->len);
	sb_free(sb);
}

static int l_tostring(lua_State *L)
{
	push_text(L, 0);
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
	push_text(L, 1);
	blocklist *out = ldisplay_output(L);
	char ebuf[200];
	const char *s = lua_tostring(L, -1);
	if (!out) {
		printf("%s\n", s);
		return 0;
	}
	if (!blocklist_add(out, BLOCK_VALUE, s))
		return lkit_error(L, "%s", blocklist_add_error(out, "show", ebuf, sizeof ebuf));
	return 0;
}

void ldisplay_open(lua_State *L, int idx)
{
	static const luaL_Reg funcs[] = {
		{"print", l_print}, {"tostring", l_tostring}, {"show", l_show}, {NULL, NULL},
	};
	lua_pushvalue(L, idx);
	luaL_setfuncs(L, funcs, 0);
	lua_pop(L, 1);
}

/* --- the cell's output ------------------------------------------------------------ */

/* Registry keys: their addresses are unique. */
static const char output_key = 0;
static const char cell_key = 0;
static const char frame_mark = 0;

void ldisplay_set_output(lua_State *L, blocklist *out)
{
	lua_pushlightuserdata(L, out);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &output_key);
}

blocklist *ldisplay_output(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &output_key);
	blocklist *out = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return out;
}

void ldisplay_set_cell(lua_State *L, lua_State *cell)
{
	if (cell)
		lua_pushlightuserdata(L, cell);
	else
		lua_pushnil(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &cell_key);
}

int ldisplay_is_frame(lua_State *co, int nres)
{
	return nres == 1 && lua_touserdata(co, -1) == (void *)&frame_mark;
}

/*
** frame(): one animation step.  Yields to the kernel only from the cell's
** own coroutine and only where Lua can yield; elsewhere (inside a lesson's
** own coroutine, a sort comparator, a metamethod) it is a no-op, so a
** lesson never fails because of where it called frame().
*/
int ldisplay_frame(lua_State *L)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &cell_key);
	int mine = lua_touserdata(L, -1) == (void *)L;
	lua_pop(L, 1);
	if (!mine || !lua_isyieldable(L))
		return 0;
	lnetwork_frame(L);   /* maps of a model that trained show its new weights */
	lua_pushlightuserdata(L, (void *)&frame_mark);
	return lua_yield(L, 1);
}

int ldisplay_show(lua_State *L, block_kind kind, void *obj, const char *fname)
{
	blocklist *out = ldisplay_output(L);
	char ebuf[200];
	if (!out)
		return 0;
	for (size_t i = 0; i < out->n; i++)
		if (out->items[i]->obj == obj)
			return 0;
	block_obj_ops_of(kind)->ref(obj);
	if (!blocklist_add_obj(out, kind, obj))
		return lkit_error(L, "%s", blocklist_add_error(out, fname, ebuf, sizeof ebuf));
	return 1;
}

int ldisplay_show_box(lua_State *L, const lkit_type *t, block_kind kind, const char *fname)
{
	ldisplay_show(L, kind, lkit_object(L, 1, t), fname);
	lua_settop(L, 1);
	return 1;
}

/* --- text on its way to Lua ----------------------------------------------------------- */

static void text_free(void *p)
{
	ldisplay_text *s = p;
	st_free(&s->t);
	sb_free(&s->sb);
	free(s);
}

static int text_tostring(lua_State *L)
{
	lua_pushliteral(L, "rendered text");
	return 1;
}

static const lkit_type text_type = {
	.name = "nn.Scratch", .what = "the text", .tostring = text_tostring, .release = text_free,
};

ldisplay_text *ldisplay_text_new(lua_State *L)
{
	ldisplay_text **box = lkit_new(L, &text_type, sizeof *box, 0);
	if (!(*box = calloc(1, sizeof **box)))
		lkit_error(L, "not enough memory");
	return *box;
}

void ldisplay_text_result(lua_State *L, ldisplay_text *s, int ansi, const char *fname)
{
	st_text_utf8(&s->sb, &s->t, ansi);
	if (s->t.failed || s->sb.failed)
		lkit_error(L, "%s: not enough memory", fname);
	lua_pushlstring(L, sb_str(&s->sb), s->sb.len);
	st_free(&s->t);
	sb_free(&s->sb);
	lua_remove(L, -2);
}
