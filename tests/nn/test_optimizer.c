/*
** test_optimizer.c — SGD (plain, momentum, Nesterov), RMSprop and Adam:
** two steps each, worked out by hand below and checked to the last bits
** against the formulas of optimizer.h.
*/
#include <math.h>

#include "optimizer.h"
#include "tap.h"

static const double W0[3] = {1.0, -2.0, 0.5};
static const double G1[3] = {0.5, -1.0, 2.0};
static const double G2[3] = {1.0, 1.0, -1.0};

static int close3(const double *got, const double *want, double tol)
{
	int good = 1;
	for (int i = 0; i < 3; i++)
		if (!(fabs(got[i] - want[i]) <= tol)) {
			printf("#   [%d] got %.17g want %.17g\n", i, got[i], want[i]);
			good = 0;
		}
	return good;
}

static void copy3(double *d, const double *s)
{
	for (int i = 0; i < 3; i++)
		d[i] = s[i];
}

static void test_defaults(void)
{
	nn_optim o;
	nn_optim_defaults(&o, NN_OPT_SGD);
	ok(o.lr == 0.01 && o.momentum == 0 && !o.nesterov, "SGD: lr 0.01, no momentum");
	ok(nn_optim_slots(&o) == 0, "plain SGD keeps no state");
	o.momentum = 0.9;
	ok(nn_optim_slots(&o) == 1, "SGD with momentum keeps a velocity");
	nn_optim_defaults(&o, NN_OPT_RMSPROP);
	ok(o.lr == 0.001 && o.rho == 0.9 && o.eps == 1e-7 && nn_optim_slots(&o) == 1,
	   "RMSprop: lr 1e-3, rho 0.9, eps 1e-7, one slot");
	nn_optim_defaults(&o, NN_OPT_ADAM);
	ok(o.lr == 0.001 && o.beta1 == 0.9 && o.beta2 == 0.999 && o.eps == 1e-7 &&
	   nn_optim_slots(&o) == 2, "Adam: lr 1e-3, betas 0.9/0.999, eps 1e-7, two slots");
	ok(nn_optim_parse("Adam", &o) == 0 && o.kind == NN_OPT_ADAM, "parse Adam");
	ok(nn_optim_parse("RMSprop", &o) == 0 && o.kind == NN_OPT_RMSPROP, "parse RMSprop");
	ok(nn_optim_parse("sgd", &o) == 0 && o.kind == NN_OPT_SGD && o.lr == 0.01, "parse sgd");
	ok(nn_optim_parse("adagrad", &o) == -1 && nn_optim_parse(NULL, &o) == -1, "unknown names fail");
	is_str(nn_optim_name(&o), "SGD", "name SGD");
	nn_optim_defaults(&o, NN_OPT_RMSPROP);
	is_str(nn_optim_name(&o), "RMSprop", "name RMSprop");
}

static void test_sgd(void)
{
	nn_optim o;
	double w[3], v[3] = {0, 0, 0};
	nn_optim_defaults(&o, NN_OPT_SGD);
	o.lr = 0.1;
	copy3(w, W0);
	nn_optim_step(&o, w, G1, NULL, NULL, 3, 1);
	ok(close3(w, (double[]){0.95, -1.9, 0.3}, 1e-15), "SGD: w -= 0.1 g");

	/*
	** momentum 0.9: v1 = -0.1 g1 = (-0.05, 0.1, -0.2), w1 = (0.95, -1.9, 0.3);
	** v2 = 0.9 v1 - 0.1 g2 = (-0.145, -0.01, -0.08), w2 = (0.805, -1.91, 0.22)
	*/
	o.momentum = 0.9;
	copy3(w, W0);
	nn_optim_step(&o, w, G1, v, NULL, 3, 1);
	ok(close3(v, (double[]){-0.05, 0.1, -0.2}, 1e-15), "momentum: first velocity");
	ok(close3(w, (double[]){0.95, -1.9, 0.3}, 1e-15), "momentum: first step");
	nn_optim_step(&o, w, G2, v, NULL, 3, 2);
	ok(close3(v, (double[]){-0.145, -0.01, -0.08}, 1e-15), "momentum: v = 0.9 v - 0.1 g");
	ok(close3(w, (double[]){0.805, -1.91, 0.22}, 1e-15), "momentum: w += v");

	/*
	** Nesterov: the same velocities, but w += 0.9 v - 0.1 g:
	** w1 = (1 - 0.095, -2 + 0.19, 0.5 - 0.38) = (0.905, -1.81, 0.12)
	** w2 = w1 + (-0.2305, -0.109, 0.028) = (0.6745, -1.919, 0.148)
	*/
	o.nesterov = 1;
	copy3(w, W0);
	v[0] = v[1] = v[2] = 0;
	nn_optim_step(&o, w, G1, v, NULL, 3, 1);
	ok(close3(w, (double[]){0.905, -1.81, 0.12}, 1e-15), "nesterov: first step");
	nn_optim_step(&o, w, G2, v, NULL, 3, 2);
	ok(close3(w, (double[]){0.6745, -1.919, 0.148}, 1e-15), "nesterov: second step");
	ok(close3(v, (double[]){-0.145, -0.01, -0.08}, 1e-15), "nesterov: velocity as plain momentum");

	/* the exact bits of the formula */
	double we[3], ve[3] = {0, 0, 0};
	o.nesterov = 0;
	copy3(w, W0);
	copy3(we, W0);
	v[0] = v[1] = v[2] = 0;
	nn_optim_step(&o, w, G1, v, NULL, 3, 1);
	nn_optim_step(&o, w, G2, v, NULL, 3, 2);
	for (int i = 0; i < 3; i++) {
		ve[i] = 0.9 * ve[i] - 0.1 * G1[i];
		we[i] += ve[i];
		ve[i] = 0.9 * ve[i] - 0.1 * G2[i];
		we[i] += ve[i];
	}
	ok(close3(w, we, 0), "momentum: bit for bit the formula");
}

