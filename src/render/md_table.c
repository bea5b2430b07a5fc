/*
** md_table.c — GFM pipe tables, which CommonMark (and so cmark) lacks.
**
** A table is a header row with at least one unescaped '|', a delimiter
** row with as many cells (`---`, `:--`, `--:`, `:-:`) and the body rows
** up to a blank line or a line without a pipe.  Cells are inline markdown
** (emphasis, code, math); a column narrower than its content wraps it.
*/
#include <stdlib.h>
#include <string.h>

#include "md_int.h"

#define MAXCOLS 64

enum { AL_LEFT, AL_CENTER, AL_RIGHT };

typedef struct span {
	size_t a, b;
} span;

static size_t eol(const char *s, size_t n, size_t i)
{
	const char *e = memchr(s + i, '\n', n - i);
	return e ? (size_t)(e - s) : n;
}

static int ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int has_pipe(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '|')
			return 1;
	}
	return 0;
}

/*
** Splits the row s[a..b) into trimmed cells at unescaped pipes; a leading
** and a trailing pipe are optional.  Returns the number of cells (at most
** MAXCOLS; later ones are dropped).
*/
static size_t split(const char *s, size_t a, size_t b, span *cell)
{
	while (a < b && ws(s[a]))
		a++;
	while (b > a && ws(s[b - 1]))
		b--;
	if (a < b && s[a] == '|')
		a++;
	if (b > a && s[b - 1] == '|' && !(b - 1 > a && s[b - 2] == '\\'))
		b--;
	size_t k = 0, start = a;
	for (size_t i = a; i <= b; i++) {
		if (i < b && s[i] == '\\') {
			i++;
			continue;
		}
		if (i < b && s[i] != '|')
			continue;
		size_t x = start, y = i > b ? b : i;
		while (x < y && ws(s[x]))
			x++;
		while (y > x && ws(s[y - 1]))
			y--;
		if (k < MAXCOLS)
			cell[k++] = (span){x, y};
		start = i + 1;
	}
	return k;
}

/* Returns the cells of a delimiter row (aligns filled in), or 0 if s[a..b) is not one. */
static size_t delimiter(const char *s, size_t a, size_t b, int *align)
{
	span cell[MAXCOLS];
	if (!has_pipe(s, a, b))
		return 0;
	size_t k = split(s, a, b, cell);
	for (size_t j = 0; j < k; j++) {
		size_t x = cell[j].a, y = cell[j].b;
		int left = x < y && s[x] == ':', right = y > x && s[y - 1] == ':';
		x += (size_t)left;
		y -= (size_t)(right && y > x);
		if (x >= y)
			return 0;
		for (size_t i = x; i < y; i++)
			if (s[i] != '-')
				return 0;
		if (align)
			align[j] = left && right ? AL_CENTER : right ? AL_RIGHT : AL_LEFT;
	}
	return k;
}

static size_t indent(const char *s, size_t a, size_t b)
{
	size_t w = 0;
	for (; a < b && (s[a] == ' ' || s[a] == '\t'); a++)
		w += s[a] == '\t' ? 4 - w % 4 : 1;
	return w;
}

size_t md_table_detect(const char *s, size_t n, size_t pos)
{
	span cell[MAXCOLS];
	size_t e = eol(s, n, pos);
	if (e >= n || indent(s, pos, e) >= 4 || !has_pipe(s, pos, e))
		return 0;
	size_t d = e + 1, de = eol(s, n, d);
	if (indent(s, d, de) >= 4 || delimiter(s, d, de, NULL) != split(s, pos, e, cell))
		return 0;
	size_t i = de < n ? de + 1 : n;
	while (i < n) {
		size_t le = eol(s, n, i), x = i;
		while (x < le && ws(s[x]))
			x++;
		if (x == le || !has_pipe(s, i, le))
			break;
		i = le < n ? le + 1 : n;
	}
	return i;
}

