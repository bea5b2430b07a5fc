/*
** lua_plot.c — the plot module and its figures (plot.figure); network
** diagrams are in lua_network.c, elements in lua_plot_add.c.
**
**   local fig = plot.figure{title = "XOR", xlabel = "x1", ylabel = "x2"}
**   fig:scatter(X, {hue = y})            -- lua_plot_add.c
**   local line = fig:boundary(w1, w2, b)
**   line:set(w1', w2', b'); frame()      -- the figure redraws
**
** A figure is shown (appended to the cell's output as a live block) when
** it is made, as Jupyter shows an inline plot; `show = false` defers that
** to fig:show().  The figure itself is a reference-counted plot_fig: the
** Lua handle and the block each hold a reference.
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <string.h>

#include "lua_plot_int.h"
#include "strbuf.h"
#include "styled.h"

/* --- limits ---------------------------------------------------------------------- */

/* Reads a limit pair lo < hi, both finite, from the values at a and b. */
static void read_lim(lua_State *L, int a, int b, const char *fname, const char *what,
                     double *lo, double *hi)
{
	if (lua_type(L, a) != LUA_TNUMBER || lua_type(L, b) != LUA_TNUMBER)
		nnlua_error(L, "%s: %s must be two numbers {lo, hi}", fname, what);
	*lo = lua_tonumber(L, a);
	*hi = lua_tonumber(L, b);
	if (!isfinite(*lo) || !isfinite(*hi) || fabs(*lo) > 1e300 || fabs(*hi) > 1e300)
		nnlua_error(L, "%s: %s must be finite, got {%s, %s}", fname, what,
		           lua_tostring(L, a), lua_tostring(L, b));
	if (!(*lo < *hi))
		nnlua_error(L, "%s: %s = {%s, %s} must have lo < hi", fname, what,
		           lua_tostring(L, a), lua_tostring(L, b));
}

/* Applies option `key` ({lo, hi}) of the table at o through set. */
static void lim_opt(lua_State *L, int o, const char *key, const char *fname, plot_fig *f,
                    int (*set)(plot_fig *, double, double))
{
	lua_getfield(L, o, key);
	if (!lua_isnil(L, -1)) {
		if (!lua_istable(L, -1))
			nnlua_error(L, "%s: %s must be a table {lo, hi}, got a %s", fname, key,
			           luaL_typename(L, -1));
		int t = lua_gettop(L);
		lua_geti(L, t, 1);
		lua_geti(L, t, 2);
		double lo, hi;
		read_lim(L, t + 1, t + 2, fname, key, &lo, &hi);
		set(f, lo, hi);
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
}

/* --- figures -------------------------------------------------------------------- */

plot_fig *nnlua__checkfig(lua_State *L, int idx)
{
	lfig *u = luaL_checkudata(L, idx, NNLUA_FIGURE);
	if (!u->f)
		nnlua_error(L, "the figure was never made");
	return u->f;
}

/* Sets a text through set, keeping a copy in user value `slot` for tostring. */
static void set_text(lua_State *L, int fig, int idx, int slot, const char *fname,
                     int (*set)(plot_fig *, const char *))
{
	plot_fig *f = nnlua__checkfig(L, fig);
	const char *s = NULL;
	if (!lua_isnoneornil(L, idx)) {
		if (lua_type(L, idx) != LUA_TSTRING && lua_type(L, idx) != LUA_TNUMBER)
			nnlua_error(L, "%s: expects a string, got a %s", fname, luaL_typename(L, idx));
		s = lua_tostring(L, idx);
	}
	if (set(f, s) != PLOT_OK)
		nnlua_error(L, "%s: not enough memory", fname);
	if (slot) {
		lua_pushvalue(L, idx);
		lua_setiuservalue(L, fig, slot);
	}
}

static int fig_gc(lua_State *L)
{
	lfig *u = luaL_checkudata(L, 1, NNLUA_FIGURE);
	plot_fig_unref(u->f);
	u->f = NULL;
	return 0;
}

static int fig_show(lua_State *L)
{
	nnlua__show_obj(L, BLOCK_FIGURE, nnlua__checkfig(L, 1), "fig:show");
	lua_settop(L, 1);
	return 1;
}

static int fig_tostring(lua_State *L)
{
	plot_fig *f = nnlua__checkfig(L, 1);
	size_t n = plot_count(f);
	lua_getiuservalue(L, 1, 1);
	if (lua_type(L, -1) == LUA_TSTRING)
		lua_pushfstring(L, "Figure(\"%s\", %d element%s)", lua_tostring(L, -1), (int)n, n == 1 ? "" : "s");
	else
		lua_pushfstring(L, "Figure(%d element%s)", (int)n, n == 1 ? "" : "s");
	return 1;
}

static int fig_len(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)plot_count(nnlua__checkfig(L, 1)));
	return 1;
}

