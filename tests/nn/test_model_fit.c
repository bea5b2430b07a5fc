/*
** test_model_fit.c — training as Keras 2 does it: steps per epoch, the
** epoch loss as the weighted mean of pre-update batch losses, shuffling
** with numpy's permutation, predict/evaluate; then the seed notebooks'
** runs: seed 000's linear neuron with hinge and RMSprop, seed 004's XOR
** network (the first epochs against a numpy rendering of the same
** algorithm in fixtures/gen_nn.py, then the end result on a few seeds).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "datasets.h"
#include "model.h"
#include "tap.h"
#include "fixtures/nn_vectors.h"

static nn_model *xor_model(rng *r)
{
	nn_model *m = nn_model_new();
	nn_optim o;
	nn_model_add_dense(m, 4, NN_ACT_RELU, 2, r);
	nn_model_add_dense(m, 4, NN_ACT_RELU, 0, r);
	nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, r);
	nn_optim_defaults(&o, NN_OPT_SGD);
	o.momentum = 0.99;
	nn_model_compile(m, NN_LOSS_BCE, &o);
	return m;
}

/* n randn points (numpy's randn(n, 2)) and their XOR labels. */
static void xor_data(rng *r, size_t n, mat **X, mat **y)
{
	*X = mat_new(mat_shape2(n, 2));
	*y = mat_new(mat_shape2(n, 2));
	for (size_t i = 0; i < 2 * n; i++)
		(*X)->data[i] = rng_standard_normal(r);
	for (size_t i = 0; i < n; i++) {
		double p = (*X)->data[2 * i] * (*X)->data[2 * i + 1];
		(*y)->data[2 * i] = p > 0;
		(*y)->data[2 * i + 1] = p <= 0;
	}
}

static int same_weights(nn_model *a, nn_model *b)
{
	for (size_t l = 0; l < nn_model_nlayers(a); l++) {
		mat *wa = nn_model_kernel(a, l), *wb = nn_model_kernel(b, l);
		mat *ba = nn_model_bias(a, l), *bb = nn_model_bias(b, l);
		if (memcmp(wa->data, wb->data, mat_size(wa) * sizeof(double)) ||
		    memcmp(ba->data, bb->data, mat_size(ba) * sizeof(double)))
			return 0;
	}
	return 1;
}

