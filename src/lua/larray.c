/*
** larray.c — nn arrays as Lua values (larray.h): making them, reading
** them from what a lesson passes, indexing, printing and comparing.
** Arrays made from arrays (reshapes, slices, constructors) are in
** lbuild.c; arithmetic and reductions in lmath.c.
*/
#include "larray_int.h"

#include <math.h>
#include <string.h>

#include "cancel.h"
#include "numfmt.h"
#include "strbuf.h"

/* Bytes before the data in an array userdata, keeping the data aligned. */
#define HEAD ((sizeof(mat) + 15) / 16 * 16)

/*
** Once a stop was asked for, no new array is made: a cell that catches
** the stop in a loop (pcall(nn.dot, a, a)) would otherwise allocate and
** clear a big array per turn until the hook notices.
*/
mat *larray_new(lua_State *L, mat_shape s, const char *fname)
{
	if (cancel_requested())
		lkit_cancelled(L);
	if (s.ndim == 0)
		s.rows = s.cols = 1;
	if (mat_check_size(s.rows, s.cols) != MAT_OK)
		lkit_error(L, "%s: an array of %zu x %zu elements is too large (the limit is %zu elements)",
		           fname, s.rows, s.cols, (size_t)MAT_MAX_ELEMS);
	size_t n = s.rows * s.cols;
	mat *m = lkit_new(L, &larray_type, HEAD + n * sizeof(double), 0);
	mat_wrap(m, (double *)((char *)m + HEAD), s);
	return m;
}

mat *larray_test(lua_State *L, int idx)
{
	return lkit_test(L, idx, &larray_type);
}

mat *larray_check(lua_State *L, int idx)
{
	return lkit_check(L, idx, &larray_type);
}

void larray_pushnum(lua_State *L, double v, int isint)
{
	if (isint && v >= -9007199254740992.0 && v <= 9007199254740992.0)
		lua_pushinteger(L, (lua_Integer)v);
	else
		lua_pushnumber(L, v);
}

int larray_shape_error(lua_State *L, const char *fname, const mat *a, const mat *b, const char *what)
{
	char sa[48], sb[48];
	return lkit_error(L, "%s: shapes %s and %s %s", fname, mat_shape_str(a, sa),
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
		lkit_error(L, "%s: element [%zu][%zu] is a %s, not a number", fname, i, j, luaL_typename(L, idx));
	lkit_error(L, "%s: element [%zu] is a %s, not a number", fname, i, luaL_typename(L, idx));
	return 0;
}

/* Returns the length of a row given as a table or a 1-D array. */
static size_t row_len(lua_State *L, int idx, const char *fname, size_t i)
{
	mat *m = larray_test(L, idx);
	if (m) {
		if (m->ndim != 1)
			lkit_error(L, "%s: row %zu is an array of %d dimensions; rows must be 1-D", fname, i, m->ndim);
		return m->cols;
	}
	if (!lua_istable(L, idx))
		lkit_error(L, "%s: row %zu is a %s; mix rows and numbers is not allowed", fname, i, luaL_typename(L, idx));
	return (size_t)luaL_len(L, idx);
}

mat *larray_fromtable(lua_State *L, int idx, const char *fname)
{
	idx = lua_absindex(L, idx);
	lua_Integer n = luaL_len(L, idx);
	if (n < 0)
		lkit_error(L, "%s: the table has a negative length", fname);
	int isint = 1;
	lua_geti(L, idx, 1);
	int nested = n > 0 && (lua_istable(L, -1) || larray_test(L, -1));
	if (!nested) {
		lua_pop(L, 1);
		mat *m = larray_new(L, mat_shape1((size_t)n), fname);
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
	mat *m = larray_new(L, mat_shape2((size_t)n, cols), fname);
	int out = lua_gettop(L);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, idx, i);
		size_t len = row_len(L, -1, fname, (size_t)i);
		if (len != cols)
			lkit_error(L, "%s: row %d has %zu elements but row 1 has %zu", fname, (int)i, len, cols);
		mat *r = larray_test(L, -1);
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

mat *larray_arg(lua_State *L, int idx, mat *tmp, double *num)
{
	idx = lua_absindex(L, idx);
	mat *m = larray_test(L, idx);
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
		m = larray_fromtable(L, idx, "nn.array");
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
			lkit_error(L, "%s: size %s is not a whole number", fname, lua_tostring(L, idx));
		lkit_error(L, "%s: a size must be an integer, got a %s", fname, luaL_typename(L, idx));
	}
	if (v < 0 || (v == 0 && !allow0))
		lkit_error(L, "%s: size %lld must be %s", fname, (long long)v, allow0 ? "zero or more" : "positive");
	if ((unsigned long long)v > MAT_MAX_ELEMS)
		lkit_error(L, "%s: size %lld is too large", fname, (long long)v);
	return (size_t)v;
}

mat_shape larray_checkshape(lua_State *L, int idx, const char *fname)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) == LUA_TNUMBER)
		return mat_shape1(checksize(L, idx, fname, 1));
	if (!lua_istable(L, idx))
		lkit_error(L, "%s: a shape is an integer or a table {rows, cols}, got a %s", fname,
		           luaL_typename(L, idx));
	lua_Integer n = luaL_len(L, idx);
	if (n < 1 || n > 2)
		lkit_error(L, "%s: a shape has 1 or 2 dimensions, got %d", fname, (int)n);
	lua_geti(L, idx, 1);
	size_t r = checksize(L, -1, fname, 1);
	lua_pop(L, 1);
	if (n == 1)
		return mat_shape1(r);
	lua_geti(L, idx, 2);
	size_t c = checksize(L, -1, fname, 1);
	lua_pop(L, 1);
	if (mat_check_size(r, c) != MAT_OK)
		lkit_error(L, "%s: shape {%zu, %zu} is too large", fname, r, c);
	return mat_shape2(r, c);
}

