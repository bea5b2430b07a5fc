/*
** lua_convert.c — moving values between Lua and nn arrays: new array
** userdata, Lua numbers and nested tables as arrays, shapes and option
** tables.  Every binding checks its arguments through these, so the error
** messages read the same everywhere.
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cancel.h"
#include "lua_nn.h"
#include "matrix.h"
#include "strbuf.h"

/* Bytes before the data in an array userdata, keeping the data aligned. */
#define HEAD ((sizeof(mat) + 15) / 16 * 16)
/*
** Once a stop was asked for, no new array is made: a cell that catches
** the stop in a loop (pcall(nn.dot, a, a)) would otherwise allocate and
** clear a big array per turn until the hook notices.
*/
mat *nnlua_newmat(lua_State *L, mat_shape s, const char *fname)
{
	if (cancel_requested())
		nnlua_cancelled(L);
	if (s.ndim == 0)
		s.rows = s.cols = 1;
	if (mat_check_size(s.rows, s.cols) != MAT_OK)
		nnlua_error(L, "%s: an array of %zu x %zu elements is too large (the limit is %zu elements)",
		           fname, s.rows, s.cols, (size_t)MAT_MAX_ELEMS);
	size_t n = s.rows * s.cols;
	mat *m = lua_newuserdatauv(L, HEAD + n * sizeof(double), 0);
	mat_wrap(m, (double *)((char *)m + HEAD), s);
	memset(m->data, 0, n * sizeof(double));
	luaL_setmetatable(L, NNLUA_MATRIX);
	return m;
}

mat *nnlua_tomat(lua_State *L, int idx)
{
	return luaL_testudata(L, idx, NNLUA_MATRIX);
}

mat *nnlua_checkmat(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NNLUA_MATRIX);
}

void nnlua_pushscalar(lua_State *L, double v, int isint)
{
	if (isint && v >= -9007199254740992.0 && v <= 9007199254740992.0)
		lua_pushinteger(L, (lua_Integer)v);
	else
		lua_pushnumber(L, v);
}

int nnlua_shape_error(lua_State *L, const char *fname, const mat *a, const mat *b, const char *what)
{
	char sa[48], sb[48];
	return nnlua_error(L, "%s: shapes %s and %s %s", fname, mat_shape_str(a, sa),
	                  mat_shape_str(b, sb), what);
}

/* Reads one element of a Lua table row: a number or a boolean. */
static double element(lua_State *L, int idx, const char *fname, size_t i, size_t j, int *isint)
{
	int t = lua_type(L, idx);
	if (t == LUA_TNUMBER) {
		if (!lua_isinteger(L, idx))
			*isint = 0;
		return lua_tonumber(L, idx);
	}
	if (t == LUA_TBOOLEAN)
		return lua_toboolean(L, idx) ? 1.0 : 0.0;
	if (j)
		nnlua_error(L, "%s: element [%zu][%zu] is a %s, not a number", fname, i, j, luaL_typename(L, idx));
	nnlua_error(L, "%s: element [%zu] is a %s, not a number", fname, i, luaL_typename(L, idx));
	return 0;
}

/* Returns the length of a row given as a table or a 1-D array. */
static size_t row_len(lua_State *L, int idx, const char *fname, size_t i)
{
	mat *m = nnlua_tomat(L, idx);
	if (m) {
		if (m->ndim != 1)
			nnlua_error(L, "%s: row %zu is an array of %d dimensions; rows must be 1-D", fname, i, m->ndim);
		return m->cols;
	}
	if (!lua_istable(L, idx))
		nnlua_error(L, "%s: row %zu is a %s; mix rows and numbers is not allowed", fname, i, luaL_typename(L, idx));
	return (size_t)luaL_len(L, idx);
}

mat *nnlua_fromtable(lua_State *L, int idx, const char *fname)
{
	idx = lua_absindex(L, idx);
	lua_Integer n = luaL_len(L, idx);
	if (n < 0)
		nnlua_error(L, "%s: the table has a negative length", fname);
	int isint = 1;
	lua_geti(L, idx, 1);
	int nested = n > 0 && (lua_istable(L, -1) || nnlua_tomat(L, -1));
	if (!nested) {
		lua_pop(L, 1);
		mat *m = nnlua_newmat(L, mat_shape1((size_t)n), fname);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_geti(L, idx, i);
			m->data[i - 1] = element(L, -1, fname, (size_t)i, 0, &isint);
			lua_pop(L, 1);
		}
		m->isint = (unsigned char)(isint && n > 0);
		return m;
	}
	size_t cols = row_len(L, -1, fname, 1);
	lua_pop(L, 1);
	mat *m = nnlua_newmat(L, mat_shape2((size_t)n, cols), fname);
	int out = lua_gettop(L);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, idx, i);
		size_t len = row_len(L, -1, fname, (size_t)i);
		if (len != cols)
			nnlua_error(L, "%s: row %d has %zu elements but row 1 has %zu", fname, (int)i, len, cols);
		mat *r = nnlua_tomat(L, -1);
		if (r) {
			memcpy(m->data + (size_t)(i - 1) * cols, r->data, cols * sizeof(double));
			if (!r->isint)
				isint = 0;
		} else {
			for (size_t j = 1; j <= cols; j++) {
				lua_geti(L, -1, (lua_Integer)j);
				m->data[(size_t)(i - 1) * cols + j - 1] = element(L, -1, fname, (size_t)i, j, &isint);
				lua_pop(L, 1);
			}
		}
		lua_pop(L, 1);
	}
	m->isint = (unsigned char)(isint && cols > 0);
	lua_settop(L, out);
	return m;
}

