/*
** test_rng.c — the generator against numpy 1.24's legacy RandomState.
**
** The first block is numerics.md's table, typed in by hand; the rest comes
** from tests/fixtures/gen_rng.py (fixtures/rng_vectors.h).  Every value is
** compared exactly: bit-for-bit fidelity is the point of this module.
*/
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "rng.h"
#include "tap.h"
#include "fixtures/rng_vectors.h"

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static int all_u32(rng *r, const uint32_t *want, size_t n)
{
	int good = 1;
	for (size_t i = 0; i < n; i++)
		good &= rng_u32(r) == want[i];
	return good;
}

static int all_doubles(const double *got, const double *want, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i]) {
			printf("#   [%zu] got %.17g want %.17g\n", i, got[i], want[i]);
			return 0;
		}
	return 1;
}

static int randint_run(uint32_t seed, int64_t lo, int64_t hi, const int64_t *want, size_t n)
{
	rng r;
	rng_seed(&r, seed);
	for (size_t i = 0; i < n; i++) {
		int64_t v = rng_randint(&r, lo, hi);
		if (v != want[i]) {
			printf("#   [%zu] got %lld want %lld\n", i, (long long)v, (long long)want[i]);
			return 0;
		}
	}
	return 1;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs before anything else touches the global generator. */
static void test_global(void)
{
	rng *g = rng_global();
	ok(g == rng_global(), "rng_global returns one generator");
	ok(rng_u32(g) == U32_SEED0[0] && rng_u32(g) == U32_SEED0[1],
	   "unseeded global generator starts as seed(0)");
	rng_seed(g, 1);
	ok(rng_u32(rng_global()) == 1791095845U, "seeding the global generator sticks");
}

static void test_table(void)
{
	rng r;
	double d[6];

	rng_seed(&r, 1);
	static const uint32_t u1[] = {1791095845U, 4282876139U, 3093770124U, 4005303368U, 491263U};
	ok(all_u32(&r, u1, 5), "seed(1) u32 x5");

	rng_seed(&r, 1);
	static const double rs1[] = {0.417022004702574, 0.7203244934421581,
		0.00011437481734488664, 0.30233257263183977, 0.14675589081711304};
	for (int i = 0; i < 5; i++)
		d[i] = rng_random(&r);
	ok(all_doubles(d, rs1, 5), "seed(1) random_sample x5");

	rng_seed(&r, 1);
	static const double un1[] = {-0.165955990594852, 0.4406489868843162, -0.9997712503653102};
	for (int i = 0; i < 3; i++)
		d[i] = rng_uniform(&r, -1.0, 1.0);
	ok(all_doubles(d, un1, 3), "seed(1) uniform(-1, 1, (3, 1))");

	rng_seed(&r, 0);
	static const double rn0[] = {1.764052345967664, 0.4001572083672233, 0.9787379841057392,
		2.240893199201458, 1.8675579901499675, -0.977277879876411};
	for (int i = 0; i < 6; i++)
		d[i] = rng_standard_normal(&r);
	ok(all_doubles(d, rn0, 6), "seed(0) randn x6");

	static const int64_t ri0[] = {45, 48, 65, 68, 68, 10};
	ok(randint_run(0, 1, 100, ri0, 6), "seed(0) randint(1, 100, 6)");
	static const int64_t ri1[] = {38, 13, 73, 10, 76, 6};
	ok(randint_run(1, 1, 100, ri1, 6), "seed(1) randint(1, 100, (3, 2))");

	size_t p[10];
	static const size_t p1[] = {2, 9, 6, 4, 0, 3, 1, 7, 8, 5};
	static const size_t p0[] = {2, 8, 4, 9, 1, 6, 7, 3, 0, 5};
	rng_seed(&r, 1);
	rng_permutation(&r, p, 10);
	ok(memcmp(p, p1, sizeof p) == 0, "seed(1) permutation(10)");
	rng_seed(&r, 0);
	rng_permutation(&r, p, 10);
	ok(memcmp(p, p0, sizeof p) == 0, "seed(0) permutation(10)");
}

static void test_streams(void)
{
	rng r;
	double d[10];

	rng_seed(&r, 0);
	ok(all_u32(&r, U32_SEED0, LEN(U32_SEED0)), "seed(0) u32 x8");
	rng_seed(&r, UINT32_MAX);
	ok(all_u32(&r, U32_SEED_MAX, LEN(U32_SEED_MAX)), "seed(2^32-1) u32 x5");

	rng_seed(&r, 12345);
	uint32_t w[10001];
	for (size_t i = 0; i < LEN(w); i++)
		w[i] = rng_u32(&r);
	ok(w[623] == U32_12345_AT[0] && w[624] == U32_12345_AT[1] && w[625] == U32_12345_AT[2],
	   "seed(12345) words 624..626 (across the first twist)");
	ok(w[9999] == U32_12345_AT[3], "seed(12345) 10,000th word");
	ok(w[10000] == U32_12345_AT[4], "seed(12345) 10,001st word");

	rng_seed(&r, 12345);
	double first = rng_random(&r), second = rng_random(&r), last = 0;
	for (int i = 2; i < 5000; i++)
		last = rng_random(&r);
	is_num(first, RS_12345_AT[0], 0, "seed(12345) random_sample #1");
	is_num(second, RS_12345_AT[1], 0, "seed(12345) random_sample #2");
	is_num(last, RS_12345_AT[2], 0, "seed(12345) random_sample #5000");

	rng_seed(&r, 42);
	for (int i = 0; i < 10; i++)
		d[i] = rng_random(&r);
	ok(all_doubles(d, RS_SEED42, 10), "seed(42) random_sample x10");

	rng_seed(&r, 3);
	for (int i = 0; i < 5; i++)
		d[i] = rng_uniform(&r, -1.7, 2.8);
	for (int i = 5; i < 8; i++)
		d[i] = rng_uniform(&r, 3, 6.5);
	ok(all_doubles(d, UNIFORM_SEED3, 8), "seed(3) uniform(-1.7, 2.8) x5, uniform(3, 6.5) x3");
}

static void test_normal(void)
{
	rng r;
	double d[10];

	rng_seed(&r, 1);
	for (int i = 0; i < 10; i++)
		d[i] = rng_standard_normal(&r);
	ok(all_doubles(d, RANDN_SEED1, 10), "seed(1) randn x10");

	rng_seed(&r, 7);
	double g999 = 0, g1000;
	for (int i = 0; i < 1000; i++)
		g999 = rng_standard_normal(&r);
	g1000 = rng_standard_normal(&r);
	is_num(g999, RANDN_SEED7_AT[0], 0, "seed(7) randn #1000 (cached half)");
	is_num(g1000, RANDN_SEED7_AT[1], 0, "seed(7) randn #1001 (fresh pair)");

	rng_seed(&r, 0);
	d[0] = rng_standard_normal(&r);
	ok(r.has_gauss, "a fresh pair leaves one value cached");
	d[1] = rng_random(&r);
	d[2] = rng_standard_normal(&r);
	ok(!r.has_gauss, "returning the cached value empties the cache");
	d[3] = rng_standard_normal(&r);
	d[4] = rng_random(&r);
	ok(all_doubles(d, CACHE_SEED0, 5), "cached gaussian survives a random_sample in between");

	rng_seed(&r, 0);
	d[0] = rng_standard_normal(&r);
	rng_seed(&r, 0);
	ok(!r.has_gauss, "seed clears the cache");
	d[1] = rng_standard_normal(&r);
	ok(all_doubles(d, CACHE_RESEED, 2), "after reseeding randn starts over");

	rng_seed(&r, 5);
	for (int i = 0; i < 3; i++)
		d[i] = rng_normal(&r, 2.5, 0.3);
	for (int i = 3; i < 6; i++)
		d[i] = rng_normal(&r, -1, 4);
	d[6] = rng_normal(&r, 0, 0);
	d[7] = rng_standard_normal(&r);
	ok(all_doubles(d, NORMAL_SEED5, 8), "seed(5) normal(2.5, .3), normal(-1, 4), normal(0, 0), randn");
}

static void test_randint(void)
{
	rng r;

	rng_seed(&r, 9);
	ok(rng_randint(&r, 5, 6) == RANGE1_SEED9[0], "randint(5, 6) is 5");
	ok(rng_u32(&r) == (uint32_t)RANGE1_SEED9[1], "a range of one draws nothing");

	ok(randint_run(9, 0, 2, RANGE2_SEED9, LEN(RANGE2_SEED9)), "randint(0, 2) x16");
	ok(randint_run(9, 0, INT64_C(1) << 31, RANGE2P31_SEED9, 6), "randint(0, 2^31) x6");
	ok(randint_run(9, 0, INT64_C(1) << 32, RANGE2P32_SEED9, 6), "randint(0, 2^32) x6");
	ok(randint_run(9, 0, (INT64_C(1) << 32) + 1, RANGE2P32P1_SEED9, 6),
	   "randint(0, 2^32+1) x6 (64-bit path)");
	ok(randint_run(9, 0, INT64_C(1) << 40, RANGE2P40_SEED9, 6), "randint(0, 2^40) x6");
	ok(randint_run(9, -(INT64_C(1) << 40), INT64_C(1) << 41, RANGENEG40_SEED9, 6),
	   "randint(-2^40, 2^41) x6");
	ok(randint_run(9, INT64_MIN, INT64_MAX, RANGEFULL_SEED9, 6),
	   "randint(-2^63, 2^63-1) x6 (span beyond INT64_MAX)");

	rng_seed(&r, 11);
	int good = 1;
	for (int i = 0; i < 8; i++)
		good &= rng_randint(&r, 10, 20) == RANGELO_SEED11[i];
	for (int i = 8; i < 16; i++)
		good &= rng_randint(&r, -5, 5) == RANGELO_SEED11[i];
	for (int i = 16; i < 24; i++)
		good &= rng_randint(&r, -100, -50) == RANGELO_SEED11[i];
	ok(good, "randint(10, 20), randint(-5, 5), randint(-100, -50) x8 each");

	ok(randint_run(2, 1, 100, RANDINT100_SEED2, LEN(RANDINT100_SEED2)),
	   "seed(2) randint(1, 100, (100, 2))");
}

static void test_permutation(void)
{
	rng r;
	size_t p[100], dummy = 7;

	rng_seed(&r, 4);
	rng_permutation(&r, &dummy, 0);
	rng_permutation(&r, p, 1);
	ok(p[0] == 0 && dummy == 7, "permutation(1) is [0], permutation(0) writes nothing");
	ok(rng_u32(&r) == (uint32_t)PERM01_SEED4[0], "permutation(0) and (1) draw nothing");

	rng_seed(&r, 3);
	rng_permutation(&r, p, 100);
	ok(memcmp(p, PERM100_SEED3, sizeof p) == 0, "seed(3) permutation(100)");
	size_t two[10];
	for (int i = 0; i < 5; i++)
		rng_permutation(&r, two + 2 * i, 2);
	ok(memcmp(two, PERM2_SEED3, sizeof two) == 0, "then permutation(2) x5");

	size_t n = 70000;
	size_t *big = malloc(n * sizeof *big);
	if (!big)
		return;
	rng_seed(&r, 8);
	rng_permutation(&r, big, n);
	ok(big[0] == PERM70000_SEED8[0] && big[1] == PERM70000_SEED8[1] && big[2] == PERM70000_SEED8[2]
	   && big[3] == PERM70000_SEED8[3] && big[4] == PERM70000_SEED8[4]
	   && big[n - 1] == PERM70000_SEED8[5], "seed(8) permutation(70000) ends");
	free(big);

	double a[18], b[6];
	for (int i = 0; i < 18; i++)
		a[i] = i;
	for (int i = 0; i < 6; i++)
		b[i] = i;
	rng_seed(&r, 4);
	rng_shuffle_rows(&r, a, 6, 3);
	ok(all_doubles(a, SHUF2D_SEED4, 18), "seed(4) shuffle of a 6 x 3 array swaps rows");
	rng_seed(&r, 4);
	rng_shuffle_rows(&r, b, 6, 1);
	ok(all_doubles(b, SHUF1D_SEED4, 6), "seed(4) shuffle of a 1-D array of 6");
	int same = 1;
	for (int i = 0; i < 6; i++)
		same &= a[3 * i] == 3 * b[i] && a[3 * i + 1] == 3 * b[i] + 1 && a[3 * i + 2] == 3 * b[i] + 2;
	ok(same, "2-D rows move as the 1-D shuffle of the same length");

	rng_seed(&r, 4);
	rng_permutation(&r, p, 6);
	same = 1;
	for (int i = 0; i < 6; i++)
		same &= (double)p[i] == b[i];
	ok(same, "permutation(n) is shuffle(arange(n))");
}

static void test_interval(void)
{
	rng r, raw;
	int good = 1;

	rng_seed(&r, 6);
	for (size_t i = 0; i < LEN(INTERVAL_MAX); i++) {
		uint64_t v = rng_interval(&r, INTERVAL_MAX[i]);
		if (v != INTERVAL_SEED6[i]) {
			printf("#   interval(%llu) got %llu want %llu\n",
			       (unsigned long long)INTERVAL_MAX[i], (unsigned long long)v,
			       (unsigned long long)INTERVAL_SEED6[i]);
			good = 0;
		}
	}
	ok(good, "interval(max) for 0, 1, 2, 3, 5 .. 2^64-1");

	/* The generator must sit exactly where numpy's did: count the words used. */
	rng_seed(&raw, 6);
	for (long i = 0; i < 400 - INTERVAL_WORDS_LEFT; i++)
		rng_u32(&raw);
	ok(rng_u32(&r) == rng_u32(&raw), "interval() consumed as many words as numpy");

	/* Masking: interval(5) uses mask 7, so no result can exceed 5 and 0..5 all occur. */
	int seen[8] = {0};
	rng_seed(&r, 21);
	for (int i = 0; i < 600; i++)
		seen[rng_interval(&r, 5)]++;
	ok(seen[6] == 0 && seen[7] == 0 && seen[0] && seen[1] && seen[2] && seen[3] && seen[4] && seen[5],
	   "interval(5) covers 0..5 and nothing else");
}

/* 10,000 randn(., 2) draws must cost well under a millisecond. */
static void test_speed(void)
{
	rng r;
	double sum = 0, best = 1e9;
	for (int rep = 0; rep < 5; rep++) {
		rng_seed(&r, 1);
		double t0 = seconds();
		for (int i = 0; i < 20000; i++)
			sum += rng_standard_normal(&r);
		double t = seconds() - t0;
		if (t < best)
			best = t;
	}
	printf("# 20,000 standard normals: %.1f us (best of 5)\n", best * 1e6);
	double best_u = 1e9;
	for (int rep = 0; rep < 5; rep++) {
		rng_seed(&r, 1);
		double t0 = seconds();
		for (int i = 0; i < 100000; i++)
			sum += rng_random(&r);
		double t = seconds() - t0;
		if (t < best_u)
			best_u = t;
	}
	printf("# 100,000 random_sample: %.1f us (best of 5)\n", best_u * 1e6);
	/* Loose bound so sanitizer and valgrind runs pass; the printed figure is the measure. */
	ok(best < 0.05 && sum == sum, "randn is fast (%.0f us for 20,000)", best * 1e6);
}

int main(void)
{
	test_global();
	test_table();
	test_streams();
	test_normal();
	test_randint();
	test_permutation();
	test_interval();
	test_speed();
	return tap_done();
}
