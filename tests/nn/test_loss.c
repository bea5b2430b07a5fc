/*
** test_loss.c — Keras' losses: names, values against numpy renderings of
** Keras' formulas (fixtures/gen_nn.py), gradients against central
** differences, NaN, clipping and hinge's label rule.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "loss.h"
#include "tap.h"
#include "fixtures/nn_vectors.h"

#define NLOSS 7

static const nn_loss all[NLOSS] = {
	NN_LOSS_MSE, NN_LOSS_MAE, NN_LOSS_HINGE, NN_LOSS_BCE,
	NN_LOSS_CCE, NN_LOSS_MSLE, NN_LOSS_MAPE,
};

static void test_names(void)
{
	static const struct {
		const char *s;
		nn_loss l;
	} cases[] = {
		{"mse", NN_LOSS_MSE}, {"mean_squared_error", NN_LOSS_MSE},
		{"MeanSquaredError", NN_LOSS_MSE}, {"MSE", NN_LOSS_MSE},
		{"mae", NN_LOSS_MAE}, {"MeanAbsoluteError", NN_LOSS_MAE},
		{"hinge", NN_LOSS_HINGE}, {"Hinge", NN_LOSS_HINGE},
		{"binary_crossentropy", NN_LOSS_BCE}, {"BinaryCrossentropy", NN_LOSS_BCE},
		{"categorical_crossentropy", NN_LOSS_CCE}, {"CategoricalCrossentropy", NN_LOSS_CCE},
		{"MeanSquaredLogarithmicError", NN_LOSS_MSLE}, {"msle", NN_LOSS_MSLE},
		{"mean_squared_logarithmic_error", NN_LOSS_MSLE},
		{"MeanAbsolutePercentageError", NN_LOSS_MAPE}, {"mape", NN_LOSS_MAPE},
	};
	int good = 1;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		nn_loss l = (nn_loss)-1;
		if (nn_loss_parse(cases[i].s, &l) != 0 || l != cases[i].l) {
			printf("#   %s\n", cases[i].s);
			good = 0;
		}
	}
	ok(good, "every Keras spelling parses");
	nn_loss l;
	ok(nn_loss_parse("cross_entropy", &l) == -1 && nn_loss_parse("", &l) == -1 &&
	   nn_loss_parse(NULL, &l) == -1 && nn_loss_parse("mse2", &l) == -1,
	   "unknown names are refused");
	is_str(nn_loss_name(NN_LOSS_BCE), "binary_crossentropy", "canonical name");
	is_str(nn_loss_name(NN_LOSS_MSE), "mean_squared_error", "canonical name of mse");
	for (int i = 0; i < NLOSS; i++) {
		ok(nn_loss_parse(nn_loss_name(all[i]), &l) == 0 && l == all[i],
		   "%s round-trips", nn_loss_name(all[i]));
	}
}

static void test_values(void)
{
	for (int i = 0; i < NLOSS; i++) {
		double got = nn_loss_eval(all[i], LOSS_Y, LOSS_P, NULL, 3, 2);
		is_num(got, LOSS_WANT[i], 1e-13 * fabs(LOSS_WANT[i]), "%s, 0/1 targets",
		       nn_loss_name(all[i]));
		got = nn_loss_eval(all[i], LOSS_Y2, LOSS_P2, NULL, 2, 3);
		is_num(got, LOSS_WANT2[i], 1e-13 * fabs(LOSS_WANT2[i]), "%s, other targets",
		       nn_loss_name(all[i]));
	}
	static const double hy[4] = {0, 1, 1, 0}, hp[4] = {.3, -.2, 1.5, -2};
	is_num(nn_loss_eval(NN_LOSS_HINGE, hy, hp, NULL, 4, 1), HINGE_TABLE, 1e-15,
	       "numerics.md: hinge maps 0/1 labels to -1/+1 (0.625)");
	static const double by[4] = {1, 0, 0, 1}, bp[4] = {.7, .3, .4, .6};
	is_num(nn_loss_eval(NN_LOSS_BCE, by, bp, NULL, 2, 2), BCE_TABLE, 1e-15,
	       "numerics.md: BCE averages over both columns");
	is_num(BCE_TABLE, 0.43375, 1e-5, "... which is about 0.43375");

	/* hinge with -1/+1 labels uses them as given; mixed labels are not mapped */
	static const double sy[4] = {-1, 1, 1, -1};
	is_num(nn_loss_eval(NN_LOSS_HINGE, sy, hp, NULL, 4, 1), HINGE_TABLE, 1e-15,
	       "hinge: -1/+1 labels give the same loss as 0/1");
	static const double my[2] = {0, 2}, mp[2] = {0.5, 0.25};
	is_num(nn_loss_eval(NN_LOSS_HINGE, my, mp, NULL, 2, 1), (1.0 + 0.5) / 2, 1e-15,
	       "hinge: labels {0, 2} are not mapped");

	/* clipping: certain and wrong predictions give a large but finite loss */
	static const double cy[2] = {1, 0}, cp[2] = {0, 1};
	double big = nn_loss_eval(NN_LOSS_BCE, cy, cp, NULL, 1, 2);
	double want = 0.5 * (-log(1e-7 + 1e-7) - log(1.0 - (1.0 - 1e-7) + 1e-7));
	is_num(big, want, 1e-14, "BCE clips p to [1e-7, 1-1e-7] and adds 1e-7");
	double g[2];
	nn_loss_eval(NN_LOSS_BCE, cy, cp, g, 1, 2);
	ok(g[0] == 0.0 && g[1] == 0.0, "no gradient through a clipped prediction");
	/* standalone Keras 2.2's logit form: no eps inside the logs */
	static const double ly[4] = {1, 0, 0, 1}, lp[4] = {0.7, 0.3, 0.4, 0.6};
	is_num(nn_loss_eval(NN_LOSS_BCE_LOGIT, ly, lp, NULL, 2, 2), 0.4337502838523616, 1e-15,
	       "BCE through logits: -(y log p + (1-y) log(1-p)), mean over the columns");
	is_str(nn_loss_name(NN_LOSS_BCE_LOGIT), "binary_crossentropy", "its Keras name is the same");
	static const double zy[1] = {0}, zp[1] = {1};
	is_num(nn_loss_eval(NN_LOSS_BCE_LOGIT, zy, zp, NULL, 1, 1), 16.118095651484676, 1e-12,
	       "BCE through logits at a clipped prediction: -log(1e-7), not -log(2e-7)");
	nn_loss_eval(NN_LOSS_BCE_LOGIT, cy, cp, g, 1, 2);
	ok(g[0] == 0.0 && g[1] == 0.0, "BCE through logits: no gradient through a clipped prediction");
	nn_loss parsed;
	ok(nn_loss_parse("binary_crossentropy", &parsed) == 0 && parsed == NN_LOSS_BCE,
	   "the name alone means tf.keras' form");
	static const double ccy[2] = {0, 1}, ccp[2] = {0.5, 0.0};
	is_num(nn_loss_eval(NN_LOSS_CCE, ccy, ccp, NULL, 1, 2), -log(1e-7), 1e-12,
	       "CCE clips to 1e-7 and sums over the columns");

	ok(isnan(nn_loss_eval(NN_LOSS_MSE, LOSS_Y, LOSS_P, NULL, 0, 2)), "an empty batch gives NaN");
}

