/*
** plot_legend.c — the legend that explains the series: its size, and its
** drawing inside a corner of the plot, in rows below it or in a column at
** its right.  Where it goes
** is the layout's choice (plot_layout.c); what its entries say, the
** kinds' (plot__entries).
*/
#include "plot_int.h"

#include <string.h>

#include "utf8.h"

static size_t entry_width(const plot_entry *e)
{
	return 3 + utf8_width(e->text, strlen(e->text));
}

/* Breaks the entries into rows of width w: row r holds entries [brk[r], brk[r+1]). */
static size_t rows_of(const plot_entry *e, size_t n, size_t w, size_t *brk, size_t *rw)
{
	size_t rows = 0, col = 0;
	for (size_t i = 0; i < n; i++) {
		size_t ew = entry_width(&e[i]);
		if (i == 0 || (col && col + 3 + ew > w)) {
			brk[rows] = i;
			rw[rows++] = 0;
			col = 0;
		}
		col += (col ? 3 : 0) + ew;
		rw[rows - 1] = col;
	}
	brk[rows] = n;
	return rows;
}

size_t plot__legend_width(const plot_entry *e, size_t n, size_t maxw)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (entry_width(&e[i]) > w)
			w = entry_width(&e[i]);
	return w > maxw ? maxw : w;
}

size_t plot__legend_below_rows(const plot_entry *e, size_t n, size_t w)
{
	size_t brk[PLOT_MAX_ENTRIES + 1], rw[PLOT_MAX_ENTRIES];
	return n ? rows_of(e, n, w, brk, rw) : 0;
}

void plot__legend_inside(canvas *c, int where, size_t bw, const plot_entry *e, size_t n,
                         int color)
{
	size_t cw = canvas_width(c), ch = canvas_height(c);
	int ascii = canvas_get_mode(c) == CANVAS_ASCII;
	int right = where == PLOT_LEGEND_NE || where == PLOT_LEGEND_SE;
	int top = where == PLOT_LEGEND_NE || where == PLOT_LEGEND_NW;
	size_t w = bw + 1, h = n + 1 > ch ? ch : n + 1;
	if (w > cw)
		w = cw;
	size_t x0 = right ? cw - w : 0, y0 = top ? 0 : ch - h;
	for (size_t y = y0; y < y0 + h; y++)
		for (size_t x = x0; x < x0 + w; x++)
			canvas_clear_cell(c, (long)x, (long)y);
	size_t tx = right ? x0 + 1 : x0, ty = top ? y0 : y0 + 1;
	char buf[256];
	for (size_t i = 0; i < n && ty + i < ch; i++) {
		long row = (long)(ty + i);
		canvas_glyph(c, (long)tx, row, e[i].sample[0], color ? e[i].color : 0, 0);
		canvas_glyph(c, (long)tx + 1, row, e[i].sample[1], color ? e[i].color : 0, 0);
		canvas_fit(buf, sizeof buf, e[i].text, strlen(e[i].text), bw > 3 ? bw - 3 : 0, ascii);
		canvas_text(c, (long)tx + 3, row, buf, 0, 0);
	}
}

/* Appends entry e to l: its sample in its colour, a space, its text cut to w - 3 columns. */
static void put_entry(st_text *t, st_line *l, const plot_entry *e, size_t w, int color,
                      int ascii)
{
	char buf[256];
	st_style s = st_mk(color ? e->color : 0, 0, 0), plain = st_mk(0, 0, 0);
	st_putc(t, l, e->sample[0], s);
	st_putc(t, l, e->sample[1], s);
	st_putc(t, l, ' ', plain);
	canvas_fit(buf, sizeof buf, e->text, strlen(e->text), w > 3 ? w - 3 : 0, ascii);
	st_puts(t, l, buf, strlen(buf), plain);
}

void plot__legend_below(st_text *t, const plot_entry *e, size_t n, size_t w, int color,
                        int ascii)
{
	size_t brk[PLOT_MAX_ENTRIES + 1], rw[PLOT_MAX_ENTRIES];
	size_t rows = rows_of(e, n, w, brk, rw);
	st_style plain = st_mk(0, 0, 0);
	for (size_t r = 0; r < rows; r++) {
		st_line *l = st_newline(t);
		if (!l)
			return;
		if (rw[r] < w)
			st_pad(t, l, (w - rw[r]) / 2, plain);
		for (size_t i = brk[r]; i < brk[r + 1]; i++) {
			if (i > brk[r])
				st_pad(t, l, 3, plain);
			put_entry(t, l, &e[i], w, color, ascii);
		}
	}
}

void plot__legend_right(st_text *t, st_line *l, size_t i, size_t bw, const plot_entry *e,
                        size_t n, int color, int ascii)
{
	if (i >= n)
		return;
	st_pad(t, l, PLOT_LEGEND_GAP, st_mk(0, 0, 0));
	put_entry(t, l, &e[i], bw, color, ascii);
}
