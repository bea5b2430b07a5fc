/*
** test_matrix.c — the array core against numpy 1.24: creation, shapes,
** stacking, broadcasting, element-wise functions and isint.
**
** Expected values come from tests/fixtures/gen_matrix.py
** (matrix_cases.inc) as hex floats; dot and the reductions are in
** test_matrix_reduce.c.
*/
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "matrix.h"
#include "mem.h"
#include "tap.h"

#include "matrix_gen.h"
#include "matrix_cases.inc"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const binop_name[] = {
	"add", "sub", "mul", "div", "pow", "maximum", "minimum",
	"lt", "le", "gt", "ge", "eq", "ne"
};
static const char *const unop_name[] = {
	"neg", "exp", "log", "abs", "sqrt", "tanh", "sigmoid",
	"relu", "sign", "floor", "ceil", "round", "square"
};

/* Makes a 2-D rows x cols array from v (row-major); free with mat_free. */
static mat *mk2(size_t rows, size_t cols, const double *v)
{
	size_t s[3] = {2, rows, cols};
	return mk(s, v);
}

/* Makes a 1-D array of n elements from v. */
static mat *mk1(size_t n, const double *v)
{
	size_t s[3] = {1, 1, n};
	return mk(s, v);
}

static void test_basics(void)
{
	char buf[48];
	ok(strcmp(mat_strerror(MAT_OK), "no error") == 0, "strerror OK");
	int distinct = 1;
	for (int a = MAT_OK; a <= MAT_ECANCEL; a++)
		for (int b = a + 1; b <= MAT_ECANCEL; b++)
			distinct &= strcmp(mat_strerror(a), mat_strerror(b)) != 0;
	ok(distinct, "every status has its own message");
	ok(mat_strerror(99) != NULL && *mat_strerror(99), "unknown status still has a message");

	mat_shape s0 = {7, 9, 0};
	mat *m = mat_new(s0);
	ok(m && m->rows == 1 && m->cols == 1 && m->ndim == 0 && m->owned, "0-D array is 1 x 1");
	is_str(mat_shape_str(m, buf), "()", "0-D shape string");
	mat_free(m);
	m = mat_new(mat_shape1(12));
	is_str(mat_shape_str(m, buf), "(12,)", "1-D shape string");
	ok(mat_size(m) == 12 && m->rows == 1, "1-D layout is one row");
	int zero = 1;
	for (size_t i = 0; i < 12; i++)
		zero &= m->data[i] == 0 && !signbit(m->data[i]);
	ok(zero && !m->isint, "mat_new zero-fills, float");
	mat_fill(m, -2.5);
	ok(m->data[0] == -2.5 && m->data[11] == -2.5, "mat_fill (numpy full)");
	mat_free(m);
	m = mat_new(mat_shape2(3, 1));
	is_str(mat_shape_str(m, buf), "(3, 1)", "2-D shape string");
	m->data[1] = 4;
	m->isint = 1;
	mat *d = mat_dup(m);
	ok(d && d != m && d->data != m->data && d->data[1] == 4 && d->isint && d->ndim == 2 &&
	   d->rows == 3 && d->cols == 1, "mat_dup copies values, shape and isint");
	mat_free(d);
	mat_free(m);
	mat_free(NULL);
	ok(1, "mat_free(NULL) is a no-op");

	double x = 3.5, store[6] = {1, 2, 3, 4, 5, 6}, dst[6] = {0};
	mat sc, w, v;
	mat_scalar(&sc, &x);
	ok(sc.ndim == 0 && sc.rows == 1 && sc.cols == 1 && sc.data == &x && !sc.owned,
	   "mat_scalar views a double");
	mat_wrap(&w, store, mat_shape2(2, 3));
	mat_wrap(&v, dst, mat_shape1(6));
	w.isint = 1;
	mat_copy(&v, &w);
	ok(memcmp(dst, store, sizeof dst) == 0 && v.isint && v.ndim == 1, "mat_copy");
	mat_shape s0w = {5, 5, 0};
	mat_wrap(&w, store, s0w);
	ok(w.rows == 1 && w.cols == 1, "mat_wrap 0-D ignores rows/cols");

	/* Sizes: the product must not overflow and must stay under MAT_MAX_ELEMS. */
	ok(mat_check_size(0, 0) == MAT_OK, "size 0 x 0");
	ok(mat_check_size(1 << 14, 1 << 14) == MAT_OK, "size 2^28 is the limit");
	ok(mat_check_size((1 << 14) + 1, 1 << 14) == MAT_ETOOBIG, "size over 2^28");
	ok(mat_check_size(1, MAT_MAX_ELEMS + 1) == MAT_ETOOBIG, "1 x (2^28 + 1)");
	ok(mat_check_size((size_t)1 << 32, (size_t)1 << 32) == MAT_ETOOBIG,
	   "2^32 x 2^32 (wraps to 0 in size_t) is refused");
	ok(mat_check_size(SIZE_MAX, 2) == MAT_ETOOBIG, "SIZE_MAX x 2 is refused");
	ok(mat_check_size(SIZE_MAX, SIZE_MAX) == MAT_ETOOBIG, "SIZE_MAX x SIZE_MAX is refused");
	ok(mat_new(mat_shape2(1 << 20, 1 << 20)) == NULL, "mat_new of 2^40 elements is NULL");
	ok(mat_new(mat_shape2((size_t)1 << 33, (size_t)1 << 31)) == NULL,
	   "mat_new of a wrapping size is NULL");
	size_t used = mem_used();
	mem_set_limit(used + 1000);
	ok(mat_new(mat_shape1(1000)) == NULL, "mat_new over the memory budget is NULL");
	m = mat_new(mat_shape1(10));
	ok(m != NULL, "a small array still fits the budget");
	mat_free(m);
	mem_set_limit(0);
	ok(mem_used() == used, "budget back where it was");

	double ints[] = {1, -2, 0, 1e15}, frac[] = {1, 2.5}, inf[] = {1, INFINITY}, nan[] = {NAN};
	mat_wrap(&w, ints, mat_shape1(4));
	ok(mat_all_integral(&w), "all integral");
	mat_wrap(&w, frac, mat_shape1(2));
	ok(!mat_all_integral(&w), "2.5 is not integral");
	mat_wrap(&w, inf, mat_shape1(2));
	ok(!mat_all_integral(&w), "inf is not integral");
	mat_wrap(&w, nan, mat_shape1(1));
	ok(!mat_all_integral(&w), "nan is not integral");
	mat_wrap(&w, nan, mat_shape1(0));
	ok(mat_all_integral(&w), "empty is integral");
}

