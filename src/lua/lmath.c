/*
** lmath.c — arithmetic, element-wise functions, products and
** reductions on nn arrays, as operators, nn.* functions and methods.
**
** Numbers are accepted wherever an array is (numpy broadcasts scalars), and
** a function of numbers only returns a number.  Axes are 1-based like
** indices: axis = 1 reduces down the rows (numpy's axis 0), axis = 2 across
** the columns (numpy's axis 1).
*/
#include "lmath_int.h"

#include <math.h>

#include "larray_int.h"

/* --- binary operations -------------------------------------------------- */

static int binary(lua_State *L, mat_binop op, const char *fname)
{
	mat ta, tb;
	double na, nb;
	int anum = lua_type(L, 1) == LUA_TNUMBER, bnum = lua_type(L, 2) == LUA_TNUMBER;
	mat *a = larray_arg(L, 1, &ta, &na);
	mat *b = larray_arg(L, 2, &tb, &nb);
	mat_shape s;
	if (mat_broadcast_shape(a, b, &s) != MAT_OK)
		return larray_shape_error(L, fname, a, b, "cannot be broadcast together");
	if (anum && bnum) {
		double r;
		mat out;
		mat_scalar(&out, &r);
		mat_binary(&out, a, b, op);
		larray_pushnum(L, r, out.isint);
		return 1;
	}
	mat *out = larray_new(L, s, fname);
	mat_binary(out, a, b, op);
	return 1;
}

#define BINOP(name, op, label) \
	static int name(lua_State *L) { return binary(L, op, label); }

BINOP(l_add, MAT_ADD, "operator +")
BINOP(l_sub, MAT_SUB, "operator -")
BINOP(l_mul, MAT_MUL, "operator *")
BINOP(l_div, MAT_DIV, "operator /")
BINOP(l_pow, MAT_POW, "operator ^")
BINOP(f_add, MAT_ADD, "nn.add")
BINOP(f_sub, MAT_SUB, "nn.subtract")
BINOP(f_mul, MAT_MUL, "nn.multiply")
BINOP(f_div, MAT_DIV, "nn.divide")
BINOP(f_pow, MAT_POW, "nn.power")
BINOP(f_maximum, MAT_MAXIMUM, "nn.maximum")
BINOP(f_minimum, MAT_MINIMUM, "nn.minimum")
BINOP(f_lt, MAT_LT, "lt")
BINOP(f_le, MAT_LE, "le")
BINOP(f_gt, MAT_GT, "gt")
BINOP(f_ge, MAT_GE, "ge")
BINOP(f_eq, MAT_EQ, "eq")
BINOP(f_ne, MAT_NE, "ne")

static int l_unm(lua_State *L)
{
	mat *a = larray_check(L, 1);
	mat_shape s = {a->rows, a->cols, a->ndim};
	mat *out = larray_new(L, s, "operator -");
	mat_unary(out, a, MAT_NEG);
	return 1;
}

/* --- element-wise functions --------------------------------------------- */

static int unary(lua_State *L, mat_unop op, const char *fname)
{
	if (lua_type(L, 1) == LUA_TNUMBER) {
		double x = lua_tonumber(L, 1), r;
		mat in, out;
		mat_scalar(&in, &x);
		in.isint = (unsigned char)lua_isinteger(L, 1);
		mat_scalar(&out, &r);
		mat_unary(&out, &in, op);
		larray_pushnum(L, r, out.isint);
		return 1;
	}
	mat tmp;
	double num;
	if (!larray_test(L, 1) && !lua_istable(L, 1))
		return lkit_error(L, "%s: expects a number or an array, got a %s", fname, luaL_typename(L, 1));
	mat *a = larray_arg(L, 1, &tmp, &num);
	mat_shape s = {a->rows, a->cols, a->ndim};
	mat *out = larray_new(L, s, fname);
	mat_unary(out, a, op);
	return 1;
}

#define UNOP(name, op, label) \
	static int name(lua_State *L) { return unary(L, op, label); }