double larray_number(lua_State *L, int idx, const char *fname, const char *what)
{
	if (lua_type(L, idx) == LUA_TNUMBER)
		return lua_tonumber(L, idx);
	mat *m = larray_test(L, idx);
	if (m && mat_size(m) == 1)
		return m->data[0];
	if (m) {
		char s[48];
		lkit_error(L, "%s: %s must be a number, got an array of shape %s", fname, what,
		           mat_shape_str(m, s));
	}
	lkit_error(L, "%s: %s must be a number, got %s", fname, what,
	           lua_isnoneornil(L, idx) ? "nothing" : luaL_typename(L, idx));
	return 0;
}

/* --- indexing ----------------------------------------------------------- */

size_t larray_index(lua_State *L, lua_Integer i, size_t n, const mat *m, const char *what)
{
	lua_Integer k = i < 0 ? (lua_Integer)n + i + 1 : i;
	if (k < 1 || k > (lua_Integer)n) {
		char sh[48];
		lkit_error(L, "%s %lld is out of range for an array of shape %s (valid: 1..%zu or -%zu..-1)",
		           what, (long long)i, mat_shape_str(m, sh), n, n);
	}
	return (size_t)(k - 1);
}

size_t larray_nrows(const mat *m) { return m->ndim == 2 ? m->rows : m->cols; }

void larray_pushrow(lua_State *L, const mat *m, size_t i)
{
	mat *r = larray_new(L, mat_shape1(m->cols), "row");
	memcpy(r->data, m->data + i * m->cols, m->cols * sizeof(double));
	r->isint = m->isint;
}

void larray_pushshape(lua_State *L, const mat *m)
{
	lua_createtable(L, m->ndim, 0);
	if (m->ndim == 2) {
		lua_pushinteger(L, (lua_Integer)m->rows);
		lua_rawseti(L, -2, 1);
		lua_pushinteger(L, (lua_Integer)m->cols);
		lua_rawseti(L, -2, 2);
	} else if (m->ndim == 1) {
		lua_pushinteger(L, (lua_Integer)m->cols);
		lua_rawseti(L, -2, 1);
	}
}

static void pushtranspose(lua_State *L, const mat *m)
{
	mat *t = larray_new(L, mat_transpose_shape(m), "T");
	mat_transpose(t, m);
}

