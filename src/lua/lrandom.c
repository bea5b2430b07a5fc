/*
** lrandom.c — nn.random: numpy's legacy random functions on the global
** generator, and nn.random.RandomState(seed) objects with the same
** methods; then the data sets and splits drawn with them, as
** scikit-learn 1.2 draws them.
**
** Every function draws in numpy's order, so `nn.random.seed(1)` followed by
** the notebook's calls prints the notebook's numbers.  Without a shape the
** functions return a number; with one (an integer n or {rows, cols}) an
** array.  permutation() returns numpy's values plus one (1-based).
*/
#include "lrandom_int.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "datasets.h"
#include "larray_int.h"

static const lkit_type rng_type;

/*
** Returns the generator a call uses and the index of its first real
** argument: a RandomState method call passes the object first.
*/
static rng *getrng(lua_State *L, int *first)
{
	rng *r = lkit_test(L, 1, &rng_type);
	*first = r ? 2 : 1;
	return r ? r : rng_global();
}

rng *lrandom_state(lua_State *L, int idx, rng *tmp, const char *fname)
{
	if (lua_isnoneornil(L, idx))
		return rng_global();
	rng *r = lkit_test(L, idx, &rng_type);
	if (r)
		return r;
	int isnum;
	lua_Integer s = lua_tointegerx(L, idx, &isnum);
	if (!isnum || s < 0 || s > 0xFFFFFFFFLL)
		lkit_error(L, "%s: random_state must be nil, a RandomState or an integer in 0..2^32-1", fname);
	rng_seed(tmp, (uint32_t)s);
	return tmp;
}

static uint32_t checkseed(lua_State *L, int idx, const char *fname)
{
	int isnum;
	lua_Integer s = lua_tointegerx(L, idx, &isnum);
	if (!isnum || s < 0 || s > 0xFFFFFFFFLL)
		lkit_error(L, "%s: the seed must be an integer between 0 and 2^32-1", fname);
	return (uint32_t)s;
}

static int r_seed(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	rng_seed(r, checkseed(L, a, "nn.random.seed"));
	return 0;
}

/*
** Draws into a number (no shape) or an array of the shape at `shape_idx`;
** `draw` is called once per element in row-major order.
*/
typedef double (*drawfn)(rng *r, const double *p);

static int fill(lua_State *L, rng *r, int shape_idx, drawfn draw, const double *p, int isint,
                const char *fname)
{
	if (lua_isnoneornil(L, shape_idx)) {
		larray_pushnum(L, draw(r, p), isint);
		return 1;
	}
	mat_shape s = larray_checkshape(L, shape_idx, fname);
	mat *m = larray_new(L, s, fname);
	size_t n = mat_size(m);
	for (size_t i = 0; i < n; i++)
		m->data[i] = draw(r, p);
	m->isint = (unsigned char)isint;
	return 1;
}

static double d_random(rng *r, const double *p) { (void)p; return rng_random(r); }
static double d_uniform(rng *r, const double *p) { return rng_uniform(r, p[0], p[1]); }
static double d_normal(rng *r, const double *p) { return rng_normal(r, p[0], p[1]); }
static double d_gauss(rng *r, const double *p) { (void)p; return rng_standard_normal(r); }

static double d_randint(rng *r, const double *p)
{
	return (double)rng_randint(r, (int64_t)p[0], (int64_t)p[1]);
}

static int r_random(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	return fill(L, r, a, d_random, NULL, 0, "nn.random.random");
}

/* rand(d0, d1) / randn(d0, d1) take the dimensions as separate arguments. */
static int dims_call(lua_State *L, drawfn draw, const char *fname)
{
	int a;
	rng *r = getrng(L, &a);
	int top = lua_gettop(L);
	if (top < a)
		return fill(L, r, a, draw, NULL, 0, fname);
	if (top > a + 1)
		return lkit_error(L, "%s: at most 2 dimensions", fname);
	lua_createtable(L, 2, 0);
	for (int i = a; i <= top; i++) {
		lua_pushvalue(L, i);
		lua_rawseti(L, -2, i - a + 1);
	}
	return fill(L, r, top + 1, draw, NULL, 0, fname);
}

