/*
** lmodel.c — Keras-like networks: nn.Dense, nn.Sequential, its layers.
**
** The C side trains one epoch (or one batch) per call; model:fit, which
** loops over epochs, reports progress and yields between them, is Lua code
** (nn_fit.lua) so a long training run stays interruptible and animates.
*/
#include "lmodel_int.h"

#include <string.h>

#include "larray_int.h"
#include "loptim_int.h"
#include "strbuf.h"

static const lkit_type model_type, layer_type, dense_type;

/* A model's box: the Lua handle of an nn_model. */
typedef struct lmodel {
	nn_model *m;
} lmodel;

static lmodel *checkmodel(lua_State *L, int idx)
{
	return lkit_check(L, idx, &model_type);
}

/* The statuses of src/nn; a stopped call ends with the kernel's message. */
static const lkit_errors nn_errors = {nn_strerror, MAT_ECANCEL};

/* Raises a Lua error for an NN_/MAT_ status, naming the call. */
static int nnerror(lua_State *L, const char *fname, int st)
{
	return lkit_fail(L, fname, st, &nn_errors);
}

/* --- nn.Dense: a layer description, built when added to a model ---------- */

static int l_dense(lua_State *L)
{
	lua_Integer units = luaL_checkinteger(L, 1);
	if (units < 1 || units > 100000)
		return lkit_error(L, "nn.Dense: units = %lld must be between 1 and 100000", units);
	int o = lkit_opttable(L, 2);
	const char *act = lkit_optstr(L, o, "activation", "linear");
	nn_act a;
	if (nn_act_parse(act, &a) != 0)
		return lkit_error(L, "nn.Dense: unknown activation '%s' (linear, sigmoid, tanh, relu, softmax, step)", act);
	lua_Integer in = lkit_optint(L, o, "input_dim", 0);
	if (in < 0 || in > 100000)
		return lkit_error(L, "nn.Dense: input_dim = %lld must be between 1 and 100000", in);
	lua_createtable(L, 0, 4);
	lua_pushinteger(L, units);
	lua_setfield(L, -2, "units");
	lua_pushstring(L, nn_act_name(a));
	lua_setfield(L, -2, "activation");
	lua_pushinteger(L, in);
	lua_setfield(L, -2, "input_dim");
	lkit_settype(L, &dense_type);
	return 1;
}

static int dense_tostring(lua_State *L)
{
	lua_getfield(L, 1, "units");
	lua_getfield(L, 1, "activation");
	lua_pushfstring(L, "Dense(%d, activation=%s)", (int)lua_tointeger(L, -2), lua_tostring(L, -1));
	return 1;
}

/* --- the model -------------------------------------------------------------- */

/* Adds the Dense description at idx to the model. */
static void add_layer(lua_State *L, lmodel *lm, int idx)
{
	if (!lkit_test(L, idx, &dense_type) && !lua_istable(L, idx))
		lkit_error(L, "nn.Sequential: layers must be nn.Dense(...), got a %s", luaL_typename(L, idx));
	lua_Integer units = lkit_optint(L, idx, "units", 0);
	lua_Integer in = lkit_optint(L, idx, "input_dim", 0);
	const char *act = lkit_optstr(L, idx, "activation", "linear");
	nn_act a;
	if (units < 1 || units > 100000 || in < 0 || in > 100000 || nn_act_parse(act, &a) != 0)
		lkit_error(L, "nn.Sequential: a layer needs units (1..100000) and a known activation");
	if (in && nn_model_nlayers(lm->m) > 0) {
		size_t prev = nn_model_output_dim(lm->m);
		if ((size_t)in != prev)
			lkit_error(L, "nn.Sequential: layer %d has input_dim = %lld but the layer before it has %d units",
			           (int)nn_model_nlayers(lm->m) + 1, in, (int)prev);
	}
	int st = nn_model_add_dense(lm->m, (size_t)units, a, (size_t)in, rng_global());
	if (st != NN_OK)
		nnerror(L, "model:add", st);
}

