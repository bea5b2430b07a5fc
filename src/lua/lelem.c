/*
** lelem.c — figure elements in Lua (lelem.h).  Every kind of plot_kinds.h
** has two readers here, found through the same list: add_<name> reads
** fig:<name>(...) into the element's data and style, set_<name> reads
** h:set(...).  The rest is one pipeline for all kinds: check the figure,
** read, add through plot_add, return a handle.  So a training loop
** animates:
**
**   local line = fig:boundary(p)           -- a perceptron's line
**   for epoch = 1, 20 do train(p); line:set(p); frame() end
**
** A handle keeps its figure alive; once its element is removed or the
** figure cleared, changes fail with a clear message.
*/
#include "lelem_int.h"

#include <math.h>
#include <string.h>

#include "larray_int.h"
#include "lmodel_int.h"
#include "lnetwork_int.h"
#include "lplot_int.h"
#include "lread_int.h"

/* A handle to one element of a figure: a box holding a reference to the figure. */
typedef struct lelem {
	plot_fig *f;
	plot_id id;
	plot_kind kind;
	int sampled;       /* a line made by fig:fn ("fn"): h:set(f) samples f again */
	double from, to;   /* fn: the sampled range */
	size_t n;          /* fn: samples */
	double level;      /* boundary: the level of w.x + b drawn */
	double threshold;  /* regions: a one-output model's class threshold */
	size_t unit[2];    /* regions of one unit: its layer and number (1-based); 0: the decision */
	const void *model; /* regions: the model last sampled (user value 1 keeps it alive), or NULL */
	unsigned long mversion; /* ... its version then, */
	plot_grid mgrid;   /* ... and the grid it was sampled on */
	size_t bins;       /* hist: bins, kept when h:set gives new values alone */
} lelem;

/* What a reader reads: the element's data and style, and what its handle keeps. */
typedef struct call {
	const char *fname;
	plot_fig *f;
	plot_data d;
	plot_style s;
	plot_grid grid;    /* regions: the grid d points to */
	lelem h;           /* the handle's fields: the kind's memory of how it was read */
	int model_at;      /* regions sampled: the model's stack index, -1 another source; 0 not sampled */
	int unchanged;     /* the element already shows what was read: nothing to set */
} call;

typedef void (*reader)(lua_State *L, call *c);

static const lkit_type elem_type;

/* The kind's name in Lua: a sampled line is an "fn". */
static const char *kind_name(const lelem *e)
{
	return e->sampled ? "fn" : plot_kind_name(e->kind);
}

/* --- fig:<kind>(...) ---------------------------------------------------------------- */

static const char *const line_keys[] = {"label", "color", "dash", "linestyle", NULL};

/* Reads the hue option of a scatter (pushes scratch); names classes after string labels. */
static const int *hue_opt(lua_State *L, int o, size_t n, int anchor, const char *fname, plot_style *s)
{
	if (!o || lua_getfield(L, o, "hue") == LUA_TNIL)
		return NULL;
	int names;
	const int *hue = lread_hue(L, lua_gettop(L), n, fname, &names);
	if (names && !s->class_names)
		lread_class_names(L, names, anchor, fname, s);
	return hue;
}

/* fig:scatter(x, y, {hue=, label=, color=, marker=, classes=}) or fig:scatter(X, {...}) */
static void add_scatter(lua_State *L, call *c)
{
	static const char *const keys[] = {"hue", "label", "color", "marker", "classes", NULL};
	lua_settop(L, 4);
	int o = lkit_options(L, lread_points(L, c->fname, 0, &c->d), c->fname, keys);
	lread_style(L, o, c->fname, &c->s);
	c->d.hue = hue_opt(L, o, c->d.n, lua_gettop(L), c->fname, &c->s);
}

/* fig:line(x, y, {label=, color=, dash=}), fig:line(XY) or fig:line(y) (x = 1..n) */
static void add_line(lua_State *L, call *c)
{
	lua_settop(L, 4);
	int o = lkit_options(L, lread_points(L, c->fname, 1, &c->d), c->fname, line_keys);
	lread_style(L, o, c->fname, &c->s);
}

/* The boundary's coefficients, moved to the level it draws. */
static void at_level(call *c, const double w[3])
{
	c->d.num[0] = w[0];
	c->d.num[1] = w[1];
	c->d.num[2] = w[2] - c->h.level;
}

