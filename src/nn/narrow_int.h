/*
** narrow_int.h — the Dense loops of narrow layers (at most NARROW units),
** for model_train.c.  They are always inlined with constant widths
** (DENSE_CASES, PAIR_CASES pick the copy), so a layer of the lessons'
** networks runs fully unrolled with its weights and sums in registers.
** Every sum runs in the plain loops' order (tests/nn/test_narrow.c holds
** them to it, bit for bit), so no printed digit depends on which copy ran.
*/
#ifndef NNBOOK_NARROW_INT_H
#define NNBOOK_NARROW_INT_H

#include <stddef.h>

#include "activation.h"
#include "dense_int.h"

#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#if defined(__x86_64__) && !defined(__clang__)
/* the narrow loops' callers, compiled twice; the loader picks the copy (ifunc) */
#define NARROW_CLONES __attribute__((target_clones("avx2", "default")))
#endif
/* Unroll the short loops over a layer's units (4 units: four statements). */
#define UNROLL _Pragma("GCC unroll 8")
#else
#define HOT_INLINE static inline
#define UNROLL
#endif
#ifndef NARROW_CLONES
#define NARROW_CLONES
#endif

/* The activations fused into the Dense loops; others run as a pass after. */
enum { FUSE_LINEAR, FUSE_RELU };

static inline int fusable(nn_act a)
{
	return a == NN_ACT_LINEAR || a == NN_ACT_RELU;
}

/*
** z = x.W + b for the n rows of x at base, then relu when `fuse` says
** so.  The products are summed first and the bias added last, as numpy's
** dot(x, W) + b does.  Always inlined with
** constant u and fuse, so a narrow layer's loops unroll completely and
** its weights stay in registers across the rows (hence restrict).
*/
HOT_INLINE void dense_rows(const double *restrict W, const double *restrict b,
                           const double *restrict base, size_t n, double *restrict out,
                           size_t in, size_t u, int fuse)
{
	for (size_t i = 0; i < n; i++) {
		const double *x = base + i * in;
		double *z = out + i * u;
		double a = x[0];
		UNROLL
		for (size_t j = 0; j < u; j++)
			z[j] = a * W[j];
		for (size_t k = 1; k < in; k++) {
			const double *w = W + k * u;
			a = x[k];
			UNROLL
			for (size_t j = 0; j < u; j++)
				z[j] += a * w[j];
		}
		UNROLL
		for (size_t j = 0; j < u; j++) {
			double v = z[j] + b[j];
			z[j] = fuse == FUSE_RELU ? nn__keep_if(!(v < 0), v) : v;
		}
	}
}

#define DENSE_CASES(call, arg) \
	switch (L->units) { \
	case 1: call(1, arg); break; \
	case 2: call(2, arg); break; \
	case 3: call(3, arg); break; \
	case 4: call(4, arg); break; \
	case 8: call(8, arg); break; \
	default: call(L->units, arg); break; \
	}

/*
** The same for the pairs (input, units) of the lessons' networks, where
** both loops unroll and every sum stays in a register; other pairs get
** the width's copy with a counted loop over the inputs.
*/
#define IN_CASES(call, u, arg) \
	switch (L->in) { \
	case 1: call(1, u, arg); break; \
	case 2: call(2, u, arg); break; \
	case 3: call(3, u, arg); break; \
	case 4: call(4, u, arg); break; \
	default: call(L->in, u, arg); break; \
	}
#define PAIR_CASES(call, arg) \
	switch (L->units) { \
	case 1: IN_CASES(call, 1, arg) break; \
	case 2: IN_CASES(call, 2, arg) break; \
	case 3: IN_CASES(call, 3, arg) break; \
	case 4: IN_CASES(call, 4, arg) break; \
	case 8: IN_CASES(call, 8, arg) break; \
	default: call(L->in, L->units, arg); break; \
	}

/* Widths up to this keep their sums in registers; wider ones run dense.c's tiles. */
#define NARROW 8

/* Where dense_back_rows sends the gradient of the layer's input. */
enum { DX_NONE, DX_LINEAR, DX_RELU };

