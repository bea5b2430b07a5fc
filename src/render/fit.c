/*
** fit.c — a cell's outputs fitted into rows (fit.h).  Each block becomes a
** piece that knows the rows it needs at least and can use at most; the
** rows are shared out (allot), then each piece is drawn in the rows it got.
*/
#include "fit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "table.h"
#include "utf8.h"

enum { P_FIXED, P_TEXT, P_TABLE, P_FIGURE };

/* Gap between a figure and the table beside it. */
#define SIDE_GAP 3

/* Columns a table beside a figure keeps at least: "… 12345 earlier rows". */
#define SIDE_NOTE 20

typedef struct piece {
	int kind;
	const block *b;
	st_text fixed;        /* P_FIXED: the block as drawn */
	st_text extra;        /* lines under the block, kept whole */
	size_t min, full;     /* P_TEXT, P_TABLE: rows at least, rows of it all */
	size_t reserve;       /* rows held for it while figures are sized */
	size_t rows;          /* rows given (P_FIGURE: 1 when folded) */
	size_t want, fmin;    /* P_FIGURE: rows wanted, rows at least */
	size_t cols;          /* P_FIGURE: columns */
	int folded;           /* P_FIGURE: one summary line */
	struct piece *pair;   /* P_FIGURE: the table beside it; P_TABLE: the figure it is beside */
} piece;

typedef struct fitter {
	const render_opts *o;
	const fit_opts *f;
	size_t width;
	piece *p;
	size_t n;
} fitter;

static st_style muted(const render_opts *o)
{
	return st_mk(o->color ? ST_MUTED : 0, 0, 0);
}

static void note(st_text *out, const render_opts *o, const char *s)
{
	st_line *l = st_newline(out);
	if (l)
		st_puts(out, l, s, strlen(s), muted(o));
}

/* Moves the cells of line *src to *dst (an empty line); *src is left empty. */
static void move_line(st_line *dst, st_line *src)
{
	*dst = *src;
	src->cells = NULL;
	src->len = src->cap = 0;
}

/* Moves lines [from, from + n) of src to the end of dst. */
static void move_lines(st_text *dst, st_text *src, size_t from, size_t n)
{
	for (size_t k = from; k < from + n && k < src->n; k++) {
		st_line *l = st_newline(dst);
		if (!l)
			return;
		move_line(l, &src->lines[k]);
	}
}

/* --- text ------------------------------------------------------------------------- */

/* Rows the line s[0..n) (no '\n') takes wrapped at width, as st_addtext wraps it. */
static size_t line_rows(const char *s, size_t n, size_t width)
{
	size_t rows = 1, len = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		int w = cp == '\t' ? (int)(4 - len % 4) : utf8_cpwidth(cp);
		if (width && len > 0 && len + (size_t)w > width) {
			rows++;
			len = 0;
		}
		if (w > 0)
			len += (size_t)w;
		else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			len++;   /* a control character is shown as a space */
	}
	return rows;
}

/* A text block's lines: the text without its final '\n', and how many lines. */
typedef struct lines {
	const char *s;
	size_t n, count;
} lines;

static lines text_of(const block *b)
{
	lines t = {b->text.s ? b->text.s : "", b->text.len, 0};
	for (size_t i = 0; i < t.n; i++)
		t.count += t.s[i] == '\n';
	if (t.n && t.s[t.n - 1] == '\n')
		t.n--;
	else if (t.n)
		t.count++;
	return t;
}

/* Rows of the whole text at width, counting no further than cap. */
static size_t text_rows(const lines *t, size_t width, size_t cap)
{
	size_t rows = 0;
	for (size_t i = 0; t->count && i <= t->n && rows <= cap;) {
		const char *nl = memchr(t->s + i, '\n', t->n - i);
		size_t end = nl ? (size_t)(nl - t->s) : t->n;
		rows += line_rows(t->s + i, end - i, width);
		i = end + 1;
	}
	return rows;
}

