/*
** matrix_ops.c — element-wise arithmetic with numpy's broadcasting.
**
** Every operation is plain IEEE double arithmetic in the order numpy does
** it, so results match numpy bit for bit (numpy's own SIMD loops compute
** the same correctly rounded + - * / and sqrt).  Nothing here allocates:
** the caller provides the output, already of the broadcast shape.
**
** The inner loops are written once per operation and per operand layout
** (both running, one held fixed) so the compiler can vectorise them; the
** switch on the operation sits outside the loop.
*/
#include "matrix.h"

#include <math.h>

/* --- broadcasting -------------------------------------------------------- */

/*
** numpy's rule restricted to two dimensions: a 1-D array of n is a 1 x n
** row, a 0-D one a 1 x 1; each dimension must be equal or 1 on one side.
** The rows/cols layout of matrix.h already stores 0-D and 1-D that way.
*/
int mat_broadcast_shape(const mat *a, const mat *b, mat_shape *out)
{
	size_t ar = a->ndim ? a->rows : 1, ac = a->ndim ? a->cols : 1;
	size_t br = b->ndim ? b->rows : 1, bc = b->ndim ? b->cols : 1;
	size_t r, c;

	if (ar == br || br == 1)
		r = ar;
	else if (ar == 1)
		r = br;
	else
		return MAT_ESHAPE;
	if (ac == bc || bc == 1)
		c = ac;
	else if (ac == 1)
		c = bc;
	else
		return MAT_ESHAPE;
	out->ndim = a->ndim > b->ndim ? a->ndim : b->ndim;
	out->rows = out->ndim == 2 ? r : 1;
	out->cols = out->ndim == 0 ? 1 : c;
	return MAT_OK;
}

/* numpy.maximum/minimum: NaN wins, and on a tie the second operand. */
#define OP_MAX(x, y) (isnan(x) ? (x) : (x) > (y) ? (x) : (y))
#define OP_MIN(x, y) (isnan(x) ? (x) : (x) < (y) ? (x) : (y))
#define OP_ADD(x, y) ((x) + (y))
#define OP_SUB(x, y) ((x) - (y))
#define OP_MUL(x, y) ((x) * (y))
#define OP_DIV(x, y) ((x) / (y))
#define OP_POW(x, y) pow((x), (y))
#define OP_LT(x, y) ((double)((x) < (y)))
#define OP_LE(x, y) ((double)((x) <= (y)))
#define OP_GT(x, y) ((double)((x) > (y)))
#define OP_GE(x, y) ((double)((x) >= (y)))
#define OP_EQ(x, y) ((double)((x) == (y)))
#define OP_NE(x, y) ((double)((x) != (y)))

/*
** One run of n outputs; sa/sb say whether each operand advances (1) or
** repeats its first element (0).  Each operand is read before the output
** element at the same index is written, so out may alias a running operand.
*/
#define RUN(OP) \
	do { \
		if (sa && sb) { \
			for (size_t k = 0; k < n; k++) \
				o[k] = OP(a[k], b[k]); \
		} else if (sa) { \
			const double y = b[0]; \
			for (size_t k = 0; k < n; k++) \
				o[k] = OP(a[k], y); \
		} else if (sb) { \
			const double x = a[0]; \
			for (size_t k = 0; k < n; k++) \
				o[k] = OP(x, b[k]); \
		} else { \
			const double v = OP(a[0], b[0]); \
			for (size_t k = 0; k < n; k++) \
				o[k] = v; \
		} \
	} while (0)

static void run_binary(double *o, const double *a, int sa, const double *b, int sb,
                       size_t n, mat_binop op)
{
	switch (op) {
	case MAT_ADD: RUN(OP_ADD); break;
	case MAT_SUB: RUN(OP_SUB); break;
	case MAT_MUL: RUN(OP_MUL); break;
	case MAT_DIV: RUN(OP_DIV); break;
	case MAT_POW: RUN(OP_POW); break;
	case MAT_MAXIMUM: RUN(OP_MAX); break;
	case MAT_MINIMUM: RUN(OP_MIN); break;
	case MAT_LT: RUN(OP_LT); break;
	case MAT_LE: RUN(OP_LE); break;
	case MAT_GT: RUN(OP_GT); break;
	case MAT_GE: RUN(OP_GE); break;
	case MAT_EQ: RUN(OP_EQ); break;
	case MAT_NE: RUN(OP_NE); break;
	}
}

