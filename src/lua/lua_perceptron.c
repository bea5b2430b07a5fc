/*
** lua_perceptron.c — nn.Perceptron, the classic learning rule of seed 003.
**
**   local p = nn.Perceptron{inputs = 2, weights = {0.5, 0.5}, threshold = 0.5}
**   p{1, 1}                  --> 1
**   p:adjust(target, p(x), x)
**
** Options: inputs (required unless weights are given), weights (a table or
** array; drawn as random(n)*2-1 from the global generator when absent),
** bias (true or a number: adds a bias input of that value, default 1, with
** its own weight), learning_rate (default 0.1), activation ("step" or
** "sigmoid"), threshold (the step fires when the sum is greater than it;
** without one, when the sum is >= 0).
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <string.h>

#include "lua_nn.h"
#include "perceptron.h"

#define PCP_MT "nn.Perceptron"

typedef struct lpcp {
	nn_perceptron *p;
} lpcp;

static nn_perceptron *checkp(lua_State *L, int idx)
{
	lpcp *u = luaL_checkudata(L, idx, PCP_MT);
	if (!u->p)
		nnlua_error(L, "the perceptron has been freed");
	return u->p;
}

/* Reads an input vector (table or array) of exactly p->inputs numbers into x. */
static void readx(lua_State *L, int idx, const nn_perceptron *p, double *x, const char *fname)
{
	mat tmp;
	double num;
	mat *m = nnlua_arg(L, idx, &tmp, &num);
	if (mat_size(m) != p->inputs || m->ndim == 0) {
		char s[48];
		nnlua_error(L, "%s: the perceptron has %d inputs but got an input of shape %s", fname,
		           (int)p->inputs, mat_shape_str(m, s));
	}
	memcpy(x, m->data, p->inputs * sizeof(double));
}

static int l_new(lua_State *L)
{
	const char *fname = "nn.Perceptron";
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer inputs = nnlua_optintfield(L, 1, "inputs", 0);
	lua_getfield(L, 1, "bias");
	int has_bias = lua_toboolean(L, -1);
	double bias = lua_type(L, -1) == LUA_TNUMBER ? lua_tonumber(L, -1) : 1.0;
	lua_pop(L, 1);
	lua_getfield(L, 1, "weights");
	mat *w = NULL;
	mat tmp;
	double num;
	int wi = lua_gettop(L);
	if (!lua_isnil(L, wi)) {
		w = nnlua_arg(L, wi, &tmp, &num);
		size_t n = mat_size(w);
		if (inputs == 0)
			inputs = (lua_Integer)n - has_bias;
		if (n != (size_t)inputs + (size_t)has_bias)
			return nnlua_error(L, "%s: %d weights given but %d inputs%s need %d", fname, (int)n,
			                  (int)inputs, has_bias ? " and a bias" : "", (int)inputs + has_bias);
	}
	if (inputs < 1 || inputs > 100000)
		return nnlua_error(L, "%s: inputs = %lld must be between 1 and 100000", fname, inputs);
	const char *act = nnlua_optstrfield(L, 1, "activation", "step");
	nn_pcp_act a;
	if (strcmp(act, "step") == 0)
		a = NN_PCP_STEP;
	else if (strcmp(act, "sigmoid") == 0)
		a = NN_PCP_SIGMOID;
	else
		return nnlua_error(L, "%s: activation must be \"step\" or \"sigmoid\", got \"%s\"", fname, act);
	double lr = nnlua_optnumfield(L, 1, "learning_rate", 0.1);
	if (!isfinite(lr))
		return nnlua_error(L, "%s: learning_rate must be a finite number", fname);
	lpcp *u = lua_newuserdatauv(L, sizeof *u, 0);
	u->p = NULL;
	luaL_setmetatable(L, PCP_MT);
	u->p = nn_perceptron_new((size_t)inputs, has_bias, w ? w->data : NULL, rng_global());
	if (!u->p)
		return nnlua_error(L, "%s: not enough memory", fname);
	u->p->bias = bias;
	u->p->lr = lr;
	u->p->act = a;
	lua_getfield(L, 1, "threshold");
	if (!lua_isnil(L, -1)) {
		u->p->has_threshold = 1;
		u->p->threshold = luaL_checknumber(L, -1);
	}
	lua_pop(L, 1);
	return 1;
}

