/*
** highlight.c — Lua syntax colouring, one line at a time.
**
** The lexer follows llex.c's shapes (what a numeral swallows, how long
** brackets open and close, which escapes a short string has) but only
** classifies bytes: it never rejects anything, so half-typed code in the
** editor still colours sensibly.
*/
#include "highlight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "vec.h"

#define KW(s) {s, sizeof s - 1}
static const struct kw {
	const char *s;
	size_t n;
} keywords[] = {
	KW("and"), KW("break"), KW("do"), KW("else"), KW("elseif"), KW("end"),
	KW("false"), KW("for"), KW("function"), KW("goto"), KW("if"), KW("in"),
	KW("local"), KW("nil"), KW("not"), KW("or"), KW("repeat"), KW("return"),
	KW("then"), KW("true"), KW("until"), KW("while"),
};

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Keywords are 2 to 8 letters, all lower case: compare only same-length candidates. */
static int is_keyword(const char *s, size_t n)
{
	if (n < 2 || n > 8 || s[0] < 'a' || s[0] > 'w')
		return 0;
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
		if (keywords[i].n == n && keywords[i].s[0] == s[0] && memcmp(keywords[i].s, s, n) == 0)
			return 1;
	return 0;
}

static void fill(uint8_t *role, size_t a, size_t b, int r)
{
	if (b > a)   /* an empty line may come with no role buffer at all */
		memset(role + a, r, b - a);
}

/*
** A long bracket opens at s[i] ('[' '='* '['): returns its level and sets
** *after past it, or returns -1 ("[=" alone is just an operator).
*/
static int long_open(const char *s, size_t n, size_t i, size_t *after)
{
	if (i >= n || s[i] != '[')
		return -1;
	size_t j = i + 1;
	while (j < n && s[j] == '=')
		j++;
	if (j >= n || s[j] != '[')
		return -1;
	*after = j + 1;
	return (int)(j - i - 1);
}

/* Returns the offset just past the "]=*]" of `level` from i, or n with *closed = 0. */
static size_t long_close(const char *s, size_t n, size_t i, int level, int *closed)
{
	for (; i < n; i++) {
		if (s[i] != ']')
			continue;
		size_t j = i + 1;
		while (j < n && s[j] == '=')
			j++;
		if (j < n && s[j] == ']' && (int)(j - i - 1) == level) {
			*closed = 1;
			return j + 1;
		}
	}
	*closed = 0;
	return n;
}

/*
** Scans the body of a short string from i (past the opening quote) and
** returns the offset past its end.  A string still open at the end of
** the line continues only after a '\' or a "\z" (as in Lua); otherwise it
** is simply unterminated and ends with the line.
*/
static size_t short_string(const char *s, size_t n, size_t i, int q, hl_state *st)
{
	st->quote = 0;
	while (i < n) {
		if (s[i] == q)
			return i + 1;
		if (s[i] != '\\') {
			i++;
			continue;
		}
		if (i + 1 >= n) {      /* backslash-newline */
			st->quote = q;
			return n;
		}
		if (s[i + 1] == 'z') { /* \z skips the following white space, newlines too */
			i += 2;
			while (i < n && is_space((unsigned char)s[i]))
				i++;
			if (i >= n)
				st->quote = q;
			continue;
		}
		i += 2;
	}
	return n;
}

