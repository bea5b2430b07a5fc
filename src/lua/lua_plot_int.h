/*
** lua_plot_int.h — inside the display bindings, shared by lua_plot.c
** (the plot module, figures), lua_plot_util.c (helpers), lua_plot_data.c
** (reading data and styles), lua_plot_add.c (figure elements),
** lua_plot_elem.c (element handles), lua_network.c (diagrams),
** lua_table.c (live tables, progress) and lua_check.c (exercise checks).
**
** Every object a lesson holds (figure, element handle, table, progress,
** diagram) is a small userdata pointing to a reference-counted core object;
** the output block that shows it holds its own reference, so closing the
** Lua state (which collects the userdata) leaves the blocks intact.
*/
#ifndef NNBOOK_LUA_PLOT_INT_H
#define NNBOOK_LUA_PLOT_INT_H

#include <lauxlib.h>
#include <lua.h>

#include "block.h"
#include "lua_nn.h"
#include "matrix.h"
#include "plot.h"
#include "strbuf.h"
#include "styled.h"

#define NNLUA_FIGURE   "plot.Figure"
#define NNLUA_ELEMENT  "plot.Element"
#define NNLUA_NETWORK  "plot.Network"
#define NNLUA_TABLE    "nn.Table"
#define NNLUA_PROGRESS "nn.Progress"

/* A figure as Lua holds it (f is NULL only while it is being made). */
typedef struct lfig {
	plot_fig *f;
} lfig;

/*
** Makes the metatable `name`: __index is a table of `methods`, `meta`
** adds metamethods (__gc, __tostring, __show, ...), __metatable = false
** keeps lessons from reaching it.  Leaves the stack as it was.
*/
void nnlua__class(lua_State *L, const char *name, const luaL_Reg *methods, const luaL_Reg *meta);

/*
** Shows obj as a block of `kind` in the cell's output: adds a reference
** (ref) for the block.  Nothing happens when the output already shows obj
** (show(fig) after plot.figure{} in one cell draws it once).  Returns 1
** when a block was added, 0 when not (no output registered, or already
** shown); raises a Lua error naming fname when out of memory.
*/
int nnlua__show_obj(lua_State *L, block_kind kind, void *obj, const char *fname);

/*
** Raises "fname: unknown option 'k'" for a key of the option table at idx
** that is not in `allowed` (NULL-terminated); idx 0 or nil is no table.
*/
void nnlua__checkopts(lua_State *L, int idx, const char *fname, const char *const *allowed);

/* Raises unless the value at idx is nil/none or a table; returns idx or 0 when absent. */
int nnlua__optable(lua_State *L, int idx, const char *fname, const char *what);

/* Returns a number argument (a number, or an array of one element); raises naming fname/what. */
double nnlua__number(lua_State *L, int idx, const char *fname, const char *what);

/* Reads option `key` of the table at o (0: none) as a size 0..max (0 or nil: automatic). */
size_t nnlua__size_opt(lua_State *L, int o, const char *key, const char *fname, size_t max);

/* Reads option "mode": "braille" (the default), "block" or "ascii". */
canvas_mode nnlua__mode_opt(lua_State *L, int o, const char *fname);

/* plot.network, and the metatable of its diagrams (lua_network.c). */
int nnlua__network(lua_State *L);
void nnlua__open_network(lua_State *L);

/* Returns the figure at idx, raising a type error otherwise. */
plot_fig *nnlua__checkfig(lua_State *L, int idx);

/* Rendered text on its way to Lua: freed by the collector if an error strikes. */
typedef struct nnlua_scratch {
	st_text t;
	strbuf sb;
} nnlua_scratch;

/* Pushes an empty scratch (a userdata with a finalizer) and returns it. */
nnlua_scratch *nnlua__scratch(lua_State *L);

/* Replaces the scratch on top by its text as a Lua string (ANSI colours when ansi). */
void nnlua__scratch_result(lua_State *L, nnlua_scratch *s, int ansi, const char *fname);

/* Raises "fname: <message for a PLOT_* status>". */
int nnlua__plot_error(lua_State *L, const char *fname, int status);

/*
** Fills *s from the options at idx (0: none): label, color, marker, dash
** or linestyle, classes.  Pushes one value, a table that keeps the strings
** *s points to alive: leave it on the stack while *s is in use.
*/
void nnlua__style(lua_State *L, int idx, const char *fname, plot_style *s);

