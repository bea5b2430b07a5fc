/*
** model.h — a Keras-like sequential network of Dense layers.
**
** The model trains one epoch (or one batch) per call: the per-epoch loop
** lives in the caller (Lua), so a long fit never freezes the screen and
** can be interrupted between epochs.  Training follows Keras 2 (see
** numerics.md): a fresh permutation per epoch when shuffling, consecutive
** batches with the last partial batch kept, a reported loss that is the
** sample-weighted mean of the batch losses computed before each update.
**
** Weights come from numpy's generator: a layer's kernel is glorot-uniform,
** U(-L, L) with L = sqrt(6/(fan_in+fan_out)), drawn row-major (fan_in x
** units) when its input size first becomes known; biases start at zero.
**
** Targets: y is n x units; a 1-D y of n elements is taken as n x 1.  A
** 1-D X of n elements is likewise n samples of one feature (Keras expands
** 1-D inputs the same way); a 2-D X is n x input.
**
** The kernel/bias views (nn_model_kernel) point into one array that moves
** when a layer is added to a built model: fetch them again after adding.
*/
#ifndef NNBOOK_MODEL_H
#define NNBOOK_MODEL_H

#include <stddef.h>

#include "activation.h"
#include "loss.h"
#include "matrix.h"
#include "optimizer.h"
#include "rng.h"
#include "strbuf.h"

typedef struct nn_model nn_model;

/* Status codes (MAT_* codes are also passed through). */
enum {
	NN_OK = 0,
	NN_ENOTCOMPILED = 100, /* fit/evaluate before compile */
	NN_ENOLAYERS,          /* no layers */
	NN_EINPUT,             /* X's columns disagree with the input size */
	NN_ETARGET,            /* y's shape disagrees with the output layer */
	NN_ENOTBUILT,          /* weights asked for before the input size is known */
	NN_ELAYER              /* layer index out of range */
};

/* Returns a static message for an NN_* or MAT_* status. */
const char *nn_strerror(int status);

/* Returns a new empty model (charged to the budget), or NULL.  Free with nn_model_free. */
nn_model *nn_model_new(void);

/* Frees m; NULL is a no-op. */
void nn_model_free(nn_model *m);

/*
** Appends a Dense layer of `units` outputs.  input_dim (0: unknown) is only
** meaningful for the first layer; a later layer's input is the previous
** layer's units.  When the input size is known the weights are drawn from
** r at once, as Keras builds a layer when it is added.  Returns NN_OK,
** MAT_EARG (units == 0), MAT_ETOOBIG or MAT_ENOMEM.
*/
int nn_model_add_dense(nn_model *m, size_t units, nn_act act, size_t input_dim, rng *r);

/* Sets the loss and optimizer, resetting the optimizer's state.  Returns NN_OK. */
int nn_model_compile(nn_model *m, nn_loss loss, const nn_optim *opt);

/*
** Makes sure every layer has weights for an input of `input_dim` features,
** drawing the missing ones from r.  Returns NN_EINPUT when the model was
** built for another size.
*/
int nn_model_build(nn_model *m, size_t input_dim, rng *r);

/* Returns 1 when compiled, else 0. */
int nn_model_compiled(const nn_model *m);

/* Returns the number of layers. */
size_t nn_model_nlayers(const nn_model *m);

/* Describes layer i (0-based). */
typedef struct nn_layer_info {
	size_t units;
	size_t input_dim;  /* 0 while unknown */
	nn_act act;
} nn_layer_info;
int nn_model_layer_info(const nn_model *m, size_t i, nn_layer_info *out);

/* Returns the input size (0 while unknown) and the output size. */
size_t nn_model_input_dim(const nn_model *m);
size_t nn_model_output_dim(const nn_model *m);

/*
** Returns layer i's kernel (input_dim x units) or bias (units), owned by the
** model; NULL while unbuilt or out of range.  Writing into them changes the
** model (call nn_model_touch afterwards).
*/
mat *nn_model_kernel(nn_model *m, size_t i);
mat *nn_model_bias(nn_model *m, size_t i);

/* Replaces layer i's weights; shapes must match.  Returns NN_OK or an error. */
int nn_model_set_weights(nn_model *m, size_t i, const mat *W, const mat *b);

