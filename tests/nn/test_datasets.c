/*
** test_datasets.c — make_circles, make_blobs and train_test_split's order
** against scikit-learn 1.2.1 on numpy 1.24.2.
**
** Labels, orders and split indices must match exactly.  Points built from
** cos/sin may differ from numpy's by a few ulp (numpy has its own sin/cos),
** so they get a tolerance of that size; everything else is exact.
*/
#include <stdint.h>

#include "datasets.h"
#include "mem.h"
#include "tap.h"
#include "fixtures/datasets_vectors.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* One ulp of 1.0: circle points lie within [-1, 1] before noise. */
#define ULP1 2.220446049250313e-16

static size_t inexact; /* values that matched only within tolerance */

static mat *new2(size_t rows, size_t cols)
{
	return mat_new(mat_shape2(rows, cols));
}

static mat *new1(size_t n)
{
	return mat_new(mat_shape1(n));
}

/* Returns 1 when every |got-want| <= tol; reports the first miss. */
static int near_all(const double *got, const double *want, size_t n, double tol)
{
	for (size_t i = 0; i < n; i++) {
		double e = fabs(got[i] - want[i]);
		if (!(e <= tol)) {
			printf("#   [%zu] got %.17g want %.17g\n", i, got[i], want[i]);
			return 0;
		}
		inexact += got[i] != want[i];
	}
	return 1;
}

static int labels_are(const mat *y, const unsigned char *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (y->data[i] != (double)want[i]) {
			printf("#   y[%zu] got %g want %u\n", i, y->data[i], want[i]);
			return 0;
		}
	return y->isint;
}

static int sizes_are(const size_t *got, const size_t *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i]) {
			printf("#   [%zu] got %zu want %zu\n", i, got[i], want[i]);
			return 0;
		}
	return 1;
}

static void test_circles_table(void)
{
	mat *X = new2(1000, 2), *y = new1(1000);
	rng_seed(rng_global(), 0);
	ok(ds_make_circles(rng_global(), 1000, 0.4, 0.9, X, y) == MAT_OK, "make_circles(1000, .4, .9)");
	static const unsigned char y10[] = {1, 1, 0, 1, 1, 1, 0, 0, 0, 1};
	ok(labels_are(y, y10, 10), "seed(0) make_circles y[:10] = 1 1 0 1 1 1 0 0 0 1");
	is_num(X->data[0], 1.0702349925640804, 3 * 2.220446049250313e-16, "X[0, 0] to 3 ulp");
	is_num(X->data[1], 0.14449329450567, 3 * 2.7755575615628914e-17, "X[0, 1] to 3 ulp");
	mat_free(X);
	mat_free(y);
}

/* Notebook 000 draws two data sets from the global generator in a row. */
static void test_seed000(void)
{
	mat *X = new2(1000, 2), *y = new1(1000);
	rng *g = rng_global();
	rng_seed(g, 0);
	ds_make_circles(g, 1000, 0.4, 0.9, X, y);
	ok(near_all(X->data, SEED000_X1, 2000, 1e-12), "seed 000: first data set X (1e-12)");
	ok(labels_are(y, SEED000_Y1, 1000), "seed 000: first data set y");
	ds_make_circles(g, 1000, 0.4, 0.9, X, y);
	ok(near_all(X->data, SEED000_X2, 2000, 1e-12), "seed 000: second data set X (1e-12)");
	ok(labels_are(y, SEED000_Y2, 1000), "seed 000: second data set y");
	is_num(rng_random(g), SEED000_NEXT[0], 0, "global stream is where numpy left it");

	rng_seed(g, 1234);
	ds_make_circles(g, 1000, 0.4, 0.9, X, y);
	double sum = 0, ysum = 0;
	for (size_t i = 0; i < 2000; i++)
		sum += X->data[i];
	for (size_t i = 0; i < 1000; i++)
		ysum += y->data[i];
	ok(fabs(X->data[0] - SEED1234_X[0]) <= 4 * ULP1 && fabs(X->data[1] - SEED1234_X[1]) <= 4 * ULP1
	   && fabs(X->data[1998] - SEED1234_X[2]) <= 4 * ULP1
	   && fabs(X->data[1999] - SEED1234_X[3]) <= 4 * ULP1, "seed(1234) X[0], X[999]");
	is_num(sum, SEED1234_X[4], 1e-10, "seed(1234) sum(X)");
	is_num(ysum, (double)SEED1234_YSUM[0], 0, "seed(1234) sum(y)");
	mat_free(X);
	mat_free(y);
}

