/*
** test_dense.c — the wide products (src/nn/dense.c): every instruction
** set this CPU runs gives the plain loops' numbers bit for bit (mat_dot,
** Dense forward passes, gradients), at odd sizes that leave partial tiles;
** and a wide network predicts fast enough to draw its regions per frame.
*/
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mem.h"
#include "model.h"
#include "tap.h"

static const char *const sets[] = {"scalar", "sse2", "avx2", "avx512"};
#define NSETS (sizeof sets / sizeof *sets)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Values with both signs, some exact zeros and negative zeros, from a fixed generator. */
static void fill(rng *r, double *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double u = rng_uniform(r, -1.0, 1.0);
		x[i] = u > 0.9 ? 0.0 : u < -0.9 ? -0.0 : u;
	}
}

/* numpy's dot as the plain loops sum it: from 0.0, k in order. */
static void naive_dot(const double *a, const double *b, size_t M, size_t K, size_t N, double *o)
{
	for (size_t i = 0; i < M; i++)
		for (size_t j = 0; j < N; j++) {
			double s = 0.0;
			for (size_t k = 0; k < K; k++)
				s += a[i * K + k] * b[k * N + j];
			o[i * N + j] = s;
		}
}

static void test_dot(rng *r, const char *set)
{
	static const size_t dims[][3] = {{1, 1, 8}, {7, 5, 13}, {13, 64, 37}, {6, 130, 70}, {25, 3, 200},
	                                 {14, 3000, 70}};  /* the last in parts of columns */
	for (size_t t = 0; t < sizeof dims / sizeof *dims; t++) {
		size_t M = dims[t][0], K = dims[t][1], N = dims[t][2];
		mat *a = mat_new(mat_shape2(M, K)), *b = mat_new(mat_shape2(K, N));
		mat *o = mat_new(mat_shape2(M, N));
		double *want = malloc(M * N * sizeof *want);
		fill(r, a->data, M * K);
		fill(r, b->data, K * N);
		naive_dot(a->data, b->data, M, K, N, want);
		int st = mat_dot(o, a, b);
		ok(st == MAT_OK && memcmp(o->data, want, M * N * sizeof *want) == 0,
		   "%s: dot (%zu x %zu) . (%zu x %zu) bit for bit", set, M, K, K, N);
		free(want);
		mat_free(a);
		mat_free(b);
		mat_free(o);
	}
}

/* A 5-37-19-3 network: relu, linear, softmax (a wide relu, a wide linear, a narrow end). */
static nn_model *wide_model(unsigned seed)
{
	rng r;
	rng_seed(&r, seed);
	nn_model *m = nn_model_new();
	if (!m || nn_model_add_dense(m, 37, NN_ACT_RELU, 5, &r) ||
	    nn_model_add_dense(m, 19, NN_ACT_LINEAR, 0, &r) ||
	    nn_model_add_dense(m, 3, NN_ACT_SOFTMAX, 0, &r)) {
		nn_model_free(m);
		return NULL;
	}
	return m;
}

/* The first two layers as the plain loops run them: products in k order, + b, relu. */
static void naive_layers(nn_model *m, const double *x, size_t n, double *h2)
{
	mat *W1 = nn_model_kernel(m, 0), *b1 = nn_model_bias(m, 0);
	mat *W2 = nn_model_kernel(m, 1), *b2 = nn_model_bias(m, 1);
	double h1[37];
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < 37; j++) {
			double s = x[i * 5] * W1->data[j];
			for (size_t k = 1; k < 5; k++)
				s += x[i * 5 + k] * W1->data[k * 37 + j];
			s = s + b1->data[j];
			h1[j] = s < 0 ? 0.0 : s;
		}
		for (size_t j = 0; j < 19; j++) {
			double s = h1[0] * W2->data[j];
			for (size_t k = 1; k < 37; k++)
				s += h1[k] * W2->data[k * 19 + j];
			h2[i * 19 + j] = s + b2->data[j];
		}
	}
}

