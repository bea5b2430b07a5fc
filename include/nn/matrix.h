/*
** matrix.h — numpy-like arrays of doubles: 0-D, 1-D and 2-D, row-major.
**
** The struct is public on purpose: the network code and the bindings read
** `data` directly in their inner loops.  A 1-D array of n elements is stored
** as rows = 1, cols = n, which is also how numpy broadcasts it against a
** 2-D array (as a row).  A 0-D array (a scalar) has rows = cols = 1.
**
** Operations write into an output array the caller provides, already of the
** shape the matching *_shape() function returned.  That lets the Lua binding
** place the data inside a userdata (so Lua's GC and memory budget see it)
** while C callers use mat_new().  Outputs may alias inputs only where a
** comment says so.
**
** `isint` marks arrays whose every element is an integer and that were made
** from integers (`nn.array{{0, 0, 1}}`, randint, comparisons): numpy prints
** those without a decimal point.  Arithmetic keeps it where numpy keeps an
** integer dtype (+, -, *, max, min, sum of integer arrays) and drops it
** where numpy goes to float (/, exp, mean, any float operand).
*/
#ifndef NNBOOK_MATRIX_H
#define NNBOOK_MATRIX_H

#include <stddef.h>

/* The largest element count an array may have (2^28 doubles = 2 GiB). */
#define MAT_MAX_ELEMS ((size_t)1 << 28)

typedef struct mat {
	double *data;         /* rows*cols elements, row-major */
	size_t rows, cols;    /* 1-D: rows == 1; 0-D: 1 x 1 */
	unsigned char ndim;   /* 0, 1 or 2 */
	unsigned char isint;  /* print as integers (see above) */
	unsigned char owned;  /* data was allocated with the struct by mat_new */
} mat;

/* Status codes returned by operations that can fail. */
enum {
	MAT_OK = 0,
	MAT_ESHAPE,   /* shapes do not fit together */
	MAT_ETOOBIG,  /* more than MAT_MAX_ELEMS elements */
	MAT_ENOMEM,   /* allocation failed or over the memory budget */
	MAT_EARG,     /* an argument is out of range */
	MAT_EINDEX,   /* an index is out of range */
	MAT_ECANCEL   /* stopped by cancel_check() (an interrupt or the time limit) */
};

/* Returns a static English message for a MAT_* status. */
const char *mat_strerror(int status);

/* --- shapes -------------------------------------------------------------- */

/* A shape as the ops compute it: ndim plus the rows/cols layout above. */
typedef struct mat_shape {
	size_t rows, cols;
	unsigned char ndim;
} mat_shape;

/* Returns MAT_OK when rows x cols is a valid size, else MAT_ETOOBIG. */
int mat_check_size(size_t rows, size_t cols);

/* Returns the element count of m. */
size_t mat_size(const mat *m);

/* Writes m's shape in numpy's notation ("(3, 1)", "(12,)", "()") into buf. */
const char *mat_shape_str(const mat *m, char buf[48]);

/* Returns the shape of a 1-D array of n elements. */
mat_shape mat_shape1(size_t n);

/* Returns the shape of a 2-D rows x cols array. */
mat_shape mat_shape2(size_t rows, size_t cols);

/* --- lifetime ------------------------------------------------------------ */

/*
** Returns a new zero-filled array of the given shape (charged to the memory
** budget), or NULL when too big or out of memory.  Free with mat_free.
*/
mat *mat_new(mat_shape shape);

/* Returns a new copy of m, or NULL.  Free with mat_free. */
mat *mat_dup(const mat *m);

/* Frees m from mat_new/mat_dup; NULL is a no-op. */
void mat_free(mat *m);

/*
** Makes m a view of caller-owned data of the given shape (no allocation).
** Used by the binding for userdata-backed arrays and for scalars on the
** C stack.
*/
void mat_wrap(mat *m, double *data, mat_shape shape);

/* Makes m a 0-D view of *x. */
void mat_scalar(mat *m, double *x);

/* Copies src into dst, which must have the same element count. */
void mat_copy(mat *dst, const mat *src);

/* --- creation ------------------------------------------------------------ */

/* Sets every element of m to v. */
void mat_fill(mat *m, double v);

/* Returns the number of elements numpy's arange(start, stop, step) makes; -1 for a zero step. */
long mat_arange_len(double start, double stop, double step);

/* Fills m (1-D, mat_arange_len elements) with start + i*step, as numpy. */
void mat_arange(mat *m, double start, double step);

/*
** Fills m (1-D, n elements) as numpy.linspace(a, b, n, endpoint):
** step = (b-a)/(endpoint ? n-1 : n), x[i] = i*step + a, and with endpoint
** the last element is exactly b.
*/
void mat_linspace(mat *m, double a, double b, int endpoint);

/* --- element access (0-based; the binding adds 1-based indexing) ---------- */

/* Returns element (i, j) of a 2-D array or element j of a 1-D one (i = 0). */
static inline double mat_get(const mat *m, size_t i, size_t j)
{
	return m->data[i * m->cols + j];
}

/* Sets element (i, j); see mat_get. */
static inline void mat_set(mat *m, size_t i, size_t j, double v)
{
	m->data[i * m->cols + j] = v;
}

/* Returns 1 when every element of m is a finite whole number, else 0. */
int mat_all_integral(const mat *m);

