/*
** notebook.c — the notebook's layout: cells as lines, and drawing them.
**
** The document is every cell one after the other: a code cell is a header
** line ("── [3] title ─── done"), its highlighted source and its outputs; a
** prose cell is its rendered Markdown; a blank line follows each.  Each
** part is rendered once into a cache keyed by what it depends on (width,
** source generation, the output list's version, folding), so while a
** network trains only the running cell's outputs are rendered again, and
** ncurses sends only the cells of the screen that changed.
*/
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "markdown.h"
#include "render.h"
#include "ui.h"

cellview *ui_cell_new(void)
{
	cellview *c = calloc(1, sizeof *c);
	if (c)
		c->src_w = c->out_w = (size_t)-1;
	return c;
}

void ui_cell_free(cellview *c)
{
	if (!c)
		return;
	blocklist_clear(&c->out);
	free(c->out.items);
	st_free(&c->src);
	st_free(&c->outr);
	free(c);
}

int ui_view_rows(const ui *u)
{
	return u->rows > 2 ? u->rows - 2 : 1;
}

size_t ui_content_width(const ui *u)
{
	return u->cols > UI_GUTTER + 10 ? (size_t)(u->cols - UI_GUTTER) : 10;
}

void ui_invalidate(ui *u)
{
	for (size_t i = 0; i < u->ncv; i++)
		u->cv[i]->src_w = u->cv[i]->out_w = (size_t)-1;
}

