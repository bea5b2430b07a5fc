/*
** lsample.c — what a figure asks of a lesson's functions and models
** (lsample.h).  Every call into the lesson's code can raise; scratch is
** on the Lua stack, so nothing leaks.
*/
#include "lsample_int.h"

#include <lauxlib.h>
#include <math.h>

#include "larray_int.h"
#include "lmodel_int.h"
#include "lperceptron_int.h"
#include "lread_int.h"

void lsample_xrange(lua_State *L, const plot_fig *f, const char *fname, double *lo, double *hi,
                       int *lg)
{
	plot_layout lay;
	if (plot_layout_compute(f, 0, 0, CANVAS_BRAILLE, &lay) != PLOT_OK)
		lkit_error(L, "%s: not enough memory", fname);
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
	mat *m = larray_test(L, -1);
	if (m && mat_size(m) == 1)
		return m->data[0];
	lkit_error(L, "%s: f(%g) returned a %s, not a number", fname, x, luaL_typename(L, -1));
	return 0;
}

void lsample_fn(lua_State *L, int fn, double from, double to, size_t n, int lg,
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

void lsample_fn_range(lua_State *L, int o, const plot_fig *f, const char *fname, double *from,
                     double *to, size_t *n, int *lg)
{
	double lo, hi;
	lsample_xrange(L, f, fname, &lo, &hi, lg);
	*from = lo;
	*to = hi;
	if (o && lua_getfield(L, o, "from") != LUA_TNIL)
		*from = larray_number(L, -1, fname, "from");
	if (o)
		lua_pop(L, 1);
	if (o && lua_getfield(L, o, "to") != LUA_TNIL)
		*to = larray_number(L, -1, fname, "to");
	if (o)
		lua_pop(L, 1);
	if (!isfinite(*from) || !isfinite(*to) || !(*from < *to))
		lkit_error(L, "%s: the range from = %g to = %g must be finite with from < to", fname, *from, *to);
	lua_Integer k = lkit_optint(L, o, "n", 200);
	if (k < 2 || k > 1000000)
		lkit_error(L, "%s: n = %lld must be from 2 to 1000000", fname, k);
	*n = (size_t)k;
}

/* Reads w1, w2, b of a Dense kernel W (2 x 1) and bias b (1). */
static void dense_weights(lua_State *L, const mat *W, const mat *b, const char *fname, double w[3])
{
	if (!W || !b)
		lkit_error(L, "%s: the layer has no weights yet (give input_dim or fit first)", fname);
	if (W->ndim != 2 || W->rows != 2 || W->cols != 1 || mat_size(b) != 1)
		lkit_error(L, "%s: the layer has %d inputs and %d units; a boundary line needs 2 inputs and 1 unit",
		           fname, (int)W->rows, (int)W->cols);
	w[0] = W->data[0];
	w[1] = W->data[1];
	w[2] = b->data[0];
}

/* A perceptron or model has 2 inputs; a layer or model 1 unit. */
int lsample_boundary(lua_State *L, int idx, const char *fname, double w[3])
{
	if (lkit_test(L, idx, &lperceptron_type)) {
		lua_getfield(L, idx, "inputs");
		if (lua_tointeger(L, -1) != 2)
			lkit_error(L, "%s: the perceptron has %d inputs; a boundary line needs 2", fname,
			           (int)lua_tointeger(L, -1));
		lua_getfield(L, idx, "weights");
		mat *pw = larray_check(L, -1);
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
	if (lmodel_is_layer(L, idx)) {
		lua_getfield(L, idx, "get_weights");
		lua_pushvalue(L, idx);
		lua_call(L, 1, 2);
		dense_weights(L, larray_check(L, -2), larray_check(L, -1), fname, w);
		lua_pop(L, 2);
		return idx + 1;
	}
	if (lmodel_is(L, idx)) {
		nn_model *m = lmodel_check(L, idx);
		if (nn_model_nlayers(m) != 1)
			lkit_error(L, "%s: the model has %d layers; a boundary line needs one Dense layer "
			           "(use fig:regions for deeper models)", fname, (int)nn_model_nlayers(m));
		dense_weights(L, nn_model_kernel(m, 0), nn_model_bias(m, 0), fname, w);
		return idx + 1;
	}
	w[0] = larray_number(L, idx, fname, "w1");
	w[1] = larray_number(L, idx + 1, fname, "w2");
	w[2] = larray_number(L, idx + 2, fname, "b");
	return idx + 3;
}

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
		lkit_error(L, "%s: f(%g, %g) returned %g; return a class (0, 1, ...) or a boolean", fname, x, y, v);
	}
	lkit_error(L, "%s: f(%g, %g) returned a %s; return a class (0, 1, ...) or a boolean", fname, x, y,
	           luaL_typename(L, -1));
	return -1;
}

/* Fills cls (g->nx * g->ny) with a model's classes: argmax, or output >= thr for one output. */
static void model_classes(lua_State *L, int src, const plot_grid *g, double thr, const char *fname,
                          int *cls)
{
	nn_model *m = lmodel_check(L, src);
	size_t nl = nn_model_nlayers(m);
	if (!nl || !nn_model_input_dim(m) || !nn_model_kernel(m, nl - 1))
		lkit_error(L, "%s: the model is not built yet (give input_dim or fit it first)", fname);
	if (nn_model_input_dim(m) != 2)
		lkit_error(L, "%s: the model takes %d inputs; regions need 2 (x, y)", fname,
		           (int)nn_model_input_dim(m));
	size_t k = nn_model_output_dim(m);
	double *out = lkit_scratch(L, k, sizeof(double));
	/* a big model takes a while per point: count its multiply-adds
	** towards a cancel check, about once a millisecond */
	size_t per = nn_model_param_count(m) + 1, done = 0;
	for (size_t j = 0; j < g->ny; j++)
		for (size_t i = 0; i < g->nx; i++) {
			double in[2] = {plot_grid_x(g, i), plot_grid_y(g, j)};
			if ((done += per) >= ((size_t)1 << 20)) {
				done = 0;
				lkit_check_cancel(L);
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

/* A callable p({x, y}) (a perceptron) gets each point as a table, reused. */
int *lsample_regions(lua_State *L, int src, plot_fig *f, double thr, const char *fname,
                           plot_grid *g)
{
	int callable = lua_isfunction(L, src) || lmodel_is(L, src);
	if (!callable && luaL_getmetafield(L, src, "__call") != LUA_TNIL) {
		lua_pop(L, 1);
		callable = 2;
	}
	if (!callable)
		lkit_error(L, "%s: expects a model, a function f(x, y) or a perceptron, got a %s", fname,
		           luaL_typename(L, src));
	int rc = plot_region_grid(f, 0, 0, CANVAS_BLOCK, g);
	if (rc == PLOT_ENOMEM)
		lkit_error(L, "%s: not enough memory", fname);
	if (rc != PLOT_OK)
		lkit_error(L, "%s: the figure is too small to show regions", fname);
	int *cls = lkit_scratch(L, g->nx * g->ny, sizeof *cls);
	int top = lua_gettop(L);
	if (lmodel_is(L, src)) {
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
