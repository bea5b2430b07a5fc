/*
** lnetwork.c — plot.network: a drawing of a network's layers (NNV in
** the notebooks), from layer sizes, layer specs or a model:
**
**   plot.network{2, 4, 4, 2, activations = {"relu", "relu", "softmax"}}
**   plot.network{layers = {{units = 3, title = "input"}, ...}}
**   plot.network(model)
**   plot.network{model = m, xlim = {-3, 3}, ylim = {-3, 3}}
**
** The diagram (diagram.h) is reference counted; it is shown in the cell's
** output when made (show = false defers to net:show()).  The last form
** also maps what each unit computes over the input plane; it keeps its
** model and samples it again at every frame() where the model changed
** (and at net:set()), so the maps follow training and scrub with the rest.
** fig:regions(m, {unit = {layer, k}}) reads one unit's map the same way.
*/
#include "lnetwork_int.h"

#include <math.h>
#include <string.h>

#include "activation.h"
#include "diagram.h"
#include "ldisplay_int.h"
#include "lmodel_int.h"
#include "lplot_int.h"
#include "lread_int.h"
#include "lua_nn.h"

static const lkit_type net_type;

/* A network handle: the box of its diagram and, with maps, what they were sampled from. */
typedef struct lnet {
	diagram *d;
	unsigned long seen;   /* the model's version the maps show */
	double plane[4];      /* the input plane: x0, x1, y0, y1 */
} lnet;

/* The registry's table of networks with maps, weak keys: frame() samples them again. */
static const char live_key = 0;

static diagram *checknet(lua_State *L, int idx)
{
	return lkit_object(L, idx, &net_type);
}

/* --- what each unit computes --------------------------------------------------------- */

/* Checks that m can be mapped over a plane: built, two inputs.  Returns it. */
static nn_model *mappable(lua_State *L, int idx, const char *fname)
{
	nn_model *m = lmodel_check(L, idx);
	size_t nl = nn_model_nlayers(m);
	if (!nl || !nn_model_input_dim(m) || !nn_model_kernel(m, nl - 1))
		lkit_error(L, "%s: the model is not built yet (give input_dim or fit it first)", fname);
	if (nn_model_input_dim(m) != 2)
		lkit_error(L, "%s: the model takes %d inputs; maps need 2 (x1, x2)", fname,
		           (int)nn_model_input_dim(m));
	return m;
}

/*
** Runs m on the point (x, y), leaving every layer's outputs in out (one
** after the other, nn_model_nlayers of them); z is scratch as long as the
** widest layer.  Returns the number of values written.
*/
static size_t forward(nn_model *m, double x, double y, double *out, double *z)
{
	const double *a = NULL;
	double in[2] = {x, y};
	size_t n = 0, from = 2;
	a = in;
	for (size_t l = 0; l < nn_model_nlayers(m); l++) {
		nn_layer_info info;
		nn_model_layer_info(m, l, &info);
		const mat *K = nn_model_kernel(m, l), *B = nn_model_bias(m, l);
		for (size_t u = 0; u < info.units; u++) {
			double s = B ? B->data[u] : 0;
			for (size_t q = 0; q < from; q++)
				s += a[q] * K->data[q * info.units + u];
			z[u] = s;
		}
		nn_act_forward(info.act, z, out + n, 1, info.units);
		a = out + n;
		n += info.units;
		from = info.units;
	}
	return n;
}

/* The class the output o (k values) says: argmax, or o >= 0.5 for one; -1 for NaN. */
static int decide(const double *o, size_t k)
{
	size_t best = 0;
	for (size_t q = 1; q < k; q++)
		if (o[q] > o[best])
			best = q;
	if (isnan(o[best]))
		return -1;
	return k == 1 ? o[0] >= 0.5 : (int)best;
}

