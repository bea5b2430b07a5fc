/*
** loptim.c — the optimizers (nn.optimizers.SGD, RMSprop, Adam) and what
** model:compile reads of them: the optimizer, and the Keras version whose
** arithmetic to follow where versions differ.
*/
#include "loptim_int.h"

#include <math.h>
#include <string.h>

#include "lkit_int.h"

static const lkit_type optim_type;

static void pushoptim(lua_State *L, const nn_optim *o)
{
	nn_optim *u = lkit_new(L, &optim_type, sizeof *u, 0);
	*u = *o;
}

static int optim_new(lua_State *L, nn_optim_kind kind, const char *fname)
{
	nn_optim o;
	nn_optim_defaults(&o, kind);
	int t = lkit_opttable(L, 1);
	o.lr = lkit_optnum(L, t, "learning_rate", lkit_optnum(L, t, "lr", o.lr));
	o.momentum = lkit_optnum(L, t, "momentum", o.momentum);
	o.nesterov = lkit_optbool(L, t, "nesterov", o.nesterov);
	o.rho = lkit_optnum(L, t, "rho", o.rho);
	o.beta1 = lkit_optnum(L, t, "beta_1", o.beta1);
	o.beta2 = lkit_optnum(L, t, "beta_2", o.beta2);
	o.eps = lkit_optnum(L, t, "epsilon", o.eps);
	/* Keras' own limits: a rate of 0 (nothing moves) and a momentum of 1 are allowed */
	if (!(o.lr >= 0 && o.lr < HUGE_VAL) || !(o.momentum >= 0 && o.momentum <= 1) ||
	    !(o.rho >= 0 && o.rho < 1) || !(o.beta1 >= 0 && o.beta1 < 1) ||
	    !(o.beta2 >= 0 && o.beta2 < 1) || !(o.eps >= 0))
		return lkit_error(L, "%s: learning_rate must be >= 0, momentum in [0, 1] and rho, beta_1, "
		                  "beta_2 in [0, 1)", fname);
	pushoptim(L, &o);
	return 1;
}

static int l_sgd(lua_State *L) { return optim_new(L, NN_OPT_SGD, "nn.optimizers.SGD"); }
static int l_rmsprop(lua_State *L) { return optim_new(L, NN_OPT_RMSPROP, "nn.optimizers.RMSprop"); }
static int l_adam(lua_State *L) { return optim_new(L, NN_OPT_ADAM, "nn.optimizers.Adam"); }

static int optim_index(lua_State *L)
{
	nn_optim *o = lkit_check(L, 1, &optim_type);
	const char *k = luaL_checkstring(L, 2);
	if (strcmp(k, "learning_rate") == 0) lua_pushnumber(L, o->lr);
	else if (strcmp(k, "momentum") == 0) lua_pushnumber(L, o->momentum);
	else if (strcmp(k, "nesterov") == 0) lua_pushboolean(L, o->nesterov);
	else if (strcmp(k, "rho") == 0) lua_pushnumber(L, o->rho);
	else if (strcmp(k, "name") == 0) lua_pushstring(L, nn_optim_name(o));
	else lua_pushnil(L);
	return 1;
}

static int optim_tostring(lua_State *L)
{
	nn_optim *o = lkit_check(L, 1, &optim_type);
	if (o->kind == NN_OPT_SGD)
		lua_pushfstring(L, "SGD(learning_rate=%f, momentum=%f%s)", o->lr, o->momentum,
		                o->nesterov ? ", nesterov=true" : "");
	else
		lua_pushfstring(L, "%s(learning_rate=%f)", nn_optim_name(o), o->lr);
	return 1;
}

/*
** compile{keras = "2.2" | "2.4" | "2.11"}: the Keras whose arithmetic to
** follow where versions differ.  "2.2" is standalone Keras 2.2 on
** TensorFlow 1 (binary cross-entropy through logits); "2.4", the default,
** is tf.keras 2.2-2.5 (eps inside the logs); both add RMSprop's eps after
** the square root, "2.11" (the newer optimizers) under it.
*/
static void keras_version(lua_State *L, int o, nn_loss *loss, nn_optim *opt)
{
	const char *v = lkit_optstr(L, o, "keras", "2.4");
	if (strcmp(v, "2.2") == 0) {
		if (*loss == NN_LOSS_BCE)
			*loss = NN_LOSS_BCE_LOGIT;
	} else if (strcmp(v, "2.11") == 0) {
		opt->eps_in_sqrt = 1;
	} else if (strcmp(v, "2.4") != 0) {
		lkit_error(L, "model:compile: keras = '%s' is not one nnbook follows (2.2, 2.4 or 2.11)", v);
	}
}

void loptim_compile(lua_State *L, int o, nn_loss *loss, nn_optim *opt)
{
	nn_optim_defaults(opt, NN_OPT_RMSPROP); /* Keras' default */
	if (o) {
		lua_getfield(L, o, "optimizer");
		if (lua_type(L, -1) == LUA_TSTRING) {
			if (nn_optim_parse(lua_tostring(L, -1), opt) != 0)
				lkit_error(L, "model:compile: unknown optimizer '%s' (sgd, rmsprop, adam)",
				           lua_tostring(L, -1));
		} else if (!lua_isnil(L, -1)) {
			*opt = *(nn_optim *)lkit_check(L, -1, &optim_type);
		}
		lua_pop(L, 1);
	}
	keras_version(L, o, loss, opt);
}

static const lkit_type optim_type = {
	.name = "nn.Optimizer", .what = "the optimizer", .tostring = optim_tostring, .index = optim_index,
};

void loptim_open(lua_State *L, int nn)
{
	static const luaL_Reg optimizers[] = {
		{"SGD", l_sgd}, {"RMSprop", l_rmsprop}, {"Adam", l_adam}, {NULL, NULL},
	};
	luaL_newlib(L, optimizers);
	lua_setfield(L, nn, "optimizers");
}