static int m_index(lua_State *L)
{
	mat *m = larray_check(L, 1);
	if (lua_type(L, 2) == LUA_TNUMBER) {
		int isnum;
		lua_Integer i = lua_tointegerx(L, 2, &isnum);
		if (!isnum)
			return lkit_error(L, "array index %s is not an integer", lua_tostring(L, 2));
		if (m->ndim == 0)
			return lkit_error(L, "a 0-D array cannot be indexed");
		size_t k = larray_index(L, i, larray_nrows(m), m, "index");
		if (m->ndim == 1)
			larray_pushnum(L, m->data[k], m->isint);
		else
			larray_pushrow(L, m, k);
		return 1;
	}
	/* the properties, found by their first letter: a method call (a:flatten()) passes here too */
	const char *key = lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : NULL;
	switch (key ? key[0] : 0) {
	case 's':
		if (strcmp(key, "shape") == 0) {
			larray_pushshape(L, m);
			return 1;
		} else if (strcmp(key, "size") == 0) {
			lua_pushinteger(L, (lua_Integer)mat_size(m));
			return 1;
		}
		break;
	case 'n':
		if (strcmp(key, "ndim") == 0) {
			lua_pushinteger(L, m->ndim);
			return 1;
		}
		break;
	case 'T':
		if (key[1] == '\0') {
			pushtranspose(L, m);
			return 1;
		}
		break;
	case 'd':
		if (strcmp(key, "dtype") == 0) {
			lua_pushstring(L, m->isint ? "int64" : "float64");
			return 1;
		}
		break;
	}
	lua_pushvalue(L, 2);
	lua_rawget(L, lua_upvalueindex(1)); /* methods */
	return 1;
}

/* Copies a value (number, table or array) into row k of a 2-D array. */
static void setrow(lua_State *L, mat *m, size_t k, int vidx)
{
	mat tmp;
	double num;
	mat *v = larray_arg(L, vidx, &tmp, &num);
	double *row = m->data + k * m->cols;
	if (v->ndim == 0) {
		for (size_t j = 0; j < m->cols; j++)
			row[j] = *v->data;
	} else if (mat_size(v) == m->cols && v->rows == 1) {
		memcpy(row, v->data, m->cols * sizeof(double));
	} else {
		char sa[48], sb[48];
		lkit_error(L, "cannot put an array of shape %s into a row of %zu elements (array %s)",
		           mat_shape_str(v, sa), m->cols, mat_shape_str(m, sb));
	}
	if (!v->isint)
		m->isint = 0;
}

static int m_newindex(lua_State *L)
{
	mat *m = larray_check(L, 1);
	int isnum;
	lua_Integer i = lua_tointegerx(L, 2, &isnum);
	if (!isnum)
		return lkit_error(L, "arrays only take integer indices (use a method to change '%s')",
		                  luaL_tolstring(L, 2, NULL));
	if (m->ndim == 0)
		return lkit_error(L, "a 0-D array cannot be indexed");
	size_t k = larray_index(L, i, larray_nrows(m), m, "index");
	if (m->ndim == 1) {
		double v = (double)luaL_checknumber(L, 3);
		if (!lua_isinteger(L, 3) && !lua_isboolean(L, 3))
			m->isint = 0;
		m->data[k] = v;
	} else {
		setrow(L, m, k, 3);
	}
	return 0;
}

static int m_len(lua_State *L)
{
	mat *m = larray_check(L, 1);
	if (m->ndim == 0)
		return lkit_error(L, "a 0-D array has no length");
	lua_pushinteger(L, (lua_Integer)larray_nrows(m));
	return 1;
}

static int m_tostring(lua_State *L)
{
	mat *m = larray_check(L, 1);
	strbuf sb = STRBUF_INIT;
	numfmt_array(&sb, m);
	if (sb.failed) {
		sb_free(&sb);
		return lkit_error(L, "not enough memory");
	}
	lua_pushlstring(L, sb_str(&sb), sb.len);
	sb_free(&sb);
	return 1;
}

static int m_concat(lua_State *L)
{
	luaL_tolstring(L, 1, NULL);
	luaL_tolstring(L, 2, NULL);
	lua_concat(L, 2);
	return 1;
}

static int m_eq(lua_State *L)
{
	mat *a = larray_test(L, 1), *b = larray_test(L, 2);
	int eq = a && b && a->ndim == b->ndim && a->rows == b->rows && a->cols == b->cols;
	for (size_t i = 0; eq && i < (a ? mat_size(a) : 0); i++)
		eq = a->data[i] == b->data[i];
	lua_pushboolean(L, eq);
	return 1;
}

