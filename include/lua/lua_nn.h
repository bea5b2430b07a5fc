/*
** lua_nn.h — the bindings as the kernel sees them: the `nn` and `plot`
** modules, the display globals and live-output constructors, and the
** plumbing between a cell's coroutine and its output.
**
** Bindings only translate: they check every argument, call the C layers and
** wrap results in userdata.  A bad argument is a Lua error that names the
** function, the argument and, for arrays, the shapes.  Each Lua module is
** a file of src/lua with its own header and name prefix (larray_,
** lplot_, ...); lkit.h is the kit they are written with.
**
** Output (print, show, tables, figures) goes to the block list the kernel
** registered with nnlua_set_output(); with none registered, output calls
** are silently dropped, except print, which then writes to stdout.
*/
#ifndef NNBOOK_LUA_NN_H
#define NNBOOK_LUA_NN_H

#include <lua.h>

#include "block.h"

/* Opens the `nn` module and leaves it on the stack. */
int luaopen_nn(lua_State *L);

/* Opens `plot` (figures, network diagrams) and leaves it on the stack. */
int luaopen_plot(lua_State *L);

/* Registers the display globals (print, show, tostring) in the table at idx. */
void nnlua_open_display(lua_State *L, int idx);

/*
** Adds the live-output constructors to the sandbox environment at env
** (after `nn` and `table` are in it): table.new (live tables), check
** (exercise verdicts), nn.progress, and nn._ui.progress / nn._ui.table,
** which model:fit uses for its verbose output.
*/
void nnlua_open_widgets(lua_State *L, int env);

/*
** Records the names of the builtin functions in the environment at env
** (print, string.rep, nn.dot ...) so tostring and print show
** "function: builtin print" instead of an address.  Call once the
** environment is complete.
*/
void nnlua_name_builtins(lua_State *L, int env);

/* Registers the block list output goes to (NULL: none). */
void nnlua_set_output(lua_State *L, blocklist *out);

/*
** frame() yields the cell's coroutine with a marker the kernel recognises;
** it only yields on the thread registered here (not inside a coroutine the
** lesson made, and not where yielding is impossible).  NULL: never yield.
*/
void nnlua_set_cell(lua_State *L, lua_State *cell);

/*
** Adds the value at idx to the registry's set under key (a light
** userdata's address), a table with weak keys made on first use, so the
** set never keeps a value alive.
*/
void nnlua_weak_set_add(lua_State *L, const void *key, int idx);

/* Returns 1 when a coroutine's yield of nres values came from frame(). */
int nnlua_is_frame(lua_State *co, int nres);

#endif
