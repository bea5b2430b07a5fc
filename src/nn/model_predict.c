/*
** model_predict.c — running a trained network forward: predict (in chunks
** of rows, so a wide network's layers run dense.c's tiles on many rows at
** once), one row at a time, and Keras' evaluate.
*/
#include "model_int.h"

#include <math.h>
#include <string.h>

#include "cancel.h"

/* Rows per chunk when evaluating (Keras' default batch). */
#define EVAL_BATCH 32
/* Aim for a prediction workspace of about this many doubles. */
#define PREDICT_WS 65536

/* Rows per forward chunk: a modest workspace, and enough rows for the tiles of wide layers. */
static size_t chunk_rows(const nn_model *m)
{
	size_t per = nn__sum_units(m) + 2 * m->max_units + nn_model_output_dim(m);
	size_t rows = PREDICT_WS / per;   /* at least 96: wide layers' tiles take 4 or 6 rows */
	return rows < 96 ? 96 : rows > 256 ? 256 : rows;
}

int nn_model_predict(nn_model *m, const mat *X, mat *out)
{
	size_t N, cols, o = nn_model_output_dim(m);
	if (cancel_requested())
		return MAT_ECANCEL;
	if (m->nlayers == 0)
		return NN_ENOLAYERS;
	if (!m->input_dim)
		return NN_ENOTBUILT;
	nn_data_shape(X, &N, &cols);
	if (cols != m->input_dim)
		return NN_EINPUT;
	if (mat_size(out) != N * o)
		return MAT_ESHAPE;
	size_t C = chunk_rows(m);
	int st = nn__ensure_ws(m, C);
	if (st != NN_OK)
		return st;
	size_t last = nn__sum_units(m) - o, done = 0;
	for (size_t s = 0; s < N; s += C) {
		size_t n = N - s < C ? N - s : C;
		if (nn__forward(m, X->data + s * cols, n, m->ws, &done) != NN_OK)
			return MAT_ECANCEL;
		memcpy(out->data + s * o, m->ws + n * last, n * o * sizeof(double));
	}
	out->isint = 0;
	return NN_OK;
}

void nn_model_predict_row(const nn_model *m, const double *x, double *out)
{
	size_t o = nn_model_output_dim(m);
	if (!m->input_dim) {
		for (size_t j = 0; j < o; j++)
			out[j] = NAN;
		return;
	}
	/* rowbuf is scratch the model owns; the model itself is not changed */
	double *a = m->rowbuf, *b = m->rowbuf + m->max_units;
	const double *in = x;
	for (size_t l = 0; l < m->nlayers; l++) {
		const nn_layer *L = &m->layers[l];
		nn__dense_rows_any(L, m->params + L->off, in, 1, a);
		in = a;
		double *t = a;
		a = b;
		b = t;
	}
	memcpy(out, in, o * sizeof *out);
}

/*
** The loss over all of X, y in batches of 32 rows, combined as Keras
** combines them (weighted by batch size); only hinge's 0/1 test sees the
** batches, as it does in Keras' evaluate.
*/
int nn_model_evaluate(nn_model *m, const mat *X, const mat *y, double *loss)
{
	size_t N, cols;
	int st = nn__ready(m, X, y);
	if (st != NN_OK)
		return st;
	if ((st = nn__ensure_ws(m, EVAL_BATCH)) != NN_OK)
		return st;
	nn_data_shape(X, &N, &cols);
	size_t o = nn_model_output_dim(m), last = nn__sum_units(m) - o, done = 0;
	double total = 0.0;
	for (size_t s = 0; s < N; s += EVAL_BATCH) {
		size_t n = N - s < EVAL_BATCH ? N - s : EVAL_BATCH;
		if (nn__forward(m, X->data + s * cols, n, m->ws, &done) != NN_OK)
			return MAT_ECANCEL;
		total += nn_loss_eval(m->loss, y->data + s * o, m->ws + n * last, NULL, n, o) * (double)n;
	}
	*loss = total / (double)N;
	return NN_OK;
}
