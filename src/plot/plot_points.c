/*
** plot_points.c — the kinds made of points: scatters (glyphs, or sub-cell
** dots for a dense lone scatter; classes from a hue) and lines (through
** the points in order; a point that cannot be shown breaks them).
*/
#include "plot_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* Bytes a point takes on the wire at the least: x and y. */
#define POINT_BYTES 16

typedef struct points {
	size_t n;
	double *x, *y;
	int *hue;      /* scatter: a class per point, or NULL */
} points;

static const points *P(const plot_elem *e) { return e->data; }

static void points_free(void *data)
{
	points *p = data;
	if (!p)
		return;
	mem_free(p->x);
	mem_free(p->y);
	mem_free(p->hue);
	mem_free(p);
}

static int points_make(void **data, plot_kind kind, const plot_data *d)
{
	/* a scatter needs its x; a line without one is drawn against 0, 1, ... */
	if ((kind == PLOT_SCATTER && d->n && !d->x) || (!d->y && d->n))
		return PLOT_EARG;
	points *p = mem_calloc(1, sizeof *p);
	if (!p)
		return PLOT_ENOMEM;
	int rc = plot__copy_doubles(&p->x, d->x, d->n);
	if (rc == PLOT_OK)
		rc = plot__copy_doubles(&p->y, d->y, d->n);
	if (rc == PLOT_OK)
		rc = plot__copy_ints(&p->hue, kind == PLOT_SCATTER ? d->hue : NULL, d->n);
	p->n = d->n;
	if (rc != PLOT_OK) {
		points_free(p);
		return rc;
	}
	*data = p;
	return PLOT_OK;
}

static void points_extent(const plot_elem *e, plot_extents *x)
{
	const points *p = P(e);
	for (size_t i = 0; i < p->n; i++)
		if (!p->hue || p->hue[i] >= 0)
			plot__extent_point(x, p->x[i], p->y[i]);
}

static int scatter_classes(const plot_elem *e)
{
	const points *p = P(e);
	int m = -1;
	for (size_t i = 0; p->hue && i < p->n && m < 7; i++)
		if (p->hue[i] > m)
			m = p->hue[i];
	return m;
}

/* A hue's classes take the class colours; a series without one takes a slot. */
static void scatter_look(const plot_elem *e, plot_look_ctx *c, plot_look *l)
{
	const points *p = P(e);
	if (!p->hue)
		l->slot = c->slot++;
	l->color = e->color ? (uint8_t)e->color : plot__class_color(l->slot);
	if (e->marker == PLOT_MARKER_DOT)
		l->dots = 1;
	else if (e->marker != PLOT_MARKER_AUTO && (c->mode != CANVAS_ASCII || e->marker < 128))
		l->glyph = e->marker;
	else /* a lone scatter dense enough to fill the plot: dots show its shape */
		l->dots = e->marker == PLOT_MARKER_AUTO && !p->hue && c->count[PLOT_SCATTER] == 1 &&
		          p->n > c->cells / 4;
	if (!l->glyph)
		l->glyph = plot__class_glyph(l->slot, c->mode);
}

/* Scatter glyphs: one per cell; with classes, the class most present there. */
static int scatter_draw(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c,
                        int color)
{
	(void)color;
	const points *p = P(e);
	int sw = canvas_subw(L->mode), sh = canvas_subh(L->mode);
	size_t w = L->plot_w, h = L->plot_h;
	uint32_t *count = NULL;
	if (p->hue && !l->dots && !(count = calloc(w * h * 8, sizeof *count)))
		return PLOT_ENOMEM;
	for (size_t i = 0; i < p->n; i++) {
		if (p->hue && p->hue[i] < 0)
			continue;
		long px = plot_layout_px(L, p->x[i]), py = plot_layout_py(L, p->y[i]);
		if (px < 0 || py < 0)
			continue;
		if (l->dots)
			canvas_set(c, px, py, p->hue ? plot__class_color(p->hue[i]) : l->color);
		else if (count)
			count[((size_t)(py / sh) * w + (size_t)(px / sw)) * 8 + (size_t)(p->hue[i] % 8)]++;
		else
			canvas_glyph(c, px / sw, py / sh, l->glyph, l->color, 0);
	}
	if (!count)
		return PLOT_OK;
	for (size_t k = 0; k < w * h; k++) {
		const uint32_t *n = count + k * 8;
		int best = -1;
		for (int s = 0; s < 8; s++)
			if (n[s] && (best < 0 || n[s] > n[best]))
				best = s;
		if (best >= 0)
			canvas_glyph(c, (long)(k % w), (long)(k / w), plot__class_glyph(best, L->mode),
			             plot__class_color(best), 0);
	}
	free(count);
	return PLOT_OK;
}