static void test_creation(void)
{
	double buf[1000];
	size_t at;
	for (size_t k = 0; k < NELEMS(mc_arange); k++) {
		const struct mc_arange *c = &mc_arange[k];
		long n = mat_arange_len(c->start, c->stop, c->step);
		if (!ok(n == c->n, "arange(%g, %g, %g) has %ld elements", c->start, c->stop,
		        c->step, c->n)) {
			printf("#   got %ld\n", n);
			continue;
		}
		mat m;
		mat_wrap(&m, buf, mat_shape1((size_t)n));
		mat_arange(&m, c->start, c->step);
		ok(same_all(buf, c->v, (size_t)n, &at), "arange(%g, %g, %g) values bit-exact",
		   c->start, c->stop, c->step);
	}
	ok(mat_arange_len(0, 1, 0) == -1, "arange with a zero step is an error");
	ok(mat_arange_len(NAN, 1, 1) == -1 && mat_arange_len(0, NAN, 1) == -1 &&
	   mat_arange_len(0, 1, NAN) == -1, "arange with nan is an error");
	ok(mat_arange_len(0, 1e300, 1e-300) == -1, "arange too long is an error");
	ok(mat_arange_len(0, -1e300, 1e-300) == 0, "a hopeless negative length is empty");

	for (size_t k = 0; k < NELEMS(mc_linspace); k++) {
		const struct mc_linspace *c = &mc_linspace[k];
		mat m;
		mat_wrap(&m, buf, mat_shape1(c->n));
		mat_linspace(&m, c->a, c->b, c->endpoint);
		int good = same_all(buf, c->v, c->n, &at);
		ok(good, "linspace(%g, %g, %zu, endpoint=%d) bit-exact", c->a, c->b, c->n, c->endpoint);
		if (!good)
			printf("#   element %zu: got %a want %a\n", at, buf[at], c->v[at]);
		if (c->endpoint && c->n > 1)
			ok(buf[c->n - 1] == c->b, "linspace last element is exactly b");
	}
}