/* fig:boundary(w1, w2, b, opts) or fig:boundary(perceptron_or_layer_or_model, opts) */
static void add_boundary(lua_State *L, call *c)
{
	static const char *const keys[] = {"label", "color", "dash", "linestyle", "level", NULL};
	double w[3];
	lua_settop(L, 5);
	int o = lkit_options(L, lread_boundary(L, 2, c->fname, w), c->fname, keys);
	c->h.level = lkit_optnum(L, o, "level", 0);
	if (!isfinite(c->h.level))
		lkit_error(L, "%s: level must be a finite number", c->fname);
	lread_style(L, o, c->fname, &c->s);
	at_level(c, w);
}

/* fig:hline(v, opts), fig:vline(v, opts) */
static void add_value(lua_State *L, call *c)
{
	c->d.num[0] = larray_number(L, 2, c->fname, "the value");
	lua_settop(L, 3);
	lread_style(L, lkit_options(L, 3, c->fname, line_keys), c->fname, &c->s);
}

static int same_grid(const plot_grid *a, const plot_grid *b)
{
	return a->x0 == b->x0 && a->x1 == b->x1 && a->y0 == b->y0 && a->y1 == b->y1 &&
	       a->nx == b->nx && a->ny == b->ny && a->xlog == b->xlog && a->ylog == b->ylog;
}

/*
** Whether the regions already show the model at idx as it is now: the
** same model, unchanged since (its version), on the grid the figure asks
** for now.  An animation calls h:set(model) every epoch, and a paused or
** finished fit would otherwise predict the whole grid again for nothing.
*/
static int regions_current(lua_State *L, const call *c, int idx)
{
	plot_grid g;
	if (!c->h.model || !lmodel_is(L, idx) || lmodel_check(L, idx) != c->h.model)
		return 0;
	/* the very model the handle (at 1 in h:set) keeps, not one at a reused address */
	lua_getiuservalue(L, 1, 1);
	int same = lua_rawequal(L, -1, idx);
	lua_pop(L, 1);
	if (!same)
		return 0;
	if (nn_model_version(lmodel_check(L, idx)) != c->h.mversion)
		return 0;
	return plot_region_grid(c->f, 0, 0, CANVAS_BLOCK, &g) == PLOT_OK && same_grid(&g, &c->h.mgrid);
}

/* Samples the source at idx on the figure's region grid into c's data (one unit's map, or the decision), remembering a model. */
static void sample_regions(lua_State *L, call *c, int idx)
{
	if (regions_current(L, c, idx)) {
		c->unchanged = 1;
		return;
	}
	c->d.grid = &c->grid;
	if (!c->h.unit[0]) {
		c->d.cls = lread_regions(L, idx, c->f, c->h.threshold, c->fname, &c->grid);
	} else {
		if (!lmodel_is(L, idx))
			lkit_error(L, "%s: unit = {layer, k} needs a model, got a %s", c->fname, luaL_typename(L, idx));
		int rc = plot_region_grid(c->f, 0, 0, CANVAS_BLOCK, &c->grid);
		if (rc != PLOT_OK)
			lkit_error(L, "%s: %s", c->fname, rc == PLOT_ENOMEM ? "not enough memory" :
			           "the figure is too small to show regions");
		int *cls = lkit_scratch(L, c->grid.nx * c->grid.ny, sizeof *cls);
		lnetwork_unit_classes(L, idx, c->h.unit, &c->grid, c->fname, cls);
		c->d.cls = cls;
	}
	c->h.model = NULL;
	c->model_at = -1;
	if (lmodel_is(L, idx)) {
		nn_model *m = lmodel_check(L, idx);
		c->h.model = m;
		c->h.mversion = nn_model_version(m);
		c->h.mgrid = c->grid;
		c->model_at = lua_absindex(L, idx);
	}
}

/* Makes the handle at h keep (or drop) the model its regions were sampled from. */
static void keep_model(lua_State *L, int h, const call *c)
{
	if (!c->model_at)
		return;
	h = lua_absindex(L, h);
	if (c->model_at > 0)
		lua_pushvalue(L, c->model_at);
	else
		lua_pushnil(L);
	lua_setiuservalue(L, h, 1);
}

/*
** fig:regions(model_or_fn, {threshold=0.5, label=, classes=, unit={layer, k}}): decision
** regions behind the data, or where one unit of a model is on.
*/
static void add_regions(lua_State *L, call *c)
{
	static const char *const keys[] = {"threshold", "label", "classes", "unit", NULL};
	lua_settop(L, 3);
	int o = lkit_options(L, 3, c->fname, keys);
	c->h.threshold = lkit_optnum(L, o, "threshold", 0.5);
	if (!isfinite(c->h.threshold))
		lkit_error(L, "%s: threshold must be a finite number", c->fname);
	lnetwork_unit_opt(L, o, c->fname, c->h.unit);
	sample_regions(L, c, 2);
	lread_style(L, o, c->fname, &c->s);
	if (c->h.unit[0] && !c->s.class_names) {
		static const char *const onoff[] = {"off", "on"};
		c->s.class_names = onoff;
		c->s.nclass_names = 2;
	}
}