/* A NaN prediction or target, anywhere, gives a NaN loss for every loss. */
static void test_nan(void)
{
	for (int i = 0; i < NLOSS; i++) {
		double p[6], y[6], g[6];
		for (int k = 0; k < 6; k++) {
			p[k] = LOSS_P[k];
			y[k] = LOSS_Y[k];
		}
		p[3] = NAN;
		ok(isnan(nn_loss_eval(all[i], y, p, g, 3, 2)), "%s: NaN prediction -> NaN loss",
		   nn_loss_name(all[i]));
		p[3] = LOSS_P[3];
		y[4] = NAN;
		ok(isnan(nn_loss_eval(all[i], y, p, NULL, 3, 2)), "%s: NaN target -> NaN loss",
		   nn_loss_name(all[i]));
	}
}

/*
** Central differences of the batch loss against the analytic gradient,
** at points away from every kink (|p - y| and |1 - y p| well above h,
** predictions inside the clipping range).  The relative error is taken
** over the whole gradient vector; a gradient that is all zero fails.
*/
static void fd_check(nn_loss l, const double *y, const double *p0, size_t rows, size_t cols)
{
	const double h = 1e-6;
	double p[12] = {0}, g[12] = {0}, num[12], dn = 0.0, an = 0.0, nn2 = 0.0;
	size_t n = rows * cols;
	for (size_t k = 0; k < n; k++)
		p[k] = p0[k];
	nn_loss_eval(l, y, p, g, rows, cols);
	for (size_t k = 0; k < n; k++) {
		p[k] = p0[k] + h;
		double up = nn_loss_eval(l, y, p, NULL, rows, cols);
		p[k] = p0[k] - h;
		double down = nn_loss_eval(l, y, p, NULL, rows, cols);
		p[k] = p0[k];
		num[k] = (up - down) / (2 * h);
		dn += (num[k] - g[k]) * (num[k] - g[k]);
		an += g[k] * g[k];
		nn2 += num[k] * num[k];
	}
	double rel = sqrt(dn) / (sqrt(an) + sqrt(nn2));
	ok(an > 0, "%s: the analytic gradient is not all zero", nn_loss_name(l));
	ok(rel < 1e-6, "%s: gradient matches central differences (rel. error %.2e)",
	   nn_loss_name(l), rel);
}

