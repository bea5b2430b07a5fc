/*
** matrix_reduce.c — numpy.dot and the reductions (sum, mean, max, min,
** argmax, argmin, std).
**
** Sums follow numpy's order so a lesson prints numpy's last digits:
** numpy reduces a contiguous run in chunks of its 8192-element buffer,
** adding each chunk's pairwise sum to the running total; down the rows
** (axis 0) it adds whole rows into the output one after another.
*/
#include "matrix.h"

#include <math.h>

#include "dense_int.h"
#include "work_int.h"

/* numpy's iterator buffer: a contiguous reduction is summed chunk by chunk. */
#define BUFSIZE 8192
/* Below this many elements pairwise summation adds in a straight line. */
#define PW_BLOCK 128

/*
** Pairwise summation as numpy does it: short runs add left to right; runs
** up to 128 use eight interleaved partial sums (the shape of numpy's
** unrolled loop) combined as a balanced tree; longer runs split in two at
** a multiple of eight and recurse.  The error grows like log n instead of
** n.  The body is written once and instantiated twice: for the values
** themselves and for squared deviations from a mean (numpy.std sums a
** temporary array of those; computing each where the sum reads it gives
** the same additions without the temporary).
*/
#define PAIRWISE(NAME, LOAD) \
	static double NAME(const double *x, size_t n, size_t stride, double mean) \
	{ \
		(void)mean; \
		if (n < 8) { \
			double res = 0.; \
			for (size_t i = 0; i < n; i++) \
				res += LOAD(x[i * stride]); \
			return res; \
		} \
		if (n <= PW_BLOCK) { \
			double r[8]; \
			size_t i; \
			for (size_t j = 0; j < 8; j++) \
				r[j] = LOAD(x[j * stride]); \
			for (i = 8; i < n - n % 8; i += 8) \
				for (size_t j = 0; j < 8; j++) \
					r[j] += LOAD(x[(i + j) * stride]); \
			double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
			for (; i < n; i++) \
				res += LOAD(x[i * stride]); \
			return res; \
		} \
		size_t n2 = n / 2; \
		n2 -= n2 % 8; \
		return NAME(x, n2, stride, mean) + NAME(x + n2 * stride, n - n2, stride, mean); \
	}

#define LOAD_VALUE(v) (v)
#define LOAD_SQDEV(v) (((v) - mean) * ((v) - mean))

PAIRWISE(pairwise_values, LOAD_VALUE)
PAIRWISE(pairwise_sqdev, LOAD_SQDEV)

double mat_pairwise_sum(const double *x, size_t n, size_t stride)
{
	return pairwise_values(x, n, stride, 0.);
}

/*
** np.add.reduce of a contiguous run: 0 plus each buffer chunk's pairwise
** sum in turn (sqdev: of the squared deviations from mean).
*/
static double run_sum(const double *x, size_t n, int sqdev, double mean)
{
	double s = 0.;
	for (size_t i = 0; i < n; i += BUFSIZE) {
		size_t len = n - i < BUFSIZE ? n - i : BUFSIZE;
		s += sqdev ? pairwise_sqdev(x + i, len, 1, mean) : pairwise_values(x + i, len, 1, 0.);
	}
	return s;
}

/* --- dot ----------------------------------------------------------------- */

#define DOT_COLS 64                     /* columns of a wide product per part */
#define DOT_WORK (4 * WORK_CHECK)       /* multiply-adds per part: the tiles are fast */

int mat_dot_shape(const mat *a, const mat *b, mat_shape *out)
{
	if (a->ndim == 0 || b->ndim == 0) {
		const mat *m = a->ndim == 0 ? b : a;
		mat_shape s = {m->rows, m->cols, m->ndim};
		*out = s;
		return MAT_OK;
	}
	size_t k = a->cols, kb = b->ndim == 2 ? b->rows : b->cols;
	if (k != kb)
		return MAT_ESHAPE;
	if (a->ndim == 1 && b->ndim == 1) {
		mat_shape s = {1, 1, 0};
		*out = s;
	} else if (a->ndim == 1) {
		*out = mat_shape1(b->cols);
	} else if (b->ndim == 1) {
		*out = mat_shape1(a->rows);
	} else {
		*out = mat_shape2(a->rows, b->cols);
	}
	return mat_check_size(out->rows, out->cols);
}

