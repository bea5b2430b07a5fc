/*
** lua_plot_add.c — what a figure shows: scatters, lines, sampled
** functions, decision boundaries, reference lines, decision regions and
** loss curves.  Each adder returns a handle (lua_plot_elem.c) whose data
** can be replaced, so a training loop animates:
**
**   local line = fig:boundary(p)           -- a perceptron's line
**   for epoch = 1, 20 do train(p); line:set(p); frame() end
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <string.h>

#include "lua_plot_int.h"
#include "model.h"

/* --- scatters and lines ------------------------------------------------------------ */

static const char *const scatter_keys[] = {"hue", "label", "color", "marker", "classes", NULL};
static const char *const line_keys[] = {"label", "color", "dash", "linestyle", NULL};

/* Reads the hue option of a scatter (pushes scratch); fills class names from string labels. */
static const int *hue_opt(lua_State *L, int o, size_t n, int anchor, const char *fname, plot_style *s)
{
	if (!o || lua_getfield(L, o, "hue") == LUA_TNIL)
		return NULL;
	int names;
	const int *hue = nnlua__hue(L, lua_gettop(L), n, fname, &names);
	if (names && !s->class_names)
		nnlua__class_names(L, names, anchor, fname, s);
	return hue;
}

/* fig:scatter(x, y, {hue=, label=, color=, marker=, classes=}) or fig:scatter(X, {...}) */
static int f_scatter(lua_State *L)
{
	const char *fname = "fig:scatter";
	plot_fig *f = nnlua__checkfig(L, 1);
	lua_settop(L, 4);
	points p;
	int o = nnlua__optable(L, nnlua__points(L, fname, 0, &p), fname, "the options");
	nnlua__checkopts(L, o, fname, scatter_keys);
	plot_style s;
	nnlua__style(L, o, fname, &s);
	const int *hue = hue_opt(L, o, p.n, lua_gettop(L), fname, &s);
	plot_id id;
	int rc = plot_scatter(f, p.x, p.y, hue, p.n, &s, &id);
	if (rc != PLOT_OK)
		return nnlua__plot_error(L, fname, rc);
	nnlua__push_elem(L, f, id, EK_SCATTER);
	return 1;
}

/* fig:line(x, y, {label=, color=, dash=}), fig:line(XY) or fig:line(y) (x = 1..n) */
static int f_line(lua_State *L)
{
	const char *fname = "fig:line";
	plot_fig *f = nnlua__checkfig(L, 1);
	lua_settop(L, 4);
	points p;
	int o = nnlua__optable(L, nnlua__points(L, fname, 1, &p), fname, "the options");
	nnlua__checkopts(L, o, fname, line_keys);
	plot_style s;
	nnlua__style(L, o, fname, &s);
	plot_id id;
	int rc = plot_line(f, p.x, p.y, p.n, &s, &id);
	if (rc != PLOT_OK)
		return nnlua__plot_error(L, fname, rc);
	nnlua__push_elem(L, f, id, EK_LINE);
	return 1;
}

/* --- sampled functions ------------------------------------------------------------ */

/* The x range the figure shows now (its xlim, its data's range, else 0..1) and its scale. */
void nnlua__fig_xrange(lua_State *L, const plot_fig *f, const char *fname, double *lo, double *hi,
                       int *lg)
{
	plot_layout lay;
	if (plot_layout_compute(f, 0, 0, CANVAS_BRAILLE, &lay) != PLOT_OK)
		nnlua_error(L, "%s: not enough memory", fname);
	*lo = lay.x.lo;
	*hi = lay.x.hi;
	*lg = lay.x.log;
}

/* Reads f's result on top of the stack: a number (nil: a gap). */
static double fn_value(lua_State *L, const char *fname, double x)
{
	int t = lua_type(L, -1);
	if (t == LUA_TNUMBER)
		return lua_tonumber(L, -1);
	if (t == LUA_TNIL)
		return NAN;
	mat *m = nnlua_tomat(L, -1);
	if (m && mat_size(m) == 1)
		return m->data[0];
	nnlua_error(L, "%s: f(%g) returned a %s, not a number", fname, x, luaL_typename(L, -1));
	return 0;
}

