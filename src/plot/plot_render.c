/*
** plot_render.c — a figure as lines of styled text: the title, the plot
** rows with the y axis, the x axis, tick labels, labels, legend and notes,
** the plot area drawn by the elements on a canvas laid out by
** plot_layout.c (which the figure remembers for its next render).
*/
#include "plot_int.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

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
	canvas_fit(buf, sizeof buf, s, strlen(s), room, o->ascii);
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

static void plot_rows(const out *o, const plot_layout *L, const canvas *c,
                      const plot_entry *ent, size_t nent)
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
		if (L->legend == PLOT_LEGEND_RIGHT)
			plot__legend_right(o->t, l, r, L->legend_w, ent, nent, o->color, o->ascii);
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

/* Draws the plot area: the elements, "no data" when nothing shows, the legend in its corner. */
static int plot_area(const plot_fig *f, const plot_layout *L, int color, plot_look *look,
                     canvas *c, plot_entry *ent, size_t *nent)
{
	plot__looks(f, L->mode, color, L->plot_w * L->plot_h, look);
	int rc = plot__draw(f, L, look, c, color);
	if (!L->has_data && !plot__spans(f))
		canvas_text(c, (long)(L->plot_w > 7 ? (L->plot_w - 7) / 2 : 0), (long)(L->plot_h / 2),
		            "no data", ST_MUTED, 0);
	*nent = plot__entries(f, look, L->mode, ent);
	if (L->legend != PLOT_LEGEND_NONE && L->legend != PLOT_LEGEND_BELOW &&
	    L->legend != PLOT_LEGEND_RIGHT)
		plot__legend_inside(c, L->legend, L->legend_w, ent, *nent, color);
	return rc;
}

/* Renders f laid out with memo m (NULL: afresh, remembering nothing). */
static int render(const plot_fig *f, plot_memo *m, size_t width, size_t height,
                  canvas_mode mode, int color, st_text *t)
{
	plot_layout L;
	int rc = plot__layout(f, width, height, mode, m, &L);
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
	plot_look buf[64], *look = plot__looks_alloc(f, buf);
	if (!c || !look) {
		canvas_free(c);
		plot__looks_free(look, buf);
		return PLOT_ENOMEM;
	}
	plot_entry ent[PLOT_MAX_ENTRIES];
	size_t nent = 0;
	rc = plot_area(f, &L, color, look, c, ent, &nent);
	header(&o, f, &L);
	plot_rows(&o, &L, c, ent, nent);
	x_axis(&o, &L);
	footer(&o, f, &L, ent, nent);
	canvas_free(c);
	plot__looks_free(look, buf);
	if (rc == PLOT_OK && t->failed)
		rc = PLOT_ENOMEM;
	return rc;
}

int plot_render(plot_fig *f, size_t width, size_t height, canvas_mode mode,
                int color, st_text *t)
{
	return render(f, &f->memo, width, height, mode, color, t);
}

int plot_render_once(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                     int color, st_text *t)
{
	return render(f, NULL, width, height, mode, color, t);
}
