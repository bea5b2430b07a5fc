/*
** test_model.c — the sequential model's API: weights drawn as numpy draws
** them, deferred building, the summary, every error status, the memory
** budget, NaN, and whole-network gradient checks.  Training behaviour
** (epochs, the seed notebooks' runs) is in test_model_fit.c.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "model.h"
#include "tap.h"
#include "fixtures/nn_vectors.h"

/* The seed 004 model: Dense(4, relu, input_dim) - Dense(4, relu) - Dense(2, softmax). */
static nn_model *xor_model(rng *r, size_t input_dim)
{
	nn_model *m = nn_model_new();
	if (!m || nn_model_add_dense(m, 4, NN_ACT_RELU, input_dim, r) ||
	    nn_model_add_dense(m, 4, NN_ACT_RELU, 0, r) ||
	    nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, r)) {
		nn_model_free(m);
		return NULL;
	}
	return m;
}

/* The model's weights in nn_model_gradient's layout. */
static void flat_weights(nn_model *m, double *out)
{
	size_t k = 0;
	for (size_t i = 0; i < nn_model_nlayers(m); i++) {
		mat *W = nn_model_kernel(m, i), *b = nn_model_bias(m, i);
		for (size_t j = 0; j < mat_size(W); j++)
			out[k++] = W->data[j];
		for (size_t j = 0; j < mat_size(b); j++)
			out[k++] = b->data[j];
	}
}

static int same_doubles(const double *a, const double *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i]) {
			printf("#   [%zu] got %.17g want %.17g\n", i, a[i], b[i]);
			return 0;
		}
	return 1;
}

static void test_weights(void)
{
	rng r;
	double w[42];
	rng_seed(&r, 0);
	nn_model *m = xor_model(&r, 2);
	ok(m != NULL, "2-4-4-2 model built as layers are added");
	ok(nn_model_param_count(m) == 42, "42 parameters");
	flat_weights(m, w);
	ok(same_doubles(w, XOR_W0, 42), "glorot-uniform kernels are numpy's uniform(-L, L, (in, units))");
	ok(nn_model_input_dim(m) == 2 && nn_model_output_dim(m) == 2, "input 2, output 2");
	nn_layer_info li;
	ok(nn_model_layer_info(m, 1, &li) == NN_OK && li.units == 4 && li.input_dim == 4 &&
	   li.act == NN_ACT_RELU, "layer 2: 4 relu units on 4 inputs");
	ok(nn_model_layer_info(m, 3, &li) == NN_ELAYER, "layer index out of range");
	mat *W = nn_model_kernel(m, 0);
	ok(W && W->rows == 2 && W->cols == 4 && W->ndim == 2, "kernel 0 is 2 x 4");
	ok(nn_model_bias(m, 2)->ndim == 1 && nn_model_bias(m, 2)->cols == 2, "bias 2 has 2 elements");
	ok(nn_model_kernel(m, 3) == NULL, "no kernel past the last layer");
	nn_model_free(m);

	/* input size unknown: nothing drawn until build, then the same draws */
	rng_seed(&r, 0);
	m = xor_model(&r, 0);
	ok(nn_model_kernel(m, 0) == NULL && nn_model_param_count(m) == 0, "unbuilt: no weights");
	ok(nn_model_input_dim(m) == 0, "unbuilt: input size unknown");
	ok(rng_u32(&r) == 2357136044U, "adding unbuilt layers draws nothing");
	rng_seed(&r, 0);
	ok(nn_model_build(m, 2, &r) == NN_OK, "build for 2 inputs");
	flat_weights(m, w);
	ok(same_doubles(w, XOR_W0, 42), "deferred build draws the same weights in the same order");
	ok(nn_model_build(m, 2, &r) == NN_OK, "building again for the same size is a no-op");
	ok(nn_model_build(m, 3, &r) == NN_EINPUT, "building for another size fails");

	/* adding to a built model moves the weights; the views follow */
	double k0 = nn_model_kernel(m, 0)->data[5];
	ok(nn_model_add_dense(m, 3, NN_ACT_LINEAR, 0, &r) == NN_OK, "add a 4th layer to a built model");
	ok(nn_model_kernel(m, 0)->data[5] == k0 && nn_model_param_count(m) == 42 + 9,
	   "earlier weights kept, 9 more parameters");
	nn_model_free(m);
	nn_model_free(NULL);
}

