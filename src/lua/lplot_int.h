/*
** lplot_int.h — plot.figure and its figures ("plot.Figure").  What a figure
** shows is added by the methods of lelem.c; plot.network is lnetwork.c's.
**
** A figure is shown (appended to the cell's output as a live block) when
** it is made, as Jupyter shows an inline plot; `show = false` defers that
** to fig:show().  The figure itself is a reference-counted plot_fig: the
** Lua handle and the block each hold a reference, so closing the Lua
** state leaves the blocks intact.
*/
#ifndef NNBOOK_LPLOT_H
#define NNBOOK_LPLOT_H

#include <lua.h>

#include "canvas.h"
#include "lkit_int.h"
#include "plot.h"

/* The figure module's statuses (PLOT_*), for lkit_fail. */
extern const lkit_errors lplot_errors;

/* The figure type (a box of a plot_fig); lelem_open adds the element methods to it. */
extern const lkit_type lplot_figure;

/* Sets plot.figure in the table at plot. */
void lplot_open(lua_State *L, int plot);

/* Returns the figure at idx (owned by its handle), raising a type error otherwise. */
plot_fig *lplot_checkfig(lua_State *L, int idx);

/* Reads option "mode" of the options at o (0: none): "braille" (the default), "block" or "ascii". */
canvas_mode lplot_mode(lua_State *L, int o, const char *fname);

#endif
