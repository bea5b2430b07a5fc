/*
** activation.h — activation functions and their derivatives.
**
** Derivatives are expressed through the activation's *output* y, which every
** function here allows (sigmoid: y(1-y), tanh: 1-y^2, relu: y > 0, softmax
** through its Jacobian), so a layer keeps only its outputs for backprop.
*/
#ifndef NNBOOK_ACTIVATION_H
#define NNBOOK_ACTIVATION_H

#include <stddef.h>

typedef enum nn_act {
	NN_ACT_LINEAR,   /* y = z */
	NN_ACT_STEP,     /* y = 1 when z >= 0, else 0 (derivative 0) */
	NN_ACT_SIGMOID,  /* y = 1 / (1 + exp(-z)) */
	NN_ACT_TANH,
	NN_ACT_RELU,     /* y = max(0, z) */
	NN_ACT_SOFTMAX   /* per row: exp(z - max) / sum */
} nn_act;

/* Parses a Keras activation name ("linear", "relu", "softmax", ...; case
** ignored, NULL means linear) into *out.  Returns 0, or -1 if unknown. */
int nn_act_parse(const char *name, nn_act *out);

/* Returns the activation's canonical lower-case name. */
const char *nn_act_name(nn_act a);

/* Applies a to one value (softmax of a single value is 1). */
double nn_act_scalar(nn_act a, double z);

/* y = a(z) for a rows x cols block; y may alias z. */
void nn_act_forward(nn_act a, const double *z, double *y, size_t rows, size_t cols);

/*
** dz = dL/dz given the outputs y and dy = dL/dy, rows x cols; dz may alias
** dy.
*/
void nn_act_backward(nn_act a, const double *y, const double *dy, double *dz,
                     size_t rows, size_t cols);

#endif
