/*
** textbuf.c — the text of one cell as an object: making one, its lines as
** the editor and the renderer read them.  Below it are the lines and their
** primitive edits (textbuf_lines.c) and the undo history (textbuf_undo.c).
*/
#include <string.h>

#include "mem.h"
#include "textbuf_int.h"

textbuf *textbuf_new(const char *text, size_t len)
{
	textbuf *tb = mem_calloc(1, sizeof *tb);
	if (!tb)
		return NULL;
	strcpy(tb->unit, "  ");
	tb->smart = 1;
	if (tb_lines_reserve(tb, 1) != 0) {
		mem_free(tb);
		return NULL;
	}
	tb->lines[0] = (tb_line){NULL, 0, 0};
	tb->n = 1;
	if (tb_line_reserve(&tb->lines[0], 0) != 0) {
		textbuf_free(tb);
		return NULL;
	}
	if (len > 0) {
		size_t n;
		char *t = text ? tb_normalize(text, len, &n) : NULL;
		if (!t || tb_raw_insert(tb, (tb_pos){0, 0}, t, n) != TEXTBUF_OK) {
			mem_free(t);
			textbuf_free(tb);
			return NULL;
		}
		mem_free(t);
	}
	for (size_t i = 0; i < tb->n; i++)
		if (tb->lines[i].len && tb->lines[i].s[0] == '\t') {
			strcpy(tb->unit, "\t");
			break;
		}
	return tb;
}

void textbuf_free(textbuf *tb)
{
	if (!tb)
		return;
	tb_clear_history(tb);
	mem_free(tb->steps);
	for (size_t i = 0; i < tb->n; i++)
		mem_free(tb->lines[i].s);
	mem_free(tb->lines);
	mem_free(tb);
}

int textbuf_set_indent(textbuf *tb, const char *unit, int smart)
{
	if (!tb || !unit)
		return TEXTBUF_EARG;
	size_t n = strlen(unit);
	if (n == 0 || n >= sizeof tb->unit || strspn(unit, " \t") != n)
		return TEXTBUF_EARG;
	memcpy(tb->unit, unit, n + 1);
	tb->smart = smart != 0;
	return TEXTBUF_OK;
}

size_t textbuf_lines(const textbuf *tb)
{
	return tb->n;
}

const char *textbuf_line(const textbuf *tb, size_t i, size_t *len)
{
	if (i >= tb->n) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = tb->lines[i].len;
	return tb->lines[i].s;
}

void textbuf_text(const textbuf *tb, strbuf *out)
{
	for (size_t i = 0; i < tb->n; i++) {
		if (i)
			sb_addc(out, '\n');
		sb_addn(out, tb->lines[i].s, tb->lines[i].len);
	}
}
