/*
** ldisplay_int.h — what a cell shows: print, tostring and show, frame(), and
** the cell's output the other bindings add to: the block list the kernel
** registers, the objects shown in it, and rendered text on its way to Lua.
*/
#ifndef NNBOOK_LDISPLAY_H
#define NNBOOK_LDISPLAY_H

#include <lua.h>

#include "block.h"
#include "lkit_int.h"
#include "strbuf.h"
#include "styled.h"

/* Sets print, tostring and show in the table at idx. */
void ldisplay_open(lua_State *L, int idx);

/*
** Records the names of the builtin functions in the environment at env
** (print, string.rep, nn.dot ...) so tostring and print show "function:
** builtin print" instead of an address.  Call once the environment is
** complete.
*/
void ldisplay_name_builtins(lua_State *L, int env);

/* Registers the block list output goes to (NULL: none; print then writes to stdout). */
void ldisplay_set_output(lua_State *L, blocklist *out);

/* Returns the registered block list, or NULL. */
blocklist *ldisplay_output(lua_State *L);

/*
** frame() yields the cell's coroutine with a marker the kernel recognises,
** only on the thread registered here (NULL: never yield).
*/
void ldisplay_set_cell(lua_State *L, lua_State *cell);

/* Returns 1 when a coroutine's yield of nres values came from frame(). */
int ldisplay_is_frame(lua_State *co, int nres);

/* frame(): one animation step (a Lua function). */
int ldisplay_frame(lua_State *L);

/*
** Shows obj as a block of `kind` in the cell's output, adding a reference
** for the block.  Nothing happens when the output already shows obj
** (show(fig) after plot.figure{} in one cell draws it once).  Returns 1
** when a block was added, 0 when not (no output registered, or already
** shown); raises a Lua error naming fname when out of memory.
*/
int ldisplay_show(lua_State *L, block_kind kind, void *obj, const char *fname);

/*
** The show method of a box of type t holding a block object of `kind`
** (fig:show, net:show, t:show, p:show): shows argument 1 and returns it.
*/
int ldisplay_show_box(lua_State *L, const lkit_type *t, block_kind kind, const char *fname);

/* Rendered text on its way to Lua, freed by the collector if an error strikes. */
typedef struct ldisplay_text {
	st_text t;
	strbuf sb;
} ldisplay_text;

/* Pushes an empty text (a box: the collector frees it) and returns it. */
ldisplay_text *ldisplay_text_new(lua_State *L);

/* Replaces the text on top by its content as a Lua string (ANSI colours when ansi). */
void ldisplay_text_result(lua_State *L, ldisplay_text *s, int ansi, const char *fname);

#endif
