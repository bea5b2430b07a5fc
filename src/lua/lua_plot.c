/*
** lua_plot.c — the plot module: figures (plot.figure) and network diagrams
** (plot.network), plus the helpers every display binding shares.
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

#include "diagram.h"
#include "lua_plot_int.h"
#include "model.h"
#include "strbuf.h"
#include "styled.h"

/* --- shared helpers ---------------------------------------------------------- */

void nnlua__class(lua_State *L, const char *name, const luaL_Reg *methods, const luaL_Reg *meta)
{
	luaL_newmetatable(L, name);
	if (meta)
		luaL_setfuncs(L, meta, 0);
	lua_newtable(L);
	luaL_setfuncs(L, methods, 0);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

int nnlua__show_obj(lua_State *L, block_kind kind, void *obj, const block_obj_ops *ops,
                    void (*ref)(void *), const char *fname)
{
	blocklist *out = nnlua_output(L);
	if (!out)
		return 0;
	for (size_t i = 0; i < out->n; i++)
		if (out->items[i]->obj == obj)
			return 0;
	ref(obj);
	if (!blocklist_add_obj(out, kind, obj, ops))
		return nnlua_error(L, "%s: not enough memory for the output", fname);
	return 1;
}

void nnlua__checkopts(lua_State *L, int idx, const char *fname, const char *const *allowed)
{
	if (!idx || !lua_istable(L, idx))
		return;
	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			continue;
		const char *k = lua_tostring(L, -1);
		int found = 0;
		for (const char *const *a = allowed; *a && !found; a++)
			found = strcmp(*a, k) == 0;
		if (found)
			continue;
		luaL_Buffer b;
		luaL_buffinit(L, &b);
		for (const char *const *a = allowed; *a; a++) {
			if (a != allowed)
				luaL_addstring(&b, ", ");
			luaL_addstring(&b, *a);
		}
		luaL_pushresult(&b);
		nnlua_error(L, "%s: unknown option '%s' (options: %s)", fname, k, lua_tostring(L, -1));
	}
}

int nnlua__optable(lua_State *L, int idx, const char *fname, const char *what)
{
	if (lua_isnoneornil(L, idx))
		return 0;
	if (!lua_istable(L, idx))
		nnlua_error(L, "%s: %s must be a table, got a %s", fname, what, luaL_typename(L, idx));
	return lua_absindex(L, idx);
}

double nnlua__number(lua_State *L, int idx, const char *fname, const char *what)
{
	if (lua_type(L, idx) == LUA_TNUMBER)
		return lua_tonumber(L, idx);
	mat *m = nnlua_tomat(L, idx);
	if (m && mat_size(m) == 1)
		return m->data[0];
	if (m) {
		char s[48];
		nnlua_error(L, "%s: %s must be a number, got an array of shape %s", fname, what,
		           mat_shape_str(m, s));
	}
	nnlua_error(L, "%s: %s must be a number, got %s", fname, what,
	           lua_isnoneornil(L, idx) ? "nothing" : luaL_typename(L, idx));
	return 0;
}

int nnlua__plot_error(lua_State *L, const char *fname, int status)
{
	return nnlua_error(L, "%s: %s", fname, plot_strerror(status));
}

/* --- scratch memory that a Lua error cannot leak ------------------------------ */

#define SCRATCH_MT "nn.Scratch"

static int scratch_gc(lua_State *L)
{
	nnlua_scratch *s = luaL_checkudata(L, 1, SCRATCH_MT);
	st_free(&s->t);
	sb_free(&s->sb);
	return 0;
}