static void test_set_weights(void)
{
	rng r;
	rng_seed(&r, 1);
	nn_model *m = nn_model_new();
	nn_model_add_dense(m, 2, NN_ACT_LINEAR, 3, &r);
	double wd[6] = {1, 2, 3, 4, 5, 6}, bd[2] = {0.5, -0.5};
	mat W, b, bad;
	mat_wrap(&W, wd, mat_shape2(3, 2));
	mat_wrap(&b, bd, mat_shape1(2));
	unsigned long v0 = nn_model_version(m);
	ok(nn_model_set_weights(m, 0, &W, &b) == NN_OK, "set_weights");
	ok(nn_model_version(m) != v0, "set_weights bumps the version");
	ok(same_doubles(nn_model_kernel(m, 0)->data, wd, 6), "kernel replaced");
	mat_wrap(&bad, wd, mat_shape2(2, 3));
	ok(nn_model_set_weights(m, 0, &bad, &b) == MAT_ESHAPE, "a 2 x 3 kernel for 3 x 2 is refused");
	mat_wrap(&bad, wd, mat_shape1(3));
	ok(nn_model_set_weights(m, 0, &W, &bad) == MAT_ESHAPE, "a 3-element bias is refused");
	ok(nn_model_set_weights(m, 1, &W, &b) == NN_ELAYER, "set_weights on a missing layer");
	ok(nn_model_set_weights(m, 0, nn_model_kernel(m, 0), nn_model_bias(m, 0)) == NN_OK,
	   "the model's own views may be passed back");

	double x[3] = {1, -1, 2}, out[2];
	nn_model_predict_row(m, x, out);
	is_num(out[0], (1 * 1 + -1 * 3 + 2 * 5) + 0.5, 0, "predict_row: x.W + b");
	v0 = nn_model_version(m);
	nn_model_touch(m);
	ok(nn_model_version(m) != v0, "touch bumps the version");
	nn_model_free(m);

	m = nn_model_new();
	nn_model_add_dense(m, 2, NN_ACT_LINEAR, 0, &r);
	ok(nn_model_set_weights(m, 0, &W, &b) == NN_ENOTBUILT, "set_weights before the input size is known");
	nn_model_predict_row(m, x, out);
	ok(isnan(out[0]) && isnan(out[1]), "predict_row of an unbuilt model gives NaN");
	nn_model_free(m);
}

static void test_summary(void)
{
	rng r;
	strbuf sb = STRBUF_INIT;
	rng_seed(&r, 0);
	nn_model *m = xor_model(&r, 0);
	nn_model_summary(m, &sb);
	ok(strstr(sb_str(&sb), "dense_2 (Dense)       (None, 4)         ?\n") != NULL,
	   "unbuilt summary: shapes known, counts not");
	ok(strstr(sb_str(&sb), "Total params: ? (the input size is not known yet)") != NULL,
	   "unbuilt summary says why");
	sb_clear(&sb);
	nn_model_build(m, 2, &r);
	nn_model_summary(m, &sb);
	is_str(sb_str(&sb),
	       "Model: \"sequential\"\n"
	       "________________________________________________________\n"
	       "Layer (type)          Output Shape      Param #\n"
	       "========================================================\n"
	       "dense_1 (Dense)       (None, 4)         12\n"
	       "________________________________________________________\n"
	       "dense_2 (Dense)       (None, 4)         20\n"
	       "________________________________________________________\n"
	       "dense_3 (Dense)       (None, 2)         10\n"
	       "========================================================\n"
	       "Total params: 42\n"
	       "Trainable params: 42\n"
	       "Non-trainable params: 0\n"
	       "________________________________________________________\n",
	       "summary of the seed 004 model");
	int narrow = 1;
	for (const char *s = sb_str(&sb); *s;) {
		const char *e = strchr(s, '\n');
		narrow &= e - s <= 64;
		s = e + 1;
	}
	ok(narrow, "every summary line fits in 64 columns");
	nn_model_free(m);
	sb_free(&sb);
}