static int r_rand(lua_State *L) { return dims_call(L, d_random, "nn.random.rand"); }
static int r_randn(lua_State *L) { return dims_call(L, d_gauss, "nn.random.randn"); }

static int r_standard_normal(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	return fill(L, r, a, d_gauss, NULL, 0, "nn.random.standard_normal");
}

static int r_uniform(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	double p[2] = {luaL_optnumber(L, a, 0.0), luaL_optnumber(L, a + 1, 1.0)};
	if (!isfinite(p[0]) || !isfinite(p[1]))
		return lkit_error(L, "nn.random.uniform: bounds must be finite");
	return fill(L, r, a + 2, d_uniform, p, 0, "nn.random.uniform");
}

static int r_normal(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	double p[2] = {luaL_optnumber(L, a, 0.0), luaL_optnumber(L, a + 1, 1.0)};
	if (p[1] < 0)
		return lkit_error(L, "nn.random.normal: scale %g must not be negative", p[1]);
	return fill(L, r, a + 2, d_normal, p, 0, "nn.random.normal");
}

/* randint(lo, hi [, shape]) draws from [lo, hi); randint(hi) from [0, hi). */
static int r_randint(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	lua_Integer lo = luaL_checkinteger(L, a), hi;
	int shape = a + 2;
	if (lua_isnoneornil(L, a + 1)) {
		hi = lo;
		lo = 0;
	} else {
		hi = luaL_checkinteger(L, a + 1);
	}
	if (hi <= lo)
		return lkit_error(L, "nn.random.randint: low (%lld) must be below high (%lld)", lo, hi);
	if (lo < -((lua_Integer)1 << 53) || hi > ((lua_Integer)1 << 53))
		return lkit_error(L, "nn.random.randint: bounds must be within +-2^53");
	double p[2] = {(double)lo, (double)hi};
	return fill(L, r, shape, d_randint, p, 1, "nn.random.randint");
}

static int r_permutation(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	mat *src = larray_test(L, a);
	if (src) {
		mat_shape s = {src->rows, src->cols, src->ndim};
		mat *m = larray_new(L, s, "nn.random.permutation");
		mat_copy(m, src);
		size_t rows = src->ndim == 2 ? src->rows : src->cols;
		size_t width = src->ndim == 2 ? src->cols : 1;
		rng_shuffle_rows(r, m->data, rows, width);
		return 1;
	}
	lua_Integer n = luaL_checkinteger(L, a);
	if (n < 0 || (unsigned long long)n > MAT_MAX_ELEMS)
		return lkit_error(L, "nn.random.permutation: n = %lld is out of range", n);
	mat *m = larray_new(L, mat_shape1((size_t)n), "nn.random.permutation");
	size_t *idx = lkit_scratch(L, (size_t)n, sizeof *idx);
	rng_permutation(r, idx, (size_t)n);
	for (size_t i = 0; i < (size_t)n; i++)
		m->data[i] = (double)idx[i] + 1;
	m->isint = 1;
	lua_pop(L, 1);
	return 1;
}

static int r_shuffle(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	mat *m = larray_check(L, a);
	size_t rows = m->ndim == 2 ? m->rows : m->cols;
	size_t width = m->ndim == 2 ? m->cols : 1;
	rng_shuffle_rows(r, m->data, rows, width);
	return 0;
}

static int r_new(lua_State *L)
{
	rng *r = lkit_new(L, &rng_type, sizeof(rng), 0);
	rng_seed(r, lua_isnoneornil(L, 1) ? 0 : checkseed(L, 1, "nn.random.RandomState"));
	return 1;
}

static int r_tostring(lua_State *L)
{
	lkit_check(L, 1, &rng_type);
	lua_pushfstring(L, "RandomState(MT19937) %p", lua_topointer(L, 1));
	return 1;
}