static void test_model(rng *r, const char *set, double *grad0, double *out0)
{
	enum { N = 23 };
	nn_model *m = wide_model(5), *m2 = nn_model_new();
	mat *X = mat_new(mat_shape2(N, 5)), *Y = mat_new(mat_shape2(N, 3));
	mat *P = mat_new(mat_shape2(N, 3));
	double grad[5 * 37 + 37 + 37 * 19 + 19 + 19 * 3 + 3], loss;
	fill(r, X->data, N * 5);
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < 3; j++)
			Y->data[i * 3 + j] = j == i % 3;
	/* the hidden layers alone: a model of the first two layers with the same weights */
	nn_model_add_dense(m2, 37, NN_ACT_RELU, 5, NULL);
	nn_model_add_dense(m2, 19, NN_ACT_LINEAR, 0, NULL);
	for (size_t l = 0; l < 2; l++) {
		mat_copy(nn_model_kernel(m2, l), nn_model_kernel(m, l));
		mat_copy(nn_model_bias(m2, l), nn_model_bias(m, l));
	}
	mat *H = mat_new(mat_shape2(N, 19));
	double want[N * 19];
	naive_layers(m, X->data, N, want);
	ok(nn_model_predict(m2, X, H) == NN_OK && memcmp(H->data, want, sizeof want) == 0,
	   "%s: a relu layer of 37 and a linear one of 19 give the plain loops' numbers", set);
	nn_optim opt;
	nn_optim_defaults(&opt, NN_OPT_SGD);
	nn_model_compile(m, NN_LOSS_CCE, &opt);
	int st = nn_model_gradient(m, X, Y, NULL, N, grad, &loss);
	ok(st == NN_OK && nn_model_predict(m, X, P) == NN_OK, "%s: gradient and predict run", set);
	if (grad0[0] != grad0[0]) { /* the first set (scalar) gives the reference */
		memcpy(grad0, grad, sizeof grad);
		memcpy(out0, P->data, N * 3 * sizeof *out0);
	}
	ok(memcmp(grad, grad0, sizeof grad) == 0, "%s: the gradient is the plain loops' bit for bit", set);
	ok(memcmp(P->data, out0, N * 3 * sizeof *out0) == 0, "%s: so are the predictions", set);
	mat_free(H);
	mat_free(X);
	mat_free(Y);
	mat_free(P);
	nn_model_free(m);
	nn_model_free(m2);
}

/*
** A 2-256-256-2 network predicting 4096 points (a figure's regions) in
** the best of 5 runs: 0.55 GFLOP, ~15 ms with the tiles, ~100 ms a row at
** a time.  The limit is generous (the machine is shared); sanitizers
** slow everything, so they only run it.
*/
static void test_speed(void)
{
	rng r;
	rng_seed(&r, 1);
	nn_model *m = nn_model_new();
	nn_model_add_dense(m, 256, NN_ACT_RELU, 2, &r);
	nn_model_add_dense(m, 256, NN_ACT_RELU, 0, &r);
	nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, &r);
	mat *X = mat_new(mat_shape2(4096, 2)), *P = mat_new(mat_shape2(4096, 2));
	fill(&r, X->data, 2 * 4096);
	double best = 1e9;
	for (int i = 0; i < 5; i++) {
		double t0 = now();
		nn_model_predict(m, X, P);
		double t = now() - t0;
		best = t < best ? t : best;
	}
#if defined(__SANITIZE_ADDRESS__)
	ok(1, "a 2-256-256-2 network predicts 4096 points (%.1f ms; not timed under ASan)", best * 1e3);
#else
	ok(best < 0.060, "a 2-256-256-2 network predicts 4096 points in %.1f ms (limit 60 ms, %s)",
	   best * 1e3, mat_kernels());
#endif
	mat_free(X);
	mat_free(P);
	nn_model_free(m);
}

int main(void)
{
	rng r;
	double grad0[5 * 37 + 37 + 37 * 19 + 19 + 19 * 3 + 3], out0[23 * 3];
	const char *best = mat_kernels();
	int vector = 0;
	grad0[0] = out0[0] = NAN;
	for (size_t s = 0; s < NSETS; s++) {
		if (mat_kernels_use(sets[s]) != 0)
			continue;
		vector += s > 0;
		rng_seed(&r, 11);
		test_dot(&r, sets[s]);
		test_model(&r, sets[s], grad0, out0);
	}
	ok(mat_kernels_use("mmx") == -1, "an unknown set is refused");
	ok(mat_kernels_use(best) == 0 && strcmp(mat_kernels(), best) == 0, "the best set is back (%s)", best);
#if defined(__x86_64__)
	ok(vector >= 1, "x86-64 always has a vector set (%d ran)", vector);
#endif
	test_speed();
	return tap_done();
}
