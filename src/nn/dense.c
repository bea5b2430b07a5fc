/*
** dense.c — the wide matrix kernels (dense_int.h): one copy of the tiled
** loops per instruction set, the plain loops for what the tiles leave
** (and for machines without vectors), and the choice between them, made
** once from what the CPU says it runs.
*/
#include "dense_int.h"

#include "matrix.h"

#include <string.h>

/* Columns j0 <= j < j1 of Z, one element at a time in the tiles' order. */
static void fwd_scalar(const double *W, const double *b, const double *X, size_t n, size_t in,
                       size_t u, double *Z, int flags, size_t j0, size_t j1)
{
	for (size_t i = 0; i < n; i++) {
		const double *x = X + i * in;
		for (size_t j = j0; j < j1; j++) {
			double s = x[0] * W[j];
			if (flags & DENSE_ZERO_START)
				s = 0.0 + s;
			for (size_t k = 1; k < in; k++)
				s += x[k] * W[k * u + j];
			if (b)
				s = s + b[j];
			Z[i * u + j] = flags & DENSE_RELU ? nn__keep_if(!(s < 0), s) : s;
		}
	}
}

/* Columns j0 <= j < u of the gradient rows k0 <= k < k1, in the tiles' order. */
static void grad_scalar(const double *X, const double *D, size_t n, size_t in, size_t u,
                        double *gW, size_t k0, size_t k1, size_t j0)
{
	for (size_t k = k0; k < k1; k++)
		for (size_t j = j0; j < u; j++) {
			double s = 0.0;
			for (size_t i = 0; i < n; i++)
				s += k < in ? X[i * in + k] * D[i * u + j] : D[i * u + j];
			gW[k * u + j] = s;
		}
}

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define DENSE_X86 1

#define DT(name) name##_sse2
#define DT_TARGET __attribute__((target("sse2")))
#define DT_VL 2
#define DT_NV 2
#define DT_R 4
#include "dense_tile_int.h"
#undef DT
#undef DT_TARGET
#undef DT_VL
#undef DT_NV
#undef DT_R

#define DT(name) name##_avx2
#define DT_TARGET __attribute__((target("avx2")))
#define DT_VL 4
#define DT_NV 3
#define DT_R 4
#include "dense_tile_int.h"
#undef DT
#undef DT_TARGET
#undef DT_VL
#undef DT_NV
#undef DT_R

#define DT(name) name##_avx512
#define DT_TARGET __attribute__((target("avx512f")))
#define DT_VL 8
#define DT_NV 4
#define DT_R 6
#include "dense_tile_int.h"
#undef DT
#undef DT_TARGET
#undef DT_VL
#undef DT_NV
#undef DT_R
#else
#define DENSE_X86 0
#endif

typedef void (*fwd_fn)(const double *, const double *, const double *, size_t, size_t, size_t,
                       double *, size_t, size_t, int);
typedef void (*grad_fn)(const double *, const double *, size_t, size_t, size_t, double *,
                        size_t, size_t);

static const struct {
	const char *name;
	size_t width;       /* doubles per vector (0: no vectors) */
	fwd_fn fwd;
	grad_fn grad;
} variants[DENSE_NVARIANTS] = {
	[DENSE_SCALAR] = {"scalar", 0, NULL, NULL},
#if DENSE_X86
	[DENSE_SSE2] = {"sse2", 2, fwd_sse2, grad_sse2},
	[DENSE_AVX2] = {"avx2", 4, fwd_avx2, grad_avx2},
	[DENSE_AVX512] = {"avx512", 8, fwd_avx512, grad_avx512},
#endif
};

static int chosen = -1;

/* Whether this CPU runs variant v. */
static int runs(int v)
{
	if (v == DENSE_SCALAR)
		return 1;
	if (v < 0 || v >= DENSE_NVARIANTS || !variants[v].fwd)
		return 0;
#if DENSE_X86
	__builtin_cpu_init();
	switch (v) {
	case DENSE_SSE2: return __builtin_cpu_supports("sse2");
	case DENSE_AVX2: return __builtin_cpu_supports("avx2");
	case DENSE_AVX512: return __builtin_cpu_supports("avx512f");
	}
#endif
	return 0;
}

int nn__dense_variant(void)
{
	if (chosen < 0) {
		int v = DENSE_NVARIANTS - 1;
		while (v > 0 && !runs(v))
			v--;
		chosen = v;
	}
	return chosen;
}

int nn__dense_use(int v)
{
	if (!runs(v))
		return -1;
	chosen = v;
	return 0;
}

const char *nn__dense_name(int v)
{
	return v >= 0 && v < DENSE_NVARIANTS && variants[v].name ? variants[v].name : "?";
}

void nn__dense_fwd_part(const double *W, const double *b, const double *X, size_t n, size_t in,
                        size_t u, double *Z, int flags, size_t j0, size_t j1)
{
	int v = nn__dense_variant();
	size_t vl = variants[v].width, full = vl ? j0 + (j1 - j0) / vl * vl : j0;
	if (n == 0 || in == 0 || j0 >= j1)
		return;
	if (full > j0)
		variants[v].fwd(W, b, X, n, in, u, Z, j0, full, flags);
	if (full < j1)
		fwd_scalar(W, b, X, n, in, u, Z, flags, full, j1);
}

void nn__dense_fwd(const double *W, const double *b, const double *X, size_t n, size_t in,
                   size_t u, double *Z, int flags)
{
	nn__dense_fwd_part(W, b, X, n, in, u, Z, flags, 0, u);
}

void nn__dense_grad(const double *X, const double *D, size_t n, size_t in, size_t u,
                    double *gW, size_t k0, size_t k1)
{
	int v = nn__dense_variant();
	size_t tw = variants[v].width, full = tw ? u / tw * tw : 0;
	if (full)
		variants[v].grad(X, D, n, in, u, gW, k0, k1);
	if (full < u)
		grad_scalar(X, D, n, in, u, gW, k0, k1, full);
}

void nn__dense_transpose(const double *W, size_t in, size_t u, double *WT)
{
	for (size_t k = 0; k < in; k++)
		for (size_t j = 0; j < u; j++)
			WT[j * in + k] = W[k * u + j];
}

void nn__dense_back_input(const double *WT, const double *D, const double *x, size_t n,
                          size_t in, size_t u, double *dx, int relu)
{
	nn__dense_fwd(WT, NULL, D, n, u, in, dx, 0);
	if (relu)
		for (size_t i = 0; i < n * in; i++)
			dx[i] = nn__keep_if(x[i] > 0, dx[i]);
}

const char *mat_kernels(void)
{
	return nn__dense_name(nn__dense_variant());
}

int mat_kernels_use(const char *name)
{
	for (int v = 0; v < DENSE_NVARIANTS; v++)
		if (variants[v].name && name && strcmp(variants[v].name, name) == 0)
			return nn__dense_use(v);
	return -1;
}
