/*
** diagram_maps.c — a network drawn with what each unit computes: each
** unit a small map of its output over the input plane (TensorFlow
** Playground's thumbnails), the connections coloured by the weight's sign
** and dashed by its size, and after the output the network's decision.
**
** A map cell shows one sample: nothing near 0, else a glyph of three
** strengths in the colour of its sign (two colours).  Without colour the
** glyphs differ by sign too (░▒▓ above 0, ·•● below; ASCII +*# and .-=),
** so the maps read on any terminal.  Maps are square on the screen (twice
** as wide as tall in cells) and as large as the width allows, up to a
** height of a fifth of the width.
*/
#include "diagram_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot_int.h"
#include "utf8.h"

#define POS_COLOR ST_C2
#define NEG_COLOR ST_C6
#define MAX_COLS (DIAGRAM_MAX_LAYERS + 1)
#define TITLE_LINES 3
#define LEGEND_LINES 2

typedef struct mshape {
	size_t ncol;            /* the layers, then the decision */
	size_t tw, th;          /* a map's size in cells */
	size_t gap;             /* cells between two columns of maps */
	size_t rows;            /* rows the maps take */
	size_t slots[MAX_COLS]; /* maps shown per column (an ellipsis counts) */
	long x[MAX_COLS];       /* each column's left edge */
	long top[MAX_COLS];     /* each column's first row */
} mshape;

/* Slot k of a layer of `units`: a unit, or -1 for the ellipsis (as the plain drawing). */
static long slot_unit(size_t units, size_t k)
{
	size_t half = (DIAGRAM_MAX_SHOWN - 1) / 2;
	if (units <= DIAGRAM_MAX_SHOWN || k < half)
		return (long)k;
	return k == half ? -1 : (long)(units - (2 * half + 1 - k));
}

/* Sizes the maps to the width; returns 0 when even the smallest do not fit. */
static int geometry(const diagram *d, size_t width, mshape *s)
{
	size_t most = 1, maxrows = width / 5 > 8 ? width / 5 : 8;
	s->ncol = d->n + 1;
	for (size_t i = 0; i < s->ncol; i++) {
		size_t u = i < d->n ? d->layers[i].units : 1;
		s->slots[i] = u > DIAGRAM_MAX_SHOWN ? DIAGRAM_MAX_SHOWN - 1 : u;
		most = s->slots[i] > most ? s->slots[i] : most;
	}
	for (s->th = 6; s->th >= 1; s->th--) {
		s->tw = 2 * s->th;
		s->rows = most * s->th + most - 1;
		if (s->ncol * s->tw + (s->ncol - 1) * 4 <= width && (s->rows <= maxrows || s->th == 1))
			break;
	}
	if (s->th == 0)
		return 0;
	s->gap = (width - s->ncol * s->tw) / (s->ncol - 1);
	s->gap = s->gap > 14 ? 14 : s->gap;
	for (size_t i = 0; i < s->ncol; i++) {
		s->x[i] = (long)(i * (s->tw + s->gap));
		s->top[i] = (long)(s->rows - (s->slots[i] * s->th + s->slots[i] - 1)) / 2;
	}
	return 1;
}

/* The glyph of a map value q (-127..127): 0 for nothing. */
static uint32_t map_glyph(int q, canvas_mode mode, int color)
{
	static const uint32_t pos[3] = {0x2591, 0x2592, 0x2593}, neg[3] = {0x00B7, 0x2022, 0x25CF};
	static const uint32_t apos[3] = {'+', '*', '#'}, aneg[3] = {'.', '-', '='};
	int a = q < 0 ? -q : q, level = a >= 90 ? 2 : a >= 50 ? 1 : 0;
	if (a < 13)
		return 0;
	if (mode == CANVAS_ASCII)
		return q > 0 ? apos[level] : aneg[level];
	return q > 0 || color ? pos[level] : neg[level];
}

/* Draws one map (act: DIAGRAM_MAP_N values) with its top left cell at (x, y). */
static void draw_map(const mshape *s, const signed char *act, long x, long y, canvas_mode mode,
                     int color, canvas *c)
{
	int any = 0;
	for (size_t cy = 0; cy < s->th; cy++)
		for (size_t cx = 0; cx < s->tw; cx++) {
			size_t i = (cx * DIAGRAM_MAP_W + DIAGRAM_MAP_W / 2) / s->tw;
			size_t j = (cy * DIAGRAM_MAP_H + DIAGRAM_MAP_H / 2) / s->th;
			int q = act[j * DIAGRAM_MAP_W + i];
			uint32_t g = map_glyph(q, mode, color);
			if (g) {
				canvas_glyph(c, x + (long)cx, y + (long)cy, g, q > 0 ? POS_COLOR : NEG_COLOR, 0);
				any = 1;
			}
		}
	if (!any)   /* a unit that gives 0 everywhere (a dead ReLU) still shows */
		canvas_glyph(c, x + (long)s->tw / 2, y + (long)(s->th - 1) / 2, '0', ST_MUTED, 0);
}

