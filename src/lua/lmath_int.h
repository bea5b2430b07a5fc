/*
** lmath_int.h — arithmetic, element-wise functions, products and reductions
** on nn arrays, as operators, nn.* functions and methods.
*/
#ifndef NNBOOK_LMATH_H
#define NNBOOK_LMATH_H

#include <lua.h>

/* Adds the functions to the table at nn, the operators to the arrays' meta, the methods to methods. */
void lmath_open(lua_State *L, int nn, int meta, int methods);

#endif
