/*
** plot_layout.c — where a render puts things: which rows hold the title,
** the plot, the axes and the labels, how wide the y tick labels are, so
** where the plot area sits and what it shows, and where the legend goes.
**
** The layout is computed for each render, and by plot_region_grid, which
** must agree with a fresh render to the cell.  A render keeps what it
** computed in the figure (plot_memo, plot_int.h) and the next one at the
** same size reuses it: the plot area's place and size, the legend's place,
** the tick labels' column and the extent of the data seen so far.
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

/* Columns the legend takes at the right of the plot. */
static size_t right_cols(const plot_layout *L)
{
	return L->legend == PLOT_LEGEND_RIGHT ? L->legend_w + PLOT_LEGEND_GAP : 0;
}

/*
** Places the plot area for plot_h rows: y ticks, their width (at least
** min_lw, the column an earlier render kept), then x ticks.
*/
static void place_axes(plot_layout *L, int ascii, size_t min_lw)
{
	int sw = canvas_subw(L->mode), sh = canvas_subh(L->mode);
	size_t right = right_cols(L);
	L->yres = L->plot_h * (size_t)sh;
	/* y ticks only need the rows; give x a provisional width first */
	L->plot_w = L->width > 2 + right ? L->width - 2 - right : 0;
	L->xres = L->plot_w * (size_t)sw;
	plot__pick_ticks(L, 0, ascii);
	size_t lw = min_lw > 1 ? min_lw : 1;
	for (size_t i = 0; i < L->y.nticks; i++) {
		size_t w = text_width(L->y.labels[i]);
		if (w > lw)
			lw = w;
	}
	if (lw + 1 + 2 + right > L->width) { /* no room for labels: drop them */
		L->y.nticks = 0;
		lw = 0;
	}
	L->plot_x = lw + 1;
	L->plot_w = L->width > L->plot_x + right ? L->width - L->plot_x - right : 0;
	L->xres = L->plot_w * (size_t)sw;
	plot__pick_ticks(L, 1, ascii);
}

/*
** The first corner (upper right, upper left, lower right, lower left, as
** matplotlib prefers) where a bw x nent legend and its one cell of margin
** towards the plot cover no drawn cell, or PLOT_LEGEND_NONE.  The figure
** is drawn as the render will draw it, so no line or marker can end up
** under the legend.
*/
static int free_corner(const plot_fig *f, const plot_layout *L, size_t bw, size_t nent)
{
	size_t w = bw + 1, h = nent + 1;
	if (w > L->plot_w || nent > L->plot_h / 2 + 1 || bw < 4)
		return PLOT_LEGEND_NONE;
	if (h > L->plot_h)
		h = L->plot_h;
	canvas *c = canvas_new(L->plot_w, L->plot_h, L->mode);
	plot_look buf[64], *look = plot__looks_alloc(f, buf);
	int found = PLOT_LEGEND_NONE;
	if (c && look) {
		plot__looks(f, L->mode, 1, L->plot_w * L->plot_h, look);
		plot__draw(f, L, look, c, 1);
		static const int order[4] = {PLOT_LEGEND_NE, PLOT_LEGEND_NW, PLOT_LEGEND_SE,
		                             PLOT_LEGEND_SW};
		for (int k = 0; k < 4 && found == PLOT_LEGEND_NONE; k++) {
			int right = order[k] == PLOT_LEGEND_NE || order[k] == PLOT_LEGEND_SE;
			int top = order[k] == PLOT_LEGEND_NE || order[k] == PLOT_LEGEND_NW;
			size_t x0 = right ? L->plot_w - w : 0, y0 = top ? 0 : L->plot_h - h, used = 0;
			for (size_t y = y0; y < y0 + h; y++)
				for (size_t x = x0; x < x0 + w; x++)
					used += (size_t)canvas_used(c, (long)x, (long)y);
			if (!used)
				found = order[k];
		}
	}
	canvas_free(c);
	plot__looks_free(look, buf);
	return found;
}

