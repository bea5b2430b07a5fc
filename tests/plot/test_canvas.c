/*
** test_canvas.c — pixels, lines, glyphs and fills at the cell level.
*/
#include <math.h>
#include <string.h>

#include "canvas.h"
#include "tap.h"

static uint32_t cp_at(const canvas *c, size_t col, size_t row, int color, st_style *s)
{
	st_style tmp;
	return canvas_cell(c, col, row, color, s ? s : &tmp);
}

/* Counts the cells that hold anything. */
static size_t used_cells(const canvas *c)
{
	size_t n = 0;
	for (size_t r = 0; r < canvas_height(c); r++)
		for (size_t k = 0; k < canvas_width(c); k++)
			n += (size_t)canvas_used(c, (long)k, (long)r);
	return n;
}

static void test_braille(void)
{
	canvas *c = canvas_new(3, 2, CANVAS_BRAILLE);
	ok(c != NULL, "braille canvas");
	ok(canvas_xres(c) == 6 && canvas_yres(c) == 8, "braille resolution 2x4 per cell");
	canvas_set(c, 0, 0, ST_C1);
	ok(cp_at(c, 0, 0, 1, NULL) == 0x2801, "dot 1 (top left) is U+2801");
	canvas_set(c, 1, 3, ST_C1);
	ok(cp_at(c, 0, 0, 1, NULL) == 0x2881, "dot 8 (bottom right) adds 0x80");
	for (int y = 0; y < 4; y++)
		for (int x = 0; x < 2; x++)
			canvas_set(c, 2 + x, 4 + y, ST_C2);
	st_style s;
	ok(cp_at(c, 1, 1, 1, &s) == 0x28FF, "all eight dots: U+28FF");
	ok(s.fg == ST_C2, "dots keep their colour");
	ok(cp_at(c, 1, 1, 0, &s) == 0x28FF && s.fg == 0 && s.bg == 0, "colour off drops the colour only");
	ok(cp_at(c, 2, 0, 1, NULL) == ' ', "untouched cell is blank");
	canvas_set(c, 0, 1, ST_C3);
	cp_at(c, 0, 0, 1, &s);
	ok(s.fg == ST_C3, "the last drawn colour wins in a shared cell");
	canvas_set(c, -1, 0, ST_C1);
	canvas_set(c, 6, 0, ST_C1);
	canvas_set(c, 0, 8, ST_C1);
	canvas_set(c, 100000, 100000, ST_C1);
	ok(used_cells(c) == 2, "pixels outside are clipped");
	canvas_free(c);
	canvas_free(NULL);
	ok(1, "canvas_free(NULL) is a no-op");
}

static void test_block(void)
{
	canvas *c = canvas_new(3, 1, CANVAS_BLOCK);
	ok(canvas_xres(c) == 3 && canvas_yres(c) == 2, "block resolution 1x2 per cell");
	canvas_set(c, 0, 0, ST_C1);
	canvas_set(c, 1, 1, ST_C1);
	canvas_set(c, 2, 0, ST_C1);
	canvas_set(c, 2, 1, ST_C1);
	ok(cp_at(c, 0, 0, 1, NULL) == 0x2580, "top half: upper half block");
	ok(cp_at(c, 1, 0, 1, NULL) == 0x2584, "bottom half: lower half block");
	ok(cp_at(c, 2, 0, 1, NULL) == 0x2588, "both halves: full block");
	canvas_free(c);

	/* fills: each half keeps its own class colour */
	c = canvas_new(2, 1, CANVAS_BLOCK);
	canvas_fill(c, 0, 0, 0, ST_C1);
	canvas_fill(c, 0, 0, 1, ST_C2);
	st_style s;
	ok(cp_at(c, 0, 0, 1, &s) == 0x2580 && s.fg == ST_C1 && s.bg == ST_C2,
	   "two fills: upper half block, fg = top colour, bg = bottom colour");
	canvas_fill(c, 1, 0, 2, ST_C3);
	ok(cp_at(c, 1, 0, 1, &s) == ' ' && s.bg == ST_C3, "one fill: a space on the background");
	canvas_set(c, 1, 0, ST_C5);
	ok(cp_at(c, 1, 0, 1, &s) == 0x2580 && s.fg == ST_C5 && s.bg == ST_C3,
	   "a pixel on a fill keeps the other half's fill as background");
	ok(cp_at(c, 0, 0, 0, &s) == ' ' && s.bg == 0, "fills vanish without colour");
	canvas_shade(c, 0, 0, '.', ST_C1);
	ok(cp_at(c, 0, 0, 0, NULL) == '.', "without colour an empty cell shows its shade");
	canvas_free(c);
}