/* Returns the offset past the numeral starting at s[i], as llex's read_numeral takes it. */
static size_t numeral(const char *s, size_t n, size_t i)
{
	const char *expo = "Ee";
	if (s[i] == '0' && i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		expo = "Pp";
		i += 2;
	}
	while (i < n) {
		int c = (unsigned char)s[i];
		if ((c == expo[0] || c == expo[1]) && i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-'))
			i += 2;
		else if (is_alpha(c) || is_digit(c) || c == '.')
			i++;
		else
			break;
	}
	return i;
}

/*
** The lexer proper.  Whatever the previous line left open (a long bracket,
** a continued string) is finished first; then tokens are classified left
** to right, and an unclosed long bracket or string is left in *st.
*/
void hl_line(const char *s, size_t n, hl_state *st, uint8_t *role)
{
	size_t i = 0;
	if (st->in_long) {
		int closed;
		i = long_close(s, n, 0, st->level, &closed);
		fill(role, 0, i, st->is_comment ? ST_COMMENT : ST_STRING);
		if (closed)
			st->in_long = st->is_comment = st->level = 0;
	} else if (st->quote) {
		i = short_string(s, n, 0, st->quote, st);
		fill(role, 0, i, ST_STRING);
	}
	while (i < n) {
		int c = (unsigned char)s[i];
		size_t j, after;
		int level;
		if (c == '-' && i + 1 < n && s[i + 1] == '-') {
			level = long_open(s, n, i + 2, &after);
			if (level < 0) {
				fill(role, i, n, ST_COMMENT);
				return;
			}
			int closed;
			j = long_close(s, n, after, level, &closed);
			fill(role, i, j, ST_COMMENT);
			if (!closed) {
				st->in_long = st->is_comment = 1;
				st->level = level;
			}
		} else if (c == '[' && (level = long_open(s, n, i, &after)) >= 0) {
			int closed;
			j = long_close(s, n, after, level, &closed);
			fill(role, i, j, ST_STRING);
			if (!closed) {
				st->in_long = 1;
				st->is_comment = 0;
				st->level = level;
			}
		} else if (c == '"' || c == '\'') {
			j = short_string(s, n, i + 1, c, st);
			fill(role, i, j, ST_STRING);
		} else if (is_digit(c) || (c == '.' && i + 1 < n && is_digit((unsigned char)s[i + 1]))) {
			j = numeral(s, n, i);
			fill(role, i, j, ST_NUMBER);
		} else if (is_alpha(c)) {
			j = i + 1;
			while (j < n && (is_alpha((unsigned char)s[j]) || is_digit((unsigned char)s[j])))
				j++;
			fill(role, i, j, is_keyword(s + i, j - i) ? ST_KEYWORD : ST_DEFAULT);
		} else {
			j = i + 1;
			role[i] = ST_DEFAULT;
		}
		i = j;
	}
}

/* One expanded column of a line before it is cut or wrapped. */
typedef struct hcell {
	uint32_t cp;
	uint8_t role;
	uint8_t w;
} hcell;

/* A line's cells with tabs expanded; grown as needed and reused across lines. */
typedef struct hbuf {
	hcell *c;
	size_t n, cap;
	uint8_t *role;
	size_t rcap;
} hbuf;

static int hb_push(hbuf *b, uint32_t cp, uint8_t role, int w)
{
	if (vec_grow(&b->c, &b->cap, b->n + 1, sizeof *b->c, VEC_PLAIN) != 0)
		return -1;
	b->c[b->n].cp = cp;
	b->c[b->n].role = role;
	b->c[b->n].w = (uint8_t)w;
	b->n++;
	return 0;
}

/* Decodes line s[0..n) with its roles into b's cells: tabs become spaces to the next stop of 4. */
static int expand(hbuf *b, const char *s, size_t n, const uint8_t *role)
{
	size_t col = 0, i = 0;
	b->n = 0;
	while (i < n) {
		uint32_t cp = (unsigned char)s[i];
		uint8_t r = role[i];
		int w = 1;
		if (cp >= 0x80) {
			i += utf8_decode(s + i, n - i, &cp);
			w = utf8_cpwidth(cp);
		} else {
			i++;
			if (cp < 0x20 || cp == 0x7F)
				w = 0;
		}
		if (cp == '\t') {
			do {
				if (hb_push(b, ' ', r, 1) < 0)
					return -1;
			} while (++col % 4);
			continue;
		}
		if (w == 0) {
			if (!(cp < 0x20 || (cp >= 0x7F && cp < 0xA0)))
				continue;      /* combining marks are dropped, as st_putc does */
			cp = ' ';
			w = 1;
		}
		if (hb_push(b, cp, r, w) < 0)
			return -1;
		col += (size_t)w;
	}
	return 0;
}

/*
** Starts an output line with the gutter: the number and a space, or on a
** wrapped line's continuation a mark where the number's last digit goes
** (↪, or + in ASCII), so the reader sees the line goes on.
*/
static st_line *gutter(st_text *out, size_t digits, long num, int show, int utf8)
{
	st_line *l = st_newline(out);
	if (!l || !digits)
		return l;
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, 0);
	char buf[32];
	int k = show ? snprintf(buf, sizeof buf, "%*ld ", (int)digits, num) : 0;
	if (k > 0) {
		st_puts(out, l, buf, (size_t)k, mut);
	} else {
		st_pad(out, l, digits - 1, mut);
		st_putc(out, l, utf8 ? 0x21AA : '+', mut);
		st_pad(out, l, 1, mut);
	}
	return l;
}

