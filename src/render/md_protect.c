/*
** md_protect.c — the first pass of the markdown renderer: what cmark must
** not see.
**
** Walking the source line by line, fenced code is copied untouched (so a
** `$` or a `|` in code means nothing), a GFM pipe table is cut out whole,
** and in the remaining text every $…$ / $$…$$ outside code spans is cut
** out.  Each piece becomes an item of the context, kept with its original
** text, and a placeholder takes its place in what cmark parses.
*/
#include <stdlib.h>
#include <string.h>

#include "md_int.h"
#include "vec.h"

static size_t add_item(md_ctx *c, int kind, const char *raw, size_t len, size_t body, size_t blen)
{
	if (vec_grow(&c->items, &c->cap, c->nitems + 1, sizeof *c->items, VEC_PLAIN) != 0) {
		c->failed = 1;
		return (size_t)-1;
	}
	md_item *it = &c->items[c->nitems];
	it->kind = kind;
	it->raw = c->raw.len;
	it->len = len;
	it->body = c->raw.len + body;
	it->blen = blen;
	sb_addn(&c->raw, raw, len);
	if (c->raw.failed) {
		c->failed = 1;
		return (size_t)-1;
	}
	return c->nitems++;
}

/* Appends s[0..n) with the placeholder characters of the source turned into U+FFFD. */
static void copy_clean(strbuf *out, const char *s, size_t n)
{
	size_t a = 0;
	for (size_t i = 0; i + 2 < n; i++) {
		if ((unsigned char)s[i] == 0xEE && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x80 || (unsigned char)s[i + 2] == 0x81)) {
			sb_addn(out, s + a, i - a);
			sb_adds(out, "\xef\xbf\xbd");
			a = i + 3;
			i += 2;
		}
	}
	sb_addn(out, s + a, n - a);
}

/* Registers an item and writes its placeholder (or, if memory ran out, its text). */
static void placeholder(md_ctx *c, strbuf *out, int kind, const char *raw, size_t len, size_t body, size_t blen)
{
	size_t k = add_item(c, kind, raw, len, body, blen);
	if (k == (size_t)-1) {
		copy_clean(out, raw, len);
		return;
	}
	sb_adds(out, MD_PH_OPEN);
	sb_addf(out, "%zu", k);
	sb_adds(out, MD_PH_CLOSE);
}