/* Samples the function at fn n times over [from, to] (evenly in log10 when lg). */
void nnlua__sample_fn(lua_State *L, int fn, double from, double to, size_t n, int lg,
                      const char *fname, double *xs, double *ys)
{
	lg = lg && from > 0;
	double a = lg ? log10(from) : from, b = lg ? log10(to) : to;
	for (size_t i = 0; i < n; i++) {
		double t = n > 1 ? (double)i / (double)(n - 1) : 0.0;
		double u = a + t * (b - a);
		double x = i + 1 == n && n > 1 ? to : i == 0 ? from : lg ? pow(10.0, u) : u;
		lua_pushvalue(L, fn);
		lua_pushnumber(L, x);
		lua_call(L, 1, 1);
		xs[i] = x;
		ys[i] = fn_value(L, fname, x);
		lua_pop(L, 1);
	}
}

/* Reads from/to/n of a sampled function (defaults: the figure's x range, 200). */
void nnlua__fn_range(lua_State *L, int o, const plot_fig *f, const char *fname, double *from,
                     double *to, size_t *n, int *lg)
{
	double lo, hi;
	nnlua__fig_xrange(L, f, fname, &lo, &hi, lg);
	*from = lo;
	*to = hi;
	if (o && lua_getfield(L, o, "from") != LUA_TNIL)
		*from = nnlua__number(L, -1, fname, "from");
	if (o)
		lua_pop(L, 1);
	if (o && lua_getfield(L, o, "to") != LUA_TNIL)
		*to = nnlua__number(L, -1, fname, "to");
	if (o)
		lua_pop(L, 1);
	if (!isfinite(*from) || !isfinite(*to) || !(*from < *to))
		nnlua_error(L, "%s: the range from = %g to = %g must be finite with from < to", fname, *from, *to);
	lua_Integer k = nnlua_optintfield(L, o, "n", 200);
	if (k < 2 || k > 1000000)
		nnlua_error(L, "%s: n = %lld must be from 2 to 1000000", fname, k);
	*n = (size_t)k;
}

/* fig:fn(f, {from=, to=, n=200, label=, color=, dash=}): f sampled as a line. */
static int f_fn(lua_State *L)
{
	static const char *const keys[] = {"from", "to", "n", "label", "color", "dash", "linestyle", NULL};
	const char *fname = "fig:fn";
	plot_fig *f = nnlua__checkfig(L, 1);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_settop(L, 3);
	int o = nnlua__optable(L, 3, fname, "the options");
	nnlua__checkopts(L, o, fname, keys);
	double from, to;
	size_t n;
	int lg;
	nnlua__fn_range(L, o, f, fname, &from, &to, &n, &lg);
	double *xs = nnlua__doubles(L, n), *ys = nnlua__doubles(L, n);
	nnlua__sample_fn(L, 2, from, to, n, lg, fname, xs, ys);
	plot_style s;
	nnlua__style(L, o, fname, &s);
	plot_id id;
	int rc = plot_line(f, xs, ys, n, &s, &id);
	if (rc != PLOT_OK)
		return nnlua__plot_error(L, fname, rc);
	lelem *e = nnlua__push_elem(L, f, id, EK_FN);
	e->from = from;
	e->to = to;
	e->n = n;
	return 1;
}

/* --- boundaries and reference lines ---------------------------------------------------- */

/* Reads w1, w2, b of a Dense kernel W (2 x 1) and bias b (1). */
static void dense_weights(lua_State *L, const mat *W, const mat *b, const char *fname, double w[3])
{
	if (!W || !b)
		nnlua_error(L, "%s: the layer has no weights yet (give input_dim or fit first)", fname);
	if (W->ndim != 2 || W->rows != 2 || W->cols != 1 || mat_size(b) != 1)
		nnlua_error(L, "%s: the layer has %d inputs and %d units; a boundary line needs 2 inputs and 1 unit",
		           fname, (int)W->rows, (int)W->cols);
	w[0] = W->data[0];
	w[1] = W->data[1];
	w[2] = b->data[0];
}

