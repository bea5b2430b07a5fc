/*
** plot_draw.c — rasterising a figure's elements and assembling its lines:
** title, plot rows with the y axis, x axis, tick labels, labels, legend,
** notes.
*/
#include "plot_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Region shading when there is no colour: class 0 blank, then denser dots. */
static const uint32_t shade_utf8[8] = {' ', 0x00B7, 0x2591, 0x2237, 0x2592, 0x02D9, 0x2022, 0x25E6};
static const uint32_t shade_ascii[8] = {' ', '.', ':', ';', '\'', ',', '`', '"'};

/* Maps each column / sub-row to a grid index of g (-1 outside). */
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

static int draw_regions(const plot_elem *e, const plot_layout *L, canvas *c, int color)
{
	size_t w = L->plot_w, h = L->plot_h;
	int halves = L->mode == CANVAS_BLOCK ? 2 : 1;
	int sw = canvas_subw(L->mode), sh = canvas_subh(L->mode);
	long *gi = malloc((w + h * 2) * sizeof *gi);
	if (!gi)
		return PLOT_ENOMEM;
	long *gj = gi + w;
	double xd = L->xres > 1 ? (double)(L->xres - 1) : 1, yd = L->yres > 1 ? (double)(L->yres - 1) : 1;
	for (size_t col = 0; col < w; col++) {
		double px = (double)col * sw + (sw - 1) / 2.0;
		double t = L->x.tlo + px / xd * (L->x.thi - L->x.tlo);
		gi[col] = grid_index(t, L->x.log, e->grid.x0, e->grid.x1, e->grid.xlog, e->grid.nx);
	}
	for (size_t r = 0; r < h * (size_t)halves; r++) {
		double py = halves == 2 ? (double)r : (double)r * sh + (sh - 1) / 2.0;
		double t = L->y.thi - py / yd * (L->y.thi - L->y.tlo);
		long j = grid_index(t, L->y.log, e->grid.y0, e->grid.y1, e->grid.ylog, e->grid.ny);
		gj[r] = j;
	}
	const uint32_t *shade = L->mode == CANVAS_ASCII ? shade_ascii : shade_utf8;
	for (size_t r = 0; r < h * (size_t)halves; r++) {
		if (gj[r] < 0)
			continue;
		long row = (long)(r / (size_t)halves);
		int half = halves == 2 ? (int)(r % 2) : 2;
		for (size_t col = 0; col < w; col++) {
			if (gi[col] < 0)
				continue;
			int k = e->cls[(size_t)gj[r] * e->grid.nx + (size_t)gi[col]];
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

/* Scatter glyphs: one per cell; with classes, the class most present there. */
static int draw_scatter(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c)
{
	int sw = canvas_subw(L->mode), sh = canvas_subh(L->mode);
	size_t w = L->plot_w, h = L->plot_h;
	uint32_t *count = NULL;
	if (e->hue && !l->dots && !(count = calloc(w * h * 8, sizeof *count)))
		return PLOT_ENOMEM;
	for (size_t i = 0; i < e->n; i++) {
		if (e->hue && e->hue[i] < 0)
			continue;
		long px = plot_layout_px(L, e->x[i]), py = plot_layout_py(L, e->y[i]);
		if (px < 0 || py < 0)
			continue;
		if (l->dots) {
			canvas_set(c, px, py, e->hue ? plot__class_color(e->hue[i]) : l->color);
		} else if (count) {
			count[((size_t)(py / sh) * w + (size_t)(px / sw)) * 8 + (size_t)(e->hue[i] % 8)]++;
		} else {
			canvas_glyph(c, px / sw, py / sh, l->glyph, l->color, 0);
		}
	}
	if (count) {
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
	}
	return PLOT_OK;
}

static void segment(canvas *c, const plot_look *l, double x0, double y0, double x1, double y1)
{
	if (l->glyph)
		canvas_line_glyph(c, x0, y0, x1, y1, l->glyph, l->color, l->pattern);
	else
		canvas_line(c, x0, y0, x1, y1, l->color, l->pattern);
}

/* A polyline; a point that cannot be shown breaks it, a lone point is a dot. */
static void draw_line(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c)
{
	double px = NAN, py = NAN;
	int prev = 0;
	for (size_t i = 0; i < e->n; i++) {
		double x = plot__fx(L, e->x[i]), y = plot__fy(L, e->y[i]);
		int ok = isfinite(x) && isfinite(y);
		if (ok && prev)
			segment(c, l, px, py, x, y);
		else if (ok && (i + 1 == e->n || !isfinite(plot__fx(L, e->x[i + 1])) ||
		                !isfinite(plot__fy(L, e->y[i + 1]))))
			segment(c, l, x, y, x, y);
		px = x;
		py = y;
		prev = ok;
	}
}

/* Maps in axis units straight to pixels, without the data-value guards. */
static double tx(const plot_layout *L, double t)
{
	return (t - L->x.tlo) / (L->x.thi - L->x.tlo) * (double)(L->xres > 1 ? L->xres - 1 : 0);
}

static double ty(const plot_layout *L, double t)
{
	return (L->y.thi - t) / (L->y.thi - L->y.tlo) * (double)(L->yres > 1 ? L->yres - 1 : 0);
}

/*
** w1*x + w2*y + b = 0.  On linear axes it is one straight segment, taken
** between the axis ends along whichever coordinate keeps the numbers small
** (a nearly vertical line is solved for x); on a log axis it is a curve,
** sampled once per pixel column.
*/
static void draw_boundary(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c)
{
	double w1 = e->w1, w2 = e->w2, b = e->b;
	if (!isfinite(w1) || !isfinite(w2) || !isfinite(b) || (w1 == 0 && w2 == 0))
		return;
	if (!L->x.log && !L->y.log) {
		double xs = L->x.thi - L->x.tlo, ys = L->y.thi - L->y.tlo;
		if (fabs(w1) * xs <= fabs(w2) * ys * 1e6) {
			double y0 = -(b + w1 * L->x.tlo) / w2, y1 = -(b + w1 * L->x.thi) / w2;
			segment(c, l, tx(L, L->x.tlo), ty(L, y0), tx(L, L->x.thi), ty(L, y1));
		} else {
			double x0 = -(b + w2 * L->y.tlo) / w1, x1 = -(b + w2 * L->y.thi) / w1;
			segment(c, l, tx(L, x0), ty(L, L->y.tlo), tx(L, x1), ty(L, L->y.thi));
		}
		return;
	}
	if (w2 == 0) {
		double x = plot__fx(L, -b / w1);
		segment(c, l, x, 0, x, (double)L->yres - 1);
		return;
	}
	double px = NAN, py = NAN;
	for (size_t i = 0; i < L->xres; i++) {
		double t = L->x.tlo + (double)i / (double)(L->xres > 1 ? L->xres - 1 : 1) * (L->x.thi - L->x.tlo);
		double x = L->x.log ? pow(10.0, t) : t;
		double y = -(b + w1 * x) / w2;
		double yy = L->y.log ? (y > 0 ? ty(L, log10(y)) : NAN) : ty(L, y);
		if (isfinite(yy) && isfinite(py))
			segment(c, l, px, py, (double)i, yy);
		px = (double)i;
		py = yy;
	}
}

int plot__draw(const plot_fig *f, const plot_layout *L, const plot_look *look,
               canvas *c, int color)
{
	int rc = PLOT_OK;
	for (size_t k = 0; k < f->n && rc == PLOT_OK; k++)
		if (f->el[k]->kind == EL_REGIONS)
			rc = draw_regions(f->el[k], L, c, color);
	for (size_t k = 0; k < f->n && rc == PLOT_OK; k++) {
		const plot_elem *e = f->el[k];
		const plot_look *l = &look[k];
		switch (e->kind) {
		case EL_SCATTER:
			rc = draw_scatter(e, L, l, c);
			break;
		case EL_LINE:
			draw_line(e, L, l, c);
			break;
		case EL_BOUNDARY:
			draw_boundary(e, L, l, c);
			break;
		case EL_HLINE: {
			double y = plot__fy(L, e->w1);
			segment(c, l, 0, y, (double)L->xres - 1, y);
			break;
		}
		case EL_VLINE: {
			double x = plot__fx(L, e->w1);
			segment(c, l, x, 0, x, (double)L->yres - 1);
			break;
		}
		default:
			break;
		}
	}
	return rc;
}

/* --- assembling the lines --------------------------------------------------------- */

typedef struct out {
	st_text *t;
	int color, ascii;
	size_t width;
} out;

static st_style sty(const out *o, uint8_t fg, uint8_t attr)
{
	return st_mk(o->color ? fg : 0, 0, attr);
}

/* Appends s fitted to the width, starting at column col. */
static void put_at(const out *o, st_line *l, size_t col, const char *s, st_style style)
{
	char buf[512];
	size_t room = o->width > col ? o->width - col : 0;
	plot__fit(buf, sizeof buf, s, room, o->ascii);
	if (l->len < col)
		st_pad(o->t, l, col - l->len, st_mk(0, 0, 0));
	st_puts(o->t, l, buf, strlen(buf), style);
}

static size_t width_of(const char *s)
{
	return utf8_width(s, strlen(s));
}

static void header(const out *o, const plot_fig *f, const plot_layout *L)
{
	if (L->title_row >= 0) {
		st_line *l = st_newline(o->t);
		if (!l)
			return;
		if (L->ylabel_row == L->title_row)
			put_at(o, l, 0, f->ylabel, sty(o, 0, 0));
		size_t tw = width_of(f->title);
		put_at(o, l, tw < o->width ? (o->width - tw) / 2 : 0, f->title, sty(o, ST_HEADING, ST_BOLD));
	}
	if (L->ylabel_row >= 0 && L->ylabel_row != L->title_row) {
		st_line *l = st_newline(o->t);
		if (l)
			put_at(o, l, 0, f->ylabel, sty(o, 0, 0));
	}
}

static void plot_rows(const out *o, const plot_layout *L, const canvas *c)
{
	size_t lw = L->plot_x - 1;
	st_style ax = sty(o, ST_AXIS, 0);
	for (size_t r = 0; r < L->plot_h; r++) {
		st_line *l = st_newline(o->t);
		if (!l)
			return;
		const char *label = NULL;
		for (size_t i = 0; i < L->y.nticks; i++)
			if (L->y.pos[i] == r)
				label = L->y.labels[i];
		if (label) {
			size_t w = width_of(label);
			st_pad(o->t, l, lw > w ? lw - w : 0, ax);
			st_puts(o->t, l, label, strlen(label), ax);
		} else {
			st_pad(o->t, l, lw, ax);
		}
		uint32_t edge = label ? (o->ascii ? '+' : 0x2524) : (o->ascii ? '|' : 0x2502);
		st_putc(o->t, l, edge, ax);
		canvas_row(c, r, o->color, o->t, l);
	}
}

static void x_axis(const out *o, const plot_layout *L)
{
	st_style ax = sty(o, ST_AXIS, 0);
	if (L->xaxis_row >= 0) {
		st_line *l = st_newline(o->t);
		if (!l)
			return;
		st_pad(o->t, l, L->plot_x - 1, ax);
		st_putc(o->t, l, o->ascii ? '+' : 0x2514, ax);
		for (size_t col = 0; col < L->plot_w; col++) {
			int tick = 0;
			for (size_t i = 0; i < L->x.nticks; i++)
				tick |= L->x.pos[i] == col;
			st_putc(o->t, l, tick ? (o->ascii ? '+' : 0x252C) : (o->ascii ? '-' : 0x2500), ax);
		}
	}
	if (L->xticks_row >= 0) {
		st_line *l = st_newline(o->t);
		if (!l)
			return;
		/* the same placement ticks_fit() checked: centred, pushed inside the width */
		for (size_t i = 0; i < L->x.nticks; i++) {
			long w = (long)width_of(L->x.labels[i]);
			long start = (long)L->plot_x + (long)L->x.pos[i] - w / 2;
			if (start + w > (long)o->width)
				start = (long)o->width - w;
			if (start < (long)l->len)
				start = (long)l->len;
			put_at(o, l, (size_t)start, L->x.labels[i], ax);
		}
	}
}

static void footer(const out *o, const plot_fig *f, const plot_layout *L,
                   const plot_entry *ent, size_t nent)
{
	if (L->xlabel_row >= 0) {
		st_line *l = st_newline(o->t);
		if (!l)
			return;
		size_t w = width_of(f->xlabel), col;
		if (w <= L->plot_w)
			col = L->plot_x + (L->plot_w - w) / 2;
		else
			col = w < o->width ? (o->width - w) / 2 : 0;
		put_at(o, l, col, f->xlabel, sty(o, 0, 0));
	}
	if (L->legend == PLOT_LEGEND_BELOW)
		plot__legend_below(o->t, ent, nent, o->width, o->color, o->ascii);
	if (L->notes_row >= 0) {
		char note[256];
		const char *le = o->ascii ? "<=" : "\u2264";
		size_t np = L->nonpos_x + L->nonpos_y;
		int len = snprintf(note, sizeof note, "note:");
		if (np)
			len += snprintf(note + len, sizeof note - (size_t)len,
			                " %zu point%s with values %s 0 not shown on the log %s axis%s", np,
			                np == 1 ? "" : "s", le,
			                L->nonpos_x && L->nonpos_y ? "x/y" : L->nonpos_x ? "x" : "y",
			                L->skipped ? ";" : "");
		if (L->skipped)
			snprintf(note + len, sizeof note - (size_t)len, " %zu point%s with NaN or inf skipped",
			         L->skipped, L->skipped == 1 ? "" : "s");
		st_line *l = st_newline(o->t);
		if (l)
			put_at(o, l, 0, note, sty(o, ST_MUTED, 0));
	}
}

int plot_render(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                int color, st_text *t)
{
	plot_layout L;
	int rc = plot_layout_compute(f, width, height, mode, &L);
	if (rc != PLOT_OK)
		return rc;
	out o = {t, color, L.mode == CANVAS_ASCII, L.width};
	if (!L.plot_w || !L.plot_h) {
		st_line *l = st_newline(t);
		if (l)
			put_at(&o, l, 0, "[figure: too small to draw]", sty(&o, ST_MUTED, 0));
		return t->failed ? PLOT_ENOMEM : PLOT_OK;
	}
	canvas *c = canvas_new(L.plot_w, L.plot_h, L.mode);
	plot_look look_buf[64], *look = look_buf;
	if (!c || (f->n > 64 && !(look = malloc(f->n * sizeof *look)))) {
		canvas_free(c);
		return PLOT_ENOMEM;
	}
	plot__looks(f, L.mode, color, L.plot_w * L.plot_h, look);
	rc = plot__draw(f, &L, look, c, color);
	int drawable = 0;
	for (size_t k = 0; k < f->n; k++)
		drawable |= f->el[k]->kind != EL_SCATTER && f->el[k]->kind != EL_LINE;
	if (!L.has_data && !drawable) {
		const char *msg = "no data";
		canvas_text(c, (long)(L.plot_w > 7 ? (L.plot_w - 7) / 2 : 0), (long)(L.plot_h / 2),
		            msg, ST_MUTED, 0);
	}
	plot_entry ent[PLOT_MAX_ENTRIES];
	size_t nent = plot__entries(f, look, L.mode, ent);
	if (L.legend != PLOT_LEGEND_NONE && L.legend != PLOT_LEGEND_BELOW)
		plot__legend_inside(c, L.legend, ent, nent, color);
	header(&o, f, &L);
	plot_rows(&o, &L, c);
	x_axis(&o, &L);
	footer(&o, f, &L, ent, nent);
	canvas_free(c);
	if (look != look_buf)
		free(look);
	if (rc == PLOT_OK && t->failed)
		rc = PLOT_ENOMEM;
	return rc;
}