/* The decision: each class in its colour, shaded as decision regions are. */
static void draw_decision(const mshape *s, const diagram *d, long x, long y, canvas_mode mode, canvas *c)
{
	static const uint32_t shade_utf8[8] = {' ', 0x00B7, 0x2591, 0x2237, 0x2592, 0x02D9, 0x2022, 0x25E6};
	static const uint32_t shade_ascii[8] = {' ', '.', ':', ';', '\'', ',', '`', '"'};
	for (size_t cy = 0; cy < s->th; cy++)
		for (size_t cx = 0; cx < s->tw; cx++) {
			size_t i = (cx * DIAGRAM_MAP_W + DIAGRAM_MAP_W / 2) / s->tw;
			size_t j = (cy * DIAGRAM_MAP_H + DIAGRAM_MAP_H / 2) / s->th;
			int k = d->decision[j * DIAGRAM_MAP_W + i];
			if (k < 0)
				continue;
			long col = x + (long)cx, row = y + (long)cy;
			canvas_fill(c, col, row, 2, plot__class_color(k));
			canvas_shade(c, col, row, (mode == CANVAS_ASCII ? shade_ascii : shade_utf8)[k % 8],
			             plot__class_color(k));
		}
}

/* Every shown unit to every shown unit of the next layer, by its weight. */
static void draw_edges(const diagram *d, const mshape *s, canvas *c)
{
	int sw = canvas_subw(canvas_get_mode(c)), sh = canvas_subh(canvas_get_mode(c));
	const signed char *w = d->weights;
	for (size_t i = 0; i + 1 < d->n; i++) {
		size_t from = d->layers[i].units, to = d->layers[i + 1].units;
		for (size_t a = 0; a < s->slots[i]; a++)
			for (size_t b = 0; b < s->slots[i + 1]; b++) {
				long ua = slot_unit(from, a), ub = slot_unit(to, b);
				int q = ua < 0 || ub < 0 ? 0 : w[(size_t)ua * to + (size_t)ub];
				if (q == 0)
					continue;
				int m = q < 0 ? -q : q;
				unsigned pat = m >= 64 ? CANVAS_SOLID : m >= 20 ? CANVAS_DASHED : CANVAS_DOTTED;
				double xa = (double)(s->x[i] + (long)s->tw) * sw, xb = (double)s->x[i + 1] * sw - 1;
				double ya = ((double)s->top[i] + (double)(a * (s->th + 1)) + s->th / 2.0) * sh - 0.5;
				double yb = ((double)s->top[i + 1] + (double)(b * (s->th + 1)) + s->th / 2.0) * sh - 0.5;
				canvas_line(c, xa, ya, xb, yb, q > 0 ? POS_COLOR : NEG_COLOR, pat);
			}
		w += from * to;
	}
	long mid = s->x[d->n - 1] + (long)s->tw + (long)s->gap / 2;
	canvas_glyph(c, mid, (long)(s->rows - 1) / 2, canvas_get_mode(c) == CANVAS_ASCII ? '>' : 0x2192,
	             ST_AXIS, 0);
}

/* The maps, column by column: a unit's map, or the ellipsis for the units left out. */
static void draw_maps(const diagram *d, const mshape *s, canvas_mode mode, int color, canvas *c)
{
	const signed char *act = d->act;
	for (size_t i = 0; i < d->n; i++) {
		for (size_t k = 0; k < s->slots[i]; k++) {
			long u = slot_unit(d->layers[i].units, k), y = s->top[i] + (long)(k * (s->th + 1));
			if (u < 0)
				canvas_glyph(c, s->x[i] + (long)s->tw / 2, y + (long)s->th / 2,
				             mode == CANVAS_ASCII ? ':' : 0x22EE, ST_MUTED, 0);
			else
				draw_map(s, act + (size_t)u * DIAGRAM_MAP_N, s->x[i], y, mode, color, c);
		}
		act += d->layers[i].units * DIAGRAM_MAP_N;
	}
	draw_decision(s, d, s->x[d->n], s->top[d->n], mode, c);
}

