/*
** lread.c — reading what a lesson gives a figure (lread.h): coordinates,
** class labels and styles.
*/
#include "lread_int.h"

#include <math.h>
#include <string.h>

#include "larray_int.h"
#include "utf8.h"

/* --- reading data ---------------------------------------------------------------- */

int lread_is_data(lua_State *L, int idx)
{
	if (larray_test(L, idx))
		return 1;
	if (!lua_istable(L, idx))
		return 0;
	int has = lua_rawgeti(L, idx, 1) != LUA_TNIL;
	lua_pop(L, 1);
	return has;
}

mat *lread_data(lua_State *L, int idx, const char *fname, const char *what)
{
	mat *m = larray_test(L, idx);
	if (m)
		return m;
	if (!lua_istable(L, idx))
		lkit_error(L, "%s: %s must be an array or a table of numbers, got %s", fname, what,
		           lua_isnoneornil(L, idx) ? "nothing" : luaL_typename(L, idx));
	m = larray_fromtable(L, idx, fname);
	lua_replace(L, idx);
	return m;
}

const double *lread_vec(lua_State *L, int idx, const char *fname, const char *what, size_t *n)
{
	mat *m = lread_data(L, idx, fname, what);
	if (m->ndim == 2 && m->rows != 1 && m->cols != 1) {
		char s[48];
		lkit_error(L, "%s: %s has shape %s; give a 1-D array or a single column", fname, what,
		           mat_shape_str(m, s));
	}
	*n = mat_size(m);
	return m->data;
}

/*
** Is argument 3 the y data (else the options)?  Data, or an empty table
** after x data that is not 2-D (fig:scatter({}, {}) has no points).
*/
static int y_given(lua_State *L)
{
	if (lread_is_data(L, 3))
		return 1;
	if (!lua_istable(L, 3))
		return 0;
	lua_pushnil(L);
	if (lua_next(L, 3)) {
		lua_pop(L, 2);
		return 0;
	}
	mat *m = larray_test(L, 2);
	if (m)
		return m->ndim != 2;
	int nested = lua_istable(L, 2) && lua_rawgeti(L, 2, 1) == LUA_TTABLE;
	if (lua_istable(L, 2))
		lua_pop(L, 1);
	return !nested;
}

int lread_points(lua_State *L, const char *fname, int yonly, plot_data *p)
{
	if (y_given(L)) {
		size_t nx, ny;
		p->x = lread_vec(L, 2, fname, "x", &nx);
		p->y = lread_vec(L, 3, fname, "y", &ny);
		if (nx != ny)
			lkit_error(L, "%s: x has %d rows but y has %d", fname, (int)nx, (int)ny);
		p->n = nx;
		return 4;
	}
	mat *m = lread_data(L, 2, fname, "x");
	if (m->ndim == 2 && m->cols == 2) {
		double *x = lkit_scratch(L, m->rows, sizeof *x), *y = lkit_scratch(L, m->rows, sizeof *y);
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
		lkit_error(L, "%s: give x and y, or one (n, 2) array; got x alone of shape %s", fname,
		           mat_shape_str(m, s));
	}
	p->n = mat_size(m);
	p->y = m->data;
	double *x = lkit_scratch(L, p->n, sizeof *x);
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
		lkit_error(L, "%s: %s %g is not a class number (0, 1, 2, ...)", fname, what, v);
	return (int)v;
}

