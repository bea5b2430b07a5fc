/*
** textbuf_lines.c — the lines of a cell's text and the two primitive edits,
** the bottom of the text model.
**
** Every change goes through two primitives, tb_raw_insert and tb_raw_delete,
** which either succeed or leave the lines exactly as they were.  An undo
** step (textbuf_undo.c, above this file) records those primitives with the
** text involved, so undo is the inverse primitives in reverse order and redo
** the same ones again.  The buffer object is in textbuf.c, the editing keys
** in textbuf_edit.c, cursor moves and columns in textbuf_move.c.
*/
#include <string.h>

#include "mem.h"
#include "textbuf_int.h"
#include "utf8.h"
#include "vec.h"

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
int tb_line_reserve(tb_line *l, size_t need)
{
	return vec_grow(&l->s, &l->cap, need ? need : 1, 1, VEC_CHARGED);
}

/* Makes room for at least need lines.  Returns 0, or -1 (unchanged). */
int tb_lines_reserve(textbuf *tb, size_t need)
{
	return vec_grow(&tb->lines, &tb->cap, need, sizeof *tb->lines, VEC_CHARGED);
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
		if (tb_line_reserve(cur, cur->len + n) != 0)
			return TEXTBUF_ENOMEM;
		memmove(cur->s + at.byte + n, cur->s + at.byte, cur->len - at.byte);
		memcpy(cur->s + at.byte, t, n);
		cur->len += n;
		return TEXTBUF_OK;
	}
	if (tb_lines_reserve(tb, tb->n + k) != 0)
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
		if (tb_line_reserve(&nl[j], len + tail) != 0) {
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
	if (rc == TEXTBUF_OK && tb_line_reserve(cur, at.byte + seg0) != 0)
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
	if (tb_line_reserve(la, a.byte + tail) != 0)
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
