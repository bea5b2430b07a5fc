/*
** lbuild.c — arrays made from arguments (nn.array, zeros, ones, full,
** eye, arange, linspace, the stacks) and from another array (copy,
** reshape, flatten, transpose, rows and columns, slices, masks, map,
** astype).  Shapes follow numpy; indices are 1-based (larray.h).
*/
#include "lbuild_int.h"

#include <math.h>
#include <string.h>

#include "larray_int.h"
#include "strbuf.h"

static int m_copy(lua_State *L)
{
	mat *m = larray_check(L, 1);
	mat_shape s = {m->rows, m->cols, m->ndim};
	mat *c = larray_new(L, s, "copy");
	mat_copy(c, m);
	return 1;
}

static int m_reshape(lua_State *L)
{
	mat *m = larray_check(L, 1);
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
			return lkit_error(L, "reshape: cannot reshape an array of shape %s (%zu elements) into {%lld, %lld}",
			                  mat_shape_str(m, sh), n, (long long)r, (long long)c);
		}
		s = mat_shape2((size_t)r, (size_t)c);
	} else if (lua_type(L, 2) == LUA_TNUMBER && lua_tointeger(L, 2) == -1) {
		s = mat_shape1(n);
	} else {
		s = larray_checkshape(L, 2, "reshape");
		if (s.rows * s.cols != n) {
			char sh[48];
			return lkit_error(L, "reshape: cannot reshape an array of shape %s (%zu elements) into %zu elements",
			                  mat_shape_str(m, sh), n, s.rows * s.cols);
		}
	}
	mat *out = larray_new(L, s, "reshape");
	mat_copy(out, m);
	return 1;
}

static int m_flatten(lua_State *L)
{
	mat *m = larray_check(L, 1);
	mat *out = larray_new(L, mat_shape1(mat_size(m)), "flatten");
	mat_copy(out, m);
	return 1;
}

static int m_T(lua_State *L)
{
	mat *m = larray_check(L, 1);
	mat *t = larray_new(L, mat_transpose_shape(m), "T");
	mat_transpose(t, m);
	return 1;
}

static int m_row(lua_State *L)
{
	mat *m = larray_check(L, 1);
	if (m->ndim != 2)
		return lkit_error(L, "row: needs a 2-D array");
	larray_pushrow(L, m, larray_index(L, luaL_checkinteger(L, 2), m->rows, m, "row"));
	return 1;
}

static int m_col(lua_State *L)
{
	mat *m = larray_check(L, 1);
	if (m->ndim != 2)
		return lkit_error(L, "col: needs a 2-D array");
	size_t j = larray_index(L, luaL_checkinteger(L, 2), m->cols, m, "column");
	mat *c = larray_new(L, mat_shape1(m->rows), "col");
	mat_col(c, m, j);
	return 1;
}

/* Pushes the rows of m listed (0-based) in idx. */
static void pushrows(lua_State *L, const mat *m, const size_t *idx, size_t n)
{
	mat *out = larray_new(L, mat_take_rows_shape(m, n), "rows");
	mat_take_rows(out, m, idx, n);
}

/*
** a:rows(idx): rows by 1-based indices (a table or an integer array);
** a:select(mask): the rows where mask is non-zero (numpy a[mask]).
*/
static int take_rows(lua_State *L, int by_mask)
{
	mat *m = larray_check(L, 1);
	mat tmp;
	double num;
	mat *arg = larray_arg(L, 2, &tmp, &num);
	size_t n = by_mask ? larray_nrows(m) : mat_size(arg), k = 0;
	if (by_mask && (mat_size(arg) != n || arg->ndim == 0)) {
		char sa[48], sb[48];
		return lkit_error(L, "select: the mask has shape %s but the array has %zu rows (shape %s)",
		                  mat_shape_str(arg, sa), n, mat_shape_str(m, sb));
	}
	size_t *idx = lkit_scratch(L, n, sizeof *idx);
	for (size_t i = 0; i < n; i++) {
		double v = arg->data[i];
		if (by_mask) {
			if (v != 0)
				idx[k++] = i;
			continue;
		}
		if (v != floor(v))
			return lkit_error(L, "rows: index %g is not an integer", v);
		if (fabs(v) > 9007199254740992.0) /* also inf: no integer to convert to */
			return lkit_error(L, "rows: index %g is out of range", v);
		idx[k++] = larray_index(L, (lua_Integer)v, larray_nrows(m), m, "row");
	}
	pushrows(L, m, idx, k);
	return 1;
}

static int m_rows(lua_State *L) { return take_rows(L, 0); }
static int m_select(lua_State *L) { return take_rows(L, 1); }

/* a:slice(i, j): rows i..j inclusive (numpy a[i-1:j]). */
static int m_slice(lua_State *L)
{
	mat *m = larray_check(L, 1);
	size_t n = larray_nrows(m);
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
	mat *out = larray_new(L, s, "slice");
	mat_slice_rows(out, m, r0, r1);
	return 1;
}

/* a:map(f): f applied to every element. */
static int m_map(lua_State *L)
{
	mat *m = larray_check(L, 1);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	mat_shape s = {m->rows, m->cols, m->ndim};
	mat *out = larray_new(L, s, "map");
	int isint = 1;
	for (size_t i = 0; i < mat_size(m); i++) {
		lua_pushvalue(L, 2);
		larray_pushnum(L, m->data[i], m->isint);
		lua_call(L, 1, 1);
		int ok;
		out->data[i] = lua_tonumberx(L, -1, &ok);
		if (!ok && lua_isboolean(L, -1))
			out->data[i] = lua_toboolean(L, -1), ok = 1;
		else if (!lua_isinteger(L, -1))
			isint = 0;
		if (!ok)
			return lkit_error(L, "map: the function returned a %s for element %zu, not a number",
			                  luaL_typename(L, -1), i + 1);
		lua_pop(L, 1);
	}
	out->isint = (unsigned char)isint;
	return 1;
}