nnlua_scratch *nnlua__scratch(lua_State *L)
{
	if (luaL_newmetatable(L, SCRATCH_MT)) {
		lua_pushcfunction(L, scratch_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
	}
	lua_pop(L, 1);
	nnlua_scratch *s = lua_newuserdatauv(L, sizeof *s, 0);
	memset(s, 0, sizeof *s);
	luaL_setmetatable(L, SCRATCH_MT);
	return s;
}

void nnlua__scratch_result(lua_State *L, nnlua_scratch *s, int ansi, const char *fname)
{
	st_text_utf8(&s->sb, &s->t, ansi);
	if (s->t.failed || s->sb.failed)
		nnlua_error(L, "%s: not enough memory", fname);
	lua_pushlstring(L, sb_str(&s->sb), s->sb.len);
	st_free(&s->t);
	sb_free(&s->sb);
	lua_remove(L, -2);
}

/* --- sizes, modes, limits -------------------------------------------------------- */

/* Reads option `key` as a size 0..max (0: automatic). */
static size_t size_opt(lua_State *L, int o, const char *key, const char *fname, size_t max)
{
	if (!o)
		return 0;
	lua_getfield(L, o, key);
	size_t v = 0;
	if (!lua_isnil(L, -1)) {
		int isnum;
		lua_Integer i = lua_tointegerx(L, -1, &isnum);
		if (lua_type(L, -1) != LUA_TNUMBER)
			nnlua_error(L, "%s: %s must be a whole number, got a %s", fname, key, luaL_typename(L, -1));
		if (!isnum)
			nnlua_error(L, "%s: %s = %s is not a whole number", fname, key, lua_tostring(L, -1));
		if (i < 0)
			nnlua_error(L, "%s: %s = %lld must not be negative", fname, key, i);
		if ((lua_Unsigned)i > max)
			nnlua_error(L, "%s: %s = %lld is too large (at most %d)", fname, key, i, (int)max);
		v = (size_t)i;
	}
	lua_pop(L, 1);
	return v;
}

/* Reads option "mode": "braille" (default), "block" or "ascii". */
static canvas_mode mode_opt(lua_State *L, int o, const char *fname)
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
			nnlua_error(L, "%s: mode must be \"braille\", \"block\" or \"ascii\"", fname);
		m = (canvas_mode)i;
	}
	lua_pop(L, 1);
	return m;
}

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

static void fig_ref(void *o) { plot_fig_ref(o); }
static void fig_unref(void *o) { plot_fig_unref(o); }
static unsigned long fig_version(const void *o) { return plot_fig_version(o); }
static const block_obj_ops fig_ops = {fig_unref, fig_version};

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
	nnlua__show_obj(L, BLOCK_FIGURE, nnlua__checkfig(L, 1), &fig_ops, fig_ref, "fig:show");
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
	size_t w = size_opt(L, 4, "width", "fig:size", PLOT_MAX_W);
	size_t h = size_opt(L, 4, "height", "fig:size", PLOT_MAX_H);
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
	size_t w = size_opt(L, o, "width", fname, PLOT_MAX_W);
	size_t h = size_opt(L, o, "height", fname, PLOT_MAX_H);
	canvas_mode m = mode_opt(L, o, fname);
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
		plot_set_size(u->f, size_opt(L, o, "width", fname, PLOT_MAX_W),
		              size_opt(L, o, "height", fname, PLOT_MAX_H));
		lim_opt(L, o, "xlim", fname, u->f, plot_set_xlim);
		lim_opt(L, o, "ylim", fname, u->f, plot_set_ylim);
		plot_set_log(u->f, nnlua_optboolfield(L, o, "xlog", 0), nnlua_optboolfield(L, o, "ylog", 0));
	}
	lua_settop(L, fig);
	if (nnlua_optboolfield(L, o, "show", 1))
		nnlua__show_obj(L, BLOCK_FIGURE, u->f, &fig_ops, fig_ref, fname);
	return 1;
}

/* --- network diagrams ---------------------------------------------------------- */

typedef struct lnet {
	diagram *d;
} lnet;

static void net_ref(void *o) { diagram_ref(o); }
static void net_unref(void *o) { diagram_unref(o); }
static unsigned long net_version(const void *o) { return diagram_version(o); }
static const block_obj_ops net_ops = {net_unref, net_version};

static diagram *checknet(lua_State *L, int idx)
{
	lnet *u = luaL_checkudata(L, idx, NNLUA_NETWORK);
	if (!u->d)
		nnlua_error(L, "the diagram was never made");
	return u->d;
}

static int net_gc(lua_State *L)
{
	lnet *u = luaL_checkudata(L, 1, NNLUA_NETWORK);
	diagram_unref(u->d);
	u->d = NULL;
	return 0;
}

static int net_show(lua_State *L)
{
	nnlua__show_obj(L, BLOCK_DIAGRAM, checknet(L, 1), &net_ops, net_ref, "net:show");
	lua_settop(L, 1);
	return 1;
}

static int net_tostring(lua_State *L)
{
	diagram *d = checknet(L, 1);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addstring(&b, "Network(");
	for (size_t i = 0; i < diagram_nlayers(d); i++) {
		if (i)
			luaL_addstring(&b, ", ");
		lua_pushinteger(L, (lua_Integer)diagram_units(d, i));
		luaL_addvalue(&b);
	}
	luaL_addchar(&b, ')');
	luaL_pushresult(&b);
	return 1;
}