static void test_gradients(void)
{
	/* 0/1 targets (3x2, hinge maps them); predictions away from the kinks */
	static const double y[6] = {0, 1, 1, 0, 1, 1};
	static const double p[6] = {0.2, 0.7, 0.9, 0.05, 0.6, 0.35};
	/* one-hot targets for CCE and positive, non-zero targets for msle/mape */
	static const double y1h[6] = {0, 1, 1, 0, 0, 1};
	static const double yr[6] = {0.5, 2.0, 1.2, 3.0, 0.7, 1.5};
	static const double pr[6] = {0.25, 1.3, 2.0, 2.5, 0.1, 1.9};
	/* hinge with -1/+1 labels and margins on both sides of 1 */
	static const double yh[6] = {-1, 1, 1, -1, 1, -1};
	static const double ph[6] = {0.5, 0.3, 1.7, -2.0, -0.4, 0.1};
	fd_check(NN_LOSS_MSE, yr, pr, 3, 2);
	fd_check(NN_LOSS_MAE, yr, pr, 3, 2);
	fd_check(NN_LOSS_HINGE, y, p, 3, 2);
	fd_check(NN_LOSS_HINGE, yh, ph, 2, 3);
	fd_check(NN_LOSS_BCE, y, p, 3, 2);
	fd_check(NN_LOSS_BCE, yr, p, 2, 3);  /* soft targets take the general formula */
	fd_check(NN_LOSS_BCE_LOGIT, y, p, 3, 2);
	fd_check(NN_LOSS_BCE_LOGIT, yr, p, 2, 3);
	fd_check(NN_LOSS_CCE, y1h, p, 3, 2);
	fd_check(NN_LOSS_MSLE, yr, pr, 3, 2);
	fd_check(NN_LOSS_MAPE, yr, pr, 3, 2);
}

/*
** The loss taken on through a softmax or sigmoid output in one pass is
** the loss, then the activation's backward pass: the same bits, for every
** loss (the BCE_LOGIT form too), on labels 0/1 and on soft targets.
*/
static void test_through_output(void)
{
	static const nn_act outs[2] = {NN_ACT_SOFTMAX, NN_ACT_SIGMOID};
	enum { R = 5, C = 3 };
	double z[R * C], p[R * C], y[R * C], want[R * C], got[R * C];
	for (int i = 0; i < R * C; i++) {
		z[i] = sin(1.7 * i + 0.3) * 4.0;
		y[i] = i % 4 == 0 ? 1.0 : (i % 5 == 0 ? 0.3 : 0.0);
	}
	for (int o = 0; o < 2; o++)
		for (int l = 0; l <= NN_LOSS_BCE_LOGIT; l++) {
			nn_act_forward(outs[o], z, p, R, C);
			double lw = nn_loss_eval((nn_loss)l, y, p, want, R, C), lg = NAN;
			nn_act_backward(outs[o], p, want, want, R, C);
			int done = nn_loss_eval_out((nn_loss)l, outs[o], y, p, got, R, C, &lg);
			ok(done && memcmp(got, want, sizeof got) == 0 && memcmp(&lg, &lw, sizeof lg) == 0,
			   "%s through %s: nn_loss_eval_out gives the two passes' bits",
			   nn_loss_name((nn_loss)l), nn_act_name(outs[o]));
		}
	double lg;
	ok(!nn_loss_eval_out(NN_LOSS_MSE, NN_ACT_RELU, y, p, got, R, C, &lg),
	   "a relu output is left to the two passes");
}

int main(void)
{
	test_names();
	test_values();
	test_nan();
	test_gradients();
	test_through_output();
	return tap_done();
}
