/*
** activation.c — the activations a Dense layer can apply, forward and back.
**
** Every derivative is written in terms of the activation's output, so the
** model keeps one array per layer.  NaN must survive every function: a
** lesson that feeds NaN in has to see NaN come out (relu is written as
** "z < 0 ? 0 : z" for that reason; max(0, z) would swallow it).
*/
#include "activation.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "names_int.h"

static const struct {
	const char *name;
	nn_act act;
} act_names[] = {
	{"linear", NN_ACT_LINEAR},
	{"step", NN_ACT_STEP},
	{"sigmoid", NN_ACT_SIGMOID},
	{"tanh", NN_ACT_TANH},
	{"relu", NN_ACT_RELU},
	{"softmax", NN_ACT_SOFTMAX},
};

#define NACTS (sizeof act_names / sizeof act_names[0])

int nn_act_parse(const char *name, nn_act *out)
{
	if (!name) {
		*out = NN_ACT_LINEAR;
		return 0;
	}
	for (size_t i = 0; i < NACTS; i++)
		if (nn__name_eq(name, act_names[i].name)) {
			*out = act_names[i].act;
			return 0;
		}
	return -1;
}

const char *nn_act_name(nn_act a)
{
	for (size_t i = 0; i < NACTS; i++)
		if (act_names[i].act == a)
			return act_names[i].name;
	return "linear";
}

/*
** keep ? v : 0 without a branch: relu's comparisons follow the data, which
** is random, and a mispredicted branch per element costs more than the
** rest of the layer.
*/
static inline double keep_if(int keep, double v)
{
	uint64_t b;
	memcpy(&b, &v, sizeof b);
	b &= -(uint64_t)(keep != 0);
	memcpy(&v, &b, sizeof v);
	return v;
}

/* numpy's 1/(1+exp(-z)), the form seed 001 prints to 8 digits. */
static inline double sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

double nn_act_scalar(nn_act a, double z)
{
	switch (a) {
	case NN_ACT_LINEAR: return z;
	case NN_ACT_STEP: return z != z ? z : (z >= 0 ? 1.0 : 0.0);
	case NN_ACT_SIGMOID: return sigmoid(z);
	case NN_ACT_TANH: return tanh(z);
	case NN_ACT_RELU: return z < 0 ? 0.0 : z;
	case NN_ACT_SOFTMAX: return z != z ? z : 1.0;
	}
	return z;
}

/*
** Softmax of one row, shifted by the row's maximum so exp never overflows.
** A NaN anywhere in the row makes the whole row NaN (through the sum).
*/
static void softmax_row(const double *z, double *y, size_t cols)
{
	double mx = z[0], sum = 0.0;
	for (size_t j = 1; j < cols; j++)
		if (z[j] > mx)
			mx = z[j];
	for (size_t j = 0; j < cols; j++) {
		y[j] = exp(z[j] - mx);
		sum += y[j];
	}
	for (size_t j = 0; j < cols; j++)
		y[j] = y[j] / sum;
}

/*
** The two-class case, the same numbers with one exp instead of two: the
** larger entry's exp(0) is exactly 1, so only the other one is computed,
** and the sum 0 + e0 + e1 is e + 1 in either order.  Which entry is larger
** is random, so the result is placed by index rather than by a branch.
** NaN gives e = NaN and a NaN row, as in softmax_row; an infinite entry
** gives 1 and 0 here where softmax_row's inf - inf gives NaN.
*/
static void softmax_row2(const double *z, double *y)
{
	size_t big = z[1] > z[0];
	double e = exp(z[1 - big] - z[big]);
	double sum = e + 1.0;
	double lo = e / sum, hi = 1.0 / sum;
	y[1 - big] = lo;
	y[big] = hi;
}

void nn_act_forward(nn_act a, const double *z, double *y, size_t rows, size_t cols)
{
	size_t n = rows * cols;
	switch (a) {
	case NN_ACT_LINEAR:
		if (y != z)
			memmove(y, z, n * sizeof *y);
		break;
	case NN_ACT_STEP:
		for (size_t i = 0; i < n; i++)
			y[i] = nn_act_scalar(NN_ACT_STEP, z[i]);
		break;
	case NN_ACT_SIGMOID:
		for (size_t i = 0; i < n; i++)
			y[i] = sigmoid(z[i]);
		break;
	case NN_ACT_TANH:
		for (size_t i = 0; i < n; i++)
			y[i] = tanh(z[i]);
		break;
	case NN_ACT_RELU:
		for (size_t i = 0; i < n; i++)
			y[i] = keep_if(!(z[i] < 0), z[i]);
		break;
	case NN_ACT_SOFTMAX:
		if (cols == 2) {
			for (size_t r = 0; r < rows; r++)
				softmax_row2(z + 2 * r, y + 2 * r);
			break;
		}
		if (cols == 0)
			break;
		for (size_t r = 0; r < rows; r++)
			softmax_row(z + r * cols, y + r * cols, cols);
		break;
	}
}

/*
** The softmax Jacobian applied to dy without forming it:
** dz_j = y_j * (dy_j - sum_k dy_k y_k).
*/
static void softmax_back_row(const double *y, const double *dy, double *dz, size_t cols)
{
	double dot = 0.0;
	for (size_t k = 0; k < cols; k++)
		dot += dy[k] * y[k];
	for (size_t j = 0; j < cols; j++)
		dz[j] = y[j] * (dy[j] - dot);
}

void nn_act_backward(nn_act a, const double *y, const double *dy, double *dz,
                     size_t rows, size_t cols)
{
	size_t n = rows * cols;
	switch (a) {
	case NN_ACT_LINEAR:
		if (dz != dy)
			memmove(dz, dy, n * sizeof *dz);
		break;
	case NN_ACT_STEP:
		for (size_t i = 0; i < n; i++)
			dz[i] = 0.0;
		break;
	case NN_ACT_SIGMOID:
		for (size_t i = 0; i < n; i++)
			dz[i] = dy[i] * (y[i] * (1.0 - y[i]));
		break;
	case NN_ACT_TANH:
		for (size_t i = 0; i < n; i++)
			dz[i] = dy[i] * (1.0 - y[i] * y[i]);
		break;
	case NN_ACT_RELU:
		for (size_t i = 0; i < n; i++)
			dz[i] = keep_if(y[i] > 0, dy[i]);
		break;
	case NN_ACT_SOFTMAX:
		for (size_t r = 0; r < rows; r++)
			softmax_back_row(y + r * cols, dy + r * cols, dz + r * cols, cols);
		break;
	}
}
