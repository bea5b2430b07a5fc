/*
** lua_random.c — nn.random: numpy's legacy random functions on the global
** generator, and nn.random.RandomState(seed) objects with the same methods.
**
** Every function draws in numpy's order, so `nn.random.seed(1)` followed by
** the notebook's calls prints the notebook's numbers.  Without a shape the
** functions return a number; with one (an integer n or {rows, cols}) an
** array.  permutation() returns numpy's values plus one (1-based).
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "lua_nn.h"
#include "rng.h"

#define RNG_MT "nn.RandomState"

/*
** Returns the generator a call uses and the index of its first real
** argument: a RandomState method call passes the object first.
*/
static rng *getrng(lua_State *L, int *first)
{
	rng *r = luaL_testudata(L, 1, RNG_MT);
	*first = r ? 2 : 1;
	return r ? r : rng_global();
}

rng *nnlua_random_state(lua_State *L, int idx, rng *tmp, const char *fname)
{
	if (lua_isnoneornil(L, idx))
		return rng_global();
	rng *r = luaL_testudata(L, idx, RNG_MT);
	if (r)
		return r;
	int isnum;
	lua_Integer s = lua_tointegerx(L, idx, &isnum);
	if (!isnum || s < 0 || s > 0xFFFFFFFFLL)
		nnlua_error(L, "%s: random_state must be nil, a RandomState or an integer in 0..2^32-1", fname);
	rng_seed(tmp, (uint32_t)s);
	return tmp;
}

static uint32_t checkseed(lua_State *L, int idx, const char *fname)
{
	int isnum;
	lua_Integer s = lua_tointegerx(L, idx, &isnum);
	if (!isnum || s < 0 || s > 0xFFFFFFFFLL)
		nnlua_error(L, "%s: the seed must be an integer between 0 and 2^32-1", fname);
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
		nnlua_pushscalar(L, draw(r, p), isint);
		return 1;
	}
	mat_shape s = nnlua_checkshape(L, shape_idx, fname);
	mat *m = nnlua_newmat(L, s, fname);
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
		return nnlua_error(L, "%s: at most 2 dimensions", fname);
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
		return nnlua_error(L, "nn.random.uniform: bounds must be finite");
	return fill(L, r, a + 2, d_uniform, p, 0, "nn.random.uniform");
}

static int r_normal(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	double p[2] = {luaL_optnumber(L, a, 0.0), luaL_optnumber(L, a + 1, 1.0)};
	if (p[1] < 0)
		return nnlua_error(L, "nn.random.normal: scale %g must not be negative", p[1]);
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
		return nnlua_error(L, "nn.random.randint: low (%lld) must be below high (%lld)", lo, hi);
	if (lo < -((lua_Integer)1 << 53) || hi > ((lua_Integer)1 << 53))
		return nnlua_error(L, "nn.random.randint: bounds must be within +-2^53");
	double p[2] = {(double)lo, (double)hi};
	return fill(L, r, shape, d_randint, p, 1, "nn.random.randint");
}

static int r_permutation(lua_State *L)
{
	int a;
	rng *r = getrng(L, &a);
	mat *src = nnlua_tomat(L, a);
	if (src) {
		mat_shape s = {src->rows, src->cols, src->ndim};
		mat *m = nnlua_newmat(L, s, "nn.random.permutation");
		mat_copy(m, src);
		size_t rows = src->ndim == 2 ? src->rows : src->cols;
		size_t width = src->ndim == 2 ? src->cols : 1;
		rng_shuffle_rows(r, m->data, rows, width);
		return 1;
	}
	lua_Integer n = luaL_checkinteger(L, a);
	if (n < 0 || (unsigned long long)n > MAT_MAX_ELEMS)
		return nnlua_error(L, "nn.random.permutation: n = %lld is out of range", n);
	mat *m = nnlua_newmat(L, mat_shape1((size_t)n), "nn.random.permutation");
	size_t *idx = lua_newuserdatauv(L, ((size_t)n ? (size_t)n : 1) * sizeof(size_t), 0);
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
	mat *m = nnlua_checkmat(L, a);
	size_t rows = m->ndim == 2 ? m->rows : m->cols;
	size_t width = m->ndim == 2 ? m->cols : 1;
	rng_shuffle_rows(r, m->data, rows, width);
	return 0;
}

static int r_new(lua_State *L)
{
	rng *r = lua_newuserdatauv(L, sizeof(rng), 0);
	rng_seed(r, lua_isnoneornil(L, 1) ? 0 : checkseed(L, 1, "nn.random.RandomState"));
	luaL_setmetatable(L, RNG_MT);
	return 1;
}

static int r_tostring(lua_State *L)
{
	luaL_checkudata(L, 1, RNG_MT);
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

void nnlua_open_random(lua_State *L)
{
	lua_newtable(L);
	luaL_setfuncs(L, funcs, 0);
	lua_pushcfunction(L, r_new);
	lua_setfield(L, -2, "RandomState");
	luaL_newmetatable(L, RNG_MT);
	nnlua_hide_metatable(L);
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, "__index"); /* methods: the same functions */
	lua_pushcfunction(L, r_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pop(L, 1);
	lua_setfield(L, -2, "random");
}