/*
** Reads the line w1*x + w2*y + b = 0 from the arguments at idx: three
** numbers, a perceptron with 2 inputs, a Dense layer or a one-layer model
** with 2 inputs and 1 unit.  Returns the index after them.
*/
int nnlua__boundary_args(lua_State *L, int idx, const char *fname, double w[3])
{
	if (luaL_testudata(L, idx, "nn.Perceptron")) {
		lua_getfield(L, idx, "inputs");
		if (lua_tointeger(L, -1) != 2)
			nnlua_error(L, "%s: the perceptron has %d inputs; a boundary line needs 2", fname,
			           (int)lua_tointeger(L, -1));
		lua_getfield(L, idx, "weights");
		mat *pw = nnlua_checkmat(L, -1);
		lua_getfield(L, idx, "bias");
		double bias = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : 0.0;
		int has_bias = lua_type(L, -1) == LUA_TNUMBER && mat_size(pw) > 2;
		lua_getfield(L, idx, "threshold");
		double thr = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : 0.0;
		w[0] = pw->data[0];
		w[1] = pw->data[1];
		w[2] = (has_bias ? bias * pw->data[2] : 0.0) - thr;
		lua_pop(L, 4);
		return idx + 1;
	}
	if (luaL_testudata(L, idx, "nn.Layer")) {
		lua_getfield(L, idx, "get_weights");
		lua_pushvalue(L, idx);
		lua_call(L, 1, 2);
		dense_weights(L, nnlua_checkmat(L, -2), nnlua_checkmat(L, -1), fname, w);
		lua_pop(L, 2);
		return idx + 1;
	}
	if (nnlua_ismodel(L, idx)) {
		nn_model *m = nnlua_checkmodel(L, idx);
		if (nn_model_nlayers(m) != 1)
			nnlua_error(L, "%s: the model has %d layers; a boundary line needs one Dense layer "
			           "(use fig:regions for deeper models)", fname, (int)nn_model_nlayers(m));
		dense_weights(L, nn_model_kernel(m, 0), nn_model_bias(m, 0), fname, w);
		return idx + 1;
	}
	w[0] = nnlua__number(L, idx, fname, "w1");
	w[1] = nnlua__number(L, idx + 1, fname, "w2");
	w[2] = nnlua__number(L, idx + 2, fname, "b");
	return idx + 3;
}

/* fig:boundary(w1, w2, b, opts) or fig:boundary(perceptron_or_layer_or_model, opts) */
static int f_boundary(lua_State *L)
{
	static const char *const keys[] = {"label", "color", "dash", "linestyle", "level", NULL};
	const char *fname = "fig:boundary";
	plot_fig *f = nnlua__checkfig(L, 1);
	lua_settop(L, 5);
	double w[3];
	int o = nnlua__optable(L, nnlua__boundary_args(L, 2, fname, w), fname, "the options");
	nnlua__checkopts(L, o, fname, keys);
	double level = nnlua_optnumfield(L, o, "level", 0);
	if (!isfinite(level))
		return nnlua_error(L, "%s: level must be a finite number", fname);
	plot_style s;
	nnlua__style(L, o, fname, &s);
	plot_id id;
	int rc = plot_boundary(f, w[0], w[1], w[2] - level, &s, &id);
	if (rc != PLOT_OK)
		return nnlua__plot_error(L, fname, rc);
	nnlua__push_elem(L, f, id, EK_BOUNDARY)->level = level;
	return 1;
}

static int refline(lua_State *L, const char *fname, int kind,
                   int (*add)(plot_fig *, double, const plot_style *, plot_id *))
{
	plot_fig *f = nnlua__checkfig(L, 1);
	double v = nnlua__number(L, 2, fname, "the value");
	lua_settop(L, 3);
	int o = nnlua__optable(L, 3, fname, "the options");
	nnlua__checkopts(L, o, fname, line_keys);
	plot_style s;
	nnlua__style(L, o, fname, &s);
	plot_id id;
	int rc = add(f, v, &s, &id);
	if (rc != PLOT_OK)
		return nnlua__plot_error(L, fname, rc);
	nnlua__push_elem(L, f, id, kind);
	return 1;
}

static int f_hline(lua_State *L) { return refline(L, "fig:hline", EK_HLINE, plot_hline); }
static int f_vline(lua_State *L) { return refline(L, "fig:vline", EK_VLINE, plot_vline); }

