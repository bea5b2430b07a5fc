/*
** matrix_gen.h — the input generator tests/fixtures/gen_matrix.py also runs,
** and helpers shared by test_matrix.c and test_matrix_reduce.c.
**
** splitmix64 turned into doubles with exact operations only (a 53-bit
** fraction, 2u - 1 and a power of two), so Python and C make the same bits
** and long fixture arrays need not be stored.
*/
#ifndef NNBOOK_TEST_MATRIX_GEN_H
#define NNBOOK_TEST_MATRIX_GEN_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "matrix.h"

typedef struct gen { uint64_t s; } gen;

static uint64_t gen_next(gen *g)
{
	uint64_t z = (g->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* kind 0: uniform in [-1, 1) times 2^-4..2^3; kind 1: an integer in [-10, 10]. */
static double gen_value(gen *g, int kind)
{
	uint64_t z = gen_next(g);
	if (kind == 1)
		return (double)((z >> 11) % 21) - 10.0;
	double u = (double)(z >> 11) * 0x1p-53;
	return (2.0 * u - 1.0) * ldexp(1.0, (int)(z & 7) - 4);
}

static void gen_fill(double *x, size_t n, unsigned seed, int kind) __attribute__((unused));
static void gen_fill(double *x, size_t n, unsigned seed, int kind)
{
	gen g = {seed};
	for (size_t i = 0; i < n; i++)
		x[i] = gen_value(&g, kind);
}

/* A shape from the fixtures' {ndim, rows, cols}. */
static mat_shape shape3(const size_t s[3])
{
	mat_shape sh = {s[1], s[2], (unsigned char)s[0]};
	return sh;
}

/* Returns a new array of shape s holding v (NULL: zeros). */
static mat *mk(const size_t s[3], const double *v) __attribute__((unused));
static mat *mk(const size_t s[3], const double *v)
{
	mat *m = mat_new(shape3(s));
	if (m && v && mat_size(m))
		memcpy(m->data, v, mat_size(m) * sizeof(double));
	return m;
}

/* Whether m has shape s. */
static int has_shape(const mat *m, const size_t s[3]) __attribute__((unused));
static int has_shape(const mat *m, const size_t s[3])
{
	return m->ndim == s[0] && m->rows == s[1] && m->cols == s[2];
}

/* The same double: equal bits, or both NaN (numpy does not fix a NaN's sign). */
static int same(double a, double b)
{
	if (isnan(a) || isnan(b))
		return isnan(a) && isnan(b);
	return memcmp(&a, &b, sizeof a) == 0;
}

/* Whether got[0..n) and want[0..n) are the same doubles; *at = the first difference. */
static int same_all(const double *got, const double *want, size_t n, size_t *at)
	__attribute__((unused));
static int same_all(const double *got, const double *want, size_t n, size_t *at)
{
	for (size_t i = 0; i < n; i++)
		if (!same(got[i], want[i])) {
			*at = i;
			return 0;
		}
	*at = n;
	return 1;
}

/* The distance in units in the last place (huge for different classes). */
static double ulps(double a, double b)
{
	if (same(a, b) || a == b)
		return 0;
	if (isnan(a) || isnan(b) || isinf(a) || isinf(b) || signbit(a) != signbit(b))
		return INFINITY;
	int64_t ia, ib;
	memcpy(&ia, &a, sizeof a);
	memcpy(&ib, &b, sizeof b);
	return fabs((double)(ia - ib));
}

/* The largest ulps() between got and want. */
static double max_ulps(const double *got, const double *want, size_t n) __attribute__((unused));
static double max_ulps(const double *got, const double *want, size_t n)
{
	double w = 0;
	for (size_t i = 0; i < n; i++) {
		double u = ulps(got[i], want[i]);
		if (u > w)
			w = u;
	}
	return w;
}

#endif