static void test_circles_small(void)
{
	rng r;
	mat *X = new2(11, 2), *y = new1(11);

	rng_seed(&r, 3);
	mat X7, y7;
	mat_wrap(&X7, X->data, mat_shape2(7, 2));
	mat_wrap(&y7, y->data, mat_shape1(7));
	ok(ds_make_circles(&r, 7, -1, 0.5, &X7, &y7) == MAT_OK, "make_circles(7, None, .5)");
	ok(near_all(X7.data, CIRC7_X, 14, 3 * ULP1), "n=7, no noise: X to 3 ulp");
	ok(labels_are(&y7, CIRC7_Y, 7), "n=7: y (inner circle gets the odd point)");
	ok(!r.has_gauss, "no noise: no gaussian drawn");

	rng_seed(&r, 5);
	ds_make_circles(&r, 11, 0.1, 0.3, X, y);
	ok(near_all(X->data, CIRC11_X, 22, 4 * ULP1), "n=11, noise .1, factor .3: X");
	ok(labels_are(y, CIRC11_Y, 11), "n=11: y");

	mat X1, y1;
	mat_wrap(&X1, X->data, mat_shape2(1, 2));
	mat_wrap(&y1, y->data, mat_shape1(1));
	rng_seed(&r, 2);
	ok(ds_make_circles(&r, 1, 0.2, 0.0, &X1, &y1) == MAT_OK, "make_circles(1, .2, 0)");
	ok(near_all(X1.data, CIRC1_X, 2, 4 * ULP1) && y1.data[0] == 1, "n=1: one inner point");

	mat X2, y2;
	mat_wrap(&X2, X->data, mat_shape2(2, 2));
	mat_wrap(&y2, y->data, mat_shape1(2));
	rng_seed(&r, 2);
	ds_make_circles(&r, 2, 0.2, 0.0, &X2, &y2);
	ok(near_all(X2.data, CIRC2_X, 4, 4 * ULP1) && labels_are(&y2, CIRC2_Y, 2), "n=2, factor 0");

	mat X6, y6;
	mat_wrap(&X6, X->data, mat_shape2(6, 2));
	mat_wrap(&y6, y->data, mat_shape1(6));
	rng_seed(&r, 4);
	ds_make_circles(&r, 6, 0.0, 0.8, &X6, &y6);
	ok(near_all(X6.data, CIRC6_X, 12, 3 * ULP1) && labels_are(&y6, CIRC6_Y, 6), "n=6, noise 0");
	/* 12 normals after the shuffle: the stream must sit where that leaves it. */
	rng after;
	size_t perm6[6];
	rng_seed(&after, 4);
	rng_permutation(&after, perm6, 6);
	for (int i = 0; i < 12; i++)
		rng_standard_normal(&after);
	ok(rng_u32(&r) == rng_u32(&after), "noise 0 still draws (sklearn adds normal(scale=0))");

	ok(ds_make_circles(&r, 6, 0.1, 1.0, &X6, &y6) == MAT_EARG, "factor 1 is refused");
	ok(ds_make_circles(&r, 6, 0.1, -0.1, &X6, &y6) == MAT_EARG, "factor < 0 is refused");
	ok(ds_make_circles(&r, 6, 0.1, NAN, &X6, &y6) == MAT_EARG, "factor NaN is refused");
	ok(ds_make_circles(&r, 0, 0.1, 0.5, &X6, &y6) == MAT_EARG, "n = 0 is refused");
	ok(ds_make_circles(&r, 5, 0.1, 0.5, &X6, &y6) == MAT_ESHAPE, "X of the wrong shape is refused");
	ok(ds_make_circles(&r, 6, 0.1, 0.5, &X6, &y2) == MAT_ESHAPE, "y of the wrong size is refused");
	mat_free(X);
	mat_free(y);
}