/* Samples the model at idx over the plane into the diagram's maps. */
static void sample_maps(lua_State *L, int idx, diagram *d, const double plane[4], const char *fname)
{
	nn_model *m = mappable(L, idx, fname);
	size_t nl = nn_model_nlayers(m), total = 0, nw = 0, from = 2;
	for (size_t l = 0; l < nl; l++) {
		nn_layer_info info;
		nn_model_layer_info(m, l, &info);
		total += info.units;
		nw += from * info.units;
		from = info.units;
	}
	int top = lua_gettop(L);
	double *act = lkit_scratch(L, (total + 2) * DIAGRAM_MAP_N, sizeof *act);
	double *w = lkit_scratch(L, nw, sizeof *w), *out = lkit_scratch(L, total, sizeof *out);
	double *z = lkit_scratch(L, total, sizeof *z);
	int *dec = lkit_scratch(L, DIAGRAM_MAP_N, sizeof *dec);
	for (size_t p = 0; p < DIAGRAM_MAP_N; p++) {
		size_t i = p % DIAGRAM_MAP_W, j = p / DIAGRAM_MAP_W;
		double x = plane[0] + (plane[1] - plane[0]) * ((double)i + 0.5) / DIAGRAM_MAP_W;
		double y = plane[3] - (plane[3] - plane[2]) * ((double)j + 0.5) / DIAGRAM_MAP_H;
		size_t n = forward(m, x, y, out, z);
		act[p] = x;
		act[DIAGRAM_MAP_N + p] = y;
		for (size_t u = 0; u < n; u++)
			act[(u + 2) * DIAGRAM_MAP_N + p] = out[u];
		dec[p] = decide(out + n - nn_model_output_dim(m), nn_model_output_dim(m));
	}
	for (size_t l = 0, at = 0; l < nl; l++) {
		const mat *K = nn_model_kernel(m, l);
		memcpy(w + at, K->data, mat_size(K) * sizeof *w);
		at += mat_size(K);
	}
	diagram_maps maps = {{plane[0], plane[1], plane[2], plane[3]}, act, w, dec};
	int rc = diagram_set_maps(d, &maps);
	if (rc != DIAGRAM_OK)
		lkit_error(L, "%s: %s", fname, rc == DIAGRAM_ENOMEM ? "not enough memory" :
		           "a layer is too long to map (at most 64 units)");
	lua_settop(L, top);
}

/* Returns the units of m's layer i. */
static size_t layer_units(const nn_model *m, size_t i)
{
	nn_layer_info info;
	nn_model_layer_info(m, i, &info);
	return info.units;
}

/* Writes "2, 4, 1": the units of the diagram's layers (m NULL) or of m's input and layers. */
static void shape_text(const diagram *d, nn_model *m, char *buf, size_t size)
{
	size_t n = m ? nn_model_nlayers(m) + 1 : diagram_nlayers(d), at = 0;
	buf[0] = 0;
	for (size_t i = 0; i < n && at < size; i++) {
		size_t u = !m ? diagram_units(d, i) : i ? layer_units(m, i - 1) : nn_model_input_dim(m);
		int k = snprintf(buf + at, size - at, i ? ", %zu" : "%zu", u);
		at += k > 0 ? (size_t)k : 0;
	}
}

/*
** Returns 1 when m has the diagram's layers (the maps are read by the
** diagram's sizes, so another shape would be read past its arrays).  A
** model grows with add(); net:set can be handed any model.
*/
static int same_shape(const diagram *d, nn_model *m)
{
	size_t nl = nn_model_nlayers(m);
	if (nl + 1 != diagram_nlayers(d) || nn_model_input_dim(m) != diagram_units(d, 0))
		return 0;
	for (size_t i = 0; i < nl; i++)
		if (layer_units(m, i) != diagram_units(d, i + 1))
			return 0;
	return 1;
}

/*
** Samples the network at idx again from its model when the model changed
** since (force: now, and say why it cannot).  frame() passes over a model
** closed or grown since the diagram was made: its maps stay as they were.
*/
static void refresh(lua_State *L, int idx, int force, const char *fname)
{
	lnet *n = lkit_check(L, idx, &net_type);
	if (lua_getiuservalue(L, idx, 1) != LUA_TNIL) {
		nn_model *m = force ? lmodel_check(L, -1) : lmodel_test(L, -1);
		int same = m && same_shape(n->d, m);
		if (m && !same && force) {
			char want[256], got[256];
			shape_text(n->d, NULL, want, sizeof want);
			shape_text(n->d, m, got, sizeof got);
			lkit_error(L, "%s: the model's layers are %s; the diagram's %s (make a new "
			           "plot.network{model = m})", fname, got, want);
		}
		if (same && (force || nn_model_version(m) != n->seen)) {
			sample_maps(L, lua_gettop(L), n->d, n->plane, fname);
			n->seen = nn_model_version(m);
		}
	}
	lua_pop(L, 1);
}

void lnetwork_frame(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &live_key) != LUA_TTABLE) {
		lua_pop(L, 1);
		return;
	}
	int t = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		lnet *n = lkit_test(L, -1, &net_type);
		if (n && n->d)   /* a collected network stays a key until the next collection */
			refresh(L, lua_gettop(L), 0, "frame");
	}
	lua_pop(L, 1);
}