static void test_shapes(void)
{
	double v[12];
	for (int i = 0; i < 12; i++)
		v[i] = i;
	mat *a = mk1(12, v), *m = mk2(3, 4, v);
	mat_shape s0 = {1, 1, 0};
	ok(mat_reshape_check(a, mat_shape2(3, 4)) == MAT_OK, "reshape (12,) -> (3, 4)");
	ok(mat_reshape_check(a, mat_shape2(12, 1)) == MAT_OK, "reshape (12,) -> (12, 1)");
	ok(mat_reshape_check(a, mat_shape2(5, 2)) == MAT_ESHAPE, "reshape (12,) -> (5, 2) refused");
	ok(mat_reshape_check(a, mat_shape1(13)) == MAT_ESHAPE, "reshape (12,) -> (13,) refused");
	ok(mat_reshape_check(a, s0) == MAT_ESHAPE, "reshape (12,) -> () refused");
	ok(mat_reshape_check(m, mat_shape1(12)) == MAT_OK, "reshape (3, 4) -> (12,)");
	ok(mat_reshape_check(m, mat_shape2((size_t)1 << 40, (size_t)1 << 40)) == MAT_ETOOBIG,
	   "reshape to a huge shape is too big, not a wrap-around");
	mat *one = mk1(1, v);
	ok(mat_reshape_check(one, s0) == MAT_OK, "reshape (1,) -> ()");

	/* transpose */
	mat_shape ts = mat_transpose_shape(m);
	ok(ts.ndim == 2 && ts.rows == 4 && ts.cols == 3, "transpose shape (4, 3)");
	mat *t = mat_new(ts);
	m->isint = 1;
	mat_transpose(t, m);
	int good = t->isint;
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 4; j++)
			good &= mat_get(t, j, i) == mat_get(m, i, j);
	ok(good, "transpose (3, 4) values and isint");
	mat_free(t);
	ts = mat_transpose_shape(a);
	ok(ts.ndim == 1 && ts.cols == 12, "transpose of 1-D is itself");
	t = mat_new(ts);
	mat_transpose(t, a);
	ok(memcmp(t->data, v, sizeof v) == 0, "transpose 1-D copies");
	mat_free(t);
	/* Bigger than the 32 x 32 blocks, with ragged edges. */
	size_t R = 70, C = 45;
	mat *big = mat_new(mat_shape2(R, C));
	gen_fill(big->data, R * C, 5, 0);
	t = mat_new(mat_transpose_shape(big));
	mat_transpose(t, big);
	good = t->rows == C && t->cols == R;
	for (size_t i = 0; i < R; i++)
		for (size_t j = 0; j < C; j++)
			good &= mat_get(t, j, i) == mat_get(big, i, j);
	ok(good, "transpose (70, 45) across blocks");
	mat_free(t);
	mat_free(big);

	/* take_rows: numpy m[[2, 0, 2]] */
	size_t idx[] = {2, 0, 2}, bad[] = {0, 3}, bad1[] = {12};
	ok(mat_take_rows_check(m, idx, 3) == MAT_OK, "take rows [2, 0, 2] ok");
	mat_shape rs = mat_take_rows_shape(m, 3);
	ok(rs.ndim == 2 && rs.rows == 3 && rs.cols == 4, "take rows shape (3, 4)");
	t = mat_new(rs);
	mat_take_rows(t, m, idx, 3);
	double want[] = {8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11};
	ok(memcmp(t->data, want, sizeof want) == 0 && t->isint, "take rows values");
	mat_free(t);
	ok(mat_take_rows_check(m, bad, 2) == MAT_EINDEX, "row index 3 of 3 rows is an error");
	ok(mat_take_rows_check(a, bad1, 1) == MAT_EINDEX, "index 12 of 12 elements is an error");
	ok(mat_take_rows_check(a, idx, 3) == MAT_OK, "1-D take ok");
	rs = mat_take_rows_shape(a, 3);
	ok(rs.ndim == 1 && rs.cols == 3, "1-D take shape (3,)");
	t = mat_new(rs);
	mat_take_rows(t, a, idx, 3);
	ok(t->data[0] == 2 && t->data[1] == 0 && t->data[2] == 2, "1-D take values");
	mat_free(t);
	mat sc;
	double x = 1;
	mat_scalar(&sc, &x);
	ok(mat_take_rows_check(&sc, idx, 0) == MAT_EARG, "take from 0-D is an error");
	ok(mat_take_rows_check(m, idx, 0) == MAT_OK, "take no rows ok");
	rs = mat_take_rows_shape(m, 0);
	ok(rs.rows == 0 && rs.cols == 4, "take no rows shape (0, 4)");

	/* col, row, slice_rows */
	t = mat_new(mat_shape1(3));
	mat_col(t, m, 2);
	ok(t->data[0] == 2 && t->data[1] == 6 && t->data[2] == 10 && t->isint, "column 2");
	mat_free(t);
	t = mat_new(mat_shape1(4));
	mat_row(t, m, 1);
	ok(t->data[0] == 4 && t->data[3] == 7 && t->isint, "row 1");
	mat_free(t);
	t = mat_new(mat_shape2(2, 4));
	mat_slice_rows(t, m, 1, 3);
	ok(memcmp(t->data, v + 4, 8 * sizeof(double)) == 0, "m[1:3]");
	mat_free(t);
	t = mat_new(mat_shape1(3));
	mat_slice_rows(t, a, 9, 12);
	ok(t->data[0] == 9 && t->data[2] == 11 && !t->isint, "a[9:12] of a 1-D array");
	mat_free(t);
	t = mat_new(mat_shape2(0, 4));
	mat_slice_rows(t, m, 2, 2);
	ok(t->rows == 0, "empty slice");
	mat_free(t);
	mat_free(one);
	mat_free(a);
	mat_free(m);
}

