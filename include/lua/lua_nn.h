/*
** lua_nn.h — the Lua bindings: the `nn` module (arrays, random numbers,
** data sets, networks, the perceptron), `plot`, live tables and display.
**
** Bindings only translate: they check every argument, call the core and
** wrap results in userdata.  A bad argument is a Lua error that names the
** function, the argument and, for arrays, the shapes.
**
** Arrays are userdata ("nn.Matrix") whose data lives inside the userdata
** block, so Lua's collector and the memory budget see every byte.
**
** Output (print, show, tables, figures) goes to the block list the kernel
** registered with nnlua_set_output(); with none registered, output calls
** are silently dropped, except print, which then writes to stdout.
*/
#ifndef NNBOOK_LUA_NN_H
#define NNBOOK_LUA_NN_H

#include <lua.h>

#include "block.h"
#include "matrix.h"
#include "rng.h"

#define NNLUA_MATRIX "nn.Matrix"

/* Opens the `nn` module and leaves it on the stack. */
int luaopen_nn(lua_State *L);

/* Opens `plot` (figures, network diagrams) and leaves it on the stack. */
int luaopen_plot(lua_State *L);

/* Registers the display globals (print, show, frame, table.new) in the table at idx. */
void nnlua_open_display(lua_State *L, int idx);

/*
** Adds the live-output constructors to the sandbox environment at env
** (after `nn` and `table` are in it): table.new (live tables), check
** (exercise verdicts), nn.progress, and nn._ui.progress / nn._ui.table,
** which model:fit uses for its verbose output.
*/
void nnlua_open_widgets(lua_State *L, int env);

/* --- arrays, for the binding files -------------------------------------- */

/*
** Pushes a new zero-filled array of the given shape and returns it.  Raises
** a Lua error naming `fname` when the shape is too large or memory runs
** out, and the stop message once a stop was asked for (cancel.h).
*/
mat *nnlua_newmat(lua_State *L, mat_shape shape, const char *fname);

/* Returns the array at idx or raises a type error. */
mat *nnlua_checkmat(lua_State *L, int idx);

/* Returns the array at idx, or NULL when it is not one. */
mat *nnlua_tomat(lua_State *L, int idx);

/*
** Returns the array argument at idx, accepting a number (as a 0-D view kept
** in *tmp / *num) or a (nested) Lua table (converted to a new array that
** replaces the argument on the stack).  Raises an argument error otherwise.
*/
mat *nnlua_arg(lua_State *L, int idx, mat *tmp, double *num);

/* Pushes a new array converted from the Lua table at idx (nn.array). */
mat *nnlua_fromtable(lua_State *L, int idx, const char *fname);

/*
** Reads a shape argument: an integer n (-> (n,)) or a table {n} / {r, c}.
** Raises an error naming fname for zero, negative, fractional or huge sizes.
*/
mat_shape nnlua_checkshape(lua_State *L, int idx, const char *fname);

/* Pushes the value of a 0-D result as a Lua number (integer when isint). */
void nnlua_pushscalar(lua_State *L, double v, int isint);

#if defined(__GNUC__)
#define NNLUA_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define NNLUA_PRINTF(a, b)
#endif

/*
** Raises a Lua error with the caller's position and a message formatted
** by vsnprintf (luaL_error knows no %zu, %g or widths).  Never returns.
*/
int nnlua_error(lua_State *L, const char *fmt, ...) NNLUA_PRINTF(2, 3);

/*
** Raises the kernel's stop message (cancel_message(): "interrupted", or the
** time limit) as a Lua error.  For bindings whose core call returned
** MAT_ECANCEL.  Never returns.
*/
int nnlua_cancelled(lua_State *L);

/* Raises the stop message when cancel_check() says the cell must stop. */
void nnlua_check_cancel(lua_State *L);

/*
** Records the names of the builtin functions in the environment at env
** (print, string.rep, nn.dot ...) so tostring and print show
** "function: builtin print" instead of an address.  Call once the
** environment is complete.
*/
void nnlua_name_builtins(lua_State *L, int env);

/* Sets __metatable = false on the metatable on top of the stack, so a
** lesson's getmetatable/setmetatable cannot reach or replace it. */
void nnlua_hide_metatable(lua_State *L);

/* Raises "fname: shapes (a) and (b) <what>". */
int nnlua_shape_error(lua_State *L, const char *fname, const mat *a, const mat *b, const char *what);

/* --- generators --------------------------------------------------------- */

/* Returns the generator for a `random_state` option: the global one for
** nil, or a fresh one seeded with the integer (kept in *tmp). */
rng *nnlua_random_state(lua_State *L, int idx, rng *tmp, const char *fname);

/* --- output ------------------------------------------------------------- */

/* Registers the block list output goes to (NULL: none). */
void nnlua_set_output(lua_State *L, blocklist *out);

/* Returns the registered block list, or NULL. */
blocklist *nnlua_output(lua_State *L);

/*
** frame() yields the cell's coroutine with a marker the kernel recognises;
** it only yields on the thread registered here (not inside a coroutine the
** lesson made, and not where yielding is impossible).  NULL: never yield.
*/
void nnlua_set_cell(lua_State *L, lua_State *cell);

/* Returns 1 when a coroutine's yield of nres values came from frame(). */
int nnlua_is_frame(lua_State *co, int nres);

/* Reads an optional field of the options table at idx (0 = none). */
lua_Number nnlua_optnumfield(lua_State *L, int idx, const char *k, lua_Number def);
lua_Integer nnlua_optintfield(lua_State *L, int idx, const char *k, lua_Integer def);
const char *nnlua_optstrfield(lua_State *L, int idx, const char *k, const char *def);
int nnlua_optboolfield(lua_State *L, int idx, const char *k, int def);

/* Submodule openers used by luaopen_nn (each sets fields of the table on top). */
void nnlua_open_array(lua_State *L);
void nnlua_open_random(lua_State *L);
void nnlua_open_datasets(lua_State *L);
void nnlua_open_model(lua_State *L);
void nnlua_open_perceptron(lua_State *L);
void nnlua_array_ops(lua_State *L, int nn, int meta, int methods);

/* For plot: is the value at idx a model, and its core object. */
struct nn_model;
int nnlua_ismodel(lua_State *L, int idx);
struct nn_model *nnlua_checkmodel(lua_State *L, int idx);

#endif
