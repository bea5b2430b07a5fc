/*
** plot_look.c — what series look like: class glyphs and colours, dash
** patterns, the slots series take, and the samples legend entries show.
** The kinds build their looks and legend entries from these; nothing here
** knows a kind.
*/
#include "plot_int.h"

#include <string.h>

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

unsigned plot__pattern(canvas_mode mode, int style)
{
	static const unsigned braille[4] = {CANVAS_SOLID, 0x0F0F, 0x5555, 0x18FF};
	static const unsigned block[4] = {CANVAS_SOLID, 0x3333, 0x5555, 0x2727};
	static const unsigned ascii[4] = {CANVAS_SOLID, 0x5555, 0x1111, 0x2727};
	style &= 3;
	return mode == CANVAS_ASCII ? ascii[style] : mode == CANVAS_BLOCK ? block[style] : braille[style];
}

void plot__look_series(const plot_elem *e, plot_look_ctx *c, plot_look *l)
{
	l->slot = c->slot++;
	l->color = e->color ? (uint8_t)e->color : plot__class_color(l->slot);
}

/* ASCII lines without colour differ by glyph: slope characters, then these. */
static const uint32_t line_glyph_ascii[4] = {0, ':', '=', '~'};

void plot__look_line(const plot_elem *e, plot_look_ctx *c, plot_look *l)
{
	plot__look_series(e, c, l);
	if (e->dash)
		l->pattern = plot__pattern(c->mode, e->dash);
	else if (!c->color && c->mode == CANVAS_ASCII)
		l->glyph = line_glyph_ascii[c->nline & 3];
	else if (!c->color)
		l->pattern = plot__pattern(c->mode, c->nline);
	c->nline++;
}

void plot__segment(canvas *c, const plot_look *l, double x0, double y0, double x1, double y1)
{
	if (l->glyph)
		canvas_line_glyph(c, x0, y0, x1, y1, l->glyph, l->color, l->pattern);
	else
		canvas_line(c, x0, y0, x1, y1, l->color, l->pattern);
}

int plot__entry(plot_entry *e, size_t *n, uint32_t a, uint32_t b, uint8_t color, const char *text)
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
	if (l->pattern == plot__pattern(mode, 1))
		g = 0x254C; /* ╌ */
	else if (l->pattern == plot__pattern(mode, 2))
		g = 0x2508; /* ┈ */
	s[0] = g;
	s[1] = l->pattern == plot__pattern(mode, 3) ? 0x00B7 : g;
}

int plot__entry_line(const plot_elem *e, const plot_look *l, canvas_mode mode,
                     plot_entry *ent, size_t *n)
{
	if (!e->label)
		return 1;
	uint32_t s[2];
	line_sample(l, mode, s);
	return plot__entry(ent, n, s[0], s[1], l->color, e->label);
}
