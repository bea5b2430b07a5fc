/*
** plot_regions.c — decision regions: a class per sample of a grid, shown
** as cell backgrounds behind everything (shading without colour), and
** the grids they are sampled on.  Regions do not widen the axes; rendered
** at another size they are resampled (nearest sample).
*/
#include "plot_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* One block (freed by mem_free): the classes follow the grid. */
typedef struct regions {
	plot_grid grid;
	int cls[];       /* grid.nx * grid.ny classes, row j = 0 at the bottom */
} regions;

static const regions *G(const plot_elem *e) { return e->data; }

/* --- grids ------------------------------------------------------------------------- */

static double grid_at(double a, double b, size_t i, size_t n, int lg)
{
	double u = ((double)i + 0.5) / (double)(n ? n : 1);
	if (lg && a > 0 && b > 0)
		return pow(10.0, log10(a) + u * (log10(b) - log10(a)));
	return a + u * (b - a);
}

double plot_grid_x(const plot_grid *g, size_t i) { return grid_at(g->x0, g->x1, i, g->nx, g->xlog); }
double plot_grid_y(const plot_grid *g, size_t j) { return grid_at(g->y0, g->y1, j, g->ny, g->ylog); }

/* A grid of at least one sample, its cells countable, over a finite rectangle a log axis can show. */
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

/* --- the kind ------------------------------------------------------------------------ */

/* A block for g's classes, or NULL (*rc says why: too big for size_t, or out of memory). */
static regions *new_regions(const plot_grid *g, int *rc)
{
	size_t bytes;
	regions *r = NULL;
	*rc = PLOT_ETOOBIG;
	if (mem_mul_ok(g->nx * g->ny, sizeof(int), &bytes) && bytes <= SIZE_MAX - sizeof *r) {
		*rc = (r = mem_alloc(sizeof *r + bytes)) ? PLOT_OK : PLOT_ENOMEM;
		if (r)
			r->grid = *g;
	}
	return r;
}

static int regions_make(void **data, plot_kind kind, const plot_data *d)
{
	(void)kind;
	int rc;
	if (!grid_ok(d->grid) || !d->cls)
		return PLOT_EARG;
	regions *r = new_regions(d->grid, &rc);
	if (r)
		memcpy(r->cls, d->cls, d->grid->nx * d->grid->ny * sizeof(int));
	*data = r;
	return rc;
}

/* Without data the axes show the grid's rectangle. */
static int regions_fallback(const plot_elem *e, int xlog, int ylog, plot_extent *ex, plot_extent *ey)
{
	const plot_grid *g = &G(e)->grid;
	double x0 = plot__tval(xlog, g->x0), x1 = plot__tval(xlog, g->x1);
	double y0 = plot__tval(ylog, g->y0), y1 = plot__tval(ylog, g->y1);
	if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) || !isfinite(y1))
		return 0;
	*ex = (plot_extent){x0, x1, 1, 0};
	*ey = (plot_extent){y0, y1, 1, 0};
	return 1;
}

static int regions_classes(const plot_elem *e)
{
	const regions *r = G(e);
	size_t n = r->grid.nx * r->grid.ny;
	int m = -1;
	for (size_t i = 0; i < n && m < 7; i++)
		if (r->cls[i] > m)
			m = r->cls[i];
	return m;
}

/* Region shading when there is no colour: class 0 blank, then denser dots. */
static const uint32_t shade_utf8[8] = {' ', 0x00B7, 0x2591, 0x2237, 0x2592, 0x02D9, 0x2022, 0x25E6};
static const uint32_t shade_ascii[8] = {' ', '.', ':', ';', '\'', ',', '`', '"'};

/* Maps a pixel's value in axis units to a grid index (-1 outside). */
static long grid_index(double v, int lg, double a, double b, int glg, size_t n)
{
	if (lg)
		v = pow(10.0, v);
	if (glg) {
		if (!(v > 0))
			return -1;
		v = log10(v);
		a = log10(a);
		b = log10(b);
	}
	double u = (v - a) / (b - a) * (double)n;
	if (!(u >= 0) || u >= (double)n)
		return -1;
	return (long)u;
}