/* A polyline; a point that cannot be shown breaks it, a lone point is a dot. */
static int line_draw(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c,
                     int color)
{
	(void)color;
	const points *p = P(e);
	double px = NAN, py = NAN;
	int prev = 0;
	for (size_t i = 0; i < p->n; i++) {
		double x = plot__fx(L, p->x[i]), y = plot__fy(L, p->y[i]);
		int ok = isfinite(x) && isfinite(y);
		if (ok && prev)
			plot__segment(c, l, px, py, x, y);
		else if (ok && (i + 1 == p->n || !isfinite(plot__fx(L, p->x[i + 1])) ||
		                !isfinite(plot__fy(L, p->y[i + 1]))))
			plot__segment(c, l, x, y, x, y);
		px = x;
		py = y;
		prev = ok;
	}
	return PLOT_OK;
}

/* The distinct non-negative classes of a hue, ascending, at most max of them. */
static size_t classes(const points *p, int *out, size_t max, int *more)
{
	size_t n = 0;
	*more = 0;
	for (size_t i = 0; i < p->n; i++) {
		int c = p->hue[i];
		if (c < 0)
			continue;
		size_t j = 0;
		while (j < n && out[j] < c)
			j++;
		if (j < n && out[j] == c)
			continue;
		if (n == max) {
			*more = 1;
			if (j == n)
				continue;
			n--; /* keep the smallest classes */
		}
		memmove(out + j + 1, out + j, (n - j) * sizeof *out);
		out[j] = c;
		n++;
	}
	return n;
}

/* An entry per class (named, else numbered), then "..." when some did not fit. */
static int hue_legend(const plot_elem *e, const plot_look *l, canvas_mode mode,
                      plot_entry *ent, size_t *n)
{
	int cls[PLOT_MAX_ENTRIES], more;
	size_t nc = classes(P(e), cls, PLOT_MAX_ENTRIES, &more);
	for (size_t i = 0; i < nc; i++) {
		int c = cls[i];
		uint32_t g = l->dots ? (mode == CANVAS_ASCII ? '.' : 0x2022) : plot__class_glyph(c, mode);
		const char *name = (size_t)c < e->nnames ? e->names[c] : NULL;
		if (!plot__entry(ent, n, g, ' ', plot__class_color(c), name))
			return 0;
		if (!name) {
			snprintf(ent[*n - 1].num, sizeof ent[*n - 1].num, "%d", c);
			ent[*n - 1].text = ent[*n - 1].num;
		}
	}
	return !more || plot__entry(ent, n, ' ', ' ', 0, mode == CANVAS_ASCII ? "..." : "\u2026");
}

static int scatter_legend(const plot_elem *e, const plot_look *l, canvas_mode mode,
                          plot_entry *ent, size_t *n)
{
	if (P(e)->hue)
		return hue_legend(e, l, mode, ent, n);
	if (!e->label)
		return 1;
	uint32_t g = l->dots ? (mode == CANVAS_ASCII ? '.' : 0x2022) : l->glyph;
	return plot__entry(ent, n, g, ' ', l->color, e->label);
}

static size_t points_largest(const plot_elem *e)
{
	return P(e)->n;
}

static void points_encode(const plot_elem *e, strbuf *sb)
{
	const points *p = P(e);
	wire_u32(sb, (uint32_t)p->n);
	wire_u8(sb, p->hue != NULL);
	wire_f64s(sb, p->x, p->n);   /* every x, then every y: copied in one piece */
	wire_f64s(sb, p->y, p->n);
	if (p->hue)
		wire_i32s(sb, p->hue, p->n);
}

static int points_decode(plot_elem *e, wire_rd *r)
{
	size_t n = wire_get_count(r, POINT_BYTES);
	int has_hue = (int)wire_get_u8(r);
	if (r->err || has_hue > 1 || (e->kind == PLOT_LINE && has_hue) ||
	    (has_hue && wire_left(r) < n * (POINT_BYTES + 4)))
		return PLOT_EARG;
	points *p = e->data = mem_calloc(1, sizeof *p);
	if (!p)
		return PLOT_ENOMEM;
	p->n = n;
	int rc = plot__read_doubles(r, &p->x, n);
	if (rc == PLOT_OK)
		rc = plot__read_doubles(r, &p->y, n);
	if (rc == PLOT_OK && has_hue)
		rc = plot__read_ints(r, &p->hue, n);
	return rc;
}

const plot_kind_ops plot__kind_scatter = {
	.layer = PLOT_LAYER_TOP, .make = points_make, .free = points_free, .extent = points_extent,
	.classes = scatter_classes, .look = scatter_look, .draw = scatter_draw,
	.legend = scatter_legend, .largest = points_largest,
	.encode = points_encode, .decode = points_decode,
};

const plot_kind_ops plot__kind_line = {
	.make = points_make, .free = points_free, .extent = points_extent,
	.look = plot__look_line, .draw = line_draw, .legend = plot__entry_line,
	.largest = points_largest, .encode = points_encode, .decode = points_decode,
};