static void test_errors(void)
{
	rng r;
	rng_seed(&r, 0);
	nn_model *m = nn_model_new();
	double xd[6] = {1, 2, 3, 4, 5, 6}, yd[6] = {1, 0, 0, 1, 1, 0}, loss = 0, pd[6];
	size_t steps, idx[2] = {0, 5};
	mat X, y, P;
	mat_wrap(&X, xd, mat_shape2(3, 2));
	mat_wrap(&y, yd, mat_shape2(3, 2));
	mat_wrap(&P, pd, mat_shape2(3, 2));

	ok(nn_model_check_data(m, &X, &y) == NN_ENOLAYERS, "no layers");
	ok(nn_model_build(m, 2, &r) == NN_ENOLAYERS, "build without layers");
	ok(nn_model_predict(m, &X, &P) == NN_ENOLAYERS, "predict without layers");
	ok(nn_model_add_dense(m, 0, NN_ACT_RELU, 2, &r) == MAT_EARG, "zero units: MAT_EARG");
	ok(nn_model_add_dense(m, (size_t)1 << 40, NN_ACT_RELU, 2, &r) == MAT_ETOOBIG,
	   "2^40 units: MAT_ETOOBIG, no crash");
	ok(nn_model_add_dense(m, (size_t)1 << 20, NN_ACT_RELU, (size_t)1 << 10, &r) == MAT_ETOOBIG,
	   "a 2^10 x 2^20 kernel: MAT_ETOOBIG");
	ok(nn_model_add_dense(m, SIZE_MAX, NN_ACT_RELU, 0, &r) == MAT_ETOOBIG, "SIZE_MAX units");
	ok(nn_model_nlayers(m) == 0, "failed adds leave no layer behind");
	nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, &r);
	ok(nn_model_add_dense(m, (size_t)1 << 20, NN_ACT_RELU, 0, &r) == NN_OK &&
	   nn_model_add_dense(m, (size_t)1 << 10, NN_ACT_RELU, 0, &r) == NN_OK,
	   "wide layers are accepted while unbuilt ...");
	ok(nn_model_build(m, 2, &r) == MAT_ETOOBIG && nn_model_input_dim(m) == 0 &&
	   nn_model_kernel(m, 0) == NULL,
	   "... and refused at build, leaving the model unbuilt");
	nn_model_free(m);

	m = nn_model_new();
	nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, &r);
	ok(nn_model_train_epoch(m, &X, &y, 2, 0, &r, &loss, &steps) == NN_ENOTCOMPILED,
	   "fit before compile: NN_ENOTCOMPILED");
	ok(nn_model_train_batch(m, &X, &y, NULL, 3, &loss) == NN_ENOTCOMPILED, "train_batch too");
	ok(nn_model_evaluate(m, &X, &y, &loss) == NN_ENOTCOMPILED, "evaluate too");
	ok(!nn_model_compiled(m) && nn_model_optim(m) == NULL, "not compiled, no optimizer");
	nn_model_compile(m, NN_LOSS_CCE, NULL);
	ok(nn_model_compiled(m) && nn_model_optim(m)->kind == NN_OPT_RMSPROP,
	   "compile without an optimizer uses RMSprop, as Keras");
	ok(nn_model_loss(m) == NN_LOSS_CCE, "the loss is kept");
	ok(nn_model_train_epoch(m, &X, &y, 2, 0, &r, &loss, &steps) == NN_ENOTBUILT,
	   "fit before the input size is known: NN_ENOTBUILT");
	ok(nn_model_predict(m, &X, &P) == NN_ENOTBUILT, "predict unbuilt: NN_ENOTBUILT");
	ok(nn_model_build(m, 0, &r) == NN_EINPUT, "build for 0 inputs");
	nn_model_build(m, 2, &r);

	mat X3, y3, y1, yrow;
	mat_wrap(&X3, xd, mat_shape2(2, 3));
	ok(nn_model_check_data(m, &X3, &y) == NN_EINPUT, "3 columns for 2 inputs: NN_EINPUT");
	ok(nn_model_train_epoch(m, &X3, &y, 2, 0, &r, &loss, &steps) == NN_EINPUT, "fit refuses it");
	ok(nn_model_predict(m, &X3, &P) == NN_EINPUT, "predict refuses it");
	mat_wrap(&y3, yd, mat_shape2(2, 3));
	ok(nn_model_check_data(m, &X, &y3) == NN_ETARGET, "2 x 3 targets for 3 x 2 outputs: NN_ETARGET");
	mat_wrap(&y1, yd, mat_shape1(3));
	ok(nn_model_check_data(m, &X, &y1) == NN_ETARGET, "1-D targets for 2 outputs: NN_ETARGET");
	mat_wrap(&yrow, yd, mat_shape2(2, 2));
	ok(nn_model_train_batch(m, &X, &yrow, NULL, 2, &loss) == NN_ETARGET, "2 target rows for 3 inputs");
	mat_wrap(&X3, xd, mat_shape2(0, 2));
	ok(nn_model_check_data(m, &X3, &y) == NN_EINPUT, "no rows: NN_EINPUT");
	ok(nn_model_train_batch(m, &X, &y, idx, 2, &loss) == MAT_EINDEX, "row index out of range");
	ok(nn_model_train_batch(m, &X, &y, idx, 0, &loss) == MAT_EARG, "empty batch");
	mat_wrap(&P, pd, mat_shape2(2, 2));
	ok(nn_model_predict(m, &X, &P) == MAT_ESHAPE, "predict into a too small array");

	const int codes[] = {NN_OK, NN_ENOTCOMPILED, NN_ENOLAYERS, NN_EINPUT, NN_ETARGET,
	                     NN_ENOTBUILT, NN_ELAYER, MAT_ETOOBIG, MAT_ENOMEM};
	int named = 1;
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		named &= strlen(nn_strerror(codes[i])) > 5;
	ok(named, "every status has a message");
	is_str(nn_strerror(MAT_ENOMEM), "not enough memory", "MAT_* codes pass through");
	nn_model_free(m);
}

