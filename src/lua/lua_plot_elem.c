/*
** lua_plot_elem.c — handles to figure elements: h:set(...) replaces an
** element's data the way its adder read it (points, a function, a
** boundary, a value, regions), so a training loop moves a line and calls
** frame().  A handle keeps its figure alive; once the element is removed
** or the figure cleared, changes fail with a clear message.
*/
#include <lauxlib.h>
#include <lua.h>
#include <string.h>

#include "lua_plot_int.h"

const char *const nnlua__kind_names[] = {"scatter", "line", "fn", "boundary", "hline", "vline", "regions"};

lelem *nnlua__push_elem(lua_State *L, plot_fig *f, plot_id id, int kind)
{
	lelem *e = lua_newuserdatauv(L, sizeof *e, 0);
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->id = id;
	plot_fig_ref(f);
	e->f = f;
	luaL_setmetatable(L, NNLUA_ELEMENT);
	return e;
}

lelem *nnlua__checkelem(lua_State *L, int idx)
{
	lelem *e = luaL_checkudata(L, idx, NNLUA_ELEMENT);
	if (!e->f)
		nnlua_error(L, "the plot element was never made");
	return e;
}


/* --- element handles ------------------------------------------------------------------- */

/* Raises for a failed change of element e. */
static int elem_error(lua_State *L, const char *fname, int rc)
{
	if (rc == PLOT_ENOELEM)
		return nnlua_error(L, "%s: the plot element no longer exists (removed, or the figure was cleared)", fname);
	return nnlua__plot_error(L, fname, rc);
}

/* Replaces a scatter's or line's data: h:set(x, y [, hue]), h:set(XY), h:set{x=, y=, hue=}. */
static int set_points(lua_State *L, lelem *e, const char *fname)
{
	lua_settop(L, 4);
	if (lua_istable(L, 2) && !nnlua__is_data(L, 2)) {
		lua_getfield(L, 2, "x");
		lua_getfield(L, 2, "y");
		lua_getfield(L, 2, "hue");
		lua_replace(L, 4);
		lua_replace(L, 3);
		lua_replace(L, 2);
		if (lua_isnil(L, 2)) { /* y alone */
			lua_copy(L, 3, 2);
			lua_pushnil(L);
			lua_replace(L, 3);
		}
	}
	points p;
	nnlua__points(L, fname, e->kind != EK_SCATTER, &p);
	const int *hue = NULL;
	if (e->kind == EK_SCATTER && !lua_isnil(L, 4)) {
		int names;
		hue = nnlua__hue(L, 4, p.n, fname, &names);
	}
	int rc = plot_set_data(e->f, e->id, p.x, p.y, hue, p.n);
	return rc == PLOT_OK ? 0 : elem_error(L, fname, rc);
}

static int set_boundary(lua_State *L, lelem *e, const char *fname)
{
	double w[3];
	lua_settop(L, 4);
	nnlua__boundary_args(L, 2, fname, w);
	int rc = plot_set_boundary(e->f, e->id, w[0], w[1], w[2] - e->level);
	return rc == PLOT_OK ? 0 : elem_error(L, fname, rc);
}

static int set_regions(lua_State *L, lelem *e, const char *fname)
{
	plot_grid g;
	lua_settop(L, 2);
	const int *cls = nnlua__sample_regions(L, 2, e->f, e->threshold, fname, &g);
	int rc = plot_set_regions(e->f, e->id, &g, cls);
	return rc == PLOT_OK ? 0 : elem_error(L, fname, rc);
}

/* A sampled function again: h:set(f [, {from=, to=, n=}]); data replaces it as a line. */
static int set_fn(lua_State *L, lelem *e, const char *fname)
{
	if (!lua_isfunction(L, 2))
		return set_points(L, e, fname);
	lua_settop(L, 3);
	int o = nnlua__optable(L, 3, fname, "the options");
	double from = e->from, to = e->to;
	size_t n = e->n;
	int lg;
	if (o) {
		static const char *const keys[] = {"from", "to", "n", NULL};
		nnlua__checkopts(L, o, fname, keys);
		nnlua__fn_range(L, o, e->f, fname, &from, &to, &n, &lg);
	}
	double lo, hi;
	nnlua__fig_xrange(L, e->f, fname, &lo, &hi, &lg);
	double *xs = nnlua__doubles(L, n), *ys = nnlua__doubles(L, n);
	nnlua__sample_fn(L, 2, from, to, n, lg, fname, xs, ys);
	int rc = plot_set_data(e->f, e->id, xs, ys, NULL, n);
	if (rc != PLOT_OK)
		return elem_error(L, fname, rc);
	e->from = from;
	e->to = to;
	e->n = n;
	return 0;
}

