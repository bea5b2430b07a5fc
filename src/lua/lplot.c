/*
** lplot.c — the plot module and its figures (lplot.h):
**
**   local fig = plot.figure{title = "XOR", xlabel = "x1", ylabel = "x2"}
**   fig:scatter(X, {hue = y})            -- lelem.c
**   local line = fig:boundary(w1, w2, b)
**   line:set(w1', w2', b'); frame()      -- the figure redraws
*/
#include "lplot_int.h"

#include <math.h>
#include <string.h>

#include "ldisplay_int.h"


const lkit_errors lplot_errors = {plot_strerror, 0};

/* --- limits ---------------------------------------------------------------------- */

/* Reads a limit pair lo < hi, both finite, from the values at a and b. */
static void read_lim(lua_State *L, int a, int b, const char *fname, const char *what,
                     double *lo, double *hi)
{
	if (lua_type(L, a) != LUA_TNUMBER || lua_type(L, b) != LUA_TNUMBER)
		lkit_error(L, "%s: %s must be two numbers {lo, hi}", fname, what);
	*lo = lua_tonumber(L, a);
	*hi = lua_tonumber(L, b);
	if (!isfinite(*lo) || !isfinite(*hi) || fabs(*lo) > 1e300 || fabs(*hi) > 1e300)
		lkit_error(L, "%s: %s must be finite, got {%s, %s}", fname, what,
		           lua_tostring(L, a), lua_tostring(L, b));
	if (!(*lo < *hi))
		lkit_error(L, "%s: %s = {%s, %s} must have lo < hi", fname, what,
		           lua_tostring(L, a), lua_tostring(L, b));
}

