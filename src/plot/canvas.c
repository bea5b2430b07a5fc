/*
** canvas.c — cells with sub-cell pixels, lines, glyphs and fills.
*/
#include "canvas.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* A glyph cell that continues the wide character to its left. */
#define CONT 0xFFFFFFFFu

typedef struct cell {
	uint32_t glyph;   /* explicit glyph, CONT, or 0 */
	uint32_t shade;   /* shown when the cell is otherwise empty */
	uint8_t dots;     /* pixel bits (braille: 8, block: 2, ASCII: 1) */
	uint8_t fg;       /* colour of the glyph or the pixels */
	uint8_t attr;
	uint8_t bg[2];    /* fill colour of the top and bottom halves */
	uint8_t shade_fg;
} cell;

struct canvas {
	size_t w, h;
	canvas_mode mode;
	int sx, sy;       /* pixels per cell */
	cell *cells;
};

/* Braille dot bits by [row][column] inside a cell (Unicode's dot numbering). */
static const uint8_t braille_bit[4][2] = {
	{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}
};

int canvas_subw(canvas_mode mode) { return mode == CANVAS_BRAILLE ? 2 : 1; }
int canvas_subh(canvas_mode mode)
{
	return mode == CANVAS_BRAILLE ? 4 : mode == CANVAS_BLOCK ? 2 : 1;
}

canvas *canvas_new(size_t w, size_t h, canvas_mode mode)
{
	if (mode != CANVAS_BLOCK && mode != CANVAS_ASCII)
		mode = CANVAS_BRAILLE;
	w = w < 1 ? 1 : w > CANVAS_MAX_W ? CANVAS_MAX_W : w;
	h = h < 1 ? 1 : h > CANVAS_MAX_H ? CANVAS_MAX_H : h;
	canvas *c = malloc(sizeof *c);
	if (!c)
		return NULL;
	c->cells = calloc(w * h, sizeof *c->cells);
	if (!c->cells) {
		free(c);
		return NULL;
	}
	c->w = w;
	c->h = h;
	c->mode = mode;
	c->sx = canvas_subw(mode);
	c->sy = canvas_subh(mode);
	return c;
}

void canvas_free(canvas *c)
{
	if (!c)
		return;
	free(c->cells);
	free(c);
}

size_t canvas_width(const canvas *c) { return c->w; }
size_t canvas_height(const canvas *c) { return c->h; }
size_t canvas_xres(const canvas *c) { return c->w * (size_t)c->sx; }
size_t canvas_yres(const canvas *c) { return c->h * (size_t)c->sy; }
canvas_mode canvas_get_mode(const canvas *c) { return c->mode; }

static cell *at(const canvas *c, long col, long row)
{
	if (col < 0 || row < 0 || (size_t)col >= c->w || (size_t)row >= c->h)
		return NULL;
	return &c->cells[(size_t)row * c->w + (size_t)col];
}

/* A glyph overwritten by pixels may be half of a wide character: blank its partner. */
static void unglyph(canvas *c, long col, long row)
{
	cell *k = at(c, col, row);
	if (!k || !k->glyph)
		return;
	if (k->glyph == CONT) {
		cell *left = at(c, col - 1, row);
		if (left)
			left->glyph = 0;
	} else if (utf8_cpwidth(k->glyph) == 2) {
		cell *right = at(c, col + 1, row);
		if (right && right->glyph == CONT)
			right->glyph = 0;
	}
	k->glyph = 0;
}

void canvas_set(canvas *c, long px, long py, uint8_t fg)
{
	if (px < 0 || py < 0)
		return;
	long col = px / c->sx, row = py / c->sy;
	cell *k = at(c, col, row);
	if (!k)
		return;
	if (k->glyph)
		unglyph(c, col, row);
	if (c->mode == CANVAS_BRAILLE)
		k->dots |= braille_bit[py % 4][px % 2];
	else if (c->mode == CANVAS_BLOCK)
		k->dots |= (py % 2) ? 2 : 1;
	else
		k->dots = 1;
	k->fg = fg;
	k->attr = 0;
}

void canvas_glyph(canvas *c, long col, long row, uint32_t cp, uint8_t fg, uint8_t attr)
{
	cell *k = at(c, col, row);
	if (!k)
		return;
	if (k->glyph)
		unglyph(c, col, row);
	k->glyph = cp;
	k->dots = 0;
	k->fg = fg;
	k->attr = attr;
}

/* The ASCII glyph for a line of slope dy/dx in cells (y grows downwards). */
static uint32_t slope_glyph(double dx, double dy)
{
	double ax = fabs(dx), ay = fabs(dy);
	if (ax < 1e-12 && ay < 1e-12)
		return '.';
	if (ay < 0.4142 * ax)
		return '-';
	if (ay > 2.4142 * ax)
		return '|';
	return (dx > 0) != (dy > 0) ? '/' : '\\';
}

