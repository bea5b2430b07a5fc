/*
** render.c — output blocks to styled text.
**
** Every block kind is drawn by the module that owns its data (tables,
** figures, diagrams, progress bars); this file only picks the sizes, adds
** the "earlier lines" notes and styles text, values, errors and checks.
*/
#include <stdio.h>
#include <string.h>

#include "diagram.h"
#include "markdown.h"
#include "plot.h"
#include "progress.h"
#include "render.h"
#include "table.h"

void render_defaults(render_opts *o, size_t width)
{
	memset(o, 0, sizeof *o);
	o->width = width;
	o->utf8 = 1;
	o->color = 1;
	o->times = 1;
}

static st_style style(int fg, int attr)
{
	return st_mk((uint8_t)fg, ST_DEFAULT, (uint8_t)attr);
}

/* Appends a one-line muted note such as "… 12 earlier lines". */
static void note(st_text *out, const render_opts *o, const char *what, size_t n)
{
	char buf[96];
	snprintf(buf, sizeof buf, "%s %zu %s", o->utf8 ? "\xe2\x80\xa6" : "...", n, what);
	st_line *l = st_newline(out);
	if (l)
		st_puts(out, l, buf, strlen(buf), style(ST_MUTED, 0));
}

/* Counts the lines of s[0..n): a final '\n' ends the last line, not a new one. */
static size_t count_lines(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k + (n > 0 && s[n - 1] != '\n');
}

/*
** Text (print output, values): wrapped at the width (unless kept as
** printed), and when a line limit is set only the newest lines, so a loop
** printing thousands of lines stays cheap to draw.
*/
static void render_text(const block *b, const render_opts *o, st_text *out, st_style s)
{
	const char *t = b->text.s ? b->text.s : "";
	size_t n = b->text.len, lines = count_lines(t, n), skip = 0;
	if (o->text_lines && lines > o->text_lines)
		skip = lines - o->text_lines;
	if (b->dropped + skip)
		note(out, o, b->dropped + skip == 1 ? "earlier line" : "earlier lines",
		     b->dropped + skip);
	for (size_t k = 0; k < skip; k++) {
		const char *nl = memchr(t, '\n', n);
		size_t adv = nl ? (size_t)(nl - t) + 1 : n;
		t += adv;
		n -= adv;
	}
	if (n)
		st_addtext(out, t, n, o->text_as_printed ? 0 : o->width, 0, s);
}

/*
** An error: the message in the error colour, the front end's hint (cells
** above not run) under it, the traceback muted below.
*/
static void render_error(const block *b, const render_opts *o, st_text *out)
{
	const char *msg = b->text.s ? b->text.s : "error";
	st_addwords(out, msg, b->text.len ? b->text.len : strlen(msg), o->width, 0,
	            style(ST_ERROR, ST_BOLD));
	if (b->extra.len)
		st_addwords(out, b->extra.s, b->extra.len, o->width, 0, style(ST_WARN, 0));
	if (b->detail.len)
		st_addtext(out, b->detail.s, b->detail.len, o->width, 2, style(ST_MUTED, 0));
}

/* An exercise verdict: a mark, the check's name and, when it failed, a hint. */
static void render_check(const block *b, const render_opts *o, st_text *out)
{
	const char *mark = b->passed ? (o->utf8 ? "\xe2\x9c\x93 " : "[ok] ")
	                             : (o->utf8 ? "\xe2\x9c\x97 " : "[x] ");
	st_style s = style(b->passed ? ST_OK : ST_ERROR, ST_BOLD);
	st_line *l = st_newline(out);
	if (!l)
		return;
	st_puts(out, l, mark, strlen(mark), s);
	if (b->text.len)
		st_puts(out, l, b->text.s, b->text.len, s);
	if (!b->passed && b->detail.len) {
		/* each line (a reason, the hint) is prose of its own: wrapped on
		** words, `code` and *emphasis* allowed */
		md_opts mo = {o->width > 12 ? o->width - 2 : 10, o->utf8};
		const char *p = b->detail.s, *end = p + b->detail.len;
		while (p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
			st_text line = ST_TEXT_INIT;
			md_render(p, n, &mo, &line);
			st_append(out, &line, 2);
			st_free(&line);
			p += n + (nl != NULL);
		}
	}
}

static canvas_mode mode_of(const render_opts *o)
{
	return o->utf8 ? CANVAS_BRAILLE : CANVAS_ASCII;
}

/* Removes colours (not attributes) from lines [from, out->n). */
static void drop_colour(st_text *out, size_t from)
{
	for (size_t i = from; i < out->n; i++)
		for (size_t j = 0; j < out->lines[i].len; j++) {
			out->lines[i].cells[j].style.fg = ST_DEFAULT;
			out->lines[i].cells[j].style.bg = ST_DEFAULT;
		}
}

void render_block(const block *b, const render_opts *o, st_text *out)
{
	size_t from = out->n, width = o->width ? o->width : 80;
	switch (b->kind) {
	case BLOCK_TEXT:
	case BLOCK_VALUE:
		render_text(b, o, out, style(ST_DEFAULT, 0));
		break;
	case BLOCK_ERROR:
		render_error(b, o, out);
		break;
	case BLOCK_CHECK:
		render_check(b, o, out);
		break;
	case BLOCK_TABLE: {
		tbl_view v = {width, o->table_rows, 0, o->utf8, o->color};
		tbl_render(b->obj, &v, out);
		break;
	}
	case BLOCK_FIGURE: {
		size_t fw, fh;
		plot_fit(b->obj, width, o->fig_rows, &fw, &fh);
		plot_render(b->obj, fw, o->fig_height ? o->fig_height : fh, mode_of(o), o->color, out);
		break;
	}
	case BLOCK_DIAGRAM:
		diagram_render(b->obj, width, mode_of(o), o->color, out);
		break;
	case BLOCK_PROGRESS:
		progress_render(b->obj, width, o->utf8, o->color, o->times, out);
		break;
	}
	if (!o->color)
		drop_colour(out, from);
}

void render_blocks(const blocklist *bl, const render_opts *o, st_text *out)
{
	for (size_t i = 0; i < bl->n; i++)
		render_block(bl->items[i], o, out);
}