/*
** train_epoch against the same epoch spelled out with train_batch: the
** permutation from the same generator state, consecutive slices, the last
** one partial, and the loss weighted by batch size.  Bit for bit.
*/
static void test_epoch_rules(void)
{
	rng r, ra, rb;
	mat *X, *y;
	rng_seed(&r, 11);
	xor_data(&r, 1000, &X, &y);
	rng_seed(&ra, 5);
	rng_seed(&rb, 5);
	nn_model *a = xor_model(&ra), *b = xor_model(&rb);
	double la, lb = 0;
	size_t steps, perm[1000];
	ok(nn_model_train_epoch(a, X, y, 64, 1, &ra, &la, &steps) == NN_OK, "an epoch of batch 64");
	ok(steps == 16, "1000 samples in batches of 64: 16 steps (the last one of 40)");
	rng_permutation(&rb, perm, 1000);
	for (size_t s = 0; s < 1000; s += 64) {
		size_t n = 1000 - s < 64 ? 1000 - s : 64;
		double bl;
		nn_model_train_batch(b, X, y, perm + s, n, &bl);
		lb += bl * (double)n;
	}
	lb /= 1000;
	is_num(la, lb, 0, "epoch loss = sum(batch loss * batch size) / N, each before its update");
	ok(same_weights(a, b), "the same updates, bit for bit");

	/* without shuffling the order is 0..N-1 and the generator is untouched */
	rng_seed(&ra, 8);
	uint32_t next = rng_u32(&ra);
	rng_seed(&ra, 8);
	nn_model_train_epoch(a, X, y, 0, 0, &ra, &la, &steps);
	ok(steps == 32, "batch_size 0 means 32: 1000 samples in 32 steps");
	ok(rng_u32(&ra) == next, "no shuffle, no draws");
	for (size_t s = 0; s < 1000; s += 32) {
		size_t n = 1000 - s < 32 ? 1000 - s : 32;
		double bl;
		mat Xs, ys;
		mat_wrap(&Xs, X->data + 2 * s, mat_shape2(n, 2));
		mat_wrap(&ys, y->data + 2 * s, mat_shape2(n, 2));
		nn_model_train_batch(b, &Xs, &ys, NULL, n, &bl);   /* NULL: the first n rows */
	}
	ok(same_weights(a, b), "unshuffled epoch = consecutive slices");

	/* 1800 samples, batch 32: 57 steps, as seed 000's progress bar shows */
	mat *X18 = mat_new(mat_shape2(1800, 2)), *y18 = mat_new(mat_shape2(1800, 2));
	nn_model_train_epoch(a, X18, y18, 32, 1, &ra, &la, &steps);
	ok(steps == 57, "1800 samples in batches of 32: 57 steps");
	nn_model_train_epoch(a, X18, y18, 5000, 1, &ra, &la, &steps);
	ok(steps == 1, "a batch larger than the data: one step");
	mat_free(X18);
	mat_free(y18);

	/* predict = predict_row, evaluate = the loss of the current weights */
	mat *P = mat_new(mat_shape2(1000, 2));
	ok(nn_model_predict(a, X, P) == NN_OK, "predict 1000 rows (in chunks)");
	double row[2];
	int same = 1;
	for (size_t i = 0; i < 1000; i += 37) {
		nn_model_predict_row(a, X->data + 2 * i, row);
		same &= row[0] == P->data[2 * i] && row[1] == P->data[2 * i + 1];
	}
	ok(same, "predict and predict_row agree bit for bit");
	double ev, gl, g[42];
	nn_model_evaluate(a, X, y, &ev);
	nn_model_gradient(a, X, y, NULL, 1000, g, &gl);
	is_num(ev, gl, 1e-14, "evaluate (batches of 32) = the loss over all rows");
	unsigned long v = nn_model_version(a);
	double w0 = nn_model_kernel(a, 0)->data[0];
	nn_model_evaluate(a, X, y, &ev);
	ok(nn_model_version(a) == v && nn_model_kernel(a, 0)->data[0] == w0,
	   "evaluate changes nothing");
	nn_model_train_batch(a, X, y, NULL, 10, &ev);
	ok(nn_model_version(a) != v, "training bumps the version");
	mat_free(P);

	nn_model_free(a);
	nn_model_free(b);
	mat_free(X);
	mat_free(y);
}

