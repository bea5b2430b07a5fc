/*
** test_activation.c — activations: names, values, NaN, and every
** derivative twice against central differences: on its own (through
** nn_act_backward) and through a Dense layer (through the model's
** backward pass).
*/
#include <math.h>
#include <stdlib.h>

#include "activation.h"
#include "model.h"
#include "tap.h"

#define NACT 6

static const nn_act all[NACT] = {
	NN_ACT_LINEAR, NN_ACT_STEP, NN_ACT_SIGMOID, NN_ACT_TANH, NN_ACT_RELU, NN_ACT_SOFTMAX,
};

static void test_names(void)
{
	nn_act a = NN_ACT_RELU;
	ok(nn_act_parse(NULL, &a) == 0 && a == NN_ACT_LINEAR, "NULL is linear, as Keras' None");
	ok(nn_act_parse("ReLU", &a) == 0 && a == NN_ACT_RELU, "case is ignored");
	ok(nn_act_parse("softmax", &a) == 0 && a == NN_ACT_SOFTMAX, "softmax");
	ok(nn_act_parse("swish", &a) == -1 && nn_act_parse("", &a) == -1, "unknown names fail");
	for (int i = 0; i < NACT; i++)
		ok(nn_act_parse(nn_act_name(all[i]), &a) == 0 && a == all[i], "%s round-trips",
		   nn_act_name(all[i]));
}

static void test_values(void)
{
	is_num(nn_act_scalar(NN_ACT_SIGMOID, 0), 0.5, 0, "sigmoid(0) = 0.5");
	is_num(nn_act_scalar(NN_ACT_SIGMOID, 2), 1.0 / (1.0 + exp(-2.0)), 0, "sigmoid is 1/(1+exp(-z))");
	is_num(nn_act_scalar(NN_ACT_SIGMOID, -800), 0.0, 0, "sigmoid(-800) underflows to 0, no NaN");
	is_num(nn_act_scalar(NN_ACT_TANH, 0.5), tanh(0.5), 0, "tanh");
	is_num(nn_act_scalar(NN_ACT_RELU, -3), 0.0, 0, "relu(-3) = 0");
	is_num(nn_act_scalar(NN_ACT_RELU, 2.5), 2.5, 0, "relu(2.5) = 2.5");
	is_num(nn_act_scalar(NN_ACT_STEP, 0), 1.0, 0, "step(0) = 1");
	is_num(nn_act_scalar(NN_ACT_STEP, -1e-300), 0.0, 0, "step(-tiny) = 0");
	is_num(nn_act_scalar(NN_ACT_SOFTMAX, 7), 1.0, 0, "softmax of one value is 1");
	is_num(nn_act_scalar(NN_ACT_LINEAR, -7.25), -7.25, 0, "linear");

	double z[9] = {1, 2, 3, 1000, 1000, 999, -1, 0.5, -1};
	double y[9];
	nn_act_forward(NN_ACT_SOFTMAX, z, y, 3, 3);
	int sums = 1;
	for (int r = 0; r < 3; r++)
		sums &= fabs(y[3 * r] + y[3 * r + 1] + y[3 * r + 2] - 1.0) < 1e-15;
	ok(sums, "softmax rows sum to 1");
	ok(isfinite(y[3]) && y[3] == y[4], "softmax shifts by the max (no overflow at 1000)");
	double e0 = exp(1.0 - 3.0), e1 = exp(2.0 - 3.0), s = 0.0 + e0 + e1 + 1.0;
	is_num(y[0], e0 / s, 0, "softmax is exp(z - max) / sum");

	/* the two-column case takes its own path; it must give the same bits */
	double z2[8] = {0.3, -1.2, -4.0, 2.5, 7.0, 7.0, -0.0, 0.0};
	double y2[8];
	nn_act_forward(NN_ACT_SOFTMAX, z2, y2, 4, 2);
	int same = 1;
	for (int r = 0; r < 4; r++) {
		double a = z2[2 * r], b = z2[2 * r + 1], mx = b > a ? b : a;
		double ea = exp(a - mx), eb = exp(b - mx), sum = 0.0 + ea + eb;
		same &= y2[2 * r] == ea / sum && y2[2 * r + 1] == eb / sum;
	}
	ok(same, "two-column softmax: the same bits as the general formula");
	nn_act_forward(NN_ACT_SOFTMAX, z2, z2, 4, 2);
	ok(z2[0] == y2[0] && z2[3] == y2[3], "softmax may work in place");
}

static void test_nan(void)
{
	for (int i = 0; i < NACT; i++) {
		double z[4] = {0.5, NAN, -0.5, 1.0}, y[4];
		nn_act_forward(all[i], z, y, 2, 2);
		ok(isnan(y[1]), "%s passes NaN through", nn_act_name(all[i]));
	}
	double z[2] = {NAN, 1.0}, y[2];
	nn_act_forward(NN_ACT_SOFTMAX, z, y, 1, 2);
	ok(isnan(y[0]) && isnan(y[1]), "a NaN makes the whole softmax row NaN");
	double z3[3] = {1.0, NAN, 1.0}, y3[3];
	nn_act_forward(NN_ACT_SOFTMAX, z3, y3, 1, 3);
	ok(isnan(y3[0]) && isnan(y3[2]), "... also with three columns");
}

