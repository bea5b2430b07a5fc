/*
** loss.h — Keras' loss functions, their batch means and gradients.
**
** Each loss is the mean over the batch of a per-sample value, which is
** itself the mean over the output columns (mse, mae, hinge, binary
** cross-entropy, msle, mape) or the sum over them (categorical
** cross-entropy), exactly as Keras 2 reduces them.  Gradients are of that
** batch mean.  Hinge maps 0/1 targets to -1/+1 when every target in the
** batch is 0 or 1.  Cross-entropies clip predictions to [1e-7, 1 - 1e-7].
**
** Binary cross-entropy comes in the two forms the notebooks' Keras versions
** used: tf.keras 2.x's -(y log(p + eps) + (1-y) log(1 - p + eps)) (NN_LOSS_BCE,
** the default) and standalone Keras 2.2's logit form (NN_LOSS_BCE_LOGIT).
*/
#ifndef NNBOOK_LOSS_H
#define NNBOOK_LOSS_H

#include <stddef.h>

#include "activation.h"

typedef enum nn_loss {
	NN_LOSS_MSE,
	NN_LOSS_MAE,
	NN_LOSS_HINGE,
	NN_LOSS_BCE,    /* binary cross-entropy */
	NN_LOSS_CCE,    /* categorical cross-entropy */
	NN_LOSS_MSLE,   /* mean squared logarithmic error */
	NN_LOSS_MAPE,   /* mean absolute percentage error */
	NN_LOSS_BCE_LOGIT  /* binary cross-entropy as standalone Keras 2.2 on TensorFlow 1
	                      computes it: the clipped probability made a logit, then
	                      sigmoid_cross_entropy_with_logits (no eps inside the logs);
	                      named "binary_crossentropy" too, chosen by compile{keras = "2.2"} */
} nn_loss;

/*
** Parses any Keras spelling: "mse", "mean_squared_error", "MeanSquaredError",
** "Hinge", "BinaryCrossentropy", "binary_crossentropy", ... (case and
** underscores ignored).  Returns 0, or -1 if unknown.
*/
int nn_loss_parse(const char *name, nn_loss *out);

/* Returns the loss's canonical Keras name ("binary_crossentropy", ...). */
const char *nn_loss_name(nn_loss l);

/*
** Returns the batch-mean loss of predictions p against targets y (both
** rows x cols, row-major) and, when dp is not NULL, writes dLoss/dp there.
** A NaN anywhere gives a NaN loss (reported, never hidden).
*/
double nn_loss_eval(nn_loss l, const double *y, const double *p, double *dp,
                    size_t rows, size_t cols);

/*
** The same loss of an output layer whose activation `out` made p, with the
** gradient taken on through it: dz gets dLoss/dz (z: the layer's inputs to
** the activation), row by row as the loss is summed, the bits
** nn_loss_eval then nn_act_backward give.  Returns 1 with *loss set for
** softmax and sigmoid, 0 (nothing done) for the other activations.
*/
int nn_loss_eval_out(nn_loss l, nn_act out, const double *y, const double *p, double *dz,
                     size_t rows, size_t cols, double *loss);

#endif
