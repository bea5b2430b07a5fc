/*
** lbuild_int.h — arrays made from arguments and from other arrays: nn.array,
** zeros, ones, full, eye, arange, linspace, hstack, vstack, and the
** methods copy, reshape, flatten, transpose, row, col, rows, slice,
** select, map, astype.
*/
#ifndef NNBOOK_LBUILD_H
#define NNBOOK_LBUILD_H

#include <lua.h>

/* Adds the constructors to the table at nn and the methods to the arrays' methods at `methods`. */
void lbuild_open(lua_State *L, int nn, int methods);

#endif