/* nn.Sequential([layers]): with no layers, as in Keras, they come with model:add. */
static int l_sequential(lua_State *L)
{
	int layers = !lua_isnoneornil(L, 1);
	if (layers)
		luaL_checktype(L, 1, LUA_TTABLE);
	lmodel *lm = lkit_new(L, &model_type, sizeof *lm, 1);
	lm->m = nn_model_new();
	if (!lm->m)
		return lkit_error(L, "nn.Sequential: not enough memory");
	lua_newtable(L); /* uservalue: history and other Lua-side fields */
	lua_setiuservalue(L, -2, 1);
	if (layers) {
		lua_Integer n = luaL_len(L, 1);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_geti(L, 1, i);
			add_layer(L, lm, lua_gettop(L));
			lua_pop(L, 1);
		}
	}
	return 1;
}

static int m_add(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	add_layer(L, lm, 2);
	lua_settop(L, 1);
	return 1;
}

/* compile{loss = "mse", optimizer = "rmsprop" or nn.optimizers.X{...}, keras = "2.4"} */
static int m_compile(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	int o = lkit_opttable(L, 2);
	const char *lname = lkit_optstr(L, o, "loss", "mean_squared_error");
	nn_loss loss;
	if (nn_loss_parse(lname, &loss) != 0)
		return lkit_error(L, "model:compile: unknown loss '%s' (mse, mae, hinge, binary_crossentropy, "
		                  "categorical_crossentropy, mean_squared_logarithmic_error, "
		                  "mean_absolute_percentage_error)", lname);
	nn_optim opt;
	loptim_compile(L, o, &loss, &opt);
	int st = nn_model_compile(lm->m, loss, &opt);
	if (st != NN_OK)
		return nnerror(L, "model:compile", st);
	lua_settop(L, 1);
	return 1;
}

/* Checks X, y against the model and builds it for X's width. */
static void checkdata(lua_State *L, lmodel *lm, const mat *X, const mat *y, const char *fname)
{
	if (X->ndim != 2) {
		char s[48];
		lkit_error(L, "%s: X must be a 2-D array (samples x features), got shape %s", fname,
		           mat_shape_str(X, s));
	}
	int st = nn_model_build(lm->m, X->cols, rng_global());
	if (st == NN_OK)
		st = nn_model_check_data(lm->m, X, y);
	if (st == NN_EINPUT)
		lkit_error(L, "%s: X has %d features per sample but the model's first layer expects %d", fname,
		           (int)X->cols, (int)nn_model_input_dim(lm->m));
	if (st == NN_ETARGET && y) {
		char s[48];
		lkit_error(L, "%s: y has shape %s but the model gives %d output%s per sample for %d samples", fname,
		           mat_shape_str(y, s), (int)nn_model_output_dim(lm->m),
		           nn_model_output_dim(lm->m) == 1 ? "" : "s", (int)X->rows);
	}
	if (st != NN_OK)
		nnerror(L, fname, st);
}

/* model:train_epoch(X, y [, {batch_size = 32, shuffle = true}]) -> loss, steps */
static int m_train_epoch(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	mat tx, ty;
	double nx, ny;
	mat *X = larray_arg(L, 2, &tx, &nx);
	mat *y = larray_arg(L, 3, &ty, &ny);
	int o = lua_istable(L, 4) ? 4 : 0;
	lua_Integer bs = lkit_optint(L, o, "batch_size", 32);
	int shuffle = lkit_optbool(L, o, "shuffle", 1);
	if (bs < 1)
		return lkit_error(L, "model:train_epoch: batch_size = %lld must be positive", bs);
	if (!nn_model_compiled(lm->m))
		return lkit_error(L, "model:train_epoch: compile the model first (model:compile{loss = ...})");
	checkdata(L, lm, X, y, "model:train_epoch");
	double loss;
	size_t steps;
	int st = nn_model_train_epoch(lm->m, X, y, (size_t)bs, shuffle, rng_global(), &loss, &steps);
	if (st != NN_OK)
		return nnerror(L, "model:train_epoch", st);
	lua_pushnumber(L, loss);
	lua_pushinteger(L, (lua_Integer)steps);
	return 2;
}