/* --- shape changes ------------------------------------------------------- */

/* Returns MAT_OK when m can be reshaped to `to` (same element count). */
int mat_reshape_check(const mat *m, mat_shape to);

/* Writes the transpose of m (2-D: rows<->cols; 1-D: itself) into out. */
mat_shape mat_transpose_shape(const mat *m);
void mat_transpose(mat *out, const mat *m);

/* Writes rows idx[0..n-1] of m into out (n x cols, or n elements for 1-D). */
int mat_take_rows_check(const mat *m, const size_t *idx, size_t n);
mat_shape mat_take_rows_shape(const mat *m, size_t n);
void mat_take_rows(mat *out, const mat *m, const size_t *idx, size_t n);

/* Writes column j of a 2-D m into out (1-D, rows elements). */
void mat_col(mat *out, const mat *m, size_t j);

/* Writes row i of a 2-D m into out (1-D, cols elements). */
void mat_row(mat *out, const mat *m, size_t i);

/* Writes the block rows [r0, r1) of m into out (numpy m[r0:r1]). */
void mat_slice_rows(mat *out, const mat *m, size_t r0, size_t r1);

/*
** hstack / vstack of n arrays, as numpy: 1-D arrays hstack end to end and
** vstack as rows; 2-D arrays must agree on the other dimension.
*/
int mat_hstack_shape(const mat *const *ms, size_t n, mat_shape *out);
void mat_hstack(mat *out, const mat *const *ms, size_t n);
int mat_vstack_shape(const mat *const *ms, size_t n, mat_shape *out);
void mat_vstack(mat *out, const mat *const *ms, size_t n);

/* --- element-wise arithmetic with numpy broadcasting ---------------------- */

typedef enum mat_binop {
	MAT_ADD, MAT_SUB, MAT_MUL, MAT_DIV, MAT_POW, MAT_MAXIMUM, MAT_MINIMUM,
	MAT_LT, MAT_LE, MAT_GT, MAT_GE, MAT_EQ, MAT_NE
} mat_binop;

/*
** Computes the broadcast shape of a and b into *out: equal shapes, a 0-D
** operand, a row (1 x n or n) against m x n, a column (m x 1) against m x n,
** and a column against a row (m x 1 with n -> m x n).  Returns MAT_ESHAPE
** when numpy would refuse.
*/
int mat_broadcast_shape(const mat *a, const mat *b, mat_shape *out);

/*
** out = a op b element-wise with broadcasting.  out may alias a or b when
** it has that operand's shape.  Comparisons give 1.0/0.0 and set isint.
*/
void mat_binary(mat *out, const mat *a, const mat *b, mat_binop op);

typedef enum mat_unop {
	MAT_NEG, MAT_EXP, MAT_LOG, MAT_ABS, MAT_SQRT, MAT_TANH, MAT_SIGMOID,
	MAT_RELU, MAT_SIGN, MAT_FLOOR, MAT_CEIL, MAT_ROUND, MAT_SQUARE
} mat_unop;

/* out = f(a) element-wise (same shape; out may alias a). */
void mat_unary(mat *out, const mat *a, mat_unop op);

/* out = clip(a, lo, hi) element-wise (out may alias a). */
void mat_clip(mat *out, const mat *a, double lo, double hi);

/* --- products and reductions --------------------------------------------- */

/*
** numpy.dot: 1-D . 1-D -> 0-D; 2-D . 2-D -> matrix; 2-D . 1-D -> 1-D;
** 1-D . 2-D -> 1-D; a 0-D operand scales.  out must not alias a or b.
** mat_dot returns MAT_OK, or MAT_ECANCEL when cancel_check() stopped it
** (it asks about once a millisecond of work; out is then incomplete).
*/
int mat_dot_shape(const mat *a, const mat *b, mat_shape *out);
int mat_dot(mat *out, const mat *a, const mat *b);

/*
** The instruction set of the wide products (mat_dot, Dense layers wider
** than 8): "avx512", "avx2", "sse2" or "scalar", the best this CPU runs
** unless mat_kernels_use chose another.  Every one gives the same numbers
** bit for bit; only the time differs.
*/
const char *mat_kernels(void);

/* Makes the wide products use the named set; returns 0, or -1 when unknown or not on this CPU. */
int mat_kernels_use(const char *name);

typedef enum mat_reduce_op {
	MAT_SUM, MAT_MEAN, MAT_MAX, MAT_MIN, MAT_ARGMAX, MAT_ARGMIN, MAT_STD
} mat_reduce_op;

/*
** axis -1 reduces everything to 0-D; axis 0 reduces down the rows (one
** value per column) and axis 1 across the columns (one per row), both 1-D.
** A 1-D array only takes -1 or 0.  ARGMAX/ARGMIN give 0-based indices
** (over the flattened array for axis -1).  Sums add in numpy's order
** (pairwise for long contiguous runs) so results match numpy bit for bit.
** Returns MAT_EARG for a bad axis or an empty reduction of MAX/MIN/ARG*.
*/
int mat_reduce_shape(const mat *m, int axis, mat_shape *out);
int mat_reduce(mat *out, const mat *m, mat_reduce_op op, int axis);

/* numpy's pairwise sum of n doubles spaced `stride` apart. */
double mat_pairwise_sum(const double *x, size_t n, size_t stride);

#endif
