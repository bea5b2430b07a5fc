/*
** draw.c — colour roles to curses pairs, styled text to the screen.
**
** Renderers speak in roles (class colour 3, muted, heading); this file is
** the one place that knows what a role looks like on this terminal: the
** Okabe-Ito palette on 256-colour terminals, the nearest of the eight basic
** colours otherwise, and no colour at all under NO_COLOR or on a terminal
** without colours (attributes such as bold still show).
*/
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ui.h"
#include "utf8.h"

/* A role's colour on a 256-colour terminal and on an 8-colour one (-1: default). */
typedef struct role_color {
	short c256, c8;
	unsigned long attr8;   /* added on 8-colour terminals, where hues are scarce */
} role_color;

static const role_color roles[ST_NCOLORS] = {
	[ST_DEFAULT] = {-1, -1, 0},
	/* Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion,
	** reddish purple, black (drawn in the terminal's own foreground) */
	[ST_C1] = {178, COLOR_YELLOW, 0},
	[ST_C2] = {74, COLOR_CYAN, 0},
	[ST_C3] = {35, COLOR_GREEN, 0},
	[ST_C4] = {221, COLOR_YELLOW, A_BOLD},
	[ST_C5] = {25, COLOR_BLUE, 0},
	[ST_C6] = {166, COLOR_RED, 0},
	[ST_C7] = {175, COLOR_MAGENTA, 0},
	[ST_C8] = {-1, -1, 0},
	[ST_AXIS] = {245, -1, 0},
	[ST_MUTED] = {244, -1, A_DIM},
	[ST_HEADING] = {75, COLOR_CYAN, A_BOLD},
	[ST_CODE] = {180, COLOR_YELLOW, 0},
	[ST_LINK] = {74, COLOR_BLUE, 0},
	[ST_ERROR] = {160, COLOR_RED, 0},
	[ST_OK] = {35, COLOR_GREEN, 0},
	[ST_WARN] = {178, COLOR_YELLOW, 0},
	[ST_KEYWORD] = {175, COLOR_MAGENTA, 0},
	[ST_STRING] = {107, COLOR_GREEN, 0},
	[ST_NUMBER] = {173, COLOR_CYAN, 0},
	[ST_COMMENT] = {244, COLOR_BLUE, 0},
};

/* Pair numbers by (fg, bg), allocated on first use; 0 = not yet. */
static short pairs[ST_NCOLORS][ST_NCOLORS];
static short next_pair = 1;

void ui_colors_init(ui *u)
{
	const char *nc = getenv("NO_COLOR");
	memset(pairs, 0, sizeof pairs);
	next_pair = 1;
	u->color = has_colors() && !(nc && *nc);
	u->colors256 = 0;
	if (!u->color)
		return;
	if (start_color() == ERR) {
		u->color = 0;
		return;
	}
	use_default_colors();
	u->colors256 = COLORS >= 256;
}

/* Returns the terminal colour of a role (-1: the default). */
static short color_of(const ui *u, int role)
{
	if (role <= 0 || role >= ST_NCOLORS)
		return -1;
	return u->colors256 ? roles[role].c256 : roles[role].c8;
}

/* Returns the pair for fg on bg, allocating it; 0 when pairs run out. */
static short pair_of(const ui *u, int fg, int bg)
{
	if (fg < 0 || fg >= ST_NCOLORS)
		fg = 0;
	if (bg < 0 || bg >= ST_NCOLORS)
		bg = 0;
	if (fg == 0 && bg == 0)
		return 0;
	if (!pairs[fg][bg]) {
		if (next_pair >= COLOR_PAIRS || next_pair >= 32767)
			return 0;
		if (init_pair(next_pair, color_of(u, fg), color_of(u, bg)) == ERR)
			return 0;
		pairs[fg][bg] = next_pair++;
	}
	return pairs[fg][bg];
}

unsigned long ui_attr(const ui *u, st_style s)
{
	unsigned long a = 0;
	if (s.attr & ST_BOLD)
		a |= A_BOLD;
	if (s.attr & ST_DIM)
		a |= A_DIM;
#ifdef A_ITALIC
	if (s.attr & ST_ITALIC)
		a |= A_ITALIC;
#endif
	if (s.attr & ST_UNDERLINE)
		a |= A_UNDERLINE;
	if (s.attr & ST_REVERSE)
		a |= A_REVERSE;
	if (!u->color) {
		/* without colour, secondary text is still told apart by dimness */
		if (s.fg == ST_MUTED || s.fg == ST_COMMENT)
			a |= A_DIM;
		return a;
	}
	if (!u->colors256 && s.fg < ST_NCOLORS)
		a |= roles[s.fg].attr8;
	short p = pair_of(u, s.fg, s.bg);
	return a | (unsigned long)COLOR_PAIR(p);
}

/* Puts one code point with attributes at the cursor. */
static void put_cp(const ui *u, uint32_t cp, unsigned long attr)
{
	wchar_t wc[2] = {(wchar_t)cp, 0};
	cchar_t cc;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		wc[0] = ' ';
	else if (!u->utf8 && cp > 0x7e)
		wc[0] = '?';
	short pair = (short)PAIR_NUMBER(attr);
	setcchar(&cc, wc, attr & ~A_COLOR, pair, NULL);
	add_wch(&cc);
}

void ui_draw_line(const ui *u, int y, int x, const st_line *l, size_t width,
                  unsigned long extra)
{
	size_t col = 0;
	if (y < 0 || y >= u->rows || x >= u->cols)
		return;
	if (x + (int)width > u->cols)
		width = (size_t)(u->cols - x);
	move(y, x);
	for (size_t i = 0; l && i < l->len && col < width; i++) {
		const st_cell *c = &l->cells[i];
		if (c->cp == 0)
			continue;  /* the second half of a wide character */
		int w = utf8_cpwidth(c->cp);
		if (w < 1)
			w = 1;
		if (col + (size_t)w > width)
			break;
		if (!u->utf8 && w == 2) {
			/* a wide character shown as two '?' keeps the columns right */
			put_cp(u, '?', ui_attr(u, c->style) | extra);
			put_cp(u, '?', ui_attr(u, c->style) | extra);
		} else {
			put_cp(u, c->cp, ui_attr(u, c->style) | extra);
		}
		col += (size_t)w;
	}
	if (col < width) {
		attrset(extra & ~A_UNDERLINE);
		for (; col < width; col++)
			addch(' ');
		attrset(A_NORMAL);
	}
}

int ui_puts(const ui *u, int y, int x, const char *s, int width, unsigned long attr)
{
	int col = 0;
	size_t n = strlen(s);
	if (y < 0 || y >= u->rows || x >= u->cols || width <= 0)
		return 0;
	if (x + width > u->cols)
		width = u->cols - x;
	move(y, x);
	while (n && col < width) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		int w = utf8_cpwidth(cp);
		if (w < 1)
			w = 1;
		if (col + w > width)
			break;
		if (!u->utf8 && w == 2) {
			put_cp(u, '?', attr);
			put_cp(u, '?', attr);
		} else {
			put_cp(u, cp, attr);
		}
		col += w;
		s += k;
		n -= k;
	}
	return col;
}