/* Reads the values at idx and option bins (of the options at o; default: the handle's). */
static void hist_values(lua_State *L, call *c, int idx, int o)
{
	c->d.x = lread_vec(L, idx, c->fname, "the values", &c->d.n);
	lua_Integer bins = lkit_optint(L, o, "bins", (lua_Integer)c->h.bins);
	if (bins < 1 || bins > PLOT_MAX_BINS)
		lkit_error(L, "%s: bins = %lld must be from 1 to %d", c->fname, bins, PLOT_MAX_BINS);
	c->h.bins = (size_t)bins;
	c->d.num[0] = (double)bins;
}

/* fig:hist(values, {bins=10, label=, color=}): how many values fall in each of equal bins. */
static void add_hist(lua_State *L, call *c)
{
	static const char *const keys[] = {"bins", "label", "color", NULL};
	lua_settop(L, 3);
	int o = lkit_options(L, 3, c->fname, keys);
	c->h.bins = 10;
	hist_values(L, c, 2, o);
	lread_style(L, o, c->fname, &c->s);
}

/* Samples the function at 2 over the handle's range into c's data. */
static void sample_fn(lua_State *L, call *c, int lg)
{
	double *xs = lkit_scratch(L, c->h.n, sizeof *xs), *ys = lkit_scratch(L, c->h.n, sizeof *ys);
	lread_fn(L, 2, c->h.from, c->h.to, c->h.n, lg, c->fname, xs, ys);
	c->d = (plot_data){.x = xs, .y = ys, .n = c->h.n};
}

/* fig:fn(f, {from=, to=, n=200, label=, color=, dash=}): f sampled as a line. */
static void add_fn(lua_State *L, call *c)
{
	static const char *const keys[] = {"from", "to", "n", "label", "color", "dash", "linestyle", NULL};
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_settop(L, 3);
	int o = lkit_options(L, 3, c->fname, keys);
	int lg;
	lread_fn_range(L, o, c->f, c->fname, &c->h.from, &c->h.to, &c->h.n, &lg);
	sample_fn(L, c, lg);
	lread_style(L, o, c->fname, &c->s);
	c->h.sampled = 1;
}

/* --- h:set(...) ---------------------------------------------------------------------- */

