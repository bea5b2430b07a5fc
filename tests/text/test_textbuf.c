/*
** test_textbuf.c — the cell editor's text model: every operation with
** exact expectations, wide characters, bad input, undo/redo, and a random
** fuzz loop that checks the invariants after every step.
*/
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "tap.h"
#include "textbuf.h"
#include "utf8.h"

static char got[4096];

/* The whole text, in a static buffer, for is_str. */
static const char *text(const textbuf *tb)
{
	strbuf sb = STRBUF_INIT;
	textbuf_text(tb, &sb);
	snprintf(got, sizeof got, "%s", sb_str(&sb));
	sb_free(&sb);
	return got;
}

static const char *line(const textbuf *tb, size_t i)
{
	size_t n;
	const char *s = textbuf_line(tb, i, &n);
	snprintf(got, sizeof got, "%.*s", (int)n, s ? s : "(null)");
	return got;
}

/* Checks the cursor is at (l, b). */
static int at(const textbuf *tb, size_t l, size_t b)
{
	size_t cb;
	size_t cl = textbuf_cursor(tb, &cb);
	if (cl != l || cb != b)
		printf("#   cursor at (%zu,%zu), want (%zu,%zu)\n", cl, cb, l, b);
	return cl == l && cb == b;
}

static textbuf *mk(const char *s)
{
	return textbuf_new(s, strlen(s));
}

static void type_str(textbuf *tb, const char *s)
{
	/* one code point at a time, as keys arrive */
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n - i, &cp);
		textbuf_type(tb, s + i, k);
		i += k;
	}
}