/* net:render{width=, mode=, color=false} -> the diagram as text. */
static int net_render(lua_State *L)
{
	static const char *const keys[] = {"width", "mode", "color", NULL};
	const char *fname = "net:render";
	diagram *d = checknet(L, 1);
	int o = nnlua__optable(L, 2, fname, "the options");
	nnlua__checkopts(L, o, fname, keys);
	size_t w = size_opt(L, o, "width", fname, CANVAS_MAX_W);
	canvas_mode m = mode_opt(L, o, fname);
	int color = nnlua_optboolfield(L, o, "color", 0);
	nnlua_scratch *s = nnlua__scratch(L);
	if (diagram_render(d, w ? w : 80, m, color, &s->t) != DIAGRAM_OK)
		return nnlua_error(L, "%s: not enough memory", fname);
	nnlua__scratch_result(L, s, color, fname);
	return 1;
}

/* Reads a units count for layer i from the value on top. */
static size_t units_of(lua_State *L, const char *fname, int i)
{
	int isnum;
	lua_Integer u = lua_tointegerx(L, -1, &isnum);
	if (!isnum || u < 1 || u > 1000000)
		nnlua_error(L, "%s: layer %d must have a whole number of units from 1 to 1000000, got %s",
		           fname, i, lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1) : luaL_typename(L, -1));
	return (size_t)u;
}

/* The default title of layer i of n: input, hidden k, output, and "(act)" on a second line. */
static const char *push_title(lua_State *L, int i, int n, const char *act)
{
	if (i == 0)
		lua_pushliteral(L, "input");
	else if (i == n - 1)
		lua_pushliteral(L, "output");
	else if (n > 3)
		lua_pushfstring(L, "hidden %d", i);
	else
		lua_pushliteral(L, "hidden");
	if (act && *act) {
		lua_pushfstring(L, "\n(%s)", act);
		lua_concat(L, 2);
	}
	return lua_tostring(L, -1);
}

/* Fills ly[0..n) from a model: its input size, then its layers. */
static int layers_of_model(lua_State *L, int idx, diagram_layer *ly, const char *fname)
{
	nn_model *m = nnlua_checkmodel(L, idx);
	size_t nl = nn_model_nlayers(m);
	if (nl == 0)
		nnlua_error(L, "%s: the model has no layers", fname);
	if (nl + 1 > DIAGRAM_MAX_LAYERS)
		nnlua_error(L, "%s: the model has %d layers; a diagram shows at most %d", fname, (int)nl,
		           DIAGRAM_MAX_LAYERS - 1);
	if (!nn_model_input_dim(m))
		nnlua_error(L, "%s: the model's input size is not known yet (give input_dim to its first layer)", fname);
	luaL_checkstack(L, (int)nl + 4, fname);
	int n = (int)nl + 1;
	ly[0].units = nn_model_input_dim(m);
	ly[0].title = push_title(L, 0, n, NULL);
	for (size_t i = 0; i < nl; i++) {
		nn_layer_info info;
		nn_model_layer_info(m, i, &info);
		ly[i + 1].units = info.units;
		ly[i + 1].title = push_title(L, (int)i + 1, n, nn_act_name(info.act));
	}
	return n;
}