/*
** Column widths for `avail` columns of content.  All natural widths if
** they fit; else every column gets its widest word and the rest is dealt
** out one column at a time to the columns that still want more; if even
** the words do not fit, the natural widths are shared out fairly (small
** columns keep theirs) and long words get broken.
*/
static void fit(const size_t *nat, const size_t *word, size_t ncol, size_t avail, size_t *w)
{
	size_t sum = 0, wsum = 0;
	for (size_t j = 0; j < ncol; j++) {
		sum += nat[j];
		wsum += word[j];
		w[j] = word[j];
	}
	if (sum <= avail) {
		memcpy(w, nat, ncol * sizeof *w);
		return;
	}
	if (wsum <= avail) {
		size_t rest = avail - wsum;
		for (int more = 1; more && rest; ) {
			more = 0;
			for (size_t j = 0; j < ncol && rest; j++) {
				if (w[j] < nat[j]) {
					w[j]++;
					rest--;
					more = 1;
				}
			}
		}
		return;
	}
	char done[MAXCOLS] = {0};
	size_t left = ncol;
	for (int changed = 1; changed && left; ) {
		changed = 0;
		size_t fair = avail / left;
		for (size_t j = 0; j < ncol; j++) {
			if (!done[j] && nat[j] <= fair) {
				w[j] = nat[j];
				avail -= nat[j];
				done[j] = 1;
				left--;
				changed = 1;
			}
		}
	}
	size_t extra = left ? avail % left : 0;
	for (size_t j = 0; j < ncol; j++) {
		if (done[j])
			continue;
		w[j] = avail / left + (extra ? 1 : 0);
		extra -= extra ? 1 : 0;
		if (w[j] == 0)
			w[j] = 1;
	}
}

/* A frame line: left, fill, junction, right (UTF-8 strings of one column each). */
static void frame(md_ctx *c, st_text *out, const size_t *w, size_t ncol, int kind)
{
	static const char *const box[3][4] = {
		{"\xe2\x94\x8c", "\xe2\x94\x80", "\xe2\x94\xac", "\xe2\x94\x90"},
		{"\xe2\x94\x9c", "\xe2\x94\x80", "\xe2\x94\xbc", "\xe2\x94\xa4"},
		{"\xe2\x94\x94", "\xe2\x94\x80", "\xe2\x94\xb4", "\xe2\x94\x98"},
	};
	static const char *const ascii[4] = {"+", "-", "+", "+"};
	const char *const *p = c->o->utf8 ? box[kind] : ascii;
	st_style s = st_mk(ST_MUTED, ST_DEFAULT, 0);
	st_line *l = st_newline(out);
	if (!l)
		return;
	st_puts(out, l, p[0], strlen(p[0]), s);
	for (size_t j = 0; j < ncol; j++) {
		for (size_t i = 0; i < w[j] + 2; i++)
			st_puts(out, l, p[1], strlen(p[1]), s);
		const char *x = j + 1 < ncol ? p[2] : p[3];
		st_puts(out, l, x, strlen(x), s);
	}
}

/* Draws one row: every cell wrapped to its column, the row as tall as its tallest cell. */
static void row(md_ctx *c, st_text *out, md_flow *cells, const size_t *w, const int *align, size_t ncol)
{
	st_text lay[MAXCOLS];
	size_t h = 1;
	for (size_t j = 0; j < ncol; j++) {
		lay[j] = (st_text)ST_TEXT_INIT;
		md_flow_layout(&cells[j], w[j], &lay[j]);
		c->failed |= lay[j].failed;
		if (lay[j].n > h)
			h = lay[j].n;
	}
	const char *bar = c->o->utf8 ? "\xe2\x94\x82" : "|";
	st_style bs = st_mk(ST_MUTED, ST_DEFAULT, 0), plain = st_mk(0, 0, 0);
	for (size_t k = 0; k < h; k++) {
		st_line *l = st_newline(out);
		if (!l)
			break;
		st_puts(out, l, bar, strlen(bar), bs);
		for (size_t j = 0; j < ncol; j++) {
			const st_line *src = k < lay[j].n ? &lay[j].lines[k] : NULL;
			size_t len = src ? src->len : 0, pad = w[j] > len ? w[j] - len : 0;
			size_t before = align[j] == AL_RIGHT ? pad : align[j] == AL_CENTER ? pad / 2 : 0;
			st_pad(out, l, 1 + before, plain);
			for (size_t i = 0; i < len; i++)
				if (src->cells[i].cp)
					st_putc(out, l, src->cells[i].cp, src->cells[i].style);
			st_pad(out, l, pad - before + 1, plain);
			st_puts(out, l, bar, strlen(bar), bs);
		}
	}
	for (size_t j = 0; j < ncol; j++)
		st_free(&lay[j]);
}

/* The table as a frame: top, header row, separator, body rows, bottom. */
static void grid(md_ctx *c, md_flow *f, size_t nrows, size_t ncol, const size_t *w, const int *align, st_text *out)
{
	frame(c, out, w, ncol, 0);
	for (size_t r = 0; r < nrows; r++) {
		row(c, out, f + r * ncol, w, align, ncol);
		if (r == 0)
			frame(c, out, w, ncol, 1);
	}
	frame(c, out, w, ncol, 2);
}