/*
** No corner is free: the legend goes below the plot or at its right,
** whichever takes the smaller share of the plot (rows of its height,
** columns of its width), or nowhere when neither leaves a plot to read.
*/
static void place_outside(plot_layout *L, const plot_entry *ent, size_t nent, int ascii)
{
	size_t rows = plot__legend_below_rows(ent, nent, L->width);
	size_t bw = plot__legend_width(ent, nent, (size_t)-1), cols = bw + PLOT_LEGEND_GAP;
	int below = L->plot_h >= rows + 2;
	int right = nent <= L->plot_h && cols * 3 <= L->plot_w;
	if (right && (!below || cols * L->plot_h < rows * L->plot_w)) {
		L->legend = PLOT_LEGEND_RIGHT;
		L->legend_w = bw;
		place_axes(L, ascii, 0);
	} else if (below) {
		L->legend = PLOT_LEGEND_BELOW;
		L->legend_rows = rows;
		L->plot_h -= rows;
		place_axes(L, ascii, 0);
	}
}

/* The legend: inside a corner free of data, else outside the plot (fewer plot rows or columns). */
static void place_legend(const plot_fig *f, plot_layout *L, int ascii, const plot_entry *ent,
                         size_t nent)
{
	if (!nent)
		return;
	size_t bw = plot__legend_width(ent, nent, L->plot_w / 2);
	L->legend = free_corner(f, L, bw, nent);
	if (L->legend != PLOT_LEGEND_NONE)
		L->legend_w = bw;
	else
		place_outside(L, ent, nent, ascii);
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

/* Mixes s (NULL as "") and its terminating NUL into the FNV-1a hash h. */
static uint64_t hash_str(uint64_t h, const char *s)
{
	for (const char *p = s ? s : ""; ; p++) {
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		if (!*p)
			return h;
	}
}

/* A hash (FNV-1a) of what lays f out besides data and legend: a change means a fresh layout. */
static uint64_t settings_hash(const plot_fig *f)
{
	uint64_t h = 14695981039346656037ULL;
	const char *texts[3] = {f->title, f->xlabel, f->ylabel};
	for (int i = 0; i < 3; i++)
		h = hash_str(h, texts[i]);
	double num[6] = {(double)f->width, (double)f->height, f->xlim[0], f->xlim[1], f->ylim[0],
	                 f->ylim[1]};
	int flags[4] = {f->has_xlim, f->has_ylim, f->xlog, f->ylog};
	const unsigned char *b = (const unsigned char *)num;
	for (size_t i = 0; i < sizeof num; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	for (int i = 0; i < 4; i++)
		h = (h ^ (unsigned)flags[i]) * 1099511628211ULL;
	return h;
}

/* Mixes the legend's texts into h: a renamed series lays the figure out afresh. */
static uint64_t entries_hash(uint64_t h, const plot_entry *ent, size_t nent)
{
	for (size_t i = 0; i < nent; i++)
		h = hash_str(h, ent[i].text);
	return h;
}

/* Widens an extent to take in [lo, hi]. */
static void widen(plot_extent *e, const double lim[2])
{
	plot__grow(e, lim[0]);
	plot__grow(e, lim[1]);
}

/* Does m hold the layout of an earlier render that this one keeps? */
static int memo_holds(const plot_memo *m, const plot_layout *L, uint64_t key, int notes,
                      size_t nent)
{
	return m && m->valid && m->width == L->width && m->height == L->height &&
	       m->mode == L->mode && m->settings == key && m->notes == notes && m->nent == nent &&
	       (m->has_data || !L->has_data);
}

/* Remembers L (and the data's extent seen so far) for the next render; kept: m held it. */
static void memo_keep(plot_memo *m, int kept, const plot_layout *L, uint64_t key, int notes,
                      size_t nent, const plot_extents *x)
{
	if (!kept)
		m->has_data = 0;
	m->valid = 1;
	m->width = L->width;
	m->height = L->height;
	m->mode = L->mode;
	m->settings = key;
	m->notes = notes;
	m->nent = nent;
	if (L->has_data) {
		m->has_data = 1;
		m->x[0] = x->x.lo;
		m->x[1] = x->x.hi;
		m->y[0] = x->y.lo;
		m->y[1] = x->y.hi;
	}
	m->label_w = L->plot_x - 1;
	m->legend = L->legend;
	m->legend_rows = L->legend_rows;
	m->legend_w = L->legend_w;
}

/* Counts the legend's entries (into ent) as L's render shows them. */
static int entries(const plot_fig *f, const plot_layout *L, plot_entry *ent, size_t *nent)
{
	plot_look buf[64], *look = plot__looks_alloc(f, buf);
	if (!look)
		return PLOT_ENOMEM;
	plot__looks(f, L->mode, 1, L->width * L->height, look);
	*nent = plot__entries(f, look, L->mode, ent);
	plot__looks_free(look, buf);
	return PLOT_OK;
}

int plot__layout(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                 plot_memo *m, plot_layout *L)
{
	size_of(f, width, height, mode, L);
	int ascii = L->mode == CANVAS_ASCII;
	plot_extents x;
	plot_entry ent[PLOT_MAX_ENTRIES];
	size_t nent = 0;
	L->has_data = plot__extent(f, &x);
	L->skipped = x.skipped;
	L->nonpos_x = x.nonpos_x;
	L->nonpos_y = x.nonpos_y;
	int notes = L->skipped || L->nonpos_x || L->nonpos_y;
	if (entries(f, L, ent, &nent) != PLOT_OK)
		return PLOT_ENOMEM;
	uint64_t key = entries_hash(settings_hash(f), ent, nent);
	int keep = memo_holds(m, L, key, notes, nent);
	if (keep && L->has_data && m->has_data) {
		widen(&x.x, m->x);
		widen(&x.y, m->y);
	}
	plot__set_range(&L->x, f->xlog, f->has_xlim, f->xlim, x.x);
	plot__set_range(&L->y, f->ylog, f->has_ylim, f->ylim, x.y);
	decor d;
	decorations(f, L, &d);
	if (keep) {
		L->legend = m->legend;
		L->legend_rows = m->legend_rows;
		L->legend_w = m->legend_w;
		L->plot_h = L->plot_h > L->legend_rows ? L->plot_h - L->legend_rows : 0;
	}
	if (L->plot_h < 1 || L->width < 4) {
		L->plot_w = L->plot_h = 0;
		return PLOT_OK;
	}
	place_axes(L, ascii, keep ? m->label_w : 0);
	if (L->plot_w < 2) {
		L->plot_w = L->plot_h = 0;
		return PLOT_OK;
	}
	if (!keep)
		place_legend(f, L, ascii, ent, nent);
	rows(L, &d);
	if (m)
		memo_keep(m, keep, L, key, notes, nent, &x);
	return PLOT_OK;
}

int plot_layout_compute(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                        plot_layout *L)
{
	return plot__layout(f, width, height, mode, NULL, L);
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

void plot_fit(const plot_fig *f, size_t width, size_t rows, size_t *w, size_t *h)
{
	if (!width)
		width = 80;
	if (f->width)
		*w = f->width < width ? f->width : width;
	else
		*w = width < PLOT_READABLE_W ? width : PLOT_READABLE_W;
	*h = 0;
	if (!rows)
		return;
	if (f->height) {
		size_t least = f->height < PLOT_FIT_MIN_H ? f->height : PLOT_FIT_MIN_H;
		*h = f->height <= rows ? f->height : rows > least ? rows : least;
		return;
	}
	size_t aspect = (size_t)((double)*w / 3.5);
	*h = rows < aspect ? rows : aspect;
	if (*h < PLOT_FIT_MIN_H)
		*h = PLOT_FIT_MIN_H;
}
