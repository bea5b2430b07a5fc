/*
** bench_nn.c — how fast the network core trains the seed notebooks' models.
**
**   xor      seed 004: 10,000 randn points, y = [x0*x1 > 0, x0*x1 <= 0],
**            Dense 2-4-4-2 relu/relu/softmax, SGD(lr 0.01, momentum 0.99),
**            binary cross-entropy, batch 100, 200 epochs (20,000 steps);
**            accuracy on 5,000 fresh randn points.
**   dense_W  one Dense layer W x W on 256 rows: forward and a training
**            step, in GFLOP/s.
**   sigmoid_core  seed 001: 50,000 full-batch updates of one sigmoid
**            neuron on the 4x3 inputs, w += X^T ((y - out) * out*(1-out)),
**            as a hand-written C loop: the arithmetic's floor, not what a
**            lesson runs (bench/speed.lua times the lesson's own loop).
**
** Each workload runs 5 times from the same seed; the time is the best run
** (training only: data and model set-up are outside the clock).  One line
** per workload, in the format bench/ref_nn.py also prints so bench/run.sh
** can compare them:
**
**   nnbook xor time_s=0.071234 loss=0.005123 acc=0.9934 seed=0
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "matrix.h"
#include "model.h"
#include "rng.h"

#define RUNS 5

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* n randn points and their XOR labels, drawn as numpy.random.randn(n, 2). */
static int xor_data(rng *r, size_t n, mat **X, mat **y)
{
	*X = mat_new(mat_shape2(n, 2));
	*y = mat_new(mat_shape2(n, 2));
	if (!*X || !*y)
		return -1;
	for (size_t i = 0; i < 2 * n; i++)
		(*X)->data[i] = rng_standard_normal(r);
	for (size_t i = 0; i < n; i++) {
		double p = (*X)->data[2 * i] * (*X)->data[2 * i + 1];
		(*y)->data[2 * i] = p > 0 ? 1.0 : 0.0;
		(*y)->data[2 * i + 1] = p <= 0 ? 1.0 : 0.0;
	}
	return 0;
}

/*
** Seed 004 in the notebook's order: the model (its weights drawn when each
** layer is added), then the training data, then fit, then the test data.
*/
static int run_xor(unsigned seed, double *secs, double *loss, double *acc)
{
	rng r;
	nn_model *m = nn_model_new();
	mat *X = NULL, *y = NULL, *Xt = NULL, *yt = NULL, *pt = NULL;
	int st = -1;
	nn_optim opt;
	rng_seed(&r, seed);
	if (!m || nn_model_add_dense(m, 4, NN_ACT_RELU, 2, &r) ||
	    nn_model_add_dense(m, 4, NN_ACT_RELU, 0, &r) ||
	    nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, &r))
		goto done;
	nn_optim_defaults(&opt, NN_OPT_SGD);
	opt.momentum = 0.99;
	nn_model_compile(m, NN_LOSS_BCE, &opt);
	if (xor_data(&r, 10000, &X, &y))
		goto done;
	double t0 = now();
	size_t steps;
	for (int e = 0; e < 200; e++)
		if (nn_model_train_epoch(m, X, y, 100, 1, &r, loss, &steps) != NN_OK)
			goto done;
	*secs = now() - t0;
	if (xor_data(&r, 5000, &Xt, &yt) || !(pt = mat_new(mat_shape2(5000, 2))) ||
	    nn_model_predict(m, Xt, pt) != NN_OK)
		goto done;
	size_t good = 0;
	for (size_t i = 0; i < 5000; i++)
		good += (pt->data[2 * i] > pt->data[2 * i + 1]) == (yt->data[2 * i] > 0.5);
	*acc = (double)good / 5000.0;
	st = 0;
done:
	mat_free(X);
	mat_free(y);
	mat_free(Xt);
	mat_free(yt);
	mat_free(pt);
	nn_model_free(m);
	return st;
}

