/*
** model_train.c — forward and backward passes, batches, epochs (predict
** and evaluate, which only run forward, are in model_predict.c).
**
** Speed matters here: seed 004 trains 20,000 batches of a 2-4-4-2 network
** and a lesson wants that in a blink.  So nothing is allocated per batch
** (the workspace is sized once and only ever grows); a batch's rows are
** gathered into it so every loop runs over contiguous memory; the common
** narrow widths get their own copies of the Dense loops for each input
** size and width, which the compiler unrolls completely (narrow_int.h);
** a narrow layer's gradient is one pass over the batch; relu is applied inside the
** forward loop and taken back inside the next layer's backward loop;
** gradients are summed in registers and written once; and the optimizer
** makes one pass over the flat weight array.  Branches that depend on the
** data (relu, 0/1 labels) are written without jumps.
*/
#include "model_int.h"

#include <math.h>
#include <string.h>

#include "dense_int.h"
#include "mem.h"
#include "narrow_int.h"
#include "work_int.h"

/* Sum of every layer's units: the doubles one row of activations takes. */
size_t nn__sum_units(const nn_model *m)
{
	size_t s = 0;
	for (size_t i = 0; i < m->nlayers; i++)
		s += m->layers[i].units;
	return s;
}

/*
** Makes the workspace hold a batch of `rows`: every layer's outputs, two
** gradient buffers of the widest layer, and the batch's inputs and
** targets gathered into place.
*/
int nn__ensure_ws(nn_model *m, size_t rows)
{
	size_t per = nn__sum_units(m) + 2 * m->max_units + nn_model_output_dim(m) + m->input_dim;
	size_t need;
	if (!mem_mul_ok(rows, per, &need) || need > MAT_MAX_ELEMS)
		return MAT_ETOOBIG;
	if (need <= m->ws_len)
		return NN_OK;
	double *ws = mem_alloc(need * sizeof *ws);
	if (!ws)
		return MAT_ENOMEM;
	mem_free(m->ws);
	m->ws = ws;
	m->ws_len = need;
	return NN_OK;
}

/* Gradients and the optimizer's two slots, zeroed when (re)made. */
static int ensure_state(nn_model *m)
{
	if (m->state && m->nstate == m->nparams)
		return NN_OK;
	/* the fourth slot: scratch for the transposed kernels of wide layers */
	double *s = mem_calloc(4 * m->nparams, sizeof *s);
	if (!s)
		return MAT_ENOMEM;
	mem_free(m->state);
	m->state = s;
	m->nstate = m->nparams;
	m->t = 0;
	return NN_OK;
}


/* One Dense layer's outputs; narrow widths get their own unrolled copies. */
NARROW_CLONES void nn__dense_rows_any(const nn_layer *L, const double *W, const double *base, size_t n,
                        double *out)
{
	const double *b = W + L->in * L->units;
#define FWD(in, u, fuse) dense_rows(W, b, base, n, out, in, u, fuse)
	if (L->units > NARROW) {
		nn__dense_fwd(W, b, base, n, L->in, L->units, out, L->act == NN_ACT_RELU ? DENSE_RELU : 0);
		if (!fusable(L->act))
			nn_act_forward(L->act, out, out, n, L->units);
	} else if (L->act == NN_ACT_RELU) {
		PAIR_CASES(FWD, FUSE_RELU)
	} else {
		PAIR_CASES(FWD, FUSE_LINEAR)
		if (!fusable(L->act))
			nn_act_forward(L->act, out, out, n, L->units);
	}
#undef FWD
}

/*
** Items of `per` units between cancel checks for dense.c's tiles, which do
** TILED_WORK times the plain loops' work in a millisecond: whole tiles
** (a multiple of 12 rows, as tiles take 4 or 6).
*/
#define TILED_WORK 16
static size_t tiled_chunk(size_t per)
{
	return (TILED_WORK * work_chunk(per) + 11) / 12 * 12;
}

