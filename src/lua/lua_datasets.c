/*
** lua_datasets.c — nn.datasets (make_circles, make_blobs) and
** nn.model_selection.train_test_split, drawing as scikit-learn 1.2 does.
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>

#include "datasets.h"
#include "lua_nn.h"
#include "rng.h"

/* Reads n_samples from an options table: a positive integer. */
static size_t nsamples(lua_State *L, int opts, lua_Integer def, const char *fname)
{
	lua_Integer n = nnlua_optintfield(L, opts, "n_samples", def);
	if (n < 1 || (unsigned long long)n > MAT_MAX_ELEMS / 64)
		nnlua_error(L, "%s: n_samples = %lld must be between 1 and %lld", fname, n,
		           (lua_Integer)(MAT_MAX_ELEMS / 64));
	return (size_t)n;
}

/* Pushes the generator for opts.random_state (global when absent). */
static rng *random_state(lua_State *L, int opts, rng *tmp, const char *fname)
{
	if (opts == 0) 
		return rng_global();
	lua_getfield(L, opts, "random_state");
	rng *r = nnlua_random_state(L, lua_gettop(L), tmp, fname);
	lua_pop(L, 1);
	return r;
}

static int optstable(lua_State *L, int idx, const char *fname)
{
	if (lua_isnoneornil(L, idx))
		return 0;
	if (!lua_istable(L, idx))
		nnlua_error(L, "%s: expects a table of options, got a %s", fname, luaL_typename(L, idx));
	return idx;
}

/* nn.datasets.make_circles{n_samples=100, noise=nil, factor=0.8, random_state=nil} */
static int l_make_circles(lua_State *L)
{
	const char *fname = "nn.datasets.make_circles";
	int o = optstable(L, 1, fname);
	size_t n = nsamples(L, o, 100, fname);
	double noise = nnlua_optnumfield(L, o, "noise", -1);
	double factor = nnlua_optnumfield(L, o, "factor", 0.8);
	if (!(factor >= 0 && factor < 1))
		return nnlua_error(L, "%s: factor = %f must be in [0, 1)", fname, factor);
	if (!isfinite(noise))
		return nnlua_error(L, "%s: noise must be a finite number", fname);
	rng tmp;
	rng *r = random_state(L, o, &tmp, fname);
	mat *X = nnlua_newmat(L, mat_shape2(n, 2), fname);
	mat *y = nnlua_newmat(L, mat_shape1(n), fname);
	int st = ds_make_circles(r, n, noise < 0 ? -1 : noise, factor, X, y);
	if (st == MAT_ECANCEL)
		return nnlua_cancelled(L);
	if (st != MAT_OK)
		return nnlua_error(L, "%s: bad arguments", fname);
	return 2;
}

/* nn.datasets.make_blobs{n_samples=100, centers={{x, y}, ...}, cluster_std=1.0, random_state=nil} */
static int l_make_blobs(lua_State *L)
{
	const char *fname = "nn.datasets.make_blobs";
	int o = optstable(L, 1, fname);
	size_t n = nsamples(L, o, 100, fname);
	double std = nnlua_optnumfield(L, o, "cluster_std", 1.0);
	if (!(std >= 0) || !isfinite(std))
		return nnlua_error(L, "%s: cluster_std must be a finite number >= 0", fname);
	if (o == 0)
		return nnlua_error(L, "%s: needs centers = {{x, y}, ...}", fname);
	lua_getfield(L, o, "centers");
	if (lua_isnil(L, -1))
		return nnlua_error(L, "%s: needs centers = {{x, y}, ...}", fname);
	mat tmpm;
	double num;
	int ci = lua_gettop(L);
	mat *c = nnlua_arg(L, ci, &tmpm, &num);
	if (c->ndim != 2 || c->rows < 1 || c->cols < 1)
		return nnlua_error(L, "%s: centers must be a non-empty 2-D array of points", fname);
	rng tmp;
	rng *r = random_state(L, o, &tmp, fname);
	mat *X = nnlua_newmat(L, mat_shape2(n, c->cols), fname);
	mat *y = nnlua_newmat(L, mat_shape1(n), fname);
	int st = ds_make_blobs(r, n, c, std, X, y);
	if (st == MAT_ECANCEL)
		return nnlua_cancelled(L);
	if (st != MAT_OK)
		return nnlua_error(L, "%s: bad arguments", fname);
	return 2;
}

/* Pushes the rows of m listed in idx[0..k). */
static void pushrows(lua_State *L, const mat *m, const size_t *idx, size_t k)
{
	mat *out = nnlua_newmat(L, mat_take_rows_shape(m, k), "train_test_split");
	mat_take_rows(out, m, idx, k);
}

static size_t nrows(const mat *m) { return m->ndim == 2 ? m->rows : m->cols; }

/*
** nn.model_selection.train_test_split(X, y, {test_size=0.25, random_state=nil})
** returns X_train, X_test, y_train, y_test (y may be nil: X_train, X_test).
*/
static int l_train_test_split(lua_State *L)
{
	const char *fname = "nn.model_selection.train_test_split";
	mat *X = nnlua_checkmat(L, 1);
	mat *y = lua_isnoneornil(L, 2) ? NULL : nnlua_checkmat(L, 2);
	int o = optstable(L, 3, fname);
	size_t n = nrows(X);
	if (X->ndim == 0)
		return nnlua_error(L, "%s: X must be a 1-D or 2-D array", fname);
	if (y && nrows(y) != n) {
		char a[48], b[48];
		return nnlua_error(L, "%s: X has %zu rows (shape %s) but y has %zu (shape %s)", fname, n,
		                  mat_shape_str(X, a), nrows(y), mat_shape_str(y, b));
	}
	double ts = nnlua_optnumfield(L, o, "test_size", 0.25);
	if (!(ts > 0) || (ts >= 1 && (ts != floor(ts) || ts >= (double)n)))
		return nnlua_error(L, "%s: test_size = %f must be a fraction in (0, 1) or a count below %zu",
		                  fname, ts, n);
	size_t ntest = ds_split_ntest(n, ts);
	if (ntest == 0 || ntest >= n)
		return nnlua_error(L, "%s: with %zu samples and test_size = %f one of the sets would be empty",
		                  fname, n, ts);
	long seed = -1;
	rng *r = rng_global();
	if (o) {
		lua_getfield(L, o, "random_state");
		if (!lua_isnil(L, -1)) {
			int isnum;
			lua_Integer s = lua_tointegerx(L, -1, &isnum);
			if (!isnum || s < 0 || s > 0xFFFFFFFFLL)
				return nnlua_error(L, "%s: random_state must be an integer in 0..2^32-1", fname);
			seed = (long)s;
		}
		lua_pop(L, 1);
	}
	size_t *perm = lua_newuserdatauv(L, n * sizeof(size_t), 0);
	ds_split_perm(r, seed, n, perm);
	pushrows(L, X, perm + ntest, n - ntest);
	pushrows(L, X, perm, ntest);
	if (!y)
		return 2;
	pushrows(L, y, perm + ntest, n - ntest);
	pushrows(L, y, perm, ntest);
	return 4;
}

void nnlua_open_datasets(lua_State *L)
{
	lua_newtable(L);
	lua_pushcfunction(L, l_make_circles);
	lua_setfield(L, -2, "make_circles");
	lua_pushcfunction(L, l_make_blobs);
	lua_setfield(L, -2, "make_blobs");
	lua_setfield(L, -2, "datasets");
	lua_newtable(L);
	lua_pushcfunction(L, l_train_test_split);
	lua_setfield(L, -2, "train_test_split");
	lua_setfield(L, -2, "model_selection");
}
