/*
** optimizer.c — the update rules, one pass over a contiguous weight array.
**
** The model keeps all its weights, gradients and optimizer slots in flat
** arrays of the same layout, so one call updates the whole network and
** the loops below are the only per-weight work an optimizer step costs.
*/
#include "optimizer.h"

#include <math.h>

#include "names_int.h"

void nn_optim_defaults(nn_optim *o, nn_optim_kind kind)
{
	o->kind = kind;
	o->lr = kind == NN_OPT_SGD ? 0.01 : 0.001;
	o->momentum = 0.0;
	o->nesterov = 0;
	o->rho = 0.9;
	o->beta1 = 0.9;
	o->beta2 = 0.999;
	o->eps = 1e-7;
	o->eps_in_sqrt = 0;
}

int nn_optim_parse(const char *name, nn_optim *o)
{
	static const struct {
		const char *name;
		nn_optim_kind kind;
	} names[] = {{"sgd", NN_OPT_SGD}, {"rmsprop", NN_OPT_RMSPROP}, {"adam", NN_OPT_ADAM}};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (nn__name_eq(name, names[i].name)) {
			nn_optim_defaults(o, names[i].kind);
			return 0;
		}
	return -1;
}

const char *nn_optim_name(const nn_optim *o)
{
	switch (o->kind) {
	case NN_OPT_SGD: return "SGD";
	case NN_OPT_RMSPROP: return "RMSprop";
	case NN_OPT_ADAM: return "Adam";
	}
	return "?";
}

int nn_optim_slots(const nn_optim *o)
{
	switch (o->kind) {
	case NN_OPT_SGD: return o->momentum != 0.0 ? 1 : 0;
	case NN_OPT_RMSPROP: return 1;
	case NN_OPT_ADAM: return 2;
	}
	return 0;
}

/*
** Plain SGD is written as its own loop: Keras applies w -= lr*g without a
** velocity when momentum is 0, and that is also what v = -lr*g; w += v
** computes, bit for bit.
*/
static void sgd(const nn_optim *o, double *w, const double *g, double *v, size_t n)
{
	double lr = o->lr, m = o->momentum;
	if (!v || m == 0.0) {
		for (size_t i = 0; i < n; i++)
			w[i] += -lr * g[i];
		return;
	}
	if (o->nesterov) {
		for (size_t i = 0; i < n; i++) {
			v[i] = m * v[i] - lr * g[i];
			w[i] += m * v[i] - lr * g[i];
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		v[i] = m * v[i] - lr * g[i];
		w[i] += v[i];
	}
}

/*
** The Keras the notebooks ran (standalone 2.2, tf.keras 2.2-2.5) adds eps
** after the square root; Keras 2.11's optimizers add it under the root.
*/
static void rmsprop(const nn_optim *o, double *w, const double *g, double *s, size_t n)
{
	double lr = o->lr, rho = o->rho, eps = o->eps;
	for (size_t i = 0; i < n; i++)
		s[i] = rho * s[i] + (1.0 - rho) * (g[i] * g[i]);
	if (o->eps_in_sqrt)
		for (size_t i = 0; i < n; i++)
			w[i] -= lr * g[i] / sqrt(s[i] + eps);
	else
		for (size_t i = 0; i < n; i++)
			w[i] -= lr * g[i] / (sqrt(s[i]) + eps);
}

/* TF's ApplyAdam: the bias correction folded into the step size. */
static void adam(const nn_optim *o, double *w, const double *g, double *m1, double *m2,
                 size_t n, long t)
{
	double b1 = o->beta1, b2 = o->beta2, eps = o->eps;
	double tt = (double)(t < 1 ? 1 : t);
	double lr_t = o->lr * sqrt(1.0 - pow(b2, tt)) / (1.0 - pow(b1, tt));
	for (size_t i = 0; i < n; i++) {
		m1[i] = b1 * m1[i] + (1.0 - b1) * g[i];
		m2[i] = b2 * m2[i] + (1.0 - b2) * (g[i] * g[i]);
		w[i] -= lr_t * m1[i] / (sqrt(m2[i]) + eps);
	}
}

void nn_optim_step(const nn_optim *o, double *w, const double *g,
                   double *s1, double *s2, size_t n, long t)
{
	switch (o->kind) {
	case NN_OPT_SGD:
		sgd(o, w, g, s1, n);
		break;
	case NN_OPT_RMSPROP:
		rmsprop(o, w, g, s1, n);
		break;
	case NN_OPT_ADAM:
		adam(o, w, g, s1, s2, n, t);
		break;
	}
}