/*
** A layer's outputs for n rows, in chunks of about WORK_CHECK
** multiply-adds with a cancel check after each (a wide layer on a big
** batch takes seconds).  Rows are independent, so the chunks change
** nothing in the results.  Returns NN_OK or MAT_ECANCEL.
*/
static int dense_forward(const nn_layer *L, const double *W, const double *base, size_t n,
                         double *out, size_t *done)
{
	size_t per = (L->in + 1) * L->units;
	size_t step = L->units > NARROW ? tiled_chunk(per) : work_chunk(per);
	for (size_t r = 0; r < n; r += step) {
		size_t m = n - r < step ? n - r : step;
		nn__dense_rows_any(L, W, base + r * L->in, m, out + r * L->units);
		if (work_done(done, m * per))
			return MAT_ECANCEL;
	}
	return NN_OK;
}

/*
** Runs the network on the n rows at X, leaving layer l's outputs at
** acts + n*offset(l).  Returns NN_OK or MAT_ECANCEL.
*/
int nn__forward(const nn_model *m, const double *X, size_t n, double *acts, size_t *done)
{
	const double *in = X;
	for (size_t l = 0; l < m->nlayers; l++) {
		const nn_layer *L = &m->layers[l];
		if (dense_forward(L, m->params + L->off, in, n, acts, done) != NN_OK)
			return MAT_ECANCEL;
		in = acts;
		acts += n * L->units;
	}
	return NN_OK;
}


/*
** One call of dense_back_rows with the width's own unrolled copy; a wide
** layer runs dense.c's tiles (WT: its kernel transposed, for dx).
*/
NARROW_CLONES static void dense_back_range(const nn_layer *L, const double *W, const double *WT, double *gW,
                             const double *base, size_t n, const double *D, double *dx,
                             nn_act pact, size_t k0, size_t k1, size_t i0, size_t i1)
{
	if (L->units > NARROW) {
		nn__dense_grad(base, D, n, L->in, L->units, gW, k0, k1);
		if (dx)
			nn__dense_back_input(WT, D + i0 * L->units, base + i0 * L->in, i1 - i0, L->in,
			                     L->units, dx + i0 * L->in, pact == NN_ACT_RELU);
		return;
	}
	if (k0 == 0 && k1 == L->in + 1 && L->in <= NARROW) {
#define GRAD(in, u, unused) narrow_grad(gW, base, n, D, in, u)
#define DX(in, u, k) narrow_dx(W, D, base, dx, in, u, k, i0, i1)
		PAIR_CASES(GRAD, 0)
		if (dx && pact == NN_ACT_RELU)
			PAIR_CASES(DX, DX_RELU)
		else if (dx)
			PAIR_CASES(DX, DX_LINEAR)
#undef DX
#undef GRAD
		return;
	}
#define BWD(u, k) dense_back_rows(W, gW, base, n, D, dx, L->in, u, k, k0, k1, i0, i1)
	if (!dx) {
		DENSE_CASES(BWD, DX_NONE)
	} else if (pact == NN_ACT_RELU) {
		DENSE_CASES(BWD, DX_RELU)
	} else {
		DENSE_CASES(BWD, DX_LINEAR)
	}
#undef BWD
}

/*
** A layer's gradients, and when dx is not NULL the gradient of its input
** taken back through `pact`, the activation that produced that input.
** A layer of less than WORK_CHECK multiply-adds (every layer of the
** lessons' networks) goes in one call; a bigger one in chunks with a
** cancel check after each.  Returns NN_OK or MAT_ECANCEL.
*/
static int dense_backward(const nn_layer *L, const double *W, double *WT, double *gW,
                          const double *base, size_t n, const double *D, double *dx, nn_act pact,
                          size_t *done)
{
	size_t in = L->in, per_k = n * L->units + 1, per_i = (in + 1) * L->units;
	if (dx && L->units > NARROW)
		nn__dense_transpose(W, in, L->units, WT);
	if ((in + 1) * per_k + n * per_i < WORK_CHECK) {
		dense_back_range(L, W, WT, gW, base, n, D, dx, pact, 0, in + 1, 0, n);
		if (work_done(done, (in + 1) * per_k + n * per_i))
			return MAT_ECANCEL;
	} else {
		/* the tiles do in a millisecond TILED_WORK times what the plain loops do */
		size_t step = tiled_chunk(per_k);
		for (size_t k0 = 0; k0 <= in; k0 += step) {
			size_t k1 = in + 1 - k0 < step ? in + 1 : k0 + step;
			dense_back_range(L, W, WT, gW, base, n, D, NULL, pact, k0, k1, 0, 0);
			if (work_done(done, (k1 - k0) * per_k))
				return MAT_ECANCEL;
		}
		step = tiled_chunk(per_i);
		for (size_t i0 = 0; dx && i0 < n; i0 += step) {
			size_t i1 = n - i0 < step ? n : i0 + step;
			dense_back_range(L, W, WT, gW, base, n, D, dx, pact, in + 1, in + 1, i0, i1);
			if (work_done(done, (i1 - i0) * per_i))
				return MAT_ECANCEL;
		}
	}
	if (dx && pact != NN_ACT_RELU && pact != NN_ACT_LINEAR)
		nn_act_backward(pact, base, dx, dx, n, in);
	return NN_OK;
}