/* --- decision regions --------------------------------------------------------------- */

/* Turns the class value on top of the stack into a class (nil: none). */
static int region_class(lua_State *L, const char *fname, double x, double y)
{
	int t = lua_type(L, -1);
	if (t == LUA_TBOOLEAN)
		return lua_toboolean(L, -1);
	if (t == LUA_TNIL)
		return -1;
	if (t == LUA_TNUMBER) {
		double v = lua_tonumber(L, -1);
		if (isnan(v) || v < 0)
			return -1;
		if (v == floor(v) && v <= 1e6)
			return (int)v;
		nnlua_error(L, "%s: f(%g, %g) returned %g; return a class (0, 1, ...) or a boolean", fname, x, y, v);
	}
	nnlua_error(L, "%s: f(%g, %g) returned a %s; return a class (0, 1, ...) or a boolean", fname, x, y,
	           luaL_typename(L, -1));
	return -1;
}

/* Fills cls (g->nx * g->ny) with a model's classes: argmax, or output >= thr for one output. */
static void model_classes(lua_State *L, int src, const plot_grid *g, double thr, const char *fname,
                          int *cls)
{
	nn_model *m = nnlua_checkmodel(L, src);
	size_t nl = nn_model_nlayers(m);
	if (!nl || !nn_model_input_dim(m) || !nn_model_kernel(m, nl - 1))
		nnlua_error(L, "%s: the model is not built yet (give input_dim or fit it first)", fname);
	if (nn_model_input_dim(m) != 2)
		nnlua_error(L, "%s: the model takes %d inputs; regions need 2 (x, y)", fname,
		           (int)nn_model_input_dim(m));
	size_t k = nn_model_output_dim(m);
	double *out = nnlua__doubles(L, k);
	/* a big model takes a while per point: count its multiply-adds
	** towards a cancel check, about once a millisecond */
	size_t per = nn_model_param_count(m) + 1, done = 0;
	for (size_t j = 0; j < g->ny; j++)
		for (size_t i = 0; i < g->nx; i++) {
			double in[2] = {plot_grid_x(g, i), plot_grid_y(g, j)};
			if ((done += per) >= ((size_t)1 << 20)) {
				done = 0;
				nnlua_check_cancel(L);
			}
			nn_model_predict_row(m, in, out);
			int c = -1;
			if (k == 1) {
				c = isnan(out[0]) ? -1 : out[0] >= thr;
			} else {
				size_t best = 0;
				for (size_t q = 1; q < k; q++)
					if (out[q] > out[best])
						best = q;
				c = isnan(out[best]) ? -1 : (int)best;
			}
			cls[j * g->nx + i] = c;
		}
	lua_pop(L, 1);
}

/*
** Samples a model, a function f(x, y) or a callable p({x, y}) (a
** perceptron) on the figure's region grid; pushes the classes.
*/
int *nnlua__sample_regions(lua_State *L, int src, plot_fig *f, double thr, const char *fname,
                           plot_grid *g)
{
	int callable = lua_isfunction(L, src) || nnlua_ismodel(L, src);
	if (!callable && luaL_getmetafield(L, src, "__call") != LUA_TNIL) {
		lua_pop(L, 1);
		callable = 2;
	}
	if (!callable)
		nnlua_error(L, "%s: expects a model, a function f(x, y) or a perceptron, got a %s", fname,
		           luaL_typename(L, src));
	int rc = plot_region_grid(f, 0, 0, CANVAS_BLOCK, g);
	if (rc == PLOT_ENOMEM)
		nnlua_error(L, "%s: not enough memory", fname);
	if (rc != PLOT_OK)
		nnlua_error(L, "%s: the figure is too small to show regions", fname);
	int *cls = lua_newuserdatauv(L, g->nx * g->ny * sizeof *cls, 0);
	int top = lua_gettop(L);
	if (nnlua_ismodel(L, src)) {
		model_classes(L, src, g, thr, fname, cls);
		return cls;
	}
	if (callable == 2)
		lua_createtable(L, 2, 0); /* the point, reused for every call */
	for (size_t j = 0; j < g->ny; j++)
		for (size_t i = 0; i < g->nx; i++) {
			double x = plot_grid_x(g, i), y = plot_grid_y(g, j);
			lua_pushvalue(L, src);
			if (callable == 2) {
				lua_pushnumber(L, x);
				lua_rawseti(L, top + 1, 1);
				lua_pushnumber(L, y);
				lua_rawseti(L, top + 1, 2);
				lua_pushvalue(L, top + 1);
				lua_call(L, 1, 1);
			} else {
				lua_pushnumber(L, x);
				lua_pushnumber(L, y);
				lua_call(L, 2, 1);
			}
			cls[j * g->nx + i] = region_class(L, fname, x, y);
			lua_pop(L, 1);
		}
	lua_settop(L, top);
	return cls;
}

