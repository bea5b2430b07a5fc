/*
** textbuf.c — the text of one cell: its lines and the two primitive edits.
**
** Every change goes through two primitives, tb_raw_insert and tb_raw_delete,
** which either succeed or leave the lines exactly as they were.  An undo
** step records those primitives (with the text involved), so undo is the
** inverse primitives in reverse order and redo the same ones again.
** The history is in textbuf_undo.c, the editing keys in textbuf_edit.c,
** cursor moves and columns in textbuf_move.c.
*/
#include <string.h>

#include "mem.h"
#include "textbuf_int.h"
#include "utf8.h"

/*
** Makes s[0..n) safe to hold: valid UTF-8, newlines only as '\n', no
** control characters but tab.  Returns a mem_alloc'd copy (length in
** *out), or NULL when out of memory.
*/
char *tb_normalize(const char *s, size_t n, size_t *out)
{
	if (n > ((size_t)-1 - 1) / 3)
		return NULL;
	char *r = mem_alloc(3 * n + 1);
	if (!r)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '\r') {
				r[k++] = '\n';
				i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
				continue;
			}
			if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f))
				r[k++] = (char)c;
			i++;
			continue;
		}
		uint32_t cp;
		size_t used = utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x80 && cp <= 0x9f) {
			i += used;   /* C1 controls: a terminal would act on them */
			continue;
		}
		if (cp == UTF8_REPLACEMENT && used == 1) {
			k += utf8_encode(UTF8_REPLACEMENT, r + k);
		} else {
			memcpy(r + k, s + i, used);
			k += used;
		}
		i += used;
	}
	*out = k;
	return r;
}

/*
** Makes line l hold at least need bytes; a line always owns a buffer, so
** no code ever does arithmetic on a NULL pointer.  Returns 0, or -1 (unchanged).
*/
static int line_reserve(tb_line *l, size_t need)
{
	if (l->s && need <= l->cap)
		return 0;
	size_t cap = l->cap ? l->cap : 16;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : 2 * cap;
	char *s = mem_realloc(l->s, cap);
	if (!s)
		return -1;
	l->s = s;
	l->cap = cap;
	return 0;
}

/* Makes room for at least need lines.  Returns 0, or -1 (unchanged). */
static int lines_reserve(textbuf *tb, size_t need)
{
	if (need <= tb->cap)
		return 0;
	size_t cap = tb->cap ? 2 * tb->cap : 8;
	while (cap < need)
		cap *= 2;
	size_t bytes;
	if (!mem_mul_ok(cap, sizeof *tb->lines, &bytes))
		return -1;
	tb_line *v = mem_realloc(tb->lines, bytes);
	if (!v)
		return -1;
	tb->lines = v;
	tb->cap = cap;
	return 0;
}

/* Returns the position just after text t[0..n) inserted at at. */
tb_pos tb_end_of(tb_pos at, const char *t, size_t n)
{
	const char *nl = NULL;
	for (size_t i = 0; i < n; i++)
		if (t[i] == '\n') {
			at.line++;
			nl = t + i;
		}
	at.byte = nl ? (size_t)(t + n - nl - 1) : at.byte + n;
	return at;
}

