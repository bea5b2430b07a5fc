/*
** plot.c — the figure model: elements, their data, references, versions.
**
** Every change builds the new data completely before touching the figure,
** so a failed allocation leaves the figure as it was.
*/
#include "plot_int.h"

#include <math.h>
#include <string.h>

#include "mem.h"

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
	mem_free(e->x);
	mem_free(e->y);
	mem_free(e->hue);
	mem_free(e->cls);
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

/* --- building pieces ------------------------------------------------------ */

static int copy_doubles(double **out, const double *src, size_t n)
{
	size_t bytes;
	*out = NULL;
	if (!mem_mul_ok(n ? n : 1, sizeof(double), &bytes))
		return PLOT_ETOOBIG;
	double *d = mem_alloc(bytes);
	if (!d)
		return PLOT_ENOMEM;
	for (size_t i = 0; i < n; i++)
		d[i] = src ? src[i] : (double)i;
	*out = d;
	return PLOT_OK;
}

static int copy_ints(int **out, const int *src, size_t n)
{
	size_t bytes;
	*out = NULL;
	if (!src)
		return PLOT_OK;
	if (!mem_mul_ok(n ? n : 1, sizeof(int), &bytes))
		return PLOT_ETOOBIG;
	int *d = mem_alloc(bytes);
	if (!d)
		return PLOT_ENOMEM;
	if (n)
		memcpy(d, src, n * sizeof(int));
	*out = d;
	return PLOT_OK;
}

/* Points: x may be NULL (0..n-1); hue may be NULL. */
static int make_points(const double *x, const double *y, const int *hue, size_t n,
                       double **ox, double **oy, int **oh)
{
	if (!y && n)
		return PLOT_EARG;
	int rc = copy_doubles(ox, x, n);
	if (rc == PLOT_OK)
		rc = copy_doubles(oy, y, n);
	if (rc == PLOT_OK)
		rc = copy_ints(oh, hue, n);
	if (rc != PLOT_OK) {
		mem_free(*ox);
		mem_free(*oy);
		*ox = *oy = NULL;
	}
	return rc;
}

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
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		plot_elem **el = mem_realloc(f->el, cap * sizeof *el);
		if (!el) {
			plot__elem_free(e);
			return PLOT_ENOMEM;
		}
		f->el = el;
		f->cap = cap;
	}
	e->id = f->next_id++;
	f->el[f->n++] = e;
	plot__changed(f, e);
	if (id)
		*id = e->id;
	return PLOT_OK;
}

static plot_elem *new_elem(int kind, const plot_style *s, int *rc)
{
	plot_elem *e = mem_calloc(1, sizeof *e);
	if (!e) {
		*rc = PLOT_ENOMEM;
		return NULL;
	}
	e->kind = kind;
	if ((*rc = apply_style(e, s)) != PLOT_OK) {
		plot__elem_free(e);
		return NULL;
	}
	return e;
}

int plot_scatter(plot_fig *f, const double *x, const double *y, const int *hue,
                 size_t n, const plot_style *style, plot_id *id)
{
	if (n && !x)
		return PLOT_EARG;
	int rc;
	plot_elem *e = new_elem(EL_SCATTER, style, &rc);
	if (!e)
		return rc;
	if ((rc = make_points(x, y, hue, n, &e->x, &e->y, &e->hue)) != PLOT_OK) {
		plot__elem_free(e);
		return rc;
	}
	e->n = n;
	return push(f, e, id);
}

int plot_line(plot_fig *f, const double *x, const double *y, size_t n,
              const plot_style *style, plot_id *id)
{
	int rc;
	plot_elem *e = new_elem(EL_LINE, style, &rc);
	if (!e)
		return rc;
	if ((rc = make_points(x, y, NULL, n, &e->x, &e->y, &e->hue)) != PLOT_OK) {
		plot__elem_free(e);
		return rc;
	}
	e->n = n;
	return push(f, e, id);
}

int plot_loss(plot_fig *f, const double *loss, size_t n, const double *val_loss,
              size_t nval, plot_id ids[2])
{
	if ((n && !loss) || (nval && !val_loss))
		return PLOT_EARG;
	size_t m = n > nval ? n : nval, bytes;
	if (!mem_mul_ok(m ? m : 1, sizeof(double), &bytes))
		return PLOT_ETOOBIG;
	double *ep = mem_alloc(bytes);
	if (!ep)
		return PLOT_ENOMEM;
	for (size_t i = 0; i < m; i++)
		ep[i] = (double)(i + 1);
	plot_style s = {0};
	plot_id a = 0, b = 0;
	s.label = "loss";
	int rc = plot_line(f, ep, loss, n, &s, &a);
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
	int rc;
	plot_elem *e = new_elem(EL_BOUNDARY, style, &rc);
	if (!e)
		return rc;
	e->w1 = w1;
	e->w2 = w2;
	e->b = b;
	return push(f, e, id);
}