/*
** Every output element accumulates its products in k order starting from
** zero, the order seed 001's numbers need.  The matrix product runs i-k-j
** so the innermost loop streams one row of b into one row of out.  A
** product can take minutes (4000 x 4000 by 4000 x 4000), so each row of
** the output counts its multiply-adds towards a cancel check.  A product
** of 8 columns or more runs dense.c's tiles, whose sums run in the same
** order.
*/
int mat_dot(mat *out, const mat *a, const mat *b)
{
	size_t done = 0;
	if (cancel_requested()) /* a stop already asked for: not even one row */
		return MAT_ECANCEL;
	unsigned char isint = a->isint && b->isint;

	if (a->ndim == 0 || b->ndim == 0) {
		const mat *m = a->ndim == 0 ? b : a;
		double s = a->ndim == 0 ? a->data[0] : b->data[0];
		size_t n = mat_size(m);
		for (size_t i = 0; i < n; i++)
			out->data[i] = a->ndim == 0 ? s * m->data[i] : m->data[i] * s;
		out->isint = isint;
		return MAT_OK;
	}
	size_t K = a->cols;
	if (b->ndim == 1) {
		/* matrix . vector (or vector . vector): one dot per row of a. */
		for (size_t i = 0; i < a->rows; i++) {
			const double *ra = a->data + i * K;
			double s = 0.;
			for (size_t k = 0; k < K; k++)
				s += ra[k] * b->data[k];
			out->data[i] = s;
			if (work_done(&done, K + 1))
				return MAT_ECANCEL;
		}
	} else if (b->cols >= 8 && K > 0) {
		/*
		** wide: dense.c's tiles, over parts of DOT_COLS columns and as many
		** rows (whole tiles) as make about DOT_WORK multiply-adds, with a
		** cancel check after each part
		*/
		size_t M = a->ndim == 2 ? a->rows : 1, N = b->cols;
		size_t rows = DOT_WORK / (K * DOT_COLS) / 12 * 12;
		rows = rows < 12 ? 12 : rows;
		for (size_t j = 0; j < N; j += DOT_COLS) {
			size_t j1 = N - j < DOT_COLS ? N : j + DOT_COLS;
			for (size_t i = 0; i < M; i += rows) {
				size_t n = M - i < rows ? M - i : rows;
				nn__dense_fwd_part(b->data, NULL, a->data + i * K, n, K, N, out->data + i * N,
				                   DENSE_ZERO_START, j, j1);
				if (work_done(&done, n * K * (j1 - j) + 1))
					return MAT_ECANCEL;
			}
		}
	} else {
		size_t M = a->ndim == 2 ? a->rows : 1, N = b->cols;
		for (size_t i = 0; i < M * N; i++)
			out->data[i] = 0.;
		for (size_t i = 0; i < M; i++) {
			double *ro = out->data + i * N;
			for (size_t k = 0; k < K; k++) {
				const double aik = a->data[i * K + k];
				const double *rb = b->data + k * N;
				for (size_t j = 0; j < N; j++)
					ro[j] += aik * rb[j];
			}
			if (work_done(&done, K * N + 1))
				return MAT_ECANCEL;
		}
	}
	out->isint = isint;
	return MAT_OK;
}

/* --- reductions ---------------------------------------------------------- */

int mat_reduce_shape(const mat *m, int axis, mat_shape *out)
{
	mat_shape scalar = {1, 1, 0};
	if (axis == -1 || (axis == 0 && m->ndim == 1)) {
		*out = scalar;
		return MAT_OK;
	}
	if (m->ndim != 2 || (axis != 0 && axis != 1))
		return MAT_EARG;
	*out = mat_shape1(axis == 0 ? m->cols : m->rows);
	return MAT_OK;
}

/*
** The reduction as `lines` runs of `len` elements: run l starts at
** data + l * rstep and steps by `step`.  Reducing everything is one run
** over the flat array; axis 1 is one run per row; axis 0 one per column.
*/
typedef struct runs {
	size_t lines, len, rstep, step;
} runs;

