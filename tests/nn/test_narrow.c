/*
** test_narrow.c — narrow Dense layers (at most 8 units) train through
** unrolled copies specialised by input size and width (model_train.c).
** Whatever copy runs, each sum must run in the plain loops' order, so a
** lesson's printed digits never depend on its network's shape.  This test
** backpropagates with those plain loops here and asks the model's
** gradient, and one training step, to be the same bits, for every pair
** of input sizes and widths the copies cover and some they do not.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "tap.h"

#define MAXW 9
#define ROWS 37

/* x . W + b, summed from the first input on, then relu unless linear. */
static void ref_layer(const double *W, size_t in, size_t u, const double *x, double *z, int relu)
{
	const double *b = W + in * u;
	for (size_t j = 0; j < u; j++) {
		double s = x[0] * W[j];
		for (size_t k = 1; k < in; k++)
			s += x[k] * W[k * u + j];
		s += b[j];
		z[j] = relu && s < 0 ? 0.0 : s;
	}
}

/*
** The gradient of mean squared error over a relu..relu-linear network of
** widths w[0] (input) .. w[nl], by the plain loops; grad as the model
** lays it out.  Returns the loss.
*/
static double ref_gradient(const double *P, const size_t *w, size_t nl, const double *X,
                           const double *Y, size_t n, double *grad)
{
	static double act[MAXW + 1][ROWS][MAXW], D[ROWS][MAXW], Dn[ROWS][MAXW];
	size_t off[MAXW + 1], o = 0;
	for (size_t l = 0; l < nl; l++) {
		off[l] = o;
		o += (w[l] + 1) * w[l + 1];
	}
	for (size_t i = 0; i < n; i++) {
		memcpy(act[0][i], X + i * w[0], w[0] * sizeof(double));
		for (size_t l = 0; l < nl; l++)
			ref_layer(P + off[l], w[l], w[l + 1], act[l][i], act[l + 1][i], l + 1 < nl);
	}
	size_t out = w[nl];
	double scale = 1.0 / (double)(n * out), total = 0.0;
	for (size_t i = 0; i < n; i++) {
		double row = 0.0;
		for (size_t j = 0; j < out; j++) {
			double d = act[nl][i][j] - Y[i * out + j];
			row += d * d;
			D[i][j] = 2.0 * d * scale;
		}
		total += (out & (out - 1)) == 0 ? row * (1.0 / (double)out) : row / (double)out;
	}
	for (size_t l = nl; l-- > 0;) {
		size_t in = w[l], u = w[l + 1];
		double *g = grad + off[l];
		for (size_t k = 0; k <= in; k++)
			for (size_t j = 0; j < u; j++) {
				double s = 0.0;
				for (size_t i = 0; i < n; i++)
					s += k < in ? act[l][i][k] * D[i][j] : D[i][j];
				g[k * u + j] = s;
			}
		const double *W = P + off[l];
		for (size_t i = 0; l > 0 && i < n; i++)
			for (size_t k = 0; k < in; k++) {
				double s = D[i][0] * W[k * u];
				for (size_t j = 1; j < u; j++)
					s += D[i][j] * W[k * u + j];
				Dn[i][k] = act[l][i][k] > 0 ? s : 0.0;
			}
		memcpy(D, Dn, sizeof D);
	}
	return total / (double)n;
}

static int same_bits(const double *a, const double *b, size_t n)
{
	return memcmp(a, b, n * sizeof *a) == 0;
}

/* One network of widths w[0..nl]: its gradient, then a step of SGD. */
static void check_net(const size_t *w, size_t nl)
{
	rng r;
	rng_seed(&r, (uint32_t)(w[0] * 100 + w[1] * 10 + nl));
	nn_model *m = nn_model_new();
	for (size_t l = 0; l < nl; l++)
		nn_model_add_dense(m, w[l + 1], l + 1 < nl ? NN_ACT_RELU : NN_ACT_LINEAR,
		                   l ? 0 : w[0], &r);
	nn_optim o;
	nn_optim_defaults(&o, NN_OPT_SGD);
	nn_model_compile(m, NN_LOSS_MSE, &o);
	mat *X = mat_new(mat_shape2(ROWS, w[0])), *Y = mat_new(mat_shape2(ROWS, w[nl]));
	for (size_t i = 0; i < mat_size(X); i++)
		X->data[i] = rng_standard_normal(&r);
	for (size_t i = 0; i < mat_size(Y); i++)
		Y->data[i] = rng_standard_normal(&r);
	size_t np = nn_model_param_count(m);
	double *P = calloc(np, sizeof *P), *got = calloc(np, sizeof *got);
	double *want = calloc(np, sizeof *want);
	for (size_t l = 0, o2 = 0; l < nl; l++) {
		mat *K = nn_model_kernel(m, l), *b = nn_model_bias(m, l);
		for (size_t j = 0; j < w[l + 1]; j++)
			b->data[j] = rng_uniform(&r, -0.5, 0.5);   /* so some relus are off */
		memcpy(P + o2, K->data, mat_size(K) * sizeof *P);
		memcpy(P + o2 + mat_size(K), b->data, mat_size(b) * sizeof *P);
		o2 += mat_size(K) + mat_size(b);
	}
	double lgot = NAN, lwant = ref_gradient(P, w, nl, X->data, Y->data, ROWS, want);
	int st = nn_model_gradient(m, X, Y, NULL, ROWS, got, &lgot);
	double nz = 0.0;
	for (size_t i = 0; i < np; i++)
		nz += fabs(want[i]);
	ok(st == NN_OK && nz > 0 && same_bits(got, want, np) && lgot == lwant,
	   "%zu-%zu-%zu-%zu: the gradient is the plain loops' bits", w[0], w[1], w[2], w[3]);
	double loss;
	st = nn_model_train_batch(m, X, Y, NULL, ROWS, &loss);
	int moved = 1;
	for (size_t l = 0, o2 = 0; l < nl; l++) {
		mat *K = nn_model_kernel(m, l);
		for (size_t k = 0; k < mat_size(K); k++)
			moved &= K->data[k] == P[o2 + k] + -0.01 * want[o2 + k];
		o2 += mat_size(K) + w[l + 1];
	}
	ok(st == NN_OK && moved, "%zu-%zu-%zu-%zu: one SGD step moves each kernel weight by -lr*g",
	   w[0], w[1], w[2], w[3]);
	free(P);
	free(got);
	free(want);
	mat_free(X);
	mat_free(Y);
	nn_model_free(m);
}

int main(void)
{
	static const size_t sizes[] = {1, 2, 3, 4, 5, 8};
	size_t ns = sizeof sizes / sizeof sizes[0];
	for (size_t a = 0; a < ns; a++)
		for (size_t b = 0; b < ns; b++) {
			size_t w[4] = {sizes[a], sizes[b], sizes[(a + b) % ns], 2};
			check_net(w, 3);
		}
	size_t xor[4] = {2, 4, 4, 2};
	check_net(xor, 3);
	return tap_done();
}
