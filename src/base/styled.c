/*
** styled.c — building styled text and writing it as UTF-8 (+ ANSI).
*/
#include "styled.h"

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "vec.h"

void st_free(st_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->lines[i].cells);
	free(t->lines);
	t->lines = NULL;
	t->n = t->cap = 0;
	t->failed = 0;
}

void st_clear(st_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->lines[i].cells);
	t->n = 0;
	t->failed = 0;
}

st_line *st_newline(st_text *t)
{
	if (vec_grow(&t->lines, &t->cap, t->n + 1, sizeof *t->lines, VEC_PLAIN) != 0) {
		t->failed = 1;
		return NULL;
	}
	st_line *l = &t->lines[t->n++];
	l->cells = NULL;
	l->len = l->cap = 0;
	return l;
}

int st_reserve(st_text *t, st_line *l, size_t extra)
{
	if (extra > (size_t)-1 - l->len ||
	    vec_grow(&l->cells, &l->cap, l->len + extra, sizeof *l->cells, VEC_PLAIN) != 0) {
		t->failed = 1;
		return 0;
	}
	return 1;
}

void st_putc(st_text *t, st_line *l, uint32_t cp, st_style s)
{
	if (!l)
		return;
	int w = utf8_cpwidth(cp);
	if (w == 0) {
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			cp = ' ';
			w = 1;
		} else {
			return; /* combining marks are dropped: one cell, one glyph */
		}
	}
	if (!st_reserve(t, l, (size_t)w))
		return;
	l->cells[l->len].cp = cp;
	l->cells[l->len].style = s;
	l->len++;
	if (w == 2) {
		l->cells[l->len].cp = 0;
		l->cells[l->len].style = s;
		l->len++;
	}
}

void st_puts(st_text *t, st_line *l, const char *s, size_t n, st_style style)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp == '\t') {
			size_t sp = 4 - (l ? l->len % 4 : 0);
			st_pad(t, l, sp, style);
			continue;
		}
		st_putc(t, l, cp, style);
	}
}

void st_pad(st_text *t, st_line *l, size_t n, st_style s)
{
	if (!l || !st_reserve(t, l, n))
		return;
	for (size_t i = 0; i < n; i++) {
		l->cells[l->len].cp = ' ';
		l->cells[l->len].style = s;
		l->len++;
	}
}

size_t st_addtext(st_text *t, const char *s, size_t n, size_t width, size_t indent, st_style style)
{
	size_t added = 0, i = 0;
	st_style plain = st_mk(ST_DEFAULT, ST_DEFAULT, 0);
	do {
		st_line *l = st_newline(t);
		if (!l)
			return added;
		added++;
		st_pad(t, l, indent, plain);
		while (i < n && s[i] != '\n') {
			uint32_t cp;
			size_t k = utf8_decode(s + i, n - i, &cp);
			int w = utf8_cpwidth(cp);
			if (cp == '\t')
				w = (int)(4 - (l->len - indent) % 4);
			if (width && l->len > indent && l->len + (size_t)w > width) {
				l = st_newline(t);
				if (!l)
					return added;
				added++;
				st_pad(t, l, indent, plain);
			}
			if (cp == '\t')
				st_pad(t, l, (size_t)w, style);
			else
				st_putc(t, l, cp, style);
			i += k;
		}
		if (i < n)
			i++; /* the '\n' */
	} while (i < n);
	return added;
}

/* The display width of s[0..n). */
static size_t width_of(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		w += (size_t)utf8_cpwidth(cp);
	}
	return w;
}

/* Starts a new line of `indent` spaces; returns it (NULL when out of memory). */
static st_line *indented(st_text *t, size_t indent, size_t *added)
{
	st_line *l = st_newline(t);
	if (l) {
		st_pad(t, l, indent, st_mk(ST_DEFAULT, ST_DEFAULT, 0));
		(*added)++;
	}
	return l;
}