static runs layout(const mat *m, int axis)
{
	runs r;
	if (axis == 1) {
		r.lines = m->rows, r.len = m->cols, r.rstep = m->cols, r.step = 1;
	} else if (axis == 0 && m->ndim == 2) {
		r.lines = m->cols, r.len = m->rows, r.rstep = 1, r.step = m->cols;
	} else {
		r.lines = 1, r.len = mat_size(m), r.rstep = 0, r.step = 1;
	}
	return r;
}

/*
** Sums (of values, or of squared deviations from means[l]) in numpy's
** order.  A contiguous run (step 1, which includes axis 0 of a single
** column) is summed by chunks; axis 0 over several columns adds row after
** row into the outputs, as numpy's iterator keeps the row as its inner loop.
*/
static void sum_runs(double *out, const double *x, runs r, int sqdev, const double *means)
{
	if (r.step == 1) {
		for (size_t l = 0; l < r.lines; l++)
			out[l] = run_sum(x + l * r.rstep, r.len, sqdev, sqdev ? means[l] : 0.);
		return;
	}
	if (sqdev) {
		/*
		 * Column by column, so means (which may be out itself) is read
		 * before its slot is overwritten; each column still adds its
		 * rows in order, which is all that fixes the result.
		 */
		for (size_t l = 0; l < r.lines; l++) {
			double mean = means[l], acc = 0.;
			for (size_t i = 0; i < r.len; i++) {
				double d = x[i * r.step + l] - mean;
				acc += d * d;
			}
			out[l] = acc;
		}
		return;
	}
	for (size_t l = 0; l < r.lines; l++)
		out[l] = 0.;
	for (size_t i = 0; i < r.len; i++) {
		const double *row = x + i * r.step;
		for (size_t l = 0; l < r.lines; l++)
			out[l] += row[l];
	}
}

/*
** numpy's maximum/minimum reduce (NaN wins, a tie keeps the later zero)
** and argmax/argmin (the first extreme; the first NaN if there is one).
*/
static void extreme_runs(double *out, const double *x, runs r, mat_reduce_op op)
{
	int want_max = op == MAT_MAX || op == MAT_ARGMAX;
	int arg = op == MAT_ARGMAX || op == MAT_ARGMIN;
	for (size_t l = 0; l < r.lines; l++) {
		const double *p = x + l * r.rstep;
		double best = p[0];
		size_t at = 0;
		for (size_t i = 1; i < r.len && !isnan(best); i++) {
			double v = p[i * r.step];
			if (arg ? (want_max ? !(v <= best) : !(v >= best))
			        : (want_max ? !(best > v) : !(best < v))) {
				best = v;
				at = i;
			}
		}
		out[l] = arg ? (double)at : best;
	}
}

/*
** out must have the shape mat_reduce_shape gave; it must not alias m
** (std reads m after writing the means into out).
*/
int mat_reduce(mat *out, const mat *m, mat_reduce_op op, int axis)
{
	mat_shape s;
	if (mat_reduce_shape(m, axis, &s) != MAT_OK)
		return MAT_EARG;
	runs r = layout(m, axis);
	double *o = out->data;

	switch (op) {
	case MAT_SUM:
		sum_runs(o, m->data, r, 0, NULL);
		out->isint = m->isint;
		break;
	case MAT_MEAN:
		sum_runs(o, m->data, r, 0, NULL);
		for (size_t l = 0; l < r.lines; l++)
			o[l] /= (double)r.len;
		out->isint = 0;
		break;
	case MAT_STD:
		/* The means go into out first, then the variances replace them. */
		sum_runs(o, m->data, r, 0, NULL);
		for (size_t l = 0; l < r.lines; l++)
			o[l] /= (double)r.len;
		sum_runs(o, m->data, r, 1, o);
		for (size_t l = 0; l < r.lines; l++)
			o[l] = sqrt(o[l] / (double)r.len);
		out->isint = 0;
		break;
	case MAT_MAX: case MAT_MIN: case MAT_ARGMAX: case MAT_ARGMIN:
		if (r.len == 0)
			return MAT_EARG;
		extreme_runs(o, m->data, r, op);
		out->isint = op == MAT_ARGMAX || op == MAT_ARGMIN || m->isint;
		break;
	default:
		return MAT_EARG;
	}
	return MAT_OK;
}