/* Stacks ms and compares with want (ndim, rows, cols, values); status first. */
static void check_stack(int vertical, const mat *const *ms, size_t n, int status,
                        const size_t ws[3], const double *want, int isint, const char *name)
{
	mat_shape s;
	int st = vertical ? mat_vstack_shape(ms, n, &s) : mat_hstack_shape(ms, n, &s);
	if (!ok(st == status, "%s: status %d", name, status) || st != MAT_OK)
		return;
	mat *o = mat_new(s);
	(vertical ? mat_vstack : mat_hstack)(o, ms, n);
	size_t at;
	ok(has_shape(o, ws) && same_all(o->data, want, mat_size(o), &at) && o->isint == isint,
	   "%s: shape, values, isint", name);
	mat_free(o);
}

static void test_stack(void)
{
	double a3[] = {1, 2, 3}, b2[] = {4, 5}, m23[] = {1, 2, 3, 4, 5, 6}, m21[] = {7, 8};
	double m13[] = {9, 9, 9}, x0 = 5;
	mat *a = mk1(3, a3), *b = mk1(2, b2), *m = mk2(2, 3, m23), *c = mk2(2, 1, m21);
	mat *r = mk2(1, 3, m13), *e = mk1(0, NULL), *e2 = mk2(2, 0, NULL);
	mat s0;
	mat_scalar(&s0, &x0);
	a->isint = b->isint = 1;

	const mat *h1[] = {a, b};
	size_t s5[3] = {1, 1, 5};
	check_stack(0, h1, 2, MAT_OK, s5, (double[]){1, 2, 3, 4, 5}, 1, "hstack 1-D");
	const mat *h2[] = {m, c};
	size_t s24[3] = {2, 2, 4};
	check_stack(0, h2, 2, MAT_OK, s24, (double[]){1, 2, 3, 7, 4, 5, 6, 8}, 0, "hstack 2-D");
	const mat *h3[] = {a, &s0, e};
	size_t s4[3] = {1, 1, 4};
	check_stack(0, h3, 3, MAT_OK, s4, (double[]){1, 2, 3, 5}, 0,
	            "hstack 1-D, 0-D and empty (a float joins: float)");
	const mat *h4[] = {m, r};
	check_stack(0, h4, 2, MAT_ESHAPE, NULL, NULL, 0, "hstack (2,3) with (1,3) refused");
	const mat *h5[] = {m, a};
	check_stack(0, h5, 2, MAT_ESHAPE, NULL, NULL, 0, "hstack 2-D with 1-D refused");
	const mat *h6[] = {a, m};
	check_stack(0, h6, 2, MAT_ESHAPE, NULL, NULL, 0, "hstack 1-D with 2-D refused");
	const mat *h7[] = {m, e2};
	check_stack(0, h7, 2, MAT_OK, (size_t[]){2, 2, 3}, m23, 0, "hstack with (2, 0)");
	check_stack(0, h1, 0, MAT_EARG, NULL, NULL, 0, "hstack of nothing");

	const mat *v1[] = {a, r, m};
	size_t s43[3] = {2, 4, 3};
	check_stack(1, v1, 3, MAT_OK, s43, (double[]){1, 2, 3, 9, 9, 9, 1, 2, 3, 4, 5, 6}, 0,
	            "vstack 1-D, (1,3), (2,3)");
	const mat *v2[] = {a, a};
	size_t s23[3] = {2, 2, 3};
	check_stack(1, v2, 2, MAT_OK, s23, (double[]){1, 2, 3, 1, 2, 3}, 1, "vstack 1-D rows, int");
	const mat *v3[] = {a, b};
	check_stack(1, v3, 2, MAT_ESHAPE, NULL, NULL, 0, "vstack (3,) with (2,) refused");
	const mat *v4[] = {m, c};
	check_stack(1, v4, 2, MAT_ESHAPE, NULL, NULL, 0, "vstack (2,3) with (2,1) refused");
	const mat *v5[] = {&s0, &s0};
	size_t s21[3] = {2, 2, 1};
	check_stack(1, v5, 2, MAT_OK, s21, (double[]){5, 5}, 0, "vstack 0-D scalars");
	const mat *v6[] = {e, e};
	check_stack(1, v6, 2, MAT_OK, (size_t[]){2, 2, 0}, NULL, 0, "vstack empty 1-D");
	check_stack(1, v1, 0, MAT_EARG, NULL, NULL, 0, "vstack of nothing");

	/* Sizes that overflow are refused before anything is allocated. */
	mat h1big, h2big;
	double x = 0;
	mat_wrap(&h1big, &x, mat_shape1(MAT_MAX_ELEMS / 2 + 1));
	const mat *hb[] = {&h1big, &h1big};
	mat_shape s;
	ok(mat_hstack_shape(hb, 2, &s) == MAT_ETOOBIG, "hstack past 2^28 elements is too big");
	mat_wrap(&h2big, &x, mat_shape2((size_t)1 << 20, 1 << 9));
	const mat *vb[] = {&h2big, &h2big};
	ok(mat_vstack_shape(vb, 2, &s) == MAT_ETOOBIG, "vstack past 2^28 elements is too big");
	mat_wrap(&h2big, &x, mat_shape2(SIZE_MAX / 2 + 1, 0));
	ok(mat_vstack_shape(vb, 2, &s) == MAT_ETOOBIG, "vstack whose row count wraps is refused");

	mat_free(a), mat_free(b), mat_free(m), mat_free(c), mat_free(r), mat_free(e), mat_free(e2);
}

