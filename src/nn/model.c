/*
** model.c — a sequential model's layers and weights: adding Dense layers,
** drawing their initial weights, reading and replacing them, the summary.
** Training, prediction and evaluation live in model_train.c.
*/
#include "model_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "vec.h"

const char *nn_strerror(int status)
{
	switch (status) {
	case NN_OK: return "no error";
	case NN_ENOTCOMPILED: return "the model is not compiled (call compile first)";
	case NN_ENOLAYERS: return "the model has no layers";
	case NN_EINPUT: return "the input's columns do not match the model's input size";
	case NN_ETARGET: return "the targets' shape does not match the output layer";
	case NN_ENOTBUILT: return "the model is not built yet (its input size is unknown)";
	case NN_ELAYER: return "layer index out of range";
	}
	return mat_strerror(status);
}

nn_model *nn_model_new(void)
{
	nn_model *m = mem_calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->loss = NN_LOSS_MSE;
	nn_optim_defaults(&m->opt, NN_OPT_RMSPROP);
	return m;
}

void nn_model_free(nn_model *m)
{
	if (!m)
		return;
	mem_free(m->layers);
	mem_free(m->params);
	mem_free(m->rowbuf);
	mem_free(m->state);
	mem_free(m->ws);
	mem_free(m->perm);
	mem_free(m);
}

/* Re-aims every built layer's W/b views at params (after it moved). */
static void repoint(nn_model *m)
{
	for (size_t i = 0; i < m->nlayers; i++) {
		nn_layer *L = &m->layers[i];
		if (!L->in)
			continue;
		double *w = m->params + L->off;
		mat_wrap(&L->W, w, mat_shape2(L->in, L->units));
		mat_wrap(&L->b, w + L->in * L->units, mat_shape1(L->units));
	}
}

/*
** The weights of layers first..nlayers-1, whose input sizes are set, are
** appended to params and drawn as Keras' glorot_uniform with numpy's
** generator: U(-L, L), L = sqrt(6/(fan_in + fan_out)), row-major over
** fan_in x units, as uniform(-L, L, size=(fan_in, units)) draws them.
** Biases start at zero.  On failure the weights are unchanged (the
** scratch row buffer may have grown).
*/
static int draw_layers(nn_model *m, size_t first, rng *r)
{
	size_t total = m->nparams;
	for (size_t i = first; i < m->nlayers; i++) {
		const nn_layer *L = &m->layers[i];
		size_t k;
		if (mat_check_size(L->in, L->units) != MAT_OK)
			return MAT_ETOOBIG;
		k = L->in * L->units + L->units;
		if (k > MAT_MAX_ELEMS || total > MAT_MAX_ELEMS - k)
			return MAT_ETOOBIG;
		total += k;
	}
	/* predict_row's scratch: two rows of the widest layer */
	size_t widest = 0;
	for (size_t i = 0; i < m->nlayers; i++)
		if (m->layers[i].units > widest)
			widest = m->layers[i].units;
	if (widest > m->max_units) {
		double *rb = mem_realloc(m->rowbuf, 2 * widest * sizeof *rb);
		if (!rb)
			return MAT_ENOMEM;
		m->rowbuf = rb;
		m->max_units = widest;
	}
	double *p = mem_realloc(m->params, total * sizeof *p);
	if (!p)
		return MAT_ENOMEM;
	m->params = p;
	size_t off = m->nparams;
	for (size_t i = first; i < m->nlayers; i++) {
		nn_layer *L = &m->layers[i];
		size_t nk = L->in * L->units;
		double lim = sqrt(6.0 / (double)(L->in + L->units));
		L->off = off;
		for (size_t j = 0; j < nk; j++)
			p[off + j] = rng_uniform(r, -lim, lim);
		memset(p + off + nk, 0, L->units * sizeof *p);
		off += nk + L->units;
	}
	m->nparams = total;
	repoint(m);
	m->version++;
	return NN_OK;
}

int nn_model_add_dense(nn_model *m, size_t units, nn_act act, size_t input_dim, rng *r)
{
	if (units == 0)
		return MAT_EARG;
	if (units > MAT_MAX_ELEMS)
		return MAT_ETOOBIG;
	if (vec_grow(&m->layers, &m->cap, m->nlayers + 1, sizeof *m->layers, VEC_CHARGED) != 0)
		return MAT_ENOMEM;
	size_t in = 0;
	if (m->nlayers == 0)
		in = input_dim;
	else if (m->input_dim)
		in = m->layers[m->nlayers - 1].units;
	nn_layer *L = &m->layers[m->nlayers];
	memset(L, 0, sizeof *L);
	L->in = in;
	L->units = units;
	L->act = act;
	m->nlayers++;
	if (in) {
		int st = draw_layers(m, m->nlayers - 1, r ? r : rng_global());
		if (st != NN_OK) {
			m->nlayers--;
			return st;
		}
		if (m->nlayers == 1)
			m->input_dim = in;
	}
	return NN_OK;
}

int nn_model_compile(nn_model *m, nn_loss loss, const nn_optim *opt)
{
	m->loss = loss;
	if (opt)
		m->opt = *opt;
	else
		nn_optim_defaults(&m->opt, NN_OPT_RMSPROP);
	m->compiled = 1;
	m->t = 0;
	if (m->state)
		memset(m->state, 0, m->nstate * 3 * sizeof *m->state);
	return NN_OK;
}

