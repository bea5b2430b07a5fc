/*
** lua_plot_data.c — reading what a lesson gives a figure: coordinates as
** nn arrays or Lua tables, class labels (numbers, one-hot rows, strings)
** and styles (label, colour, marker, dash, class names).
**
** Lua tables are converted to arrays on the Lua stack and scratch is Lua
** userdata, so an error half-way leaks nothing.
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <string.h>

#include "lua_plot_int.h"
#include "utf8.h"

/* --- reading data ---------------------------------------------------------------- */

/* Returns 1 when the value at idx is data (an array, or a table with an element 1). */
int nnlua__is_data(lua_State *L, int idx)
{
	if (nnlua_tomat(L, idx))
		return 1;
	if (!lua_istable(L, idx))
		return 0;
	int has = lua_rawgeti(L, idx, 1) != LUA_TNIL;
	lua_pop(L, 1);
	return has;
}

/* Returns the array at idx, converting a Lua table in place. */
mat *nnlua__data_arg(lua_State *L, int idx, const char *fname, const char *what)
{
	mat *m = nnlua_tomat(L, idx);
	if (m)
		return m;
	if (!lua_istable(L, idx))
		nnlua_error(L, "%s: %s must be an array or a table of numbers, got %s", fname, what,
		           lua_isnoneornil(L, idx) ? "nothing" : luaL_typename(L, idx));
	m = nnlua_fromtable(L, idx, fname);
	lua_replace(L, idx);
	return m;
}

/* The values of a vector argument: a 1-D array, one row or column, or a table of numbers. */
const double *nnlua__vec_arg(lua_State *L, int idx, const char *fname, const char *what, size_t *n)
{
	mat *m = nnlua__data_arg(L, idx, fname, what);
	if (m->ndim == 2 && m->rows != 1 && m->cols != 1) {
		char s[48];
		nnlua_error(L, "%s: %s has shape %s; give a 1-D array or a single column", fname, what,
		           mat_shape_str(m, s));
	}
	*n = mat_size(m);
	return m->data;
}

/* Pushes a scratch array of n doubles (collected with the stack). */
double *nnlua__doubles(lua_State *L, size_t n)
{
	return lua_newuserdatauv(L, (n ? n : 1) * sizeof(double), 0);
}

/*
** Reads the data of scatter/line from arguments 2 and 3 (the caller set
** the stack to 4 arguments): x and y, one (n, 2) array, or (lines only,
** `yonly`) the y values alone against 1..n.  Scratch goes on top of the
** stack.  Returns the index of the options argument.
*/
/*
** Is argument 3 the y data (else the options)?  Data, or an empty table
** after x data that is not 2-D (fig:scatter({}, {}) has no points).
*/
static int y_given(lua_State *L)
{
	if (nnlua__is_data(L, 3))
		return 1;
	if (!lua_istable(L, 3))
		return 0;
	lua_pushnil(L);
	if (lua_next(L, 3)) {
		lua_pop(L, 2);
		return 0;
	}
	mat *m = nnlua_tomat(L, 2);
	if (m)
		return m->ndim != 2;
	int nested = lua_istable(L, 2) && lua_rawgeti(L, 2, 1) == LUA_TTABLE;
	if (lua_istable(L, 2))
		lua_pop(L, 1);
	return !nested;
}

int nnlua__points(lua_State *L, const char *fname, int yonly, points *p)
{
	if (y_given(L)) {
		size_t nx, ny;
		p->x = nnlua__vec_arg(L, 2, fname, "x", &nx);
		p->y = nnlua__vec_arg(L, 3, fname, "y", &ny);
		if (nx != ny)
			nnlua_error(L, "%s: x has %d rows but y has %d", fname, (int)nx, (int)ny);
		p->n = nx;
		return 4;
	}
	mat *m = nnlua__data_arg(L, 2, fname, "x");
	if (m->ndim == 2 && m->cols == 2) {
		double *x = nnlua__doubles(L, m->rows), *y = nnlua__doubles(L, m->rows);
		for (size_t i = 0; i < m->rows; i++) {
			x[i] = m->data[2 * i];
			y[i] = m->data[2 * i + 1];
		}
		p->x = x;
		p->y = y;
		p->n = m->rows;
		return 3;
	}
	if (!yonly || (m->ndim == 2 && m->rows != 1 && m->cols != 1)) {
		char s[48];
		nnlua_error(L, "%s: give x and y, or one (n, 2) array; got x alone of shape %s", fname,
		           mat_shape_str(m, s));
	}
	p->n = mat_size(m);
	p->y = m->data;
	double *x = nnlua__doubles(L, p->n);
	for (size_t i = 0; i < p->n; i++)
		x[i] = (double)(i + 1);
	p->x = x;
	return 3;
}

