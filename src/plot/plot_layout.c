/*
** plot_layout.c — where a render puts things: which rows hold the title,
** the plot, the axes and the labels, how wide the y tick labels are, so
** where the plot area sits and what it shows, and where the legend goes.
**
** The layout is computed once per render, and by plot_region_grid, which
** must agree with the render to the cell.
*/
#include "plot_int.h"

#include <math.h>
#include <string.h>

#include "utf8.h"

static size_t text_width(const char *s)
{
	return s ? utf8_width(s, strlen(s)) : 0;
}

/* The size a render gets (see plot_render for the meaning of 0). */
static void size_of(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                    plot_layout *L)
{
	memset(L, 0, sizeof *L);
	if (mode != CANVAS_BLOCK && mode != CANVAS_ASCII)
		mode = CANVAS_BRAILLE;
	if (f->width && (!width || f->width < width))
		width = f->width;
	if (!width)
		width = 80;
	if (width > PLOT_MAX_W)
		width = PLOT_MAX_W;
	if (!height)
		height = f->height;
	if (!height) {
		height = (size_t)((double)width / 3.5);
		height = height < 8 ? 8 : height > 24 ? 24 : height;
	}
	if (height > PLOT_MAX_H)
		height = PLOT_MAX_H;
	L->width = width;
	L->height = height;
	L->mode = mode;
	L->title_row = L->ylabel_row = L->xaxis_row = L->xticks_row = L->xlabel_row = L->notes_row = -1;
}

/* The axes' ranges: the limits, else the data's extent (regions' without data). */
static void ranges(const plot_fig *f, plot_layout *L)
{
	plot_extents x;
	L->has_data = plot__extent(f, &x);
	L->skipped = x.skipped;
	L->nonpos_x = x.nonpos_x;
	L->nonpos_y = x.nonpos_y;
	plot__set_range(&L->x, f->xlog, f->has_xlim, f->xlim, x.x);
	plot__set_range(&L->y, f->ylog, f->has_ylim, f->ylim, x.y);
}

/* Which decorations a render shows: each 1 when shown. */
typedef struct decor {
	int title, ylabel, xlabel, notes, axis, ticks;
	int merged;   /* the y label shares the title's row */
} decor;

/* Chooses the decorations, dropping the least needed when rows are short, and the plot's rows. */
static void decorations(const plot_fig *f, plot_layout *L, decor *d)
{
	size_t width = L->width, height = L->height;
	d->title = f->title != NULL;
	d->ylabel = f->ylabel != NULL;
	d->xlabel = f->xlabel != NULL;
	d->notes = L->skipped || L->nonpos_x || L->nonpos_y;
	d->axis = d->ticks = 1;
	size_t tw = text_width(f->title), yw = text_width(f->ylabel);
	d->merged = d->title && d->ylabel && yw + 2 <= (width > tw ? (width - tw) / 2 : 0);
	for (;;) {
		size_t deco = (size_t)d->title + (size_t)(d->ylabel && !(d->merged && d->title)) +
		              (size_t)d->axis + (size_t)d->ticks + (size_t)d->xlabel + (size_t)d->notes;
		if (height >= deco + 2 ||
		    !(d->notes || d->xlabel || d->ylabel || d->title || d->ticks || d->axis)) {
			L->plot_h = height > deco ? height - deco : 0;
			return;
		}
		if (d->notes) d->notes = 0;
		else if (d->xlabel) d->xlabel = 0;
		else if (d->ylabel) d->ylabel = 0;
		else if (d->title) d->title = 0;
		else if (d->ticks) d->ticks = 0;
		else d->axis = 0;
	}
}

/* Places the plot area for plot_h rows: y ticks, their width, then x ticks. */
static void place_axes(plot_layout *L, int ascii)
{
	int sw = canvas_subw(L->mode), sh = canvas_subh(L->mode);
	L->yres = L->plot_h * (size_t)sh;
	/* y ticks only need the rows; give x a provisional width first */
	L->plot_w = L->width > 2 ? L->width - 2 : 0;
	L->xres = L->plot_w * (size_t)sw;
	plot__pick_ticks(L, 0, ascii);
	size_t lw = 1;
	for (size_t i = 0; i < L->y.nticks; i++) {
		size_t w = text_width(L->y.labels[i]);
		if (w > lw)
			lw = w;
	}
	if (lw + 1 + 2 > L->width) { /* no room for labels: drop them */
		L->y.nticks = 0;
		lw = 0;
	}
	L->plot_x = lw + 1;
	L->plot_w = L->width > L->plot_x ? L->width - L->plot_x : 0;
	L->xres = L->plot_w * (size_t)sw;
	plot__pick_ticks(L, 1, ascii);
}

