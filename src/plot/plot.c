/*
** plot.c — the figure model: its settings, its elements (their styles;
** their data is their kind's, plot_kinds.h), references and versions.
**
** Every change builds the new data completely before touching the figure,
** so a failed allocation leaves the figure as it was.
*/
#include "plot_int.h"

#include <math.h>
#include <string.h>

#include "mem.h"
#include "vec.h"

const char *plot_strerror(int status)
{
	switch (status) {
	case PLOT_OK: return "ok";
	case PLOT_ENOMEM: return "not enough memory";
	case PLOT_EARG: return "bad argument";
	case PLOT_ENOELEM: return "the plot element no longer exists";
	case PLOT_EKIND: return "the plot element is of another kind";
	case PLOT_ETOOBIG: return "too many points";
	}
	return "unknown plot error";
}

plot_fig *plot_fig_new(void)
{
	plot_fig *f = mem_calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->refs = 1;
	f->version = 1;
	f->next_id = 1;
	return f;
}

void plot_fig_ref(plot_fig *f)
{
	if (f)
		f->refs++;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		mem_free(names[i]);
	mem_free(names);
}

void plot__elem_free(plot_elem *e)
{
	if (!e)
		return;
	mem_free(e->label);
	free_names(e->names, e->nnames);
	if ((unsigned)e->kind < PLOT_NKINDS)
		plot__free_data(e->kind, e->data);
	mem_free(e);
}

void plot_clear(plot_fig *f)
{
	for (size_t i = 0; i < f->n; i++)
		plot__elem_free(f->el[i]);
	f->n = 0;
	f->version++;
}

void plot_fig_unref(plot_fig *f)
{
	if (!f || --f->refs > 0)
		return;
	plot_clear(f);
	mem_free(f->el);
	mem_free(f->title);
	mem_free(f->xlabel);
	mem_free(f->ylabel);
	mem_free(f);
}

unsigned long plot_fig_version(const plot_fig *f) { return f->version; }
int plot_fig_refs(const plot_fig *f) { return f->refs; }
const char *plot_fig_title(const plot_fig *f) { return f->title; }
size_t plot_fig_height(const plot_fig *f) { return f->height; }

void plot__changed(plot_fig *f, plot_elem *e)
{
	f->version++;
	if (e)
		e->ver = f->version;
}
size_t plot_count(const plot_fig *f) { return f->n; }

/* Replaces *dst by a charged copy of s (NULL or "" clears). */
static int set_str(char **dst, const char *s)
{
	char *d = NULL;
	if (s && *s && !(d = mem_strdup(s)))
		return PLOT_ENOMEM;
	mem_free(*dst);
	*dst = d;
	return PLOT_OK;
}

static int set_fig_str(plot_fig *f, char **dst, const char *s)
{
	int rc = set_str(dst, s);
	if (rc == PLOT_OK)
		f->version++;
	return rc;
}

int plot_set_title(plot_fig *f, const char *s) { return set_fig_str(f, &f->title, s); }
int plot_set_xlabel(plot_fig *f, const char *s) { return set_fig_str(f, &f->xlabel, s); }
int plot_set_ylabel(plot_fig *f, const char *s) { return set_fig_str(f, &f->ylabel, s); }

void plot_set_size(plot_fig *f, size_t width, size_t height)
{
	f->width = width > PLOT_MAX_W ? PLOT_MAX_W : width;
	f->height = height > PLOT_MAX_H ? PLOT_MAX_H : height;
	f->version++;
}

static int set_lim(plot_fig *f, int *has, double lim[2], double lo, double hi)
{
	if (!isfinite(lo) || !isfinite(hi) || !(lo < hi) || fabs(lo) > PLOT_HUGE ||
	    fabs(hi) > PLOT_HUGE)
		return PLOT_EARG;
	*has = 1;
	lim[0] = lo;
	lim[1] = hi;
	f->version++;
	return PLOT_OK;
}

int plot_set_xlim(plot_fig *f, double lo, double hi) { return set_lim(f, &f->has_xlim, f->xlim, lo, hi); }
int plot_set_ylim(plot_fig *f, double lo, double hi) { return set_lim(f, &f->has_ylim, f->ylim, lo, hi); }
void plot_unset_xlim(plot_fig *f) { f->has_xlim = 0; f->version++; }
void plot_unset_ylim(plot_fig *f) { f->has_ylim = 0; f->version++; }