static void test_ascii_lines(void)
{
	canvas *c = canvas_new(10, 10, CANVAS_ASCII);
	ok(canvas_xres(c) == 10 && canvas_yres(c) == 10, "ASCII resolution 1x1 per cell");
	canvas_line(c, 0, 0, 9, 0, ST_C1, CANVAS_SOLID);
	ok(cp_at(c, 0, 0, 1, NULL) == '-' && cp_at(c, 9, 0, 1, NULL) == '-', "horizontal: '-' end to end");
	canvas_line(c, 0, 1, 0, 9, ST_C1, CANVAS_SOLID);
	ok(cp_at(c, 0, 5, 1, NULL) == '|', "vertical: '|'");
	canvas_line(c, 1, 9, 9, 1, ST_C1, CANVAS_SOLID);
	ok(cp_at(c, 5, 5, 1, NULL) == '/', "rising to the right: '/'");
	canvas_free(c);
	c = canvas_new(10, 10, CANVAS_ASCII);
	canvas_line(c, 0, 0, 9, 9, ST_C1, CANVAS_SOLID);
	ok(cp_at(c, 4, 4, 1, NULL) == '\\', "falling to the right: '\\'");
	canvas_line(c, 0, 9, 9, 7, ST_C1, CANVAS_SOLID);
	ok(cp_at(c, 5, 8, 1, NULL) == '-', "a shallow slope stays '-'");
	canvas_free(c);
}

static void test_lines(void)
{
	canvas *c = canvas_new(4, 1, CANVAS_BRAILLE);
	canvas_line(c, 0, 0, 7, 0, ST_C1, CANVAS_SOLID);
	int all = 1;
	for (int k = 0; k < 4; k++)
		all &= cp_at(c, (size_t)k, 0, 1, NULL) == 0x2809;
	ok(all, "a horizontal braille line sets the top dots of every cell, both ends included");
	canvas_free(c);

	c = canvas_new(8, 1, CANVAS_BRAILLE);
	canvas_line(c, 0, 0, 15, 0, ST_C1, CANVAS_DASHED);
	ok(cp_at(c, 0, 0, 1, NULL) == 0x2809 && cp_at(c, 2, 0, 1, NULL) == ' ',
	   "dashed: four pixels on, four off");
	canvas_free(c);

	c = canvas_new(20, 5, CANVAS_BRAILLE);
	canvas_line(c, -1e6, -1e6, 1e6, 1e6, ST_C1, CANVAS_SOLID);
	ok(canvas_used(c, 0, 0) && canvas_used(c, 2, 1) && canvas_used(c, 9, 4), "a line from far outside is clipped, not lost");
	size_t before = used_cells(c);
	canvas_line(c, NAN, 0, 5, 5, ST_C1, CANVAS_SOLID);
	canvas_line(c, 0, 0, INFINITY, 5, ST_C1, CANVAS_SOLID);
	canvas_line(c, 1e300, -1e300, -1e300, 1e300, ST_C1, CANVAS_SOLID);
	ok(1, "huge coordinates do not crash");
	canvas_line(c, 100, 100, 200, 200, ST_C1, CANVAS_SOLID);
	canvas_line(c, -5, -5, -1, -100, ST_C1, CANVAS_SOLID);
	ok(used_cells(c) >= before, "lines outside draw nothing and NaN draws nothing");
	canvas_free(c);

	c = canvas_new(5, 5, CANVAS_BRAILLE);
	canvas_line(c, 3, 3, 3, 3, ST_C1, CANVAS_SOLID);
	ok(used_cells(c) == 1, "a zero-length line is one pixel");
	canvas_free(c);

	c = canvas_new(6, 3, CANVAS_BRAILLE);
	canvas_line_glyph(c, 0, 0, 11, 11, 'x', ST_C1, CANVAS_SOLID);
	ok(cp_at(c, 0, 0, 1, NULL) == 'x' && cp_at(c, 5, 2, 1, NULL) == 'x', "glyph lines run at cell resolution");
	canvas_free(c);
}

