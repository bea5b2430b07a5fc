/*
** lread.c — reading what a lesson gives a figure (lread_int.h):
** coordinates, class labels and styles; and sampling what a figure asks of
** the lesson's functions and models.  Every call into the lesson's code can
** raise; scratch is on the Lua stack, so nothing leaks.
*/
#include "lread_int.h"

#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "larray_int.h"
#include "lmodel_int.h"
#include "lperceptron_int.h"
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

/*
** fig:scatter(X, y) with X one point per row (n x 2): the second array is
** almost always the class labels, which go in the options.  Says so.
*/
static void labels_as_y(lua_State *L, const char *fname)
{
	mat *m = larray_test(L, 2);
	if (m && m->ndim == 2 && m->cols == 2 && m->rows > 1 && lread_is_data(L, 3))
		lkit_error(L, "%s: x has 2 columns, one point per row, so the second array is not "
		           "the y coordinates; for class labels write %s(X, {hue = y})", fname, fname);
}

int lread_points(lua_State *L, const char *fname, int yonly, plot_data *p)
{
	if (y_given(L)) {
		labels_as_y(L, fname);
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

/* --- what a figure asks of the lesson's functions and models ------------------- */


void lread_xrange(lua_State *L, const plot_fig *f, const char *fname, double *lo, double *hi,
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

void lread_fn(lua_State *L, int fn, double from, double to, size_t n, int lg,
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

void lread_fn_range(lua_State *L, int o, const plot_fig *f, const char *fname, double *from,
                     double *to, size_t *n, int *lg)
{
	double lo, hi;
	lread_xrange(L, f, fname, &lo, &hi, lg);
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
int lread_boundary(lua_State *L, int idx, const char *fname, double w[3])
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

/* Rows of grid points predicted per call: the whole grid in a few batches. */
#define REGION_CHUNK 4096

/* A row of outputs -> a class: argmax, or output >= thr for one output; NaN: none. */
static int output_class(const double *out, size_t k, double thr)
{
	if (k == 1)
		return isnan(out[0]) ? -1 : out[0] >= thr;
	size_t best = 0;
	for (size_t q = 1; q < k; q++)
		if (out[q] > out[best])
			best = q;
	return isnan(out[best]) ? -1 : (int)best;
}

/*
** Fills cls (g->nx * g->ny) with a model's classes.  The grid goes to the
** model as batches of REGION_CHUNK rows, so its layers run the batched
** kernels rather than one row at a time; a row's outputs are the same
** numbers either way (rows never mix).  The prediction checks for a stop
** itself, about once a millisecond.
*/
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
	size_t k = nn_model_output_dim(m), total = g->nx * g->ny;
	size_t chunk = total < REGION_CHUNK ? total : REGION_CHUNK;
	double *buf = lkit_scratch(L, chunk * (2 + k), sizeof(double));
	for (size_t s = 0; s < total; s += chunk) {
		size_t n = total - s < chunk ? total - s : chunk;
		mat X, out;
		mat_wrap(&X, buf, mat_shape2(n, 2));
		mat_wrap(&out, buf + 2 * chunk, mat_shape2(n, k));
		for (size_t r = 0; r < n; r++) {
			buf[2 * r] = plot_grid_x(g, (s + r) % g->nx);
			buf[2 * r + 1] = plot_grid_y(g, (s + r) / g->nx);
		}
		int st = nn_model_predict(m, &X, &out);
		if (st == MAT_ECANCEL)
			lkit_cancelled(L);
		if (st != NN_OK)
			lkit_error(L, "%s: %s", fname, nn_strerror(st));
		for (size_t r = 0; r < n; r++)
			cls[s + r] = output_class(out.data + r * k, k, thr);
	}
	lua_pop(L, 1);
}

/* A callable p({x, y}) (a perceptron) gets each point as a table, reused. */
int *lread_regions(lua_State *L, int src, plot_fig *f, double thr, const char *fname,
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