/* The first line's end (offset of its '\n', or the end). */
static size_t first_end(const lines *t)
{
	const char *nl = memchr(t->s, '\n', t->n);
	return nl ? (size_t)(nl - t->s) : t->n;
}

/* The last line's start. */
static size_t last_start(const lines *t)
{
	size_t a = t->n;
	while (a > 0 && t->s[a - 1] != '\n')
		a--;
	return a;
}

/*
** Whole lines from the start that fit in room rows: returns how many;
** *end gets the offset where the last one ends, *used their rows.
*/
static size_t take_head(const lines *t, size_t width, size_t room, size_t *end, size_t *used)
{
	size_t k = 0, pos = 0;
	*used = *end = 0;
	while (k < t->count) {
		const char *nl = memchr(t->s + pos, '\n', t->n - pos);
		size_t e = nl ? (size_t)(nl - t->s) : t->n;
		size_t r = line_rows(t->s + pos, e - pos, width);
		if (*used + r > room)
			break;
		*used += r;
		*end = e;
		k++;
		pos = e + 1;
	}
	return k;
}

/*
** Whole lines from the end, not among the first `skip` lines, that fit in
** room rows: returns how many; *start gets the offset of the first one,
** *used their rows.
*/
static size_t take_tail(const lines *t, size_t width, size_t room, size_t skip, size_t *start,
                        size_t *used)
{
	size_t k = 0, e = t->n;
	*used = 0;
	*start = t->n;
	while (k + skip < t->count) {
		size_t a = e;
		while (a > 0 && t->s[a - 1] != '\n')
			a--;
		size_t r = line_rows(t->s + a, e - a, width);
		if (*used + r > room)
			break;
		*used += r;
		*start = a;
		k++;
		if (a == 0)
			break;
		e = a - 1;
	}
	return k;
}

/* Appends the rows of t[a..e) wrapped at width: the first `keep` (keep > 0) or the last -keep. */
static void put_rows(st_text *out, const lines *t, size_t a, size_t e, size_t width, long keep)
{
	st_text tmp = ST_TEXT_INIT;
	st_addtext(&tmp, t->s + a, e > a ? e - a : 0, width, 0, st_mk(0, 0, 0));
	size_t k = (size_t)(keep > 0 ? keep : -keep);
	if (k > tmp.n)
		k = tmp.n;
	move_lines(out, &tmp, keep > 0 ? 0 : tmp.n - k, k);
	st_free(&tmp);
}

/* "… N <what>" with the unfolding key named when `hint`. */
static void count_note(const fitter *F, st_text *out, size_t n, const char *what, int hint)
{
	char buf[128];
	const char *key = hint ? F->f->unfold : NULL;
	snprintf(buf, sizeof buf, "%s %zu %s%s%s%s%s", F->o->utf8 ? "\xe2\x80\xa6" : "...", n, what,
	         n == 1 ? "" : "s", key ? " (" : "", key ? key : "", key ? " shows them)" : "");
	note(out, F->o, buf);
}

/* Live: "… N earlier lines" and the newest lines, in the piece's rows. */
static void text_tail(const fitter *F, const piece *p, st_text *out)
{
	lines t = text_of(p->b);
	size_t start, used, room = p->rows - 1;
	size_t k = take_tail(&t, F->width, room, 0, &start, &used);
	count_note(F, out, p->b->dropped + t.count - (k ? k : 1), "earlier line", 0);
	if (k)
		put_rows(out, &t, start, t.n, F->width, (long)used);
	else   /* the last line alone is taller: its end */
		put_rows(out, &t, last_start(&t), t.n, F->width, -(long)room);
}