/*
** numpy's `a ** s` with a scalar exponent s on a float array does not call
** pow(): exponents 2, 0.5, -1, 1 and 0 go to square, sqrt, reciprocal,
** a copy and ones.  The results differ from pow() (sqrt(-0.0), the last
** bit in rare cases), so reproduce the shortcut.  Returns 0 when s takes
** the ordinary path.
*/
static int pow_shortcut(mat *out, const mat *a, double s)
{
	size_t n = mat_size(out);
	const double *x = a->data;
	double *o = out->data;

	if (s == 2.0) {
		for (size_t k = 0; k < n; k++)
			o[k] = x[k] * x[k];
	} else if (a->isint) {
		return 0;
	} else if (s == 0.5) {
		for (size_t k = 0; k < n; k++)
			o[k] = sqrt(x[k]);
	} else if (s == -1.0) {
		for (size_t k = 0; k < n; k++)
			o[k] = 1.0 / x[k];
	} else if (s == 1.0) {
		for (size_t k = 0; k < n; k++)
			o[k] = x[k];
	} else if (s == 0.0) {
		for (size_t k = 0; k < n; k++)
			o[k] = 1.0;
	} else {
		return 0;
	}
	return 1;
}

/* An integer result never holds -0.0 (int64 has no negative zero). */
static void clear_negzero(mat *m)
{
	size_t n = mat_size(m);
	for (size_t k = 0; k < n; k++)
		m->data[k] += 0.0;
}

/* Whether every element of m is >= 0 (for int ** int staying integer). */
static int all_nonneg(const mat *m)
{
	size_t n = mat_size(m);
	for (size_t k = 0; k < n; k++)
		if (!(m->data[k] >= 0))
			return 0;
	return 1;
}

/* The isint of a op b, following numpy's int64/float64 result types. */
static unsigned char binary_isint(const mat *a, const mat *b, mat_binop op)
{
	switch (op) {
	case MAT_ADD: case MAT_SUB: case MAT_MUL: case MAT_MAXIMUM: case MAT_MINIMUM:
		return a->isint && b->isint;
	case MAT_DIV:
		return 0;
	case MAT_POW:
		return a->isint && b->isint && all_nonneg(b);
	default:
		return 1; /* comparisons */
	}
}

void mat_binary(mat *out, const mat *a, const mat *b, mat_binop op)
{
	size_t R = out->rows, C = out->cols, N = R * C;
	size_t asz = mat_size(a), bsz = mat_size(b);
	/* Decided before writing: out may alias a or b. */
	unsigned char isint = binary_isint(a, b, op);

	if (op == MAT_POW && b->ndim == 0 && asz == N && pow_shortcut(out, a, b->data[0])) {
		out->isint = isint;
		return;
	}
	if ((asz == N || asz == 1) && (bsz == N || bsz == 1)) {
		/* Both operands are whole arrays or scalars: one flat run. */
		run_binary(out->data, a->data, asz != 1 || N == 1, b->data, bsz != 1 || N == 1, N, op);
	} else {
		/* A row or a column repeats: one run per output row. */
		int sa = a->cols == C, sb = b->cols == C;
		for (size_t i = 0; i < R; i++) {
			const double *ra = a->data + (a->rows == R ? i * a->cols : 0);
			const double *rb = b->data + (b->rows == R ? i * b->cols : 0);
			run_binary(out->data + i * C, ra, sa, rb, sb, C, op);
		}
	}
	out->isint = isint;
	if (isint && op == MAT_MUL)
		clear_negzero(out);
}

/* --- element-wise functions ---------------------------------------------- */

/* numpy.sign: NaN stays NaN, and both zeros give +0. */
static inline double sign_of(double x)
{
	return x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x;
}

/* relu as numpy.maximum(x, 0): NaN passes through, -0.0 becomes +0. */
static inline double relu_of(double x)
{
	return OP_MAX(x, 0.0);
}

#define MAP(EXPR) \
	do { \
		for (size_t k = 0; k < n; k++) { \
			const double x = in[k]; \
			o[k] = (EXPR); \
		} \
	} while (0)

void mat_unary(mat *out, const mat *a, mat_unop op)
{
	size_t n = mat_size(a);
	const double *in = a->data;
	double *o = out->data;
	unsigned char isint = a->isint;

	switch (op) {
	case MAT_NEG: MAP(-x); break;
	case MAT_EXP: MAP(exp(x)); isint = 0; break;
	case MAT_LOG: MAP(log(x)); isint = 0; break;
	case MAT_ABS: MAP(fabs(x)); break;
	case MAT_SQRT: MAP(sqrt(x)); isint = 0; break;
	case MAT_TANH: MAP(tanh(x)); isint = 0; break;
	case MAT_SIGMOID: MAP(1.0 / (1.0 + exp(-x))); isint = 0; break;
	case MAT_RELU: MAP(relu_of(x)); break;
	case MAT_SIGN: MAP(sign_of(x)); break;
	/* numpy 1.24 returns floats from floor and ceil even for integers. */
	case MAT_FLOOR: MAP(floor(x)); isint = 0; break;
	case MAT_CEIL: MAP(ceil(x)); isint = 0; break;
	/* numpy.round with 0 decimals: halves to even, like rint. */
	case MAT_ROUND: MAP(nearbyint(x)); break;
	case MAT_SQUARE: MAP(x * x); break;
	}
	out->isint = isint;
	if (isint && op == MAT_NEG)
		clear_negzero(out);
}