/* Converts a label value to a class: integers 0.. (negative or NaN: none). */
static int to_class(lua_State *L, double v, const char *fname, const char *what)
{
	if (isnan(v) || v < 0)
		return -1;
	if (v != floor(v) || v > 1e6)
		nnlua_error(L, "%s: %s %g is not a class number (0, 1, 2, ...)", fname, what, v);
	return (int)v;
}

/*
** Reads hue labels for n points at idx into a pushed int array: numbers,
** one-hot rows (argmax), or strings (classes in order of first appearance,
** their names left in a table at *names, else *names = 0).
*/
int *nnlua__hue(lua_State *L, int idx, size_t n, const char *fname, int *names)
{
	*names = 0;
	idx = lua_absindex(L, idx);
	if (lua_istable(L, idx) && lua_rawgeti(L, idx, 1) == LUA_TSTRING) {
		lua_pop(L, 1);
		size_t len = (size_t)luaL_len(L, idx);
		if (len != n)
			nnlua_error(L, "%s: hue has %d labels but x has %d rows", fname, (int)len, (int)n);
		int *h = lua_newuserdatauv(L, (n ? n : 1) * sizeof(int), 0);
		lua_newtable(L); /* name -> class */
		lua_newtable(L); /* class names in order */
		int map = lua_gettop(L) - 1, list = map + 1, k = 0;
		for (size_t i = 0; i < n; i++) {
			if (lua_rawgeti(L, idx, (lua_Integer)i + 1) != LUA_TSTRING)
				nnlua_error(L, "%s: hue[%d] is a %s; labels must be all strings or all numbers",
				           fname, (int)i + 1, luaL_typename(L, -1));
			lua_pushvalue(L, -1);
			if (lua_rawget(L, map) == LUA_TNIL) {
				lua_pop(L, 1);
				lua_pushvalue(L, -1);
				lua_pushinteger(L, k);
				lua_rawset(L, map);
				lua_pushvalue(L, -1);
				lua_rawseti(L, list, ++k);
				h[i] = k - 1;
			} else {
				h[i] = (int)lua_tointeger(L, -1);
				lua_pop(L, 1);
			}
			lua_pop(L, 1);
		}
		lua_remove(L, map);
		*names = lua_gettop(L);
		return h;
	}
	if (lua_istable(L, idx))
		lua_pop(L, 1);
	mat *m = nnlua__data_arg(L, idx, fname, "hue");
	int onehot = m->ndim == 2 && m->cols > 1; /* one row per point: argmax */
	size_t rows = m->ndim == 2 ? m->rows : mat_size(m);
	if (rows != n)
		nnlua_error(L, "%s: hue has %d labels but x has %d rows", fname, (int)rows, (int)n);
	int *h = lua_newuserdatauv(L, (n ? n : 1) * sizeof(int), 0);
	for (size_t i = 0; i < n; i++) {
		if (!onehot) {
			h[i] = to_class(L, m->data[i], fname, "hue label");
			continue;
		}
		const double *r = m->data + i * m->cols;
		size_t best = 0;
		for (size_t j = 1; j < m->cols; j++)
			if (r[j] > r[best] || isnan(r[best]))
				best = j;
		h[i] = isnan(r[best]) ? -1 : (int)best;
	}
	return h;
}

/* --- styles ---------------------------------------------------------------------- */

static const struct {
	const char *name;
	int color;
} colors[] = {
	{"orange", ST_C1}, {"skyblue", ST_C2}, {"lightblue", ST_C2}, {"green", ST_C3},
	{"yellow", ST_C4}, {"blue", ST_C5}, {"red", ST_C6}, {"vermillion", ST_C6},
	{"purple", ST_C7}, {"pink", ST_C7}, {"grey", ST_C8}, {"gray", ST_C8},
	{"black", ST_AXIS}, {"axis", ST_AXIS}, {"muted", ST_MUTED},
	{"r", ST_C6}, {"b", ST_C5}, {"g", ST_C3}, {"y", ST_C4}, {"k", ST_AXIS}, {NULL, 0},
};

/* Reads a colour: a name above or a palette number 1..8. */
static int read_color(lua_State *L, int idx, const char *fname)
{
	if (lua_type(L, idx) == LUA_TNUMBER) {
		int isnum;
		lua_Integer k = lua_tointegerx(L, idx, &isnum);
		if (!isnum || k < 1 || k > 8)
			nnlua_error(L, "%s: color %s must be a palette number from 1 to 8 or a name", fname,
			           lua_tostring(L, idx));
		return ST_C1 + (int)k - 1;
	}
	const char *s = lua_tostring(L, idx);
	for (int i = 0; s && colors[i].name; i++)
		if (strcmp(colors[i].name, s) == 0)
			return colors[i].color;
	nnlua_error(L, "%s: unknown color '%s' (orange, skyblue, green, yellow, blue, red, purple, "
	           "grey, black, or 1..8)", fname, s ? s : luaL_typename(L, idx));
	return 0;
}