static int m_astype(lua_State *L)
{
	mat *m = larray_check(L, 1);
	static const char *const kinds[] = {"float", "float64", "int", "int64", NULL};
	int k = luaL_checkoption(L, 2, NULL, kinds);
	mat_shape s = {m->rows, m->cols, m->ndim};
	mat *out = larray_new(L, s, "astype");
	mat_copy(out, m);
	if (k >= 2) {
		for (size_t i = 0; i < mat_size(out); i++) {
			if (!isfinite(out->data[i]))
				return lkit_error(L, "astype: cannot convert %g to an integer", out->data[i]);
			out->data[i] = trunc(out->data[i]);
		}
	}
	out->isint = k >= 2;
	return 1;
}

static int l_array(lua_State *L)
{
	if (larray_test(L, 1))
		return m_copy(L);
	if (lua_type(L, 1) == LUA_TNUMBER) {
		mat *m = larray_new(L, (mat_shape){1, 1, 0}, "nn.array");
		m->data[0] = lua_tonumber(L, 1);
		m->isint = (unsigned char)lua_isinteger(L, 1);
		return 1;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	larray_fromtable(L, 1, "nn.array");
	return 1;
}

static int filled(lua_State *L, double v, const char *fname)
{
	mat_shape s = larray_checkshape(L, 1, fname);
	mat *m = larray_new(L, s, fname);
	if (v != 0)
		mat_fill(m, v);
	return 1;
}

/* nn.zeros(rows, cols) is nn.zeros{rows, cols}: a second number is not numpy's dtype. */
static void dims_as_shape(lua_State *L)
{
	if (lua_type(L, 2) != LUA_TNUMBER)
		return;
	lua_createtable(L, 2, 0);
	lua_pushvalue(L, 1);
	lua_rawseti(L, -2, 1);
	lua_pushvalue(L, 2);
	lua_rawseti(L, -2, 2);
	lua_replace(L, 1);
	lua_settop(L, 1);
}

static int l_zeros(lua_State *L)
{
	dims_as_shape(L);
	return filled(L, 0, "nn.zeros");
}

static int l_ones(lua_State *L)
{
	dims_as_shape(L);
	return filled(L, 1, "nn.ones");
}

static int l_full(lua_State *L)
{
	double v = (double)luaL_checknumber(L, 2);
	filled(L, v, "nn.full");
	mat *m = larray_check(L, -1);
	m->isint = (unsigned char)lua_isinteger(L, 2);
	return 1;
}

static int l_eye(lua_State *L)
{
	lua_Integer n = luaL_checkinteger(L, 1);
	if (n < 1 || (unsigned long long)n > 16384)
		return lkit_error(L, "nn.eye: size %lld must be between 1 and 16384", (long long)n);
	mat *m = larray_new(L, mat_shape2((size_t)n, (size_t)n), "nn.eye");
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
		return lkit_error(L, "nn.arange: start, stop and step must be finite and step non-zero");
	long len = mat_arange_len(start, stop, step);
	if (len < 0 || (unsigned long)len > MAT_MAX_ELEMS)
		return lkit_error(L, "nn.arange: %ld elements is too many", len);
	mat *m = larray_new(L, mat_shape1((size_t)len), "nn.arange");
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
		return lkit_error(L, "nn.linspace: number of samples %lld must be between 0 and %zu",
		                  (long long)n, (size_t)MAT_MAX_ELEMS);
	mat *m = larray_new(L, mat_shape1((size_t)n), "nn.linspace");
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
		return lkit_error(L, "%s: needs a table of 1 to 10000 arrays", fname);
	const mat **ms = lkit_scratch(L, (size_t)n, sizeof *ms);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_geti(L, 1, i);
		if (!larray_test(L, -1)) {
			if (!lua_istable(L, -1))
				return lkit_error(L, "%s: element %d is a %s, not an array", fname, (int)i,
				                  luaL_typename(L, -1));
			larray_fromtable(L, -1, fname);
			lua_remove(L, -2);
		}
		ms[i - 1] = larray_test(L, -1); /* kept alive on the stack */
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
	mat *out = larray_new(L, s, fname);
	if (vertical)
		mat_vstack(out, (const mat *const *)ms, (size_t)n);
	else
		mat_hstack(out, (const mat *const *)ms, (size_t)n);
	return 1;
}

static int l_hstack(lua_State *L) { return stack(L, 0); }

static int l_vstack(lua_State *L) { return stack(L, 1); }

static const luaL_Reg methods[] = {
	{"copy", m_copy},     {"reshape", m_reshape}, {"flatten", m_flatten}, {"transpose", m_T},
	{"row", m_row},       {"col", m_col},         {"rows", m_rows},       {"slice", m_slice},
	{"select", m_select}, {"map", m_map},         {"astype", m_astype},   {NULL, NULL},
};

static const luaL_Reg funcs[] = {
	{"array", l_array},       {"zeros", l_zeros},   {"ones", l_ones},
	{"full", l_full},         {"eye", l_eye},       {"arange", l_arange},
	{"linspace", l_linspace}, {"hstack", l_hstack}, {"vstack", l_vstack},
	{NULL, NULL},
};

void lbuild_open(lua_State *L, int nn, int methods_idx)
{
	lua_pushvalue(L, nn);
	luaL_setfuncs(L, funcs, 0);
	lua_pushvalue(L, methods_idx);
	luaL_setfuncs(L, methods, 0);
	lua_pop(L, 2);
}
