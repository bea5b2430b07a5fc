/*
** layout.c — the notebook's layout: cells as lines, and drawing them.
**
** The document is every cell one after the other: a code cell is a header
** line ("── [3] title ─── done"), its highlighted source and its outputs; a
** prose cell is its rendered Markdown; a blank line follows each.  Each
** part is rendered once into a cache keyed by what it depends on (width,
** source generation, the output list's version, folding), so while a
** network trains only the running cell's outputs are rendered again, and
** the terminal is sent only the cells of the screen that changed.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "highlight.h"
#include "markdown.h"
#include "notebook_int.h"
#include "render.h"
#include "utf8.h"
#include "vec.h"

cellview *cellview_new(void)
{
	cellview *c = calloc(1, sizeof *c);
	if (c)
		c->src_w = c->out_w = (size_t)-1;
	return c;
}

void cellview_free(cellview *c)
{
	if (!c)
		return;
	nb_frames_free(c);
	blocklist_clear(&c->out);
	free(c->out.items);
	st_free(&c->src);
	st_free(&c->outr);
	textbuf_free(c->tb);
	free(c);
}

int nb_view_rows(const notebook *nb)
{
	return app_view_rows(nb->base.app);
}

size_t nb_content_width(const notebook *nb)
{
	int cols = app_cols(nb->base.app);
	return cols > NB_GUTTER + 10 ? (size_t)(cols - NB_GUTTER) : 10;
}

void nb_invalidate(notebook *nb)
{
	for (size_t i = 0; i < nb->ncv; i++)
		nb->cv[i]->src_w = nb->cv[i]->out_w = (size_t)-1;
}

/* The one line a folded hint, solution or hidden cell shows. */
static void folded_line(notebook *nb, cellview *c, int fold)
{
	static const char *const what[] = {
		[NB_HINT] = "hint \xe2\x80\x94 h shows it",
		[NB_SOL_LATER] = "solution \xe2\x80\x94 available after your first checked attempt",
		[NB_SOL] = "solution \xe2\x80\x94 S shows it",
		[NB_HIDDEN] = "hidden \xe2\x80\x94 h shows it",
		[NB_SETUP] = "setup, run as the lesson opens \xe2\x80\x94 h shows it",
	};
	int utf8 = app_utf8(nb->base.app);
	char buf[120];
	snprintf(buf, sizeof buf, "%s %s", utf8 ? "\xe2\x96\xb8" : ">", what[fold]);
	if (!utf8) {
		char *dash = strstr(buf, "\xe2\x80\x94");
		if (dash) {
			*dash = '-';
			memmove(dash + 1, dash + 3, strlen(dash + 3) + 1);
		}
	}
	st_line *l = st_newline(&c->src);
	if (l)
		st_puts(&c->src, l, buf, strlen(buf), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
}

/* Above a hint or hidden prose cell that was opened: what it is, how to fold it. */
static void opened_line(notebook *nb, cellview *c, const lesson_cell *lc)
{
	char buf[160];
	int utf8 = app_utf8(nb->base.app);
	snprintf(buf, sizeof buf, "%s %s (%s folds it)", utf8 ? "\xe2\x96\xbe" : "v",
	         *lc->title ? lc->title : "hint", lc->flags & LESSON_SOLUTION ? "S" : "h");
	st_line *l = st_newline(&c->src);
	if (l)
		st_puts(&c->src, l, buf, strlen(buf), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
}

/* Renders cell i's source: highlighted Lua with file line numbers, or prose. */
static void render_source(notebook *nb, size_t i, size_t width)
{
	cellview *c = nb->cv[i];
	const lesson_cell *lc = lesson_cell_at(nb->L, i);
	int utf8 = app_utf8(nb->base.app);
	int fold = nb_folded(nb, i);
	st_clear(&c->src);
	c->src_hid = fold;
	if (fold && editor_cell(nb->ed) != i) {
		folded_line(nb, c, fold);
	} else if (editor_cell(nb->ed) == i) {
		editor_render(nb->ed, &c->src, width);
	} else if (lc->kind == LESSON_MARKDOWN) {
		md_opts mo = {width < NB_MEASURE ? width : NB_MEASURE, utf8};
		if (lc->flags)
			opened_line(nb, c, lc);
		if (lc->source_len)
			md_render(lc->source, lc->source_len, &mo, &c->src);
	} else if (lc->source_len) {
		hl_opts ho = {width, utf8, 1, lc->first_line, 1};
		hl_render(lc->source, lc->source_len, &ho, &c->src);
	}
	if (c->src.n == 0) {
		/* an empty cell still takes a line, so it can be seen and edited */
		const char *s = lc->kind == LESSON_MARKDOWN ? "(empty prose cell: e edits it)"
		                                            : "(empty code cell: e edits it)";
		st_line *l = st_newline(&c->src);
		if (l)
			st_puts(&c->src, l, s, strlen(s), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
	}
	c->src_w = width;
	c->src_key = c->src_gen;
	c->src_first = lc->first_line;
}

/* What solution() needs: the notebook, the cell and the width. */
typedef struct sol_ctx {
	notebook *nb;
	const cellview *c;
	size_t width;
} sol_ctx;

/* Under a check cell's verdict: how it was passed, or where help is. */
static void verdict_note(const sol_ctx *x, const block *b, st_text *out)
{
	const char *s = NULL;
	if (b->passed && b->text.len && x->nb->files.ss &&
	    store_session_marked(x->nb->files.ss, STORE_WITH_SOLUTION, b->text.s))
		s = "passed with the solution shown";
	else if (!b->passed && x->c->helped)
		s = "Stuck? h shows a hint; S the solution.";
	st_line *l = s ? st_newline(out) : NULL;
	if (l)
		st_puts(out, l, s, strlen(s), st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC));
}

/* Under an exercise check: its solution when revealed, else how to reveal it. */
static void solution(void *ctx, const block *b, st_text *out)
{
	const sol_ctx *x = ctx;
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC);
	if (b->kind == BLOCK_CHECK && !b->extra.len)
		verdict_note(x, b, out);
	if (b->kind != BLOCK_CHECK || !b->extra.len)
		return;
	const char *s = x->c->reveal ? "Solution (S hides it):"
	              : b->passed ? NULL : "Stuck? S shows a solution.";
	st_line *l = s ? st_newline(out) : NULL;
	if (l)
		st_puts(out, l, s, strlen(s), mut);
	if (x->c->reveal) {
		hl_opts ho = {x->width, app_utf8(x->nb->base.app), 0, 1, 0};
		st_text t = ST_TEXT_INIT;
		hl_render(b->extra.s, b->extra.len, &ho, &t);
		st_append(out, &t, 2);
		st_free(&t);
	}
}

/*
** The rows cell c's outputs may take: the screen but the cell's title and
** code, so that the whole cell fits, title to result; when the code is
** long (it would leave the outputs less than two thirds of it), the
** screen but the title line, and while it runs the code collapses.
*/
static size_t output_rows(const notebook *nb, const cellview *c)
{
	int vr = nb_view_rows(nb);
	size_t all = vr > 9 ? (size_t)(vr - 1) : 8;
	if (c->src.n < all && all - c->src.n >= all * 2 / 3)
		return all - c->src.n;
	return all;
}

/*
** The rows a figure without a height of its own takes: a share of the
** screen, so that a table and a line or two of text fit beside it.
** (Explicit heights are an upper bound: fit.h shortens figures to fit.)
*/
static size_t fig_rows(const notebook *nb)
{
	size_t r = (size_t)nb_view_rows(nb) * 11 / 20;
	return r < FIT_FIG_MIN ? FIT_FIG_MIN : r;
}

/* The key of a cell's folding: its rows, running or not, solutions shown or not. */
static int fold_key(const notebook *nb, const cellview *c)
{
	return (int)output_rows(nb, c) * 4 + (c->state == CS_RUNNING) * 2 + c->reveal;
}

/*
** Renders cell i's outputs fitted to the screen (fit.h): live while the
** cell runs (even when unfolded: `o` shows everything once it has ended),
** folded when it has ended, everything when unfolded.
*/
static void render_outputs(notebook *nb, size_t i, size_t width)
{
	cellview *c = nb->cv[i];
	int running = c->state == CS_RUNNING;
	sol_ctx x = {nb, c, width};
	render_opts ro;
	render_defaults(&ro, width);
	ro.utf8 = app_utf8(nb->base.app);
	ro.color = app_color(nb->base.app);
	fit_opts f = {running || !c->expanded ? output_rows(nb, c) : 0, running, fig_rows(nb),
	              NB_MEASURE, app_cols(nb->base.app) >= NB_SIDE_COLS, "o", solution, &x};
	st_clear(&c->outr);
	c->out_hidden = fit_outputs(nb_shown(c), &ro, &f, &c->outr);
	c->out_w = width;
	c->out_key = blocklist_version(nb_shown(c));
	c->out_exp = c->expanded;
	c->out_fold = fold_key(nb, c);
}

/*
** A running cell whose code and outputs do not fit the screen together
** shows only its title line above the outputs, until it ends (once
** collapsed it stays so, so the view does not jump as outputs grow).
*/
static void collapse(const notebook *nb, size_t i)
{
	cellview *c = nb->cv[i];
	if (c->state != CS_RUNNING || editor_cell(nb->ed) == i)
		c->collapsed = 0;
	else if (1 + c->src.n + c->outr.n > (size_t)nb_view_rows(nb))
		c->collapsed = 1;
}

/* Returns 1 when hint or solution cells follow check cell i. */
static int help_follows(const notebook *nb, size_t i)
{
	const lesson_cell *n = lesson_cell_at(nb->L, i + 1);
	return n && (n->flags & (LESSON_HINT | LESSON_SOLUTION)) && lesson_check_of(nb->L, i + 1) == i;
}

size_t nb_layout(notebook *nb)
{
	size_t w = nb_content_width(nb), y = 0;
	if (vec_grow(&nb->tops, &nb->tcap, nb->ncv + 1, sizeof *nb->tops, VEC_PLAIN) != 0)
		return nb->total;
	for (size_t i = 0; i < nb->ncv; i++) {
		cellview *c = nb->cv[i];
		const lesson_cell *lc = lesson_cell_at(nb->L, i);
		c->helped = help_follows(nb, i);
		if (c->src_w != w || c->src_key != c->src_gen || c->src_first != lc->first_line ||
		    editor_cell(nb->ed) == i || c->src_hid != nb_folded(nb, i))
			render_source(nb, i, w);
		if (c->out_w != w || c->out_key != blocklist_version(nb_shown(c)) ||
		    c->out_exp != c->expanded || c->out_fold != fold_key(nb, c))
			render_outputs(nb, i, w);
		collapse(nb, i);
		c->height = (lc->kind == LESSON_CODE) + (c->collapsed ? 0 : c->src.n) + c->outr.n + 1;
		nb->tops[i] = y;
		y += c->height;
	}
	nb->tops[nb->ncv] = y;
	nb->total = y;
	return y;
}

size_t nb_cell_top(const notebook *nb, size_t i)
{
	return i <= nb->ncv && nb->tops ? nb->tops[i] : 0;
}

size_t nb_cell_lines(const notebook *nb, size_t i)
{
	return i < nb->ncv ? nb->cv[i]->height - 1 : 0;
}

size_t nb_cell_at_line(const notebook *nb, size_t y)
{
	size_t lo = 0, hi = nb->ncv;
	if (nb->ncv == 0)
		return 0;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (nb->tops[mid] <= y)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Keeps top inside the document. */
static void clamp_top(notebook *nb)
{
	long vr = nb_view_rows(nb), max = (long)nb->total - vr;
	if (nb->top > max)
		nb->top = max;
	if (nb->top < 0)
		nb->top = 0;
}

void nb_show_cell(notebook *nb, size_t i)
{
	if (i >= nb->ncv)
		return;
	long vr = nb_view_rows(nb), t = (long)nb->tops[i], h = (long)nb_cell_lines(nb, i);
	if (h > vr)
		h = vr;
	if (t < nb->top)
		nb->top = t;
	else if (t + h > nb->top + vr)
		nb->top = t + h - vr;
	clamp_top(nb);
}

void nb_follow_cell(notebook *nb, size_t i)
{
	if (i >= nb->ncv)
		return;
	long vr = nb_view_rows(nb), t = (long)nb->tops[i];
	long end = t + (long)nb_cell_lines(nb, i);   /* one past the cell's last line */
	if (end > nb->top + vr)
		nb->top = end - vr;
	if (end - t <= vr && t < nb->top)
		nb->top = t;
	clamp_top(nb);
}

void nb_relayout_keep(notebook *nb)
{
	size_t at = 0, y = nb->top > 0 ? (size_t)nb->top : 0;
	double share = 0;
	if (nb->ncv) {   /* the place, measured in the layout of the old width */
		at = nb_cell_at_line(nb, y);
		size_t h = nb_cell_lines(nb, at);
		share = h ? (double)(y - nb->tops[at]) / (double)h : 0;
		if (share > 1)
			share = 1;
	}
	nb_invalidate(nb);
	nb_layout(nb);
	if (nb->ncv == 0)
		return;
	nb->top = (long)nb->tops[at] + (long)(share * (double)nb_cell_lines(nb, at));
	clamp_top(nb);
	long t = (long)nb->tops[nb->cur], end = t + (long)nb_cell_lines(nb, nb->cur);
	if (end <= nb->top || t >= nb->top + nb_view_rows(nb))
		nb_show_cell(nb, nb->cur);   /* the current cell went out of view */
}

void nb_go(notebook *nb, size_t i)
{
	if (nb->ncv == 0)
		return;
	if (i >= nb->ncv)
		i = nb->ncv - 1;
	nb->cur = i;
	nb->follow = 0;
	nb_layout(nb);
	nb_show_cell(nb, i);
}

/* Appends a rule of n columns. */
static void rule(const notebook *nb, st_text *t, st_line *l, size_t n, st_style s)
{
	const char *bar = app_utf8(nb->base.app) ? "\xe2\x94\x80" : "-";
	for (size_t k = 0; k < n; k++)
		st_puts(t, l, bar, strlen(bar), s);
}

/* Writes a code cell's "[n]" and state words, and returns the state's colour role. */
static int cell_state(notebook *nb, const cellview *c, char *num, size_t nsize, char *state,
                      size_t ssize)
{
	klink *k = app_kernel(nb->base.app);
	if (c->count)
		snprintf(num, nsize, "[%lu]", c->count);
	else
		snprintf(num, nsize, "[ ]");
	state[0] = '\0';
	if (nb_frames_label(c, state, ssize))
		return ST_WARN;   /* a past frame is shown, not the end */
	switch (c->state) {
	case CS_NEW: return ST_MUTED;
	case CS_QUEUED: snprintf(num, nsize, "[*]"); snprintf(state, ssize, "queued"); return ST_MUTED;
	case CS_RUNNING:
		snprintf(num, nsize, "[*]");
		if (k && klink_frames(k))
			snprintf(state, ssize, "%s frame %lu",
			         nb->run.at_frame && nb->run.paused ? "paused at" : "running,", nb_run_frame(nb));
		else
			snprintf(state, ssize, "running");
		return ST_WARN;
	case CS_DONE: snprintf(state, ssize, "done %.2fs", c->seconds); return ST_OK;
	case CS_ERROR: snprintf(state, ssize, "error"); return ST_ERROR;
	case CS_INTERRUPTED: snprintf(state, ssize, "interrupted"); return ST_WARN;
	}
	return ST_MUTED;
}

/* Builds the header line of code cell i: "── [3] title ───── done 0.05s". */
static void header_line(notebook *nb, size_t i, st_text *t)
{
	const lesson_cell *lc = lesson_cell_at(nb->L, i);
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, 0);
	char num[32], state[64];
	size_t w = nb_content_width(nb);
	int color = cell_state(nb, nb->cv[i], num, sizeof num, state, sizeof state);
	st_clear(t);
	st_line *l = st_newline(t);
	if (!l)
		return;
	rule(nb, t, l, 2, mut);
	st_puts(t, l, " ", 1, mut);
	st_puts(t, l, num, strlen(num), st_mk((uint8_t)color, ST_DEFAULT, ST_BOLD));
	st_puts(t, l, " ", 1, mut);
	if (*lc->title) {
		size_t room = w > l->len + 16 + strlen(state) ? w - l->len - 16 - strlen(state) : 0;
		st_line tl = {NULL, 0, 0};
		st_puts(t, &tl, lc->title, strlen(lc->title), st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
		for (size_t k = 0; k < tl.len && k < room; k++)
			if (tl.cells[k].cp)
				st_putc(t, l, tl.cells[k].cp, tl.cells[k].style);
		free(tl.cells);
		st_puts(t, l, " ", 1, mut);
	}
	size_t sl = strlen(state) ? strlen(state) + 2 : 0;
	if (l->len + sl < w)
		rule(nb, t, l, w - l->len - sl, mut);
	if (sl) {
		st_puts(t, l, " ", 1, mut);
		st_puts(t, l, state, strlen(state), st_mk((uint8_t)color, ST_DEFAULT, 0));
		st_puts(t, l, " ", 1, mut);
	}
}

const st_line *nb_cell_line(notebook *nb, size_t i, size_t line)
{
	if (i >= nb->ncv)
		return NULL;
	cellview *c = nb->cv[i];
	if (lesson_cell_at(nb->L, i)->kind == LESSON_CODE) {
		if (line == 0) {
			header_line(nb, i, &nb->hdr);
			return nb->hdr.n ? &nb->hdr.lines[0] : NULL;
		}
		line--;
	}
	size_t code = c->collapsed ? 0 : c->src.n;
	if (line < code)
		return &c->src.lines[line];
	line -= code;
	if (line < c->outr.n)
		return &c->outr.lines[line];
	return NULL;
}

void nb_draw_cells(notebook *nb, grid *g)
{
	int vr = nb_view_rows(nb);
	size_t w = nb_content_width(nb);
	const nb_search *m = &nb->search;
	nb_layout(nb);
	clamp_top(nb);
	const char *bar = app_utf8(nb->base.app) ? "\xe2\x96\x8c" : "|";
	for (int r = 0; r < vr; r++) {
		size_t y = (size_t)nb->top + (size_t)r;
		if (y >= nb->total || nb->ncv == 0)
			continue;
		size_t i = nb_cell_at_line(nb, y), line = y - nb->tops[i];
		const st_line *l = line + 1 < nb->cv[i]->height ? nb_cell_line(nb, i, line) : NULL;
		if (i == nb->cur && l)
			grid_puts(g, r, 0, bar, 1, st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
		grid_line(g, r, NB_GUTTER, l, w);
		if (m->has_match && i == m->cell && line == m->line)
			grid_attr(g, r, NB_GUTTER + (int)m->col, (int)m->len, ST_REVERSE);
	}
}

void nb_shorten(const notebook *nb, const char *s, size_t cols, char *buf, size_t size)
{
	int utf8 = app_utf8(nb->base.app);
	const char *ell = utf8 ? "\xe2\x80\xa6" : "...";
	size_t n = strlen(s), ew = utf8 ? 1 : 3, w = 0, k = 0;
	if (utf8_width(s, n) <= cols) {
		snprintf(buf, size, "%s", s);
		return;
	}
	while (k < n) {
		uint32_t cp;
		size_t adv = utf8_decode(s + k, n - k, &cp);
		size_t cw = (size_t)(utf8_cpwidth(cp) > 0 ? utf8_cpwidth(cp) : 0);
		if (w + cw + ew > cols)
			break;
		w += cw;
		k += adv;
	}
	snprintf(buf, size, "%.*s%s", (int)k, s, ell);
}
