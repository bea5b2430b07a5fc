/*
** plot_legend.c — what each series looks like (colour, glyph, dashes) and
** the legend that explains it.
*/
#include "plot_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* Class glyphs: distinct shapes, so classes never depend on colour alone. */
static const uint32_t glyph_utf8[8] = {
	0x25CF, 0x25B2, 0x25A0, 0x25C6, 0x25BC, 0x00D7, '+', 0x2605 /* ● ▲ ■ ◆ ▼ × + ★ */
};
static const uint32_t glyph_ascii[8] = {'o', 'x', '+', '*', '#', '@', '%', '&'};

uint32_t plot__class_glyph(int k, canvas_mode mode)
{
	k = k < 0 ? 0 : k % 8;
	return mode == CANVAS_ASCII ? glyph_ascii[k] : glyph_utf8[k];
}

uint8_t plot__class_color(int k)
{
	return (uint8_t)(ST_C1 + (k < 0 ? 0 : k % 8));
}

/* Dash patterns per mode, for styles solid, dashed, dotted, dash-dot. */
static unsigned pattern(canvas_mode mode, int style)
{
	static const unsigned braille[4] = {CANVAS_SOLID, 0x0F0F, 0x5555, 0x18FF};
	static const unsigned block[4] = {CANVAS_SOLID, 0x3333, 0x5555, 0x2727};
	static const unsigned ascii[4] = {CANVAS_SOLID, 0x5555, 0x1111, 0x2727};
	style &= 3;
	return mode == CANVAS_ASCII ? ascii[style] : mode == CANVAS_BLOCK ? block[style] : braille[style];
}

/* ASCII lines without colour differ by glyph: slope characters, then these. */
static const uint32_t line_glyph_ascii[4] = {0, ':', '=', '~'};

void plot__looks(const plot_fig *f, canvas_mode mode, int color, size_t cells, plot_look *look)
{
	int maxclass = -1;
	size_t nscatter = 0;
	for (size_t k = 0; k < f->n; k++) {
		const plot_elem *e = f->el[k];
		if (e->kind == EL_SCATTER) {
			nscatter++;
			for (size_t i = 0; e->hue && i < e->n && maxclass < 7; i++)
				if (e->hue[i] > maxclass)
					maxclass = e->hue[i];
		} else if (e->kind == EL_REGIONS) {
			size_t m = e->grid.nx * e->grid.ny;
			for (size_t i = 0; i < m && maxclass < 7; i++)
				if (e->cls[i] > maxclass)
					maxclass = e->cls[i];
		}
	}
	int slot = maxclass >= 7 ? 8 : maxclass + 1;
	int nline = 0;
	for (size_t k = 0; k < f->n; k++) {
		const plot_elem *e = f->el[k];
		plot_look *l = &look[k];
		memset(l, 0, sizeof *l);
		l->pattern = CANVAS_SOLID;
		switch (e->kind) {
		case EL_SCATTER:
			if (!e->hue)
				l->slot = slot++;
			l->color = e->color ? (uint8_t)e->color : plot__class_color(l->slot);
			if (e->marker == PLOT_MARKER_DOT)
				l->dots = 1;
			else if (e->marker != PLOT_MARKER_AUTO && (mode != CANVAS_ASCII || e->marker < 128))
				l->glyph = e->marker;
			else
				l->dots = e->marker == PLOT_MARKER_AUTO && !e->hue && nscatter == 1 &&
				          e->n > cells / 4;
			if (!l->glyph)
				l->glyph = plot__class_glyph(l->slot, mode);
			break;
		case EL_LINE:
		case EL_BOUNDARY:
			l->slot = slot++;
			l->color = e->color ? (uint8_t)e->color : plot__class_color(l->slot);
			if (e->dash)
				l->pattern = pattern(mode, e->dash);
			else if (!color && mode == CANVAS_ASCII)
				l->glyph = line_glyph_ascii[nline & 3];
			else if (!color)
				l->pattern = pattern(mode, nline);
			nline++;
			break;
		case EL_HLINE:
		case EL_VLINE:
			l->color = e->color ? (uint8_t)e->color : ST_AXIS;
			l->pattern = pattern(mode, e->dash);
			break;
		default:
			break;
		}
	}
}

/* The two-cell legend sample of a line drawn with this look. */
static void line_sample(const plot_look *l, canvas_mode mode, uint32_t s[2])
{
	if (mode == CANVAS_ASCII) {
		uint32_t g = l->glyph ? l->glyph : '-';
		s[0] = g;
		s[1] = l->pattern == CANVAS_SOLID || l->glyph ? g : ' ';
		return;
	}
	uint32_t g = 0x2500; /* ─ */
	if (l->pattern == pattern(mode, 1))
		g = 0x254C; /* ╌ */
	else if (l->pattern == pattern(mode, 2))
		g = 0x2508; /* ┈ */
	s[0] = g;
	s[1] = l->pattern == pattern(mode, 3) ? 0x00B7 : g;
}