/*
** Counts the cells with data under a w x h box in each corner (one more
** cell of margin towards the data) and picks the emptiest, preferring the
** upper right as matplotlib does.  A legend that would hide more than a
** tenth of its box goes below the plot instead.
*/
static int corner(const plot_fig *f, const plot_layout *L, size_t bw, size_t bh)
{
	size_t w = bw + 1, h = bh + 1;
	if (w > L->plot_w || bh > L->plot_h / 2 + 1 || bw < 4)
		return PLOT_LEGEND_BELOW;
	if (h > L->plot_h)
		h = L->plot_h;
	/* draw at cell resolution to see where the data lies */
	plot_layout A = *L;
	A.mode = CANVAS_ASCII;
	A.xres = A.plot_w;
	A.yres = A.plot_h;
	canvas *c = canvas_new(A.plot_w, A.plot_h, CANVAS_ASCII);
	plot_look buf[64], *look = plot__looks_alloc(f, buf);
	if (!c || !look) {
		canvas_free(c);
		plot__looks_free(look, buf);
		return PLOT_LEGEND_BELOW;
	}
	plot__looks(f, CANVAS_ASCII, 1, A.plot_w * A.plot_h, look);
	plot__draw(f, &A, look, c, 1);
	static const int order[4] = {PLOT_LEGEND_NE, PLOT_LEGEND_NW, PLOT_LEGEND_SE, PLOT_LEGEND_SW};
	int best = PLOT_LEGEND_BELOW;
	size_t best_n = (size_t)-1;
	for (int k = 0; k < 4; k++) {
		int right = order[k] == PLOT_LEGEND_NE || order[k] == PLOT_LEGEND_SE;
		int top = order[k] == PLOT_LEGEND_NE || order[k] == PLOT_LEGEND_NW;
		size_t x0 = right ? A.plot_w - w : 0, y0 = top ? 0 : A.plot_h - h, used = 0;
		for (size_t y = y0; y < y0 + h; y++)
			for (size_t x = x0; x < x0 + w; x++)
				used += (size_t)canvas_used(c, (long)x, (long)y);
		if (used < best_n) {
			best_n = used;
			best = order[k];
		}
	}
	canvas_free(c);
	plot__looks_free(look, buf);
	return best_n * 10 <= w * h ? best : PLOT_LEGEND_BELOW;
}

/* The legend: inside a corner when one is free of data, else below (fewer plot rows). */
static int place_legend(const plot_fig *f, plot_layout *L, int ascii)
{
	plot_look buf[64], *look = plot__looks_alloc(f, buf);
	plot_entry ent[PLOT_MAX_ENTRIES];
	if (!look)
		return PLOT_ENOMEM;
	plot__looks(f, L->mode, 1, L->plot_w * L->plot_h, look);
	size_t nent = plot__entries(f, look, L->mode, ent);
	plot__looks_free(look, buf);
	if (!nent)
		return PLOT_OK;
	L->legend = corner(f, L, plot__legend_width(ent, nent, L->plot_w / 2), nent);
	if (L->legend != PLOT_LEGEND_BELOW)
		return PLOT_OK;
	L->legend_rows = plot__legend_below_rows(ent, nent, L->width);
	if (L->plot_h >= L->legend_rows + 2) {
		L->plot_h -= L->legend_rows;
		place_axes(L, ascii);
	} else {
		L->legend = PLOT_LEGEND_NONE;
		L->legend_rows = 0;
	}
	return PLOT_OK;
}

/* Numbers the rows from the top: title, y label, plot, axis, ticks, x label, legend, notes. */
static void rows(plot_layout *L, const decor *d)
{
	int row = 0;
	if (d->title)
		L->title_row = row++;
	if (d->ylabel)
		L->ylabel_row = (d->merged && d->title) ? L->title_row : row++;
	L->plot_y = (size_t)row;
	row += (int)L->plot_h;
	if (d->axis)
		L->xaxis_row = row++;
	if (d->ticks)
		L->xticks_row = row++;
	else
		L->x.nticks = 0;
	if (d->xlabel)
		L->xlabel_row = row++;
	row += (int)L->legend_rows;
	if (d->notes)
		L->notes_row = row++;
}

int plot_layout_compute(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                        plot_layout *L)
{
	size_of(f, width, height, mode, L);
	int ascii = L->mode == CANVAS_ASCII;
	ranges(f, L);
	decor d;
	decorations(f, L, &d);
	if (L->plot_h < 1 || L->width < 4) {
		L->plot_w = L->plot_h = 0;
		return PLOT_OK;
	}
	place_axes(L, ascii);
	if (L->plot_w < 2) {
		L->plot_w = L->plot_h = 0;
		return PLOT_OK;
	}
	int rc = place_legend(f, L, ascii);
	if (rc != PLOT_OK)
		return rc;
	rows(L, &d);
	return PLOT_OK;
}

int plot_region_grid(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                     plot_grid *g)
{
	plot_layout L;
	memset(g, 0, sizeof *g);
	int rc = plot_layout_compute(f, width, height, mode, &L);
	if (rc != PLOT_OK)
		return rc;
	if (!L.plot_w || !L.plot_h)
		return PLOT_EARG;
	/* the grid's edges lie half a pixel outside the first and last pixel centres */
	double px = (L.x.thi - L.x.tlo) / (double)(L.xres > 1 ? L.xres - 1 : 1);
	double py = (L.y.thi - L.y.tlo) / (double)(L.yres > 1 ? L.yres - 1 : 1);
	double x0 = L.x.tlo - 0.5 * px, x1 = L.x.thi + 0.5 * px;
	double y0 = L.y.tlo - 0.5 * py, y1 = L.y.thi + 0.5 * py;
	g->xlog = L.x.log;
	g->ylog = L.y.log;
	g->x0 = L.x.log ? pow(10.0, x0) : x0;
	g->x1 = L.x.log ? pow(10.0, x1) : x1;
	g->y0 = L.y.log ? pow(10.0, y0) : y0;
	g->y1 = L.y.log ? pow(10.0, y1) : y1;
	g->nx = L.plot_w;
	g->ny = L.plot_h * (mode == CANVAS_BLOCK ? 2 : 1);
	return PLOT_OK;
}
