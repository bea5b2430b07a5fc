/*
** test_perceptron.c — the perceptron notebook's three classes (seed 003),
** run on seeded data and compared with numpy running the notebook's own
** code (fixtures/gen_nn.py): the same weights after every adjustment, bit
** for bit, and the same counts of right answers.
*/
#include <math.h>
#include <stdlib.h>

#include "mem.h"
#include "perceptron.h"
#include "tap.h"
#include "fixtures/nn_vectors.h"

static void test_and_gate(void)
{
	static const double w[2] = {0.5, 0.5};
	static const double in[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
	nn_perceptron *p = nn_perceptron_new(2, 0, w, NULL);
	p->has_threshold = 1;
	p->threshold = 0.5;
	p->act = NN_PCP_STEP;
	int out[4];
	for (int i = 0; i < 4; i++)
		out[i] = nn_perceptron_output(p, in[i]);
	ok(out[0] == 0 && out[1] == 0 && out[2] == 0 && out[3] == 1, "AND gate: 0 0 0 1");
	is_num(nn_perceptron_sum(p, in[1]), 0.5, 0, "sum 0.5 at (0, 1) ...");
	ok(out[1] == 0, "... does not fire: the threshold is strict (> 0.5)");
	p->has_threshold = 0;
	ok(nn_perceptron_output(p, in[0]) == 1, "without a threshold a zero sum fires (>= 0)");
	nn_perceptron_free(p);
	nn_perceptron_free(NULL);
	ok(nn_perceptron_new(0, 0, NULL, NULL) == NULL, "zero inputs: NULL");
}

/* The notebook's "Line Separation": randint points, Perceptron(2), one pass. */
static void test_line(void)
{
	rng r;
	double pts[200];
	rng_seed(&r, 3);
	for (int i = 0; i < 200; i++)
		pts[i] = (double)rng_randint(&r, 1, 100);
	nn_perceptron *p = nn_perceptron_new(2, 0, NULL, &r);
	ok(p->w[0] == PCP_LINE_W0[0] && p->w[1] == PCP_LINE_W0[1],
	   "weights are random((2,)) * 2 - 1 from the generator");
	ok(p->lr == 0.1 && p->act == NN_PCP_STEP && !p->has_threshold && p->bias == 1.0,
	   "the notebook's defaults: lr 0.1, unit step");
	for (int i = 0; i < 100; i++) {
		const double *x = pts + 2 * i;
		double target = x[1] > x[0] + 4;
		nn_perceptron_adjust(p, target, nn_perceptron_output(p, x), x);
	}
	ok(p->w[0] == PCP_LINE_W[0] && p->w[1] == PCP_LINE_W[1],
	   "after one pass: numpy's weights, bit for bit (%.6f %.6f)", p->w[0], p->w[1]);
	int correct = 0;
	for (int i = 0; i < 100; i++) {
		const double *x = pts + 2 * i;
		correct += nn_perceptron_output(p, x) == (x[1] > x[0] + 4);
	}
	ok(correct == PCP_LINE_CORRECT, "%d of 100 right, as numpy", correct);
	nn_perceptron_free(p);
}

/* The two clouds, without a bias (fails) and with one (the sigmoid class). */
static void test_clouds(void)
{
	rng r;
	rng_seed(&r, 5);
	static const double lo[4] = {-2.5, -1.7, -7.2, 3}, hi[4] = {2.3, 2.8, -4.4, 6.5};
	double xs[100], ys[100];
	for (int c = 0; c < 2; c++) {
		for (int i = 0; i < 50; i++)
			xs[50 * c + i] = rng_uniform(&r, lo[2 * c], hi[2 * c]);
		for (int i = 0; i < 50; i++)
			ys[50 * c + i] = rng_uniform(&r, lo[2 * c + 1], hi[2 * c + 1]);
	}
	int same = 1;
	for (int i = 0; i < 100; i++)
		same &= xs[i] == PCP_CLOUD_X[i] && ys[i] == PCP_CLOUD_Y[i];
	ok(same, "the clouds are numpy's uniform draws");

	nn_perceptron *p = nn_perceptron_new(2, 0, NULL, &r);
	for (int i = 0; i < 100; i++) {
		double x[2] = {xs[i], ys[i]};
		nn_perceptron_adjust(p, i >= 50, nn_perceptron_output(p, x), x);
	}
	int correct = 0;
	for (int i = 0; i < 100; i++) {
		double x[2] = {xs[i], ys[i]};
		correct += nn_perceptron_output(p, x) == (i >= 50);
	}
	ok(p->w[0] == PCP_NOBIAS_W[0] && p->w[1] == PCP_NOBIAS_W[1], "no bias: numpy's weights");
	ok(correct == PCP_NOBIAS_CORRECT, "no bias: %d of 100 right, as numpy", correct);
	nn_perceptron_free(p);

	p = nn_perceptron_new(2, 1, NULL, &r);
	ok(p->w[0] == PCP_BIAS_W0[0] && p->w[1] == PCP_BIAS_W0[1] && p->w[2] == PCP_BIAS_W0[2],
	   "with a bias: three weights drawn, the bias weight last");
	ok(p->lr == 0.05 && p->act == NN_PCP_SIGMOID && p->bias == 1.0,
	   "the notebook's bias class: lr 0.05, sigmoid read at 0.5, bias input 1");
	for (int i = 0; i < 100; i++) {
		double x[2] = {xs[i], ys[i]};
		nn_perceptron_adjust(p, i >= 50, nn_perceptron_output(p, x), x);
	}
	correct = 0;
	for (int i = 0; i < 100; i++) {
		double x[2] = {xs[i], ys[i]};
		correct += nn_perceptron_output(p, x) == (i >= 50);
	}
	ok(p->w[0] == PCP_BIAS_W[0] && p->w[1] == PCP_BIAS_W[1] && p->w[2] == PCP_BIAS_W[2],
	   "with a bias: numpy's weights, bit for bit");
	ok(correct == PCP_BIAS_CORRECT, "with a bias: %d of 100 right, as numpy", correct);
	ok(PCP_BIAS_CORRECT > PCP_NOBIAS_CORRECT, "the bias helps, as the notebook says");

	/* sum = inputs first, then + bias * w_bias */
	double x[2] = {1.5, -2.0};
	is_num(nn_perceptron_sum(p, x), (0.0 + p->w[0] * 1.5 + p->w[1] * -2.0) + 1.0 * p->w[2], 0,
	       "sum: (w0 x0 + w1 x1) + bias * w2");
	p->bias = -1.0;
	is_num(nn_perceptron_sum(p, x), (0.0 + p->w[0] * 1.5 + p->w[1] * -2.0) - p->w[2], 0,
	       "another bias input value");
	double w2 = p->w[2];
	nn_perceptron_adjust(p, 1, 0, x);
	is_num(p->w[2], w2 + 1.0 * -1.0 * 0.05, 0, "the bias weight learns error * bias * lr");
	nn_perceptron_free(p);
}

static void test_sums(void)
{
	static const size_t ns[4] = {9, 20, 200, 1000};
	nn_perceptron *p = nn_perceptron_new(1000, 0, PCP_SUM_W, NULL);
	for (int i = 0; i < 4; i++) {
		p->inputs = ns[i];
		is_num(nn_perceptron_sum(p, PCP_SUM_X), PCP_SUM_WANT[i], 0,
		       "%zu inputs: numpy's pairwise sum, bit for bit", ns[i]);
	}
	p->inputs = 1000;
	nn_perceptron_free(p);

	size_t used = mem_used();
	mem_set_limit(used + 64);
	ok(nn_perceptron_new(1000, 0, NULL, NULL) == NULL, "over the memory budget: NULL");
	mem_set_limit(0);
	ok(mem_used() == used, "nothing charged after a failure");
}

static void test_step_edges(void)
{
	double w[1] = {1.0}, x[1];
	nn_perceptron *p = nn_perceptron_new(1, 0, w, NULL);
	x[0] = -0.0;
	ok(nn_perceptron_output(p, x) == 1, "step: -0 fires (not below 0)");
	x[0] = NAN;
	ok(nn_perceptron_output(p, x) == 1, "step: NaN fires, as `0 if x < 0 else 1` does");
	p->act = NN_PCP_SIGMOID;
	x[0] = -1e-17;
	ok(nn_perceptron_output(p, x) == 1, "sigmoid: 1/(1+e^1e-17) rounds to 0.5 and fires");
	x[0] = -1e-15;
	ok(nn_perceptron_output(p, x) == 0, "sigmoid: below 0.5 does not");
	nn_perceptron_free(p);
}

int main(void)
{
	test_and_gate();
	test_line();
	test_clouds();
	test_sums();
	test_step_edges();
	return tap_done();
}
