/*
** canvas.h — a grid of character cells with sub-cell "pixels", the raster
** under every figure and network diagram.
**
** Three modes, chosen by the caller:
**   CANVAS_BRAILLE  2x4 pixels per cell, drawn with U+2800..U+28FF dots;
**   CANVAS_BLOCK    1x2 pixels per cell, drawn with half blocks ▀ ▄ █, so a
**                   cell can show two colours (fg on top, bg below) — the
**                   mode for filled decision regions, and for fonts that
**                   have block elements but no braille (the Linux console);
**   CANVAS_ASCII    1x1 pixel per cell: lines pick - | / \ by slope, lone
**                   pixels are '.', for terminals whose locale is not UTF-8.
**
** One cell shows one foreground colour.  The rule, used everywhere: the
** last thing drawn into a cell wins.  Drawing pixels into a cell that holds
** a glyph (a marker, a letter) replaces the glyph, and a glyph replaces the
** pixels; pixels drawn into a cell that already has pixels add to them and
** recolour the cell.  Backgrounds (fills, shades) lie behind both and never
** change the content.
**
** The canvas is scratch memory for one render and uses plain malloc, not
** the lesson's budget: the screen must still draw while a lesson sits at
** its memory limit.  Coordinates outside the canvas are clipped, never an
** error.
*/
#ifndef NNBOOK_CANVAS_H
#define NNBOOK_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#include "styled.h"

typedef enum canvas_mode {
	CANVAS_BRAILLE,
	CANVAS_BLOCK,
	CANVAS_ASCII
} canvas_mode;

/* The largest canvas; bigger requests are clamped. */
#define CANVAS_MAX_W 500
#define CANVAS_MAX_H 200

/* Dash patterns for canvas_line: bit i (of 16) says whether step i is drawn. */
#define CANVAS_SOLID  0xFFFFu
#define CANVAS_DASHED 0x0F0Fu
#define CANVAS_DOTTED 0x5555u

typedef struct canvas canvas;

/*
** Returns a blank w x h canvas (each clamped to 1..CANVAS_MAX_*), or NULL
** when out of memory.  Free with canvas_free.
*/
canvas *canvas_new(size_t w, size_t h, canvas_mode mode);

/* Frees c; NULL is a no-op. */
void canvas_free(canvas *c);

/* Returns the size in cells, and in pixels (xres = w * pixels per cell). */
size_t canvas_width(const canvas *c);
size_t canvas_height(const canvas *c);
size_t canvas_xres(const canvas *c);
size_t canvas_yres(const canvas *c);
canvas_mode canvas_get_mode(const canvas *c);

/* Pixels per cell across and down for a mode (braille 2x4, block 1x2, ASCII 1x1). */
int canvas_subw(canvas_mode mode);
int canvas_subh(canvas_mode mode);

/* Sets pixel (px, py) (0,0 = top left) in colour fg (an st_color). */
void canvas_set(canvas *c, long px, long py, uint8_t fg);

/*
** Draws a line between pixel positions (x0, y0) and (x1, y1), which may lie
** far outside the canvas (it is clipped first; NaN or inf draws nothing).
** `pattern` dashes it (CANVAS_SOLID, CANVAS_DASHED, CANVAS_DOTTED or any
** 16-bit mask, one bit per pixel step).  In ASCII mode each cell gets the
** glyph - | / or \ that matches the line's slope.
*/
void canvas_line(canvas *c, double x0, double y0, double x1, double y1,
                 uint8_t fg, unsigned pattern);

/*
** Like canvas_line, but at cell resolution, putting glyph cp in every cell
** the line passes through (ASCII series told apart by glyph).
*/
void canvas_line_glyph(canvas *c, double x0, double y0, double x1, double y1,
                       uint32_t cp, uint8_t fg, unsigned pattern);

/* Puts glyph cp (a width-1 code point) in cell (col, row). */
void canvas_glyph(canvas *c, long col, long row, uint32_t cp, uint8_t fg, uint8_t attr);

/*
** Writes UTF-8 text from cell (col, row) rightwards, clipped at the edge
** (a wide character that does not fit is dropped).  Returns the columns used.
*/
size_t canvas_text(canvas *c, long col, long row, const char *s, uint8_t fg, uint8_t attr);

/*
** Copies s[0..n) into buf (sz bytes, at least 8), cut to maxw columns:
** when it is wider (or longer than buf holds) it ends in an ellipsis
** ("." in ASCII) within maxw columns.  Returns buf.
*/
char *canvas_fit(char *buf, size_t sz, const char *s, size_t n, size_t maxw, int ascii);

/*
** Fills the background of cell (col, row) with colour bg: half 0 the top
** half, 1 the bottom half, 2 both.  Block mode shows the halves separately;
** the other modes show the top half's colour (or the bottom's when only it
** is set).
*/
void canvas_fill(canvas *c, long col, long row, int half, uint8_t bg);

/* Sets the glyph an otherwise empty cell shows (region shading without colour). */
void canvas_shade(canvas *c, long col, long row, uint32_t cp, uint8_t fg);

/* Empties cell (col, row): content, fill and shade. */
void canvas_clear_cell(canvas *c, long col, long row);

/* Returns 1 when cell (col, row) has pixels or a glyph, else 0. */
int canvas_used(const canvas *c, long col, long row);

/*
** Returns the code point and style cell (col, row) shows, as canvas_row
** would draw it; `color` 0 drops colours (fills become shades or blanks).
*/
uint32_t canvas_cell(const canvas *c, size_t col, size_t row, int color, st_style *style);

/* Appends row `row` of c to line l of t (with colours unless color is 0). */
void canvas_row(const canvas *c, size_t row, int color, st_text *t, st_line *l);

#endif