void plot_set_log(plot_fig *f, int xlog, int ylog)
{
	f->xlog = !!xlog;
	f->ylog = !!ylog;
	f->version++;
}

/* --- elements ------------------------------------------------------------------ */

/* Copies a style's owned parts (label, class names) into e. */
static int apply_style(plot_elem *e, const plot_style *s)
{
	plot_style none = {0};
	if (!s)
		s = &none;
	char *label = NULL, **names = NULL;
	size_t nn = s->class_names ? s->nclass_names : 0;
	if (s->label && *s->label && !(label = mem_strdup(s->label)))
		return PLOT_ENOMEM;
	if (nn) {
		if (nn > 4096)
			nn = 4096;
		names = mem_calloc(nn, sizeof *names);
		if (!names) {
			mem_free(label);
			return PLOT_ENOMEM;
		}
		for (size_t i = 0; i < nn; i++) {
			const char *src = s->class_names[i] ? s->class_names[i] : "";
			if (!(names[i] = mem_strdup(src))) {
				free_names(names, nn);
				mem_free(label);
				return PLOT_ENOMEM;
			}
		}
	}
	mem_free(e->label);
	free_names(e->names, e->nnames);
	e->label = label;
	e->names = names;
	e->nnames = nn;
	e->color = s->color > 0 && s->color < ST_NCOLORS ? s->color : 0;
	e->marker = s->marker;
	e->dash = s->dash == PLOT_DASHED || s->dash == PLOT_DOTTED ? s->dash : PLOT_SOLID;
	return PLOT_OK;
}

/* Takes ownership of e (freeing it on failure) and appends it. */
static int push(plot_fig *f, plot_elem *e, plot_id *id)
{
	if (vec_grow(&f->el, &f->cap, f->n + 1, sizeof *f->el, VEC_CHARGED) != 0) {
		plot__elem_free(e);
		return PLOT_ENOMEM;
	}
	e->id = f->next_id++;
	f->el[f->n++] = e;
	plot__changed(f, e);
	if (id)
		*id = e->id;
	return PLOT_OK;
}

int plot_add(plot_fig *f, plot_kind kind, const plot_data *d, const plot_style *style,
             plot_id *id)
{
	if ((unsigned)kind >= PLOT_NKINDS || !d)
		return PLOT_EARG;
	void *data = NULL;
	int rc = plot__kinds[kind]->make(&data, kind, d);
	if (rc != PLOT_OK)
		return rc;
	plot_elem *e = mem_calloc(1, sizeof *e);
	if (!e) {
		plot__free_data(kind, data);
		return PLOT_ENOMEM;
	}
	e->kind = kind;
	e->data = data;
	if ((rc = apply_style(e, style)) != PLOT_OK) {
		plot__elem_free(e);
		return rc;
	}
	return push(f, e, id);
}

int plot_scatter(plot_fig *f, const double *x, const double *y, const int *hue,
                 size_t n, const plot_style *style, plot_id *id)
{
	plot_data d = {.x = x, .y = y, .hue = hue, .n = n};
	return plot_add(f, PLOT_SCATTER, &d, style, id);
}

int plot_line(plot_fig *f, const double *x, const double *y, size_t n,
              const plot_style *style, plot_id *id)
{
	plot_data d = {.x = x, .y = y, .n = n};
	return plot_add(f, PLOT_LINE, &d, style, id);
}

int plot_loss(plot_fig *f, const double *loss, size_t n, const double *val_loss,
              size_t nval, plot_id ids[2])
{
	if ((n && !loss) || (nval && !val_loss))
		return PLOT_EARG;
	size_t m = n > nval ? n : nval;
	double *ep;
	int rc = plot__copy_doubles(&ep, NULL, m);
	if (rc != PLOT_OK)
		return rc;
	for (size_t i = 0; i < m; i++)
		ep[i] += 1;   /* epochs count from 1 */
	plot_style s = {0};
	plot_id a = 0, b = 0;
	s.label = "loss";
	rc = plot_line(f, ep, loss, n, &s, &a);
	if (rc == PLOT_OK && nval) {
		s.label = "val_loss";
		rc = plot_line(f, ep, val_loss, nval, &s, &b);
		if (rc != PLOT_OK)
			plot_remove(f, a);
	}
	mem_free(ep);
	if (rc != PLOT_OK)
		return rc;
	if (!f->xlabel && plot_set_xlabel(f, "epoch") != PLOT_OK) {
		plot_remove(f, a);
		if (b)
			plot_remove(f, b);
		return PLOT_ENOMEM;
	}
	if (ids) {
		ids[0] = a;
		ids[1] = b;
	}
	return PLOT_OK;
}