static int add_entry(plot_entry *e, size_t *n, uint32_t a, uint32_t b, uint8_t color,
                     const char *text)
{
	if (*n >= PLOT_MAX_ENTRIES)
		return 0;
	plot_entry *x = &e[(*n)++];
	x->sample[0] = a;
	x->sample[1] = b;
	x->color = color;
	x->text = text;
	x->num[0] = 0;
	return 1;
}

/* The distinct non-negative classes of a hue, ascending, at most max of them. */
static size_t classes(const plot_elem *e, int *out, size_t max, int *more)
{
	size_t n = 0;
	*more = 0;
	for (size_t i = 0; i < e->n; i++) {
		int c = e->hue[i];
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

size_t plot__entries(const plot_fig *f, const plot_look *look, canvas_mode mode,
                     plot_entry *e)
{
	size_t n = 0;
	for (size_t k = 0; k < f->n; k++) {
		const plot_elem *el = f->el[k];
		const plot_look *l = &look[k];
		if (el->kind == EL_SCATTER && el->hue) {
			int cls[PLOT_MAX_ENTRIES], more;
			size_t nc = classes(el, cls, PLOT_MAX_ENTRIES, &more);
			for (size_t i = 0; i < nc; i++) {
				int c = cls[i];
				uint32_t g = l->dots ? (mode == CANVAS_ASCII ? '.' : 0x2022)
				                     : plot__class_glyph(c, mode);
				const char *name = (size_t)c < el->nnames ? el->names[c] : NULL;
				if (!add_entry(e, &n, g, ' ', plot__class_color(c), name))
					return n;
				if (!name) {
					snprintf(e[n - 1].num, sizeof e[n - 1].num, "%d", c);
					e[n - 1].text = e[n - 1].num;
				}
			}
			if (more && !add_entry(e, &n, ' ', ' ', 0, mode == CANVAS_ASCII ? "..." : "\u2026"))
				return n;
		} else if (el->label && el->kind != EL_REGIONS) {
			uint32_t s[2] = {l->glyph, ' '};
			if (el->kind == EL_SCATTER && l->dots)
				s[0] = mode == CANVAS_ASCII ? '.' : 0x2022;
			else if (el->kind != EL_SCATTER)
				line_sample(l, mode, s);
			if (!add_entry(e, &n, s[0], s[1], l->color, el->label))
				return n;
		}
	}
	return n;
}

static size_t entry_width(const plot_entry *e)
{
	return 3 + utf8_width(e->text, strlen(e->text));
}

static size_t rows_of(const plot_entry *e, size_t n, size_t w, size_t *brk, size_t *rw);

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

/*
** Counts the cells with data under a w x h box in each corner (one more
** cell of margin towards the data) and picks the emptiest, preferring the
** upper right as matplotlib does.  A legend that would hide more than a
** tenth of its box goes below the plot instead.
*/
int plot__place_legend(const plot_fig *f, const plot_layout *L, size_t bw, size_t bh)
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
	plot_look look_buf[64], *look = look_buf;
	if (!c || (f->n > 64 && !(look = malloc(f->n * sizeof *look)))) {
		canvas_free(c);
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
	if (look != look_buf)
		free(look);
	return best_n * 10 <= w * h ? best : PLOT_LEGEND_BELOW;
}

void plot__fit(char *buf, size_t sz, const char *s, size_t maxw, int ascii)
{
	size_t n = strlen(s), i = 0, w = 0, out = 0;
	if (utf8_width(s, n) <= maxw) {
		snprintf(buf, sz, "%s", s);
		return;
	}
	size_t room = maxw ? maxw - 1 : 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		int cw = utf8_cpwidth(cp);
		if (w + (size_t)cw > room || out + k + 4 >= sz)
			break;
		memcpy(buf + out, s + i, k);
		out += k;
		w += (size_t)cw;
		i += k;
	}
	buf[out] = 0;
	if (maxw)
		strcat(buf, ascii ? "." : "\u2026");
}

void plot__legend_inside(canvas *c, int where, const plot_entry *e, size_t n, int color)
{
	size_t cw = canvas_width(c), ch = canvas_height(c);
	int ascii = canvas_get_mode(c) == CANVAS_ASCII;
	size_t bw = plot__legend_width(e, n, cw / 2);
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
		plot__fit(buf, sizeof buf, e[i].text, bw > 3 ? bw - 3 : 0, ascii);
		canvas_text(c, (long)tx + 3, row, buf, 0, 0);
	}
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

void plot__legend_below(st_text *t, const plot_entry *e, size_t n, size_t w, int color,
                        int ascii)
{
	size_t brk[PLOT_MAX_ENTRIES + 1], rw[PLOT_MAX_ENTRIES];
	size_t rows = rows_of(e, n, w, brk, rw);
	char buf[256];
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
			st_style s = st_mk(color ? e[i].color : 0, 0, 0);
			st_putc(t, l, e[i].sample[0], s);
			st_putc(t, l, e[i].sample[1], s);
			st_putc(t, l, ' ', plain);
			plot__fit(buf, sizeof buf, e[i].text, w > 3 ? w - 3 : 0, ascii);
			st_puts(t, l, buf, strlen(buf), plain);
		}
	}
}
