/*
** model_int.h — the inside of a sequential model, shared by model.c
** (layers, weights, summary) and model_train.c (forward, backward, fit).
**
** All weights live in one flat array, layer after layer, each layer's
** kernel (input x units, row-major) followed by its bias.  Gradients and
** optimizer slots use the same layout, so an optimizer step is one pass
** over contiguous memory.  The kernel/bias `mat`s handed out are views
** into that array.
*/
#ifndef NNBOOK_MODEL_INT_H
#define NNBOOK_MODEL_INT_H

#include "model.h"

typedef struct nn_layer {
	size_t in;       /* input size; 0 until the model is built */
	size_t units;
	nn_act act;
	size_t off;      /* kernel's offset in params; the bias follows it */
	mat W, b;        /* views into params (valid once built) */
} nn_layer;

struct nn_model {
	nn_layer *layers;
	size_t nlayers, cap;
	size_t input_dim;     /* 0 until built; then every layer has weights */
	size_t max_units;     /* the widest built layer (0 until built) */

	double *params;       /* nparams weights, layer by layer */
	size_t nparams;

	double *rowbuf;       /* 2*max_units: nn_model_predict_row's scratch */

	int compiled;
	nn_loss loss;
	nn_optim opt;
	long t;               /* optimizer steps since compile */
	unsigned long version;

	/* Training state, sized lazily to nparams: gradients and two slots. */
	double *state;
	size_t nstate;

	/* Workspace for a batch: reallocated only when a bigger one comes. */
	double *ws;
	size_t ws_len;        /* doubles allocated */
	size_t *perm;         /* the epoch's order */
	size_t perm_len;
};

/*
** Reads X as the model sees it: a 2-D array is rows x cols, and a 1-D
** array (or a scalar) of n elements is n samples of one feature, as Keras
** expands 1-D inputs.
*/
static inline void nn_data_shape(const mat *X, size_t *rows, size_t *cols)
{
	if (X->ndim == 2) {
		*rows = X->rows;
		*cols = X->cols;
	} else {
		*rows = X->rows * X->cols;
		*cols = 1;
	}
}

/* --- shared by model_train.c and model_predict.c ------------------------------- */

/* Sum of every layer's units: the doubles one row of activations takes. */
size_t nn__sum_units(const nn_model *m);

/* Makes the workspace hold a batch of `rows`; returns NN_OK, MAT_ETOOBIG or MAT_ENOMEM. */
int nn__ensure_ws(nn_model *m, size_t rows);

/* What every training entry point checks first; returns NN_OK or the status. */
int nn__ready(const nn_model *m, const mat *X, const mat *y);

/* One Dense layer's outputs for the n rows at base. */
void nn__dense_rows_any(const nn_layer *L, const double *W, const double *base, size_t n,
                        double *out);

/*
** Runs the network on the n rows at X, leaving layer l's outputs at
** acts + n*offset(l).  Returns NN_OK or MAT_ECANCEL.
*/
int nn__forward(const nn_model *m, const double *X, size_t n, double *acts, size_t *done);

#endif
