/*
** lperceptron.c — nn.Perceptron, the classic learning rule of seed 003.
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
#include "lperceptron_int.h"

#include <math.h>
#include <string.h>

#include "larray_int.h"
#include "perceptron.h"

static nn_perceptron *checkp(lua_State *L, int idx)
{
	return lkit_object(L, idx, &lperceptron_type);
}

/* Returns an input vector (table or array) of exactly p->inputs numbers, alive on the stack. */
static const double *input(lua_State *L, int idx, const nn_perceptron *p, const char *fname)
{
	mat tmp;
	double num;
	mat *m = larray_arg(L, idx, &tmp, &num);
	if (mat_size(m) != p->inputs || m->ndim == 0) {
		char s[48];
		lkit_error(L, "%s: the perceptron has %d inputs but got an input of shape %s", fname,
		           (int)p->inputs, mat_shape_str(m, s));
	}
	return m->data;
}

static int l_new(lua_State *L)
{
	const char *fname = "nn.Perceptron";
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer inputs = lkit_optint(L, 1, "inputs", 0);
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
		w = larray_arg(L, wi, &tmp, &num);
		size_t n = mat_size(w);
		if (inputs == 0)
			inputs = (lua_Integer)n - has_bias;
		if (n != (size_t)inputs + (size_t)has_bias)
			return lkit_error(L, "%s: %d weights given but %d inputs%s need %d", fname, (int)n,
			                  (int)inputs, has_bias ? " and a bias" : "", (int)inputs + has_bias);
	}
	if (inputs < 1 || inputs > 100000)
		return lkit_error(L, "%s: inputs = %lld must be between 1 and 100000", fname, inputs);
	const char *act = lkit_optstr(L, 1, "activation", "step");
	nn_pcp_act a;
	if (strcmp(act, "step") == 0)
		a = NN_PCP_STEP;
	else if (strcmp(act, "sigmoid") == 0)
		a = NN_PCP_SIGMOID;
	else
		return lkit_error(L, "%s: activation must be \"step\" or \"sigmoid\", got \"%s\"", fname, act);
	double lr = lkit_optnum(L, 1, "learning_rate", 0.1);
	if (!isfinite(lr))
		return lkit_error(L, "%s: learning_rate must be a finite number", fname);
	nn_perceptron **u = lkit_new(L, &lperceptron_type, sizeof *u, 0);
	nn_perceptron *p = *u = nn_perceptron_new((size_t)inputs, has_bias, w ? w->data : NULL, rng_global());
	if (!p)
		return lkit_error(L, "%s: not enough memory", fname);
	p->bias = bias;
	p->lr = lr;
	p->act = a;
	lua_getfield(L, 1, "threshold");
	if (!lua_isnil(L, -1)) {
		p->has_threshold = 1;
		p->threshold = luaL_checknumber(L, -1);
	}
	lua_pop(L, 1);
	return 1;
}

/* p(x) -> 0 or 1 */
static int p_call(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	lua_pushinteger(L, nn_perceptron_output(p, input(L, 2, p, "perceptron")));
	return 1;
}

static int p_sum(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	lua_pushnumber(L, nn_perceptron_sum(p, input(L, 2, p, "perceptron:sum")));
	return 1;
}

/* p:adjust(target, output, x) */
static int p_adjust(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	double target = luaL_checknumber(L, 2), output = luaL_checknumber(L, 3);
	nn_perceptron_adjust(p, target, output, input(L, 4, p, "perceptron:adjust"));
	return 0;
}

static int p_index(lua_State *L)
{
	nn_perceptron *p = checkp(L, 1);
	const char *k = luaL_checkstring(L, 2);
	if (strcmp(k, "weights") == 0) {
		size_t n = p->inputs + (size_t)p->has_bias;
		mat *w = larray_new(L, mat_shape1(n), "weights");
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
	} else {
		lua_pushvalue(L, 2);
		lua_rawget(L, lua_upvalueindex(1)); /* methods: adjust, sum */
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
		mat *w = larray_arg(L, 3, &tmp, &num);
		size_t n = p->inputs + (size_t)p->has_bias;
		if (mat_size(w) != n || w->ndim == 0)
			return lkit_error(L, "perceptron.weights: expects %d weights", (int)n);
		memcpy(p->w, w->data, n * sizeof(double));
	} else {
		return lkit_error(L, "perceptron: cannot set '%s' (only weights and learning_rate)", k);
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

static void release(void *p)
{
	nn_perceptron_free(p);
}

static const luaL_Reg methods[] = {{"adjust", p_adjust}, {"sum", p_sum}, {NULL, NULL}};
static const luaL_Reg meta[] = {{"__call", p_call}, {"__newindex", p_newindex}, {NULL, NULL}};

const lkit_type lperceptron_type = {
	.name = "nn.Perceptron", .what = "the perceptron", .tostring = p_tostring,
	.methods = methods, .meta = meta, .index = p_index, .release = release,
};

void lperceptron_open(lua_State *L, int nn)
{
	lua_pushcfunction(L, l_new);
	lua_setfield(L, nn, "Perceptron");
}