/* Takes X and y (arguments 2 and 3) for a compiled model and checks them. */
static void traindata(lua_State *L, lmodel *lm, mat *tx, mat *ty, mat **X, mat **y,
                      const char *fname)
{
	double nx, ny;
	*X = larray_arg(L, 2, tx, &nx);
	*y = larray_arg(L, 3, ty, &ny);
	if (!nn_model_compiled(lm->m))
		lkit_error(L, "%s: compile the model first", fname);
	checkdata(L, lm, *X, *y, fname);
}

/* model:train_batch(X, y) -> loss: one update on all of X as one batch. */
static int m_train_batch(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	mat tx, ty, *X, *y;
	traindata(L, lm, &tx, &ty, &X, &y, "model:train_batch");
	size_t *idx = lkit_scratch(L, X->rows, sizeof *idx);
	for (size_t i = 0; i < X->rows; i++)
		idx[i] = i;
	double loss;
	int st = nn_model_train_batch(lm->m, X, y, idx, X->rows, &loss);
	if (st != NN_OK)
		return nnerror(L, "model:train_batch", st);
	lua_pushnumber(L, loss);
	return 1;
}

static int m_predict(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	mat tx;
	double nx;
	mat *X = larray_arg(L, 2, &tx, &nx);
	if (X->ndim == 1) { /* one sample given as a row */
		mat *r = larray_new(L, mat_shape2(1, X->cols), "model:predict");
		mat_copy(r, X);
		lua_replace(L, 2);
		X = r;
	}
	checkdata(L, lm, X, NULL, "model:predict");
	mat *out = larray_new(L, mat_shape2(X->rows, nn_model_output_dim(lm->m)), "model:predict");
	int st = nn_model_predict(lm->m, X, out);
	if (st != NN_OK)
		return nnerror(L, "model:predict", st);
	return 1;
}

static int m_evaluate(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	mat tx, ty, *X, *y;
	traindata(L, lm, &tx, &ty, &X, &y, "model:evaluate");
	double loss;
	int st = nn_model_evaluate(lm->m, X, y, &loss);
	if (st != NN_OK)
		return nnerror(L, "model:evaluate", st);
	lua_pushnumber(L, loss);
	return 1;
}

static void pushsummary(lua_State *L, lmodel *lm)
{
	strbuf sb = STRBUF_INIT;
	nn_model_summary(lm->m, &sb);
	lua_pushlstring(L, sb_str(&sb), sb.len);
	sb_free(&sb);
}

static int m_tostring(lua_State *L)
{
	pushsummary(L, checkmodel(L, 1));
	return 1;
}

static int m_count_params(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)nn_model_param_count(checkmodel(L, 1)->m));
	return 1;
}

/* Pushes a copy of a model-owned array (NULL: nil). */
static void pushcopy(lua_State *L, const mat *m)
{
	if (!m) {
		lua_pushnil(L);
		return;
	}
	mat_shape s = {m->rows, m->cols, m->ndim};
	mat *c = larray_new(L, s, "get_weights");
	mat_copy(c, m);
}

/* model:get_weights() -> {W1, b1, W2, b2, ...}, as Keras. */
static int m_get_weights(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	size_t n = nn_model_nlayers(lm->m);
	lua_createtable(L, (int)(2 * n), 0);
	for (size_t i = 0; i < n; i++) {
		if (!nn_model_kernel(lm->m, i))
			return lkit_error(L, "model:get_weights: the model is not built yet (give input_dim or fit first)");
		pushcopy(L, nn_model_kernel(lm->m, i));
		lua_rawseti(L, -2, (lua_Integer)(2 * i + 1));
		pushcopy(L, nn_model_bias(lm->m, i));
		lua_rawseti(L, -2, (lua_Integer)(2 * i + 2));
	}
	return 1;
}