int nn_model_build(nn_model *m, size_t input_dim, rng *r)
{
	if (m->nlayers == 0)
		return NN_ENOLAYERS;
	if (input_dim == 0)
		return NN_EINPUT;
	if (m->input_dim)
		return m->input_dim == input_dim ? NN_OK : NN_EINPUT;
	size_t prev = input_dim;
	for (size_t i = 0; i < m->nlayers; i++) {
		m->layers[i].in = prev;
		prev = m->layers[i].units;
	}
	int st = draw_layers(m, 0, r ? r : rng_global());
	if (st != NN_OK) {
		for (size_t i = 0; i < m->nlayers; i++)
			m->layers[i].in = 0;
		return st;
	}
	m->input_dim = input_dim;
	return NN_OK;
}

int nn_model_compiled(const nn_model *m) { return m->compiled; }

size_t nn_model_nlayers(const nn_model *m) { return m->nlayers; }

int nn_model_layer_info(const nn_model *m, size_t i, nn_layer_info *out)
{
	if (i >= m->nlayers)
		return NN_ELAYER;
	out->units = m->layers[i].units;
	out->input_dim = m->layers[i].in;
	out->act = m->layers[i].act;
	return NN_OK;
}

size_t nn_model_input_dim(const nn_model *m) { return m->input_dim; }

size_t nn_model_output_dim(const nn_model *m)
{
	return m->nlayers ? m->layers[m->nlayers - 1].units : 0;
}

mat *nn_model_kernel(nn_model *m, size_t i)
{
	return i < m->nlayers && m->input_dim ? &m->layers[i].W : NULL;
}

mat *nn_model_bias(nn_model *m, size_t i)
{
	return i < m->nlayers && m->input_dim ? &m->layers[i].b : NULL;
}

/*
** Shapes as Keras' set_weights checks them: the kernel is input x units
** (a 1-D array of `units` is accepted for a one-input layer), the bias has
** `units` elements.  W or b may be the model's own views, hence memmove.
*/
int nn_model_set_weights(nn_model *m, size_t i, const mat *W, const mat *b)
{
	if (i >= m->nlayers)
		return NN_ELAYER;
	if (!m->input_dim)
		return NN_ENOTBUILT;
	nn_layer *L = &m->layers[i];
	int wok = W->ndim == 2 ? W->rows == L->in && W->cols == L->units
	                       : L->in == 1 && mat_size(W) == L->units;
	if (!wok || mat_size(b) != L->units || (b->ndim == 2 && b->rows != 1))
		return MAT_ESHAPE;
	memmove(L->W.data, W->data, L->in * L->units * sizeof(double));
	memmove(L->b.data, b->data, L->units * sizeof(double));
	m->version++;
	return NN_OK;
}

void nn_model_touch(nn_model *m) { m->version++; }

unsigned long nn_model_version(const nn_model *m) { return m->version; }

size_t nn_model_param_count(const nn_model *m) { return m->input_dim ? m->nparams : 0; }

nn_loss nn_model_loss(const nn_model *m) { return m->loss; }

const nn_optim *nn_model_optim(const nn_model *m) { return m->compiled ? &m->opt : NULL; }

/* Layout of the summary: three columns, 56 characters wide. */
#define SUM_WIDTH 56
#define SUM_C1 22
#define SUM_C2 18

void nn_model_summary(const nn_model *m, strbuf *sb)
{
	char name[48], shape[48];
	sb_adds(sb, "Model: \"sequential\"\n");
	sb_addrep(sb, '_', SUM_WIDTH);
	sb_addf(sb, "\n%-*s%-*s%s\n", SUM_C1, "Layer (type)", SUM_C2, "Output Shape", "Param #");
	sb_addrep(sb, '=', SUM_WIDTH);
	sb_addc(sb, '\n');
	for (size_t i = 0; i < m->nlayers; i++) {
		const nn_layer *L = &m->layers[i];
		snprintf(name, sizeof name, "dense_%zu (Dense)", i + 1);
		snprintf(shape, sizeof shape, "(None, %zu)", L->units);
		sb_addf(sb, "%-*s %-*s ", SUM_C1 - 1, name, SUM_C2 - 1, shape);
		if (L->in)
			sb_addf(sb, "%zu\n", L->in * L->units + L->units);
		else
			sb_adds(sb, "?\n");
		if (i + 1 < m->nlayers) {
			sb_addrep(sb, '_', SUM_WIDTH);
			sb_addc(sb, '\n');
		}
	}
	sb_addrep(sb, '=', SUM_WIDTH);
	sb_addc(sb, '\n');
	if (m->nlayers && !m->input_dim) {
		sb_adds(sb, "Total params: ? (the input size is not known yet)\n");
	} else {
		sb_addf(sb, "Total params: %zu\n", m->nparams);
		sb_addf(sb, "Trainable params: %zu\n", m->nparams);
		sb_adds(sb, "Non-trainable params: 0\n");
	}
	sb_addrep(sb, '_', SUM_WIDTH);
	sb_addc(sb, '\n');
}
