/*
** loss.c — Keras 2's losses: values and gradients of the batch mean.
**
** A per-sample value is the mean over the output columns (the sum, for
** categorical cross-entropy); the batch loss is the mean of those.  The
** gradient is of that batch mean, so every element's derivative carries a
** factor 1/(rows*cols) (1/rows for categorical cross-entropy).
**
** Clipping follows TensorFlow: clip_by_value passes the gradient only for
** predictions inside [lo, hi] (bounds included), and maximum(p, eps) passes
** it where p >= eps.  Comparisons are written so NaN falls through to the
** arithmetic and comes out as a NaN loss.
**
** Categorical cross-entropy is -sum_j y_j log(clip(p_j)) per sample.  Keras
** 2 first rescales each row of p to sum to 1, which changes nothing for
** the softmax outputs the loss is meant for; that step is left out.
*/
#include "loss.h"

#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define EPS 1e-7   /* Keras' backend.epsilon() */

/* What the output layer applied, for nn_loss_eval_out: none, softmax, sigmoid. */
enum { OUT_NONE, OUT_SOFTMAX, OUT_SIGMOID };

static const struct {
	const char *name;   /* lower case, no underscores */
	nn_loss loss;
} loss_names[] = {
	{"mse", NN_LOSS_MSE},
	{"meansquarederror", NN_LOSS_MSE},
	{"mae", NN_LOSS_MAE},
	{"meanabsoluteerror", NN_LOSS_MAE},
	{"hinge", NN_LOSS_HINGE},
	{"bce", NN_LOSS_BCE},
	{"binarycrossentropy", NN_LOSS_BCE},
	{"categoricalcrossentropy", NN_LOSS_CCE},
	{"msle", NN_LOSS_MSLE},
	{"meansquaredlogarithmicerror", NN_LOSS_MSLE},
	{"mape", NN_LOSS_MAPE},
	{"meanabsolutepercentageerror", NN_LOSS_MAPE},
};

static const char *const canonical[] = {
	[NN_LOSS_MSE] = "mean_squared_error",
	[NN_LOSS_MAE] = "mean_absolute_error",
	[NN_LOSS_HINGE] = "hinge",
	[NN_LOSS_BCE] = "binary_crossentropy",
	[NN_LOSS_CCE] = "categorical_crossentropy",
	[NN_LOSS_MSLE] = "mean_squared_logarithmic_error",
	[NN_LOSS_MAPE] = "mean_absolute_percentage_error",
	[NN_LOSS_BCE_LOGIT] = "binary_crossentropy",
};

#define NNAMES (sizeof loss_names / sizeof loss_names[0])

/* Compares a Keras spelling with a table key, skipping '_' and case. */
static int same_key(const char *name, const char *key)
{
	for (;; name++) {
		if (*name == '_')
			continue;
		if (tolower((unsigned char)*name) != *key)
			return 0;
		if (!*key)
			return 1;
		key++;
	}
}

int nn_loss_parse(const char *name, nn_loss *out)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < NNAMES; i++)
		if (same_key(name, loss_names[i].name)) {
			*out = loss_names[i].loss;
			return 0;
		}
	return -1;
}

const char *nn_loss_name(nn_loss l)
{
	if ((unsigned)l < sizeof canonical / sizeof canonical[0])
		return canonical[l];
	return "unknown";
}

/* Keras clips cross-entropy inputs; NaN compares false and passes through. */
static inline double clip(double p, double lo, double hi)
{
	return p < lo ? lo : (p > hi ? hi : p);
}

static inline double sign(double x)
{
	return x > 0 ? 1.0 : (x < 0 ? -1.0 : x);  /* NaN stays NaN, 0 gives 0 */
}

/* Hinge's label rule: -1/+1 targets are used as given, 0/1 ones mapped. */
static int all_zero_one(const double *y, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (y[i] != 0.0 && y[i] != 1.0)
			return 0;
	return 1;
}

/* cond ? a : b without a branch (0/1 labels arrive in random order). */
static inline double pick(int cond, double a, double b)
{
	uint64_t ua, ub, mask = -(uint64_t)(cond != 0);
	memcpy(&ua, &a, sizeof ua);
	memcpy(&ub, &b, sizeof ub);
	ua = (ua & mask) | (ub & ~mask);
	memcpy(&a, &ua, sizeof a);
	return a;
}