/*
** numpy.clip is minimum(maximum(x, lo), hi) with NaN passing through.  An
** integer array stays integer only when both bounds are whole numbers
** (numpy would otherwise promote to float).
*/
void mat_clip(mat *out, const mat *a, double lo, double hi)
{
	size_t n = mat_size(a);
	const double *in = a->data;
	double *o = out->data;
	unsigned char isint = a->isint && isfinite(lo) && isfinite(hi)
	                      && lo == floor(lo) && hi == floor(hi);

	for (size_t k = 0; k < n; k++) {
		double x = OP_MAX(in[k], lo);
		o[k] = OP_MIN(x, hi);
	}
	out->isint = isint;
}

/* --- creation ------------------------------------------------------------ */

/*
** numpy computes ceil((stop - start) / step) and clamps at 0; a quotient
** that underflows to zero still makes one element when it is positive.
*/
long mat_arange_len(double start, double stop, double step)
{
	if (step == 0 || isnan(start) || isnan(stop) || isnan(step))
		return -1;
	double delta = stop - start, q = delta / step;
	if (q == 0 && delta != 0)
		return signbit(q) ? 0 : 1;
	q = ceil(q);
	if (!(q > 0))
		return 0;
	if (q >= 9.2e18)
		return -1;
	return (long)q;
}

/*
** numpy writes start and start + step, then fills the rest from those two
** as start + i * ((start + step) - start): the rounded difference, not
** step itself, so the same last bits come out.
*/
void mat_arange(mat *m, double start, double step)
{
	size_t n = mat_size(m);
	double *x = m->data;

	if (n > 0)
		x[0] = start;
	if (n > 1)
		x[1] = start + step;
	double delta = n > 1 ? x[1] - start : 0;
	for (size_t i = 2; i < n; i++)
		x[i] = start + (double)i * delta;
	m->isint = 0;
}

/*
** numpy.linspace: i * step + a with step = (b - a) / div; when step rounds
** to zero it scales i / div by the span instead; with one point and an
** endpoint there is no step (numpy multiplies by the span).
*/
void mat_linspace(mat *m, double a, double b, int endpoint)
{
	size_t n = mat_size(m);
	double *x = m->data;
	size_t div = endpoint ? (n > 0 ? n - 1 : 0) : n;
	double delta = b - a;

	if (div > 0) {
		double step = delta / (double)div;
		if (step == 0) {
			for (size_t i = 0; i < n; i++)
				x[i] = (double)i / (double)div * delta + a;
		} else {
			for (size_t i = 0; i < n; i++)
				x[i] = (double)i * step + a;
		}
	} else {
		for (size_t i = 0; i < n; i++)
			x[i] = (double)i * delta + a;
	}
	if (endpoint && n > 1)
		x[n - 1] = b;
	m->isint = 0;
}

int mat_all_integral(const mat *m)
{
	size_t n = mat_size(m);
	for (size_t i = 0; i < n; i++) {
		double v = m->data[i];
		if (!isfinite(v) || v != floor(v))
			return 0;
	}
	return 1;
}

/* --- shape changes ------------------------------------------------------- */

int mat_reshape_check(const mat *m, mat_shape to)
{
	size_t rows = to.ndim == 0 ? 1 : to.ndim == 1 ? 1 : to.rows;
	size_t cols = to.ndim == 0 ? 1 : to.cols;
	if (mat_check_size(rows, cols) != MAT_OK)
		return MAT_ETOOBIG;
	return rows * cols == mat_size(m) ? MAT_OK : MAT_ESHAPE;
}

mat_shape mat_transpose_shape(const mat *m)
{
	mat_shape s = {m->rows, m->cols, m->ndim};
	if (m->ndim == 2) {
		s.rows = m->cols;
		s.cols = m->rows;
	}
	return s;
}

/* Blocked so both the reads and the writes stay within a few cache lines. */
void mat_transpose(mat *out, const mat *m)
{
	if (m->ndim != 2) {
		mat_copy(out, m);
		return;
	}
	size_t R = m->rows, C = m->cols;
	enum { B = 32 };
	for (size_t i0 = 0; i0 < R; i0 += B)
		for (size_t j0 = 0; j0 < C; j0 += B) {
			size_t i1 = i0 + B < R ? i0 + B : R, j1 = j0 + B < C ? j0 + B : C;
			for (size_t i = i0; i < i1; i++)
				for (size_t j = j0; j < j1; j++)
					out->data[j * R + i] = m->data[i * C + j];
		}
	out->isint = m->isint;
}