/* Points again: h:set(x, y [, hue]), h:set(XY), h:set{x=, y=, hue=} (hue: scatters only). */
static void set_points(lua_State *L, call *c)
{
	lua_settop(L, 4);
	if (lua_istable(L, 2) && !lread_is_data(L, 2)) {
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
	lread_points(L, c->fname, c->h.kind != PLOT_SCATTER, &c->d);
	if (c->h.kind == PLOT_SCATTER && !lua_isnil(L, 4)) {
		int names;
		c->d.hue = lread_hue(L, 4, c->d.n, c->fname, &names);
	}
}

/* A line made by fig:fn samples a new function: h:set(f [, {from=, to=, n=}]). */
static void set_line(lua_State *L, call *c)
{
	if (!c->h.sampled || !lua_isfunction(L, 2)) {
		set_points(L, c);
		return;
	}
	static const char *const keys[] = {"from", "to", "n", NULL};
	lua_settop(L, 3);
	int o = lkit_options(L, 3, c->fname, keys), lg;
	if (o) /* a new range: from= and to= default to the figure's now */
		lread_fn_range(L, o, c->f, c->fname, &c->h.from, &c->h.to, &c->h.n, &lg);
	double lo, hi;
	lread_xrange(L, c->f, c->fname, &lo, &hi, &lg);
	sample_fn(L, c, lg);
}

static void set_boundary(lua_State *L, call *c)
{
	double w[3];
	lua_settop(L, 4);
	lread_boundary(L, 2, c->fname, w);
	at_level(c, w);
}

static void set_value(lua_State *L, call *c)
{
	c->d.num[0] = larray_number(L, 2, c->fname, "the value");
}

static void set_regions(lua_State *L, call *c)
{
	lua_settop(L, 2);
	sample_regions(L, c, 2);
}

/* h:set(values [, {bins=}]): new values, in the same bins unless told. */
static void set_hist(lua_State *L, call *c)
{
	static const char *const keys[] = {"bins", NULL};
	lua_settop(L, 3);
	hist_values(L, c, 2, lkit_options(L, 3, c->fname, keys));
}

/* --- the kinds ----------------------------------------------------------------------- */

#define add_hline add_value
#define add_vline add_value
#define set_scatter set_points
#define set_hline set_value
#define set_vline set_value

#define KIND(K, name) [PLOT_##K] = {"fig:" #name, add_##name, set_##name},
static const struct {
	const char *fname;   /* the adder's name in messages */
	reader add, set;
} kinds[PLOT_NKINDS] = {PLOT_KINDS(KIND)};
#undef KIND

/* Pushes a new handle to element id of f with the fields h read (taking a reference to f). */
static void push(lua_State *L, plot_fig *f, plot_id id, plot_kind kind, const lelem *h)
{
	lelem *e = lkit_new(L, &elem_type, sizeof *e, 1);
	if (h)
		*e = *h;
	e->kind = kind;
	e->id = id;
	plot_fig_ref(f);
	e->f = f;
}

/* The pipeline of every adder: the figure, the kind's reader, plot_add, a handle. */
static int add(lua_State *L, plot_kind kind, const char *fname, reader read)
{
	call c;
	memset(&c, 0, sizeof c);
	c.fname = fname;
	c.f = lplot_checkfig(L, 1);
	read(L, &c);
	plot_id id;
	int rc = plot_add(c.f, kind, &c.d, &c.s, &id);
	if (rc != PLOT_OK)
		return lkit_fail(L, fname, rc, &lplot_errors);
	push(L, c.f, id, kind, &c.h);
	keep_model(L, -1, &c);
	return 1;
}

/* fig:<kind>(...): the kind is the closure's upvalue. */
static int f_add(lua_State *L)
{
	plot_kind k = (plot_kind)lua_tointeger(L, lua_upvalueindex(1));
	return add(L, k, kinds[k].fname, kinds[k].add);
}

static int f_fn(lua_State *L)
{
	return add(L, PLOT_LINE, "fig:fn", add_fn);
}

/* fig:loss(history) -> loss line, val_loss line (or nil); history.loss, history.val_loss. */
static int f_loss(lua_State *L)
{
	const char *fname = "fig:loss";
	plot_fig *f = lplot_checkfig(L, 1);
	lua_settop(L, 2);
	const double *loss, *val = NULL;
	size_t n, nv = 0;
	if (lua_istable(L, 2) && !lread_is_data(L, 2)) {
		if (lua_getfield(L, 2, "loss") == LUA_TNIL)
			return lkit_error(L, "%s: the history has no loss (give model:fit's result)", fname);
		loss = lread_vec(L, 3, fname, "history.loss", &n);
		if (lua_getfield(L, 2, "val_loss") != LUA_TNIL)
			val = lread_vec(L, 4, fname, "history.val_loss", &nv);
	} else {
		loss = lread_vec(L, 2, fname, "the history", &n);
	}
	plot_id ids[2];
	int rc = plot_loss(f, loss, n, val, nv, ids);
	if (rc != PLOT_OK)
		return lkit_fail(L, fname, rc, &lplot_errors);
	push(L, f, ids[0], PLOT_LINE, NULL);
	if (ids[1])
		push(L, f, ids[1], PLOT_LINE, NULL);
	else
		lua_pushnil(L);
	return 2;
}

static lelem *checkelem(lua_State *L, int idx)
{
	return lkit_check(L, idx, &elem_type);
}

/* fig:remove(handle) -> true, or false when it was already gone. */
static int f_remove(lua_State *L)
{
	plot_fig *f = lplot_checkfig(L, 1);
	lelem *e = checkelem(L, 2);
	if (e->f != f)
		return lkit_error(L, "fig:remove: the element belongs to another figure");
	lua_pushboolean(L, plot_remove(f, e->id) == PLOT_OK);
	return 1;
}

void lelem_open(lua_State *L)
{
	static const luaL_Reg more[] = {
		{"fn", f_fn}, {"loss", f_loss}, {"remove", f_remove}, {NULL, NULL},
	};
	lkit_type_push(L, &lplot_figure);
	int methods = lua_gettop(L);
	for (int k = 0; k < PLOT_NKINDS; k++) {
		lua_pushinteger(L, k);
		lua_pushcclosure(L, f_add, 1);
		lua_setfield(L, methods, plot_kind_name((plot_kind)k));
	}
	lua_getfield(L, methods, "regions");
	lua_setfield(L, methods, "decision");
	luaL_setfuncs(L, more, 0);
	lua_pop(L, 2);
}

/* --- handles -------------------------------------------------------------------------- */

static const char *elem_message(int status)
{
	if (status == PLOT_ENOELEM)
		return "the plot element no longer exists (removed, or the figure was cleared)";
	return plot_strerror(status);
}

static const lkit_errors elem_errors = {elem_message, 0};

/* Replaces e's data by what `read` reads; the handle keeps how it was read once it worked. */
static void set_with(lua_State *L, lelem *e, const char *fname, reader read)
{
	call c;
	memset(&c, 0, sizeof c);
	c.fname = fname;
	c.f = e->f;
	c.h = *e;
	read(L, &c);
	int rc = c.unchanged ? PLOT_OK : plot_set(e->f, e->id, &c.d);
	if (rc != PLOT_OK)
		lkit_fail(L, fname, rc, &elem_errors);
	*e = c.h;
	keep_model(L, 1, &c);
}

/* h:set(...): new data for any element, read as its adder reads it. */
static int e_set(lua_State *L)
{
	lelem *e = checkelem(L, 1);
	set_with(L, e, "h:set", kinds[e->kind].set);
	lua_settop(L, 1);
	return 1;
}

/* h:set_data, h:set_boundary, h:set_value: h:set refusing other kinds (`kinds`, a bit set). */
static int set_only(lua_State *L, unsigned kinds_set, const char *want, const char *fname, reader read)
{
	lelem *e = checkelem(L, 1);
	if (!(kinds_set & 1u << e->kind))
		lkit_error(L, "%s: this element is a %s, not a %s", fname, kind_name(e), want);
	set_with(L, e, fname, read);
	lua_settop(L, 1);
	return 1;
}

static int e_set_data(lua_State *L)
{
	return set_only(L, 1u << PLOT_LINE | 1u << PLOT_SCATTER, "line", "h:set_data", set_points);
}

static int e_set_boundary(lua_State *L)
{
	return set_only(L, 1u << PLOT_BOUNDARY, "boundary", "h:set_boundary", set_boundary);
}

static int e_set_value(lua_State *L)
{
	return set_only(L, 1u << PLOT_HLINE | 1u << PLOT_VLINE, "hline", "h:set_value", set_value);
}

static int e_set_label(lua_State *L)
{
	lelem *e = checkelem(L, 1);
	const char *s = lua_isnoneornil(L, 2) ? NULL : luaL_checkstring(L, 2);
	int rc = plot_set_label(e->f, e->id, s);
	if (rc != PLOT_OK)
		lkit_fail(L, "h:set_label", rc, &elem_errors);
	lua_settop(L, 1);
	return 1;
}

/* h:set_style{label=, color=, marker=, dash=, classes=}: replaces the whole style. */
static int e_set_style(lua_State *L)
{
	static const char *const keys[] = {"label", "color", "marker", "dash", "linestyle", "classes", NULL};
	const char *fname = "h:set_style";
	lelem *e = checkelem(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	lkit_options(L, 2, fname, keys);
	plot_style s;
	lread_style(L, 2, fname, &s);
	int rc = plot_set_style(e->f, e->id, &s);
	if (rc != PLOT_OK)
		lkit_fail(L, fname, rc, &elem_errors);
	lua_settop(L, 1);
	return 1;
}

static int e_remove(lua_State *L)
{
	lelem *e = checkelem(L, 1);
	lua_pushboolean(L, plot_remove(e->f, e->id) == PLOT_OK);
	return 1;
}

static int e_tostring(lua_State *L)
{
	lelem *e = checkelem(L, 1);
	lua_pushfstring(L, "plot element %s #%d", kind_name(e), (int)e->id);
	return 1;
}

/* h.kind, h.id, then the methods. */
static int e_index(lua_State *L)
{
	lelem *e = checkelem(L, 1);
	const char *k = lua_tostring(L, 2);
	if (k && strcmp(k, "kind") == 0) {
		lua_pushstring(L, kind_name(e));
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

static void release(void *f)
{
	plot_fig_unref(f);
}

static const luaL_Reg elem_methods[] = {
	{"set", e_set},           {"set_boundary", e_set_boundary}, {"set_value", e_set_value},
	{"set_data", e_set_data}, {"set_label", e_set_label},       {"set_style", e_set_style},
	{"remove", e_remove},     {NULL, NULL},
};

static const lkit_type elem_type = {
	.name = "plot.Element", .what = "the plot element", .tostring = e_tostring,
	.methods = elem_methods, .index = e_index, .release = release,
};
