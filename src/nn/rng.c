/*
** rng.c — numpy 1.24's legacy RandomState on MT19937, bit for bit.
**
** Every function here mirrors one of numpy's legacy code paths (see
** numerics.md) because a lesson that seeds the generator must print the
** notebook's numbers: the order in which 32-bit words are consumed matters
** as much as the arithmetic done with them.
*/
#include "rng.h"

#include <math.h>

#define MT_N 624
#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfU
#define MT_UPPER 0x80000000U
#define MT_LOWER 0x7fffffffU

/* The twist's conditional xor, written as a mask so the loop has no branch. */
static inline uint32_t mt_mix(uint32_t hi, uint32_t lo, uint32_t far)
{
	uint32_t y = (hi & MT_UPPER) | (lo & MT_LOWER);
	return far ^ (y >> 1) ^ (MT_MATRIX_A & (0U - (y & 1U)));
}

/*
** Regenerates the whole block of 624 words at once (the reference
** generator's layout); the two split loops avoid a modulo per word.
*/
static void mt_twist(rng *r)
{
	uint32_t *k = r->key;
	int i;
	for (i = 0; i < MT_N - MT_M; i++)
		k[i] = mt_mix(k[i], k[i + 1], k[i + MT_M]);
	for (; i < MT_N - 1; i++)
		k[i] = mt_mix(k[i], k[i + 1], k[i + MT_M - MT_N]);
	k[MT_N - 1] = mt_mix(k[MT_N - 1], k[0], k[MT_M - 1]);
	r->pos = 0;
}

/* The hot path every draw goes through; inlined into the callers below. */
static inline uint32_t next32(rng *r)
{
	if (r->pos >= MT_N)
		mt_twist(r);
	uint32_t y = r->key[r->pos++];
	y ^= y >> 11;
	y ^= (y << 7) & 0x9d2c5680U;
	y ^= (y << 15) & 0xefc60000U;
	y ^= y >> 18;
	return y;
}

/* numpy's next_uint64 for MT19937: two words, the first is the high half. */
static inline uint64_t next64(rng *r)
{
	uint64_t hi = next32(r);
	uint64_t lo = next32(r);
	return hi << 32 | lo;
}

/* 53 random bits: 27 from the first word, 26 from the second. */
static inline double next_double(rng *r)
{
	uint32_t a = next32(r) >> 5;
	uint32_t b = next32(r) >> 6;
	return ((double)a * 67108864.0 + (double)b) / 9007199254740992.0;
}

/* Smallest 2^k - 1 that is >= v (v smeared to the right). */
static inline uint64_t smear_mask(uint64_t v)
{
	v |= v >> 1;
	v |= v >> 2;
	v |= v >> 4;
	v |= v >> 8;
	v |= v >> 16;
	v |= v >> 32;
	return v;
}

/*
** Rejection sampling in [0, max] under a bit mask: the path numpy's legacy
** randint (use_masked=True) and shuffle share.  A range that fits 32 bits
** costs one word per try, a wider one two; a full 32-bit range is taken
** as is, without masking, as numpy does (the mask would be a no-op).
*/
static uint64_t masked_draw(rng *r, uint64_t max)
{
	uint64_t mask = smear_mask(max), v;
	if (max == 0)
		return 0;
	if (max <= 0xffffffffU) {
		if (max == 0xffffffffU)
			return next32(r);
		do
			v = next32(r) & mask;
		while (v > max);
	} else {
		if (max == UINT64_MAX)
			return next64(r);
		do
			v = next64(r) & mask;
		while (v > max);
	}
	return v;
}

/*
** The global generator is seeded lazily on first use, so a lesson that
** never calls seed() still gets numpy's seed(0) stream, reproducibly.
*/
rng *rng_global(void)
{
	static rng global;
	static int ready;
	if (!ready) {
		rng_seed(&global, 0);
		ready = 1;
	}
	return &global;
}

/* init_genrand from the reference MT19937, which numpy's seed(int) uses. */
void rng_seed(rng *r, uint32_t s)
{
	r->key[0] = s;
	for (uint32_t i = 1; i < MT_N; i++) {
		uint32_t p = r->key[i - 1];
		r->key[i] = 1812433253U * (p ^ (p >> 30)) + i;
	}
	r->pos = MT_N;
	r->has_gauss = 0;
	r->gauss = 0.0;
}

uint32_t rng_u32(rng *r)
{
	return next32(r);
}

double rng_random(rng *r)
{
	return next_double(r);
}

double rng_uniform(rng *r, double lo, double hi)
{
	double range = hi - lo;
	return lo + range * next_double(r);
}

/*
** Marsaglia's polar method as numpy's legacy_gauss: each accepted pair
** yields two normals, the second kept for the next call.  The cache lives
** in the generator, so uniform draws in between do not disturb it.
*/
double rng_standard_normal(rng *r)
{
	double x1, x2, r2, f;
	if (r->has_gauss) {
		r->has_gauss = 0;
		double g = r->gauss;
		r->gauss = 0.0;
		return g;
	}
	do {
		x1 = 2.0 * next_double(r) - 1.0;
		x2 = 2.0 * next_double(r) - 1.0;
		r2 = x1 * x1 + x2 * x2;
	} while (r2 >= 1.0 || r2 == 0.0);
	f = sqrt(-2.0 * log(r2) / r2);
	r->gauss = f * x1;
	r->has_gauss = 1;
	return f * x2;
}

double rng_normal(rng *r, double loc, double scale)
{
	return loc + scale * rng_standard_normal(r);
}

/*
** numpy works on the inclusive range hi-1-lo in unsigned 64-bit arithmetic,
** which also covers spans wider than INT64_MAX (e.g. lo < 0 < hi).
*/
int64_t rng_randint(rng *r, int64_t lo, int64_t hi)
{
	uint64_t span = (uint64_t)hi - 1U - (uint64_t)lo;
	return (int64_t)((uint64_t)lo + masked_draw(r, span));
}

uint64_t rng_interval(rng *r, uint64_t max)
{
	return masked_draw(r, max);
}

/* permutation(n) is arange(n) shuffled: the Fisher-Yates walk from the top. */
void rng_permutation(rng *r, size_t *idx, size_t n)
{
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (size_t i = n; i-- > 1;) {
		size_t j = (size_t)masked_draw(r, i);
		size_t t = idx[i];
		idx[i] = idx[j];
		idx[j] = t;
	}
}

void rng_swap_rows(double *rows, size_t width, size_t i, size_t j)
{
	double *a = rows + i * width, *b = rows + j * width;
	for (size_t c = 0; c < width; c++) {
		double t = a[c];
		a[c] = b[c];
		b[c] = t;
	}
}

/*
** numpy shuffles a 2-D array by whole rows with the same draws as a 1-D
** array of that length; it copies even when i == j, which changes nothing.
*/
void rng_shuffle_rows(rng *r, double *rows, size_t n, size_t width)
{
	for (size_t i = n; i-- > 1;) {
		size_t j = (size_t)masked_draw(r, i);
		if (j != i)
			rng_swap_rows(rows, width, i, j);
	}
}