/* The number of rows of m as numpy's m[i] sees them (elements of a 1-D). */
static size_t outer_len(const mat *m)
{
	return m->ndim == 2 ? m->rows : m->cols;
}

int mat_take_rows_check(const mat *m, const size_t *idx, size_t n)
{
	if (m->ndim == 0)
		return MAT_EARG;
	size_t len = outer_len(m);
	for (size_t i = 0; i < n; i++)
		if (idx[i] >= len)
			return MAT_EINDEX;
	return m->ndim == 2 ? mat_check_size(n, m->cols) : mat_check_size(1, n);
}

mat_shape mat_take_rows_shape(const mat *m, size_t n)
{
	return m->ndim == 2 ? mat_shape2(n, m->cols) : mat_shape1(n);
}

void mat_take_rows(mat *out, const mat *m, const size_t *idx, size_t n)
{
	size_t w = m->ndim == 2 ? m->cols : 1;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < w; j++)
			out->data[i * w + j] = m->data[idx[i] * w + j];
	out->isint = m->isint;
}

void mat_col(mat *out, const mat *m, size_t j)
{
	for (size_t i = 0; i < m->rows; i++)
		out->data[i] = m->data[i * m->cols + j];
	out->isint = m->isint;
}

void mat_row(mat *out, const mat *m, size_t i)
{
	for (size_t j = 0; j < m->cols; j++)
		out->data[j] = m->data[i * m->cols + j];
	out->isint = m->isint;
}

void mat_slice_rows(mat *out, const mat *m, size_t r0, size_t r1)
{
	size_t w = m->ndim == 2 ? m->cols : 1;
	for (size_t k = 0; k < (r1 - r0) * w; k++)
		out->data[k] = m->data[r0 * w + k];
	out->isint = m->isint;
}

/* --- stacking ------------------------------------------------------------ */

/* Whether every array is integer: the stack is then int64 in numpy. */
static unsigned char all_isint(const mat *const *ms, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!ms[i]->isint)
			return 0;
	return 1;
}

/*
** numpy.hstack makes 0-D arrays 1-D, then joins 1-D arrays end to end and
** 2-D arrays side by side; mixing 1-D and 2-D is an error, as in numpy.
*/
int mat_hstack_shape(const mat *const *ms, size_t n, mat_shape *out)
{
	if (n == 0)
		return MAT_EARG;
	int two = ms[0]->ndim == 2;
	size_t rows = ms[0]->rows, cols = 0;
	for (size_t i = 0; i < n; i++) {
		if ((ms[i]->ndim == 2) != two || (two && ms[i]->rows != rows))
			return MAT_ESHAPE;
		cols += ms[i]->cols;
		if (cols > MAT_MAX_ELEMS)
			return MAT_ETOOBIG;
	}
	if (mat_check_size(two ? rows : 1, cols) != MAT_OK)
		return MAT_ETOOBIG;
	*out = two ? mat_shape2(rows, cols) : mat_shape1(cols);
	return MAT_OK;
}

void mat_hstack(mat *out, const mat *const *ms, size_t n)
{
	size_t R = out->ndim == 2 ? out->rows : 1, C = out->cols, c0 = 0;
	unsigned char isint = all_isint(ms, n);
	for (size_t k = 0; k < n; k++) {
		const mat *m = ms[k];
		for (size_t i = 0; i < R; i++)
			for (size_t j = 0; j < m->cols; j++)
				out->data[i * C + c0 + j] = m->data[i * m->cols + j];
		c0 += m->cols;
	}
	out->isint = isint;
}

/*
** numpy.vstack makes every array at least 2-D (a 1-D n becomes 1 x n, a
** 0-D 1 x 1) and joins them top to bottom; the widths must agree.
*/
int mat_vstack_shape(const mat *const *ms, size_t n, mat_shape *out)
{
	if (n == 0)
		return MAT_EARG;
	size_t cols = ms[0]->cols, rows = 0;
	for (size_t i = 0; i < n; i++) {
		if (ms[i]->cols != cols)
			return MAT_ESHAPE;
		rows += ms[i]->ndim == 2 ? ms[i]->rows : 1;
		if (rows > MAT_MAX_ELEMS)
			return MAT_ETOOBIG;
	}
	if (mat_check_size(rows, cols) != MAT_OK)
		return MAT_ETOOBIG;
	*out = mat_shape2(rows, cols);
	return MAT_OK;
}

void mat_vstack(mat *out, const mat *const *ms, size_t n)
{
	unsigned char isint = all_isint(ms, n);
	size_t at = 0;
	for (size_t k = 0; k < n; k++) {
		size_t cnt = mat_size(ms[k]);
		for (size_t j = 0; j < cnt; j++)
			out->data[at + j] = ms[k]->data[j];
		at += cnt;
	}
	out->isint = isint;
}
