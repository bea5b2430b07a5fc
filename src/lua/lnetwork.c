/*
** lnetwork.c — plot.network: a drawing of a network's layers (NNV in
** the notebooks), from layer sizes, layer specs or a model:
**
**   plot.network{2, 4, 4, 2, activations = {"relu", "relu", "softmax"}}
**   plot.network{layers = {{units = 3, title = "input"}, ...}}
**   plot.network(model)
**
** The diagram (diagram.h) is immutable and reference counted; it is shown
** in the cell's output when made (show = false defers to net:show()).
*/
#include "lnetwork_int.h"

#include <string.h>

#include "diagram.h"
#include "ldisplay_int.h"
#include "lmodel_int.h"
#include "lplot_int.h"
#include "lread_int.h"

static const lkit_type net_type;

static diagram *checknet(lua_State *L, int idx)
{
	return lkit_object(L, idx, &net_type);
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

int lnetwork_new(lua_State *L)
{
	static const char *const keys[] = {"layers", "activations", "titles", "show", NULL};
	const char *fname = "plot.network";
	int ismodel = lmodel_is(L, 1);
	if (!ismodel && !lua_istable(L, 1))
		return lkit_error(L, "%s: expects a table of layer sizes or a model, got a %s", fname,
		                  luaL_typename(L, 1));
	int o = lkit_options(L, ismodel ? 2 : 1, fname, keys);
	diagram **u = lkit_new(L, &net_type, sizeof *u, 0);
	int net = lua_gettop(L);
	diagram_layer *ly = lkit_scratch(L, DIAGRAM_MAX_LAYERS, sizeof *ly);
	memset(ly, 0, DIAGRAM_MAX_LAYERS * sizeof *ly);
	int n = ismodel ? layers_of_model(L, 1, ly, fname) : layers_of_table(L, 1, ly, fname);
	int rc = diagram_new(ly, (size_t)n, u);
	if (rc != DIAGRAM_OK)
		return lkit_error(L, "%s: %s", fname, rc == DIAGRAM_ENOMEM ? "not enough memory" : "bad layers");
	lua_settop(L, net);
	if (lkit_optbool(L, o, "show", 1))
		ldisplay_show(L, BLOCK_DIAGRAM, *u, fname);
	return 1;
}

static void release(void *d)
{
	diagram_unref(d);
}

static const luaL_Reg net_methods[] = {{"show", net_show}, {"render", net_render}, {NULL, NULL}};
static const luaL_Reg net_meta[] = {{"__show", net_show}, {NULL, NULL}};

static const lkit_type net_type = {
	.name = "plot.Network", .what = "the diagram", .tostring = net_tostring,
	.methods = net_methods, .meta = net_meta, .release = release,
};