/* Fills gi (a column's grid index) and gj (each sub-row's: halves in block mode). */
static void grid_indices(const plot_grid *g, const plot_layout *L, int halves, long *gi, long *gj)
{
	int sw = canvas_subw(L->mode), sh = canvas_subh(L->mode);
	double xd = L->xres > 1 ? (double)(L->xres - 1) : 1, yd = L->yres > 1 ? (double)(L->yres - 1) : 1;
	for (size_t col = 0; col < L->plot_w; col++) {
		double px = (double)col * sw + (sw - 1) / 2.0;
		double t = L->x.tlo + px / xd * (L->x.thi - L->x.tlo);
		gi[col] = grid_index(t, L->x.log, g->x0, g->x1, g->xlog, g->nx);
	}
	for (size_t r = 0; r < L->plot_h * (size_t)halves; r++) {
		double py = halves == 2 ? (double)r : (double)r * sh + (sh - 1) / 2.0;
		double t = L->y.thi - py / yd * (L->y.thi - L->y.tlo);
		gj[r] = grid_index(t, L->y.log, g->y0, g->y1, g->ylog, g->ny);
	}
}

static int regions_draw(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c,
                        int color)
{
	(void)l;
	const regions *rg = G(e);
	size_t w = L->plot_w, h = L->plot_h;
	int halves = L->mode == CANVAS_BLOCK ? 2 : 1;
	long *gi = malloc((w + h * 2) * sizeof *gi);
	if (!gi)
		return PLOT_ENOMEM;
	long *gj = gi + w;
	grid_indices(&rg->grid, L, halves, gi, gj);
	const uint32_t *shade = L->mode == CANVAS_ASCII ? shade_ascii : shade_utf8;
	for (size_t r = 0; r < h * (size_t)halves; r++) {
		if (gj[r] < 0)
			continue;
		long row = (long)(r / (size_t)halves);
		int half = halves == 2 ? (int)(r % 2) : 2;
		for (size_t col = 0; col < w; col++) {
			if (gi[col] < 0)
				continue;
			int k = rg->cls[(size_t)gj[r] * rg->grid.nx + (size_t)gi[col]];
			if (k < 0)
				continue;
			if (color)
				canvas_fill(c, (long)col, row, half, plot__class_color(k));
			else if (half != 1)
				canvas_shade(c, (long)col, row, shade[k % 8], plot__class_color(k));
		}
	}
	free(gi);
	return PLOT_OK;
}

static size_t regions_largest(const plot_elem *e)
{
	const plot_grid *g = &G(e)->grid;
	return g->nx > g->ny ? g->nx : g->ny;
}

static void regions_encode(const plot_elem *e, strbuf *sb)
{
	const plot_grid *g = &G(e)->grid;
	wire_f64(sb, g->x0);
	wire_f64(sb, g->x1);
	wire_f64(sb, g->y0);
	wire_f64(sb, g->y1);
	wire_u32(sb, (uint32_t)g->nx);
	wire_u32(sb, (uint32_t)g->ny);
	wire_u8(sb, (unsigned)(g->xlog | g->ylog << 1));
	wire_i32s(sb, G(e)->cls, g->nx * g->ny);
}

static int regions_decode(plot_elem *e, wire_rd *r)
{
	plot_grid grid, *g = &grid;
	g->x0 = wire_get_f64(r);
	g->x1 = wire_get_f64(r);
	g->y0 = wire_get_f64(r);
	g->y1 = wire_get_f64(r);
	g->nx = wire_get_u32(r);
	g->ny = wire_get_u32(r);
	unsigned lg = wire_get_u8(r);
	g->xlog = lg & 1;
	g->ylog = lg >> 1 & 1;
	if (r->err || lg > 3 || !grid_ok(g) || g->nx * g->ny > wire_left(r) / 4)
		return PLOT_EARG;
	int rc;
	regions *x = e->data = new_regions(g, &rc);
	if (x)
		wire_get_i32s(r, x->cls, g->nx * g->ny);
	return rc != PLOT_OK ? rc : r->err ? PLOT_EARG : PLOT_OK;
}

const plot_kind_ops plot__kind_regions = {
	.spans = 1, .layer = PLOT_LAYER_BACK, .make = regions_make,
	.fallback = regions_fallback, .classes = regions_classes, .draw = regions_draw,
	.largest = regions_largest, .encode = regions_encode, .decode = regions_decode,
};