static int fig_title(lua_State *L)
{
	set_text(L, 1, 2, 1, "fig:title", plot_set_title);
	lua_settop(L, 1);
	return 1;
}

static int fig_xlabel(lua_State *L)
{
	set_text(L, 1, 2, 0, "fig:xlabel", plot_set_xlabel);
	lua_settop(L, 1);
	return 1;
}

static int fig_ylabel(lua_State *L)
{
	set_text(L, 1, 2, 0, "fig:ylabel", plot_set_ylabel);
	lua_settop(L, 1);
	return 1;
}

/* fig:xlim(lo, hi) fixes the range; fig:xlim() returns to automatic. */
static int lim_method(lua_State *L, const char *fname, int (*set)(plot_fig *, double, double),
                      void (*unset)(plot_fig *))
{
	plot_fig *f = nnlua__checkfig(L, 1);
	if (lua_isnoneornil(L, 2) && lua_isnoneornil(L, 3)) {
		unset(f);
	} else {
		double lo, hi;
		if (lua_istable(L, 2)) { /* fig:xlim{lo, hi} */
			lua_geti(L, 2, 1);
			lua_geti(L, 2, 2);
			read_lim(L, -2, -1, fname, "the limits", &lo, &hi);
		} else {
			read_lim(L, 2, 3, fname, "the limits", &lo, &hi);
		}
		set(f, lo, hi);
	}
	lua_settop(L, 1);
	return 1;
}

static int fig_xlim(lua_State *L) { return lim_method(L, "fig:xlim", plot_set_xlim, plot_unset_xlim); }
static int fig_ylim(lua_State *L) { return lim_method(L, "fig:ylim", plot_set_ylim, plot_unset_ylim); }

/* fig:size(width, height): 0 or nil means automatic. */
static int fig_size(lua_State *L)
{
	plot_fig *f = nnlua__checkfig(L, 1);
	lua_settop(L, 3);
	lua_createtable(L, 0, 2);
	lua_pushvalue(L, 2);
	lua_setfield(L, -2, "width");
	lua_pushvalue(L, 3);
	lua_setfield(L, -2, "height");
	size_t w = nnlua__size_opt(L, 4, "width", "fig:size", PLOT_MAX_W);
	size_t h = nnlua__size_opt(L, 4, "height", "fig:size", PLOT_MAX_H);
	plot_set_size(f, w, h);
	lua_settop(L, 1);
	return 1;
}