int plot_boundary(plot_fig *f, double w1, double w2, double b,
                  const plot_style *style, plot_id *id)
{
	plot_data d = {.num = {w1, w2, b}};
	return plot_add(f, PLOT_BOUNDARY, &d, style, id);
}

int plot_hline(plot_fig *f, double v, const plot_style *style, plot_id *id)
{
	plot_data d = {.num = {v}};
	return plot_add(f, PLOT_HLINE, &d, style, id);
}

int plot_vline(plot_fig *f, double v, const plot_style *style, plot_id *id)
{
	plot_data d = {.num = {v}};
	return plot_add(f, PLOT_VLINE, &d, style, id);
}

int plot_regions(plot_fig *f, const plot_grid *g, const int *cls,
                 const plot_style *style, plot_id *id)
{
	plot_data d = {.grid = g, .cls = cls};
	return plot_add(f, PLOT_REGIONS, &d, style, id);
}

/* --- changing elements ------------------------------------------------------- */

static plot_elem *find(const plot_fig *f, plot_id id, size_t *where)
{
	for (size_t i = 0; i < f->n; i++) {
		if (f->el[i]->id == id) {
			if (where)
				*where = i;
			return f->el[i];
		}
	}
	return NULL;
}

int plot_set(plot_fig *f, plot_id id, const plot_data *d)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	if (!d)
		return PLOT_EARG;
	void *data = NULL;
	int rc = plot__kinds[e->kind]->make(&data, e->kind, d);
	if (rc != PLOT_OK)
		return rc;
	plot__free_data(e->kind, e->data);
	e->data = data;
	plot__changed(f, e);
	return PLOT_OK;
}

/* plot_set for an element of one of the kinds in the bit set `kinds`, else PLOT_EKIND. */
static int set_kinds(plot_fig *f, plot_id id, unsigned kinds, const plot_data *d)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	if (!(kinds & 1u << e->kind))
		return PLOT_EKIND;
	return plot_set(f, id, d);
}

int plot_set_data(plot_fig *f, plot_id id, const double *x, const double *y,
                  const int *hue, size_t n)
{
	plot_data d = {.x = x, .y = y, .hue = hue, .n = n};
	return set_kinds(f, id, 1u << PLOT_SCATTER | 1u << PLOT_LINE, &d);
}

int plot_set_boundary(plot_fig *f, plot_id id, double w1, double w2, double b)
{
	plot_data d = {.num = {w1, w2, b}};
	return set_kinds(f, id, 1u << PLOT_BOUNDARY, &d);
}

int plot_set_value(plot_fig *f, plot_id id, double v)
{
	plot_data d = {.num = {v}};
	return set_kinds(f, id, 1u << PLOT_HLINE | 1u << PLOT_VLINE, &d);
}

int plot_set_regions(plot_fig *f, plot_id id, const plot_grid *g, const int *cls)
{
	plot_data d = {.grid = g, .cls = cls};
	return set_kinds(f, id, 1u << PLOT_REGIONS, &d);
}

int plot_set_label(plot_fig *f, plot_id id, const char *label)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	int rc = set_str(&e->label, label);
	if (rc == PLOT_OK)
		plot__changed(f, e);
	return rc;
}

int plot_set_style(plot_fig *f, plot_id id, const plot_style *style)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	int rc = apply_style(e, style);
	if (rc == PLOT_OK)
		plot__changed(f, e);
	return rc;
}

int plot_remove(plot_fig *f, plot_id id)
{
	size_t i;
	plot_elem *e = find(f, id, &i);
	if (!e)
		return PLOT_ENOELEM;
	plot__elem_free(e);
	memmove(f->el + i, f->el + i + 1, (f->n - i - 1) * sizeof *f->el);
	f->n--;
	f->version++;
	return PLOT_OK;
}
