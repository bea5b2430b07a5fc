/*
** lua_array.c — nn arrays as Lua userdata: construction, indexing,
** metamethods and methods.  Conversions are in lua_convert.c; element-wise
** math, products and reductions in lua_arrayops.c.
**
** Indices are 1-based, as Lua users expect, and negative indices count from
** the end (-1 is the last row), as in numpy.
*/
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <string.h>

#include "lua_nn.h"
#include "matrix.h"
#include "numfmt.h"
#include "strbuf.h"

/* --- indexing ----------------------------------------------------------- */

/* Turns a 1-based (or negative, from the end) index into a 0-based one. */
static size_t checkindex(lua_State *L, lua_Integer i, size_t n, const mat *m, const char *what)
{
	lua_Integer k = i < 0 ? (lua_Integer)n + i + 1 : i;
	if (k < 1 || k > (lua_Integer)n) {
		char sh[48];
		nnlua_error(L, "%s %lld is out of range for an array of shape %s (valid: 1..%zu or -%zu..-1)",
		           what, (long long)i, mat_shape_str(m, sh), n, n);
	}
	return (size_t)(k - 1);
}

static size_t nrows(const mat *m) { return m->ndim == 2 ? m->rows : m->cols; }

/* Pushes row i of a 2-D array as a new 1-D array. */
static void pushrow(lua_State *L, const mat *m, size_t i)
{
	mat *r = nnlua_newmat(L, mat_shape1(m->cols), "row");
	memcpy(r->data, m->data + i * m->cols, m->cols * sizeof(double));
	r->isint = m->isint;
}

static void pushshape(lua_State *L, const mat *m)
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
	mat *t = nnlua_newmat(L, mat_transpose_shape(m), "T");
	mat_transpose(t, m);
}