/* fig:axis{xlog=, ylog=, log=}: log scales (log sets both). */
static int fig_axis(lua_State *L)
{
	static const char *const keys[] = {"xlog", "ylog", "log", NULL};
	plot_fig *f = nnlua__checkfig(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	nnlua__checkopts(L, 2, "fig:axis", keys);
	int both = nnlua_optboolfield(L, 2, "log", 0);
	plot_set_log(f, nnlua_optboolfield(L, 2, "xlog", both), nnlua_optboolfield(L, 2, "ylog", both));
	lua_settop(L, 1);
	return 1;
}

static int fig_clear(lua_State *L)
{
	plot_clear(nnlua__checkfig(L, 1));
	lua_settop(L, 1);
	return 1;
}

/* fig:render{width=, height=, mode=, color=false} -> the figure as text. */
static int fig_render(lua_State *L)
{
	static const char *const keys[] = {"width", "height", "mode", "color", NULL};
	const char *fname = "fig:render";
	plot_fig *f = nnlua__checkfig(L, 1);
	int o = nnlua__optable(L, 2, fname, "the options");
	nnlua__checkopts(L, o, fname, keys);
	size_t w = nnlua__size_opt(L, o, "width", fname, PLOT_MAX_W);
	size_t h = nnlua__size_opt(L, o, "height", fname, PLOT_MAX_H);
	canvas_mode m = nnlua__mode_opt(L, o, fname);
	int color = nnlua_optboolfield(L, o, "color", 0);
	nnlua_scratch *s = nnlua__scratch(L);
	if (plot_render(f, w, h, m, color, &s->t) != PLOT_OK)
		return nnlua_error(L, "%s: not enough memory", fname);
	nnlua__scratch_result(L, s, color, fname);
	return 1;
}

static const char *const figure_keys[] = {"title", "xlabel", "ylabel", "width", "height",
	"xlim", "ylim", "xlog", "ylog", "show", NULL};

/* plot.figure{title=, xlabel=, ylabel=, width=, height=, xlim=, ylim=, xlog=, ylog=, show=true} */
static int l_figure(lua_State *L)
{
	const char *fname = "plot.figure";
	int o = nnlua__optable(L, 1, fname, "the options");
	nnlua__checkopts(L, o, fname, figure_keys);
	lfig *u = lua_newuserdatauv(L, sizeof *u, 1);
	u->f = NULL;
	luaL_setmetatable(L, NNLUA_FIGURE);
	int fig = lua_gettop(L);
	if (!(u->f = plot_fig_new()))
		return nnlua_error(L, "%s: not enough memory", fname);
	if (o) {
		static const char *const texts[] = {"title", "xlabel", "ylabel"};
		int (*const set[])(plot_fig *, const char *) = {plot_set_title, plot_set_xlabel, plot_set_ylabel};
		for (int i = 0; i < 3; i++) {
			lua_getfield(L, o, texts[i]);
			if (!lua_isnil(L, -1))
				set_text(L, fig, lua_gettop(L), i == 0 ? 1 : 0, fname, set[i]);
			lua_pop(L, 1);
		}
		plot_set_size(u->f, nnlua__size_opt(L, o, "width", fname, PLOT_MAX_W),
		              nnlua__size_opt(L, o, "height", fname, PLOT_MAX_H));
		lim_opt(L, o, "xlim", fname, u->f, plot_set_xlim);
		lim_opt(L, o, "ylim", fname, u->f, plot_set_ylim);
		plot_set_log(u->f, nnlua_optboolfield(L, o, "xlog", 0), nnlua_optboolfield(L, o, "ylog", 0));
	}
	lua_settop(L, fig);
	if (nnlua_optboolfield(L, o, "show", 1))
		nnlua__show_obj(L, BLOCK_FIGURE, u->f, fname);
	return 1;
}

/* --- the module ------------------------------------------------------------------ */

static const luaL_Reg fig_methods[] = {
	{"show", fig_show},     {"title", fig_title}, {"xlabel", fig_xlabel},
	{"ylabel", fig_ylabel}, {"xlim", fig_xlim},   {"ylim", fig_ylim},
	{"size", fig_size},     {"axis", fig_axis},   {"clear", fig_clear},
	{"render", fig_render}, {NULL, NULL},
};

static const luaL_Reg fig_meta[] = {
	{"__gc", fig_gc}, {"__tostring", fig_tostring}, {"__len", fig_len},
	{"__show", fig_show}, {NULL, NULL},
};

int luaopen_plot(lua_State *L)
{
	nnlua__class(L, NNLUA_FIGURE, fig_methods, fig_meta);
	luaL_getmetatable(L, NNLUA_FIGURE);
	lua_getfield(L, -1, "__index");
	nnlua__fig_adders(L);
	lua_pop(L, 2);
	nnlua__open_network(L);
	nnlua__open_elements(L);

	lua_newtable(L);
	lua_pushcfunction(L, l_figure);
	lua_setfield(L, -2, "figure");
	lua_pushcfunction(L, nnlua__network);
	lua_setfield(L, -2, "network");
	return 1;
}
