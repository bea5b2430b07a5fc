/*
** textbuf_edit.c — what the editing keys do: typing, paste, newline with
** auto-indent, backspace and delete.  Each records itself as an undo step
** through tb_record (textbuf_undo.c).
*/
#include <string.h>

#include "mem.h"
#include "textbuf_int.h"

/* Inserts text at the cursor as an undo step of the given kind. */
static int insert_at_cursor(textbuf *tb, const char *s, size_t n, int kind)
{
	if (!tb || (!s && n))
		return TEXTBUF_EARG;
	size_t len;
	char *t = tb_normalize(s ? s : "", n, &len);
	if (!t)
		return TEXTBUF_ENOMEM;
	if (len == 0) {
		mem_free(t);
		return TEXTBUF_OK;
	}
	if (kind == TB_TYPE && memchr(t, '\n', len))
		kind = TB_OTHER;
	tb_pos at = tb->cur;
	int rc = tb_record(tb, kind, 1, at, at, t, len);
	if (rc == TEXTBUF_OK)
		tb_after_edit(tb, tb_end_of(at, t, len), kind == TB_OTHER);
	mem_free(t);
	return rc;
}

int textbuf_type(textbuf *tb, const char *s, size_t n)
{
	return insert_at_cursor(tb, s, n, TB_TYPE);
}

int textbuf_insert(textbuf *tb, const char *s, size_t n)
{
	return insert_at_cursor(tb, s, n, TB_OTHER);
}

/* Returns 1 when the first n bytes of s end in the whole word w. */
static int ends_with_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n < k || memcmp(s + n - k, w, k) != 0)
		return 0;
	if (n == k)
		return 1;
	unsigned char c = (unsigned char)s[n - k - 1];
	return !(c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'));
}

static int name_char(unsigned char c)
{
	return c == '_' || c == '.' || c == ':' || (c >= '0' && c <= '9')
	       || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/*
** Does this Lua line open a block, so the next line goes one level in?
** A trailing comment is ignored (outside quotes); `function f(x)` and
** `function(x)` count, a plain call `f(x)` does not.
*/
static int opens_block(const char *s, size_t n)
{
	char q = 0;
	for (size_t i = 0; i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
			n = i;
			break;
		}
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (s[n - 1] == '{' || s[n - 1] == '(')
		return 1;
	static const char *const words[] = {"then", "do", "else", "repeat"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (ends_with_word(s, n, words[i]))
			return 1;
	if (s[n - 1] != ')')
		return 0;
	int depth = 0;
	size_t i = n;
	while (i-- > 0) {
		depth += s[i] == ')' ? 1 : s[i] == '(' ? -1 : 0;
		if (depth == 0)
			break;
	}
	if (depth != 0)
		return 0;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	if (ends_with_word(s, i, "function"))
		return 1;
	while (i > 0 && name_char((unsigned char)s[i - 1]))
		i--;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i > 0 && ends_with_word(s, i, "function");
}

int textbuf_newline(textbuf *tb)
{
	if (!tb)
		return TEXTBUF_EARG;
	const tb_line *l = &tb->lines[tb->cur.line];
	size_t ind = 0;
	while (ind < tb->cur.byte && (l->s[ind] == ' ' || l->s[ind] == '\t'))
		ind++;
	int more = tb->smart && opens_block(l->s, tb->cur.byte);
	size_t ulen = strlen(tb->unit), n = 1 + ind + (more ? ulen : 0);
	char *t = mem_alloc(n);
	if (!t)
		return TEXTBUF_ENOMEM;
	t[0] = '\n';
	memcpy(t + 1, l->s, ind);
	if (more)
		memcpy(t + 1 + ind, tb->unit, ulen);
	tb_pos at = tb->cur;
	int rc = tb_record(tb, TB_OTHER, 1, at, at, t, n);
	if (rc == TEXTBUF_OK)
		tb_after_edit(tb, tb_end_of(at, t, n), 1);
	mem_free(t);
	return rc;
}

int textbuf_backspace(textbuf *tb)
{
	if (!tb)
		return TEXTBUF_EARG;
	tb_pos b = tb->cur, a = b;
	if (b.byte > 0)
		a.byte = tb_prev(tb, b.line, b.byte);
	else if (b.line > 0)
		a = (tb_pos){b.line - 1, tb->lines[b.line - 1].len};
	else
		return TEXTBUF_OK;
	int rc = tb_record(tb, TB_BACK, 0, a, b, NULL, 0);
	if (rc == TEXTBUF_OK)
		tb_after_edit(tb, a, 0);
	return rc;
}

int textbuf_delete(textbuf *tb)
{
	if (!tb)
		return TEXTBUF_EARG;
	tb_pos a = tb->cur, b = a;
	if (a.byte < tb->lines[a.line].len)
		b.byte = tb_next(tb, a.line, a.byte);
	else if (a.line + 1 < tb->n)
		b = (tb_pos){a.line + 1, 0};
	else
		return TEXTBUF_OK;
	int rc = tb_record(tb, TB_DEL, 0, a, b, NULL, 0);
	if (rc == TEXTBUF_OK)
		tb_after_edit(tb, a, 0);
	return rc;
}