/*
** Draws one expanded line, cut with a marker or wrapped at `avail` columns
** (0 = no limit).  Cells are written directly: their widths are known.
*/
static void draw(st_text *out, const hbuf *b, const hl_opts *o, size_t digits, long num, size_t avail)
{
	st_line *l = gutter(out, digits, num, 1, o->utf8);
	size_t total = 0, col = 0;
	for (size_t i = 0; i < b->n; i++)
		total += b->c[i].w;
	int cut = avail && total > avail && !o->wrap;
	size_t limit = cut ? avail - 1 : avail;
	if (!l || !st_reserve(out, l, (avail && avail < total ? avail : total) + 1))
		return;
	for (size_t i = 0; i < b->n; i++) {
		const hcell *c = &b->c[i];
		if (avail && col + c->w > limit) {
			if (cut)
				break;
			if (col > 0) {
				col = 0;
				l = gutter(out, digits, num, 0, o->utf8);
				if (!l || !st_reserve(out, l, avail + 1))
					return;
			}
		}
		if (!st_reserve(out, l, c->w))
			return;
		st_cell *d = &l->cells[l->len];
		d[0].cp = c->cp;
		d[0].style = st_mk(c->role, ST_DEFAULT, 0);
		if (c->w == 2) {
			d[1].cp = 0;
			d[1].style = d[0].style;
		}
		l->len += c->w;
		col += c->w;
	}
	if (cut) {
		st_pad(out, l, limit - col, st_mk(ST_DEFAULT, ST_DEFAULT, 0));
		st_putc(out, l, o->utf8 ? 0x2026 : '>', st_mk(ST_MUTED, ST_DEFAULT, 0));
	}
}

int hl_render(const char *src, size_t len, const hl_opts *o, st_text *out)
{
	size_t nlines = 0;
	for (size_t i = 0; i < len; i++)
		nlines += src[i] == '\n';
	nlines += len > 0 && src[len - 1] != '\n';

	size_t digits = 0;
	if (o->numbers) {
		char buf[32];
		long last = (long)o->first_number + (long)(nlines ? nlines - 1 : 0);
		int a = snprintf(buf, sizeof buf, "%ld", (long)o->first_number);
		int b = snprintf(buf, sizeof buf, "%ld", last);
		digits = (size_t)(a > b ? a : b);
	}
	size_t gw = digits ? digits + 1 : 0, avail = 0;
	if (o->width)
		avail = o->width > gw ? o->width - gw : 1;

	hbuf b = {NULL, 0, 0, NULL, 0};
	hl_state st = HL_STATE_INIT;
	int rc = 0;
	size_t i = 0;
	for (size_t ln = 0; ln < nlines; ln++) {
		size_t e = i;
		while (e < len && src[e] != '\n')
			e++;
		size_t next = e < len ? e + 1 : e;
		if (e > i && src[e - 1] == '\r')
			e--;
		if (vec_grow(&b.role, &b.rcap, e - i, 1, VEC_PLAIN) != 0) {
			rc = -1;
			break;
		}
		hl_line(src + i, e - i, &st, b.role);
		if (expand(&b, src + i, e - i, b.role) < 0) {
			rc = -1;
			break;
		}
		draw(out, &b, o, digits, (long)o->first_number + (long)ln, avail);
		i = next;
	}
	free(b.c);
	free(b.role);
	return rc < 0 || out->failed ? -1 : 0;
}
