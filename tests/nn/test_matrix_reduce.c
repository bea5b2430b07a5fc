/*
** test_matrix_reduce.c — numpy.dot and the reductions against numpy 1.24.
**
** Sums must match numpy bit for bit, which pins down the order of the
** additions: the pairwise sum in 8192-element buffer chunks for a run,
** row-by-row accumulation down the columns for axis 0.  The long inputs
** come from the generator in matrix_gen.h (the fixture script runs the
** same one); expected values are in matrix_reduce_cases.inc.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matrix.h"
#include "mem.h"
#include "tap.h"

#include "matrix_gen.h"
#include "matrix_reduce_cases.inc"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const op_name[] = {"sum", "mean", "max", "min", "argmax", "argmin", "std"};

static void test_dot_table(void)
{
	size_t at;
	for (size_t k = 0; k < NELEMS(mc_dot); k++) {
		const struct mc_dot *c = &mc_dot[k];
		mat *a = mk(c->as, c->a), *b = mk(c->bs, c->b);
		char na[48], nb[48];
		mat_shape s;
		mat_shape_str(a, na), mat_shape_str(b, nb);
		if (!ok(mat_dot_shape(a, b, &s) == MAT_OK, "dot %s . %s shape ok", na, nb)) {
			mat_free(a), mat_free(b);
			continue;
		}
		mat *o = mat_new(s);
		mat_dot(o, a, b);
		ok(has_shape(o, c->rs), "dot %s . %s has numpy's shape", na, nb);
		int good = same_all(o->data, c->exact, mat_size(o), &at);
		ok(good, "dot %s . %s adds in k order, bit for bit", na, nb);
		if (!good)
			printf("#   [%zu] got %a want %a\n", at, o->data[at], c->exact[at]);
		/* BLAS adds in its own order: close, not always equal. */
		double err = 0;
		for (size_t i = 0; i < mat_size(o); i++)
			err = fmax(err, fabs(o->data[i] - c->numpy[i]));
		ok(err <= 1e-14, "dot %s . %s within 1e-14 of numpy (%g)", na, nb, err);
		mat_free(o), mat_free(a), mat_free(b);
	}
}

static void test_dot_misc(void)
{
	struct { size_t a[3], b[3]; } bad[] = {
		{{2, 3, 4}, {1, 1, 3}}, {{1, 1, 4}, {1, 1, 3}}, {{2, 3, 4}, {2, 3, 4}},
		{{1, 1, 4}, {2, 3, 4}}, {{2, 4, 1}, {2, 4, 1}}, {{1, 1, 0}, {1, 1, 1}},
	};
	for (size_t k = 0; k < NELEMS(bad); k++) {
		mat *a = mk(bad[k].a, NULL), *b = mk(bad[k].b, NULL);
		char na[48], nb[48];
		mat_shape s;
		ok(mat_dot_shape(a, b, &s) == MAT_ESHAPE, "dot %s . %s refused",
		   mat_shape_str(a, na), mat_shape_str(b, nb));
		mat_free(a), mat_free(b);
	}
	/* Huge outer dimensions are refused before anything is allocated. */
	mat big1, big2;
	double x = 0;
	mat_wrap(&big1, &x, mat_shape2((size_t)1 << 20, 1));
	mat_wrap(&big2, &x, mat_shape2(1, (size_t)1 << 20));
	mat_shape s;
	ok(mat_dot_shape(&big1, &big2, &s) == MAT_ETOOBIG, "dot (2^20,1).(1,2^20) too big");

	/* Seed 001: the 4 x 3 inputs (ints) times the (3, 1) float weights. */
	double X[] = {0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1};
	double w[] = {-0x1.53e0bc0170fe8p-3, 0x1.c3397ceebc144p-2, -0x1.ffe2046f999e4p-1};
	size_t sx[3] = {2, 4, 3}, sw[3] = {2, 3, 1};
	mat *a = mk(sx, X), *b = mk(sw, w), *o;
	a->isint = 1;
	mat_dot_shape(a, b, &s);
	o = mat_new(s);
	mat_dot(o, a, b);
	ok(o->rows == 4 && o->cols == 1 && !o->isint && o->data[0] == w[2] &&
	   o->data[1] == -0.725078254075846, "X . w, float result (seed 001: -0.725078254075846)");
	mat_free(o);
	b->isint = 1;
	mat_free(b);
	/* int . int stays int. */
	double ints[] = {1, -2, 3};
	size_t s3[3] = {1, 1, 3};
	b = mk(s3, ints);
	b->isint = 1;
	mat_dot_shape(a, b, &s);
	o = mat_new(s);
	mat_dot(o, a, b);
	ok(o->ndim == 1 && o->cols == 4 && o->isint && o->data[0] == 3 && o->data[1] == 2,
	   "int (4,3) . int (3,) is int (4,)");
	mat_free(o), mat_free(a), mat_free(b);
}

