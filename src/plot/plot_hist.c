/*
** plot_hist.c — histograms: values counted in equal bins from the
** smallest to the largest (numpy.histogram's edges: the last bin holds its
** right edge too), drawn as bars from 0 up to each count.  The counts are
** kept, not the values: a histogram of a million samples sends its bins.
*/
#include "plot_int.h"

#include "mem.h"

/* One block (freed by mem_free): the bins' counts follow the header. */
typedef struct hist {
	double lo, hi;      /* the first bin's left edge, the last one's right edge */
	size_t bins;
	size_t skipped;     /* values not counted: NaN, inf or huge */
	double count[];     /* a count per bin */
} hist;

static const hist *H(const plot_elem *e) { return e->data; }

static int countable(double v)
{
	return isfinite(v) && fabs(v) <= PLOT_HUGE;
}

/* The edges: the values' range, widened by half a unit either way when they are all equal. */
static void edges(hist *h, const double *x, size_t n)
{
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (!countable(x[i])) {
			h->skipped++;
		} else if (!any) {
			h->lo = h->hi = x[i];
			any = 1;
		} else if (x[i] < h->lo) {
			h->lo = x[i];
		} else if (x[i] > h->hi) {
			h->hi = x[i];
		}
	}
	if (!any) {
		h->lo = 0;
		h->hi = 1;
	} else if (!(h->hi > h->lo)) {
		h->lo -= 0.5;
		h->hi += 0.5;
	}
}

static int hist_make(void **data, plot_kind kind, const plot_data *d)
{
	(void)kind;
	double bins = d->num[0];
	if ((d->n && !d->x) || !(bins >= 1 && bins <= PLOT_MAX_BINS) || bins != floor(bins))
		return PLOT_EARG;
	hist *h = mem_calloc(1, sizeof *h + (size_t)bins * sizeof h->count[0]);
	if (!h)
		return PLOT_ENOMEM;
	h->bins = (size_t)bins;
	edges(h, d->x, d->n);
	double scale = (double)h->bins / (h->hi - h->lo);
	for (size_t i = 0; i < d->n; i++) {
		if (!countable(d->x[i]))
			continue;
		double k = floor((d->x[i] - h->lo) * scale);
		h->count[k < 0 ? 0 : k >= (double)h->bins ? h->bins - 1 : (size_t)k]++;
	}
	*data = h;
	return PLOT_OK;
}

/* The axes show the bins' edges, and 0 (with no margin under it) up to the highest count. */
static void hist_extent(const plot_elem *e, plot_extents *x)
{
	const hist *h = H(e);
	double top = 0;
	for (size_t i = 0; i < h->bins; i++)
		if (h->count[i] > top)
			top = h->count[i];
	x->skipped += h->skipped;
	if (!(top > 0))
		return;
	double corners[4][2] = {{h->lo, 0}, {h->hi, 0}, {h->lo, top}, {h->hi, top}};
	for (int k = 0; k < 4; k++) {
		double tx = plot__tval(x->xlog, corners[k][0]), ty = plot__tval(x->ylog, corners[k][1]);
		if (isfinite(tx))
			plot__grow(&x->x, tx);
		if (isfinite(ty))
			plot__grow(&x->y, ty);
	}
	x->y.floor |= !x->ylog;
}

/*
** A series colour.  Bars are pixels, but in ASCII (where pixels are dots)
** and for every histogram after the first without colour they are
** glyphs, so no histogram is told apart by colour alone.
*/
static void hist_look(const plot_elem *e, plot_look_ctx *c, plot_look *l)
{
	static const uint32_t utf8[4] = {0x2588, 0x2593, 0x2592, 0x2591}; /* █ ▓ ▒ ░ */
	static const uint32_t ascii[4] = {'#', '%', '=', '*'};
	size_t k = c->color ? 0 : c->seen[PLOT_HIST] % 4;
	plot__look_series(e, c, l);
	if (c->mode == CANVAS_ASCII)
		l->glyph = ascii[k];
	else if (k)
		l->glyph = utf8[k];
}