/*
** The batch loss of rows idx[0..n-1] of X, Y (the first n when idx is
** NULL) and its gradient in m->state (the first nparams doubles).  The
** rows are gathered first: the kernels then run over contiguous memory,
** and a copy of in+out doubles per row costs less than one layer.  The
** workspace must hold n rows.
*/
static int gradient_rows(nn_model *m, const double *X, const double *Y, const size_t *idx,
                         size_t n, double *loss, size_t *done)
{
	size_t nl = m->nlayers, out = nn_model_output_dim(m), su = nn__sum_units(m);
	size_t in = m->input_dim;
	double *acts = m->ws;
	double *d0 = acts + n * su, *d1 = d0 + n * m->max_units;
	double *yb = d1 + n * m->max_units, *xb = yb + n * out;
	for (size_t i = 0; i < n; i++) {
		size_t r = idx ? idx[i] : i;
		for (size_t k = 0; k < in; k++)
			xb[i * in + k] = X[r * in + k];
		for (size_t j = 0; j < out; j++)
			yb[i * out + j] = Y[r * out + j];
	}
	if (nn__forward(m, xb, n, acts, done) != NN_OK)
		return MAT_ECANCEL;
	double *p = acts + n * (su - out);
	nn_act last = m->layers[nl - 1].act;
	if (!nn_loss_eval_out(m->loss, last, yb, p, d0, n, out, loss)) {
		*loss = nn_loss_eval(m->loss, yb, p, d0, n, out);
		nn_act_backward(last, p, d0, d0, n, out);
	}

	double *g = m->state;   /* every layer writes all of its gradients */
	double *WT = m->state + 3 * m->nparams;
	double *D = d0, *Dn = d1;
	for (size_t l = nl; l-- > 0;) {
		const nn_layer *L = &m->layers[l];
		if (l == 0)
			return dense_backward(L, m->params + L->off, WT, g + L->off, xb, n, D, NULL,
			                      NN_ACT_LINEAR, done);
		const nn_layer *P = &m->layers[l - 1];
		double *pa = p - n * P->units;   /* the previous layer's outputs */
		if (dense_backward(L, m->params + L->off, WT, g + L->off, pa, n, D, Dn, P->act,
		                   done) != NN_OK)
			return MAT_ECANCEL;
		p = pa;
		double *t = D;
		D = Dn;
		Dn = t;
	}
	return NN_OK;
}

/*
** A training step on prepared rows: gradient, then one optimizer update
** (none when the gradient was stopped: the batch leaves no trace).
*/
static int step_rows(nn_model *m, const double *X, const double *Y, const size_t *idx, size_t n,
                     double *loss, size_t *done)
{
	if (gradient_rows(m, X, Y, idx, n, loss, done) != NN_OK)
		return MAT_ECANCEL;
	size_t np = m->nparams;
	nn_optim_step(&m->opt, m->params, m->state, m->state + np, m->state + 2 * np, np, ++m->t);
	m->version++;
	return work_done(done, np) ? MAT_ECANCEL : NN_OK;
}

