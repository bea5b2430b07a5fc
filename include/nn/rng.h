/*
** rng.h — numpy's legacy RandomState (MT19937), bit for bit.
**
** A lesson that calls nn.random.seed(1) must draw exactly the numbers
** np.random.seed(1) draws, so every algorithm here follows numpy 1.24's
** legacy code paths (see numerics.md): 53-bit doubles from two words, the
** polar gaussian with its one-value cache, masked rejection for integers.
**
** rng_global() is the generator the nn.random functions use; functions
** that take a `random_state` make their own with rng_new/rng_seed.
*/
#ifndef NNBOOK_RNG_H
#define NNBOOK_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct rng {
	uint32_t key[624];
	int pos;
	int has_gauss;
	double gauss;
} rng;

/* Returns the process-wide generator (seeded with 0 until rng_seed). */
rng *rng_global(void);

/* Seeds r as np.random.seed(s) does; clears the gaussian cache. */
void rng_seed(rng *r, uint32_t s);

/* Returns the next tempered 32-bit word. */
uint32_t rng_u32(rng *r);

/* Returns a double in [0, 1) (random_sample). */
double rng_random(rng *r);

/* Returns lo + (hi-lo)*random_sample(). */
double rng_uniform(rng *r, double lo, double hi);

/* Returns a standard normal draw (legacy polar method, cached pair). */
double rng_standard_normal(rng *r);

/* Returns loc + scale*standard_normal(). */
double rng_normal(rng *r, double loc, double scale);

/*
** Returns an integer in [lo, hi) as randint(lo, hi); hi > lo required.
** Ranges wider than 2^32 draw 64 bits (high word first), as numpy.
*/
int64_t rng_randint(rng *r, int64_t lo, int64_t hi);

/* Returns an integer in [0, max] by masked rejection (numpy's interval). */
uint64_t rng_interval(rng *r, uint64_t max);

/* Swaps rows i and j of a row-major block of `width` doubles per row. */
void rng_swap_rows(double *rows, size_t width, size_t i, size_t j);

/* Fills idx[0..n-1] with numpy's permutation(n) (0-based). */
void rng_permutation(rng *r, size_t *idx, size_t n);

/*
** Shuffles n rows of `width` doubles each in place, as numpy's shuffle on
** an array of that many rows (a 1-D array has width 1).
*/
void rng_shuffle_rows(rng *r, double *rows, size_t n, size_t width);

#endif