static int m_index(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	if (lua_type(L, 2) == LUA_TNUMBER) {
		int isnum;
		lua_Integer i = lua_tointegerx(L, 2, &isnum);
		if (!isnum)
			return nnlua_error(L, "array index %s is not an integer", lua_tostring(L, 2));
		if (m->ndim == 0)
			return nnlua_error(L, "a 0-D array cannot be indexed");
		size_t k = checkindex(L, i, nrows(m), m, "index");
		if (m->ndim == 1)
			nnlua_pushscalar(L, m->data[k], m->isint);
		else
			pushrow(L, m, k);
		return 1;
	}
	const char *key = lua_tostring(L, 2);
	if (key && lua_type(L, 2) == LUA_TSTRING) {
		if (strcmp(key, "shape") == 0) {
			pushshape(L, m);
			return 1;
		} else if (strcmp(key, "ndim") == 0) {
			lua_pushinteger(L, m->ndim);
			return 1;
		} else if (strcmp(key, "size") == 0) {
			lua_pushinteger(L, (lua_Integer)mat_size(m));
			return 1;
		} else if (strcmp(key, "T") == 0) {
			pushtranspose(L, m);
			return 1;
		} else if (strcmp(key, "dtype") == 0) {
			lua_pushstring(L, m->isint ? "int64" : "float64");
			return 1;
		}
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
	mat *v = nnlua_arg(L, vidx, &tmp, &num);
	double *row = m->data + k * m->cols;
	if (v->ndim == 0) {
		for (size_t j = 0; j < m->cols; j++)
			row[j] = *v->data;
	} else if (mat_size(v) == m->cols && v->rows == 1) {
		memcpy(row, v->data, m->cols * sizeof(double));
	} else {
		char sa[48], sb[48];
		nnlua_error(L, "cannot put an array of shape %s into a row of %zu elements (array %s)",
		           mat_shape_str(v, sa), m->cols, mat_shape_str(m, sb));
	}
	if (!v->isint)
		m->isint = 0;
}

static int m_newindex(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	int isnum;
	lua_Integer i = lua_tointegerx(L, 2, &isnum);
	if (!isnum)
		return nnlua_error(L, "arrays only take integer indices (use a method to change '%s')",
		                  luaL_tolstring(L, 2, NULL));
	if (m->ndim == 0)
		return nnlua_error(L, "a 0-D array cannot be indexed");
	size_t k = checkindex(L, i, nrows(m), m, "index");
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
	mat *m = nnlua_checkmat(L, 1);
	if (m->ndim == 0)
		return nnlua_error(L, "a 0-D array has no length");
	lua_pushinteger(L, (lua_Integer)nrows(m));
	return 1;
}

static int m_tostring(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	strbuf sb = STRBUF_INIT;
	numfmt_array(&sb, m);
	if (sb.failed) {
		sb_free(&sb);
		return nnlua_error(L, "not enough memory");
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
	mat *a = nnlua_tomat(L, 1), *b = nnlua_tomat(L, 2);
	int eq = a && b && a->ndim == b->ndim && a->rows == b->rows && a->cols == b->cols;
	for (size_t i = 0; eq && i < (a ? mat_size(a) : 0); i++)
		eq = a->data[i] == b->data[i];
	lua_pushboolean(L, eq);
	return 1;
}

/* --- methods ------------------------------------------------------------ */

static int m_get(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	if (m->ndim == 2) {
		size_t i = checkindex(L, luaL_checkinteger(L, 2), m->rows, m, "row");
		size_t j = checkindex(L, luaL_checkinteger(L, 3), m->cols, m, "column");
		nnlua_pushscalar(L, mat_get(m, i, j), m->isint);
	} else if (m->ndim == 1) {
		size_t j = checkindex(L, luaL_checkinteger(L, 2), m->cols, m, "index");
		nnlua_pushscalar(L, m->data[j], m->isint);
	} else {
		nnlua_pushscalar(L, m->data[0], m->isint);
	}
	return 1;
}

static int m_set(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	int vi;
	size_t k;
	if (m->ndim == 2) {
		size_t i = checkindex(L, luaL_checkinteger(L, 2), m->rows, m, "row");
		size_t j = checkindex(L, luaL_checkinteger(L, 3), m->cols, m, "column");
		k = i * m->cols + j;
		vi = 4;
	} else if (m->ndim == 1) {
		k = checkindex(L, luaL_checkinteger(L, 2), m->cols, m, "index");
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
		nnlua_pushscalar(L, m->data[0], m->isint);
		return;
	}
	size_t r = m->ndim == 2 ? m->rows : 1;
	if (m->ndim == 2)
		lua_createtable(L, (int)r, 0);
	for (size_t i = 0; i < r; i++) {
		lua_createtable(L, (int)m->cols, 0);
		for (size_t j = 0; j < m->cols; j++) {
			nnlua_pushscalar(L, m->data[i * m->cols + j], m->isint);
			lua_rawseti(L, -2, (lua_Integer)j + 1);
		}
		if (m->ndim == 2)
			lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

static int m_totable(lua_State *L)
{
	pushtable(L, nnlua_checkmat(L, 1));
	return 1;
}

static int m_copy(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	mat_shape s = {m->rows, m->cols, m->ndim};
	mat *c = nnlua_newmat(L, s, "copy");
	mat_copy(c, m);
	return 1;
}

static int m_reshape(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	size_t n = mat_size(m);
	mat_shape s;
	if (lua_istable(L, 2) && luaL_len(L, 2) == 2) {
		/* one dimension may be -1: inferred from the size, as numpy */
		lua_geti(L, 2, 1);
		lua_geti(L, 2, 2);
		lua_Integer r = luaL_checkinteger(L, -2), c = luaL_checkinteger(L, -1);
		lua_pop(L, 2);
		if (r == -1 && c > 0 && n % (size_t)c == 0)
			r = (lua_Integer)(n / (size_t)c);
		else if (c == -1 && r > 0 && n % (size_t)r == 0)
			c = (lua_Integer)(n / (size_t)r);
		if (r < 0 || c < 0 || (size_t)r * (size_t)c != n) {
			char sh[48];
			return nnlua_error(L, "reshape: cannot reshape an array of shape %s (%zu elements) into {%lld, %lld}",
			                  mat_shape_str(m, sh), n, (long long)r, (long long)c);
		}
		s = mat_shape2((size_t)r, (size_t)c);
	} else if (lua_type(L, 2) == LUA_TNUMBER && lua_tointeger(L, 2) == -1) {
		s = mat_shape1(n);
	} else {
		s = nnlua_checkshape(L, 2, "reshape");
		if (s.rows * s.cols != n) {
			char sh[48];
			return nnlua_error(L, "reshape: cannot reshape an array of shape %s (%zu elements) into %zu elements",
			                  mat_shape_str(m, sh), n, s.rows * s.cols);
		}
	}
	mat *out = nnlua_newmat(L, s, "reshape");
	mat_copy(out, m);
	return 1;
}

static int m_flatten(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	mat *out = nnlua_newmat(L, mat_shape1(mat_size(m)), "flatten");
	mat_copy(out, m);
	return 1;
}

static int m_T(lua_State *L)
{
	pushtranspose(L, nnlua_checkmat(L, 1));
	return 1;
}

static int m_row(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	if (m->ndim != 2)
		return nnlua_error(L, "row: needs a 2-D array");
	pushrow(L, m, checkindex(L, luaL_checkinteger(L, 2), m->rows, m, "row"));
	return 1;
}

static int m_col(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	if (m->ndim != 2)
		return nnlua_error(L, "col: needs a 2-D array");
	size_t j = checkindex(L, luaL_checkinteger(L, 2), m->cols, m, "column");
	mat *c = nnlua_newmat(L, mat_shape1(m->rows), "col");
	mat_col(c, m, j);
	return 1;
}

/* Pushes the rows of m listed (0-based) in idx. */
static void pushrows(lua_State *L, const mat *m, const size_t *idx, size_t n)
{
	mat *out = nnlua_newmat(L, mat_take_rows_shape(m, n), "rows");
	mat_take_rows(out, m, idx, n);
}

/* a:rows(idx): rows by 1-based indices (a table or an integer array). */
static int m_rows(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	mat tmp;
	double num;
	mat *ix = nnlua_arg(L, 2, &tmp, &num);
	size_t n = mat_size(ix);
	size_t *idx = lua_newuserdatauv(L, (n ? n : 1) * sizeof(size_t), 0);
	for (size_t i = 0; i < n; i++) {
		double v = ix->data[i];
		if (v != floor(v))
			return nnlua_error(L, "rows: index %g is not an integer", v);
		if (fabs(v) > 9007199254740992.0) /* also inf: no integer to convert to */
			return nnlua_error(L, "rows: index %g is out of range", v);
		idx[i] = checkindex(L, (lua_Integer)v, nrows(m), m, "row");
	}
	pushrows(L, m, idx, n);
	return 1;
}

/* a:slice(i, j): rows i..j inclusive (numpy a[i-1:j]). */
static int m_slice(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	size_t n = nrows(m);
	lua_Integer i = luaL_optinteger(L, 2, 1), j = luaL_optinteger(L, 3, (lua_Integer)n);
	if (i < 0)
		i += (lua_Integer)n + 1;
	if (j < 0)
		j += (lua_Integer)n + 1;
	if (i < 1)
		i = 1;
	if (j > (lua_Integer)n)
		j = (lua_Integer)n;
	size_t r0 = (size_t)(i - 1), r1 = j >= i ? (size_t)j : r0;
	mat_shape s = m->ndim == 2 ? mat_shape2(r1 - r0, m->cols) : mat_shape1(r1 - r0);
	mat *out = nnlua_newmat(L, s, "slice");
	mat_slice_rows(out, m, r0, r1);
	return 1;
}

/* a:select(mask): the rows where mask is non-zero (numpy a[mask]). */
static int m_select(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	mat tmp;
	double num;
	mat *mask = nnlua_arg(L, 2, &tmp, &num);
	size_t n = nrows(m);
	if (mat_size(mask) != n || mask->ndim == 0) {
		char sa[48], sb[48];
		return nnlua_error(L, "select: the mask has shape %s but the array has %zu rows (shape %s)",
		                  mat_shape_str(mask, sa), n, mat_shape_str(m, sb));
	}
	size_t *idx = lua_newuserdatauv(L, (n ? n : 1) * sizeof(size_t), 0), k = 0;
	for (size_t i = 0; i < n; i++)
		if (mask->data[i] != 0)
			idx[k++] = i;
	pushrows(L, m, idx, k);
	return 1;
}

/* a:map(f): f applied to every element. */
static int m_map(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	mat_shape s = {m->rows, m->cols, m->ndim};
	mat *out = nnlua_newmat(L, s, "map");
	int isint = 1;
	for (size_t i = 0; i < mat_size(m); i++) {
		lua_pushvalue(L, 2);
		nnlua_pushscalar(L, m->data[i], m->isint);
		lua_call(L, 1, 1);
		int ok;
		out->data[i] = lua_tonumberx(L, -1, &ok);
		if (!ok && lua_isboolean(L, -1))
			out->data[i] = lua_toboolean(L, -1), ok = 1;
		else if (!lua_isinteger(L, -1))
			isint = 0;
		if (!ok)
			return nnlua_error(L, "map: the function returned a %s for element %zu, not a number",
			                  luaL_typename(L, -1), i + 1);
		lua_pop(L, 1);
	}
	out->isint = (unsigned char)isint;
	return 1;
}

static int m_astype(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	static const char *const kinds[] = {"float", "float64", "int", "int64", NULL};
	int k = luaL_checkoption(L, 2, NULL, kinds);
	mat_shape s = {m->rows, m->cols, m->ndim};
	mat *out = nnlua_newmat(L, s, "astype");
	mat_copy(out, m);
	if (k >= 2) {
		for (size_t i = 0; i < mat_size(out); i++) {
			if (!isfinite(out->data[i]))
				return nnlua_error(L, "astype: cannot convert %g to an integer", out->data[i]);
			out->data[i] = trunc(out->data[i]);
		}
	}
	out->isint = k >= 2;
	return 1;
}

static int m_repr(lua_State *L)
{
	mat *m = nnlua_checkmat(L, 1);
	strbuf sb = STRBUF_INIT;
	numfmt_array_repr(&sb, m);
	lua_pushlstring(L, sb_str(&sb), sb.len);
	sb_free(&sb);
	return 1;
}

/* --- constructors (nn.*) ------------------------------------------------- */

static int l_array(lua_State *L)
{
	if (nnlua_tomat(L, 1))
		return m_copy(L);
	if (lua_type(L, 1) == LUA_TNUMBER) {
		mat *m = nnlua_newmat(L, (mat_shape){1, 1, 0}, "nn.array");
		m->data[0] = lua_tonumber(L, 1);
		m->isint = (unsigned char)lua_isinteger(L, 1);
		return 1;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	nnlua_fromtable(L, 1, "nn.array");
	return 1;
}

static int filled(lua_State *L, double v, const char *fname)
{
	mat_shape s = nnlua_checkshape(L, 1, fname);
	mat *m = nnlua_newmat(L, s, fname);
	if (v != 0)
		mat_fill(m, v);
	return 1;
}

static int l_zeros(lua_State *L) { return filled(L, 0, "nn.zeros"); }
static int l_ones(lua_State *L) { return filled(L, 1, "nn.ones"); }

static int l_full(lua_State *L)
{
	double v = (double)luaL_checknumber(L, 2);
	filled(L, v, "nn.full");
	mat *m = nnlua_checkmat(L, -1);
	m->isint = (unsigned char)lua_isinteger(L, 2);
	return 1;
}

static int l_eye(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 1);
	if (n < 1 || (unsigned long long)n > 16384)
		return nnlua_error(L, "nn.eye: size %lld must be between 1 and 16384", (long long)n);
	mat *m = nnlua_newmat(L, mat_shape2((size_t)n, (size_t)n), "nn.eye");
	for (size_t i = 0; i < (size_t)n; i++)
		m->data[i * (size_t)n + i] = 1;
	return 1;
}

/* nn.arange([start,] stop [, step]) as numpy; integers in, integers out. */
static int l_arange(lua_State *L)
{
	int n = lua_gettop(L);
	double start = 0, stop, step = 1;
	int isint = 1;
	for (int i = 1; i <= n && i <= 3; i++) {
		luaL_checknumber(L, i);
		if (!lua_isinteger(L, i))
			isint = 0;
	}
	if (n == 1) {
		stop = lua_tonumber(L, 1);
	} else {
		start = lua_tonumber(L, 1);
		stop = luaL_checknumber(L, 2);
		step = luaL_optnumber(L, 3, 1);
	}
	if (step == 0 || !isfinite(start) || !isfinite(stop) || !isfinite(step))
		return nnlua_error(L, "nn.arange: start, stop and step must be finite and step non-zero");
	long len = mat_arange_len(start, stop, step);
	if (len < 0 || (unsigned long)len > MAT_MAX_ELEMS)
		return nnlua_error(L, "nn.arange: %ld elements is too many", len);
	mat *m = nnlua_newmat(L, mat_shape1((size_t)len), "nn.arange");
	mat_arange(m, start, step);
	m->isint = (unsigned char)isint;
	return 1;
}

static int l_linspace(lua_State *L)
{
	double a = luaL_checknumber(L, 1), b = luaL_checknumber(L, 2);
	lua_Integer n = luaL_optinteger(L, 3, 50);
	int endpoint = lua_isnoneornil(L, 4) ? 1 : lua_toboolean(L, 4);
	if (n < 0 || (unsigned long long)n > MAT_MAX_ELEMS)
		return nnlua_error(L, "nn.linspace: number of samples %lld must be between 0 and %zu",
		                  (long long)n, (size_t)MAT_MAX_ELEMS);
	mat *m = nnlua_newmat(L, mat_shape1((size_t)n), "nn.linspace");
	mat_linspace(m, a, b, endpoint);
	return 1;
}

/* nn.hstack{a, b, ...} and nn.vstack{a, b, ...}. */
static int stack(lua_State *L, int vertical)
{
	const char *fname = vertical ? "nn.vstack" : "nn.hstack";
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer n = luaL_len(L, 1);
	if (n < 1 || n > 10000)
		return nnlua_error(L, "%s: needs a table of 1 to 10000 arrays", fname);
	const mat **ms = lua_newuserdatauv(L, (size_t)n * sizeof *ms, 0);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, 1, i);
		if (!nnlua_tomat(L, -1)) {
			if (!lua_istable(L, -1))
				return nnlua_error(L, "%s: element %d is a %s, not an array", fname, (int)i,
				                  luaL_typename(L, -1));
			nnlua_fromtable(L, -1, fname);
			lua_remove(L, -2);
		}
		ms[i - 1] = nnlua_tomat(L, -1); /* kept alive on the stack */
	}
	mat_shape s;
	int st = vertical ? mat_vstack_shape((const mat *const *)ms, (size_t)n, &s)
	                  : mat_hstack_shape((const mat *const *)ms, (size_t)n, &s);
	if (st != MAT_OK) {
		strbuf sb = STRBUF_INIT;
		for (lua_Integer i = 0; i < n; i++) {
			char sh[48];
			sb_adds(&sb, i ? ", " : "");
			sb_adds(&sb, mat_shape_str(ms[i], sh));
		}
		lua_pushfstring(L, "%s: cannot stack arrays of shapes %s", fname, sb_str(&sb));
		sb_free(&sb);
		return lua_error(L);
	}
	mat *out = nnlua_newmat(L, s, fname);
	if (vertical)
		mat_vstack(out, (const mat *const *)ms, (size_t)n);
	else
		mat_hstack(out, (const mat *const *)ms, (size_t)n);
	return 1;
}

static int l_hstack(lua_State *L) { return stack(L, 0); }
static int l_vstack(lua_State *L) { return stack(L, 1); }

static int l_isarray(lua_State *L)
{
	lua_pushboolean(L, nnlua_tomat(L, 1) != NULL);
	return 1;
}

static int l_shape(lua_State *L)
{
	mat tmp;
	double num;
	pushshape(L, nnlua_arg(L, 1, &tmp, &num));
	return 1;
}


static const luaL_Reg methods[] = {
	{"get", m_get},         {"set", m_set},         {"totable", m_totable},
	{"copy", m_copy},       {"reshape", m_reshape}, {"flatten", m_flatten},
	{"transpose", m_T},     {"row", m_row},
	{"col", m_col},         {"rows", m_rows},       {"slice", m_slice},
	{"select", m_select},   {"map", m_map},         {"astype", m_astype},
	{"repr", m_repr},       {NULL, NULL},
};

/*
** M.T is numpy's transpose property; M:T() (the design's spelling) is
** M.T(M), so calling a matrix with one matrix argument returns it as is.
*/
static int m_call(lua_State *L)
{
	nnlua_checkmat(L, 1);
	if (lua_gettop(L) != 2 || !nnlua_tomat(L, 2))
		return nnlua_error(L, "an array is not a function (did you mean M:T() or M.T?)");
	lua_settop(L, 1);
	return 1;
}

static const luaL_Reg meta[] = {
	{"__newindex", m_newindex}, {"__len", m_len}, {"__tostring", m_tostring},
	{"__concat", m_concat},     {"__eq", m_eq},   {"__call", m_call},
	{NULL, NULL},
};

static const luaL_Reg funcs[] = {
	{"array", l_array},       {"zeros", l_zeros},   {"ones", l_ones},
	{"full", l_full},         {"eye", l_eye},       {"arange", l_arange},
	{"linspace", l_linspace}, {"hstack", l_hstack}, {"vstack", l_vstack},
	{"isarray", l_isarray},   {"shape", l_shape},   {NULL, NULL},
};

void nnlua_open_array(lua_State *L)
{
	int nn = lua_gettop(L);
	luaL_setfuncs(L, funcs, 0);
	luaL_newmetatable(L, NNLUA_MATRIX);
	nnlua_hide_metatable(L);
	luaL_setfuncs(L, meta, 0);
	lua_pushliteral(L, "nn.Matrix");
	lua_setfield(L, -2, "__name");
	lua_newtable(L); /* methods */
	luaL_setfuncs(L, methods, 0);
	nnlua_array_ops(L, nn, lua_gettop(L) - 1, lua_gettop(L));
	lua_pushcclosure(L, m_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	lua_settop(L, nn);
}
