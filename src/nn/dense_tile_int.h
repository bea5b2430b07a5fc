/*
** dense_tile_int.h — one variant of the tiled kernels (dense_int.h),
** included by dense.c once per instruction set with:
**
**   DT(name)   the variant's name for `name` (fwd_avx2, ...)
**   DT_TARGET  the function attribute selecting the instruction set
**   DT_VL      doubles per vector;  DT_NV  vectors per tile row
**   DT_R       rows per tile (DT_R * DT_NV sums fit the vector registers)
**
** A tile is up to DT_R rows by DT_VL * DT_NV columns, its sums held in
** registers across a block of k; then tiles of one vector; columns left
** at the right edge (fewer than DT_VL) are the caller's (dense.c's scalar
** loops, in the same order).  Vectors are GCC's vector extensions, loaded
** and stored through an 8-byte-aligned type, so rows need no alignment.
*/

typedef double DT(vd) __attribute__((vector_size(8 * DT_VL)));
typedef double DT(vdu) __attribute__((vector_size(8 * DT_VL), aligned(8)));
typedef long long DT(vm) __attribute__((vector_size(8 * DT_VL)));

#define DT_TW (DT_VL * DT_NV)
#define DT_KB 64   /* kernel rows packed at a time: DT_KB * DT_TW doubles on the stack */
/* The row and vector loops must unroll: only then do the sums live in registers. */
#define DT_UNROLL _Pragma("GCC unroll 8")
#define DT_LOAD(p) (*(const DT(vdu) *)(p))
#define DT_STORE(p, v) (*(DT(vdu) *)(p) = (v))

/*
** R rows (at X, Z) by NV vectors of columns at j0, for the kernel rows
** k0 <= k < k1 at P (pw doubles a row: packed, or W itself).  The first
** block starts from the first product; a later one from the partial sums
** the one before left in Z (stored and reloaded exactly); the last adds
** the bias and relu (dense_int.h's flags).
*/
DT_TARGET static inline __attribute__((always_inline)) void
DT(fwd_tile)(const double *restrict P, const double *restrict b, const double *restrict X,
             size_t in, size_t u, double *restrict Z, size_t j0, size_t k0, size_t k1,
             size_t pw, int R, int NV, int flags)
{
	DT(vd) acc[DT_R][DT_NV], zero = {0};
	size_t k = k0;
	DT_UNROLL
	for (int r = 0; r < R; r++)
		DT_UNROLL
		for (int v = 0; v < NV; v++) {
			if (k0 > 0) {
				acc[r][v] = DT_LOAD(Z + r * u + j0 + v * DT_VL);
				continue;
			}
			acc[r][v] = X[r * in] * DT_LOAD(P + v * DT_VL);
			if (flags & DENSE_ZERO_START)
				acc[r][v] = zero + acc[r][v];
		}
	if (k0 == 0)
		k++;
	for (; k < k1; k++) {
		DT(vd) w[DT_NV];
		DT_UNROLL
		for (int v = 0; v < NV; v++)
			w[v] = DT_LOAD(P + (k - k0) * pw + v * DT_VL);
		DT_UNROLL
		for (int r = 0; r < R; r++) {
			double a = X[r * in + k];
			DT_UNROLL
			for (int v = 0; v < NV; v++) {
				DT(vd) p = a * w[v];
				acc[r][v] += p;
			}
		}
	}
	DT_UNROLL
	for (int r = 0; r < R; r++)
		DT_UNROLL
		for (int v = 0; v < NV; v++) {
			DT(vd) t = acc[r][v];
			if (k1 == in && b)
				t = t + DT_LOAD(b + j0 + v * DT_VL);
			if (k1 == in && (flags & DENSE_RELU))
				t = (DT(vd))((DT(vm))t & ~(DT(vm))(t < zero));
			DT_STORE(Z + r * u + j0 + v * DT_VL, t);
		}
}

/*
** All rows of Z for NV vectors of columns at j0.  The kernel's columns
** are copied to P a block of DT_KB rows at a time: rows of W lie u
** doubles apart, and for a power-of-two width they would all fall in the
** same few cache sets.  A call of a row or two (a huge product checking
** for a stop after each row) reads W in place: copying would cost as much
** as the products.
*/
DT_TARGET static inline __attribute__((always_inline)) void
DT(fwd_cols)(const double *W, const double *b, const double *X, size_t n, size_t in, size_t u,
             double *Z, size_t j0, int NV, const int flags)
{
	double buf[DT_KB * DT_TW] __attribute__((aligned(64)));
	int pack = n >= 2 * DT_R;
	size_t pw = pack ? (size_t)NV * DT_VL : u;
	for (size_t k0 = 0; k0 < in; k0 += DT_KB) {
		size_t k1 = in - k0 < DT_KB ? in : k0 + DT_KB;
		const double *P = pack ? buf : W + k0 * u + j0;
		for (size_t k = k0; pack && k < k1; k++)
			memcpy(buf + (k - k0) * pw, W + k * u + j0, pw * sizeof *buf);
		size_t i = 0;
		for (; i + DT_R <= n; i += DT_R)
			DT(fwd_tile)(P, b, X + i * in, in, u, Z + i * u, j0, k0, k1, pw, DT_R, NV, flags);
		for (; i < n; i++)
			DT(fwd_tile)(P, b, X + i * in, in, u, Z + i * u, j0, k0, k1, pw, 1, NV, flags);
	}
}