static void setweights(lua_State *L, lmodel *lm, size_t i, int wi, int bi, const char *fname)
{
	mat tw, tb;
	double nw, nb;
	mat *W = larray_arg(L, wi, &tw, &nw);
	mat *b = larray_arg(L, bi, &tb, &nb);
	const mat *K = nn_model_kernel(lm->m, i), *B = nn_model_bias(lm->m, i);
	if (!K)
		lkit_error(L, "%s: layer %d is not built yet (its input size is unknown)", fname, (int)i + 1);
	if (W->rows * W->cols != K->rows * K->cols || (W->ndim == 2 && (W->rows != K->rows || W->cols != K->cols)))
		larray_shape_error(L, fname, W, K, "differ (new kernel, layer kernel)");
	if (mat_size(b) != mat_size(B))
		larray_shape_error(L, fname, b, B, "differ (new bias, layer bias)");
	int st = nn_model_set_weights(lm->m, i, W, b);
	if (st != NN_OK)
		nnerror(L, fname, st);
}

static int m_set_weights(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	luaL_checktype(L, 2, LUA_TTABLE);
	size_t n = nn_model_nlayers(lm->m);
	if ((size_t)luaL_len(L, 2) != 2 * n)
		return lkit_error(L, "model:set_weights: expects %d arrays (kernel and bias per layer)", (int)(2 * n));
	for (size_t i = 0; i < n; i++) {
		lua_geti(L, 2, (lua_Integer)(2 * i + 1));
		lua_geti(L, 2, (lua_Integer)(2 * i + 2));
		setweights(L, lm, i, lua_gettop(L) - 1, lua_gettop(L), "model:set_weights");
		lua_pop(L, 2);
	}
	return 0;
}

/* --- layers, as model.layers[i] ------------------------------------------ */

typedef struct llayer {
	size_t index;
} llayer;

/* Pushes a proxy for layer i; the proxy keeps the model alive. */
static void pushlayer(lua_State *L, int model, size_t i)
{
	llayer *ly = lkit_new(L, &layer_type, sizeof *ly, 1);
	ly->index = i;
	lua_pushvalue(L, model);
	lua_setiuservalue(L, -2, 1);
}

static lmodel *layermodel(lua_State *L, int idx, size_t *i)
{
	llayer *ly = lkit_check(L, idx, &layer_type);
	lua_getiuservalue(L, idx, 1);
	lmodel *lm = checkmodel(L, -1);
	lua_pop(L, 1); /* still referenced by the proxy */
	*i = ly->index;
	return lm;
}

static int ly_get_weights(lua_State *L)
{
	size_t i;
	lmodel *lm = layermodel(L, 1, &i);
	if (!nn_model_kernel(lm->m, i))
		return lkit_error(L, "get_weights: layer %d is not built yet (give input_dim or fit first)", (int)i + 1);
	pushcopy(L, nn_model_kernel(lm->m, i));
	pushcopy(L, nn_model_bias(lm->m, i));
	return 2;
}

static int ly_set_weights(lua_State *L)
{
	size_t i;
	lmodel *lm = layermodel(L, 1, &i);
	setweights(L, lm, i, 2, 3, "set_weights");
	return 0;
}

static int ly_index(lua_State *L)
{
	size_t i;
	lmodel *lm = layermodel(L, 1, &i);
	const char *k = luaL_checkstring(L, 2);
	nn_layer_info info;
	if (nn_model_layer_info(lm->m, i, &info) != NN_OK)
		return lkit_error(L, "layer %d no longer exists", (int)i + 1);
	if (strcmp(k, "units") == 0) lua_pushinteger(L, (lua_Integer)info.units);
	else if (strcmp(k, "input_dim") == 0) lua_pushinteger(L, (lua_Integer)info.input_dim);
	else if (strcmp(k, "activation") == 0) lua_pushstring(L, nn_act_name(info.act));
	else lua_rawget(L, lua_upvalueindex(1)); /* methods: get_weights, set_weights */
	return 1;
}

static int ly_tostring(lua_State *L)
{
	size_t i;
	lmodel *lm = layermodel(L, 1, &i);
	nn_layer_info info;
	nn_model_layer_info(lm->m, i, &info);
	lua_pushfstring(L, "Dense(%d, activation=%s)", (int)info.units, nn_act_name(info.act));
	return 1;
}