/* One SGD step is w -= lr * gradient, over every weight. */
static void test_sgd_step(void)
{
	rng r;
	mat *X, *y;
	rng_seed(&r, 2);
	xor_data(&r, 50, &X, &y);
	nn_model *m = nn_model_new();
	nn_optim o;
	nn_model_add_dense(m, 3, NN_ACT_TANH, 2, &r);
	nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, &r);
	nn_optim_defaults(&o, NN_OPT_SGD);
	o.lr = 0.5;
	nn_model_compile(m, NN_LOSS_CCE, &o);
	double g[17], before[17], loss, bl;
	nn_model_gradient(m, X, y, NULL, 50, g, &loss);
	size_t k = 0;
	for (size_t l = 0; l < 2; l++) {
		mat *W = nn_model_kernel(m, l), *b = nn_model_bias(m, l);
		for (size_t j = 0; j < mat_size(W); j++)
			before[k++] = W->data[j];
		for (size_t j = 0; j < mat_size(b); j++)
			before[k++] = b->data[j];
	}
	nn_model_train_batch(m, X, y, NULL, 50, &bl);
	is_num(bl, loss, 0, "train_batch reports the loss before its update");
	int good = 1;
	k = 0;
	for (size_t l = 0; l < 2; l++) {
		mat *arr[2] = {nn_model_kernel(m, l), nn_model_bias(m, l)};
		for (int a = 0; a < 2; a++)
			for (size_t j = 0; j < mat_size(arr[a]); j++, k++)
				good &= arr[a]->data[j] == before[k] + -0.5 * g[k];
	}
	ok(good && k == 17, "every weight moved by -lr * its gradient");

	/* compile resets the optimizer: momentum starts from zero again */
	o.momentum = 0.9;
	nn_model_compile(m, NN_LOSS_CCE, &o);
	nn_model_train_batch(m, X, y, NULL, 50, &bl);
	nn_model_compile(m, NN_LOSS_CCE, &o);
	nn_model_gradient(m, X, y, NULL, 50, g, &loss);
	double w = nn_model_kernel(m, 1)->data[0];
	nn_model_train_batch(m, X, y, NULL, 50, &bl);
	ok(nn_model_kernel(m, 1)->data[0] == w + (0.9 * 0.0 - 0.5 * g[9]),
	   "compile resets the velocity");

	/* a 1-D y is n x 1 */
	nn_model *a = nn_model_new(), *b = nn_model_new();
	rng ra, rb;
	rng_seed(&ra, 3);
	rng_seed(&rb, 3);
	nn_model_add_dense(a, 1, NN_ACT_SIGMOID, 2, &ra);
	nn_model_add_dense(b, 1, NN_ACT_SIGMOID, 2, &rb);
	nn_model_compile(a, NN_LOSS_BCE, NULL);
	nn_model_compile(b, NN_LOSS_BCE, NULL);
	mat *y1 = mat_new(mat_shape1(50)), *y2 = mat_new(mat_shape2(50, 1));
	for (size_t i = 0; i < 50; i++)
		y1->data[i] = y2->data[i] = y->data[2 * i];
	double la, lb;
	size_t steps;
	nn_model_train_epoch(a, X, y1, 8, 1, &ra, &la, &steps);
	nn_model_train_epoch(b, X, y2, 8, 1, &rb, &lb, &steps);
	ok(la == lb && same_weights(a, b), "a 1-D y of n elements trains as n x 1");
	mat X1;
	mat_wrap(&X1, X->data, mat_shape1(50));
	ok(nn_model_check_data(a, &X1, y1) == NN_EINPUT, "a 1-D X is n x 1: refused for 2 inputs");
	mat_free(y1);
	mat_free(y2);
	nn_model_free(a);
	nn_model_free(b);

	nn_model_free(m);
	mat_free(X);
	mat_free(y);
}

/*
** Seed 000: two noisy circles shifted apart, labelled by the line
** x0 + x1 = 3, split 90/10, one linear neuron with hinge and RMSprop.
** The data and split come from the datasets module in scikit-learn's draw
** order, so the first epochs must match numpy's run of the same algorithm.
*/
static void test_seed000(void)
{
	rng r;
	rng_seed(&r, 0);
	mat *A = mat_new(mat_shape2(1000, 2)), *B = mat_new(mat_shape2(1000, 2));
	mat *ya = mat_new(mat_shape1(1000)), *yb = mat_new(mat_shape1(1000));
	ds_make_circles(&r, 1000, 0.4, 0.9, A, ya);
	ds_make_circles(&r, 1000, 0.4, 0.9, B, yb);
	double all[4000];
	for (size_t i = 0; i < 2000; i++)
		all[i] = A->data[i] + 3.0;
	memcpy(all + 2000, B->data, 2000 * sizeof(double));
	size_t perm[2000];
	ds_split_perm(&r, 1, 2000, perm);
	mat *X = mat_new(mat_shape2(1800, 2)), *y = mat_new(mat_shape1(1800));
	for (size_t i = 0; i < 1800; i++) {
		const double *x = all + 2 * perm[200 + i];
		X->data[2 * i] = x[0];
		X->data[2 * i + 1] = x[1];
		y->data[i] = -x[0] + 3 - x[1] >= 0 ? 1.0 : 0.0;
	}
	nn_model *m = nn_model_new();
	nn_model_add_dense(m, 1, NN_ACT_LINEAR, 2, &r);
	nn_model_compile(m, NN_LOSS_HINGE, NULL);
	double w[3] = {nn_model_kernel(m, 0)->data[0], nn_model_kernel(m, 0)->data[1],
	               nn_model_bias(m, 0)->data[0]};
	ok(w[0] == CIRCLES_W0[0] && w[1] == CIRCLES_W0[1] && w[2] == 0,
	   "seed 000: the neuron's initial weights are numpy's");
	double loss = NAN, first = NAN;
	size_t steps = 0;
	int match = 1;
	for (int e = 0; e < 100; e++) {
		nn_model_train_epoch(m, X, y, 32, 1, &r, &loss, &steps);
		if (e < 5 && !(fabs(loss - CIRCLES_EPOCH_LOSS[e]) <= 1e-12 * CIRCLES_EPOCH_LOSS[e])) {
			printf("#   epoch %d: %.17g, numpy %.17g\n", e + 1, loss, CIRCLES_EPOCH_LOSS[e]);
			match = 0;
		}
		if (e == 0)
			first = loss;
	}
	ok(match, "seed 000: epochs 1-5 match numpy's run of the same algorithm");
	ok(steps == 57, "57 steps per epoch");
	ok(loss < 0.05 && loss < first / 10, "seed 000: hinge loss %.4f after 100 epochs (from %.4f)",
	   loss, first);
	nn_model_free(m);
	mat_free(A);
	mat_free(B);
	mat_free(ya);
	mat_free(yb);
	mat_free(X);
	mat_free(y);
}