static int refline(plot_fig *f, int kind, double v, const plot_style *style, plot_id *id)
{
	int rc;
	plot_elem *e = new_elem(kind, style, &rc);
	if (!e)
		return rc;
	e->w1 = v;
	return push(f, e, id);
}

int plot_hline(plot_fig *f, double v, const plot_style *style, plot_id *id)
{
	return refline(f, EL_HLINE, v, style, id);
}

int plot_vline(plot_fig *f, double v, const plot_style *style, plot_id *id)
{
	return refline(f, EL_VLINE, v, style, id);
}

/* --- region grids ------------------------------------------------------------ */

static double grid_at(double a, double b, size_t i, size_t n, int lg)
{
	double u = ((double)i + 0.5) / (double)(n ? n : 1);
	if (lg && a > 0 && b > 0)
		return pow(10.0, log10(a) + u * (log10(b) - log10(a)));
	return a + u * (b - a);
}

double plot_grid_x(const plot_grid *g, size_t i) { return grid_at(g->x0, g->x1, i, g->nx, g->xlog); }
double plot_grid_y(const plot_grid *g, size_t j) { return grid_at(g->y0, g->y1, j, g->ny, g->ylog); }

static int grid_ok(const plot_grid *g)
{
	size_t cells;
	if (!g || !g->nx || !g->ny || !mem_mul_ok(g->nx, g->ny, &cells))
		return 0;
	if (!isfinite(g->x0) || !isfinite(g->x1) || !isfinite(g->y0) || !isfinite(g->y1))
		return 0;
	if (!(g->x0 < g->x1) || !(g->y0 < g->y1))
		return 0;
	if ((g->xlog && g->x0 <= 0) || (g->ylog && g->y0 <= 0))
		return 0;
	return 1;
}

static int make_cls(const plot_grid *g, const int *cls, int **out)
{
	if (!grid_ok(g) || !cls)
		return PLOT_EARG;
	return copy_ints(out, cls, g->nx * g->ny);
}

int plot_regions(plot_fig *f, const plot_grid *g, const int *cls,
                 const plot_style *style, plot_id *id)
{
	int *c, rc = make_cls(g, cls, &c);
	if (rc != PLOT_OK)
		return rc;
	plot_elem *e = new_elem(EL_REGIONS, style, &rc);
	if (!e) {
		mem_free(c);
		return rc;
	}
	e->grid = *g;
	e->cls = c;
	return push(f, e, id);
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

int plot_set_data(plot_fig *f, plot_id id, const double *x, const double *y,
                  const int *hue, size_t n)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	if (e->kind != EL_SCATTER && e->kind != EL_LINE)
		return PLOT_EKIND;
	if (e->kind == EL_SCATTER && n && !x)
		return PLOT_EARG;
	double *nx, *ny;
	int *nh;
	int rc = make_points(x, y, e->kind == EL_SCATTER ? hue : NULL, n, &nx, &ny, &nh);
	if (rc != PLOT_OK)
		return rc;
	mem_free(e->x);
	mem_free(e->y);
	mem_free(e->hue);
	e->x = nx;
	e->y = ny;
	e->hue = nh;
	e->n = n;
	plot__changed(f, e);
	return PLOT_OK;
}

int plot_set_boundary(plot_fig *f, plot_id id, double w1, double w2, double b)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	if (e->kind != EL_BOUNDARY)
		return PLOT_EKIND;
	e->w1 = w1;
	e->w2 = w2;
	e->b = b;
	plot__changed(f, e);
	return PLOT_OK;
}

int plot_set_value(plot_fig *f, plot_id id, double v)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	if (e->kind != EL_HLINE && e->kind != EL_VLINE)
		return PLOT_EKIND;
	e->w1 = v;
	plot__changed(f, e);
	return PLOT_OK;
}

int plot_set_regions(plot_fig *f, plot_id id, const plot_grid *g, const int *cls)
{
	plot_elem *e = find(f, id, NULL);
	if (!e)
		return PLOT_ENOELEM;
	if (e->kind != EL_REGIONS)
		return PLOT_EKIND;
	int *c, rc = make_cls(g, cls, &c);
	if (rc != PLOT_OK)
		return rc;
	mem_free(e->cls);
	e->cls = c;
	e->grid = *g;
	plot__changed(f, e);
	return PLOT_OK;
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