/*
** dx_i = dz_i . W^T for the rows i0 <= i < i1 of a narrow layer (each
** sum over j in order; with DX_RELU, +0.0 where x is not > 0), with the
** kernel held in registers across the rows when in and u are constants.
*/
HOT_INLINE void narrow_dx(const double *restrict W, const double *restrict D,
                          const double *restrict base, double *restrict dx, size_t in,
                          size_t u, int dxk, size_t i0, size_t i1)
{
	u = u < NARROW ? u : NARROW;
	for (size_t i = i0; i < i1; i++) {
		const double *dz = D + i * u, *x = base + i * in;
		UNROLL
		for (size_t k = 0; k < in; k++) {
			const double *w = W + k * u;
			double s = dz[0] * w[0];
			UNROLL
			for (size_t j = 1; j < u; j++)
				s += dz[j] * w[j];
			dx[i * in + k] = dxk == DX_RELU ? nn__keep_if(x[k] > 0, s) : s;
		}
	}
}

/*
** A layer's backward step for n rows of dz = D:
**   gb = sum_i dz_i,  gW[k] = sum_i x_i[k] dz_i   (written, not added to)
** for the kernel rows k0 <= k < k1 (k == in is the bias, x = 1), then
** dx_i = dz_i . W^T for the rows i0 <= i < i1, unless dxk is DX_NONE; with
** DX_RELU it is passed back through the relu that produced x (zero where x
** is not > 0), which saves the previous layer a pass of its own.
** Each sum runs over the rows in order, so the result depends neither on
** the width nor on how the ranges are split.  Only narrow layers (u <=
** NARROW) come here; they sum in local accumulators (registers, once
** unrolled).
*/
HOT_INLINE void dense_back_rows(const double *restrict W, double *restrict gW,
                                const double *restrict base, size_t n,
                                const double *restrict D, double *restrict dx,
                                size_t in, size_t u, int dxk, size_t k0, size_t k1,
                                size_t i0, size_t i1)
{
	double acc[NARROW] = {0};
	u = u < NARROW ? u : NARROW; /* wider layers run dense.c's tiles; this tells the compiler */
	double *gb = gW + in * u;
	for (size_t k = k0; k < k1; k++) {
		double *g = acc;
		UNROLL
		for (size_t j = 0; j < u; j++)
			g[j] = 0.0;
		for (size_t i = 0; i < n; i++) {
			const double *dz = D + i * u;
			if (k == in) {
				UNROLL
				for (size_t j = 0; j < u; j++)
					g[j] += dz[j];
				continue;
			}
			double a = base[i * in + k];
			UNROLL
			for (size_t j = 0; j < u; j++)
				g[j] += a * dz[j];
		}
		double *dst = k < in ? gW + k * u : gb;
		UNROLL
		for (size_t j = 0; j < u; j++)
			dst[j] = g[j];
	}
	if (dxk != DX_NONE)
		narrow_dx(W, D, base, dx, in, u, dxk, i0, i1);
}

/*
** A narrow layer's whole gradient in one pass over the rows: every sum
** gW[k][j] (and the bias's, k == in) has its own accumulator, each row's
** dz is read once, and with constant in and u all of them stay in
** registers.  Each sum still runs over the rows in order from 0.0, so the
** bits are dense_back_rows' (the bias adds dz itself, as it does).
*/
HOT_INLINE void narrow_grad(double *restrict gW, const double *restrict base, size_t n,
                            const double *restrict D, size_t in, size_t u)
{
	double acc[(NARROW + 1) * NARROW];
	in = in < NARROW ? in : NARROW;
	u = u < NARROW ? u : NARROW;
	for (size_t k = 0; k < (in + 1) * u; k++)
		acc[k] = 0.0;
	for (size_t i = 0; i < n; i++) {
		const double *dz = D + i * u, *x = base + i * in;
		UNROLL
		for (size_t k = 0; k < in; k++) {
			double a = x[k];
			UNROLL
			for (size_t j = 0; j < u; j++)
				acc[k * u + j] += a * dz[j];
		}
		UNROLL
		for (size_t j = 0; j < u; j++)
			acc[in * u + j] += dz[j];
	}
	for (size_t k = 0; k < (in + 1) * u; k++)
		gW[k] = acc[k];
}

#endif