/*
** Seed 004 in the notebook's order: model, data, 200 epochs of batch 100,
** fresh test points.  Returns the lowest epoch loss, the last one and the
** test accuracy; for seed 0 *match says whether the first three epochs
** agree with numpy's.
*/
static void run_xor(unsigned seed, int epochs, double *best, double *last, double *acc,
                    int *match)
{
	rng r;
	mat *X, *y, *Xt, *yt;
	rng_seed(&r, seed);
	nn_model *m = xor_model(&r);
	xor_data(&r, 10000, &X, &y);
	size_t steps;
	*best = INFINITY;
	*match = 1;
	for (int e = 0; e < epochs; e++) {
		nn_model_train_epoch(m, X, y, 100, 1, &r, last, &steps);
		if (*last < *best)
			*best = *last;
		if (seed == 0 && e < 3 && !(fabs(*last - XOR_EPOCH_LOSS[e]) <= 1e-12 * XOR_EPOCH_LOSS[e])) {
			printf("#   epoch %d: %.17g, numpy %.17g\n", e + 1, *last, XOR_EPOCH_LOSS[e]);
			*match = 0;
		}
	}
	xor_data(&r, 5000, &Xt, &yt);
	mat *P = mat_new(mat_shape2(5000, 2));
	nn_model_predict(m, Xt, P);
	size_t good = 0;
	for (size_t i = 0; i < 5000; i++)
		good += (P->data[2 * i] > P->data[2 * i + 1]) == (yt->data[2 * i] > 0.5);
	*acc = (double)good / 5000;
	mat_free(P);
	mat_free(X);
	mat_free(y);
	mat_free(Xt);
	mat_free(yt);
	nn_model_free(m);
}

static void test_seed004(void)
{
	double best, last, acc;
	int match;
	run_xor(0, 3, &best, &last, &acc, &match);
	ok(match, "seed 004: epochs 1-3 match numpy's run of the same algorithm");
	/*
	** Seeds 0, 1, 3 reach both goals; of seeds 0-11, 2, 4 and 8 stall with
	** dead relu units (numpy's run of the same algorithm stalls there too).
	*/
	static const unsigned seeds[] = {0, 1, 3};
	for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		run_xor(seeds[i], 200, &best, &last, &acc, &match);
		ok(best < 0.03, "seed %u: XOR loss reaches %.4f (< 0.03; last epoch %.4f)", seeds[i],
		   best, last);
		ok(acc >= 0.97, "seed %u: %.2f%% of 5000 fresh points right", seeds[i], 100 * acc);
	}
}

int main(void)
{
	test_epoch_rules();
	test_sgd_step();
	test_seed000();
	test_seed004();
	return tap_done();
}