mat *nnlua_arg(lua_State *L, int idx, mat *tmp, double *num)
{
	idx = lua_absindex(L, idx);
	mat *m = nnlua_tomat(L, idx);
	if (m)
		return m;
	if (lua_type(L, idx) == LUA_TNUMBER) {
		*num = lua_tonumber(L, idx);
		mat_scalar(tmp, num);
		tmp->isint = (unsigned char)lua_isinteger(L, idx);
		return tmp;
	}
	if (lua_type(L, idx) == LUA_TBOOLEAN) {
		*num = lua_toboolean(L, idx);
		mat_scalar(tmp, num);
		tmp->isint = 1;
		return tmp;
	}
	if (lua_istable(L, idx)) {
		m = nnlua_fromtable(L, idx, "nn.array");
		lua_replace(L, idx);
		return m;
	}
	luaL_typeerror(L, idx, "array, table or number");
	return NULL;
}

/* Reads a size that must be a positive (or, with allow0, non-negative) integer. */
static size_t checksize(lua_State *L, int idx, const char *fname, int allow0)
{
	int isnum;
	lua_Integer v = lua_tointegerx(L, idx, &isnum);
	if (!isnum) {
		if (lua_type(L, idx) == LUA_TNUMBER)
			nnlua_error(L, "%s: size %s is not a whole number", fname, lua_tostring(L, idx));
		nnlua_error(L, "%s: a size must be an integer, got a %s", fname, luaL_typename(L, idx));
	}
	if (v < 0 || (v == 0 && !allow0))
		nnlua_error(L, "%s: size %lld must be %s", fname, (long long)v, allow0 ? "zero or more" : "positive");
	if ((unsigned long long)v > MAT_MAX_ELEMS)
		nnlua_error(L, "%s: size %lld is too large", fname, (long long)v);
	return (size_t)v;
}

mat_shape nnlua_checkshape(lua_State *L, int idx, const char *fname)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TNUMBER)
		return mat_shape1(checksize(L, idx, fname, 1));
	if (!lua_istable(L, idx))
		nnlua_error(L, "%s: a shape is an integer or a table {rows, cols}, got a %s", fname,
		           luaL_typename(L, idx));
	lua_Integer n = luaL_len(L, idx);
	if (n < 1 || n > 2)
		nnlua_error(L, "%s: a shape has 1 or 2 dimensions, got %d", fname, (int)n);
	lua_geti(L, idx, 1);
	size_t r = checksize(L, -1, fname, 1);
	lua_pop(L, 1);
	if (n == 1)
		return mat_shape1(r);
	lua_geti(L, idx, 2);
	size_t c = checksize(L, -1, fname, 1);
	lua_pop(L, 1);
	if (mat_check_size(r, c) != MAT_OK)
		nnlua_error(L, "%s: shape {%zu, %zu} is too large", fname, r, c);
	return mat_shape2(r, c);
}

/* --- option tables ------------------------------------------------------ */

lua_Number nnlua_optnumfield(lua_State *L, int idx, const char *k, lua_Number def)
{
	if (idx == 0 || lua_isnoneornil(L, idx))
		return def;
	lua_getfield(L, idx, k);
	lua_Number v = def;
	if (!lua_isnil(L, -1)) {
		int ok;
		v = lua_tonumberx(L, -1, &ok);
		if (!ok)
			nnlua_error(L, "option '%s' must be a number, got a %s", k, luaL_typename(L, -1));
	}
	lua_pop(L, 1);
	return v;
}

lua_Integer nnlua_optintfield(lua_State *L, int idx, const char *k, lua_Integer def)
{
	if (idx == 0 || lua_isnoneornil(L, idx))
		return def;
	lua_getfield(L, idx, k);
	lua_Integer v = def;
	if (!lua_isnil(L, -1)) {
		int ok;
		v = lua_tointegerx(L, -1, &ok);
		if (!ok)
			nnlua_error(L, "option '%s' must be an integer, got %s", k,
			           lua_type(L, -1) == LUA_TNUMBER ? lua_tostring(L, -1) : luaL_typename(L, -1));
	}
	lua_pop(L, 1);
	return v;
}

const char *nnlua_optstrfield(lua_State *L, int idx, const char *k, const char *def)
{
	if (idx == 0 || lua_isnoneornil(L, idx))
		return def;
	lua_getfield(L, idx, k);
	const char *v = def;
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TSTRING)
			nnlua_error(L, "option '%s' must be a string, got a %s", k, luaL_typename(L, -1));
		v = lua_tostring(L, -1); /* still referenced by the options table */
	}
	lua_pop(L, 1);
	return v;
}

int nnlua_optboolfield(lua_State *L, int idx, const char *k, int def)
{
	if (idx == 0 || lua_isnoneornil(L, idx))
		return def;
	lua_getfield(L, idx, k);
	int v = lua_isnil(L, -1) ? def : lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}


int nnlua_error(lua_State *L, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	luaL_where(L, 1);
	lua_pushstring(L, buf);
	lua_concat(L, 2);
	return lua_error(L);
}

int nnlua_cancelled(lua_State *L)
{
	return luaL_error(L, "%s", cancel_message());
}

void nnlua_check_cancel(lua_State *L)
{
	if (cancel_check())
		nnlua_cancelled(L);
}

void nnlua_hide_metatable(lua_State *L)
{
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
}