static void test_basics(void)
{
	textbuf *tb = textbuf_new(NULL, 0);
	ok(tb != NULL, "new empty");
	ok(textbuf_lines(tb) == 1, "empty has one line");
	is_str(text(tb), "", "empty text");
	ok(at(tb, 0, 0), "cursor at start");
	ok(!textbuf_modified(tb), "new is unmodified");
	ok(textbuf_line(tb, 1, NULL) == NULL, "line past the end is NULL");
	textbuf_free(tb);
	textbuf_free(NULL);

	tb = mk("a\r\nb\rc\n");
	ok(textbuf_lines(tb) == 4, "CRLF, CR and LF all split lines");
	is_str(text(tb), "a\nb\nc\n", "newlines normalised");
	is_str(line(tb, 2), "c", "line 2");
	is_str(line(tb, 3), "", "trailing empty line");
	textbuf_free(tb);

	tb = mk("x\001y\033[31mz\177\tw");
	is_str(text(tb), "xy[31mz\tw", "controls dropped, tab kept");
	textbuf_free(tb);
	tb = mk("a\xc2\x9b" "b");
	is_str(text(tb), "ab", "C1 control (U+009B CSI) dropped");
	textbuf_free(tb);
	tb = mk("a\xff" "b\xe2\x82");
	is_str(text(tb), "a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd", "invalid bytes become U+FFFD");
	textbuf_free(tb);
	tb = mk("\xed\xa0\x80");
	is_str(text(tb), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", "a surrogate is three bad bytes");
	textbuf_free(tb);

	tb = textbuf_new(NULL, 0);
	type_str(tb, "h\xc3\xa9llo");
	is_str(text(tb), "h\xc3\xa9llo", "typed text");
	ok(at(tb, 0, 6), "cursor after typing");
	ok(textbuf_cursor_col(tb) == 5, "cursor column counts code points");
	ok(textbuf_type(tb, "\033", 1) == TEXTBUF_OK && at(tb, 0, 6), "typing ESC inserts nothing");
	ok(textbuf_set_indent(tb, "", 1) == TEXTBUF_EARG, "empty indent refused");
	ok(textbuf_set_indent(tb, "x", 1) == TEXTBUF_EARG, "non-blank indent refused");
	ok(textbuf_set_indent(tb, "    ", 1) == TEXTBUF_OK, "four-space indent");
	textbuf_free(tb);
}

static void test_columns(void)
{
	textbuf *tb = mk("a\tb\nab\tc\nabcd\te\n\xe6\x97\xa5\xe6\x9c\xac|\ne\xcc\x81x");
	ok(textbuf_col(tb, 0, 2) == 4, "tab from col 1 stops at 4");
	ok(textbuf_col(tb, 1, 3) == 4, "tab from col 2 stops at 4");
	ok(textbuf_col(tb, 2, 5) == 8, "tab from col 4 stops at 8");
	ok(textbuf_col(tb, 3, 3) == 2, "wide char is 2 columns");
	ok(textbuf_col(tb, 3, 6) == 4, "two wide chars are 4 columns");
	ok(textbuf_line_width(tb, 3) == 5, "line width with wide chars");
	ok(textbuf_col(tb, 4, 3) == 1, "combining mark adds no column");
	ok(textbuf_col(tb, 4, 99) == 2, "column clamps to the line");
	ok(textbuf_col(tb, 99, 0) == 0 && textbuf_line_width(tb, 99) == 0, "no such line: 0");

	textbuf_set_cursor_col(tb, 0, 2);
	ok(at(tb, 0, 1), "click inside a tab lands before it");
	textbuf_set_cursor_col(tb, 0, 4);
	ok(at(tb, 0, 2), "click after the tab");
	textbuf_set_cursor_col(tb, 3, 3);
	ok(at(tb, 3, 3), "click on the right half of a wide char lands before it");
	textbuf_set_cursor_col(tb, 4, 1);
	ok(at(tb, 4, 3), "click after e lands after its accent");
	textbuf_set_cursor_col(tb, 9, 100);
	ok(at(tb, 4, 4), "click far away clamps");

	textbuf_set_cursor(tb, 3, 1);
	ok(at(tb, 3, 0), "set_cursor inside a sequence snaps back");
	textbuf_set_cursor(tb, 3, 5);
	ok(at(tb, 3, 3), "set_cursor snaps back to 3");
	textbuf_set_cursor(tb, 50, 50);
	ok(at(tb, 4, 4), "set_cursor clamps");
	textbuf_free(tb);
}

static void test_moves(void)
{
	/* a, é (2 bytes), 日 (3), 😀 (4) */
	textbuf *tb = mk("a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80\nxy");
	size_t stops[] = {1, 3, 6, 10};
	for (size_t i = 0; i < 4; i++) {
		textbuf_move(tb, TEXTBUF_RIGHT, 1);
		ok(at(tb, 0, stops[i]), "right %zu", i);
	}
	ok(textbuf_cursor_col(tb) == 6, "column after emoji (1+1+2+2)");
	textbuf_move(tb, TEXTBUF_RIGHT, 1);
	ok(at(tb, 1, 0), "right at the end goes to the next line");
	textbuf_move(tb, TEXTBUF_LEFT, 1);
	ok(at(tb, 0, 10), "left at the start goes to the previous end");
	for (size_t i = 3; i-- > 0;) {
		textbuf_move(tb, TEXTBUF_LEFT, 1);
		ok(at(tb, 0, stops[i]), "left %zu", i);
	}
	textbuf_move(tb, TEXTBUF_LEFT, 1);
	textbuf_move(tb, TEXTBUF_LEFT, 1);
	ok(at(tb, 0, 0), "left stops at the start");
	textbuf_move(tb, TEXTBUF_BUF_END, 0);
	ok(at(tb, 1, 2), "buffer end");
	textbuf_move(tb, TEXTBUF_RIGHT, 1);
	ok(at(tb, 1, 2), "right stops at the end");
	textbuf_move(tb, TEXTBUF_BUF_START, 0);
	ok(at(tb, 0, 0), "buffer start");
	textbuf_free(tb);

	/* up/down keep the goal column */
	tb = mk("abcdef\nab\nabcdef\n\xe6\x97\xa5\xe6\x9c\xac\n\tx");
	textbuf_set_cursor(tb, 0, 5);
	textbuf_move(tb, TEXTBUF_DOWN, 1);
	ok(at(tb, 1, 2), "down to a short line clamps");
	textbuf_move(tb, TEXTBUF_DOWN, 1);
	ok(at(tb, 2, 5), "down again recovers the column");
	textbuf_set_cursor(tb, 2, 3);
	textbuf_move(tb, TEXTBUF_DOWN, 1);
	ok(at(tb, 3, 3), "col 3 is inside the second wide char: before it");
	textbuf_move(tb, TEXTBUF_UP, 1);
	ok(at(tb, 2, 3), "up again: back at col 3");
	textbuf_set_cursor(tb, 2, 2);
	textbuf_move(tb, TEXTBUF_DOWN, 2);
	ok(at(tb, 4, 0), "goal inside a tab lands before it");
	textbuf_move(tb, TEXTBUF_END, 0);
	ok(at(tb, 4, 2) && textbuf_cursor_col(tb) == 5, "end after tab");
	textbuf_move(tb, TEXTBUF_UP, 4);
	ok(at(tb, 0, 5), "page up 4 at col 5");
	textbuf_move(tb, TEXTBUF_UP, 10);
	ok(at(tb, 0, 5), "up at the top stays");
	textbuf_move(tb, TEXTBUF_DOWN, 100);
	ok(at(tb, 4, 2), "page down past the end clamps to the last line");
	textbuf_free(tb);

	tb = mk("    foo\n   \nbar");
	textbuf_move(tb, TEXTBUF_END, 0);
	textbuf_move(tb, TEXTBUF_HOME, 0);
	ok(at(tb, 0, 4), "home: first non-blank");
	textbuf_move(tb, TEXTBUF_HOME, 0);
	ok(at(tb, 0, 0), "home again: column 0");
	textbuf_move(tb, TEXTBUF_HOME, 0);
	ok(at(tb, 0, 4), "home again: first non-blank");
	textbuf_set_cursor(tb, 1, 3);
	textbuf_move(tb, TEXTBUF_HOME, 0);
	ok(at(tb, 1, 0), "home on a blank line: column 0");
	textbuf_set_cursor(tb, 2, 2);
	textbuf_move(tb, TEXTBUF_HOME, 0);
	ok(at(tb, 2, 0), "home on an unindented line");
	textbuf_free(tb);
}

static void test_words(void)
{
	textbuf *tb = mk("local x = foo.bar(1)  -- hi\n  next");
	size_t right[] = {6, 8, 10, 13, 14, 17, 18, 19, 22, 25, 27};
	for (size_t i = 0; i < sizeof right / sizeof *right; i++) {
		textbuf_move(tb, TEXTBUF_WORD_RIGHT, 0);
		ok(at(tb, 0, right[i]), "word right %zu", i);
	}
	textbuf_move(tb, TEXTBUF_WORD_RIGHT, 0);
	ok(at(tb, 1, 2), "word right at the end: next line's first word");
	textbuf_move(tb, TEXTBUF_END, 0);
	textbuf_move(tb, TEXTBUF_WORD_RIGHT, 0);
	ok(at(tb, 1, 6), "word right at the very end stays");
	textbuf_set_cursor(tb, 1, 2);
	textbuf_move(tb, TEXTBUF_WORD_LEFT, 0);
	ok(at(tb, 1, 0), "word left over the indent");
	textbuf_move(tb, TEXTBUF_WORD_LEFT, 0);
	ok(at(tb, 0, 27), "word left at column 0: previous line end");
	size_t left[] = {25, 22, 19, 18, 17, 14, 13, 10, 8, 6, 0, 0};
	for (size_t i = 0; i < sizeof left / sizeof *left; i++) {
		textbuf_move(tb, TEXTBUF_WORD_LEFT, 0);
		ok(at(tb, 0, left[i]), "word left %zu", i);
	}
	textbuf_free(tb);

	tb = mk("na\xc3\xafve caf\xc3\xa9!");
	textbuf_move(tb, TEXTBUF_WORD_RIGHT, 0);
	ok(at(tb, 0, 7), "accented letters are word characters");
	textbuf_move(tb, TEXTBUF_WORD_RIGHT, 0);
	ok(at(tb, 0, 12), "stops before the punctuation");
	textbuf_free(tb);
}

static void test_edits(void)
{
	textbuf *tb = mk("abcdef");
	textbuf_set_cursor(tb, 0, 3);
	ok(textbuf_newline(tb) == TEXTBUF_OK, "newline");
	is_str(text(tb), "abc\ndef", "split line");
	ok(at(tb, 1, 0), "cursor on the new line");
	ok(textbuf_backspace(tb) == TEXTBUF_OK, "backspace");
	is_str(text(tb), "abcdef", "backspace at column 0 joins");
	ok(at(tb, 0, 3), "cursor at the join");
	textbuf_move(tb, TEXTBUF_END, 0);
	ok(textbuf_delete(tb) == TEXTBUF_OK && strcmp(text(tb), "abcdef") == 0,
	   "delete at the very end does nothing");
	textbuf_set_cursor(tb, 0, 0);
	ok(textbuf_backspace(tb) == TEXTBUF_OK && strcmp(text(tb), "abcdef") == 0,
	   "backspace at the very start does nothing");
	textbuf_free(tb);

	tb = mk("a\xc3\xa9\xe6\x97\xa5\nz");
	textbuf_set_cursor(tb, 0, 6);
	textbuf_backspace(tb);
	is_str(text(tb), "a\xc3\xa9\nz", "backspace removes a whole wide char");
	ok(at(tb, 0, 3), "cursor after backspace");
	textbuf_set_cursor(tb, 0, 1);
	textbuf_delete(tb);
	is_str(text(tb), "a\nz", "delete removes a whole code point");
	textbuf_move(tb, TEXTBUF_END, 0);
	textbuf_delete(tb);
	is_str(text(tb), "az", "delete at the end joins the next line");
	ok(at(tb, 0, 1), "cursor stays");
	textbuf_free(tb);

	tb = mk("one\ntwo");
	textbuf_set_cursor(tb, 0, 2);
	ok(textbuf_insert(tb, "X\r\nYY\nZ", 7) == TEXTBUF_OK, "multi-line paste");
	is_str(text(tb), "onX\nYY\nZe\ntwo", "paste splits lines, CRLF normalised");
	ok(at(tb, 2, 1), "cursor after the paste");
	ok(textbuf_lines(tb) == 4, "four lines");
	ok(textbuf_insert(tb, NULL, 3) == TEXTBUF_EARG, "NULL text with length refused");
	textbuf_free(tb);
}

/* Text of line 1 after typing line0 (cursor at its end) and a newline. */
static const char *indent_after(const char *line0, const char *unit, int smart)
{
	textbuf *tb = mk(line0);
	if (unit)
		textbuf_set_indent(tb, unit, smart);
	textbuf_move(tb, TEXTBUF_BUF_END, 0);
	textbuf_newline(tb);
	size_t n;
	const char *s = textbuf_line(tb, 1, &n);
	static char buf[64];
	snprintf(buf, sizeof buf, "%.*s", (int)n, s);
	size_t l, b;
	l = textbuf_cursor(tb, &b);
	if (l != 1 || b != n)
		snprintf(buf, sizeof buf, "cursor (%zu,%zu)", l, b);
	textbuf_free(tb);
	return buf;
}

static void test_indent(void)
{
	is_str(indent_after("  x = 1", NULL, 1), "  ", "copies the indent");
	is_str(indent_after("if x then", NULL, 1), "  ", "after then: one level (default two spaces)");
	is_str(indent_after("  for i = 1, 3 do -- loop", NULL, 1), "    ", "do before a comment");
	is_str(indent_after("local t = {", NULL, 1), "  ", "after {");
	is_str(indent_after("print(", NULL, 1), "  ", "after (");
	is_str(indent_after("else", NULL, 1), "  ", "after else");
	is_str(indent_after("repeat", NULL, 1), "  ", "after repeat");
	is_str(indent_after("local function f(x, y)", NULL, 1), "  ", "named function");
	is_str(indent_after("f(function(a)", NULL, 1), "  ", "anonymous function");
	is_str(indent_after("function M.new(t)", NULL, 1), "  ", "dotted function name");
	is_str(indent_after("print(x)", NULL, 1), "", "a call is not a block");
	is_str(indent_after("s = 'then'", NULL, 1), "", "then in a string");
	is_str(indent_after("x = 1 -- then", NULL, 1), "", "then in a comment");
	is_str(indent_after("undo", NULL, 1), "", "a word ending in do");
	is_str(indent_after("\tif a then", NULL, 1), "\t\t", "tab-indented text indents with tabs");
	is_str(indent_after("if a then", "    ", 1), "    ", "set unit");
	is_str(indent_after("  we do", "  ", 0), "  ", "prose: only copies");

	textbuf *tb = mk("    abc");
	textbuf_set_cursor(tb, 0, 2);
	textbuf_newline(tb);
	is_str(text(tb), "  \n    abc", "newline inside the indent copies only what is before");
	ok(at(tb, 1, 2), "cursor after the copied indent");
	textbuf_free(tb);
}

static void test_undo(void)
{
	textbuf *tb = textbuf_new(NULL, 0);
	type_str(tb, "hello");
	ok(textbuf_modified(tb), "typing modifies");
	ok(textbuf_undo(tb) == 1, "undo typing");
	is_str(text(tb), "", "consecutive typing is one step");
	ok(at(tb, 0, 0), "cursor back");
	ok(!textbuf_modified(tb), "undone to the start: unmodified");
	ok(textbuf_undo(tb) == 0, "nothing more to undo");
	ok(textbuf_redo(tb) == 1, "redo");
	is_str(text(tb), "hello", "redone");
	ok(at(tb, 0, 5), "cursor after redo");
	ok(textbuf_redo(tb) == 0, "nothing more to redo");

	textbuf_move(tb, TEXTBUF_LEFT, 1);
	type_str(tb, "XY");
	is_str(text(tb), "hellXYo", "typing after a move");
	textbuf_undo(tb);
	is_str(text(tb), "hello", "a move starts a new step");
	ok(at(tb, 0, 4), "cursor where the step began");
	type_str(tb, "Z");
	ok(textbuf_redo(tb) == 0, "a new edit drops the redo steps");
	textbuf_undo(tb);

	textbuf_move(tb, TEXTBUF_END, 0);
	textbuf_backspace(tb);
	textbuf_backspace(tb);
	textbuf_backspace(tb);
	is_str(text(tb), "he", "three backspaces");
	textbuf_undo(tb);
	is_str(text(tb), "hello", "consecutive backspaces are one step");
	ok(at(tb, 0, 5), "cursor back at the end");
	textbuf_move(tb, TEXTBUF_BUF_START, 0);
	textbuf_delete(tb);
	textbuf_delete(tb);
	is_str(text(tb), "llo", "two deletes");
	textbuf_undo(tb);
	is_str(text(tb), "hello", "consecutive deletes are one step");
	ok(at(tb, 0, 0), "cursor at the start");

	textbuf_move(tb, TEXTBUF_END, 0);
	type_str(tb, "a");
	textbuf_backspace(tb);
	type_str(tb, "b");
	is_str(text(tb), "hellob", "type, backspace, type");
	textbuf_undo(tb);
	is_str(text(tb), "hello", "undo the last typing");
	textbuf_undo(tb);
	is_str(text(tb), "helloa", "undo the backspace");
	textbuf_undo(tb);
	is_str(text(tb), "hello", "undo the first typing");

	textbuf_move(tb, TEXTBUF_END, 0);
	textbuf_insert(tb, "1\n2\n3", 5);
	type_str(tb, "4");
	textbuf_undo(tb);
	is_str(text(tb), "hello1\n2\n3", "typing after a paste is its own step");
	textbuf_undo(tb);
	is_str(text(tb), "hello", "the paste is one step");
	textbuf_redo(tb);
	is_str(text(tb), "hello1\n2\n3", "redo the paste");
	ok(at(tb, 2, 1), "cursor after the redone paste");

	type_str(tb, "a");
	textbuf_seal(tb);
	type_str(tb, "b");
	textbuf_undo(tb);
	is_str(text(tb), "hello1\n2\n3a", "seal splits typing");
	textbuf_undo(tb);

	textbuf_newline(tb);
	type_str(tb, "x");
	textbuf_undo(tb);
	textbuf_undo(tb);
	is_str(text(tb), "hello1\n2\n3", "a newline is its own step");
	textbuf_free(tb);
}

static void test_modified(void)
{
	textbuf *tb = mk("x");
	ok(!textbuf_modified(tb), "fresh: unmodified");
	unsigned long v = textbuf_version(tb);
	textbuf_move(tb, TEXTBUF_END, 0);
	ok(textbuf_version(tb) > v, "a move bumps the version");
	ok(!textbuf_modified(tb), "a move does not modify");
	type_str(tb, "a");
	ok(textbuf_modified(tb), "typed: modified");
	textbuf_set_saved(tb);
	ok(!textbuf_modified(tb), "saved: unmodified");
	type_str(tb, "b");
	ok(textbuf_modified(tb), "typing after save (no merge into the saved step)");
	textbuf_undo(tb);
	ok(!textbuf_modified(tb), "undo back to the saved text");
	is_str(text(tb), "xa", "saved text");
	textbuf_undo(tb);
	ok(textbuf_modified(tb), "undo past the save: modified");
	textbuf_redo(tb);
	ok(!textbuf_modified(tb), "redo to the save: unmodified");
	textbuf_undo(tb);
	type_str(tb, "c");
	textbuf_undo(tb);
	ok(textbuf_modified(tb), "saved state dropped from redo: modified until saved");
	textbuf_free(tb);
}

/* Checks every invariant a textbuf promises; returns 1 when all hold. */
static int invariants(const textbuf *tb)
{
	size_t b, l = textbuf_cursor(tb, &b), n;
	if (l >= textbuf_lines(tb))
		return 0;
	const char *s = textbuf_line(tb, l, &n);
	if (b > n || (b < n && ((unsigned char)s[b] & 0xC0) == 0x80))
		return 0;
	for (size_t i = 0; i < textbuf_lines(tb); i++) {
		s = textbuf_line(tb, i, &n);
		if (!s || !utf8_valid(s, n, NULL))
			return 0;
		for (size_t k = 0; k < n; k++) {
			unsigned char c = (unsigned char)s[k];
			if ((c < 0x20 && c != '\t') || c == 0x7f)
				return 0;
			if (c == 0xC2 && k + 1 < n && (unsigned char)s[k + 1] < 0xA0)
				return 0;  /* C1 control */
		}
	}
	return 1;
}

static unsigned long fuzz_state = 20240607;

static unsigned fuzz_rand(unsigned n)
{
	fuzz_state = fuzz_state * 6364136223846793005ul + 1442695040888963407ul;
	return (unsigned)((fuzz_state >> 33) % n);
}

/* Random bytes that favour the interesting ones. */
static size_t fuzz_bytes(char *buf, size_t max)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "\t", "\n", "\r", "\r\n", "\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x98\x80",
		"e\xcc\x81", "\xff", "\xe2\x82", "\xc2\x9b", "\033", "\x7f", "(", "then", "do",
	};
	size_t n = 0, k = 1 + fuzz_rand(6);
	for (size_t i = 0; i < k; i++) {
		const char *p = pieces[fuzz_rand(sizeof pieces / sizeof *pieces)];
		size_t m = strlen(p);
		if (n + m > max)
			break;
		memcpy(buf + n, p, m);
		n += m;
	}
	return n;
}