/* Renders cell i's source: highlighted Lua with file line numbers, or prose. */
static void render_source(ui *u, size_t i, size_t width)
{
	cellview *c = u->cv[i];
	const lesson_cell *lc = lesson_cell_at(u->L, i);
	st_clear(&c->src);
	if (ui_edit_cell(u) == i) {
		ui_edit_render(u, &c->src, width);
	} else if (lc->kind == LESSON_MARKDOWN) {
		md_opts mo = {width, u->utf8};
		if (lc->source_len)
			md_render(lc->source, lc->source_len, &mo, &c->src);
	} else if (lc->source_len) {
		hl_opts ho = {width, u->utf8, 1, lc->first_line, 0};
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

/* Under an exercise check: its solution when revealed, else how to reveal it. */
static void solution(ui *u, cellview *c, const block *b, size_t width)
{
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, ST_ITALIC);
	const char *s = c->reveal ? "Solution (S hides it):"
	              : b->passed ? NULL : "Stuck? S shows a solution.";
	st_line *l = s ? st_newline(&c->outr) : NULL;
	if (l)
		st_puts(&c->outr, l, s, strlen(s), mut);
	if (c->reveal) {
		hl_opts ho = {width, u->utf8, 0, 1, 0};
		st_text t = ST_TEXT_INIT;
		hl_render(b->extra.s, b->extra.len, &ho, &t);
		st_append(&c->outr, &t, 2);
		st_free(&t);
	}
}

/* The output lines shown before "+N lines" when a cell is not running. */
static size_t fold_limit(const ui *u)
{
	int vr = ui_view_rows(u);
	return vr - 3 > 8 ? (size_t)(vr - 3) : 8;
}

/*
** Folds the outputs to lim lines: the first ones and the newest ones stay
** (where a table's latest rows and a final result are), the middle becomes
** one "+N lines" line.
*/
static void fold_middle(cellview *c, size_t lim)
{
	size_t head = (lim - 1) / 2, tail = lim - 1 - head, n = c->outr.n;
	char buf[80];
	c->out_hidden = n - head - tail;
	for (size_t k = head; k < n - tail; k++)
		free(c->outr.lines[k].cells);
	memmove(c->outr.lines + head + 1, c->outr.lines + n - tail, tail * sizeof *c->outr.lines);
	st_line *l = &c->outr.lines[head];
	l->cells = NULL;
	l->len = l->cap = 0;
	c->outr.n = lim;
	snprintf(buf, sizeof buf, "+%zu lines (o shows them)", c->out_hidden);
	st_puts(&c->outr, l, buf, strlen(buf), st_mk(ST_MUTED, ST_DEFAULT, ST_REVERSE));
}

/* Renders every output block of c (and the solutions of checks) into c->outr. */
static void render_all(ui *u, cellview *c, const render_opts *ro, size_t width)
{
	st_clear(&c->outr);
	for (size_t k = 0; k < c->out.n; k++) {
		const block *b = c->out.items[k];
		render_block(b, ro, &c->outr);
		if (b->kind == BLOCK_CHECK && b->extra.len)
			solution(u, c, b, width);
	}
}

/*
** Renders cell i's outputs.  Folded (the default), a table keeps its header
** and newest rows, print output its newest lines, and a finished cell whose
** outputs are still taller than the screen shows "+N lines" in the middle.
*/
static void render_outputs(ui *u, size_t i, size_t width)
{
	cellview *c = u->cv[i];
	int vr = ui_view_rows(u);
	render_opts ro;
	render_defaults(&ro, width);
	ro.utf8 = u->utf8;
	ro.color = u->color;
	if (!c->expanded) {
		ro.table_rows = vr / 3 > 3 ? (size_t)(vr / 3) : 3;
		ro.text_lines = vr / 2 > 4 ? (size_t)(vr / 2) : 4;
	}
	render_all(u, c, &ro, width);
	c->out_hidden = 0;
	size_t lim = fold_limit(u);
	if (!c->expanded && c->state != CS_RUNNING && c->outr.n > lim) {
		/* first print output gives up its older lines, tables keep theirs */
		size_t over = c->outr.n - lim, texts = 0;
		for (size_t k = 0; k < c->out.n; k++)
			texts += c->out.items[k]->kind == BLOCK_TEXT || c->out.items[k]->kind == BLOCK_VALUE;
		if (texts && ro.text_lines > 3) {
			size_t cut = (over + 1 + texts - 1) / texts;
			ro.text_lines = ro.text_lines > cut + 3 ? ro.text_lines - cut : 3;
			render_all(u, c, &ro, width);
		}
		if (c->outr.n > lim)
			fold_middle(c, lim);
	}
	c->out_w = width;
	c->out_key = blocklist_version(&c->out);
	c->out_exp = c->expanded;
	c->out_fold = (int)lim * 4 + (c->state == CS_RUNNING) * 2 + c->reveal;
}

size_t ui_layout(ui *u)
{
	size_t w = ui_content_width(u), y = 0;
	size_t *tops = realloc(u->tops, (u->ncv + 1) * sizeof *tops);
	if (!tops)
		return u->total;
	u->tops = tops;
	for (size_t i = 0; i < u->ncv; i++) {
		cellview *c = u->cv[i];
		const lesson_cell *lc = lesson_cell_at(u->L, i);
		if (c->src_w != w || c->src_key != c->src_gen || c->src_first != lc->first_line ||
		    ui_edit_cell(u) == i)
			render_source(u, i, w);
		int fold = (int)fold_limit(u) * 4 + (c->state == CS_RUNNING) * 2 + c->reveal;
		if (c->out_w != w || c->out_key != blocklist_version(&c->out) ||
		    c->out_exp != c->expanded || c->out_fold != fold)
			render_outputs(u, i, w);
		c->height = (lc->kind == LESSON_CODE) + c->src.n + c->outr.n + 1;
		tops[i] = y;
		y += c->height;
	}
	tops[u->ncv] = y;
	u->total = y;
	return y;
}

size_t ui_cell_top(const ui *u, size_t i)
{
	return i <= u->ncv && u->tops ? u->tops[i] : 0;
}

size_t ui_cell_lines(const ui *u, size_t i)
{
	return i < u->ncv ? u->cv[i]->height - 1 : 0;
}

size_t ui_cell_at_line(const ui *u, size_t y)
{
	size_t lo = 0, hi = u->ncv;
	if (u->ncv == 0)
		return 0;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (u->tops[mid] <= y)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Keeps top inside the document. */
static void clamp_top(ui *u)
{
	long vr = ui_view_rows(u), max = (long)u->total - vr;
	if (u->top > max)
		u->top = max;
	if (u->top < 0)
		u->top = 0;
}

void ui_show_cell(ui *u, size_t i)
{
	if (i >= u->ncv)
		return;
	long vr = ui_view_rows(u), t = (long)u->tops[i], h = (long)ui_cell_lines(u, i);
	if (h > vr)
		h = vr;
	if (t < u->top)
		u->top = t;
	else if (t + h > u->top + vr)
		u->top = t + h - vr;
	clamp_top(u);
}

void ui_follow_cell(ui *u, size_t i)
{
	if (i >= u->ncv)
		return;
	long vr = ui_view_rows(u), t = (long)u->tops[i];
	long end = t + (long)ui_cell_lines(u, i);   /* one past the cell's last line */
	if (end > u->top + vr)
		u->top = end - vr;
	if (end - t <= vr && t < u->top)
		u->top = t;
	clamp_top(u);
}

/* Appends a rule of n columns. */
static void rule(ui *u, st_text *t, st_line *l, size_t n, st_style s)
{
	const char *bar = u->utf8 ? "\xe2\x94\x80" : "-";
	for (size_t k = 0; k < n; k++)
		st_puts(t, l, bar, strlen(bar), s);
}

/* Builds the header line of code cell i: "── [3] title ───── done 0.05s". */
static void header_line(ui *u, size_t i, st_text *t)
{
	const cellview *c = u->cv[i];
	const lesson_cell *lc = lesson_cell_at(u->L, i);
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, 0);
	char num[32], state[64];
	int color = ST_MUTED;
	size_t w = ui_content_width(u);
	st_clear(t);
	st_line *l = st_newline(t);
	if (!l)
		return;
	if (c->count)
		snprintf(num, sizeof num, "[%lu]", c->count);
	else
		snprintf(num, sizeof num, "[ ]");
	switch (c->state) {
	case CS_NEW: state[0] = '\0'; break;
	case CS_QUEUED: snprintf(num, sizeof num, "[*]"); snprintf(state, sizeof state, "queued"); break;
	case CS_RUNNING:
		snprintf(num, sizeof num, "[*]");
		if (u->k && klink_frames(u->k))
			snprintf(state, sizeof state, "%s frame %lu", u->at_frame && u->paused ? "paused at" : "running,",
			         klink_frames(u->k));
		else
			snprintf(state, sizeof state, "running");
		color = ST_WARN;
		break;
	case CS_DONE: snprintf(state, sizeof state, "done %.2fs", c->seconds); color = ST_OK; break;
	case CS_ERROR: snprintf(state, sizeof state, "error"); color = ST_ERROR; break;
	case CS_INTERRUPTED: snprintf(state, sizeof state, "interrupted"); color = ST_WARN; break;
	}
	rule(u, t, l, 2, mut);
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
		rule(u, t, l, w - l->len - sl, mut);
	if (sl) {
		st_puts(t, l, " ", 1, mut);
		st_puts(t, l, state, strlen(state), st_mk((uint8_t)color, ST_DEFAULT, 0));
		st_puts(t, l, " ", 1, mut);
	}
}

const st_line *ui_cell_line(ui *u, size_t i, size_t line)
{
	static st_text hdr = ST_TEXT_INIT;
	if (i >= u->ncv)
		return NULL;
	cellview *c = u->cv[i];
	if (lesson_cell_at(u->L, i)->kind == LESSON_CODE) {
		if (line == 0) {
			header_line(u, i, &hdr);
			return hdr.n ? &hdr.lines[0] : NULL;
		}
		line--;
	}
	if (line < c->src.n)
		return &c->src.lines[line];
	line -= c->src.n;
	if (line < c->outr.n)
		return &c->outr.lines[line];
	return NULL;
}

/* Reverses the columns of the search match on screen row y. */
static void mark_match(ui *u, int y)
{
	for (size_t k = 0; k < u->m_len; k++) {
		int x = UI_GUTTER + (int)(u->m_col + k);
		cchar_t cc;
		if (x >= u->cols)
			break;
		if (mvin_wch(y, x, &cc) == ERR)
			continue;
		wchar_t wc[CCHARW_MAX + 1];
		attr_t a;
		short pair;
		if (getcchar(&cc, wc, &a, &pair, NULL) == ERR)
			continue;
		setcchar(&cc, wc, a | A_REVERSE, pair, NULL);
		mvadd_wch(y, x, &cc);
	}
}

void ui_draw_notebook(ui *u)
{
	int vr = ui_view_rows(u);
	size_t w = ui_content_width(u);
	ui_layout(u);
	clamp_top(u);
	const char *bar = u->utf8 ? "\xe2\x96\x8c" : "|";
	unsigned long bar_attr = ui_attr(u, st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
	for (int r = 0; r < vr; r++) {
		size_t y = (size_t)u->top + (size_t)r;
		move(r, 0);
		if (y >= u->total || u->ncv == 0) {
			clrtoeol();
			continue;
		}
		size_t i = ui_cell_at_line(u, y), line = y - u->tops[i];
		const st_line *l = line + 1 < u->cv[i]->height ? ui_cell_line(u, i, line) : NULL;
		if (i == u->cur && l)
			ui_puts(u, r, 0, bar, 1, bar_attr);
		else
			mvaddch(r, 0, ' ');
		mvaddch(r, 1, ' ');
		ui_draw_line(u, r, UI_GUTTER, l, w, 0);
		if (u->has_match && i == u->m_cell && line == u->m_line)
			mark_match(u, r);
	}
}