/*
** M.T is numpy's transpose property; M:T() (the design's spelling) is
** M.T(M), so calling a matrix with one matrix argument returns it as is.
*/
static int m_call(lua_State *L)
{
	larray_check(L, 1);
	if (lua_gettop(L) != 2 || !larray_test(L, 2))
		return lkit_error(L, "an array is not a function (did you mean M:T() or M.T?)");
	lua_settop(L, 1);
	return 1;
}

static int m_get(lua_State *L)
{
	mat *m = larray_check(L, 1);
	if (m->ndim == 2) {
		size_t i = larray_index(L, luaL_checkinteger(L, 2), m->rows, m, "row");
		size_t j = larray_index(L, luaL_checkinteger(L, 3), m->cols, m, "column");
		larray_pushnum(L, mat_get(m, i, j), m->isint);
	} else if (m->ndim == 1) {
		size_t j = larray_index(L, luaL_checkinteger(L, 2), m->cols, m, "index");
		larray_pushnum(L, m->data[j], m->isint);
	} else {
		larray_pushnum(L, m->data[0], m->isint);
	}
	return 1;
}

static int m_set(lua_State *L)
{
	mat *m = larray_check(L, 1);
	int vi;
	size_t k;
	if (m->ndim == 2) {
		size_t i = larray_index(L, luaL_checkinteger(L, 2), m->rows, m, "row");
		size_t j = larray_index(L, luaL_checkinteger(L, 3), m->cols, m, "column");
		k = i * m->cols + j;
		vi = 4;
	} else if (m->ndim == 1) {
		k = larray_index(L, luaL_checkinteger(L, 2), m->cols, m, "index");
		vi = 3;
	} else {
		k = 0;
		vi = 2;
	}
	double v = (double)luaL_checknumber(L, vi);
	if (!lua_isinteger(L, vi))
		m->isint = 0;
	m->data[k] = v;
	lua_settop(L, 1);
	return 1;
}

static void pushtable(lua_State *L, const mat *m)
{
	if (m->ndim == 0) {
		larray_pushnum(L, m->data[0], m->isint);
		return;
	}
	size_t r = m->ndim == 2 ? m->rows : 1;
	if (m->ndim == 2)
		lua_createtable(L, (int)r, 0);
	for (size_t i = 0; i < r; i++) {
		lua_createtable(L, (int)m->cols, 0);
		for (size_t j = 0; j < m->cols; j++) {
			larray_pushnum(L, m->data[i * m->cols + j], m->isint);
			lua_rawseti(L, -2, (lua_Integer)j + 1);
		}
		if (m->ndim == 2)
			lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

static int m_totable(lua_State *L)
{
	pushtable(L, larray_check(L, 1));
	return 1;
}

static int m_repr(lua_State *L)
{
	mat *m = larray_check(L, 1);
	strbuf sb = STRBUF_INIT;
	numfmt_array_repr(&sb, m);
	lua_pushlstring(L, sb_str(&sb), sb.len);
	sb_free(&sb);
	return 1;
}

static const luaL_Reg methods[] = {
	{"get", m_get}, {"set", m_set}, {"totable", m_totable}, {"repr", m_repr}, {NULL, NULL},
};

static const luaL_Reg meta[] = {
	{"__newindex", m_newindex}, {"__len", m_len}, {"__concat", m_concat},
	{"__eq", m_eq},             {"__call", m_call}, {NULL, NULL},
};

const lkit_type larray_type = {
	.name = "nn.Matrix", .what = "the array", .tostring = m_tostring,
	.methods = methods, .meta = meta, .index = m_index,
};

static int l_isarray(lua_State *L)
{
	lua_pushboolean(L, larray_test(L, 1) != NULL);
	return 1;
}

static int l_shape(lua_State *L)
{
	mat tmp;
	double num;
	larray_pushshape(L, larray_arg(L, 1, &tmp, &num));
	return 1;
}

void larray_open(lua_State *L, int nn)
{
	static const luaL_Reg funcs[] = {{"isarray", l_isarray}, {"shape", l_shape}, {NULL, NULL}};
	lua_pushvalue(L, nn);
	luaL_setfuncs(L, funcs, 0);
	lua_pop(L, 1);
}
