/*
** lelem_int.h — figure elements in Lua: the methods that add them, one per
** kind of plot_kinds.h (fig:scatter, fig:hist, ...) plus fig:fn,
** fig:decision, fig:loss and fig:remove, and the handles ("plot.Element")
** they return, whose h:set(...) reads new data as the adder read it.
*/
#ifndef NNBOOK_LELEM_H
#define NNBOOK_LELEM_H

#include <lua.h>

/* Adds the element methods (fig:scatter, ..., fig:remove) to the figure type. */
void lelem_open(lua_State *L);

#endif