static void test_broadcast_table(void)
{
	size_t n_ok = 0, n_pow = 0;
	for (size_t k = 0; k < NELEMS(mc_binary); k++) {
		const struct mc_binary *c = &mc_binary[k];
		const struct mc_operand *oa = &mc_operands[c->a], *ob = &mc_operands[c->b];
		size_t sa[3] = {oa->ndim, oa->rows, oa->cols}, sb[3] = {ob->ndim, ob->rows, ob->cols};
		size_t sr[3] = {c->ndim, c->rows, c->cols}, at;
		char na[48], nb[48];
		mat *a = mk(sa, oa->a), *b = mk(sb, ob->b);
		mat_shape s;
		int st = mat_broadcast_shape(a, b, &s);
		mat *o = st == MAT_OK ? mat_new(s) : NULL;
		if (o)
			mat_binary(o, a, b, c->op);
		int good = o && has_shape(o, sr);
		const double *want = c->exact ? c->exact : c->numpy;
		good = good && same_all(o->data, want, mat_size(o), &at);
		if (good)
			n_ok++;
		else
			ok(0, "%s %s %s", mat_shape_str(a, na), binop_name[c->op], mat_shape_str(b, nb));
		if (c->op == MAT_POW && o) {
			/* numpy's SIMD pow stays within a few ulps of libm's. */
			double u = max_ulps(o->data, c->numpy, mat_size(o));
			if (u <= 4)
				n_pow++;
			else
				ok(0, "%s ** %s within 4 ulps of numpy (%g)", na, nb, u);
		}
		mat_free(o), mat_free(a), mat_free(b);
	}
	ok(n_ok == NELEMS(mc_binary), "%zu broadcast cases (7 shapes x 7 shapes x 13 ops) as numpy",
	   n_ok);
	ok(n_pow == NELEMS(mc_binary) / 13, "pow within 4 ulps of numpy for every shape pair");

	for (size_t k = 0; k < NELEMS(mc_bshape); k++) {
		const struct mc_bshape *c = &mc_bshape[k];
		mat *a = mk(c->a, NULL), *b = mk(c->b, NULL);
		mat_shape s = {99, 99, 9};
		char na[48], nb[48];
		int st = mat_broadcast_shape(a, b, &s);
		if (c->ok) {
			ok(st == MAT_OK && s.ndim == c->r[0] && s.rows == c->r[1] && s.cols == c->r[2],
			   "%s with %s broadcasts", mat_shape_str(a, na), mat_shape_str(b, nb));
			/* Empty operands must not be read (ASan watches). */
			mat *o = mat_new(s);
			for (int op = MAT_ADD; op <= MAT_NE && o; op++)
				mat_binary(o, a, b, (mat_binop)op);
			mat_free(o);
		} else
			ok(st == MAT_ESHAPE, "%s with %s is refused", mat_shape_str(a, na),
			   mat_shape_str(b, nb));
		mat_free(a), mat_free(b);
	}
}