int *lread_hue(lua_State *L, int idx, size_t n, const char *fname, int *names)
{
	*names = 0;
	idx = lua_absindex(L, idx);
	if (lua_istable(L, idx) && lua_rawgeti(L, idx, 1) == LUA_TSTRING) {
		lua_pop(L, 1);
		size_t len = (size_t)luaL_len(L, idx);
		if (len != n)
			lkit_error(L, "%s: hue has %d labels but x has %d rows", fname, (int)len, (int)n);
		int *h = lkit_scratch(L, n, sizeof *h);
		lua_newtable(L); /* name -> class */
		lua_newtable(L); /* class names in order */
		int map = lua_gettop(L) - 1, list = map + 1, k = 0;
		for (size_t i = 0; i < n; i++) {
			if (lua_rawgeti(L, idx, (lua_Integer)i + 1) != LUA_TSTRING)
				lkit_error(L, "%s: hue[%d] is a %s; labels must be all strings or all numbers",
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
	mat *m = lread_data(L, idx, fname, "hue");
	int onehot = m->ndim == 2 && m->cols > 1; /* one row per point: argmax */
	size_t rows = m->ndim == 2 ? m->rows : mat_size(m);
	if (rows != n)
		lkit_error(L, "%s: hue has %d labels but x has %d rows", fname, (int)rows, (int)n);
	int *h = lkit_scratch(L, n, sizeof *h);
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
			lkit_error(L, "%s: color %s must be a palette number from 1 to 8 or a name", fname,
			           lua_tostring(L, idx));
		return ST_C1 + (int)k - 1;
	}
	const char *s = lua_tostring(L, idx);
	for (int i = 0; s && colors[i].name; i++)
		if (strcmp(colors[i].name, s) == 0)
			return colors[i].color;
	lkit_error(L, "%s: unknown color '%s' (orange, skyblue, green, yellow, blue, red, purple, "
	           "grey, black, or 1..8)", fname, s ? s : luaL_typename(L, idx));
	return 0;
}

/* Reads a marker: "auto", "dot" (sub-cell dots) or one character. */
static uint32_t read_marker(lua_State *L, int idx, const char *fname)
{
	size_t n;
	const char *s = lua_type(L, idx) == LUA_TSTRING ? lua_tolstring(L, idx, &n) : NULL;
	if (!s)
		lkit_error(L, "%s: marker must be a string", fname);
	if (strcmp(s, "auto") == 0)
		return PLOT_MARKER_AUTO;
	if (strcmp(s, "dot") == 0 || strcmp(s, ".") == 0)
		return PLOT_MARKER_DOT;
	uint32_t cp = 0;
	if (n == 0 || utf8_decode(s, n, &cp) != n || cp == UTF8_REPLACEMENT || utf8_cpwidth(cp) != 1)
		lkit_error(L, "%s: marker '%s' must be \"auto\", \"dot\" or one character", fname, s);
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
	lkit_error(L, "%s: dash must be \"solid\", \"dashed\" or \"dotted\"", fname);
	return 0;
}

/* The strings and the pointer array are kept in the anchor table at `anchor`. */
void lread_class_names(lua_State *L, int idx, int anchor, const char *fname, plot_style *s)
{
	idx = lua_absindex(L, idx);
	lua_Integer n = luaL_len(L, idx);
	if (n < 0 || n > 4096)
		lkit_error(L, "%s: too many classes (at most 4096)", fname);
	const char **names = lkit_scratch(L, (size_t)n, sizeof *names);
	lua_rawseti(L, anchor, 1);
	for (lua_Integer i = 1; i <= n; i++) {
		int t = lua_rawgeti(L, idx, i);
		if (t != LUA_TSTRING && t != LUA_TNUMBER)
			lkit_error(L, "%s: classes[%lld] must be a string, got a %s", fname, i, luaL_typename(L, -1));
		names[i - 1] = luaL_tolstring(L, -1, NULL);
		lua_rawseti(L, anchor, i + 1); /* keeps the string alive */
		lua_pop(L, 1);
	}
	s->class_names = names;
	s->nclass_names = (size_t)n;
}

void lread_style(lua_State *L, int idx, const char *fname, plot_style *s)
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
			lkit_error(L, "%s: label must be a string, got a %s", fname, luaL_typename(L, -1));
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
			lkit_error(L, "%s: classes must be a table of names", fname);
		lread_class_names(L, -1, anchor, fname, s);
	}
	lua_pop(L, 1);
}