/* fig:regions(model_or_fn, {threshold=0.5, label=, classes=}): decision regions behind the data. */
static int f_regions(lua_State *L)
{
	static const char *const keys[] = {"threshold", "label", "classes", NULL};
	const char *fname = "fig:regions";
	plot_fig *f = nnlua__checkfig(L, 1);
	lua_settop(L, 3);
	int o = nnlua__optable(L, 3, fname, "the options");
	nnlua__checkopts(L, o, fname, keys);
	double thr = nnlua_optnumfield(L, o, "threshold", 0.5);
	if (!isfinite(thr))
		return nnlua_error(L, "%s: threshold must be a finite number", fname);
	plot_grid g;
	const int *cls = nnlua__sample_regions(L, 2, f, thr, fname, &g);
	plot_style s;
	nnlua__style(L, o, fname, &s);
	plot_id id;
	int rc = plot_regions(f, &g, cls, &s, &id);
	if (rc != PLOT_OK)
		return nnlua__plot_error(L, fname, rc);
	nnlua__push_elem(L, f, id, EK_REGIONS)->threshold = thr;
	return 1;
}

/* --- loss curves ------------------------------------------------------------------ */

/* fig:loss(history) -> loss line, val_loss line (or nil); history.loss, history.val_loss. */
static int f_loss(lua_State *L)
{
	const char *fname = "fig:loss";
	plot_fig *f = nnlua__checkfig(L, 1);
	lua_settop(L, 2);
	const double *loss, *val = NULL;
	size_t n, nv = 0;
	if (lua_istable(L, 2) && !nnlua__is_data(L, 2)) {
		if (lua_getfield(L, 2, "loss") == LUA_TNIL)
			return nnlua_error(L, "%s: the history has no loss (give model:fit's result)", fname);
		loss = nnlua__vec_arg(L, 3, fname, "history.loss", &n);
		if (lua_getfield(L, 2, "val_loss") != LUA_TNIL)
			val = nnlua__vec_arg(L, 4, fname, "history.val_loss", &nv);
	} else {
		loss = nnlua__vec_arg(L, 2, fname, "the history", &n);
	}
	plot_id ids[2];
	int rc = plot_loss(f, loss, n, val, nv, ids);
	if (rc != PLOT_OK)
		return nnlua__plot_error(L, fname, rc);
	nnlua__push_elem(L, f, ids[0], EK_LINE);
	if (ids[1])
		nnlua__push_elem(L, f, ids[1], EK_LINE);
	else
		lua_pushnil(L);
	return 2;
}

/* fig:remove(handle) -> true, or false when it was already gone. */
static int f_remove(lua_State *L)
{
	plot_fig *f = nnlua__checkfig(L, 1);
	lelem *e = nnlua__checkelem(L, 2);
	if (e->f != f)
		return nnlua_error(L, "fig:remove: the element belongs to another figure");
	lua_pushboolean(L, plot_remove(f, e->id) == PLOT_OK);
	return 1;
}

static const luaL_Reg adders[] = {
	{"scatter", f_scatter}, {"line", f_line},       {"fn", f_fn},
	{"boundary", f_boundary}, {"hline", f_hline},   {"vline", f_vline},
	{"regions", f_regions}, {"decision", f_regions}, {"loss", f_loss},
	{"remove", f_remove},   {NULL, NULL},
};

void nnlua__fig_adders(lua_State *L)
{
	luaL_setfuncs(L, adders, 0);
}