/* Runs one reduction case; returns whether it matched. */
static int run_reduce(const struct mc_reduce *c, double *buf)
{
	mat m;
	mat_wrap(&m, buf, shape3(c->s));
	gen_fill(buf, mat_size(&m), c->seed, c->kind);
	m.isint = (unsigned char)c->kind;
	mat_shape s;
	int st = mat_reduce_shape(&m, c->axis, &s);
	if (st != MAT_OK)
		return 0;
	mat *o = mat_new(s);
	st = mat_reduce(o, &m, c->op, c->axis);
	int good;
	size_t at = 0;
	if (!c->ok) {
		good = st == MAT_EARG;
	} else {
		good = st == MAT_OK && has_shape(o, c->rs) && same_all(o->data, c->v, mat_size(o), &at);
		if (!good && st == MAT_OK && has_shape(o, c->rs))
			printf("#   [%zu] got %a want %a\n", at, o->data[at], c->v[at]);
	}
	/* numpy: int sums, maxima and indices stay int; mean and std are float. */
	if (good && c->ok) {
		int want = c->op == MAT_ARGMAX || c->op == MAT_ARGMIN ||
		           (c->kind == 1 && (c->op == MAT_SUM || c->op == MAT_MAX || c->op == MAT_MIN));
		good = o->isint == want;
	}
	mat_free(o);
	return good;
}

static void test_reduce_table(void)
{
	double *buf = malloc(20000 * sizeof(double));
	for (size_t k = 0; k < NELEMS(mc_reduce); k++) {
		const struct mc_reduce *c = &mc_reduce[k];
		char sh[48];
		mat m;
		mat_wrap(&m, buf, shape3(c->s));
		ok(run_reduce(c, buf), "%s%s axis %d %s", op_name[c->op], mat_shape_str(&m, sh),
		   c->axis, c->ok ? "as numpy, bit for bit" : "refused like numpy");
	}
	free(buf);
}

static void test_pairwise(void)
{
	double *buf = malloc(60000 * sizeof(double));
	for (size_t k = 0; k < NELEMS(mc_pairwise); k++) {
		const struct mc_pairwise *c = &mc_pairwise[k];
		gen_fill(buf, c->n * c->stride, c->seed, 0);
		double s = mat_pairwise_sum(buf, c->n, c->stride);
		ok(same(s, c->sum), "pairwise sum of %zu (stride %zu)", c->n, c->stride);
	}
	ok(mat_pairwise_sum(buf, 0, 1) == 0, "pairwise sum of nothing is 0");
	free(buf);
}