/*
** Liang-Barsky: shrinks the segment to the box, returning 0 when nothing is
** left.  Working in doubles first keeps far-away endpoints (a steep
** boundary line evaluated at the axis ends) from overflowing the integer
** stepping below.
*/
static int clip(double *x0, double *y0, double *x1, double *y1,
                double xmin, double ymin, double xmax, double ymax)
{
	double dx = *x1 - *x0, dy = *y1 - *y0;
	double p[4] = {-dx, dx, -dy, dy};
	double q[4] = {*x0 - xmin, xmax - *x0, *y0 - ymin, ymax - *y0};
	double t0 = 0, t1 = 1;
	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return 0;
			continue;
		}
		double r = q[i] / p[i];
		if (p[i] < 0) {
			if (r > t1)
				return 0;
			if (r > t0)
				t0 = r;
		} else {
			if (r < t0)
				return 0;
			if (r < t1)
				t1 = r;
		}
	}
	double ox = *x0, oy = *y0;
	if (t1 < 1) {
		*x1 = ox + t1 * dx;
		*y1 = oy + t1 * dy;
	}
	if (t0 > 0) {
		*x0 = ox + t0 * dx;
		*y0 = oy + t0 * dy;
	}
	return 1;
}

static long iround(double v, long max)
{
	long r = (long)floor(v + 0.5);
	return r < 0 ? 0 : r > max ? max : r;
}

/*
** Steps from pixel (ax, ay) to (bx, by) with Bresenham's algorithm, calling
** plot() on every pixel whose pattern bit is set.  `glyph` is passed on;
** with `stair` set, a diagonal step of a shallow ('-') or steep ('|') line
** gets the matching slash instead, so an ASCII line shows where it climbs.
*/
typedef void (*plot_fn)(canvas *c, long x, long y, uint32_t glyph, uint8_t fg);

static void bresenham(canvas *c, long ax, long ay, long bx, long by, unsigned pattern,
                      plot_fn plot, uint32_t glyph, uint8_t fg, int stair)
{
	long dx = labs(bx - ax), dy = -labs(by - ay);
	long stx = ax < bx ? 1 : -1, sty = ay < by ? 1 : -1;
	long err = dx + dy;
	unsigned step = 0;
	uint32_t g = glyph, diag = stx == sty ? '\\' : '/';
	stair = stair && (glyph == '-' || glyph == '|');
	pattern &= 0xFFFFu;
	if (!pattern)
		pattern = CANVAS_SOLID;
	for (;;) {
		if (pattern & (1u << (step & 15)))
			plot(c, ax, ay, g, fg);
		step++;
		if (ax == bx && ay == by)
			break;
		long e2 = 2 * err;
		int mx = 0, my = 0;
		if (e2 >= dy) {
			err += dy;
			ax += stx;
			mx = 1;
		}
		if (e2 <= dx) {
			err += dx;
			ay += sty;
			my = 1;
		}
		g = stair && mx && my ? diag : glyph;
	}
}

static void put_pixel(canvas *c, long x, long y, uint32_t glyph, uint8_t fg)
{
	(void)glyph;
	canvas_set(c, x, y, fg);
}

static void put_glyph(canvas *c, long x, long y, uint32_t glyph, uint8_t fg)
{
	canvas_glyph(c, x, y, glyph, fg, 0);
}

/* Clips a line to a w x h grid and rounds its ends; 0 when nothing is left. */
static int clip_round(double x0, double y0, double x1, double y1, size_t w, size_t h,
                      long end[4])
{
	if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
		return 0;
	long xmax = (long)w - 1, ymax = (long)h - 1;
	if (!clip(&x0, &y0, &x1, &y1, -0.5, -0.5, xmax + 0.5, ymax + 0.5))
		return 0;
	end[0] = iround(x0, xmax);
	end[1] = iround(y0, ymax);
	end[2] = iround(x1, xmax);
	end[3] = iround(y1, ymax);
	return 1;
}

void canvas_line(canvas *c, double x0, double y0, double x1, double y1,
                 uint8_t fg, unsigned pattern)
{
	long e[4];
	if (!clip_round(x0, y0, x1, y1, canvas_xres(c), canvas_yres(c), e))
		return;
	if (c->mode == CANVAS_ASCII)
		bresenham(c, e[0], e[1], e[2], e[3], pattern, put_glyph,
		          slope_glyph(x1 - x0, y1 - y0), fg, 1);
	else
		bresenham(c, e[0], e[1], e[2], e[3], pattern, put_pixel, 0, fg, 0);
}

void canvas_line_glyph(canvas *c, double x0, double y0, double x1, double y1,
                       uint32_t cp, uint8_t fg, unsigned pattern)
{
	long e[4];
	/* pixel centres to cell coordinates: pixel p lies in cell (p + 0.5)/sub - 0.5 */
	double sx = c->sx, sy = c->sy;
	x0 = (x0 + 0.5) / sx - 0.5;
	x1 = (x1 + 0.5) / sx - 0.5;
	y0 = (y0 + 0.5) / sy - 0.5;
	y1 = (y1 + 0.5) / sy - 0.5;
	if (clip_round(x0, y0, x1, y1, c->w, c->h, e))
		bresenham(c, e[0], e[1], e[2], e[3], pattern, put_glyph, cp, fg, 0);
}