/* Z's columns js <= j < je (a whole number of vectors): full tiles, then single vectors. */
DT_TARGET static inline __attribute__((always_inline)) void
DT(fwd_rows)(const double *W, const double *b, const double *X, size_t n, size_t in, size_t u,
             double *Z, size_t js, size_t je, const int flags)
{
	size_t j0 = js;
	for (; j0 + DT_TW <= je; j0 += DT_TW)
		DT(fwd_cols)(W, b, X, n, in, u, Z, j0, DT_NV, flags);
	for (; j0 + DT_VL <= je; j0 += DT_VL)
		DT(fwd_cols)(W, b, X, n, in, u, Z, j0, 1, flags);
}

/* One copy of the loops per combination of flags, so no flag is tested inside them. */
DT_TARGET static void DT(fwd)(const double *W, const double *b, const double *X, size_t n,
                              size_t in, size_t u, double *Z, size_t js, size_t je, int flags)
{
	switch (flags & (DENSE_RELU | DENSE_ZERO_START)) {
	case 0: DT(fwd_rows)(W, b, X, n, in, u, Z, js, je, 0); break;
	case DENSE_RELU: DT(fwd_rows)(W, b, X, n, in, u, Z, js, je, DENSE_RELU); break;
	case DENSE_ZERO_START: DT(fwd_rows)(W, b, X, n, in, u, Z, js, je, DENSE_ZERO_START); break;
	default: DT(fwd_rows)(W, b, X, n, in, u, Z, js, je, DENSE_RELU | DENSE_ZERO_START); break;
	}
}

/*
** R kernel rows at k0 by one tile of columns at j0: sums over the batch's
** rows in order, from 0.0.  bias: the bias row (no input factor).
*/
DT_TARGET static inline __attribute__((always_inline)) void
DT(grad_tile)(const double *restrict X, const double *restrict D, size_t n, size_t in, size_t u,
              double *restrict gW, size_t k0, size_t j0, int R, int NV, int bias)
{
	DT(vd) acc[DT_R][DT_NV];
	DT_UNROLL
	for (int r = 0; r < R; r++)
		DT_UNROLL
		for (int v = 0; v < NV; v++)
			acc[r][v] = (DT(vd)){0};
	for (size_t i = 0; i < n; i++) {
		DT(vd) d[DT_NV];
		DT_UNROLL
		for (int v = 0; v < NV; v++)
			d[v] = DT_LOAD(D + i * u + j0 + v * DT_VL);
		DT_UNROLL
		for (int r = 0; r < R; r++) {
			if (bias) {
				DT_UNROLL
				for (int v = 0; v < NV; v++)
					acc[r][v] += d[v];
				continue;
			}
			double a = X[i * in + k0 + r];
			DT_UNROLL
			for (int v = 0; v < NV; v++) {
				DT(vd) p = a * d[v];
				acc[r][v] += p;
			}
		}
	}
	DT_UNROLL
	for (int r = 0; r < R; r++)
		DT_UNROLL
		for (int v = 0; v < NV; v++)
			DT_STORE(gW + (k0 + r) * u + j0 + v * DT_VL, acc[r][v]);
}

/* gW's full tiles of columns for kernel rows k0 <= k < k1 (k == in: the bias). */
DT_TARGET static void DT(grad)(const double *X, const double *D, size_t n, size_t in, size_t u,
                               double *gW, size_t k0, size_t k1)
{
	size_t kin = k1 < in ? k1 : in, j0 = 0;
	for (; j0 + DT_TW <= u; j0 += DT_TW) {
		size_t k = k0;
		for (; k + DT_R <= kin; k += DT_R)
			DT(grad_tile)(X, D, n, in, u, gW, k, j0, DT_R, DT_NV, 0);
		for (; k < kin; k++)
			DT(grad_tile)(X, D, n, in, u, gW, k, j0, 1, DT_NV, 0);
		if (k1 > in)
			DT(grad_tile)(X, D, n, in, u, gW, in, j0, 1, DT_NV, 1);
	}
	for (; j0 + DT_VL <= u; j0 += DT_VL) {  /* the last few vectors, one at a time */
		size_t k = k0;
		for (; k + DT_R <= kin; k += DT_R)
			DT(grad_tile)(X, D, n, in, u, gW, k, j0, DT_R, 1, 0);
		for (; k < kin; k++)
			DT(grad_tile)(X, D, n, in, u, gW, k, j0, 1, 1, 0);
		if (k1 > in)
			DT(grad_tile)(X, D, n, in, u, gW, in, j0, 1, 1, 1);
	}
}

#undef DT_TW
#undef DT_KB
#undef DT_UNROLL
#undef DT_LOAD
#undef DT_STORE
