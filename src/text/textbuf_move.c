/*
** textbuf_move.c — display columns and cursor moves.
**
** The text is valid UTF-8 (textbuf.c sees to that), so stepping over a
** code point is decoding one, and stepping back is skipping continuation
** bytes.  Every move closes the open undo step: typing after a move is a
** new step.
*/
#include "textbuf_int.h"
#include "utf8.h"

size_t tb_next(const textbuf *tb, size_t l, size_t byte)
{
	const tb_line *ln = &tb->lines[l];
	if (byte >= ln->len)
		return ln->len;
	uint32_t cp;
	return byte + utf8_decode(ln->s + byte, ln->len - byte, &cp);
}

size_t tb_prev(const textbuf *tb, size_t l, size_t byte)
{
	const tb_line *ln = &tb->lines[l];
	if (byte > ln->len)
		byte = ln->len;
	while (byte > 0) {
		byte--;
		if (((unsigned char)ln->s[byte] & 0xC0) != 0x80)
			break;
	}
	return byte;
}

/* Returns the column after code point cp drawn at column col. */
static size_t advance(size_t col, uint32_t cp)
{
	if (cp == '\t')
		return (col / TEXTBUF_TAB + 1) * TEXTBUF_TAB;
	return col + (size_t)utf8_cpwidth(cp);
}

size_t tb_col(const textbuf *tb, size_t l, size_t byte)
{
	const tb_line *ln = &tb->lines[l];
	if (byte > ln->len)
		byte = ln->len;
	size_t col = 0;
	for (size_t i = 0; i < byte;) {
		uint32_t cp;
		i += utf8_decode(ln->s + i, ln->len - i, &cp);
		col = advance(col, cp);
	}
	return col;
}

/*
** The last position at or before col.  A zero-width mark after a character
** is passed over with it, so the cursor never lands between a letter and
** its accent; a wide character or tab that straddles col is not entered.
*/
size_t tb_byte_at_col(const textbuf *tb, size_t l, size_t col)
{
	const tb_line *ln = &tb->lines[l];
	size_t i = 0, c = 0;
	while (i < ln->len) {
		uint32_t cp;
		size_t k = utf8_decode(ln->s + i, ln->len - i, &cp);
		size_t nc = advance(c, cp);
		if (nc > col)
			break;
		i += k;
		c = nc;
	}
	return i;
}

size_t textbuf_col(const textbuf *tb, size_t i, size_t byte)
{
	if (i >= tb->n)
		return 0;
	return tb_col(tb, i, byte);
}

size_t textbuf_line_width(const textbuf *tb, size_t i)
{
	if (i >= tb->n)
		return 0;
	return tb_col(tb, i, tb->lines[i].len);
}

size_t textbuf_cursor(const textbuf *tb, size_t *byte)
{
	if (byte)
		*byte = tb->cur.byte;
	return tb->cur.line;
}

size_t textbuf_cursor_col(const textbuf *tb)
{
	return tb_col(tb, tb->cur.line, tb->cur.byte);
}

/* Puts the cursor at (line, byte); keep_goal for vertical moves. */
static void place(textbuf *tb, size_t line, size_t byte, int keep_goal)
{
	tb->cur.line = line;
	tb->cur.byte = byte;
	if (!keep_goal)
		tb->goal = tb_col(tb, line, byte);
	tb->open = 0;
	tb->version++;
}

void textbuf_set_cursor(textbuf *tb, size_t line, size_t byte)
{
	if (line >= tb->n)
		line = tb->n - 1;
	const tb_line *ln = &tb->lines[line];
	if (byte > ln->len)
		byte = ln->len;
	while (byte > 0 && byte < ln->len && ((unsigned char)ln->s[byte] & 0xC0) == 0x80)
		byte--;
	place(tb, line, byte, 0);
}

void textbuf_set_cursor_col(textbuf *tb, size_t line, size_t col)
{
	if (line >= tb->n)
		line = tb->n - 1;
	place(tb, line, tb_byte_at_col(tb, line, col), 0);
}

/* Word moves see three kinds of character: blanks, word characters, the rest. */
enum { BLANK, WORD, PUNCT };

static int kind_at(const textbuf *tb, size_t l, size_t byte)
{
	unsigned char c = (unsigned char)tb->lines[l].s[byte];
	if (c == ' ' || c == '\t')
		return BLANK;
	if (c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'))
		return WORD;
	return PUNCT;
}

static void word_right(textbuf *tb)
{
	size_t l = tb->cur.line, b = tb->cur.byte, len = tb->lines[l].len;
	if (b >= len) {
		if (l + 1 >= tb->n)
			return;
		l++, b = 0, len = tb->lines[l].len;
	} else {
		int k = kind_at(tb, l, b);
		if (k != BLANK)
			while (b < len && kind_at(tb, l, b) == k)
				b = tb_next(tb, l, b);
	}
	while (b < len && kind_at(tb, l, b) == BLANK)
		b++;
	place(tb, l, b, 0);
}

static void word_left(textbuf *tb)
{
	size_t l = tb->cur.line, b = tb->cur.byte;
	if (b == 0) {
		if (l > 0)
			place(tb, l - 1, tb->lines[l - 1].len, 0);
		return;
	}
	while (b > 0 && kind_at(tb, l, tb_prev(tb, l, b)) == BLANK)
		b = tb_prev(tb, l, b);
	if (b > 0) {
		int k = kind_at(tb, l, tb_prev(tb, l, b));
		while (b > 0 && kind_at(tb, l, tb_prev(tb, l, b)) == k)
			b = tb_prev(tb, l, b);
	}
	place(tb, l, b, 0);
}

void textbuf_move(textbuf *tb, enum textbuf_move m, size_t n)
{
	size_t l = tb->cur.line, b = tb->cur.byte, len = tb->lines[l].len;
	switch (m) {
	case TEXTBUF_LEFT:
		if (b > 0)
			place(tb, l, tb_prev(tb, l, b), 0);
		else if (l > 0)
			place(tb, l - 1, tb->lines[l - 1].len, 0);
		else
			place(tb, l, b, 0);
		break;
	case TEXTBUF_RIGHT:
		if (b < len)
			place(tb, l, tb_next(tb, l, b), 0);
		else if (l + 1 < tb->n)
			place(tb, l + 1, 0, 0);
		else
			place(tb, l, b, 0);
		break;
	case TEXTBUF_UP:
		l = n > l ? 0 : l - n;
		place(tb, l, tb_byte_at_col(tb, l, tb->goal), 1);
		break;
	case TEXTBUF_DOWN:
		l = n > tb->n - 1 - l ? tb->n - 1 : l + n;
		place(tb, l, tb_byte_at_col(tb, l, tb->goal), 1);
		break;
	case TEXTBUF_HOME: {
		size_t fnb = 0;
		while (fnb < len && kind_at(tb, l, fnb) == BLANK)
			fnb++;
		if (fnb == len)
			fnb = 0;  /* a blank line has no text to go to */
		place(tb, l, b == fnb ? 0 : fnb, 0);
		break;
	}
	case TEXTBUF_END:
		place(tb, l, len, 0);
		break;
	case TEXTBUF_WORD_LEFT:
		word_left(tb);
		break;
	case TEXTBUF_WORD_RIGHT:
		word_right(tb);
		break;
	case TEXTBUF_BUF_START:
		place(tb, 0, 0, 0);
		break;
	case TEXTBUF_BUF_END:
		place(tb, tb->n - 1, tb->lines[tb->n - 1].len, 0);
		break;
	}
}