/* A pixel position clamped near the canvas, so far-off values convert safely. */
static long pixel(double p, size_t res)
{
	p = p < -1 ? -1 : p > (double)res ? (double)res : p;
	return (long)floor(p + 0.5);
}

/* Fills pixel columns [x0, x1) from row top down to row bottom (glyphs: every cell touched). */
static void bar(canvas *c, const plot_look *l, long x0, long x1, long top, long bottom)
{
	int sw = canvas_subw(canvas_get_mode(c)), sh = canvas_subh(canvas_get_mode(c));
	for (long px = x0 < 0 ? 0 : x0; px < x1; px++)
		for (long py = top < 0 ? 0 : top; py <= bottom; py++) {
			if (l->glyph)
				canvas_glyph(c, px / sw, py / sh, l->glyph, l->color, 0);
			else
				canvas_set(c, px, py, l->color);
		}
}

static int hist_draw(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c,
                     int color)
{
	(void)color;
	const hist *h = H(e);
	double y0 = plot__fy(L, 0);   /* NaN on a log axis: the bars rise from the bottom */
	long bottom = isfinite(y0) ? pixel(y0, L->yres) : (long)L->yres - 1;
	if (bottom > (long)L->yres - 1)
		bottom = (long)L->yres - 1;
	double w = (h->hi - h->lo) / (double)h->bins;
	for (size_t i = 0; i < h->bins; i++) {
		double a = plot__fx(L, h->lo + w * (double)i);
		double b = plot__fx(L, i + 1 == h->bins ? h->hi : h->lo + w * (double)(i + 1));
		double t = plot__fy(L, h->count[i]);
		if (!(h->count[i] > 0) || !isfinite(a) || !isfinite(b) || !isfinite(t))
			continue;
		long x0 = pixel(a, L->xres), x1 = pixel(b, L->xres);
		if (x1 <= x0)
			x1 = x0 + 1;
		else if (x1 - x0 >= 3)
			x1--;   /* a bar wide enough for it keeps a gap to the next */
		bar(c, l, x0, x1 > (long)L->xres ? (long)L->xres : x1, pixel(t, L->yres), bottom);
	}
	return PLOT_OK;
}

static int hist_legend(const plot_elem *e, const plot_look *l, canvas_mode mode,
                       plot_entry *ent, size_t *n)
{
	uint32_t g = l->glyph ? l->glyph : 0x2588; /* █ */
	(void)mode;
	return !e->label || plot__entry(ent, n, g, g, l->color, e->label);
}

static size_t hist_largest(const plot_elem *e)
{
	return H(e)->bins;
}

static void hist_encode(const plot_elem *e, strbuf *sb)
{
	const hist *h = H(e);
	wire_f64(sb, h->lo);
	wire_f64(sb, h->hi);
	wire_u64(sb, h->skipped);
	wire_u32(sb, (uint32_t)h->bins);
	wire_f64s(sb, h->count, h->bins);
}

static int hist_decode(plot_elem *e, wire_rd *r)
{
	hist head;
	head.lo = wire_get_f64(r);
	head.hi = wire_get_f64(r);
	head.skipped = (size_t)wire_get_u64(r);
	head.bins = wire_get_count(r, 8);
	if (r->err || !countable(head.lo) || !countable(head.hi) || !(head.lo < head.hi) ||
	    head.bins < 1 || head.bins > PLOT_MAX_BINS)
		return PLOT_EARG;
	hist *h = e->data = mem_alloc(sizeof *h + head.bins * sizeof h->count[0]);
	if (!h)
		return PLOT_ENOMEM;
	*h = head;
	wire_get_f64s(r, h->count, h->bins);
	for (size_t i = 0; !r->err && i < h->bins; i++)
		if (!(h->count[i] >= 0 && h->count[i] <= 0x1p53))
			wire_fail(r);   /* a count is a whole number of values */
	return r->err ? PLOT_EARG : PLOT_OK;
}

const plot_kind_ops plot__kind_hist = {
	.make = hist_make, .extent = hist_extent, .look = hist_look,
	.draw = hist_draw, .legend = hist_legend, .largest = hist_largest,
	.encode = hist_encode, .decode = hist_decode,
};
