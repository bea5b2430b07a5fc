/*
** grid.c — the text grid screens draw into (grid.h).
*/
#include "grid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "vec.h"

static const st_cell blank = {' ', {ST_DEFAULT, ST_DEFAULT, 0}};

int grid_resize(grid *g, int rows, int cols)
{
	size_t n = rows > 0 && cols > 0 ? (size_t)rows * (size_t)cols : 0;
	if (vec_grow(&g->cells, &g->cap, n ? n : 1, sizeof *g->cells, VEC_PLAIN) != 0)
		return -1;
	g->rows = n ? rows : 0;
	g->cols = n ? cols : 0;
	grid_clear(g);
	return 0;
}

void grid_free(grid *g)
{
	vec_free(g->cells, VEC_PLAIN);
	g->cells = NULL;
	g->cap = 0;
	g->rows = g->cols = 0;
}

void grid_clear(grid *g)
{
	size_t n = (size_t)g->rows * (size_t)g->cols;
	for (size_t i = 0; i < n; i++)
		g->cells[i] = blank;
	g->cur_y = g->cur_x = 0;
	g->cur_on = 0;
}

st_cell *grid_at(grid *g, int y, int x)
{
	if (y < 0 || y >= g->rows || x < 0 || x >= g->cols)
		return NULL;
	return &g->cells[(size_t)y * (size_t)g->cols + (size_t)x];
}

/*
** Puts cp (w columns, 1 or 2; the caller checked it fits) at (y, x).  A
** wide character partly overwritten loses its other half, as on a
** terminal, so the grid never holds half a character.
*/
static void put_raw(grid *g, int y, int x, uint32_t cp, int w, st_style s)
{
	st_cell *row = &g->cells[(size_t)y * (size_t)g->cols];
	if (row[x].cp == 0 && x > 0)
		row[x - 1].cp = ' ';
	if (x + w < g->cols && row[x + w].cp == 0)
		row[x + w].cp = ' ';
	row[x].cp = cp;
	row[x].style = s;
	if (w == 2) {
		row[x + 1].cp = 0;
		row[x + 1].style = s;
	}
}

/*
** Puts one code point at (y, x) as the terminal shows it: control
** characters as spaces, and without UTF-8 anything else outside ASCII as
** '?' (a wide one as "??").  Returns the columns it takes, or 0 when it
** does not fit in `room` columns (combining marks take none and are
** dropped: one cell, one glyph).
*/
static int put_cp(grid *g, int y, int x, uint32_t cp, int room, st_style s)
{
	int w = utf8_cpwidth(cp);
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
		cp = ' ';
		w = 1;
	}
	if (w < 1 || w > room)
		return w < 1 ? -1 : 0;
	if (!g->utf8 && cp > 0x7e) {
		for (int k = 0; k < w; k++)
			put_raw(g, y, x + k, '?', 1, s);
		return w;
	}
	put_raw(g, y, x, cp, w, s);
	return w;
}

int grid_puts(grid *g, int y, int x, const char *s, int width, st_style st)
{
	int col = 0;
	size_t n = strlen(s);
	if (y < 0 || y >= g->rows || x < 0 || x >= g->cols || width <= 0)
		return 0;
	if (x + width > g->cols)
		width = g->cols - x;
	while (n && col < width) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		int w = put_cp(g, y, x + col, cp, width - col, st);
		if (w == 0)
			break;
		if (w > 0)
			col += w;
		s += k;
		n -= k;
	}
	return col;
}

void grid_line(grid *g, int y, int x, const st_line *l, size_t width)
{
	int col = 0;
	if (y < 0 || y >= g->rows || x < 0 || x >= g->cols)
		return;
	if ((size_t)(g->cols - x) < width)
		width = (size_t)(g->cols - x);
	for (size_t i = 0; l && i < l->len && (size_t)col < width; i++) {
		const st_cell *c = &l->cells[i];
		if (c->cp == 0)
			continue;  /* the second half of a wide character */
		int w = put_cp(g, y, x + col, c->cp, (int)width - col, c->style);
		if (w == 0)
			break;
		if (w > 0)
			col += w;
	}
	grid_fill(g, y, x + col, (int)width - col, GRID_PLAIN);
}