/*
** Seed 001's train_nn with the core's arrays and direct loops: numpy's
** np.dot(X, w) sums the three products left to right, as here.
*/
static int run_sigmoid(double *secs, double *loss, double *acc, double w_out[3])
{
	static const double Xv[12] = {0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1};
	static const double yv[4] = {0, 1, 1, 0};
	mat *X = mat_new(mat_shape2(4, 3)), *y = mat_new(mat_shape2(4, 1));
	mat *w = mat_new(mat_shape2(3, 1)), *out = mat_new(mat_shape2(4, 1));
	rng r;
	if (!X || !y || !w || !out) {
		mat_free(X);
		mat_free(y);
		mat_free(w);
		mat_free(out);
		return -1;
	}
	for (int i = 0; i < 12; i++)
		X->data[i] = Xv[i];
	for (int i = 0; i < 4; i++)
		y->data[i] = yv[i];
	rng_seed(&r, 1);
	for (int i = 0; i < 3; i++)
		w->data[i] = rng_uniform(&r, -1.0, 1.0);
	double t0 = now();
	double *W = w->data, *O = out->data;
	const double *x = X->data, *t = y->data;
	for (int it = 0; it < 50000; it++) {
		double d[4];
		for (int i = 0; i < 4; i++) {
			double z = x[3 * i] * W[0] + x[3 * i + 1] * W[1] + x[3 * i + 2] * W[2];
			O[i] = 1.0 / (1.0 + exp(-z));
			d[i] = (t[i] - O[i]) * (O[i] * (1.0 - O[i]));
		}
		for (int k = 0; k < 3; k++)
			W[k] += x[k] * d[0] + x[3 + k] * d[1] + x[6 + k] * d[2] + x[9 + k] * d[3];
	}
	*secs = now() - t0;
	double se = 0.0;
	int good = 0;
	for (int i = 0; i < 4; i++) {
		se += (t[i] - O[i]) * (t[i] - O[i]);
		good += (O[i] > 0.5) == (t[i] > 0.5);
	}
	*loss = se / 4.0;
	*acc = good / 4.0;
	for (int k = 0; k < 3; k++)
		w_out[k] = W[k];
	mat_free(X);
	mat_free(y);
	mat_free(w);
	mat_free(out);
	return 0;
}

/*
** One Dense layer of width x width (linear) on 256 rows: its forward pass
** (predict) and a training step (forward, gradient, SGD), best of RUNS,
** in GFLOP/s counting a multiply and an add as two.
*/
static int run_dense(size_t width)
{
	rng r;
	rng_seed(&r, 3);
	nn_model *m = nn_model_new();
	mat *X = mat_new(mat_shape2(256, width)), *Y = mat_new(mat_shape2(256, width));
	mat *P = mat_new(mat_shape2(256, width));
	nn_optim opt;
	int st = -1;
	if (!m || !X || !Y || !P || nn_model_add_dense(m, width, NN_ACT_LINEAR, width, &r))
		goto done;
	for (size_t i = 0; i < 256 * width; i++) {
		X->data[i] = rng_standard_normal(&r);
		Y->data[i] = rng_standard_normal(&r);
	}
	nn_optim_defaults(&opt, NN_OPT_SGD);
	nn_model_compile(m, NN_LOSS_MSE, &opt);
	double fwd = INFINITY, step = INFINITY, loss;
	for (int i = 0; i < RUNS; i++) {
		double t0 = now();
		if (nn_model_predict(m, X, P) != NN_OK)
			goto done;
		double t1 = now();
		if (nn_model_train_batch(m, X, Y, NULL, 256, &loss) != NN_OK)
			goto done;
		double t2 = now();
		fwd = t1 - t0 < fwd ? t1 - t0 : fwd;
		step = t2 - t1 < step ? t2 - t1 : step;
	}
	double flop = 2.0 * 256 * (double)width * (double)width;
	printf("nnbook dense_%zu time_s=%.6f rows=256 gflops=%.1f train_step_s=%.6f train_gflops=%.1f\n",
	       width, fwd, flop / fwd * 1e-9, step, 3 * flop / step * 1e-9);
	st = 0;
done:
	mat_free(X);
	mat_free(Y);
	mat_free(P);
	nn_model_free(m);
	return st;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--kernels") == 0) {
		printf("wide products: %s\n", mat_kernels());
		return 0;
	}
	unsigned seed = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 0;
	double best = INFINITY, secs, loss = NAN, acc = NAN;
	for (int i = 0; i < RUNS; i++) {
		if (run_xor(seed, &secs, &loss, &acc)) {
			fprintf(stderr, "bench_nn: xor failed\n");
			return 1;
		}
		if (secs < best)
			best = secs;
	}
	printf("nnbook xor time_s=%.6f loss=%.6f acc=%.4f seed=%u\n", best, loss, acc, seed);

	double w[3];
	best = INFINITY;
	for (int i = 0; i < RUNS; i++) {
		if (run_sigmoid(&secs, &loss, &acc, w)) {
			fprintf(stderr, "bench_nn: sigmoid failed\n");
			return 1;
		}
		if (secs < best)
			best = secs;
	}
	printf("nnbook sigmoid_core time_s=%.6f loss=%.6g acc=%.4f weights=%.8f,%.8f,%.8f\n", best, loss,
	       acc, w[0], w[1], w[2]);
	static const size_t widths[] = {64, 256, 1024};
	for (size_t i = 0; i < sizeof widths / sizeof *widths; i++)
		if (run_dense(widths[i])) {
			fprintf(stderr, "bench_nn: dense %zu failed\n", widths[i]);
			return 1;
		}
	return 0;
}
