/*
** larray_int.h — nn arrays as Lua values ("nn.Matrix"): their userdata, and
** every conversion from what a lesson passes (numbers, nested tables,
** arrays) so the error messages read the same in every binding.
**
** An array's data lives inside its userdata block, so Lua's collector and
** the memory budget see every byte.  Indices are 1-based, as Lua users
** expect, and negative indices count from the end (-1 is the last row), as
** in numpy.
*/
#ifndef NNBOOK_LARRAY_H
#define NNBOOK_LARRAY_H

#include <lua.h>

#include "lkit_int.h"
#include "matrix.h"

/* The array type; its metatable gains the operators and methods of lbuild.c and lmath.c. */
extern const lkit_type larray_type;

/* Adds the nn functions of this file to the table at nn (the type's tables are on top). */
void larray_open(lua_State *L, int nn);

/*
** Pushes a new zero-filled array of the given shape and returns it.  Raises
** a Lua error naming `fname` when the shape is too large or memory runs
** out, and the stop message once a stop was asked for (cancel.h).
*/
mat *larray_new(lua_State *L, mat_shape shape, const char *fname);

/* Returns the array at idx or raises a type error. */
mat *larray_check(lua_State *L, int idx);

/* Returns the array at idx, or NULL when it is not one. */
mat *larray_test(lua_State *L, int idx);

/*
** Returns the array argument at idx, accepting a number (as a 0-D view kept
** in *tmp / *num) or a (nested) Lua table (converted to a new array that
** replaces the argument on the stack).  Raises an argument error otherwise.
*/
mat *larray_arg(lua_State *L, int idx, mat *tmp, double *num);

/* Pushes a new array converted from the Lua table at idx (nn.array). */
mat *larray_fromtable(lua_State *L, int idx, const char *fname);

/*
** Reads a shape argument: an integer n (-> (n,)) or a table {n} / {r, c}.
** Raises an error naming fname for zero, negative, fractional or huge sizes.
*/
mat_shape larray_checkshape(lua_State *L, int idx, const char *fname);

/* Returns a number argument: a number, or an array of one element; raises naming fname/what. */
double larray_number(lua_State *L, int idx, const char *fname, const char *what);

/* Pushes the value of a 0-D result as a Lua number (integer when isint). */
void larray_pushnum(lua_State *L, double v, int isint);

/* Pushes m's shape as a table {rows, cols} or {n}. */
void larray_pushshape(lua_State *L, const mat *m);

/* Returns the rows of a 2-D array, the elements of a 1-D one. */
size_t larray_nrows(const mat *m);

/* Turns a 1-based (or negative, from the end) index into a 0-based one; raises when out of range. */
size_t larray_index(lua_State *L, lua_Integer i, size_t n, const mat *m, const char *what);

/* Pushes row i of a 2-D array as a new 1-D array. */
void larray_pushrow(lua_State *L, const mat *m, size_t i);

/* Raises "fname: shapes (a) and (b) <what>". */
int larray_shape_error(lua_State *L, const char *fname, const mat *a, const mat *b, const char *what);

#endif