static void test_blobs(void)
{
	rng r;
	mat c, X, y;
	double xd[30], yd[10], cd[9];

	mat_wrap(&c, (double *)BLOBS_C, mat_shape2(3, 2));
	mat_wrap(&X, xd, mat_shape2(10, 2));
	mat_wrap(&y, yd, mat_shape1(10));
	rng_seed(&r, 0);
	ok(ds_make_blobs(&r, 10, &c, 0.5, &X, &y) == MAT_OK, "make_blobs(10, 3 centres, .5)");
	ok(near_all(xd, BLOBS10_X, 20, 0), "make_blobs(10): X exact");
	ok(labels_are(&y, BLOBS10_Y, 10), "make_blobs(10): y (4, 3, 3 per centre)");

	rng_seed(rng_global(), 2);
	mat_wrap(&c, (double *)BLOBS3_C, mat_shape2(3, 3));
	mat_wrap(&X, xd, mat_shape2(7, 3));
	mat_wrap(&y, yd, mat_shape1(7));
	ok(ds_make_blobs(rng_global(), 7, &c, 1.5, &X, &y) == MAT_OK, "make_blobs(7, 3-D centres)");
	ok(near_all(xd, BLOBS7_X, 21, 0), "make_blobs(7) from the global generator: X exact");
	ok(labels_are(&y, BLOBS7_Y, 7), "make_blobs(7): y");

	mat_wrap(&c, cd, mat_shape2(3, 2));
	mat_wrap(&X, xd, mat_shape2(9, 2));
	mat_wrap(&y, yd, mat_shape1(9));
	rng_seed(&r, 1);
	ok(ds_blob_centers(&r, &c, -10.0, 10.0) == MAT_OK, "blob centres in (-10, 10)");
	ok(near_all(cd, BLOBSR_C, 6, 0), "centers=3: centres drawn first, exact");
	ds_make_blobs(&r, 9, &c, 1.0, &X, &y);
	ok(near_all(xd, BLOBSR_X, 18, 0), "centers=3: X exact");
	ok(labels_are(&y, BLOBSR_Y, 9), "centers=3: y");

	ok(ds_make_blobs(&r, 9, &c, -1.0, &X, &y) == MAT_EARG, "negative std is refused");
	ok(ds_make_blobs(&r, 8, &c, 1.0, &X, &y) == MAT_ESHAPE, "X of the wrong shape is refused");
	ok(ds_blob_centers(&r, &c, 1.0, -1.0) == MAT_EARG, "an inverted centre box is refused");
}

static void test_split(void)
{
	size_t *p = mem_alloc(2000 * sizeof *p);
	if (!p)
		return;
	rng *g = rng_global();

	for (size_t i = 0; i < LEN(NTEST_N); i++) {
		size_t n = (size_t)NTEST_N[i], want = NTEST_WANT[i];
		is_num((double)ds_split_ntest(n, NTEST_T[i]), (double)want, 0,
		       "n_test(%zu, %g) = %zu", n, NTEST_T[i], want);
	}
	ok(ds_split_ntest(10, 0) == 0 && ds_split_ntest(10, -1) == 0 && ds_split_ntest(10, NAN) == 0,
	   "n_test of a non-positive size is 0");
	ok(ds_split_ntest(10, 50) == 10, "a count beyond n is clamped to n");

	rng_seed(g, 3);
	double before = rng_random(g);
	rng_seed(g, 3);
	ds_split_perm(g, 1, 1000, p);
	ok(rng_random(g) == before, "a seeded split leaves the global generator alone");
	ok(ds_split_ntest(1000, 0.1) == 100, "n=1000, test_size .1 (notebook 000): 100 test rows");
	static const size_t test1000[] = {507, 818, 452, 368, 242};
	static const size_t train1000[] = {335, 13, 911, 156, 428};
	ok(sizes_are(p, test1000, 5), "n=1000, rs=1: test rows start 507 818 452 368 242");
	ok(sizes_are(p + 100, train1000, 5), "n=1000, rs=1: train rows start 335 13 911 156 428");
	ok(sizes_are(p, SPLIT1000, 1000) && SPLIT1000_NTEST == 100, "n=1000, rs=1: whole order");

	ds_split_perm(g, 1, 2000, p);
	size_t nt = ds_split_ntest(2000, 0.1);
	ok(nt == 200 && 2000 - nt == 1800, "n=2000: 1800 train / 200 test");
	static const size_t test2000[] = {674, 1699, 1282, 1315, 1210};
	ok(sizes_are(p, test2000, 5), "n=2000, rs=1: test rows start 674 1699 1282 1315 1210");
	ok(sizes_are(p, SPLIT2000, 2000) && SPLIT2000_NTEST == (long long)nt, "n=2000, rs=1: whole order");

	ds_split_perm(g, 7, 10, p);
	ok(sizes_are(p, SPLIT10, 10) && SPLIT10_NTEST == (long long)ds_split_ntest(10, 0.25),
	   "n=10, test_size .25, rs=7");

	rng_seed(g, 5);
	ds_split_perm(g, -1, 20, p);
	ok(sizes_are(p, SPLIT20_GLOBAL, 20), "random_state=None draws from the global generator");
	is_num(rng_random(g), SPLIT20_NEXT[0], 0, "and advances it as numpy does");
	mem_free(p);
}

int main(void)
{
	test_circles_table();
	test_seed000();
	test_circles_small();
	test_blobs();
	test_split();
	printf("# %zu circle values matched within tolerance but not bit for bit\n", inexact);
	ok(mem_used() == 0, "all test memory returned");
	return tap_done();
}