/* Marks the weights as changed (bumps the version). */
void nn_model_touch(nn_model *m);

/* Returns a counter that changes whenever the weights change (for redraws). */
unsigned long nn_model_version(const nn_model *m);

/* Returns the number of trainable parameters (0 while unbuilt). */
size_t nn_model_param_count(const nn_model *m);

/* Returns the loss set by compile (NN_LOSS_MSE before) and the optimizer (NULL before). */
nn_loss nn_model_loss(const nn_model *m);
const nn_optim *nn_model_optim(const nn_model *m);

/* Checks that X (n x input) and y (NULL: none, as for predict) fit the model;
** returns NN_OK or the problem. */
int nn_model_check_data(const nn_model *m, const mat *X, const mat *y);

/*
** Trains on the rows idx[0..n-1] of X, y as one batch: forward, loss,
** backward, one optimizer step.  *loss gets the batch loss before the update.
** idx NULL means the first n rows.  Returns NN_OK or an error as
** nn_model_train_epoch (MAT_EINDEX for a row out of range, MAT_EARG for
** n == 0).
*/
int nn_model_train_batch(nn_model *m, const mat *X, const mat *y,
                         const size_t *idx, size_t n, double *loss);

/*
** Trains one epoch over X, y in batches of batch_size (0 means 32),
** shuffling the order with r first when `shuffle`.  *loss gets Keras'
** epoch loss; *steps the number of batches.
**
** The shuffle is numpy's permutation(N) drawn from r (NULL: rng_global(),
** the generator nn.random.seed seeds), where Keras draws its order from
** TensorFlow's RNG: a seeded lesson is reproducible, but its batch order
** (and so its loss curve) differs from the notebook's.  Returns NN_OK,
** NN_ENOTCOMPILED, NN_ENOTBUILT (call nn_model_build first), the
** nn_model_check_data errors or MAT_ENOMEM / MAT_ETOOBIG for a workspace
** that does not fit; the model is unchanged on those errors.
**
** Every training, predicting and evaluating call also asks cancel_check()
** (cancel.h) about once a millisecond of arithmetic, and returns
** MAT_ECANCEL when it says stop: a batch stopped half way leaves no trace,
** the batches of the epoch before it keep their updates.
*/
int nn_model_train_epoch(nn_model *m, const mat *X, const mat *y, size_t batch_size,
                         int shuffle, rng *r, double *loss, size_t *steps);

/*
** Computes the batch loss of rows idx[0..n-1] of X, y (the first n rows
** when idx is NULL) into *loss and its gradient with respect to every
** weight into grad (nn_model_param_count doubles: layer by layer, the
** kernel row-major, then the bias), without changing the weights.  Used
** by the gradient checks and by lessons that show a gradient.  Returns
** what nn_model_train_batch returns.
*/
int nn_model_gradient(nn_model *m, const mat *X, const mat *y, const size_t *idx,
                      size_t n, double *grad, double *loss);

/*
** Writes the network's outputs for X (n x input) into out (n x output
** elements).  Returns NN_OK, NN_ENOLAYERS, NN_ENOTBUILT, NN_EINPUT,
** MAT_ESHAPE (out's size) or MAT_ENOMEM.
*/
int nn_model_predict(nn_model *m, const mat *X, mat *out);

/*
** Predicts one input row x (input_dim values) into out (output_dim values);
** NaNs while unbuilt.  Allocates nothing (it uses scratch the model owns),
** so it suits per-pixel calls; not for two threads at once.
*/
void nn_model_predict_row(const nn_model *m, const double *x, double *out);

/*
** *loss gets the loss over all of X, y with the current weights, computed
** as Keras' evaluate does: batches of 32, weighted by their sizes (only
** hinge's 0/1 label test can tell).  Changes nothing in the model.
*/
int nn_model_evaluate(nn_model *m, const mat *X, const mat *y, double *loss);

/*
** Appends a Keras-style summary to sb: one line per layer with its type,
** output shape and parameter count, then the totals.
*/
void nn_model_summary(const nn_model *m, strbuf *sb);

#endif