/* Every allocation may fail under the budget: a status, never a crash. */
static void test_budget(void)
{
	rng r;
	rng_seed(&r, 0);
	size_t base = mem_used();
	nn_model *m = nn_model_new();
	mem_set_limit(mem_used() + 4096);
	int st = nn_model_add_dense(m, 1000, NN_ACT_RELU, 1000, &r);
	ok(st == MAT_ENOMEM && nn_model_nlayers(m) == 0, "a wide layer over budget: MAT_ENOMEM");
	mem_set_limit(mem_used() + 32768);
	st = nn_model_add_dense(m, 1000, NN_ACT_RELU, 1000, &r);
	ok(st == MAT_ENOMEM && nn_model_nlayers(m) == 0, "its kernel over budget: MAT_ENOMEM");
	mem_set_limit(0);
	nn_model_add_dense(m, 200, NN_ACT_RELU, 2, &r);
	nn_model_add_dense(m, 1, NN_ACT_SIGMOID, 0, &r);
	nn_model_compile(m, NN_LOSS_BCE, NULL);
	mat *X = mat_new(mat_shape2(5000, 2)), *y = mat_new(mat_shape1(5000));
	double loss;
	size_t steps;
	mem_set_limit(mem_used() + 4096);
	ok(nn_model_train_epoch(m, X, y, 5000, 1, &r, &loss, &steps) == MAT_ENOMEM,
	   "a batch whose workspace is over budget: MAT_ENOMEM");
	mem_set_limit(0);
	ok(nn_model_train_epoch(m, X, y, 5000, 1, &r, &loss, &steps) == NN_OK && steps == 1,
	   "the same epoch runs once the budget allows it");
	mat_free(X);
	mat_free(y);
	nn_model_free(m);
	ok(mem_used() == base, "the model returns every byte it charged");
}

static void test_nan(void)
{
	rng r;
	rng_seed(&r, 3);
	nn_model *m = xor_model(&r, 2);
	nn_optim o;
	nn_optim_defaults(&o, NN_OPT_SGD);
	nn_model_compile(m, NN_LOSS_BCE, &o);
	double xd[8] = {0.5, 0.5, NAN, 1.0, -1.0, 0.3, 0.2, 0.2}, yd[8] = {1, 0, 0, 1, 0, 1, 1, 0};
	double loss = 0, out[2];
	size_t steps;
	mat X, y;
	mat_wrap(&X, xd, mat_shape2(4, 2));
	mat_wrap(&y, yd, mat_shape2(4, 2));
	ok(nn_model_evaluate(m, &X, &y, &loss) == NN_OK && isnan(loss), "a NaN input: NaN loss (evaluate)");
	ok(nn_model_train_epoch(m, &X, &y, 4, 0, &r, &loss, &steps) == NN_OK && isnan(loss),
	   "a NaN input: NaN epoch loss, reported not hidden");
	nn_model_predict_row(m, xd, out);
	ok(isnan(out[0]), "the NaN reached the weights");
	nn_model_free(m);
}

/* Smallest |pre-activation| of the hidden relu layers on X (n x 2). */
static double min_hidden_z(nn_model *m, const double *X, size_t n)
{
	double zmin = INFINITY, a[8], z[8];
	for (size_t i = 0; i < n; i++) {
		const double *in = X + 2 * i;
		size_t nin = 2;
		for (size_t l = 0; l + 1 < nn_model_nlayers(m); l++) {
			mat *W = nn_model_kernel(m, l), *b = nn_model_bias(m, l);
			for (size_t j = 0; j < W->cols; j++) {
				z[j] = b->data[j];
				for (size_t k = 0; k < nin; k++)
					z[j] += in[k] * W->data[k * W->cols + j];
				if (fabs(z[j]) < zmin)
					zmin = fabs(z[j]);
			}
			for (size_t j = 0; j < W->cols; j++)
				a[j] = z[j] > 0 ? z[j] : 0;
			in = a;
			nin = W->cols;
		}
	}
	return zmin;
}