/*
** Binary cross-entropy of one element, -(y log(c+eps) + (1-y) log(1-c+eps))
** with c the clipped prediction, and its derivative in c into *g.  For y
** exactly 0 or 1 one of the two logs is multiplied by zero; it is finite
** (c is clipped) unless c is NaN, so taking only the other log gives the
** same bits at half the cost, and the label picks it without a branch.
*/
static inline double bce(double y, double c, double *g)
{
	if (((y == 0.0) | (y == 1.0)) && c == c) {
		int zero = y == 0.0;
		double v = pick(zero, 1.0 - c, c) + EPS;
		if (g)
			*g = pick(zero, 1.0, -1.0) / v;
		return -log(v);
	}
	if (g)
		*g = -(y / (c + EPS) - (1.0 - y) / (1.0 - c + EPS));
	return -(y * log(c + EPS) + (1.0 - y) * log(1.0 - c + EPS));
}

/* One element's loss and (when g is not NULL) its derivative in *g. */
static inline double elem(nn_loss l, double y, double p, double *g)
{
	double d, c, a, b;
	switch (l) {
	case NN_LOSS_MSE:
		d = p - y;
		if (g)
			*g = 2.0 * d;
		return d * d;
	case NN_LOSS_MAE:
		d = p - y;
		if (g)
			*g = sign(d);
		return fabs(d);
	case NN_LOSS_HINGE: /* y already mapped to -1/+1 by the caller */
		d = 1.0 - y * p;
		if (g)
			*g = d > 0 ? -y : 0.0;
		return d < 0 ? 0.0 : d;
	case NN_LOSS_BCE:
		c = clip(p, EPS, 1.0 - EPS);
		a = bce(y, c, g);
		if (g && (p < EPS || p > 1.0 - EPS))
			*g = 0.0;   /* clipped: no gradient flows */
		return a;
	case NN_LOSS_BCE_LOGIT:
		/* x = log(c / (1 - c)); max(x, 0) - x y + log(1 + exp(-|x|)) is
		** -(y log c + (1-y) log(1-c)) without eps, and so is its slope */
		c = clip(p, EPS, 1.0 - EPS);
		a = log(c / (1.0 - c));
		if (g)
			*g = p < EPS || p > 1.0 - EPS ? 0.0 : (c - y) / (c * (1.0 - c));
		return (a > 0 ? a : 0.0) - a * y + log1p(exp(-fabs(a)));
	case NN_LOSS_CCE:
		c = clip(p, EPS, 1.0 - EPS);
		if (g)
			*g = (p >= EPS && p <= 1.0 - EPS) || p != p ? -y / c : 0.0;
		return y == 0.0 && c == c ? 0.0 : -y * log(c);
	case NN_LOSS_MSLE:
		a = log((p < EPS ? EPS : p) + 1.0);
		b = log((y < EPS ? EPS : y) + 1.0);
		d = a - b;
		if (g)
			*g = p < EPS ? 0.0 : 2.0 * d / (p + 1.0);
		return d * d;
	case NN_LOSS_MAPE:
		a = fabs(y);
		b = a < EPS ? EPS : a;
		d = p - y;
		if (g)
			*g = 100.0 * sign(d) / b;
		return 100.0 * (fabs(d) / b);
	}
	return NAN;
}

/*
** dL/dz from dL/dy = d in place for one row of an output layer's y, as
** nn_act_backward computes it (the same operations in the same order):
** softmax's Jacobian dz_j = y_j (d_j - sum_k d_k y_k), sigmoid's y(1-y).
** Done per row while the row is hot, it saves the model a pass.
*/
static inline void through_output(int out, const double *y, double *d, size_t cols)
{
	if (out == OUT_SOFTMAX) {
		double dot = 0.0;
		for (size_t k = 0; k < cols; k++)
			dot += d[k] * y[k];
		for (size_t j = 0; j < cols; j++)
			d[j] = y[j] * (d[j] - dot);
	} else if (out == OUT_SIGMOID) {
		for (size_t j = 0; j < cols; j++)
			d[j] = d[j] * (y[j] * (1.0 - y[j]));
	}
}