/* Writes a title line centred under column x (a map tw wide), kept inside the canvas. */
static void centred(canvas *c, long x, size_t tw, long row, const char *s)
{
	long w = (long)utf8_width(s, strlen(s)), at = x + (long)tw / 2 - (w - 1) / 2;
	if (at + w > (long)canvas_width(c))
		at = (long)canvas_width(c) - w;
	canvas_text(c, at < 0 ? 0 : at, row, s, 0, 0);
}

/* A column's title lines ("\n" splits them; the unit count of a long layer), centred. */
static void draw_titles(const diagram *d, const mshape *s, long row, int ascii, canvas *c)
{
	char buf[160], count[48];
	size_t maxw = s->tw + s->gap - 1;
	for (size_t i = 0; i < s->ncol; i++) {
		const char *t = i < d->n ? d->layers[i].title : "decision";
		size_t k = 0;
		while (t && *t && k < TITLE_LINES) {
			const char *nl = strchr(t, '\n');
			size_t n = nl ? (size_t)(nl - t) : strlen(t);
			canvas_fit(buf, sizeof buf, t, n, maxw, ascii);
			centred(c, s->x[i], s->tw, row + (long)k++, buf);
			t = nl ? nl + 1 : t + n;
		}
		if (i < d->n && d->layers[i].units > DIAGRAM_MAX_SHOWN && k < TITLE_LINES) {
			snprintf(count, sizeof count, "(%zu units)", d->layers[i].units);
			canvas_fit(buf, sizeof buf, count, strlen(count), maxw, ascii);
			centred(c, s->x[i], s->tw, row + (long)k, buf);
		}
	}
}

/* The title lines the tallest column needs. */
static size_t title_count(const diagram *d)
{
	size_t most = 1;
	for (size_t i = 0; i < d->n; i++) {
		size_t k = 0;
		for (const char *t = d->layers[i].title; t && *t && k < TITLE_LINES; k++) {
			const char *nl = strchr(t, '\n');
			t = nl ? nl + 1 : t + strlen(t);
		}
		k += d->layers[i].units > DIAGRAM_MAX_SHOWN && k < TITLE_LINES;
		most = k > most ? k : most;
	}
	return most;
}

/* What the glyphs and lines mean, and the plane the maps cover. */
static void draw_legend(const diagram *d, long row, canvas_mode mode, int color, canvas *c)
{
	char buf[200];
	long x = 0;
	for (int sign = 1; sign >= -1; sign -= 2) {
		for (int q = 127; q >= 30; q -= 40)
			canvas_glyph(c, x++, row, map_glyph(sign * q, mode, color), sign > 0 ? POS_COLOR : NEG_COLOR, 0);
		x += (long)canvas_text(c, x, row, sign > 0 ? " above 0   " : " below 0   ", 0, 0);
	}
	canvas_text(c, x, row, "lines: weights, solid large, dotted small", 0, 0);
	snprintf(buf, sizeof buf, "each map: x1 from %g to %g across, x2 from %g to %g up", d->plane[0],
	         d->plane[1], d->plane[2], d->plane[3]);
	canvas_text(c, 0, row + 1, buf, 0, 0);
}

int diagram__render_maps(const diagram *d, size_t width, canvas_mode mode, int color, st_text *out)
{
	mshape s;
	memset(&s, 0, sizeof s);
	if (!geometry(d, width, &s)) {
		char buf[96];
		snprintf(buf, sizeof buf, "[network: %zu layers, too narrow to draw]", d->n);
		st_line *l = st_newline(out);
		st_puts(out, l, buf, strlen(buf), st_mk(color ? ST_MUTED : 0, 0, 0));
		return out->failed ? DIAGRAM_ENOMEM : DIAGRAM_OK;
	}
	size_t h = s.rows + 1 + title_count(d) + LEGEND_LINES;
	canvas *c = canvas_new(width, h, mode);
	if (!c)
		return DIAGRAM_ENOMEM;
	draw_edges(d, &s, c);
	draw_maps(d, &s, mode, color, c);
	draw_titles(d, &s, (long)s.rows + 1, mode == CANVAS_ASCII, c);
	draw_legend(d, (long)(h - LEGEND_LINES), mode, color, c);
	for (size_t r = 0; r < h; r++) {
		st_line *l = st_newline(out);
		canvas_row(c, r, color, out, l);
		while (l && l->len && l->cells[l->len - 1].cp == ' ' && l->cells[l->len - 1].style.bg == ST_DEFAULT)
			l->len--;
	}
	canvas_free(c);
	return out->failed ? DIAGRAM_ENOMEM : DIAGRAM_OK;
}
