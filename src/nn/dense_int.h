/*
** dense_int.h — the wide matrix kernels behind Dense layers and nn.dot:
** register tiles of a few rows by a few vectors of columns, in the widest
** vectors the machine has (AVX-512, AVX2 or SSE2, chosen at run time, so
** one binary runs everywhere).
**
** Every output element is summed in the same order as the plain loops
** (k = 0, 1, ... for a product, row by row for a gradient sum), and the
** build forbids fused multiply-adds (-ffp-contract=off), so the tiles give
** the plain loops' numbers bit for bit, whatever the variant: the lanes
** only compute independent elements side by side.
*/
#ifndef NNBOOK_DENSE_INT_H
#define NNBOOK_DENSE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
** keep ? v : +0.0 without a branch.  relu's tests follow random data, and
** a mispredicted branch per element costs more than the layer's
** arithmetic.  The vector tiles mask the same bits.
*/
static inline double nn__keep_if(int keep, double v)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	bits &= -(uint64_t)(keep != 0);
	memcpy(&v, &bits, sizeof v);
	return v;
}

/* What nn__dense_fwd adds to the products. */
enum {
	DENSE_RELU = 1,       /* max(z, 0) as keep_if(!(z < 0)): NaN and -0 stay */
	DENSE_ZERO_START = 2  /* sums start at 0.0 + the first product, as numpy's dot */
};

/* The kernel variants, best last; nn__dense_variant picks one. */
enum { DENSE_SCALAR, DENSE_SSE2, DENSE_AVX2, DENSE_AVX512, DENSE_NVARIANTS };

/*
** Z = X.W (+ b) (relu) for the n rows of X (n x in, row-major) and W
** (in x u); b may be NULL.  Z is n x u and must not overlap X or W.
*/
void nn__dense_fwd(const double *W, const double *b, const double *X, size_t n, size_t in,
                   size_t u, double *Z, int flags);

/* nn__dense_fwd for Z's columns j0 <= j < j1 only (a huge product checks for a stop between parts). */
void nn__dense_fwd_part(const double *W, const double *b, const double *X, size_t n, size_t in,
                        size_t u, double *Z, int flags, size_t j0, size_t j1);

/*
** The gradient sums of a Dense layer for the kernel rows k0 <= k < k1
** (k == in is the bias): gW[k][j] = 0.0 + sum over rows i in order of
** X[i][k] D[i][j] (D[i][j] alone for the bias).  D is n x u.
*/
void nn__dense_grad(const double *X, const double *D, size_t n, size_t in, size_t u,
                    double *gW, size_t k0, size_t k1);

/* WT = W transposed: W is in x u, WT u x in (no overlap). */
void nn__dense_transpose(const double *W, size_t in, size_t u, double *WT);

/*
** The gradient of a Dense layer's input for n rows: dx = D.W^T (each
** element summed over j in order from the first product), with WT from
** nn__dense_transpose; with relu, taken back through the relu that made x
** (+0.0 where x is not > 0).  x and dx are n x in, D is n x u.
*/
void nn__dense_back_input(const double *WT, const double *D, const double *x, size_t n,
                          size_t in, size_t u, double *dx, int relu);

/* The variant in use (the best the CPU runs, unless a test chose one). */
int nn__dense_variant(void);

/* Makes the kernels use variant v when the CPU runs it; returns 0, or -1 when it does not. */
int nn__dense_use(int v);

/* The variant's name for benchmarks and tests: "avx512", "avx2", "sse2", "scalar". */
const char *nn__dense_name(int v);

#endif