static const luaL_Reg funcs[] = {
	{"seed", r_seed},
	{"random", r_random},
	{"random_sample", r_random},
	{"rand", r_rand},
	{"randn", r_randn},
	{"standard_normal", r_standard_normal},
	{"uniform", r_uniform},
	{"normal", r_normal},
	{"randint", r_randint},
	{"permutation", r_permutation},
	{"shuffle", r_shuffle},
	{NULL, NULL},
};

/* A RandomState's methods are the module's functions: they take it first. */
static const lkit_type rng_type = {
	.name = "nn.RandomState", .what = "the generator", .tostring = r_tostring, .methods = funcs,
};

/* --- data sets ------------------------------------------------------------------------ */

/* Reads n_samples from an options table: a positive integer. */
static size_t nsamples(lua_State *L, int opts, lua_Integer def, const char *fname)
{
	lua_Integer n = lkit_optint(L, opts, "n_samples", def);
	if (n < 1 || (unsigned long long)n > MAT_MAX_ELEMS / 64)
		lkit_error(L, "%s: n_samples = %lld must be between 1 and %lld", fname, n,
		           (lua_Integer)(MAT_MAX_ELEMS / 64));
	return (size_t)n;
}

/* Pushes the generator for opts.random_state (global when absent). */
static rng *random_state(lua_State *L, int opts, rng *tmp, const char *fname)
{
	if (opts == 0)
		return rng_global();
	lua_getfield(L, opts, "random_state");
	rng *r = lrandom_state(L, lua_gettop(L), tmp, fname);
	lua_pop(L, 1);
	return r;
}

/* nn.datasets.make_circles{n_samples=100, noise=nil, factor=0.8, random_state=nil} */
static int l_make_circles(lua_State *L)
{
	const char *fname = "nn.datasets.make_circles";
	int o = lkit_options(L, 1, fname, NULL);
	size_t n = nsamples(L, o, 100, fname);
	double noise = lkit_optnum(L, o, "noise", -1);
	double factor = lkit_optnum(L, o, "factor", 0.8);
	if (!(factor >= 0 && factor < 1))
		return lkit_error(L, "%s: factor = %f must be in [0, 1)", fname, factor);
	if (!isfinite(noise))
		return lkit_error(L, "%s: noise must be a finite number", fname);
	rng tmp;
	rng *r = random_state(L, o, &tmp, fname);
	mat *X = larray_new(L, mat_shape2(n, 2), fname);
	mat *y = larray_new(L, mat_shape1(n), fname);
	int st = ds_make_circles(r, n, noise < 0 ? -1 : noise, factor, X, y);
	if (st == MAT_ECANCEL)
		return lkit_cancelled(L);
	if (st != MAT_OK)
		return lkit_error(L, "%s: bad arguments", fname);
	return 2;
}

/* nn.datasets.make_blobs{n_samples=100, centers={{x, y}, ...}, cluster_std=1.0, random_state=nil} */
static int l_make_blobs(lua_State *L)
{
	const char *fname = "nn.datasets.make_blobs";
	int o = lkit_options(L, 1, fname, NULL);
	size_t n = nsamples(L, o, 100, fname);
	double std = lkit_optnum(L, o, "cluster_std", 1.0);
	if (!(std >= 0) || !isfinite(std))
		return lkit_error(L, "%s: cluster_std must be a finite number >= 0", fname);
	if (o == 0)
		return lkit_error(L, "%s: needs centers = {{x, y}, ...}", fname);
	lua_getfield(L, o, "centers");
	if (lua_isnil(L, -1))
		return lkit_error(L, "%s: needs centers = {{x, y}, ...}", fname);
	mat tmpm;
	double num;
	int ci = lua_gettop(L);
	mat *c = larray_arg(L, ci, &tmpm, &num);
	if (c->ndim != 2 || c->rows < 1 || c->cols < 1)
		return lkit_error(L, "%s: centers must be a non-empty 2-D array of points", fname);
	rng tmp;
	rng *r = random_state(L, o, &tmp, fname);
	mat *X = larray_new(L, mat_shape2(n, c->cols), fname);
	mat *y = larray_new(L, mat_shape1(n), fname);
	int st = ds_make_blobs(r, n, c, std, X, y);
	if (st == MAT_ECANCEL)
		return lkit_cancelled(L);
	if (st != MAT_OK)
		return lkit_error(L, "%s: bad arguments", fname);
	return 2;
}