/* net:set([model]): samples the maps again (from another model of the same shape, if given). */
static int net_set(lua_State *L)
{
	lkit_check(L, 1, &net_type);
	if (!diagram_has_maps(checknet(L, 1)))
		return lkit_error(L, "net:set: the diagram has no maps (make it with plot.network{model = m})");
	if (!lua_isnoneornil(L, 2)) {
		mappable(L, 2, "net:set");
		lua_settop(L, 2);
		lua_setiuservalue(L, 1, 1);
	}
	refresh(L, 1, 1, "net:set");
	lua_settop(L, 1);
	return 1;
}

void lnetwork_unit_classes(lua_State *L, int idx, const size_t unit[2], const plot_grid *g,
                           const char *fname, int *cls)
{
	nn_model *m = mappable(L, idx, fname);
	size_t nl = nn_model_nlayers(m), at = 0, total = 0;
	if (unit[0] < 1 || unit[0] > nl)
		lkit_error(L, "%s: unit = {layer, k}: the model has layers 1 to %d, not %d", fname, (int)nl,
		           (int)unit[0]);
	nn_layer_info info;
	for (size_t l = 0; l < nl; l++) {
		nn_model_layer_info(m, l, &info);
		if (l + 1 < unit[0])
			at += info.units;
		total += info.units;
	}
	nn_model_layer_info(m, unit[0] - 1, &info);
	if (unit[1] < 1 || unit[1] > info.units)
		lkit_error(L, "%s: unit = {layer, k}: layer %d has units 1 to %d, not %d", fname, (int)unit[0],
		           (int)info.units, (int)unit[1]);
	/* a sigmoid or softmax unit is "on" above one half, the others above 0 */
	double mid = info.act == NN_ACT_SIGMOID || info.act == NN_ACT_SOFTMAX ? 0.5 : 0;
	double *out = lkit_scratch(L, total, sizeof *out), *z = lkit_scratch(L, total, sizeof *z);
	for (size_t j = 0; j < g->ny; j++)
		for (size_t i = 0; i < g->nx; i++) {
			forward(m, plot_grid_x(g, i), plot_grid_y(g, j), out, z);
			double v = out[at + unit[1] - 1];
			cls[j * g->nx + i] = isnan(v) ? -1 : v > mid;
		}
	lua_pop(L, 2);
}

/* Reads an {lo, hi} option (default -3, 3) into lim. */
static void plane_opt(lua_State *L, int o, const char *key, const char *fname, double *lim)
{
	lim[0] = -3;
	lim[1] = 3;
	if (!o || lua_getfield(L, o, key) == LUA_TNIL) {
		if (o)
			lua_pop(L, 1);
		return;
	}
	if (!lua_istable(L, -1) || luaL_len(L, -1) != 2)
		lkit_error(L, "%s: %s must be {lo, hi}", fname, key);
	for (int i = 0; i < 2; i++) {
		lua_geti(L, -1, i + 1);
		lim[i] = lua_tonumber(L, -1);
		if (!lua_isnumber(L, -1) || !isfinite(lim[i]))
			lkit_error(L, "%s: %s must be two finite numbers", fname, key);
		lua_pop(L, 1);
	}
	if (!(lim[0] < lim[1]))
		lkit_error(L, "%s: %s must have lo < hi", fname, key);
	lua_pop(L, 1);
}

static int net_show(lua_State *L)
{
	return ldisplay_show_box(L, &net_type, BLOCK_DIAGRAM, "net:show");
}

static int net_tostring(lua_State *L)
{
	diagram *d = checknet(L, 1);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addstring(&b, "Network(");
	for (size_t i = 0; i < diagram_nlayers(d); i++) {
		if (i)
			luaL_addstring(&b, ", ");
		lua_pushinteger(L, (lua_Integer)diagram_units(d, i));
		luaL_addvalue(&b);
	}
	luaL_addchar(&b, ')');
	luaL_pushresult(&b);
	return 1;
}

/* net:render{width=, mode=, color=false} -> the diagram as text. */
static int net_render(lua_State *L)
{
	static const char *const keys[] = {"width", "mode", "color", NULL};
	const char *fname = "net:render";
	diagram *d = checknet(L, 1);
	int o = lkit_options(L, 2, fname, keys);
	size_t w = lkit_optsize(L, o, "width", fname, CANVAS_MAX_W);
	canvas_mode m = lplot_mode(L, o, fname);
	int color = lkit_optbool(L, o, "color", 0);
	ldisplay_text *s = ldisplay_text_new(L);
	if (diagram_render(d, w ? w : 80, m, color, &s->t) != DIAGRAM_OK)
		return lkit_error(L, "%s: not enough memory", fname);
	ldisplay_text_result(L, s, color, fname);
	return 1;
}