/* Fills ly from {2, 4, 1, activations=, titles=} or {layers = {{units=, title=, color=}, ...}}. */
static int layers_of_table(lua_State *L, int t, diagram_layer *ly, const char *fname)
{
	lua_getfield(L, t, "layers");
	int specs = lua_istable(L, -1);
	if (!specs)
		lua_pop(L, 1);
	int list = specs ? lua_gettop(L) : t;
	lua_Integer n = luaL_len(L, list);
	if (n < 1)
		nnlua_error(L, "%s: give the units of each layer, e.g. plot.network{2, 4, 1}", fname);
	if (n > DIAGRAM_MAX_LAYERS)
		nnlua_error(L, "%s: %lld layers; a diagram shows at most %d", fname, n, DIAGRAM_MAX_LAYERS);
	luaL_checkstack(L, (int)n * 6 + 8, fname);
	lua_getfield(L, t, "activations");
	int acts = lua_istable(L, -1) ? lua_gettop(L) : 0;
	lua_Integer nacts = acts ? luaL_len(L, acts) : 0;
	if (acts && nacts != n && nacts != n - 1)
		nnlua_error(L, "%s: %lld activations for %lld layers (give one per layer after the input)", fname,
		           nacts, n);
	lua_getfield(L, t, "titles");
	int titles = lua_istable(L, -1) ? lua_gettop(L) : 0;
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, list, i);
		ly[i - 1].color = 0;
		if (specs) {
			if (!lua_istable(L, -1))
				nnlua_error(L, "%s: layers[%lld] must be a table {units=, title=}", fname, i);
			int s = lua_gettop(L);
			lua_getfield(L, s, "units");
			ly[i - 1].units = units_of(L, fname, (int)i);
			lua_getfield(L, s, "title");
			ly[i - 1].title = lua_tostring(L, -1); /* kept on the stack */
			lua_getfield(L, s, "color");
			if (!lua_isnil(L, -1)) {
				plot_style st = {0};
				lua_createtable(L, 0, 1);
				lua_pushvalue(L, -2);
				lua_setfield(L, -2, "color");
				nnlua__style(L, lua_gettop(L), fname, &st);
				ly[i - 1].color = st.color;
			}
			continue;
		}
		ly[i - 1].units = units_of(L, fname, (int)i);
		const char *act = NULL;
		if (acts) {
			lua_Integer k = nacts == n ? i : i - 1;
			if (k >= 1) {
				lua_geti(L, acts, k);
				act = lua_tostring(L, -1);
			}
		}
		if (titles) {
			lua_geti(L, titles, i);
			ly[i - 1].title = lua_tostring(L, -1);
		} else {
			ly[i - 1].title = push_title(L, (int)i - 1, (int)n, act);
		}
	}
	return (int)n;
}

/*
** plot.network{2, 4, 4, 2, activations = {...}} or plot.network(model):
** a drawing of the layers, shown in the cell's output.
*/
static int l_network(lua_State *L)
{
	static const char *const keys[] = {"layers", "activations", "titles", "show", NULL};
	const char *fname = "plot.network";
	int ismodel = nnlua_ismodel(L, 1);
	if (!ismodel && !lua_istable(L, 1))
		return nnlua_error(L, "%s: expects a table of layer sizes or a model, got a %s", fname,
		                  luaL_typename(L, 1));
	int o = ismodel ? nnlua__optable(L, 2, fname, "the options") : 1;
	nnlua__checkopts(L, o, fname, keys);
	lnet *u = lua_newuserdatauv(L, sizeof *u, 0);
	u->d = NULL;
	luaL_setmetatable(L, NNLUA_NETWORK);
	int net = lua_gettop(L);
	diagram_layer *ly = lua_newuserdatauv(L, DIAGRAM_MAX_LAYERS * sizeof *ly, 0);
	memset(ly, 0, DIAGRAM_MAX_LAYERS * sizeof *ly);
	int n = ismodel ? layers_of_model(L, 1, ly, fname) : layers_of_table(L, 1, ly, fname);
	int rc = diagram_new(ly, (size_t)n, &u->d);
	if (rc != DIAGRAM_OK)
		return nnlua_error(L, "%s: %s", fname, rc == DIAGRAM_ENOMEM ? "not enough memory" : "bad layers");
	lua_settop(L, net);
	if (nnlua_optboolfield(L, o, "show", 1))
		nnlua__show_obj(L, BLOCK_DIAGRAM, u->d, &net_ops, net_ref, fname);
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

static const luaL_Reg net_methods[] = {{"show", net_show}, {"render", net_render}, {NULL, NULL}};

static const luaL_Reg net_meta[] = {
	{"__gc", net_gc}, {"__tostring", net_tostring}, {"__show", net_show}, {NULL, NULL},
};

int luaopen_plot(lua_State *L)
{
	nnlua__class(L, NNLUA_FIGURE, fig_methods, fig_meta);
	luaL_getmetatable(L, NNLUA_FIGURE);
	lua_getfield(L, -1, "__index");
	nnlua__fig_adders(L);
	lua_pop(L, 2);
	nnlua__class(L, NNLUA_NETWORK, net_methods, net_meta);
	nnlua__open_elements(L);

	lua_newtable(L);
	lua_pushcfunction(L, l_figure);
	lua_setfield(L, -2, "figure");
	lua_pushcfunction(L, l_network);
	lua_setfield(L, -2, "network");
	return 1;
}