/* Runs a op b into a copy of `into`'s buffer when `into` is a or b (aliasing). */
static void test_alias(void)
{
	double m34[12], row[4], col[3], want[12];
	gen_fill(m34, 12, 3, 0);
	gen_fill(row, 4, 4, 0);
	gen_fill(col, 3, 5, 0);
	mat *a = mk2(3, 4, m34), *r = mk1(4, row), *c = mk2(3, 1, col);
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 4; j++)
			want[i * 4 + j] = m34[i * 4 + j] - row[j];
	mat_binary(a, a, r, MAT_SUB);
	ok(memcmp(a->data, want, sizeof want) == 0, "a -= row in place");
	memcpy(a->data, m34, sizeof m34);
	for (size_t i = 0; i < 3; i++)
		for (size_t j = 0; j < 4; j++)
			want[i * 4 + j] = col[i] / m34[i * 4 + j];
	mat_binary(a, c, a, MAT_DIV);
	ok(memcmp(a->data, want, sizeof want) == 0, "a = col / a in place (out aliases b)");
	mat_unary(a, a, MAT_NEG);
	for (size_t i = 0; i < 12; i++)
		want[i] = -want[i];
	ok(memcmp(a->data, want, sizeof want) == 0, "unary in place");
	mat_free(a), mat_free(r), mat_free(c);
}

static void test_isint(void)
{
	double iv[] = {3, -2, 0, 5}, jv[] = {2, 1, 3, 0}, fv[] = {2, 1, 3, 0};
	mat *ai = mk1(4, iv), *bi = mk1(4, jv), *bf = mk1(4, fv), *o = mat_new(mat_shape1(4));
	ai->isint = bi->isint = 1;
	for (size_t k = 0; k < NELEMS(mc_isint); k++) {
		const struct mc_isint *c = &mc_isint[k];
		mat_binary(o, ai, bi, c->op);
		int ii = o->isint;
		mat_binary(o, ai, bf, c->op);
		int if_ = o->isint;
		mat_binary(o, bf, bi, c->op);
		ok(ii == c->ii && if_ == c->if_ && o->isint == c->fi,
		   "isint of %s: int.int %d, int.float %d, float.int %d as numpy",
		   binop_name[c->op], c->ii, c->if_, c->fi);
	}
	double neg[] = {2, -1, 0, 1};
	mat *e = mk1(4, neg);
	e->isint = 1;
	mat_binary(o, ai, e, MAT_POW);
	ok(!o->isint, "int ** negative int goes to float (numpy raises)");
	double zi[] = {0, 0, -3, 5};
	mat *z = mk1(4, zi), *m3 = mk1(4, (double[]){-3, 2, 0, -1});
	z->isint = m3->isint = 1;
	mat_binary(o, z, m3, MAT_MUL);
	ok(o->isint && !signbit(o->data[0]) && o->data[2] == 0 && !signbit(o->data[2]),
	   "int 0 * -3 is +0 (int64 has no -0)");
	mat_unary(o, z, MAT_NEG);
	ok(o->isint && !signbit(o->data[0]) && o->data[2] == 3, "-(int 0) is +0");
	for (size_t k = 0; k < NELEMS(mc_unary_isint); k++) {
		mat_unary(o, ai, mc_unary_isint[k].op);
		ok(o->isint == mc_unary_isint[k].isint, "isint of %s(int) is %d as numpy",
		   unop_name[mc_unary_isint[k].op], mc_unary_isint[k].isint);
	}
	mat_clip(o, ai, -1, 2);
	ok(o->isint && o->data[0] == 2 && o->data[1] == -1, "clip of ints with whole bounds is int");
	mat_clip(o, ai, -0.5, 2);
	ok(!o->isint && o->data[1] == -0.5, "clip of ints with a fractional bound is float");
	mat_clip(o, ai, -INFINITY, 2);
	ok(!o->isint, "clip of ints with an infinite bound is float");
	mat_free(ai), mat_free(bi), mat_free(bf), mat_free(o), mat_free(e), mat_free(z), mat_free(m3);
}