/* Reads a units count for layer i from the value on top. */
static size_t units_of(lua_State *L, const char *fname, int i)
{
	int isnum;
	lua_Integer u = lua_tointegerx(L, -1, &isnum);
	if (!isnum || u < 1 || u > 1000000)
		lkit_error(L, "%s: layer %d must have a whole number of units from 1 to 1000000, got %s",
		           fname, i, lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1) : luaL_typename(L, -1));
	return (size_t)u;
}

/* The default title of layer i of n: input, hidden k, output, and "(act)" on a second line. */
static const char *push_title(lua_State *L, int i, int n, const char *act)
{
	if (i == 0)
		lua_pushliteral(L, "input");
	else if (i == n - 1)
		lua_pushliteral(L, "output");
	else if (n > 3)
		lua_pushfstring(L, "hidden %d", i);
	else
		lua_pushliteral(L, "hidden");
	if (act && *act) {
		lua_pushfstring(L, "\n(%s)", act);
		lua_concat(L, 2);
	}
	return lua_tostring(L, -1);
}

/* Fills ly[0..n) from a model: its input size, then its layers. */
static int layers_of_model(lua_State *L, int idx, diagram_layer *ly, const char *fname)
{
	nn_model *m = lmodel_check(L, idx);
	size_t nl = nn_model_nlayers(m);
	if (nl == 0)
		lkit_error(L, "%s: the model has no layers", fname);
	if (nl + 1 > DIAGRAM_MAX_LAYERS)
		lkit_error(L, "%s: the model has %d layers; a diagram shows at most %d", fname, (int)nl,
		           DIAGRAM_MAX_LAYERS - 1);
	if (!nn_model_input_dim(m))
		lkit_error(L, "%s: the model's input size is not known yet (give input_dim to its first layer)", fname);
	luaL_checkstack(L, (int)nl + 4, fname);
	int n = (int)nl + 1;
	ly[0].units = nn_model_input_dim(m);
	ly[0].title = push_title(L, 0, n, NULL);
	for (size_t i = 0; i < nl; i++) {
		nn_layer_info info;
		nn_model_layer_info(m, i, &info);
		ly[i + 1].units = info.units;
		ly[i + 1].title = push_title(L, (int)i + 1, n, nn_act_name(info.act));
	}
	return n;
}

/* Fills ly from {2, 4, 1, activations=, titles=} or {layers = {{units=, title=, color=}, ...}}. */
static int layers_of_table(lua_State *L, int t, diagram_layer *ly, const char *fname)
{
	lua_getfield(L, t, "layers");
	int specs = lua_istable(L, -1);
	if (!specs)
		lua_pop(L, 1);
	int list = specs ? lua_gettop(L) : t;
	lua_Integer n = luaL_len(L, list);
	if (n < 1)
		lkit_error(L, "%s: give the units of each layer, e.g. plot.network{2, 4, 1}", fname);
	if (n > DIAGRAM_MAX_LAYERS)
		lkit_error(L, "%s: %lld layers; a diagram shows at most %d", fname, n, DIAGRAM_MAX_LAYERS);
	luaL_checkstack(L, (int)n * 6 + 8, fname);
	lua_getfield(L, t, "activations");
	int acts = lua_istable(L, -1) ? lua_gettop(L) : 0;
	lua_Integer nacts = acts ? luaL_len(L, acts) : 0;
	if (acts && nacts != n && nacts != n - 1)
		lkit_error(L, "%s: %lld activations for %lld layers (give one per layer after the input)", fname,
		           nacts, n);
	lua_getfield(L, t, "titles");
	int titles = lua_istable(L, -1) ? lua_gettop(L) : 0;
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, list, i);
		ly[i - 1].color = 0;
		if (specs) {
			if (!lua_istable(L, -1))
				lkit_error(L, "%s: layers[%lld] must be a table {units=, title=}", fname, i);
			int s = lua_gettop(L);
			lua_getfield(L, s, "units");
			ly[i - 1].units = units_of(L, fname, (int)i);
			lua_getfield(L, s, "title");
			ly[i - 1].title = lua_tostring(L, -1); /* kept on the stack */
			lua_getfield(L, s, "color");
			if (!lua_isnil(L, -1)) {
				plot_style st = {0};
				lua_createtable(L, 0, 1);
				lua_pushvalue(L, -2);
				lua_setfield(L, -2, "color");
				lread_style(L, lua_gettop(L), fname, &st);
				ly[i - 1].color = st.color;
			}
			continue;
		}
		ly[i - 1].units = units_of(L, fname, (int)i);
		const char *act = NULL;
		if (acts) {
			lua_Integer k = nacts == n ? i : i - 1;
			if (k >= 1) {
				lua_geti(L, acts, k);
				act = lua_tostring(L, -1);
			}
		}
		if (titles) {
			lua_geti(L, titles, i);
			ly[i - 1].title = lua_tostring(L, -1);
		} else {
			ly[i - 1].title = push_title(L, (int)i - 1, (int)n, act);
		}
	}
	return (int)n;
}