/* --- figure elements (lua_plot_data.c, lua_plot_add.c, lua_plot_elem.c) ----------- */

enum { EK_SCATTER, EK_LINE, EK_FN, EK_BOUNDARY, EK_HLINE, EK_VLINE, EK_REGIONS };

/* The names of the kinds above ("scatter", "line", ...). */
extern const char *const nnlua__kind_names[];

/* A handle to one element of a figure; it holds a reference to the figure. */
typedef struct lelem {
	plot_fig *f;
	plot_id id;
	int kind;
	double from, to;   /* fn: the sampled range */
	size_t n;          /* fn: samples */
	double level;      /* boundary: the level of w.x + b drawn */
	double threshold;  /* regions: a one-output model's class threshold */
} lelem;

/* Pushes a new handle to element id of f (taking a reference to f) and returns it. */
lelem *nnlua__push_elem(lua_State *L, plot_fig *f, plot_id id, int kind);

/* Returns the handle at idx or raises. */
lelem *nnlua__checkelem(lua_State *L, int idx);

/* Points read from the arguments; they stay valid while the stack holds them. */
typedef struct points {
	const double *x, *y;
	size_t n;
} points;

/* Returns 1 when the value at idx is data (an array, or a table with an element 1). */
int nnlua__is_data(lua_State *L, int idx);

/* Returns the array at idx, converting a Lua table in place; raises naming fname/what. */
mat *nnlua__data_arg(lua_State *L, int idx, const char *fname, const char *what);

/* Returns the n values of a 1-D array, one row or column, or a table of numbers at idx. */
const double *nnlua__vec_arg(lua_State *L, int idx, const char *fname, const char *what, size_t *n);

/* Pushes scratch room for n doubles (collected with the stack) and returns it. */
double *nnlua__doubles(lua_State *L, size_t n);

/*
** Reads the points of a scatter/line from arguments 2 and 3 (the caller set
** the stack to 4 values): x and y, one (n, 2) array, or (yonly) y alone
** against x = 1..n.  Scratch goes on top.  Returns the options' index.
*/
int nnlua__points(lua_State *L, const char *fname, int yonly, points *p);

/*
** Reads hue labels for n points at idx into a pushed int array: class
** numbers, one-hot rows (argmax) or strings (classes in order of first
** appearance; *names gets the index of a table of them, else 0).
*/
int *nnlua__hue(lua_State *L, int idx, size_t n, const char *fname, int *names);

/* Sets s's class names from the list at idx; the anchor table (from nnlua__style) keeps them. */
void nnlua__class_names(lua_State *L, int idx, int anchor, const char *fname, plot_style *s);

/* The x range the figure shows now (xlim, the data's range, else 0..1) and its log flag. */
void nnlua__fig_xrange(lua_State *L, const plot_fig *f, const char *fname, double *lo, double *hi,
                       int *lg);

/* Reads from=, to= (default: the x range), n= (200) of the options at o. */
void nnlua__fn_range(lua_State *L, int o, const plot_fig *f, const char *fname, double *from,
                     double *to, size_t *n, int *lg);

/* Calls the function at fn at n points over [from, to] (log-spaced when lg). */
void nnlua__sample_fn(lua_State *L, int fn, double from, double to, size_t n, int lg,
                      const char *fname, double *xs, double *ys);

/*
** Reads w1*x + w2*y + b = 0 from the arguments at idx: three numbers, a
** perceptron, a Dense layer or a one-layer model.  Returns the next index.
*/
int nnlua__boundary_args(lua_State *L, int idx, const char *fname, double w[3]);

/*
** Samples a model, f(x, y) or a perceptron at idx src on f's region grid
** (stored in *g); pushes and returns the classes.
*/
int *nnlua__sample_regions(lua_State *L, int src, plot_fig *f, double thr, const char *fname,
                           plot_grid *g);

/* Registers the element adders as methods in the table on top (fig:scatter, ...). */
void nnlua__fig_adders(lua_State *L);

/* Makes the element handle metatable. */
void nnlua__open_elements(lua_State *L);

/* check{name, passed, hint=, solution=} (lua_check.c). */
int nnlua__check(lua_State *L);

#endif