/*
** The batch loop for one loss kind.  Always inlined into nn_loss_eval with
** a constant kind, so each loss gets its own loop with the switch in
** elem() resolved at compile time (it runs once per training batch).
*/
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline double eval_kind(nn_loss l, const double *y, const double *p, double *dp,
                               size_t rows, size_t cols, int out)
{
	size_t n = rows * cols;
	double scale = 1.0 / (double)n;
	int map01 = l == NN_LOSS_HINGE && all_zero_one(y, n);
	/* dividing by a power of two is multiplying by its inverse, exactly */
	int pow2 = (cols & (cols - 1)) == 0;
	double inv_cols = 1.0 / (double)cols;
	double total = 0.0;
	for (size_t r = 0; r < rows; r++) {
		const double *yr = y + r * cols, *pr = p + r * cols;
		double row = 0.0;
		for (size_t j = 0; j < cols; j++) {
			double t = map01 ? 2.0 * yr[j] - 1.0 : yr[j];
			double g = 0.0;
			row += elem(l, t, pr[j], dp ? &g : NULL);
			if (dp)
				dp[r * cols + j] = g * scale;
		}
		if (dp)
			through_output(out, pr, dp + r * cols, cols);
		total += pow2 ? row * inv_cols : row / (double)cols;
	}
	return total / (double)rows;
}

/*
** Categorical cross-entropy as Keras computes it from probabilities: each
** row is first divided by its sum (so outputs that are not a softmax still
** make a distribution), then clipped, and the row's loss is the sum over
** its columns.  The gradient goes through the division too:
** dL/dp_k = (g_k - sum_j g_j q_j) / s, with g = dL/dq and q = p / s.
*/
static double cce(const double *y, const double *p, double *dp, size_t rows, size_t cols,
                  int out)
{
	double total = 0.0, scale = 1.0 / (double)rows;
	for (size_t r = 0; r < rows; r++) {
		const double *yr = y + r * cols, *pr = p + r * cols;
		double s = 0.0, row = 0.0, dot = 0.0;
		for (size_t j = 0; j < cols; j++)
			s += pr[j];
		for (size_t j = 0; j < cols; j++) {
			double q = pr[j] / s, g = 0.0;
			row += elem(NN_LOSS_CCE, yr[j], q, dp ? &g : NULL);
			if (dp) {
				dp[r * cols + j] = g;
				dot += g * q;
			}
		}
		if (dp) {
			for (size_t j = 0; j < cols; j++)
				dp[r * cols + j] = (dp[r * cols + j] - dot) / s * scale;
			through_output(out, pr, dp + r * cols, cols);
		}
		total += row;
	}
	return total / (double)rows;
}

/* The loss of kind l with output activation `out` (a constant once inlined). */
static inline double eval_out(nn_loss l, const double *y, const double *p, double *dp,
                              size_t rows, size_t cols, int out)
{
	if (rows == 0 || cols == 0)
		return NAN;
	switch (l) {
	case NN_LOSS_MSE: return eval_kind(NN_LOSS_MSE, y, p, dp, rows, cols, out);
	case NN_LOSS_MAE: return eval_kind(NN_LOSS_MAE, y, p, dp, rows, cols, out);
	case NN_LOSS_HINGE: return eval_kind(NN_LOSS_HINGE, y, p, dp, rows, cols, out);
	case NN_LOSS_BCE: return eval_kind(NN_LOSS_BCE, y, p, dp, rows, cols, out);
	case NN_LOSS_CCE: return cce(y, p, dp, rows, cols, out);
	case NN_LOSS_MSLE: return eval_kind(NN_LOSS_MSLE, y, p, dp, rows, cols, out);
	case NN_LOSS_MAPE: return eval_kind(NN_LOSS_MAPE, y, p, dp, rows, cols, out);
	case NN_LOSS_BCE_LOGIT: return eval_kind(NN_LOSS_BCE_LOGIT, y, p, dp, rows, cols, out);
	}
	return NAN;
}

double nn_loss_eval(nn_loss l, const double *y, const double *p, double *dp,
                    size_t rows, size_t cols)
{
	return eval_out(l, y, p, dp, rows, cols, OUT_NONE);
}

int nn_loss_eval_out(nn_loss l, nn_act out, const double *y, const double *p, double *dz,
                     size_t rows, size_t cols, double *loss)
{
	if (out == NN_ACT_SOFTMAX)
		*loss = eval_out(l, y, p, dz, rows, cols, OUT_SOFTMAX);
	else if (out == NN_ACT_SIGMOID)
		*loss = eval_out(l, y, p, dz, rows, cols, OUT_SIGMOID);
	else
		return 0;
	return 1;
}