/* Registers the network on top as live: frame() samples its maps again. */
static void make_live(lua_State *L)
{
	nnlua_weak_set_add(L, &live_key, -1);
}

int lnetwork_new(lua_State *L)
{
	static const char *const keys[] = {"layers", "activations", "titles", "show", "model", "xlim",
	                                   "ylim", NULL};
	const char *fname = "plot.network";
	int ismodel = lmodel_is(L, 1);
	if (!ismodel && !lua_istable(L, 1))
		return lkit_error(L, "%s: expects a table of layer sizes or a model, got a %s", fname,
		                  luaL_typename(L, 1));
	int o = lkit_options(L, ismodel ? 2 : 1, fname, keys), mapped = 0;
	if (!ismodel && lua_getfield(L, 1, "model") != LUA_TNIL) {
		if (!lmodel_is(L, -1)) {
			int named = luaL_getmetafield(L, -1, "__name") == LUA_TSTRING;
			const char *what = named ? lua_tostring(L, -1) : luaL_typename(L, -1);
			return lkit_error(L, "%s: model must be an nn.Sequential, got %s%s", fname, named ? "" : "a ",
			                  what);
		}
		mappable(L, lua_gettop(L), fname);
		mapped = lua_gettop(L);
	} else if (!ismodel) {
		lua_pop(L, 1);
	}
	lnet *u = lkit_new(L, &net_type, sizeof *u, 1);
	int net = lua_gettop(L);
	if (mapped) {
		plane_opt(L, o, "xlim", fname, u->plane);
		plane_opt(L, o, "ylim", fname, u->plane + 2);
	}
	diagram_layer *ly = lkit_scratch(L, DIAGRAM_MAX_LAYERS, sizeof *ly);
	memset(ly, 0, DIAGRAM_MAX_LAYERS * sizeof *ly);
	int n = ismodel || mapped ? layers_of_model(L, mapped ? mapped : 1, ly, fname)
	                          : layers_of_table(L, 1, ly, fname);
	int rc = diagram_new(ly, (size_t)n, &u->d);
	if (rc != DIAGRAM_OK)
		return lkit_error(L, "%s: %s", fname, rc == DIAGRAM_ENOMEM ? "not enough memory" : "bad layers");
	lua_settop(L, net);
	if (mapped) {
		lua_pushvalue(L, mapped);
		lua_setiuservalue(L, net, 1);
		refresh(L, net, 1, fname);
		make_live(L);
	}
	if (lkit_optbool(L, o, "show", 1))
		ldisplay_show(L, BLOCK_DIAGRAM, u->d, fname);
	return 1;
}

static void release(void *d)
{
	diagram_unref(d);
}

static const luaL_Reg net_methods[] = {{"show", net_show}, {"render", net_render}, {"set", net_set},
                                       {NULL, NULL}};
static const luaL_Reg net_meta[] = {{"__show", net_show}, {NULL, NULL}};

static const lkit_type net_type = {
	.name = "plot.Network", .what = "the diagram", .tostring = net_tostring,
	.methods = net_methods, .meta = net_meta, .release = release,
};

void lnetwork_unit_opt(lua_State *L, int o, const char *fname, size_t unit[2])
{
	if (!o || lua_getfield(L, o, "unit") == LUA_TNIL) {
		if (o)
			lua_pop(L, 1);
		return;
	}
	for (int i = 0; i < 2; i++) {
		int isint = lua_istable(L, -1) && luaL_len(L, -1) == 2;
		lua_Integer v = 0;
		if (isint) {
			lua_geti(L, -1, i + 1);
			v = lua_tointegerx(L, -1, &isint);
			lua_pop(L, 1);
		}
		if (!isint || v < 1 || v > 1000000)
			lkit_error(L, "%s: unit must be {layer, k}: two whole numbers from 1", fname);
		unit[i] = (size_t)v;
	}
	lua_pop(L, 1);
}