/*
** nn_act_backward against central differences of L(z) = sum dy * a(z),
** whose gradient is exactly what backward computes.  Points stay away
** from relu's and step's kink at 0.
*/
static void test_backward_fd(void)
{
	static const double z0[6] = {0.7, -1.3, 0.25, 2.0, -0.6, 1.1};
	static const double dy[6] = {0.3, -0.8, 1.5, 0.4, -0.2, 0.9};
	const double h = 1e-6;
	for (int i = 0; i < NACT; i++) {
		nn_act a = all[i];
		double z[6], y[6], g[6], an = 0, nm = 0, dn = 0;
		for (int k = 0; k < 6; k++)
			z[k] = z0[k];
		nn_act_forward(a, z, y, 2, 3);
		nn_act_backward(a, y, dy, g, 2, 3);
		for (int k = 0; k < 6; k++) {
			double up = 0, down = 0;
			z[k] = z0[k] + h;
			nn_act_forward(a, z, y, 2, 3);
			for (int j = 0; j < 6; j++)
				up += dy[j] * y[j];
			z[k] = z0[k] - h;
			nn_act_forward(a, z, y, 2, 3);
			for (int j = 0; j < 6; j++)
				down += dy[j] * y[j];
			z[k] = z0[k];
			double num = (up - down) / (2 * h);
			dn += (num - g[k]) * (num - g[k]);
			an += g[k] * g[k];
			nm += num * num;
		}
		if (a == NN_ACT_STEP) {
			ok(an == 0 && nm == 0, "step: zero derivative, analytic and numeric");
			continue;
		}
		double rel = sqrt(dn) / (sqrt(an) + sqrt(nm));
		ok(an > 0, "%s: derivative not all zero", nn_act_name(a));
		ok(rel < 1e-6, "%s: backward matches central differences (%.2e)", nn_act_name(a), rel);
	}
	double y[2] = {0.25, 0.75}, d[2] = {1.0, 2.0};
	nn_act_backward(NN_ACT_SOFTMAX, y, d, d, 1, 2);
	is_num(d[0], 0.25 * (1.0 - 1.75), 1e-16, "softmax backward may work in place");
}

/* X and y for the Dense checks: 5 samples, 4 features, 3 outputs. */
static const double DX[20] = {
	0.5, -1.2, 0.3, 0.8, -0.7, 0.4, 1.1, -0.2, 0.9, 0.6,
	-0.5, 1.4, -1.0, -0.3, 0.2, 0.7, 0.1, 1.3, -0.8, -0.4,
};
static const double DY[15] = {
	0.2, 0.5, 0.3, 0.9, 0.05, 0.05, 0.1, 0.1, 0.8, 0.6, 0.2, 0.2, 0.3, 0.3, 0.4,
};

/*
** The whole chain through one Dense(3, act) layer with the MSE loss:
** every kernel and bias entry perturbed by +-h through the model's own
** weight views; the model's analytic gradient must match.
*/
static void dense_check(nn_act act, unsigned seed)
{
	rng r;
	rng_seed(&r, seed);
	nn_model *m = nn_model_new();
	nn_optim o;
	nn_optim_defaults(&o, NN_OPT_SGD);
	nn_model_add_dense(m, 3, act, 4, &r);
	nn_model_compile(m, NN_LOSS_MSE, &o);
	mat X, y;
	mat_wrap(&X, (double *)DX, mat_shape2(5, 4));
	mat_wrap(&y, (double *)DY, mat_shape2(5, 3));
	mat *W = nn_model_kernel(m, 0), *b = nn_model_bias(m, 0);
	/* give the bias some value, so its gradient path is exercised off zero */
	for (int j = 0; j < 3; j++)
		b->data[j] = 0.1 * (j + 1);

	/* relu: no pre-activation may sit within reach of the kink */
	double zmin = INFINITY;
	int neg = 0;
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 3; j++) {
			double z = b->data[j];
			for (int k = 0; k < 4; k++)
				z += DX[4 * i + k] * W->data[3 * k + j];
			if (fabs(z) < zmin)
				zmin = fabs(z);
			neg += z < 0;
		}
	if (act == NN_ACT_RELU || act == NN_ACT_STEP) {
		ok(zmin > 1e-3, "%s: pre-activations stay away from 0 (min |z| %.3g)",
		   nn_act_name(act), zmin);
		ok(neg > 0 && neg < 15, "%s: both sides of the kink are exercised (%d of 15 < 0)",
		   nn_act_name(act), neg);
	}

	double g[15], loss, an = 0, nm = 0, dn = 0;
	const double h = 1e-6;
	ok(nn_model_gradient(m, &X, &y, NULL, 5, g, &loss) == NN_OK, "%s: gradient computed",
	   nn_act_name(act));
	for (int k = 0; k < 15; k++) {
		double *w = k < 12 ? &W->data[k] : &b->data[k - 12];
		double w0 = *w, up, down, gg[15];
		*w = w0 + h;
		nn_model_gradient(m, &X, &y, NULL, 5, gg, &up);
		*w = w0 - h;
		nn_model_gradient(m, &X, &y, NULL, 5, gg, &down);
		*w = w0;
		double num = (up - down) / (2 * h);
		dn += (num - g[k]) * (num - g[k]);
		an += g[k] * g[k];
		nm += num * num;
	}
	if (act == NN_ACT_STEP) {
		ok(an == 0 && nm == 0, "step: no gradient reaches the weights");
	} else {
		double rel = sqrt(dn) / (sqrt(an) + sqrt(nm));
		ok(an > 0, "%s: weight gradient not all zero", nn_act_name(act));
		ok(rel < 1e-6, "%s through Dense: matches central differences (%.2e)",
		   nn_act_name(act), rel);
	}
	nn_model_free(m);
}

int main(void)
{
	test_names();
	test_values();
	test_nan();
	test_backward_fd();
	for (int i = 0; i < NACT; i++)
		dense_check(all[i], 2);
	return tap_done();
}