size_t st_addwords(st_text *t, const char *s, size_t n, size_t width, size_t indent, st_style style)
{
	size_t added = 0, i = 0;
	if (!width || width <= indent)
		return st_addtext(t, s, n, width, indent, style);
	do {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;
		st_line *l = indented(t, indent, &added);
		int fresh = 1;   /* no word on this line yet */
		while (l && i <= end) {
			size_t sp = i;
			while (sp < end && s[sp] != ' ')
				sp++;
			size_t w = width_of(s + i, sp - i);
			if (!fresh && l->len + 1 + w > width) {
				l = indented(t, indent, &added);
				fresh = 1;
			} else if (!fresh) {
				st_putc(t, l, ' ', style);
			}
			for (size_t k = i; l && k < sp;) {   /* the word, cut when wider than a line */
				uint32_t cp;
				size_t step = utf8_decode(s + k, sp - k, &cp);
				if (l->len > indent && l->len + (size_t)utf8_cpwidth(cp) > width)
					l = indented(t, indent, &added);
				if (l)
					st_putc(t, l, cp, style);
				k += step;
			}
			fresh = 0;
			i = sp + 1;
		}
		i = end + 1;
	} while (i < n);
	return added;
}

void st_append(st_text *dst, const st_text *src, size_t indent)
{
	st_style plain = st_mk(ST_DEFAULT, ST_DEFAULT, 0);
	for (size_t i = 0; i < src->n; i++) {
		st_line *l = st_newline(dst);
		if (!l)
			return;
		st_pad(dst, l, indent, plain);
		if (!st_reserve(dst, l, src->lines[i].len))
			return;
		if (src->lines[i].len) /* an empty line may have no cells at all */
			memcpy(l->cells + l->len, src->lines[i].cells, src->lines[i].len * sizeof(st_cell));
		l->len += src->lines[i].len;
	}
}

/* 256-colour SGR numbers for the roles (class colours: Okabe-Ito). */
static const short ansi256[ST_NCOLORS] = {
	[ST_DEFAULT] = -1,
	[ST_C1] = 208, [ST_C2] = 74, [ST_C3] = 36, [ST_C4] = 220,
	[ST_C5] = 25, [ST_C6] = 166, [ST_C7] = 175, [ST_C8] = 245,
	[ST_AXIS] = 244, [ST_MUTED] = 243, [ST_HEADING] = 75, [ST_CODE] = 180,
	[ST_LINK] = 39, [ST_ERROR] = 196, [ST_OK] = 34, [ST_WARN] = 178,
	[ST_KEYWORD] = 170, [ST_STRING] = 107, [ST_NUMBER] = 173, [ST_COMMENT] = 245,
};

static void sgr(strbuf *sb, st_style s)
{
	sb_adds(sb, "\033[0");
	if (s.attr & ST_BOLD) sb_adds(sb, ";1");
	if (s.attr & ST_DIM) sb_adds(sb, ";2");
	if (s.attr & ST_ITALIC) sb_adds(sb, ";3");
	if (s.attr & ST_UNDERLINE) sb_adds(sb, ";4");
	if (s.attr & ST_REVERSE) sb_adds(sb, ";7");
	if (s.fg && s.fg < ST_NCOLORS && ansi256[s.fg] >= 0)
		sb_addf(sb, ";38;5;%d", ansi256[s.fg]);
	if (s.bg && s.bg < ST_NCOLORS && ansi256[s.bg] >= 0)
		sb_addf(sb, ";48;5;%d", ansi256[s.bg]);
	sb_addc(sb, 'm');
}

static int same_style(st_style a, st_style b)
{
	return a.fg == b.fg && a.bg == b.bg && a.attr == b.attr;
}

void st_line_utf8(strbuf *sb, const st_line *l, int ansi)
{
	size_t end = l->len;
	while (end > 0 && l->cells[end - 1].cp == ' ' && (!ansi || (l->cells[end - 1].style.bg == 0 &&
	       !(l->cells[end - 1].style.attr & (ST_REVERSE | ST_UNDERLINE)))))
		end--;
	st_style cur = st_mk(0, 0, 0);
	int styled = 0;
	for (size_t i = 0; i < end; i++) {
		const st_cell *c = &l->cells[i];
		if (c->cp == 0)
			continue;
		if (ansi && !same_style(c->style, cur)) {
			sgr(sb, c->style);
			cur = c->style;
			styled = 1;
		}
		char buf[4];
		sb_addn(sb, buf, utf8_encode(c->cp, buf));
	}
	if (ansi && styled)
		sb_adds(sb, "\033[0m");
}

void st_text_utf8(strbuf *sb, const st_text *t, int ansi)
{
	for (size_t i = 0; i < t->n; i++) {
		st_line_utf8(sb, &t->lines[i], ansi);
		sb_addc(sb, '\n');
	}
}