/* Finished: the first lines and the last ones, "… N lines" between. */
static void text_ends(const fitter *F, const piece *p, st_text *out)
{
	lines t = text_of(p->b);
	size_t room = p->rows - 1, head = room / 3 ? room / 3 : 1;
	size_t end, hused, start, tused;
	size_t hk = take_head(&t, F->width, head, &end, &hused);
	if (hk)
		put_rows(out, &t, 0, end, F->width, (long)hused);
	else   /* the first line alone is taller: its beginning */
		put_rows(out, &t, 0, first_end(&t), F->width, (long)(hused = head));
	size_t shown = hk ? hk : 1;
	size_t tk = take_tail(&t, F->width, room - hused, shown, &start, &tused);
	if (!tk && room > hused && shown < t.count)
		tk = 1;   /* the last line alone is taller: its end */
	count_note(F, out, t.count - shown - tk, "line", 1);
	if (tk && tused)
		put_rows(out, &t, start, t.n, F->width, (long)tused);
	else if (tk)
		put_rows(out, &t, last_start(&t), t.n, F->width, -(long)(room - hused));
}

static void draw_text(const fitter *F, const piece *p, st_text *out)
{
	if (p->rows >= p->full) {
		render_opts o = *F->o;
		o.text_lines = 0;
		o.text_as_printed = 0;
		render_block(p->b, &o, out);
	} else if (F->f->live || p->b->dropped) {
		text_tail(F, p, out);
	} else {
		text_ends(F, p, out);
	}
}

/* --- tables and figures ---------------------------------------------------------- */

/* Rows of table t drawn in `rows` rows (rows >= all of it: every row). */
static void draw_table(const fitter *F, const block *b, size_t rows, size_t full, size_t width,
                       st_text *out)
{
	tbl_view v = {width, rows >= full ? 0 : rows > 3 ? rows - 3 : 1, 0, F->o->utf8, F->o->color};
	tbl_render(b->obj, &v, out);
}

/* A figure's rows when nothing is short: its own height, else fig_rows, else the plot's rule. */
static size_t fig_want(const fitter *F, const plot_fig *fig, size_t cols)
{
	size_t h = plot_fig_height(fig);
	if (!h)
		h = F->f->fig_rows;
	if (!h) {   /* as plot_render's automatic height */
		h = (size_t)((double)cols / 3.5);
		h = h < 8 ? 8 : h > 24 ? 24 : h;
	}
	return h > PLOT_MAX_H ? PLOT_MAX_H : h;
}

/* "▸ figure: TITLE — o shows it". */
static void fig_summary(const fitter *F, const plot_fig *fig, st_text *out)
{
	char buf[256];
	const char *title = plot_fig_title(fig), *key = F->f->unfold;
	int u = F->o->utf8;
	snprintf(buf, sizeof buf, "%s figure%s%s%s%s%s", u ? "\xe2\x96\xb8" : ">", title ? ": " : "",
	         title ? title : "", key ? (u ? " \xe2\x80\x94 " : " - ") : "", key ? key : "",
	         key ? " shows it" : "");
	st_line *l = st_newline(out);
	if (!l)
		return;
	st_puts(out, l, buf, strlen(buf), muted(F->o));
	if (l->len > F->width)
		l->len = F->width;
}

/*
** The one call that draws a figure in the rows it was given (the rows are
** the plot's whole height, title and axes included).
*/
static void fig_lines(const fitter *F, const piece *p, st_text *out)
{
	canvas_mode mode = F->o->utf8 ? CANVAS_BRAILLE : CANVAS_ASCII;
	plot_render(p->b->obj, p->cols, p->rows, mode, F->o->color, out);
}

/* A figure, and the table beside it when it has one. */
static void draw_figure(const fitter *F, const piece *p, st_text *out)
{
	if (p->folded) {
		fig_summary(F, p->b->obj, out);
		return;
	}
	if (!p->pair) {
		fig_lines(F, p, out);
		return;
	}
	st_text fig = ST_TEXT_INIT, tab = ST_TEXT_INIT;
	fig_lines(F, p, &fig);
	draw_table(F, p->pair->b, fig.n, p->pair->full, F->width - p->cols - SIDE_GAP, &tab);
	size_t n = fig.n > tab.n ? fig.n : tab.n;
	for (size_t k = 0; k < n; k++) {
		st_line *l = st_newline(out);
		if (!l)
			break;
		if (k < fig.n)
			move_line(l, &fig.lines[k]);
		if (k >= tab.n)
			continue;
		st_pad(out, l, p->cols + SIDE_GAP - (l->len < p->cols ? l->len : p->cols), st_mk(0, 0, 0));
		for (size_t j = 0; j < tab.lines[k].len; j++)
			if (st_reserve(out, l, 1))
				l->cells[l->len++] = tab.lines[k].cells[j];
	}
	st_free(&fig);
	st_free(&tab);
}