/* Reads a marker: "auto", "dot" (sub-cell dots) or one character. */
static uint32_t read_marker(lua_State *L, int idx, const char *fname)
{
	size_t n;
	const char *s = lua_type(L, idx) == LUA_TSTRING ? lua_tolstring(L, idx, &n) : NULL;
	if (!s)
		nnlua_error(L, "%s: marker must be a string", fname);
	if (strcmp(s, "auto") == 0)
		return PLOT_MARKER_AUTO;
	if (strcmp(s, "dot") == 0 || strcmp(s, ".") == 0)
		return PLOT_MARKER_DOT;
	uint32_t cp = 0;
	if (n == 0 || utf8_decode(s, n, &cp) != n || cp == UTF8_REPLACEMENT || utf8_cpwidth(cp) != 1)
		nnlua_error(L, "%s: marker '%s' must be \"auto\", \"dot\" or one character", fname, s);
	return cp;
}

/* Reads a dash style: "solid"/"-", "dashed"/"--", "dotted"/":". */
static int read_dash(lua_State *L, int idx, const char *fname)
{
	const char *s = lua_type(L, idx) == LUA_TSTRING ? lua_tostring(L, idx) : NULL;
	if (s && (!strcmp(s, "solid") || !strcmp(s, "-")))
		return PLOT_SOLID;
	if (s && (!strcmp(s, "dashed") || !strcmp(s, "--")))
		return PLOT_DASHED;
	if (s && (!strcmp(s, "dotted") || !strcmp(s, ":")))
		return PLOT_DOTTED;
	nnlua_error(L, "%s: dash must be \"solid\", \"dashed\" or \"dotted\"", fname);
	return 0;
}

/*
** Points s->class_names at strings made from the list at idx; the strings
** and the pointer array are kept in the anchor table at `anchor`.
*/
void nnlua__class_names(lua_State *L, int idx, int anchor, const char *fname, plot_style *s)
{
	idx = lua_absindex(L, idx);
	lua_Integer n = luaL_len(L, idx);
	if (n < 0 || n > 4096)
		nnlua_error(L, "%s: too many classes (at most 4096)", fname);
	const char **names = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *names, 0);
	lua_rawseti(L, anchor, 1);
	for (lua_Integer i = 1; i <= n; i++) {
		int t = lua_rawgeti(L, idx, i);
		if (t != LUA_TSTRING && t != LUA_TNUMBER)
			nnlua_error(L, "%s: classes[%lld] must be a string, got a %s", fname, i, luaL_typename(L, -1));
		names[i - 1] = luaL_tolstring(L, -1, NULL);
		lua_rawseti(L, anchor, i + 1); /* keeps the string alive */
		lua_pop(L, 1);
	}
	s->class_names = names;
	s->nclass_names = (size_t)n;
}

void nnlua__style(lua_State *L, int idx, const char *fname, plot_style *s)
{
	memset(s, 0, sizeof *s);
	lua_newtable(L); /* the anchor: keeps the strings s points to */
	int anchor = lua_gettop(L);
	if (!idx)
		return;
	idx = lua_absindex(L, idx);
	int t = lua_getfield(L, idx, "label");
	if (t != LUA_TNIL) {
		if (t != LUA_TSTRING && t != LUA_TNUMBER)
			nnlua_error(L, "%s: label must be a string, got a %s", fname, luaL_typename(L, -1));
		s->label = luaL_tolstring(L, -1, NULL);
		lua_setfield(L, anchor, "label");
	}
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "color") != LUA_TNIL)
		s->color = read_color(L, lua_gettop(L), fname);
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "marker") != LUA_TNIL)
		s->marker = read_marker(L, lua_gettop(L), fname);
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "dash") == LUA_TNIL) {
		lua_pop(L, 1);
		lua_getfield(L, idx, "linestyle");
	}
	if (!lua_isnil(L, -1))
		s->dash = read_dash(L, lua_gettop(L), fname);
	lua_pop(L, 1);
	if (lua_getfield(L, idx, "classes") != LUA_TNIL) {
		if (!lua_istable(L, -1))
			nnlua_error(L, "%s: classes must be a table of names", fname);
		nnlua__class_names(L, -1, anchor, fname, s);
	}
	lua_pop(L, 1);
}