/*
** Too narrow for a grid: each body row becomes a record of "Header: value"
** lines, records separated by a blank line.
*/
static void stacked(md_ctx *c, const md_flow *f, size_t nrows, size_t ncol, size_t width, st_text *out)
{
	for (size_t r = 1; r < nrows; r++) {
		if (r > 1)
			st_newline(out);
		for (size_t j = 0; j < ncol; j++) {
			md_flow x = MD_FLOW_INIT;
			const md_flow *h = &f[j], *v = &f[r * ncol + j];
			for (size_t i = 0; i < h->n; i++)
				md_flow_putc(&x, h->c[i].cp, h->c[i].style);
			md_flow_putc(&x, ':', st_mk(ST_DEFAULT, ST_DEFAULT, ST_BOLD));
			md_flow_putc(&x, ' ', st_mk(0, 0, 0));
			for (size_t i = 0; i < v->n; i++)
				md_flow_putc(&x, v->c[i].cp, v->c[i].style);
			md_flow_layout(&x, width, out);
			c->failed |= x.failed;
			md_flow_free(&x);
		}
	}
}

/* Builds the flows of one source row's cells (missing cells stay empty). */
static void parse_row(md_ctx *c, const char *t, size_t a, size_t b, size_t ncol, st_style base, md_flow *f)
{
	span cell[MAXCOLS];
	size_t k = split(t, a, b, cell);
	for (size_t j = 0; j < ncol && j < k; j++) {
		strbuf s = STRBUF_INIT;
		for (size_t i = cell[j].a; i < cell[j].b; i++) {
			if (t[i] == '\\' && i + 1 < cell[j].b && t[i + 1] == '|')
				i++;
			sb_addc(&s, t[i]);
		}
		if (s.failed || md_cell_flow(c, s.s ? s.s : "", s.len, base, &f[j]) < 0)
			c->failed = 1;
		sb_free(&s);
	}
}

static void table_render(md_ctx *c, const char *t, size_t n, size_t width, st_text *out);

/*
** t may point into a buffer of c that rendering a cell grows (math put
** back into the text), so the table works on its own copy of its lines.
*/
void md_table_render(md_ctx *c, const char *t, size_t n, size_t width, st_text *out)
{
	char *copy = malloc(n ? n : 1);
	if (!copy) {
		c->failed = 1;
		return;
	}
	memcpy(copy, t, n);
	table_render(c, copy, n, width, out);
	free(copy);
}

static void table_render(md_ctx *c, const char *t, size_t n, size_t width, st_text *out)
{
	span cell[MAXCOLS];
	int align[MAXCOLS];
	size_t he = eol(t, n, 0), d = he < n ? he + 1 : n, de = eol(t, n, d);
	size_t ncol = split(t, 0, he, cell), nrows = 1;
	delimiter(t, d, de, align);
	for (size_t i = de; i < n; i++)
		nrows += t[i] == '\n' && i + 1 < n;
	md_flow *f = calloc(nrows * ncol, sizeof *f);
	if (!f) {
		c->failed = 1;
		return;
	}
	parse_row(c, t, 0, he, ncol, st_mk(ST_DEFAULT, ST_DEFAULT, ST_BOLD), f);
	size_t r = 1;
	for (size_t i = de < n ? de + 1 : n; i < n && r < nrows; r++) {
		size_t e = eol(t, n, i);
		parse_row(c, t, i, e, ncol, st_mk(0, 0, 0), f + r * ncol);
		i = e < n ? e + 1 : n;
	}

	size_t nat[MAXCOLS], word[MAXCOLS], w[MAXCOLS];
	for (size_t j = 0; j < ncol; j++) {
		nat[j] = word[j] = 1;
		for (r = 0; r < nrows; r++) {
			size_t x = md_flow_width(&f[r * ncol + j]), y = md_flow_minwidth(&f[r * ncol + j]);
			nat[j] = x > nat[j] ? x : nat[j];
			word[j] = y > word[j] ? y : word[j];
		}
	}
	size_t chrome = 3 * ncol + 1;
	if (width < chrome + 6 * ncol) {
		stacked(c, f, nrows, ncol, width, out);
	} else {
		fit(nat, word, ncol, width - chrome, w);
		grid(c, f, nrows, ncol, w, align, out);
	}

	for (size_t i = 0; i < nrows * ncol; i++)
		md_flow_free(&f[i]);
	free(f);
}