int nn_model_check_data(const nn_model *m, const mat *X, const mat *y)
{
	size_t rows, cols, out = nn_model_output_dim(m);
	if (m->nlayers == 0)
		return NN_ENOLAYERS;
	nn_data_shape(X, &rows, &cols);
	if (rows == 0 || (m->input_dim && cols != m->input_dim))
		return NN_EINPUT;
	if (y && (y->ndim == 2 ? y->rows != rows || y->cols != out : out != 1 || mat_size(y) != rows))
		return NN_ETARGET;
	return NN_OK;
}

/* What every training entry point checks first (a stop already asked for too). */
int nn__ready(const nn_model *m, const mat *X, const mat *y)
{
	if (cancel_requested())
		return MAT_ECANCEL;
	if (!m->compiled)
		return NN_ENOTCOMPILED;
	int st = nn_model_check_data(m, X, y);
	if (st != NN_OK)
		return st;
	return m->input_dim ? NN_OK : NN_ENOTBUILT;
}

/* Checks a caller's row list against X's rows. */
static int check_idx(const mat *X, const size_t *idx, size_t n)
{
	size_t rows, cols;
	nn_data_shape(X, &rows, &cols);
	if (n == 0)
		return MAT_EARG;
	if (idx)
		for (size_t i = 0; i < n; i++)
			if (idx[i] >= rows)
				return MAT_EINDEX;
	if (!idx && n > rows)
		return MAT_EINDEX;
	return NN_OK;
}

/* Checks a batch of n rows (idx or the first n) and sizes the work space. */
static int prepare_batch(nn_model *m, const mat *X, const mat *y,
                         const size_t *idx, size_t n)
{
	int st = nn__ready(m, X, y);
	if (st == NN_OK)
		st = check_idx(X, idx, n);
	if (st == NN_OK)
		st = nn__ensure_ws(m, n);
	if (st == NN_OK)
		st = ensure_state(m);
	return st;
}

int nn_model_train_batch(nn_model *m, const mat *X, const mat *y,
                         const size_t *idx, size_t n, double *loss)
{
	int st = prepare_batch(m, X, y, idx, n);
	if (st != NN_OK)
		return st;
	size_t done = 0;
	return step_rows(m, X->data, y->data, idx, n, loss, &done);
}

int nn_model_gradient(nn_model *m, const mat *X, const mat *y, const size_t *idx,
                      size_t n, double *grad, double *loss)
{
	int st = prepare_batch(m, X, y, idx, n);
	if (st != NN_OK)
		return st;
	size_t done = 0;
	if ((st = gradient_rows(m, X->data, y->data, idx, n, loss, &done)) != NN_OK)
		return st;
	memcpy(grad, m->state, m->nparams * sizeof *grad);
	return NN_OK;
}

/*
** Keras' fit for one epoch: a fresh permutation when shuffling (numpy's
** generator here, TF's in Keras), consecutive batches with the last
** partial one kept, and the loss as the sample-weighted mean of the batch
** losses, each taken before its own update.
*/
int nn_model_train_epoch(nn_model *m, const mat *X, const mat *y, size_t batch_size,
                         int shuffle, rng *r, double *loss, size_t *steps)
{
	size_t N, cols;
	int st = nn__ready(m, X, y);
	if (st != NN_OK)
		return st;
	nn_data_shape(X, &N, &cols);
	size_t B = batch_size ? batch_size : 32;
	if (B > N)
		B = N;
	if (m->perm_len < N) {
		size_t *p = mem_calloc(N, sizeof *p);
		if (!p)
			return MAT_ENOMEM;
		mem_free(m->perm);
		m->perm = p;
		m->perm_len = N;
	}
	if ((st = nn__ensure_ws(m, B)) != NN_OK || (st = ensure_state(m)) != NN_OK)
		return st;
	if (shuffle)
		rng_permutation(r ? r : rng_global(), m->perm, N);
	else
		for (size_t i = 0; i < N; i++)
			m->perm[i] = i;
	double total = 0.0;
	size_t nsteps = 0, done = 0;
	for (size_t s = 0; s < N; s += B) {
		size_t n = N - s < B ? N - s : B;
		double l;
		if ((st = step_rows(m, X->data, y->data, m->perm + s, n, &l, &done)) != NN_OK)
			return st;
		total += l * (double)n;
		nsteps++;
	}
	*loss = total / (double)N;
	*steps = nsteps;
	return NN_OK;
}
