/*
** test_grid.c — the text grid screens draw into, and the key table's
** names: clipping, wide characters kept whole, ASCII fallbacks, the text
** dump the screen tests compare, key labels and hints.
*/
#include "grid.h"
#include "keys.h"
#include "tap.h"

/* The grid as text (static; valid until the next call). */
static const char *text(const grid *g, int styles)
{
	static strbuf sb = STRBUF_INIT;
	sb_clear(&sb);
	grid_dump(g, &sb, styles);
	return sb_str(&sb);
}

static void puts_and_clip(void)
{
	grid g = GRID_INIT;
	ok(grid_resize(&g, 2, 10) == 0, "a 2x10 grid");
	is_str(text(&g, 0), "\n\n", "a blank grid is two empty lines");
	ok(grid_puts(&g, 0, 2, "hello world", 20, GRID_PLAIN) == 8, "a string is clipped at the edge");
	is_str(text(&g, 0), "  hello wo\n\n", "what was written");
	ok(grid_puts(&g, 1, 0, "abc", 2, GRID_PLAIN) == 2, "and at its width");
	ok(grid_puts(&g, 5, 0, "x", 3, GRID_PLAIN) == 0 && grid_puts(&g, 0, 10, "x", 3, GRID_PLAIN) == 0,
	   "nothing is written outside the grid");
	grid_fill(&g, 1, 0, 10, GRID_ATTR(ST_REVERSE));
	is_str(text(&g, 1), "  hello wo\n\n  @ 0-9 0/0/16\n", "a filled row keeps its style, its blanks are trimmed");
	grid_clear(&g);
	grid_puts(&g, 0, 0, "a\tb\x01", 10, GRID_PLAIN);
	is_str(text(&g, 0), "a b\n\n", "control characters are drawn as spaces");
	grid_free(&g);
}

static void wide(void)
{
	grid g = GRID_INIT;
	grid_resize(&g, 1, 6);
	ok(grid_puts(&g, 0, 0, "\xe5\x8f\x98\xe9\x87\x8f\xe6\x95\xb0", 5, GRID_PLAIN) == 4,
	   "a wide character that would cross the width is left out");
	is_str(text(&g, 0), "\xe5\x8f\x98\xe9\x87\x8f\n", "two wide characters take four columns");
	grid_puts(&g, 0, 1, "x", 1, GRID_PLAIN);
	is_str(text(&g, 0), " x\xe9\x87\x8f\n", "writing over the second half blanks the first");
	grid_puts(&g, 0, 2, "y", 1, GRID_PLAIN);
	is_str(text(&g, 0), " xy\n", "writing over the first half blanks the second");
	grid_puts(&g, 0, 1, "\xe6\x95\xb0", 2, GRID_PLAIN);
	is_str(text(&g, 0), " \xe6\x95\xb0\n", "a wide character over two narrow ones");
	g.utf8 = 0;
	grid_clear(&g);
	grid_puts(&g, 0, 0, "\xe5\x8f\x98\xc3\xa9!", 6, GRID_PLAIN);
	is_str(text(&g, 0), "??" "?!\n", "without UTF-8: a wide character is ??, another one ?");
	grid_clear(&g);
	grid_puts(&g, 0, 0, "e\xcc\x81x", 6, GRID_PLAIN);
	is_str(text(&g, 0), "ex\n", "combining marks take no cell");
	grid_free(&g);
}

static void lines(void)
{
	grid g = GRID_INIT;
	st_text t = ST_TEXT_INIT;
	st_line *l = st_newline(&t);
	st_puts(&t, l, "styled \xe5\x8f\x98", 9, st_mk(ST_ERROR, ST_DEFAULT, ST_BOLD));
	grid_resize(&g, 2, 8);
	grid_puts(&g, 0, 0, "xxxxxxxx", 8, GRID_PLAIN);
	grid_line(&g, 0, 1, l, 7);
	is_str(text(&g, 0), "xstyled\n\n", "a line is clipped to its width, a wide character left out");
	grid_line(&g, 1, 0, NULL, 8);
	grid_attr(&g, 0, 1, 3, ST_REVERSE);
	is_str(text(&g, 1), "xstyled\n  @ 1-3 14/0/17 4-7 14/0/1\n\n",
	       "styles and added attributes show in the dump");
	grid_cursor(&g, 9, -3, 1);
	ok(g.cur_y == 1 && g.cur_x == 0 && g.cur_on, "the cursor stays inside the grid");
	st_free(&t);
	grid_free(&g);
}

static void labels(void)
{
	char buf[64];
	keys_label(UK_CTRL('e'), buf, sizeof buf);
	is_str(buf, "Ctrl-E", "Ctrl keys are named");
	keys_label('b' | UK_ALT, buf, sizeof buf);
	is_str(buf, "Alt-b", "Alt keys are named");
	keys_label(UK_PGDN, buf, sizeof buf);
	is_str(buf, "PgDn", "function keys have names");
	ok(keys_request(KM_NOTEBOOK, UK_DOWN) == REQ_NEXT && keys_request(KM_BROWSER, 'l') == REQ_OPEN &&
	   keys_request(KM_HELP, UK_ESC) == REQ_BACK && keys_request(KM_EDITOR, UK_ESC) == REQ_ED_LEAVE,
	   "keys map to requests by keymap");
	ok(keys_request(KM_NOTEBOOK, 'l') == REQ_NONE, "a key of another screen does nothing here");
	const keydef *d = keys_lookup(KM_NOTEBOOK, 'd');
	ok(d && d->twice && d->req == REQ_DELETE, "d is pressed twice");
	keys_hint(KM_HELP, buf, sizeof buf, 80);
	is_str(buf, " j/k move  q close", "the help screen's hint");
	ok(keys_is_text('a') && keys_is_text(0x4e2d) && !keys_is_text('\n') && !keys_is_text(UK_UP) &&
	   !keys_is_text('a' | UK_ALT), "what is typed text");
}

int main(void)
{
	puts_and_clip();
	wide();
	lines();
	labels();
	return tap_done();
}