/* Applies option `key` ({lo, hi}) of the table at o through set. */
static void lim_opt(lua_State *L, int o, const char *key, const char *fname, plot_fig *f,
                    int (*set)(plot_fig *, double, double))
{
	lua_getfield(L, o, key);
	if (!lua_isnil(L, -1)) {
		if (!lua_istable(L, -1))
			lkit_error(L, "%s: %s must be a table {lo, hi}, got a %s", fname, key,
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

plot_fig *lplot_checkfig(lua_State *L, int idx)
{
	return lkit_object(L, idx, &lplot_figure);
}

canvas_mode lplot_mode(lua_State *L, int o, const char *fname)
{
	static const char *const names[] = {"braille", "block", "ascii", NULL};
	if (!o)
		return CANVAS_BRAILLE;
	lua_getfield(L, o, "mode");
	canvas_mode m = CANVAS_BRAILLE;
	if (!lua_isnil(L, -1)) {
		const char *s = lua_tostring(L, -1);
		int i = 0;
		while (s && names[i] && strcmp(names[i], s) != 0)
			i++;
		if (!s || !names[i])
			lkit_error(L, "%s: mode must be \"braille\", \"block\" or \"ascii\"", fname);
		m = (canvas_mode)i;
	}
	lua_pop(L, 1);
	return m;
}

/* Sets a text through set, keeping a copy in user value `slot` for tostring. */
static void set_text(lua_State *L, int fig, int idx, int slot, const char *fname,
                     int (*set)(plot_fig *, const char *))
{
	plot_fig *f = lplot_checkfig(L, fig);
	const char *s = NULL;
	if (!lua_isnoneornil(L, idx)) {
		if (lua_type(L, idx) != LUA_TSTRING && lua_type(L, idx) != LUA_TNUMBER)
			lkit_error(L, "%s: expects a string, got a %s", fname, luaL_typename(L, idx));
		s = lua_tostring(L, idx);
	}
	if (set(f, s) != PLOT_OK)
		lkit_error(L, "%s: not enough memory", fname);
	if (slot) {
		lua_pushvalue(L, idx);
		lua_setiuservalue(L, fig, slot);
	}
}

static int fig_show(lua_State *L)
{
	return ldisplay_show_box(L, &lplot_figure, BLOCK_FIGURE, "fig:show");
}

static int fig_tostring(lua_State *L)
{
	plot_fig *f = lplot_checkfig(L, 1);
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
	lua_pushinteger(L, (lua_Integer)plot_count(lplot_checkfig(L, 1)));
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
	plot_fig *f = lplot_checkfig(L, 1);
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
	plot_fig *f = lplot_checkfig(L, 1);
	lua_settop(L, 3);
	lua_createtable(L, 0, 2);
	lua_pushvalue(L, 2);
	lua_setfield(L, -2, "width");
	lua_pushvalue(L, 3);
	lua_setfield(L, -2, "height");
	size_t w = lkit_optsize(L, 4, "width", "fig:size", PLOT_MAX_W);
	size_t h = lkit_optsize(L, 4, "height", "fig:size", PLOT_MAX_H);
	plot_set_size(f, w, h);
	lua_settop(L, 1);
	return 1;
}

/* fig:axis{xlog=, ylog=, log=}: log scales (log sets both). */
static int fig_axis(lua_State *L)
{
	static const char *const keys[] = {"xlog", "ylog", "log", NULL};
	plot_fig *f = lplot_checkfig(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	lkit_options(L, 2, "fig:axis", keys);
	int both = lkit_optbool(L, 2, "log", 0);
	plot_set_log(f, lkit_optbool(L, 2, "xlog", both), lkit_optbool(L, 2, "ylog", both));
	lua_settop(L, 1);
	return 1;
}

static int fig_clear(lua_State *L)
{
	plot_clear(lplot_checkfig(L, 1));
	lua_settop(L, 1);
	return 1;
}

/* fig:render{width=, height=, mode=, color=false} -> the figure as text. */
static int fig_render(lua_State *L)
{
	static const char *const keys[] = {"width", "height", "mode", "color", NULL};
	const char *fname = "fig:render";
	plot_fig *f = lplot_checkfig(L, 1);
	int o = lkit_options(L, 2, fname, keys);
	size_t w = lkit_optsize(L, o, "width", fname, PLOT_MAX_W);
	size_t h = lkit_optsize(L, o, "height", fname, PLOT_MAX_H);
	canvas_mode m = lplot_mode(L, o, fname);
	int color = lkit_optbool(L, o, "color", 0);
	ldisplay_text *s = ldisplay_text_new(L);
	if (plot_render_once(f, w, h, m, color, &s->t) != PLOT_OK)
		return lkit_error(L, "%s: not enough memory", fname);
	ldisplay_text_result(L, s, color, fname);
	return 1;
}

static const char *const figure_keys[] = {"title", "xlabel", "ylabel", "width", "height",
	"xlim", "ylim", "xlog", "ylog", "show", NULL};

/* plot.figure{title=, xlabel=, ylabel=, width=, height=, xlim=, ylim=, xlog=, ylog=, show=true} */
static int l_figure(lua_State *L)
{
	const char *fname = "plot.figure";
	int o = lkit_options(L, 1, fname, figure_keys);
	plot_fig **u = lkit_new(L, &lplot_figure, sizeof *u, 1);
	int fig = lua_gettop(L);
	if (!(*u = plot_fig_new()))
		return lkit_error(L, "%s: not enough memory", fname);
	if (o) {
		static const char *const texts[] = {"title", "xlabel", "ylabel"};
		int (*const set[])(plot_fig *, const char *) = {plot_set_title, plot_set_xlabel, plot_set_ylabel};
		for (int i = 0; i < 3; i++) {
			lua_getfield(L, o, texts[i]);
			if (!lua_isnil(L, -1))
				set_text(L, fig, lua_gettop(L), i == 0 ? 1 : 0, fname, set[i]);
			lua_pop(L, 1);
		}
		plot_set_size(*u, lkit_optsize(L, o, "width", fname, PLOT_MAX_W),
		              lkit_optsize(L, o, "height", fname, PLOT_MAX_H));
		lim_opt(L, o, "xlim", fname, *u, plot_set_xlim);
		lim_opt(L, o, "ylim", fname, *u, plot_set_ylim);
		plot_set_log(*u, lkit_optbool(L, o, "xlog", 0), lkit_optbool(L, o, "ylog", 0));
	}
	lua_settop(L, fig);
	if (lkit_optbool(L, o, "show", 1))
		ldisplay_show(L, BLOCK_FIGURE, *u, fname);
	return 1;
}

/* --- the module ------------------------------------------------------------------ */

static const luaL_Reg fig_methods[] = {
	{"show", fig_show},     {"title", fig_title}, {"xlabel", fig_xlabel},
	{"ylabel", fig_ylabel}, {"xlim", fig_xlim},   {"ylim", fig_ylim},
	{"size", fig_size},     {"axis", fig_axis},   {"clear", fig_clear},
	{"render", fig_render}, {NULL, NULL},
};

static const luaL_Reg fig_meta[] = {{"__len", fig_len}, {"__show", fig_show}, {NULL, NULL}};

static void release(void *f)
{
	plot_fig_unref(f);
}

const lkit_type lplot_figure = {
	.name = "plot.Figure", .what = "the figure", .tostring = fig_tostring,
	.methods = fig_methods, .meta = fig_meta, .release = release,
};

void lplot_open(lua_State *L, int plot)
{
	lua_pushcfunction(L, l_figure);
	lua_setfield(L, plot, "figure");
}