static void test_last_wins(void)
{
	canvas *c = canvas_new(4, 2, CANVAS_BRAILLE);
	canvas_glyph(c, 0, 0, 'o', ST_C1, 0);
	canvas_set(c, 0, 0, ST_C2);
	st_style s;
	ok(cp_at(c, 0, 0, 1, &s) == 0x2801 && s.fg == ST_C2, "pixels drawn after a glyph replace it");
	canvas_glyph(c, 0, 0, 'x', ST_C3, 0);
	ok(cp_at(c, 0, 0, 1, &s) == 'x' && s.fg == ST_C3, "a glyph drawn after pixels replaces them");
	canvas_fill(c, 1, 0, 2, ST_C1);
	canvas_glyph(c, 1, 0, 'o', ST_C1, 0);
	ok(cp_at(c, 1, 0, 1, &s) == 'o' && s.fg == ST_DEFAULT && (s.attr & ST_BOLD) && s.bg == ST_C1,
	   "a glyph on a fill of its own colour is drawn in the default colour, bold");
	canvas_glyph(c, 2, 0, 'o', ST_C2, 0);
	canvas_fill(c, 2, 0, 2, ST_C1);
	ok(cp_at(c, 2, 0, 1, &s) == 'o' && s.fg == ST_C2 && s.bg == ST_C1, "fills lie behind glyphs");
	canvas_clear_cell(c, 2, 0);
	ok(!canvas_used(c, 2, 0) && cp_at(c, 2, 0, 1, &s) == ' ' && s.bg == 0, "clear_cell empties a cell");
	canvas_free(c);
}

static void test_text(void)
{
	canvas *c = canvas_new(6, 1, CANVAS_BRAILLE);
	size_t n = canvas_text(c, 1, 0, "ab\xe4\xb8\xad" "cd", ST_C1, 0); /* ab中cd */
	ok(n == 5, "text clipped at the edge (got %zu columns)", n);
	ok(cp_at(c, 3, 0, 1, NULL) == 0x4E2D && cp_at(c, 4, 0, 1, NULL) == 0, "a wide character takes two cells");
	st_text t = ST_TEXT_INIT;
	st_line *l = st_newline(&t);
	canvas_row(c, 0, 0, &t, l);
	ok(l->len == 6, "a row with a wide character is still 6 columns");
	canvas_set(c, 8, 0, ST_C1); /* pixel in the second half of 中 */
	ok(cp_at(c, 3, 0, 1, NULL) == ' ', "overwriting half a wide character blanks the other half");
	st_free(&t);
	n = canvas_text(c, -2, 0, "xyzw", ST_C1, 0);
	ok(cp_at(c, 0, 0, 1, NULL) == 'z', "text starting left of the canvas is clipped");
	canvas_free(c);
}

static void test_sizes(void)
{
	canvas *c = canvas_new(100000, 100000, CANVAS_BRAILLE);
	ok(c && canvas_width(c) == CANVAS_MAX_W && canvas_height(c) == CANVAS_MAX_H, "huge canvases are clamped");
	canvas_free(c);
	c = canvas_new(0, 0, CANVAS_ASCII);
	ok(c && canvas_width(c) == 1 && canvas_height(c) == 1, "empty canvases become 1x1");
	canvas_line(c, -5, -5, 5, 5, ST_C1, CANVAS_SOLID);
	ok(cp_at(c, 0, 0, 1, NULL) == '\\', "a 1x1 canvas still draws");
	canvas_free(c);
	c = canvas_new(3, 3, (canvas_mode)42);
	ok(c && canvas_get_mode(c) == CANVAS_BRAILLE, "an unknown mode means braille");
	canvas_free(c);
}

int main(void)
{
	test_braille();
	test_block();
	test_ascii_lines();
	test_lines();
	test_last_wins();
	test_text();
	test_sizes();
	return tap_done();
}