size_t md_ph_parse(const md_ctx *c, const char *s, size_t n, size_t *k)
{
	if (n < 7 || memcmp(s, MD_PH_OPEN, 3) != 0)
		return 0;
	size_t i = 3, v = 0;
	while (i < n && i < 12 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (size_t)(s[i++] - '0');
	if (i == 3 || i + 3 > n || memcmp(s + i, MD_PH_CLOSE, 3) != 0 || v >= c->nitems)
		return 0;
	*k = v;
	return i + 3;
}

void md_restore(const md_ctx *c, const char *s, size_t n, strbuf *out)
{
	size_t a = 0, i = 0, k, len;
	while (i < n) {
		if ((unsigned char)s[i] == 0xEE && (len = md_ph_parse(c, s + i, n - i, &k))) {
			sb_addn(out, s + a, i - a);
			sb_addn(out, c->raw.s + c->items[k].raw, c->items[k].len);
			a = i += len;
		} else {
			i++;
		}
	}
	sb_addn(out, s + a, n - a);
}

static int blank_line_at(const char *s, size_t n, size_t j)
{
	if (s[j] != '\n')
		return 0;
	for (j++; j < n && s[j] != '\n'; j++)
		if (s[j] != ' ' && s[j] != '\t' && s[j] != '\r')
			return 0;
	return 1;
}

/* Returns where a backtick run of exactly k closes the code span opened before `from`, or 0. */
static size_t span_close(const char *s, size_t n, size_t from, size_t k)
{
	for (size_t j = from; j < n; ) {
		if (blank_line_at(s, n, j))
			return 0;
		if (s[j] != '`') {
			j++;
			continue;
		}
		size_t e = j;
		while (e < n && s[e] == '`')
			e++;
		if (e - j == k)
			return j;
		j = e;
	}
	return 0;
}

/*
** Is there math at s[i] == '$'?  $$…$$ closes at the next "$$"; $…$ at the
** next '$' unless that one follows a space or precedes a digit.  Neither
** crosses a blank line or a backtick, and an empty body is not math.
*/
static int math_at(const char *s, size_t n, size_t i, size_t *end, size_t *body, size_t *blen)
{
	int disp = i + 1 < n && s[i + 1] == '$';
	size_t j = i + (disp ? 2 : 1);
	for (; j < n; j++) {
		if (s[j] == '\\') {
			j++;
			continue;
		}
		if (s[j] == '`' || blank_line_at(s, n, j))
			return 0;   /* math never runs into a code span nor past a paragraph */
		if (s[j] != '$')
			continue;
		if (disp) {
			if (j + 1 < n && s[j + 1] == '$')
				break;
			continue;
		}
		if (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '\n' ||
		    (j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9'))
			return 0;
		break;
	}
	if (j >= n)
		return 0;
	*body = i + (disp ? 2 : 1);
	*blen = j - *body;
	*end = j + (disp ? 2 : 1);
	for (size_t k = *body; k < j; k++)
		if (s[k] != ' ' && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
			return disp ? 2 : 1;
	return 0;
}

void md_protect_math(md_ctx *c, const char *s, size_t n, strbuf *out)
{
	size_t i = 0, lit = 0;
	while (i < n) {
		if (s[i] == '\\') {
			i += 2;
		} else if (s[i] == '`') {
			size_t k = 1;
			while (i + k < n && s[i + k] == '`')
				k++;
			size_t e = span_close(s, n, i + k, k);
			i = e ? e + k : i + k;
		} else if (s[i] == '$') {
			size_t end, body, blen;
			int m = math_at(s, n, i, &end, &body, &blen);
			if (!m) {
				i += i + 1 < n && s[i + 1] == '$' ? 2 : 1;
				continue;
			}
			copy_clean(out, s + lit, i - lit);
			placeholder(c, out, m == 2 ? MD_DISPLAY : MD_MATH, s + i, end - i, body - i, blen);
			i = lit = end;
		} else {
			i++;
		}
	}
	if (lit < n)
		copy_clean(out, s + lit, n - lit);
}

/* Skips what may stand before a fence on its line: indentation, quote marks, a list marker. */
static size_t fence_lead(const char *s, size_t n)
{
	size_t i = 0;
	for (;;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
			i++;
		size_t j = i;
		while (j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j < n && ((j > i && (s[j] == '.' || s[j] == ')')) ||
		              (j == i && (s[j] == '-' || s[j] == '*' || s[j] == '+'))) &&
		    j + 1 < n && s[j + 1] == ' ')
			i = j + 1;
		else
			return i;
	}
}

/* Does line s[0..n) open a code fence?  Sets its character and length. */
static int fence_open(const char *s, size_t n, char *ch, size_t *len)
{
	size_t i = fence_lead(s, n), k = i;
	if (i >= n || (s[i] != '`' && s[i] != '~'))
		return 0;
	while (k < n && s[k] == s[i])
		k++;
	if (k - i < 3)
		return 0;
	if (s[i] == '`' && memchr(s + k, '`', n - k))
		return 0;
	*ch = s[i];
	*len = k - i;
	return 1;
}

static int fence_close(const char *s, size_t n, char ch, size_t len)
{
	size_t i = fence_lead(s, n), k = i;
	while (k < n && s[k] == ch)
		k++;
	if (k - i < len)
		return 0;
	for (; k < n; k++)
		if (s[k] != ' ' && s[k] != '\t' && s[k] != '\r')
			return 0;
	return 1;
}

size_t md_line_end(const char *s, size_t n, size_t i)
{
	const char *e = memchr(s + i, '\n', n - i);
	return e ? (size_t)(e - s) : n;
}

void md_protect(md_ctx *c, const char *s, size_t n, strbuf *out)
{
	size_t i = 0, chunk = 0;
	while (i < n) {
		size_t e = md_line_end(s, n, i), next = e < n ? e + 1 : n, flen, te;
		char fch;
		if (fence_open(s + i, e - i, &fch, &flen)) {
			md_protect_math(c, s + chunk, i - chunk, out);
			size_t j = next;
			while (j < n) {
				size_t e2 = md_line_end(s, n, j);
				int closes = fence_close(s + j, e2 - j, fch, flen);
				j = e2 < n ? e2 + 1 : n;
				if (closes)
					break;
			}
			copy_clean(out, s + i, j - i);
			i = chunk = j;
		} else if ((te = md_table_detect(s, n, i)) != 0) {
			md_protect_math(c, s + chunk, i - chunk, out);
			sb_addc(out, '\n');
			placeholder(c, out, MD_TABLE, s + i, te - i, 0, 0);
			sb_adds(out, "\n\n");
			i = chunk = te;
		} else {
			i = next;
		}
	}
	md_protect_math(c, s + chunk, n - chunk, out);
}