/*
** Central differences of the batch loss in every weight against the
** model's backward pass, with the relative error over the whole vector
** and a guard against an all-zero gradient.
*/
static void network_check(nn_model *m, const mat *X, const mat *y, const char *name)
{
	size_t np = nn_model_param_count(m);
	double *g = malloc(np * sizeof *g), *scratch = malloc(np * sizeof *g);
	double loss, an = 0, nm = 0, dn = 0;
	const double h = 1e-6;
	nn_model_gradient(m, X, y, NULL, X->rows, g, &loss);
	size_t k = 0;
	for (size_t l = 0; l < nn_model_nlayers(m); l++) {
		mat *arr[2] = {nn_model_kernel(m, l), nn_model_bias(m, l)};
		for (int a = 0; a < 2; a++)
			for (size_t j = 0; j < mat_size(arr[a]); j++, k++) {
				double *w = &arr[a]->data[j], w0 = *w, up, down;
				*w = w0 + h;
				nn_model_gradient(m, X, y, NULL, X->rows, scratch, &up);
				*w = w0 - h;
				nn_model_gradient(m, X, y, NULL, X->rows, scratch, &down);
				*w = w0;
				double num = (up - down) / (2 * h);
				dn += (num - g[k]) * (num - g[k]);
				an += g[k] * g[k];
				nm += num * num;
			}
	}
	double rel = sqrt(dn) / (sqrt(an) + sqrt(nm));
	ok(k == np && an > 0, "%s: %zu weights, gradient not all zero", name, np);
	ok(rel < 1e-6, "%s: backprop matches central differences (rel. error %.2e)", name, rel);
	free(g);
	free(scratch);
}

static void test_gradients(void)
{
	static const double xd[16] = {0.42, 0.41, 0.41, 1.47, 0.42, -2.28, 1.08, 0.51,
	                              -1.11, 0.97, -0.3, -0.8, 1.9, -0.6, 0.7, 0.25};
	static const double yd[16] = {1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0};
	mat X, y;
	rng r;
	rng_seed(&r, 4);
	nn_model *m = xor_model(&r, 2);
	nn_optim o;
	nn_optim_defaults(&o, NN_OPT_SGD);
	nn_model_compile(m, NN_LOSS_BCE, &o);
	/* non-zero biases, so their gradients are checked away from the init */
	for (size_t l = 0; l < 3; l++)
		for (size_t j = 0; j < mat_size(nn_model_bias(m, l)); j++)
			nn_model_bias(m, l)->data[j] = 0.05 * (double)(j + 1) - 0.02 * (double)l;
	mat_wrap(&X, (double *)xd, mat_shape2(8, 2));
	mat_wrap(&y, (double *)yd, mat_shape2(8, 2));
	double zmin = min_hidden_z(m, xd, 8);
	ok(zmin > 1e-4, "2-4-4-2: no hidden pre-activation near relu's kink (min %.3g)", zmin);
	network_check(m, &X, &y, "2-4-4-2 relu/relu/softmax, BCE");
	nn_model_free(m);

	/* seed 001's neuron: 3 inputs, one sigmoid unit, MSE */
	static const double x3[12] = {0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1};
	static const double y3[4] = {0, 1, 1, 0};
	rng_seed(&r, 1);
	m = nn_model_new();
	nn_model_add_dense(m, 1, NN_ACT_SIGMOID, 3, &r);
	nn_model_compile(m, NN_LOSS_MSE, &o);
	mat_wrap(&X, (double *)x3, mat_shape2(4, 3));
	mat_wrap(&y, (double *)y3, mat_shape1(4));
	network_check(m, &X, &y, "3-1 sigmoid, MSE (1-D targets)");
	nn_model_free(m);

	/* a deeper mix: tanh, linear and softmax with categorical cross-entropy */
	rng_seed(&r, 9);
	m = nn_model_new();
	nn_model_add_dense(m, 5, NN_ACT_TANH, 2, &r);
	nn_model_add_dense(m, 3, NN_ACT_LINEAR, 0, &r);
	nn_model_add_dense(m, 9, NN_ACT_SIGMOID, 0, &r);
	nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, &r);
	nn_model_compile(m, NN_LOSS_CCE, &o);
	mat_wrap(&X, (double *)xd, mat_shape2(8, 2));
	mat_wrap(&y, (double *)yd, mat_shape2(8, 2));
	network_check(m, &X, &y, "2-5-3-9-2 tanh/linear/sigmoid/softmax, CCE");
	nn_model_free(m);
}

int main(void)
{
	test_weights();
	test_set_weights();
	test_summary();
	test_errors();
	test_budget();
	test_nan();
	test_gradients();
	return tap_done();
}