/* --- the pieces and their rows --------------------------------------------------- */

/* Makes the pieces: what each needs and can use; the first figure and table side by side. */
static void build(fitter *F, const blocklist *bl)
{
	const fit_opts *f = F->f;
	size_t cap = f->rows ? f->rows : (size_t)-1, cols = F->width;
	piece *fig = NULL, *tab = NULL;
	if (f->fig_cols && f->fig_cols < cols)
		cols = f->fig_cols;
	for (size_t k = 0; k < F->n; k++) {
		piece *p = &F->p[k];
		const block *b = p->b = bl->items[k];
		if (b->kind == BLOCK_TEXT || b->kind == BLOCK_VALUE) {
			lines t = text_of(b);
			p->kind = P_TEXT;
			p->full = f->rows ? text_rows(&t, F->width, cap) + (b->dropped != 0) : 0;
			p->min = p->full < 3 ? p->full : 3;
			p->reserve = f->live ? 3 : p->full < 6 ? p->full : 6;
		} else if (b->kind == BLOCK_TABLE) {
			size_t least = f->live ? 6 : 5, held = f->live ? 6 : 7;
			p->kind = P_TABLE;
			p->full = 2 + (tbl_dropped(b->obj) != 0) + tbl_nrows(b->obj);
			p->min = p->full < least ? p->full : least;
			p->reserve = f->live || p->full > held ? held : p->full;
			tab = tab ? tab : p;
		} else if (b->kind == BLOCK_FIGURE) {
			p->kind = P_FIGURE;
			p->cols = cols;
			p->want = fig_want(F, b->obj, cols);
			p->fmin = p->want < FIT_FIG_MIN ? p->want : FIT_FIG_MIN;
			fig = fig ? fig : p;
		} else {
			p->kind = P_FIXED;
			render_block(b, F->o, &p->fixed);
		}
		if (f->extra)
			f->extra(f->ctx, b, &p->extra);
	}
	if (!f->side || !fig || !tab)
		return;
	size_t tw = tbl_width(tab->b->obj);
	if (tw < SIDE_NOTE)
		tw = SIDE_NOTE;   /* room for its "… N earlier rows" line */
	if (tw + SIDE_GAP + FIT_SIDE_FIG_MIN > F->width || (!f->rows && tab->full > fig->want))
		return;
	fig->pair = tab;
	tab->pair = fig;
	if (fig->cols > F->width - tw - SIDE_GAP)
		fig->cols = F->width - tw - SIDE_GAP;
}

/* Rows of all but the unfolded figures: tables and text at what they hold back, or at least. */
static size_t others(const fitter *F, int held)
{
	size_t s = 0;
	for (size_t k = 0; k < F->n; k++) {
		const piece *p = &F->p[k];
		s += p->extra.n;
		if (p->kind == P_FIXED)
			s += p->fixed.n;
		else if (p->kind != P_FIGURE && !p->pair)
			s += held ? p->reserve : p->min;
		else if (p->kind == P_FIGURE && p->folded)
			s++;
	}
	return s;
}

/* The least and the most rows of the unfolded figures. */
static void fig_sums(const fitter *F, size_t *least, size_t *most)
{
	*least = *most = 0;
	for (size_t k = 0; k < F->n; k++)
		if (F->p[k].kind == P_FIGURE && !F->p[k].folded) {
			*least += F->p[k].fmin;
			*most += F->p[k].want;
		}
}