/* One random operation; returns its status (TEXTBUF_OK for moves). */
static int fuzz_op(textbuf *tb)
{
	char buf[64];
	size_t n;
	switch (fuzz_rand(14)) {
	case 0: case 1: case 2:
		n = fuzz_bytes(buf, 4);
		return textbuf_type(tb, buf, n);
	case 3:
		n = fuzz_bytes(buf, sizeof buf);
		return textbuf_insert(tb, buf, n);
	case 4:
		return textbuf_newline(tb);
	case 5:
		return textbuf_backspace(tb);
	case 6:
		return textbuf_delete(tb);
	case 7:
		textbuf_move(tb, (enum textbuf_move)fuzz_rand(TEXTBUF_BUF_END + 1), fuzz_rand(5));
		return TEXTBUF_OK;
	case 8:
		textbuf_set_cursor(tb, fuzz_rand(20), fuzz_rand(40));
		return TEXTBUF_OK;
	case 9:
		textbuf_set_cursor_col(tb, fuzz_rand(20), fuzz_rand(40));
		return TEXTBUF_OK;
	case 10: case 11:
		textbuf_undo(tb);
		return TEXTBUF_OK;
	case 12:
		textbuf_redo(tb);
		return TEXTBUF_OK;
	default:
		textbuf_seal(tb);
		return TEXTBUF_OK;
	}
}