/* Pushes the rows of m listed in idx[0..k). */
static void pushrows(lua_State *L, const mat *m, const size_t *idx, size_t k)
{
	mat *out = larray_new(L, mat_take_rows_shape(m, k), "train_test_split");
	mat_take_rows(out, m, idx, k);
}

/*
** nn.model_selection.train_test_split(X, y, {test_size=0.25, random_state=nil})
** returns X_train, X_test, y_train, y_test (y may be nil: X_train, X_test).
*/
static int l_train_test_split(lua_State *L)
{
	const char *fname = "nn.model_selection.train_test_split";
	mat *X = larray_check(L, 1);
	mat *y = lua_isnoneornil(L, 2) ? NULL : larray_check(L, 2);
	int o = lkit_options(L, 3, fname, NULL);
	size_t n = larray_nrows(X);
	if (X->ndim == 0)
		return lkit_error(L, "%s: X must be a 1-D or 2-D array", fname);
	if (y && larray_nrows(y) != n) {
		char a[48], b[48];
		return lkit_error(L, "%s: X has %zu rows (shape %s) but y has %zu (shape %s)", fname, n,
		                  mat_shape_str(X, a), larray_nrows(y), mat_shape_str(y, b));
	}
	double ts = lkit_optnum(L, o, "test_size", 0.25);
	if (!(ts > 0) || (ts >= 1 && (ts != floor(ts) || ts >= (double)n)))
		return lkit_error(L, "%s: test_size = %f must be a fraction in (0, 1) or a count below %zu",
		                  fname, ts, n);
	size_t ntest = ds_split_ntest(n, ts);
	if (ntest == 0 || ntest >= n)
		return lkit_error(L, "%s: with %zu samples and test_size = %f one of the sets would be empty",
		                  fname, n, ts);
	long seed = -1;
	rng *r = rng_global();
	if (o) {
		lua_getfield(L, o, "random_state");
		if (!lua_isnil(L, -1)) {
			int isnum;
			lua_Integer s = lua_tointegerx(L, -1, &isnum);
			if (!isnum || s < 0 || s > 0xFFFFFFFFLL)
				return lkit_error(L, "%s: random_state must be an integer in 0..2^32-1", fname);
			seed = (long)s;
		}
		lua_pop(L, 1);
	}
	size_t *perm = lkit_scratch(L, n, sizeof *perm);
	ds_split_perm(r, seed, n, perm);
	pushrows(L, X, perm + ntest, n - ntest);
	pushrows(L, X, perm, ntest);
	if (!y)
		return 2;
	pushrows(L, y, perm + ntest, n - ntest);
	pushrows(L, y, perm, ntest);
	return 4;
}

void lrandom_open(lua_State *L, int nn)
{
	static const luaL_Reg datasets[] = {
		{"make_circles", l_make_circles}, {"make_blobs", l_make_blobs}, {NULL, NULL},
	};
	static const luaL_Reg selection[] = {{"train_test_split", l_train_test_split}, {NULL, NULL}};
	luaL_newlib(L, funcs);
	lua_pushcfunction(L, r_new);
	lua_setfield(L, -2, "RandomState");
	lua_setfield(L, nn, "random");
	luaL_newlib(L, datasets);
	lua_setfield(L, nn, "datasets");
	luaL_newlib(L, selection);
	lua_setfield(L, nn, "model_selection");
}