size_t canvas_text(canvas *c, long col, long row, const char *s, uint8_t fg, uint8_t attr)
{
	size_t n = strlen(s), i = 0, used = 0;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		int w = utf8_cpwidth(cp);
		if (w == 0) {
			if (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0))
				continue; /* combining mark: one cell, one glyph */
			cp = ' ';
			w = 1;
		}
		long x = col + (long)used;
		if (x < 0) {
			used += (size_t)w;
			continue;
		}
		if ((size_t)x + (size_t)w > c->w)
			break;
		canvas_glyph(c, x, row, cp, fg, attr);
		if (w == 2) {
			cell *k = at(c, x + 1, row);
			if (k) {
				unglyph(c, x + 1, row);
				k->glyph = CONT;
				k->dots = 0;
			}
		}
		used += (size_t)w;
	}
	return used;
}

char *canvas_fit(char *buf, size_t sz, const char *s, size_t n, size_t maxw, int ascii)
{
	if (n < sz && utf8_width(s, n) <= maxw) {
		memcpy(buf, s, n);
		buf[n] = '\0';
		return buf;
	}
	size_t room = maxw ? maxw - 1 : 0, i = 0, w = 0, out = 0;
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
	buf[out] = '\0';
	if (maxw)
		strcat(buf, ascii ? "." : "\u2026");
	return buf;
}

void canvas_fill(canvas *c, long col, long row, int half, uint8_t bg)
{
	cell *k = at(c, col, row);
	if (!k)
		return;
	if (half != 1)
		k->bg[0] = bg;
	if (half != 0)
		k->bg[1] = bg;
}

void canvas_shade(canvas *c, long col, long row, uint32_t cp, uint8_t fg)
{
	cell *k = at(c, col, row);
	if (!k)
		return;
	k->shade = cp;
	k->shade_fg = fg;
}

void canvas_clear_cell(canvas *c, long col, long row)
{
	cell *k = at(c, col, row);
	if (!k)
		return;
	unglyph(c, col, row);
	memset(k, 0, sizeof *k);
}

int canvas_used(const canvas *c, long col, long row)
{
	const cell *k = at(c, col, row);
	return k && (k->glyph || k->dots);
}

/*
** A glyph in its own colour on a fill of the same colour would vanish, so
** it is drawn in the default colour, bold: the glyph's shape still names
** the class, and a point of another class keeps its colour and stands out.
*/
static st_style contrast(uint8_t fg, uint8_t bg, uint8_t attr)
{
	if (fg && fg == bg)
		return st_mk(ST_DEFAULT, bg, attr | ST_BOLD);
	return st_mk(fg, bg, attr);
}

uint32_t canvas_cell(const canvas *c, size_t col, size_t row, int color, st_style *style)
{
	const cell *k = at(c, (long)col, (long)row);
	*style = st_mk(ST_DEFAULT, ST_DEFAULT, 0);
	if (!k)
		return ' ';
	uint8_t top = k->bg[0], bot = k->bg[1];
	uint8_t one = top ? top : bot; /* the fill a whole cell shows */
	if (k->glyph == CONT)
		return 0;
	if (k->glyph) {
		*style = color ? contrast(k->fg, one, k->attr) : st_mk(0, 0, k->attr);
		return k->glyph;
	}
	if (k->dots) {
		if (c->mode == CANVAS_BRAILLE) {
			*style = color ? contrast(k->fg, one, 0) : st_mk(0, 0, 0);
			return 0x2800u + k->dots;
		}
		if (c->mode == CANVAS_ASCII) {
			*style = color ? contrast(k->fg, one, 0) : st_mk(0, 0, 0);
			return '.';
		}
		/* block: the pixel half in fg, the other half keeps its fill */
		if (k->dots == 3) {
			*style = st_mk(color ? k->fg : 0, 0, 0);
			return 0x2588; /* █ */
		}
		uint8_t other = k->dots == 1 ? bot : top;
		*style = color ? st_mk(k->fg, other, 0) : st_mk(0, 0, 0);
		return k->dots == 1 ? 0x2580 : 0x2584; /* ▀ ▄ */
	}
	if (color && (top || bot)) {
		if (c->mode != CANVAS_BLOCK || top == bot) {
			*style = st_mk(ST_DEFAULT, one, 0);
			return ' ';
		}
		if (!bot) {
			*style = st_mk(top, ST_DEFAULT, 0);
			return 0x2580;
		}
		if (!top) {
			*style = st_mk(bot, ST_DEFAULT, 0);
			return 0x2584;
		}
		*style = st_mk(top, bot, 0);
		return 0x2580;
	}
	if (k->shade) {
		*style = st_mk(color ? k->shade_fg : 0, 0, 0);
		return k->shade;
	}
	return ' ';
}

void canvas_row(const canvas *c, size_t row, int color, st_text *t, st_line *l)
{
	if (!l || row >= c->h)
		return;
	for (size_t col = 0; col < c->w; col++) {
		st_style s;
		uint32_t cp = canvas_cell(c, col, row, color, &s);
		if (cp)
			st_putc(t, l, cp, s);
	}
}