/* A finished cell short of `over` rows: figures become summary lines, the first first. */
static void fold_figures(fitter *F, size_t over)
{
	for (size_t k = 0; k < F->n && over; k++) {
		piece *p = &F->p[k];
		long saves = (long)p->fmin - 1 - (long)(p->pair ? p->pair->min : 0);
		if (p->kind != P_FIGURE || saves <= 0)
			continue;
		p->folded = 1;
		if (p->pair) {
			p->pair->pair = NULL;
			p->pair = NULL;
		}
		over -= (size_t)saves < over ? (size_t)saves : over;
	}
}

/* Figures get their least, then a row each in turn up to their height, from `avail` rows. */
static size_t size_figures(fitter *F, size_t avail)
{
	size_t least, most, used = 0;
	fig_sums(F, &least, &most);
	size_t left = avail > least ? avail - least : 0;
	for (size_t k = 0; k < F->n; k++)
		if (F->p[k].kind == P_FIGURE)
			used += F->p[k].rows = F->p[k].folded ? 1 : F->p[k].fmin;
	for (int more = 1; left && more;) {
		more = 0;
		for (size_t k = 0; k < F->n && left; k++) {
			piece *p = &F->p[k];
			if (p->kind == P_FIGURE && !p->folded && p->rows < p->want) {
				p->rows++;
				used++;
				left--;
				more = 1;
			}
		}
	}
	return used;
}

/* Tables and text get their least, then a row each in turn, the last block first. */
static void give_rows(fitter *F, size_t left)
{
	for (size_t k = 0; k < F->n; k++)
		F->p[k].rows = F->p[k].kind == P_FIGURE ? F->p[k].rows : F->p[k].min;
	for (int more = 1; left && more;) {
		more = 0;
		for (size_t k = F->n; k-- > 0 && left;) {
			piece *p = &F->p[k];
			if ((p->kind == P_TEXT || p->kind == P_TABLE) && !p->pair && p->rows < p->full) {
				p->rows++;
				left--;
				more = 1;
			}
		}
	}
}

/* Shares out the rows; returns the rows folded away. */
static size_t allot(fitter *F)
{
	size_t R = F->f->rows, least, most, hidden = 0;
	if (!R) {
		for (size_t k = 0; k < F->n; k++)
			F->p[k].rows = F->p[k].kind == P_FIGURE ? F->p[k].want : F->p[k].full;
		return 0;
	}
	fig_sums(F, &least, &most);
	if (!F->f->live && others(F, 0) + least > R)
		fold_figures(F, others(F, 0) + least - R);
	size_t held = others(F, 1), avail = R > held ? R - held : 0;
	size_t figs = size_figures(F, avail), base = others(F, 0);
	give_rows(F, R > base + figs ? R - base - figs : 0);
	for (size_t k = 0; k < F->n; k++) {
		const piece *p = &F->p[k];
		if (p->kind == P_FIGURE)
			hidden += p->folded ? p->want - 1 : 0;
		else if (p->kind != P_FIXED && !p->pair)
			hidden += p->full - p->rows;
		else if (p->kind == P_TABLE && p->full > p->pair->rows)
			hidden += p->full - p->pair->rows;
	}
	return hidden;
}

size_t fit_outputs(const blocklist *bl, const render_opts *o, const fit_opts *f, st_text *out)
{
	fitter F = {o, f, o->width ? o->width : 80, NULL, bl->n};
	if (bl->n == 0)
		return 0;
	if (!(F.p = calloc(bl->n, sizeof *F.p))) {
		out->failed = 1;
		return 0;
	}
	build(&F, bl);
	size_t hidden = allot(&F);
	for (size_t k = 0; k < F.n; k++) {
		piece *p = &F.p[k];
		if (p->kind == P_FIXED)
			move_lines(out, &p->fixed, 0, p->fixed.n);
		else if (p->kind == P_TEXT)
			draw_text(&F, p, out);
		else if (p->kind == P_TABLE && !p->pair)
			draw_table(&F, p->b, p->rows, p->full, F.width, out);
		else if (p->kind == P_FIGURE)
			draw_figure(&F, p, out);
		move_lines(out, &p->extra, 0, p->extra.n);
		st_free(&p->fixed);
		st_free(&p->extra);
	}
	free(F.p);
	return hidden;
}