static void test_unary(void)
{
	mat *a = mk1(MC_UNARY_N, mc_unary_in), *o = mat_new(mat_shape1(MC_UNARY_N));
	size_t at;
	for (size_t k = 0; k < NELEMS(mc_unary); k++) {
		const struct mc_unary *c = &mc_unary[k];
		mat_unary(o, a, c->op);
		if (c->exact) {
			int good = same_all(o->data, c->exact, MC_UNARY_N, &at);
			ok(good, "%s as the C library, bit for bit", unop_name[c->op]);
			if (!good)
				printf("#   x=%a got %a want %a\n", mc_unary_in[at], o->data[at], c->exact[at]);
			double u = max_ulps(o->data, c->numpy, MC_UNARY_N);
			ok(u <= 4, "%s within 4 ulps of numpy's SIMD (max %g)", unop_name[c->op], u);
		} else {
			int good = same_all(o->data, c->numpy, MC_UNARY_N, &at);
			ok(good, "%s as numpy, bit for bit", unop_name[c->op]);
			if (!good)
				printf("#   x=%a got %a want %a\n", mc_unary_in[at], o->data[at], c->numpy[at]);
		}
	}
	/* sigmoid is 1/(1+exp(-x)) exactly, the way the seeds compute it. */
	int good = 1;
	mat_unary(o, a, MAT_SIGMOID);
	for (size_t i = 0; i < MC_UNARY_N; i++)
		good &= same(o->data[i], 1.0 / (1.0 + exp(-mc_unary_in[i])));
	ok(good, "sigmoid is 1/(1+exp(-x)) bit for bit");
	mat_unary(o, a, MAT_LOG);
	ok(isnan(o->data[3]) && o->data[0] == -INFINITY, "log(-1) is nan, log(0) is -inf");

	for (size_t k = 0; k < NELEMS(mc_clip); k++) {
		mat_clip(o, a, mc_clip[k].lo, mc_clip[k].hi);
		ok(same_all(o->data, mc_clip[k].v, MC_UNARY_N, &at), "clip(x, %g, %g) as numpy",
		   mc_clip[k].lo, mc_clip[k].hi);
	}

	/* a ** scalar: numpy's shortcuts (-0.0 ** 0.5 is -0.0, nan ** 0 is 1). */
	for (size_t k = 0; k < NELEMS(mc_pow); k++) {
		const struct mc_pow *c = &mc_pow[k];
		double e = c->e;
		mat s;
		mat_scalar(&s, &e);
		mat_binary(o, a, &s, MAT_POW);
		good = same_all(o->data, c->exact ? c->exact : c->numpy, MC_UNARY_N, &at);
		ok(good, "x ** %g %s", e, c->exact ? "as libm's pow" : "as numpy's shortcut");
		if (!good)
			printf("#   x=%a got %a want %a\n", mc_unary_in[at], o->data[at],
			       (c->exact ? c->exact : c->numpy)[at]);
		if (c->exact)
			ok(max_ulps(o->data, c->numpy, MC_UNARY_N) <= 4, "x ** %g within 4 ulps of numpy", e);
	}
	mat_free(a), mat_free(o);
}

int main(void)
{
	test_basics();
	test_creation();
	test_shapes();
	test_stack();
	test_broadcast_table();
	test_alias();
	test_isint();
	test_unary();
	ok(mem_used() == 0, "no array left charged");
	return tap_done();
}
