/*
** perceptron.h — the classic perceptron learning rule (Rosenblatt).
**
** out = phi(w . x + bias*w_bias); after each sample the rule adds
** lr * (target - out) * x_i to w_i (and lr * (target - out) * bias to the
** bias weight).  phi is either the unit step or a sigmoid read as a step at
** 0.5; with a threshold s the step fires when the sum is greater than s,
** without one when the sum is >= 0 — the two conventions the perceptron
** notebook uses.
*/
#ifndef NNBOOK_PERCEPTRON_H
#define NNBOOK_PERCEPTRON_H

#include <stddef.h>

#include "rng.h"

typedef enum nn_pcp_act {
	NN_PCP_STEP,     /* unit step */
	NN_PCP_SIGMOID   /* 1 when sigmoid(sum) >= 0.5, else 0 */
} nn_pcp_act;

typedef struct nn_perceptron {
	size_t inputs;      /* number of inputs, without the bias */
	double *w;          /* inputs weights, then the bias weight if has_bias */
	int has_bias;
	double bias;        /* the bias input's value (1 by default) */
	double lr;          /* learning rate */
	nn_pcp_act act;
	int has_threshold;
	double threshold;
} nn_perceptron;

/*
** Returns a new perceptron (charged to the budget) or NULL.  With w NULL
** the weights (inputs, plus one when has_bias) are drawn as numpy's
** random((n,)) * 2 - 1 from r (NULL: rng_global()); otherwise copied
** from w.  The other fields start as the notebook's classes set them:
** bias input 1, and without a bias lr 0.1 with the unit step, with a bias
** lr 0.05 with the sigmoid step; no threshold.  The threshold applies to
** NN_PCP_STEP only.  Returns NULL for zero inputs.
*/
nn_perceptron *nn_perceptron_new(size_t inputs, int has_bias, const double *w, rng *r);

/* Frees p; NULL is a no-op. */
void nn_perceptron_free(nn_perceptron *p);

/* Returns the weighted sum w . x (+ bias * w_bias). */
double nn_perceptron_sum(const nn_perceptron *p, const double *x);

/* Returns the perceptron's 0/1 output for x. */
int nn_perceptron_output(const nn_perceptron *p, const double *x);

/* Applies the learning rule for one sample. */
void nn_perceptron_adjust(nn_perceptron *p, double target, double output, const double *x);

#endif