/* The mark of a cut: "…", or "..." without UTF-8; its columns in *w. */
static const char *ellipsis(const grid *g, int *w)
{
	*w = g->utf8 ? 1 : 3;
	return g->utf8 ? "\xe2\x80\xa6" : "...";
}

int grid_puts_fit(grid *g, int y, int x, const char *s, int width, st_style st)
{
	int ew;
	const char *ell = ellipsis(g, &ew);
	if (width <= 0)
		return 0;
	if ((int)utf8_width(s, strlen(s)) <= width)
		return grid_puts(g, y, x, s, width, st);
	if (width <= ew)
		return grid_puts(g, y, x, ell, width, st);
	int col = grid_puts(g, y, x, s, width - ew, st);
	return col + grid_puts(g, y, x + col, ell, ew, st);
}

void grid_line_fit(grid *g, int y, int x, const st_line *l, size_t width)
{
	int ew;
	const char *ell = ellipsis(g, &ew);
	size_t len = l ? l->len : 0;
	while (len && l->cells[len - 1].cp == ' ')
		len--;
	if (len <= width || width <= (size_t)ew) {
		grid_line(g, y, x, l, width);
		return;
	}
	grid_line(g, y, x, l, width - (size_t)ew);
	grid_puts(g, y, x + (int)width - ew, ell, ew, l->cells[width - (size_t)ew - 1].style);
}

void grid_fill(grid *g, int y, int x, int width, st_style st)
{
	for (int k = 0; k < width; k++)
		if (grid_at(g, y, x + k))
			put_raw(g, y, x + k, ' ', 1, st);
}

void grid_attr(grid *g, int y, int x, int width, uint8_t attr)
{
	for (int k = 0; k < width; k++) {
		st_cell *c = grid_at(g, y, x + k);
		if (c)
			c->style.attr |= attr;
	}
}

void grid_cursor(grid *g, int y, int x, int shown)
{
	g->cur_y = y < 0 ? 0 : y >= g->rows ? g->rows - 1 : y;
	g->cur_x = x < 0 ? 0 : x >= g->cols ? g->cols - 1 : x;
	g->cur_on = shown;
}

static int same_style(st_style a, st_style b)
{
	return a.fg == b.fg && a.bg == b.bg && a.attr == b.attr;
}

/* Appends the style runs of row y ("  @ 0-79 0/0/16"), when it has any. */
static void dump_styles(const grid *g, int y, strbuf *out)
{
	const st_cell *row = &g->cells[(size_t)y * (size_t)g->cols];
	int any = 0;
	for (int x = 0; x < g->cols;) {
		int e = x;
		while (e + 1 < g->cols && same_style(row[e + 1].style, row[x].style))
			e++;
		st_style s = row[x].style;
		if (!same_style(s, blank.style)) {
			sb_addf(out, "%s %d-%d %d/%d/%d", any ? "" : "  @", x, e, s.fg, s.bg, s.attr);
			any = 1;
		}
		x = e + 1;
	}
	if (any)
		sb_addc(out, '\n');
}

void grid_dump(const grid *g, strbuf *out, int styles)
{
	for (int y = 0; y < g->rows; y++) {
		const st_cell *row = &g->cells[(size_t)y * (size_t)g->cols];
		size_t keep = out->len;
		for (int x = 0; x < g->cols; x++) {
			char buf[4];
			if (row[x].cp == 0)
				continue;
			sb_addn(out, buf, utf8_encode(row[x].cp, buf));
			if (row[x].cp != ' ')
				keep = out->len;
		}
		out->len = keep;   /* trailing blanks dropped */
		sb_addc(out, '\n');
		if (styles)
			dump_styles(g, y, out);
	}
}
