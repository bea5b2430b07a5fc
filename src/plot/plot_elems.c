/*
** plot_elems.c — the table of kinds, made from their list (plot_kinds.h),
** and what a figure does with all its elements, each through its kind's
** operations (plot_int.h): the data's extent, the look of each series,
** the legend's entries, and the drawing.
*/
#include "plot_int.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"

#define KIND_OPS(K, name) [PLOT_##K] = &plot__kind_##name,
const plot_kind_ops *const plot__kinds[PLOT_NKINDS] = {PLOT_KINDS(KIND_OPS)};
#undef KIND_OPS

const char *plot_kind_name(plot_kind kind)
{
#define KIND_NAME(K, name) [PLOT_##K] = #name,
	static const char *const names[PLOT_NKINDS] = {PLOT_KINDS(KIND_NAME)};
#undef KIND_NAME
	return (unsigned)kind < PLOT_NKINDS ? names[kind] : "?";
}

void plot__free_data(plot_kind kind, void *data)
{
	if (plot__kinds[kind]->free)
		plot__kinds[kind]->free(data);
	else
		mem_free(data);
}

static const plot_kind_ops *ops_of(const plot_elem *e)
{
	return plot__kinds[e->kind];
}

int plot__extent(const plot_fig *f, plot_extents *x)
{
	memset(x, 0, sizeof *x);
	x->xlog = f->xlog;
	x->ylog = f->ylog;
	for (size_t k = 0; k < f->n; k++)
		if (ops_of(f->el[k])->extent)
			ops_of(f->el[k])->extent(f->el[k], x);
	if (x->x.any)
		return 1;
	/* without data, decision regions (the last ones added) give the range */
	for (size_t k = f->n; k-- > 0;) {
		const plot_kind_ops *o = ops_of(f->el[k]);
		if (o->fallback && o->fallback(f->el[k], f->xlog, f->ylog, &x->x, &x->y))
			break;
	}
	return 0;
}

int plot__spans(const plot_fig *f)
{
	for (size_t k = 0; k < f->n; k++)
		if (ops_of(f->el[k])->spans)
			return 1;
	return 0;
}

plot_look *plot__looks_alloc(const plot_fig *f, plot_look *buf)
{
	return f->n > 64 ? malloc(f->n * sizeof(plot_look)) : buf;
}

void plot__looks_free(plot_look *look, plot_look *buf)
{
	if (look != buf)
		free(look);
}

void plot__looks(const plot_fig *f, canvas_mode mode, int color, size_t cells, plot_look *look)
{
	plot_look_ctx c;
	memset(&c, 0, sizeof c);
	c.mode = mode;
	c.color = color;
	c.cells = cells;
	/* series colours start after the highest class in use (at most 8) */
	int maxclass = -1;
	for (size_t k = 0; k < f->n; k++) {
		const plot_elem *e = f->el[k];
		c.count[e->kind]++;
		int m = maxclass < 7 && ops_of(e)->classes ? ops_of(e)->classes(e) : -1;
		if (m > maxclass)
			maxclass = m;
	}
	c.slot = maxclass >= 7 ? 8 : maxclass + 1;
	for (size_t k = 0; k < f->n; k++) {
		plot_look *l = &look[k];
		memset(l, 0, sizeof *l);
		l->pattern = CANVAS_SOLID;
		if (ops_of(f->el[k])->look)
			ops_of(f->el[k])->look(f->el[k], &c, l);
		c.seen[f->el[k]->kind]++;
	}
}

size_t plot__entries(const plot_fig *f, const plot_look *look, canvas_mode mode, plot_entry *e)
{
	size_t n = 0;
	for (size_t k = 0; k < f->n; k++) {
		const plot_kind_ops *o = ops_of(f->el[k]);
		if (o->legend && !o->legend(f->el[k], &look[k], mode, e, &n))
			break;
	}
	return n;
}

int plot__draw(const plot_fig *f, const plot_layout *L, const plot_look *look, canvas *c, int color)
{
	int rc = PLOT_OK;
	for (int layer = PLOT_LAYER_BACK; layer <= PLOT_LAYER_TOP; layer++)
		for (size_t k = 0; k < f->n && rc == PLOT_OK; k++)
			if (ops_of(f->el[k])->layer == layer)
				rc = ops_of(f->el[k])->draw(f->el[k], L, &look[k], c, color);
	return rc;
}