/*
** Inserts normalised text t[0..n) at at.  Everything that can fail
** (growing the line array, the first line, every new line) is done before
** anything moves, so failure leaves the text untouched.
*/
int tb_raw_insert(textbuf *tb, tb_pos at, const char *t, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += t[i] == '\n';
	tb_line *cur = &tb->lines[at.line];
	if (k == 0) {
		if (line_reserve(cur, cur->len + n) != 0)
			return TEXTBUF_ENOMEM;
		memmove(cur->s + at.byte + n, cur->s + at.byte, cur->len - at.byte);
		memcpy(cur->s + at.byte, t, n);
		cur->len += n;
		return TEXTBUF_OK;
	}
	if (lines_reserve(tb, tb->n + k) != 0)
		return TEXTBUF_ENOMEM;
	cur = &tb->lines[at.line];
	const char *seg0_end = memchr(t, '\n', n);
	size_t seg0 = (size_t)(seg0_end - t);
	tb_line fresh[k > 64 ? 1 : 64], *nl = fresh;
	if (k > 64) {
		size_t bytes;
		if (!mem_mul_ok(k, sizeof *nl, &bytes) || !(nl = mem_alloc(bytes)))
			return TEXTBUF_ENOMEM;
	}
	/* new lines 1..k: middle segments, then the last segment + the old tail */
	const char *p = seg0_end + 1;
	size_t made = 0;
	int rc = TEXTBUF_OK;
	for (size_t j = 0; j < k; j++) {
		const char *e = j + 1 < k ? memchr(p, '\n', (size_t)(t + n - p)) : t + n;
		size_t len = (size_t)(e - p), tail = j + 1 < k ? 0 : cur->len - at.byte;
		nl[j].s = NULL;
		nl[j].len = nl[j].cap = 0;
		if (line_reserve(&nl[j], len + tail) != 0) {
			rc = TEXTBUF_ENOMEM;
			break;
		}
		made++;
		memcpy(nl[j].s, p, len);
		if (tail)
			memcpy(nl[j].s + len, cur->s + at.byte, tail);
		nl[j].len = len + tail;
		p = e + 1;
	}
	if (rc == TEXTBUF_OK && line_reserve(cur, at.byte + seg0) != 0)
		rc = TEXTBUF_ENOMEM;
	if (rc != TEXTBUF_OK) {
		for (size_t j = 0; j < made; j++)
			mem_free(nl[j].s);
		if (nl != fresh)
			mem_free(nl);
		return rc;
	}
	memcpy(cur->s + at.byte, t, seg0);
	cur->len = at.byte + seg0;
	memmove(tb->lines + at.line + 1 + k, tb->lines + at.line + 1,
	        (tb->n - at.line - 1) * sizeof *tb->lines);
	memcpy(tb->lines + at.line + 1, nl, k * sizeof *nl);
	tb->n += k;
	if (nl != fresh)
		mem_free(nl);
	return TEXTBUF_OK;
}

/* Returns a mem_alloc'd copy of the text in [a, b) (length in *len), or NULL. */
char *tb_range_text(const textbuf *tb, tb_pos a, tb_pos b, size_t *len)
{
	size_t n = 0;
	for (size_t l = a.line; l <= b.line; l++) {
		size_t from = l == a.line ? a.byte : 0, to = l == b.line ? b.byte : tb->lines[l].len;
		n += to - from + (l < b.line);
	}
	char *r = mem_alloc(n + 1);
	if (!r)
		return NULL;
	size_t k = 0;
	for (size_t l = a.line; l <= b.line; l++) {
		size_t from = l == a.line ? a.byte : 0, to = l == b.line ? b.byte : tb->lines[l].len;
		memcpy(r + k, tb->lines[l].s + from, to - from);
		k += to - from;
		if (l < b.line)
			r[k++] = '\n';
	}
	*len = n;
	return r;
}

/* Deletes [a, b), joining lines.  Only joining can need memory; then it fails untouched. */
int tb_raw_delete(textbuf *tb, tb_pos a, tb_pos b)
{
	tb_line *la = &tb->lines[a.line];
	if (a.line == b.line) {
		memmove(la->s + a.byte, la->s + b.byte, la->len - b.byte);
		la->len -= b.byte - a.byte;
		return TEXTBUF_OK;
	}
	tb_line *lb = &tb->lines[b.line];
	size_t tail = lb->len - b.byte;
	if (line_reserve(la, a.byte + tail) != 0)
		return TEXTBUF_ENOMEM;
	if (tail)
		memcpy(la->s + a.byte, lb->s + b.byte, tail);
	la->len = a.byte + tail;
	for (size_t l = a.line + 1; l <= b.line; l++)
		mem_free(tb->lines[l].s);
	memmove(tb->lines + a.line + 1, tb->lines + b.line + 1,
	        (tb->n - b.line - 1) * sizeof *tb->lines);
	tb->n -= b.line - a.line;
	return TEXTBUF_OK;
}

/* ---- the buffer ---- */

textbuf *textbuf_new(const char *text, size_t len)
{
	textbuf *tb = mem_calloc(1, sizeof *tb);
	if (!tb)
		return NULL;
	strcpy(tb->unit, "  ");
	tb->smart = 1;
	if (lines_reserve(tb, 1) != 0) {
		mem_free(tb);
		return NULL;
	}
	tb->lines[0] = (tb_line){NULL, 0, 0};
	tb->n = 1;
	if (line_reserve(&tb->lines[0], 0) != 0) {
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