static void test_reduce_misc(void)
{
	double v[6] = {1, 2, 3, 4, 5, 6}, x = 2;
	mat m1, m2, m0;
	mat_wrap(&m1, v, mat_shape1(6));
	mat_wrap(&m2, v, mat_shape2(2, 3));
	mat_scalar(&m0, &x);
	mat_shape s;
	ok(mat_reduce_shape(&m2, 2, &s) == MAT_EARG, "axis 2 of a 2-D array refused");
	ok(mat_reduce_shape(&m2, -2, &s) == MAT_EARG, "axis -2 refused");
	ok(mat_reduce_shape(&m1, 1, &s) == MAT_EARG, "axis 1 of a 1-D array refused");
	ok(mat_reduce_shape(&m0, 0, &s) == MAT_EARG, "axis 0 of a 0-D array refused");
	ok(mat_reduce_shape(&m0, -1, &s) == MAT_OK && s.ndim == 0, "0-D reduces to 0-D");
	double out[8];
	mat o;
	mat_wrap(&o, out, mat_shape1(3));
	ok(mat_reduce(&o, &m1, MAT_SUM, 1) == MAT_EARG, "mat_reduce checks the axis");
	ok(mat_reduce(&o, &m2, (mat_reduce_op)42, 0) == MAT_EARG, "mat_reduce refuses an unknown op");
	mat_wrap(&o, out, s);
	ok(mat_reduce(&o, &m0, MAT_STD, -1) == MAT_OK && out[0] == 0, "std of a scalar is 0");

	/* NaN wins max/min; argmax/argmin give the first NaN, else the first extreme. */
	double nv[] = {1, NAN, 7, NAN, -3}, tie[] = {2, 5, 5, -1, -1};
	mat nm, tm;
	mat_wrap(&nm, nv, mat_shape1(5));
	mat_wrap(&tm, tie, mat_shape1(5));
	mat_shape s0 = {1, 1, 0};
	mat_wrap(&o, out, s0);
	mat_reduce(&o, &nm, MAT_MAX, -1);
	ok(isnan(out[0]), "max with nan is nan");
	mat_reduce(&o, &nm, MAT_MIN, -1);
	ok(isnan(out[0]), "min with nan is nan");
	mat_reduce(&o, &nm, MAT_ARGMAX, -1);
	ok(out[0] == 1, "argmax is the first nan");
	mat_reduce(&o, &nm, MAT_ARGMIN, -1);
	ok(out[0] == 1, "argmin is the first nan");
	mat_reduce(&o, &nm, MAT_SUM, -1);
	ok(isnan(out[0]), "sum with nan is nan");
	mat_reduce(&o, &tm, MAT_ARGMAX, -1);
	ok(out[0] == 1, "argmax of a tie is the first");
	mat_reduce(&o, &tm, MAT_ARGMIN, -1);
	ok(out[0] == 3, "argmin of a tie is the first");
	double nz[] = {-0.0, 0.0}, zn[] = {0.0, -0.0};
	mat zm;
	mat_wrap(&zm, nz, mat_shape1(2));
	mat_reduce(&o, &zm, MAT_MAX, -1);
	ok(out[0] == 0 && !signbit(out[0]), "max(-0., 0.) is 0. as numpy");
	mat_wrap(&zm, zn, mat_shape1(2));
	mat_reduce(&o, &zm, MAT_MAX, -1);
	ok(signbit(out[0]), "max(0., -0.) is -0. as numpy");
	mat_wrap(&zm, nz, mat_shape1(1));
	mat_reduce(&o, &zm, MAT_SUM, -1);
	ok(out[0] == 0 && !signbit(out[0]), "sum([-0.]) is 0. (numpy starts from 0.)");

	/* argmax over a 2-D array indexes the flattened array. */
	double g[] = {1, 9, 3, 4, 5, 9};
	mat gm;
	mat_wrap(&gm, g, mat_shape2(2, 3));
	mat_reduce(&o, &gm, MAT_ARGMAX, -1);
	ok(out[0] == 1, "argmax of a 2-D array is a flat index");
	mat_wrap(&o, out, mat_shape1(2));
	mat_reduce(&o, &gm, MAT_ARGMAX, 1);
	ok(out[0] == 1 && out[1] == 2, "argmax along axis 1");

	/* std over axis 0 writes its means into out first: out must hold them. */
	double big[] = {1e8, 1, 1e8 + 2, 3, 1e8 + 4, 5};
	mat bm;
	mat_wrap(&bm, big, mat_shape2(3, 2));
	mat_wrap(&o, out, mat_shape1(2));
	mat_reduce(&o, &bm, MAT_STD, 0);
	ok(same(out[0], sqrt(8.0 / 3)) && same(out[1], sqrt(8.0 / 3)), "std axis 0 of shifted data");
}

int main(void)
{
	test_dot_table();
	test_dot_misc();
	test_reduce_table();
	test_pairwise();
	test_reduce_misc();
	ok(mem_used() == 0, "no array left charged");
	return tap_done();
}
