/*
** test_cancel.c — the core's long loops stop when cancel_check() says so
** (cancel.h): nn.dot's product, a training epoch, predict, evaluate and
** the data sets return MAT_ECANCEL within milliseconds of a stop, whether
** it was asked for before (cancel_request) or comes from the poll function
** while they run (the kernel's time limit); and they run to the end, with
** the same numbers, when no stop comes.
*/
#include <string.h>
#include <time.h>

#include "cancel.h"
#include "datasets.h"
#include "matrix.h"
#include "model.h"
#include "tap.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A poll that says stop once `stop_at` (monotonic seconds) has passed. */
static double stop_at;
static int polls;
static int poll_deadline(void *ud)
{
	(void)ud;
	polls++;
	return now_s() >= stop_at;
}

/* Arms the poll to stop work `after` seconds from now. */
static void stop_after(double after)
{
	cancel_clear();
	polls = 0;
	stop_at = now_s() + after;
	cancel_set_poll(poll_deadline, NULL);
}

static void disarm(void)
{
	cancel_set_poll(NULL, NULL);
	cancel_clear();
}

static mat *filled(size_t r, size_t c, double v)
{
	mat *m = mat_new(mat_shape2(r, c));
	if (m)
		mat_fill(m, v);
	return m;
}

static void test_dot(void)
{
	mat *a = filled(1500, 1500, 1.0), *o = mat_new(mat_shape2(1500, 1500));
	if (!a || !o) {
		ok(0, "arrays for the product");
		return;
	}
	stop_after(0.05);
	double t0 = now_s();
	int st = mat_dot(o, a, a);
	double dt = now_s() - t0;
	ok(st == MAT_ECANCEL && dt < 0.25, "a 1500^3 product stops on a poll's stop (%.3f s, %d polls)", dt, polls);
	ok(polls >= 3, "the poll is asked every few milliseconds while it runs (%d times in 50 ms)", polls);
	disarm();
	cancel_request();
	t0 = now_s();
	st = mat_dot(o, a, a);
	ok(st == MAT_ECANCEL && now_s() - t0 < 0.05, "and at once when a stop was asked for before");
	cancel_clear();
	mat *s = filled(30, 40, 0.5), *t = filled(40, 20, 2.0), *p = mat_new(mat_shape2(30, 20));
	ok(mat_dot(p, s, t) == MAT_OK && p->data[0] == 40.0 && p->data[599] == 40.0,
	   "without a stop it finishes with the right numbers");
	mat *v = filled(1500, 1, 1.0), *u = mat_new(mat_shape1(1500));
	v->ndim = 1, v->rows = 1, v->cols = 1500;
	cancel_request();
	ok(mat_dot(u, a, v) == MAT_ECANCEL, "a matrix . vector product stops too");
	cancel_clear();
	mat_free(a), mat_free(o), mat_free(s), mat_free(t), mat_free(p), mat_free(v), mat_free(u);
}

/* A 500-500-500 network and 4000 rows: seconds of work per epoch. */
static nn_model *big_model(rng *r)
{
	nn_model *m = nn_model_new();
	nn_optim o;
	nn_model_add_dense(m, 500, NN_ACT_RELU, 500, r);
	nn_model_add_dense(m, 500, NN_ACT_SIGMOID, 0, r);
	nn_optim_defaults(&o, NN_OPT_SGD);
	nn_model_compile(m, NN_LOSS_MSE, &o);
	return m;
}

static void test_model(void)
{
	rng r;
	rng_seed(&r, 1);
	nn_model *m = big_model(&r);
	mat *X = filled(4000, 500, 0.01), *y = filled(4000, 500, 0.5), *out = mat_new(mat_shape2(4000, 500));
	double loss;
	size_t steps;
	stop_after(0.05);
	double t0 = now_s();
	int st = nn_model_train_epoch(m, X, y, 4000, 0, &r, &loss, &steps);
	ok(st == MAT_ECANCEL && now_s() - t0 < 0.25, "a one-batch epoch stops inside the batch (%.3f s)", now_s() - t0);
	unsigned long v = nn_model_version(m);
	stop_after(0.2); /* a batch of 32 takes a few ms (tens under ASan) */
	t0 = now_s();
	st = nn_model_train_epoch(m, X, y, 32, 0, &r, &loss, &steps);
	ok(st == MAT_ECANCEL && now_s() - t0 < 0.4 && nn_model_version(m) > v,
	   "an epoch of small batches stops between them, keeping the batches done (%.3f s)", now_s() - t0);
	stop_after(0.05);
	t0 = now_s();
	st = nn_model_predict(m, X, out);
	ok(st == MAT_ECANCEL && now_s() - t0 < 0.25, "predict stops (%.3f s)", now_s() - t0);
	stop_after(0.05);
	t0 = now_s();
	st = nn_model_evaluate(m, X, y, &loss);
	ok(st == MAT_ECANCEL && now_s() - t0 < 0.25, "evaluate stops (%.3f s)", now_s() - t0);
	disarm();
	cancel_request();
	ok(nn_model_train_batch(m, X, y, NULL, 4000, &loss) == MAT_ECANCEL, "train_batch stops");
	cancel_clear();
	ok(strcmp(nn_strerror(MAT_ECANCEL), "interrupted") == 0, "the status reads \"interrupted\"");
	mat_free(X), mat_free(y), mat_free(out);
	nn_model_free(m);
}

static void test_datasets(void)
{
	rng r;
	rng_seed(&r, 0);
	size_t n = 2000000;
	mat *X = mat_new(mat_shape2(n, 2)), *y = mat_new(mat_shape1(n));
	cancel_request();
	double t0 = now_s();
	ok(ds_make_circles(&r, n, 0.1, 0.5, X, y) == MAT_ECANCEL && now_s() - t0 < 0.05,
	   "make_circles of 2e6 points stops");
	mat *c = filled(3, 2, 1.0);
	t0 = now_s();
	ok(ds_make_blobs(&r, n, c, 1.0, X, y) == MAT_ECANCEL && now_s() - t0 < 0.05, "make_blobs stops");
	cancel_clear();
	ok(ds_make_blobs(&r, 1000, c, 1.0, X, y) == MAT_ESHAPE, "(and checks shapes as before)");
	mat_free(X), mat_free(y), mat_free(c);
}

int main(void)
{
	test_dot();
	test_model();
	test_datasets();
	return tap_done();
}