static int set_value(lua_State *L, lelem *e, const char *fname)
{
	int rc = plot_set_value(e->f, e->id, nnlua__number(L, 2, fname, "the value"));
	return rc == PLOT_OK ? 0 : elem_error(L, fname, rc);
}

/* h:set(...): new data for any element, read as its adder reads it. */
static int e_set(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	const char *fname = "h:set";
	switch (e->kind) {
	case EK_SCATTER:
	case EK_LINE: set_points(L, e, fname); break;
	case EK_FN: set_fn(L, e, fname); break;
	case EK_BOUNDARY: set_boundary(L, e, fname); break;
	case EK_HLINE:
	case EK_VLINE: set_value(L, e, fname); break;
	case EK_REGIONS: set_regions(L, e, fname); break;
	}
	lua_settop(L, 1);
	return 1;
}

/* Raises unless e is one of two kinds. */
static void want_kind(lua_State *L, const lelem *e, int k1, int k2, const char *fname)
{
	if (e->kind != k1 && e->kind != k2)
		nnlua_error(L, "%s: this element is a %s, not a %s", fname, nnlua__kind_names[e->kind], nnlua__kind_names[k1]);
}

static int e_set_boundary(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	want_kind(L, e, EK_BOUNDARY, EK_BOUNDARY, "h:set_boundary");
	set_boundary(L, e, "h:set_boundary");
	lua_settop(L, 1);
	return 1;
}

static int e_set_value(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	want_kind(L, e, EK_HLINE, EK_VLINE, "h:set_value");
	set_value(L, e, "h:set_value");
	lua_settop(L, 1);
	return 1;
}

static int e_set_data(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	if (e->kind != EK_FN)
		want_kind(L, e, EK_LINE, EK_SCATTER, "h:set_data");
	set_points(L, e, "h:set_data");
	lua_settop(L, 1);
	return 1;
}

static int e_set_label(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	const char *s = lua_isnoneornil(L, 2) ? NULL : luaL_checkstring(L, 2);
	int rc = plot_set_label(e->f, e->id, s);
	if (rc != PLOT_OK)
		elem_error(L, "h:set_label", rc);
	lua_settop(L, 1);
	return 1;
}

/* h:set_style{label=, color=, marker=, dash=, classes=}: replaces the whole style. */
static int e_set_style(lua_State *L)
{
	static const char *const keys[] = {"label", "color", "marker", "dash", "linestyle", "classes", NULL};
	const char *fname = "h:set_style";
	lelem *e = nnlua__checkelem(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	nnlua__checkopts(L, 2, fname, keys);
	plot_style s;
	nnlua__style(L, 2, fname, &s);
	int rc = plot_set_style(e->f, e->id, &s);
	if (rc != PLOT_OK)
		elem_error(L, fname, rc);
	lua_settop(L, 1);
	return 1;
}

static int e_remove(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	lua_pushboolean(L, plot_remove(e->f, e->id) == PLOT_OK);
	return 1;
}

static int e_gc(lua_State *L)
{
	lelem *e = luaL_checkudata(L, 1, NNLUA_ELEMENT);
	plot_fig_unref(e->f);
	e->f = NULL;
	return 0;
}

static int e_tostring(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	lua_pushfstring(L, "plot element %s #%d", nnlua__kind_names[e->kind], (int)e->id);
	return 1;
}

/* h.kind, h.id, then the methods. */
static int e_index(lua_State *L)
{
	lelem *e = nnlua__checkelem(L, 1);
	const char *k = lua_tostring(L, 2);
	if (k && strcmp(k, "kind") == 0) {
		lua_pushstring(L, nnlua__kind_names[e->kind]);
		return 1;
	}
	if (k && strcmp(k, "id") == 0) {
		lua_pushinteger(L, (lua_Integer)e->id);
		return 1;
	}
	lua_pushvalue(L, 2);
	lua_rawget(L, lua_upvalueindex(1));
	return 1;
}

static const luaL_Reg elem_methods[] = {
	{"set", e_set},           {"set_boundary", e_set_boundary}, {"set_value", e_set_value},
	{"set_data", e_set_data}, {"set_label", e_set_label},       {"set_style", e_set_style},
	{"remove", e_remove},     {NULL, NULL},
};

void nnlua__open_elements(lua_State *L)
{
	luaL_newmetatable(L, NNLUA_ELEMENT);
	lua_pushcfunction(L, e_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, e_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_newtable(L);
	luaL_setfuncs(L, elem_methods, 0);
	lua_pushcclosure(L, e_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}