UNOP(f_exp, MAT_EXP, "nn.exp")
UNOP(f_log, MAT_LOG, "nn.log")
UNOP(f_abs, MAT_ABS, "nn.abs")
UNOP(f_sqrt, MAT_SQRT, "nn.sqrt")
UNOP(f_tanh, MAT_TANH, "nn.tanh")
UNOP(f_sigmoid, MAT_SIGMOID, "nn.sigmoid")
UNOP(f_relu, MAT_RELU, "nn.relu")
UNOP(f_sign, MAT_SIGN, "nn.sign")
UNOP(f_floor, MAT_FLOOR, "nn.floor")
UNOP(f_ceil, MAT_CEIL, "nn.ceil")
UNOP(f_round, MAT_ROUND, "nn.round")
UNOP(f_square, MAT_SQUARE, "nn.square")
UNOP(f_negative, MAT_NEG, "nn.negative")

static int f_clip(lua_State *L)
{
	double lo = luaL_checknumber(L, 2), hi = luaL_checknumber(L, 3);
	if (lo > hi)
		return lkit_error(L, "nn.clip: lower bound %g is above upper bound %g", lo, hi);
	if (lua_type(L, 1) == LUA_TNUMBER) {
		double x = lua_tonumber(L, 1);
		lua_pushnumber(L, x < lo ? lo : x > hi ? hi : x);
		return 1;
	}
	mat tmp;
	double num;
	mat *a = larray_arg(L, 1, &tmp, &num);
	mat_shape s = {a->rows, a->cols, a->ndim};
	mat *out = larray_new(L, s, "nn.clip");
	mat_clip(out, a, lo, hi);
	return 1;
}

/* --- products ------------------------------------------------------------ */

static int f_dot(lua_State *L)
{
	mat ta, tb;
	double na, nb;
	mat *a = larray_arg(L, 1, &ta, &na);
	mat *b = larray_arg(L, 2, &tb, &nb);
	mat_shape s;
	if (mat_dot_shape(a, b, &s) != MAT_OK)
		return larray_shape_error(L, "nn.dot", a, b, "are not aligned (inner dimensions differ)");
	if (s.ndim == 0) {
		double r;
		mat out;
		mat_scalar(&out, &r);
		if (mat_dot(&out, a, b) == MAT_ECANCEL)
			return lkit_cancelled(L);
		larray_pushnum(L, r, out.isint);
		return 1;
	}
	mat *out = larray_new(L, s, "nn.dot");
	if (mat_dot(out, a, b) == MAT_ECANCEL)
		return lkit_cancelled(L);
	return 1;
}

/* --- reductions ------------------------------------------------------------ */

static int reduce(lua_State *L, mat_reduce_op op, const char *fname)
{
	mat tmp;
	double num;
	mat *a = larray_arg(L, 1, &tmp, &num);
	int axis = -1;
	if (!lua_isnoneornil(L, 2)) {
		lua_Integer ax = luaL_checkinteger(L, 2);
		if (ax < 1 || ax > (a->ndim ? a->ndim : 1))
			return lkit_error(L, "%s: axis %d is out of range for an array of %d dimension%s "
			                  "(axes are 1-based: 1 = down the rows, 2 = across the columns)",
			                  fname, (int)ax, a->ndim, a->ndim == 1 ? "" : "s");
		axis = (int)ax - 1;
	}
	mat_shape s;
	if (mat_reduce_shape(a, axis, &s) != MAT_OK)
		return lkit_error(L, "%s: bad axis", fname);
	int argop = op == MAT_ARGMAX || op == MAT_ARGMIN;
	if (s.ndim == 0) {
		double r;
		mat out;
		mat_scalar(&out, &r);
		if (mat_reduce(&out, a, op, axis) != MAT_OK)
			return lkit_error(L, "%s: the array is empty", fname);
		if (argop)
			lua_pushinteger(L, (lua_Integer)r + 1);
		else
			larray_pushnum(L, r, out.isint);
		return 1;
	}
	mat *out = larray_new(L, s, fname);
	if (mat_reduce(out, a, op, axis) != MAT_OK)
		return lkit_error(L, "%s: cannot reduce an empty axis", fname);
	if (argop)
		for (size_t i = 0; i < mat_size(out); i++)
			out->data[i] += 1;
	return 1;
}

#define REDOP(name, op, label) \
	static int name(lua_State *L) { return reduce(L, op, label); }