static int m_index(lua_State *L)
{
	lmodel *lm = checkmodel(L, 1);
	const char *k = lua_tostring(L, 2);
	if (k && strcmp(k, "layers") == 0) {
		size_t n = nn_model_nlayers(lm->m);
		lua_createtable(L, (int)n, 0);
		for (size_t i = 0; i < n; i++) {
			pushlayer(L, 1, i);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		return 1;
	}
	if (k && strcmp(k, "input_dim") == 0) {
		lua_pushinteger(L, (lua_Integer)nn_model_input_dim(lm->m));
		return 1;
	}
	if (k && strcmp(k, "output_dim") == 0) {
		lua_pushinteger(L, (lua_Integer)nn_model_output_dim(lm->m));
		return 1;
	}
	if (k && strcmp(k, "loss") == 0) {
		if (nn_model_compiled(lm->m))
			lua_pushstring(L, nn_loss_name(nn_model_loss(lm->m)));
		else
			lua_pushnil(L);
		return 1;
	}
	if (k && strcmp(k, "version") == 0) {
		lua_pushinteger(L, (lua_Integer)nn_model_version(lm->m));
		return 1;
	}
	lua_pushvalue(L, 2);
	lua_rawget(L, lua_upvalueindex(1)); /* methods */
	if (!lua_isnil(L, -1))
		return 1;
	lua_getiuservalue(L, 1, 1); /* Lua-side fields (history, ...) */
	lua_pushvalue(L, 2);
	lua_rawget(L, -2);
	return 1;
}

static int m_newindex(lua_State *L)
{
	checkmodel(L, 1);
	luaL_checkstring(L, 2);
	lua_getiuservalue(L, 1, 1);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, 3);
	lua_rawset(L, -3);
	return 0;
}

int lmodel_is(lua_State *L, int idx) { return lkit_test(L, idx, &model_type) != NULL; }

int lmodel_is_layer(lua_State *L, int idx) { return lkit_test(L, idx, &layer_type) != NULL; }

nn_model *lmodel_check(lua_State *L, int idx) { return checkmodel(L, idx)->m; }

nn_model *lmodel_test(lua_State *L, int idx)
{
	lmodel *lm = lkit_test(L, idx, &model_type);
	return lm ? lm->m : NULL;
}

static const luaL_Reg model_methods[] = {
	{"add", m_add},
	{"compile", m_compile},
	{"train_epoch", m_train_epoch},
	{"train_batch", m_train_batch},
	{"predict", m_predict},
	{"evaluate", m_evaluate},
	{"count_params", m_count_params},
	{"get_weights", m_get_weights},
	{"set_weights", m_set_weights},
	{"summary_text", m_tostring},
	{NULL, NULL},
};

static void release(void *m)
{
	nn_model_free(m);
}

static const luaL_Reg model_meta[] = {{"__newindex", m_newindex}, {NULL, NULL}};

static const lkit_type model_type = {
	.name = "nn.Sequential", .what = "the model", .tostring = m_tostring,
	.methods = model_methods, .meta = model_meta, .index = m_index, .release = release,
};

static const luaL_Reg layer_methods[] = {
	{"get_weights", ly_get_weights}, {"set_weights", ly_set_weights}, {NULL, NULL},
};

static const lkit_type layer_type = {
	.name = "nn.Layer", .what = "the layer", .tostring = ly_tostring,
	.methods = layer_methods, .index = ly_index,
};

static const lkit_type dense_type = {.name = "nn.Dense", .what = "the layer", .tostring = dense_tostring};

void lmodel_open(lua_State *L, int nn)
{
	static const luaL_Reg funcs[] = {{"Dense", l_dense}, {"Sequential", l_sequential}, {NULL, NULL}};
	lkit_type_push(L, &model_type);
	lua_setfield(L, nn, "_model_methods"); /* nn_fit.lua adds fit, summary */
	lua_pushvalue(L, nn);
	luaL_setfuncs(L, funcs, 0);
	lua_pop(L, 2);
	loptim_open(L, nn);
}
