/*
** datasets.c — scikit-learn 1.2's make_circles, make_blobs and the row
** order of train_test_split, drawing from the generator in the same order
** scikit-learn does so a seeded lesson gets the notebook's data set.
*/
#include "datasets.h"

#include <math.h>

#include "work_int.h"

/*
** sklearn.utils.shuffle shuffles arange(n) with RandomState.shuffle and
** then takes those rows of X and y.  Applying the same swaps to the rows of
** X and y directly gives the same result with the same draws and needs no
** index array: row k ends up holding original row perm[k] either way.
** Returns MAT_OK, or MAT_ECANCEL when cancel_check() stopped it (as every
** loop over the samples here: millions of rows take a while).
*/
static int shuffle_xy(rng *r, double *x, size_t width, double *y, size_t n, size_t *done)
{
	for (size_t i = n; i-- > 1;) {
		if (work_done(done, width + 1))
			return MAT_ECANCEL;
		size_t j = (size_t)rng_interval(r, i);
		if (j == i)
			continue;
		rng_swap_rows(x, width, i, j);
		rng_swap_rows(y, 1, i, j);
	}
	return MAT_OK;
}

/* Returns 1 when m has data laid out as rows x cols. */
static int has_shape(const mat *m, size_t rows, size_t cols)
{
	return m && m->data && m->rows == rows && m->cols == cols;
}

/* Returns 1 when m has data of n elements (the label vector). */
static int has_size(const mat *m, size_t n)
{
	return m && m->data && m->rows * m->cols == n;
}

/*
** One circle of k points at angles linspace(0, 2pi, k, endpoint=False),
** computed as numpy does (i*step + 0, step = 2pi/k), scaled by `scale`
** after cos/sin as scikit-learn multiplies the inner circle by factor.
** Returns MAT_OK or MAT_ECANCEL.
*/
static int circle(double *x, double *y, size_t k, double scale, double label, size_t *done)
{
	double step = k ? 2.0 * M_PI / (double)k : 0.0;
	for (size_t i = 0; i < k; i++) {
		double a = (double)i * step + 0.0;
		x[2 * i] = cos(a) * scale;
		x[2 * i + 1] = sin(a) * scale;
		y[i] = label;
		if (work_done(done, 4))
			return MAT_ECANCEL;
	}
	return MAT_OK;
}

/*
** The outer circle is not scaled; multiplying by 1.0 is exact, so one
** helper serves both circles.  Noise is normal(0, noise) per element, row
** by row, added after the shuffle, as scikit-learn's X += normal(...).
*/
int ds_make_circles(rng *r, size_t n, double noise, double factor, mat *X, mat *y)
{
	if (cancel_requested())
		return MAT_ECANCEL;
	if (n < 1 || !(factor >= 0.0 && factor < 1.0))
		return MAT_EARG;
	if (!has_shape(X, n, 2) || !has_size(y, n))
		return MAT_ESHAPE;
	size_t n_out = n / 2, n_in = n - n_out, done = 0;
	if (circle(X->data, y->data, n_out, 1.0, 0.0, &done) != MAT_OK ||
	    circle(X->data + 2 * n_out, y->data + n_out, n_in, factor, 1.0, &done) != MAT_OK)
		return MAT_ECANCEL;
	X->isint = 0;
	y->isint = 1;
	if (shuffle_xy(r, X->data, 2, y->data, n, &done) != MAT_OK)
		return MAT_ECANCEL;
	if (noise >= 0.0) {
		for (size_t i = 0; i < 2 * n; i++) {
			X->data[i] += rng_normal(r, 0.0, noise);
			if (work_done(&done, 1))
				return MAT_ECANCEL;
		}
	}
	return MAT_OK;
}

/*
** Each centre gets a contiguous block of normal(centre, std) rows (the
** first n%k centres one row more), labelled with the centre's index, and
** the whole set is then shuffled: scikit-learn's order of draws.
*/
int ds_make_blobs(rng *r, size_t n, const mat *centers, double std, mat *X, mat *y)
{
	if (cancel_requested())
		return MAT_ECANCEL;
	if (!centers || !centers->data || centers->rows < 1 || centers->cols < 1)
		return MAT_EARG;
	if (!(std >= 0.0))
		return MAT_EARG;
	size_t k = centers->rows, d = centers->cols;
	if (!has_shape(X, n, d) || !has_size(y, n))
		return MAT_ESHAPE;
	size_t row = 0, done = 0;
	for (size_t c = 0; c < k; c++) {
		size_t count = n / k + (c < n % k);
		const double *mu = centers->data + c * d;
		for (size_t i = 0; i < count; i++, row++) {
			for (size_t j = 0; j < d; j++)
				X->data[row * d + j] = rng_normal(r, mu[j], std);
			y->data[row] = (double)c;
			if (work_done(&done, d + 1))
				return MAT_ECANCEL;
		}
	}
	X->isint = 0;
	y->isint = 1;
	return shuffle_xy(r, X->data, d, y->data, n, &done);
}

int ds_blob_centers(rng *r, mat *centers, double lo, double hi)
{
	if (!centers || !centers->data || !(lo <= hi))
		return MAT_EARG;
	size_t n = centers->rows * centers->cols;
	for (size_t i = 0; i < n; i++)
		centers->data[i] = rng_uniform(r, lo, hi);
	centers->isint = 0;
	return MAT_OK;
}

/*
** A fraction rounds up (scikit-learn's ceil(test_size * n), in double
** precision); a count is taken as is.  Both are clamped so a caller can
** index with the result without checking it again.
*/
size_t ds_split_ntest(size_t n, double test_size)
{
	double t;
	if (!(test_size > 0.0))
		return 0;
	t = test_size >= 1.0 ? floor(test_size) : ceil(test_size * (double)n);
	return t >= (double)n ? n : (size_t)t;
}

/*
** A seeded split uses its own generator, so the global stream a lesson
** relies on is not advanced; random_state=None draws from r.
*/
void ds_split_perm(rng *r, long seed, size_t n, size_t *perm)
{
	if (seed >= 0) {
		rng local;
		rng_seed(&local, (uint32_t)seed);
		rng_permutation(&local, perm, n);
	} else {
		rng_permutation(r, perm, n);
	}
}
