/*
** perceptron.c — Rosenblatt's perceptron exactly as the perceptron
** notebook (seed 003) computes it, so a seeded lesson fires on the same
** points and ends with the same weights.
**
** The notebook sums with numpy, `(self.weights * in_data).sum()`, which
** starts from 0 and adds the products in numpy's pairwise order
** (sequentially below 8 terms), and only then adds bias * w_bias.
*/
#include "perceptron.h"

#include <math.h>
#include <string.h>

#include "mem.h"

/* math.e, the double np.e holds */
#define NP_E 2.718281828459045

nn_perceptron *nn_perceptron_new(size_t inputs, int has_bias, const double *w, rng *r)
{
	size_t n = inputs + (has_bias ? 1 : 0);
	if (inputs == 0 || n > ((size_t)1 << 28))
		return NULL;
	nn_perceptron *p = mem_alloc(sizeof *p);
	if (!p)
		return NULL;
	p->w = mem_alloc(n * sizeof *p->w);
	if (!p->w) {
		mem_free(p);
		return NULL;
	}
	if (w) {
		memcpy(p->w, w, n * sizeof *p->w);
	} else {
		/* np.random.random((n,)) * 2 - 1, element by element */
		if (!r)
			r = rng_global();
		for (size_t i = 0; i < n; i++)
			p->w[i] = rng_random(r) * 2.0 - 1.0;
	}
	p->inputs = inputs;
	p->has_bias = has_bias ? 1 : 0;
	p->bias = 1.0;
	/* the notebook's two classes: lr 0.1 with a step, 0.05 and a sigmoid with a bias */
	p->lr = has_bias ? 0.05 : 0.1;
	p->act = has_bias ? NN_PCP_SIGMOID : NN_PCP_STEP;
	p->has_threshold = 0;
	p->threshold = 0.0;
	return p;
}

void nn_perceptron_free(nn_perceptron *p)
{
	if (!p)
		return;
	mem_free(p->w);
	mem_free(p);
}

/*
** numpy's pairwise summation applied to the products w[i]*x[i]: below 8
** terms a plain left-to-right sum, up to 128 eight interleaved partial
** sums, beyond that the two halves (split at a multiple of 8) recursively.
*/
static double pairwise_dot(const double *w, const double *x, size_t n)
{
	if (n < 8) {
		double s = 0.0;
		for (size_t i = 0; i < n; i++)
			s += w[i] * x[i];
		return s;
	}
	if (n <= 128) {
		double r[8], s;
		size_t i;
		for (int j = 0; j < 8; j++)
			r[j] = w[j] * x[j];
		for (i = 8; i < n - n % 8; i += 8)
			for (int j = 0; j < 8; j++)
				r[j] += w[i + j] * x[i + j];
		s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
		for (; i < n; i++)
			s += w[i] * x[i];
		return s;
	}
	size_t h = n / 2;
	h -= h % 8;
	return pairwise_dot(w, x, h) + pairwise_dot(w + h, x + h, n - h);
}

double nn_perceptron_sum(const nn_perceptron *p, const double *x)
{
	double s = 0.0 + pairwise_dot(p->w, x, p->inputs);
	if (p->has_bias)
		s += p->bias * p->w[p->inputs];
	return s;
}

/*
** The notebook's three readings of the sum: `x > s` with a threshold,
** `0 if x < 0 else 1` without one, and 1/(1 + e^-x) computed with
** np.power(np.e, -x) and compared with 0.5.  They are kept literally
** (pow, not exp; "not below" rather than ">=") so borderline sums and
** NaN fire exactly as in numpy.
*/
int nn_perceptron_output(const nn_perceptron *p, const double *x)
{
	double s = nn_perceptron_sum(p, x);
	if (p->act == NN_PCP_SIGMOID) {
		double res = 1.0 / (1.0 + pow(NP_E, -s));
		return res < 0.5 ? 0 : 1;
	}
	if (p->has_threshold)
		return s > p->threshold ? 1 : 0;
	return s < 0 ? 0 : 1;
}

/* correction = (error * x_i) * lr, in the notebook's order of operations. */
void nn_perceptron_adjust(nn_perceptron *p, double target, double output, const double *x)
{
	double error = target - output;
	for (size_t i = 0; i < p->inputs; i++)
		p->w[i] += error * x[i] * p->lr;
	if (p->has_bias)
		p->w[p->inputs] += error * p->bias * p->lr;
}