static void test_rmsprop(void)
{
	nn_optim o;
	double w[3], s[3] = {0, 0, 0}, we[3], se[3] = {0, 0, 0};
	nn_optim_defaults(&o, NN_OPT_RMSPROP);
	copy3(w, W0);
	copy3(we, W0);
	nn_optim_step(&o, w, G1, s, NULL, 3, 1);
	/*
	** by hand: s = 0.1 g^2 = (0.025, 0.1, 0.4), so each weight moves by
	** 0.001 g / sqrt(0.1 g^2) = 0.001/sqrt(0.1) = 0.0031622777 against the
	** sign of g (eps = 1e-7 after the root shifts the 9th digit).
	*/
	ok(close3(s, (double[]){0.025, 0.1, 0.4}, 1e-15), "RMSprop: s = (1 - 0.9) g^2");
	ok(close3(w, (double[]){1 - 0.0031622777, -2 + 0.0031622777, 0.5 - 0.0031622777}, 2e-8),
	   "RMSprop: first step is lr/sqrt(1 - rho) against the gradient");
	nn_optim_step(&o, w, G2, s, NULL, 3, 2);
	for (int t = 0; t < 2; t++) {
		const double *g = t ? G2 : G1;
		for (int i = 0; i < 3; i++) {
			se[i] = 0.9 * se[i] + (1 - 0.9) * (g[i] * g[i]);
			we[i] -= 0.001 * g[i] / (sqrt(se[i]) + 1e-7);
		}
	}
	ok(close3(s, se, 0) && close3(w, we, 0),
	   "RMSprop: two steps, bit for bit lr g / (sqrt(v) + eps), as the notebooks' Keras");
	/* second step by hand for w[0]: s = 0.9*0.025 + 0.1 = 0.1225, step 0.001/0.35 */
	is_num(w[0], 1 - 0.0031622777 - 0.001 / 0.35, 2e-8, "RMSprop: second step by hand");
	/* one step from w = 1, g = 0.5, v = 0: the two places of eps differ in the 9th digit */
	double w1 = 1, g1 = 0.5, v1 = 0;
	nn_optim_defaults(&o, NN_OPT_RMSPROP);
	nn_optim_step(&o, &w1, &g1, &v1, NULL, 1, 1);
	is_num(w1, 0.9968377243398303, 1e-16, "RMSprop: eps after the root (Keras 2.2, tf.keras 2.2-2.5)");
	double w2 = 1, v2 = 0;
	o.eps_in_sqrt = 1;
	nn_optim_step(&o, &w2, &g1, &v2, NULL, 1, 1);
	is_num(w2, 0.9968377286643679, 1e-16, "RMSprop: eps under the root (Keras 2.11 and later)");
}

static void test_adam(void)
{
	nn_optim o;
	double w[3], m1[3] = {0, 0, 0}, m2[3] = {0, 0, 0};
	double we[3], a[3] = {0, 0, 0}, b[3] = {0, 0, 0};
	nn_optim_defaults(&o, NN_OPT_ADAM);
	copy3(w, W0);
	copy3(we, W0);
	nn_optim_step(&o, w, G1, m1, m2, 3, 1);
	/*
	** by hand: after one step m1 = 0.1 g, m2 = 0.001 g^2 and
	** lr_t = 0.001 sqrt(0.001)/0.1, so the step is lr_t 0.1|g|/(sqrt(0.001)|g|)
	** = 0.001: every weight moves by lr against its gradient's sign.
	*/
	ok(close3(m1, (double[]){0.05, -0.1, 0.2}, 1e-16), "Adam: m1 = 0.1 g");
	ok(close3(m2, (double[]){0.00025, 0.001, 0.004}, 1e-17), "Adam: m2 = 0.001 g^2");
	ok(close3(w, (double[]){0.999, -1.999, 0.499}, 1e-8), "Adam: first step moves each weight by lr");
	nn_optim_step(&o, w, G2, m1, m2, 3, 2);
	for (long t = 1; t <= 2; t++) {
		const double *g = t == 2 ? G2 : G1;
		double lr_t = 0.001 * sqrt(1 - pow(0.999, (double)t)) / (1 - pow(0.9, (double)t));
		for (int i = 0; i < 3; i++) {
			a[i] = 0.9 * a[i] + (1 - 0.9) * g[i];
			b[i] = 0.999 * b[i] + (1 - 0.999) * (g[i] * g[i]);
			we[i] -= lr_t * a[i] / (sqrt(b[i]) + 1e-7);
		}
	}
	ok(close3(w, we, 0) && close3(m1, a, 0) && close3(m2, b, 0),
	   "Adam: two steps, bit for bit the formula (bias correction in the step size)");
	/*
	** second step by hand for w[2]: m1 = 0.9*0.2 - 0.1 = 0.08,
	** m2 = 0.999*0.004 + 0.001 = 0.004996, lr_t = 0.001 sqrt(0.001999)/0.19
	*/
	double lr2 = 0.001 * sqrt(0.001999) / 0.19;
	is_num(w[2], 0.499 - lr2 * 0.08 / sqrt(0.004996), 1e-8, "Adam: second step by hand");
}

int main(void)
{
	test_defaults();
	test_sgd();
	test_rmsprop();
	test_adam();
	return tap_done();
}