REDOP(f_sum, MAT_SUM, "sum")
REDOP(f_mean, MAT_MEAN, "mean")
REDOP(f_max, MAT_MAX, "max")
REDOP(f_min, MAT_MIN, "min")
REDOP(f_argmax, MAT_ARGMAX, "argmax")
REDOP(f_argmin, MAT_ARGMIN, "argmin")
REDOP(f_std, MAT_STD, "std")

/* nn.allclose(a, b [, rtol [, atol]]) as numpy: |a-b| <= atol + rtol*|b|. */
static int f_allclose(lua_State *L)
{
	mat ta, tb;
	double na, nb;
	mat *a = larray_arg(L, 1, &ta, &na);
	mat *b = larray_arg(L, 2, &tb, &nb);
	double rtol = luaL_optnumber(L, 3, 1e-5), atol = luaL_optnumber(L, 4, 1e-8);
	mat_shape s;
	if (mat_broadcast_shape(a, b, &s) != MAT_OK)
		return larray_shape_error(L, "nn.allclose", a, b, "cannot be broadcast together");
	mat *d = larray_new(L, s, "nn.allclose");
	mat_binary(d, a, b, MAT_SUB);
	mat *bb = larray_new(L, s, "nn.allclose");
	double zero = 0;
	mat z;
	mat_scalar(&z, &zero);
	mat_binary(bb, b, &z, MAT_ADD); /* b broadcast to the result's shape */
	int close = 1;
	for (size_t i = 0; close && i < mat_size(d); i++)
		close = fabs(d->data[i]) <= atol + rtol * fabs(bb->data[i]);
	lua_pushboolean(L, close);
	return 1;
}

static const luaL_Reg meta[] = {
	{"__add", l_add}, {"__sub", l_sub}, {"__mul", l_mul}, {"__div", l_div},
	{"__pow", l_pow}, {"__unm", l_unm}, {NULL, NULL},
};

/* Methods take the array as the first argument, like the nn.* functions. */
static const luaL_Reg methods[] = {
	{"dot", f_dot},       {"sum", f_sum},       {"mean", f_mean},     {"max", f_max},
	{"min", f_min},       {"argmax", f_argmax}, {"argmin", f_argmin}, {"std", f_std},
	{"clip", f_clip},     {"lt", f_lt},         {"le", f_le},         {"gt", f_gt},
	{"ge", f_ge},         {"eq", f_eq},         {"ne", f_ne},         {"exp", f_exp},
	{"log", f_log},       {"abs", f_abs},       {"sqrt", f_sqrt},     {NULL, NULL},
};

static const luaL_Reg funcs[] = {
	{"add", f_add},         {"subtract", f_sub},    {"multiply", f_mul},
	{"divide", f_div},      {"power", f_pow},       {"maximum", f_maximum},
	{"minimum", f_minimum}, {"less", f_lt},         {"less_equal", f_le},
	{"greater", f_gt},      {"greater_equal", f_ge}, {"equal", f_eq},
	{"not_equal", f_ne},    {"exp", f_exp},         {"log", f_log},
	{"abs", f_abs},         {"sqrt", f_sqrt},       {"tanh", f_tanh},
	{"sigmoid", f_sigmoid}, {"relu", f_relu},       {"sign", f_sign},
	{"floor", f_floor},     {"ceil", f_ceil},       {"round", f_round},
	{"square", f_square},   {"negative", f_negative}, {"clip", f_clip},
	{"dot", f_dot},         {"matmul", f_dot},      {"sum", f_sum},
	{"mean", f_mean},       {"max", f_max},         {"min", f_min},
	{"argmax", f_argmax},   {"argmin", f_argmin},   {"std", f_std},
	{"allclose", f_allclose}, {NULL, NULL},
};

void lmath_open(lua_State *L, int nn, int meta_idx, int methods_idx)
{
	lua_pushvalue(L, meta_idx);
	luaL_setfuncs(L, meta, 0);
	lua_pop(L, 1);
	lua_pushvalue(L, methods_idx);
	luaL_setfuncs(L, methods, 0);
	lua_pop(L, 1);
	lua_pushvalue(L, nn);
	luaL_setfuncs(L, funcs, 0);
	lua_pop(L, 1);
}