static void test_fuzz(void)
{
	const char *orig = "local x = 1\n\tif x then\n\t\tprint('\xe6\x97\xa5')\n\tend";
	textbuf *tb = mk(orig);
	int bad = 0;
	for (int i = 0; i < 5000 && !bad; i++) {
		fuzz_op(tb);
		if (!invariants(tb)) {
			bad = 1;
			printf("# invariant broken after op %d\n", i);
		}
	}
	ok(!bad, "5000 random ops keep every invariant");
	while (textbuf_redo(tb))
		;  /* the newest state in the history */
	strbuf end = STRBUF_INIT;
	textbuf_text(tb, &end);
	while (textbuf_undo(tb))
		;
	is_str(text(tb), orig, "undo all gives the original");
	ok(!textbuf_modified(tb), "and it is unmodified");
	while (textbuf_redo(tb))
		;
	is_str(text(tb), sb_str(&end), "redo all gives the final text");
	sb_free(&end);
	textbuf_free(tb);
}

/*
** Under a tight memory budget every failing operation must leave the text
** as it was, and the history must still undo back to the original.
*/
static void test_oom(void)
{
	const char *orig = "abc\ndef";
	textbuf *tb = mk(orig);
	size_t base = mem_used();
	mem_set_limit(base + 16);
	char big[4096];
	memset(big, 'x', sizeof big);
	ok(textbuf_insert(tb, big, sizeof big) == TEXTBUF_ENOMEM, "paste over budget: ENOMEM");
	is_str(text(tb), orig, "text unchanged");
	ok(!textbuf_modified(tb), "still unmodified");
	mem_set_limit(0);

	int bad = 0, fails = 0;
	fuzz_state = 7;
	for (int i = 0; i < 3000 && !bad; i++) {
		mem_set_limit(fuzz_rand(3) ? mem_used() + fuzz_rand(200) : 0);
		strbuf before = STRBUF_INIT;
		textbuf_text(tb, &before);
		int rc = fuzz_op(tb);
		mem_set_limit(0);
		if (rc == TEXTBUF_ENOMEM) {
			fails++;
			if (strcmp(text(tb), sb_str(&before)) != 0) {
				bad = 1;
				printf("# op %d failed but changed the text\n", i);
			}
		}
		if (!invariants(tb))
			bad = 1;
		sb_free(&before);
	}
	mem_set_limit(0);
	ok(!bad, "failed ops change nothing; invariants hold");
	ok(fails > 50, "the budget really bit (%d failures)", fails);
	while (textbuf_undo(tb))
		;
	is_str(text(tb), orig, "undo all after memory trouble gives the original");
	textbuf_free(tb);
	ok(mem_used() == 0, "everything freed (%zu bytes left)", mem_used());
}

int main(void)
{
	test_basics();
	test_columns();
	test_moves();
	test_words();
	test_edits();
	test_indent();
	test_undo();
	test_modified();
	test_fuzz();
	test_oom();
	return tap_done();
}