static int p_gc(lua_State *L)
{
	lpcp *u = luaL_checkudata(L, 1, PCP_MT);
	nn_perceptron_free(u->p);
	u->p = NULL;
	return 0;
}

/* p(x) -> 0 or 1 */
static int p_call(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	double *x = lua_newuserdatauv(L, p->inputs * sizeof(double), 0);
	readx(L, 2, p, x, "perceptron");
	lua_pushinteger(L, nn_perceptron_output(p, x));
	return 1;
}

static int p_sum(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	double *x = lua_newuserdatauv(L, p->inputs * sizeof(double), 0);
	readx(L, 2, p, x, "perceptron:sum");
	lua_pushnumber(L, nn_perceptron_sum(p, x));
	return 1;
}

/* p:adjust(target, output, x) */
static int p_adjust(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	double target = luaL_checknumber(L, 2), output = luaL_checknumber(L, 3);
	double *x = lua_newuserdatauv(L, p->inputs * sizeof(double), 0);
	readx(L, 4, p, x, "perceptron:adjust");
	nn_perceptron_adjust(p, target, output, x);
	return 0;
}

static int p_index(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (strcmp(k, "weights") == 0) {
		size_t n = p->inputs + (size_t)p->has_bias;
		mat *w = nnlua_newmat(L, mat_shape1(n), "weights");
		memcpy(w->data, p->w, n * sizeof(double));
	} else if (strcmp(k, "learning_rate") == 0) {
		lua_pushnumber(L, p->lr);
	} else if (strcmp(k, "inputs") == 0) {
		lua_pushinteger(L, (lua_Integer)p->inputs);
	} else if (strcmp(k, "bias") == 0) {
		if (p->has_bias)
			lua_pushnumber(L, p->bias);
		else
			lua_pushboolean(L, 0);
	} else if (strcmp(k, "threshold") == 0) {
		if (p->has_threshold)
			lua_pushnumber(L, p->threshold);
		else
			lua_pushnil(L);
	} else if (strcmp(k, "adjust") == 0) {
		lua_pushcfunction(L, p_adjust);
	} else if (strcmp(k, "sum") == 0) {
		lua_pushcfunction(L, p_sum);
	} else {
		lua_pushnil(L);
	}
	return 1;
}

static int p_newindex(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (strcmp(k, "learning_rate") == 0) {
		p->lr = luaL_checknumber(L, 3);
	} else if (strcmp(k, "weights") == 0) {
		mat tmp;
		double num;
		mat *w = nnlua_arg(L, 3, &tmp, &num);
		size_t n = p->inputs + (size_t)p->has_bias;
		if (mat_size(w) != n || w->ndim == 0)
			return nnlua_error(L, "perceptron.weights: expects %d weights", (int)n);
		memcpy(p->w, w->data, n * sizeof(double));
	} else {
		return nnlua_error(L, "perceptron: cannot set '%s' (only weights and learning_rate)", k);
	}
	return 0;
}

static int p_tostring(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	lua_pushfstring(L, "Perceptron(%d inputs%s, learning_rate=%f)", (int)p->inputs,
	                p->has_bias ? " + bias" : "", p->lr);
	return 1;
}

void nnlua_open_perceptron(lua_State *L)
{
	luaL_newmetatable(L, PCP_MT);
	nnlua_hide_metatable(L);
	lua_pushcfunction(L, p_gc);
	lua_setfield(L, -2, "__gc");
	lua_pushcfunction(L, p_call);
	lua_setfield(L, -2, "__call");
	lua_pushcfunction(L, p_index);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, p_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, p_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pop(L, 1);
	lua_pushcfunction(L, l_new);
	lua_setfield(L, -2, "Perceptron");
}
