/*
** md_flow.c — wrapping a block's inline content to a width.
**
** Greedy line filling, word by word.  A "word" is a run of narrow
** characters between spaces; every wide character is a word of its own,
** glued to its neighbours without a space, so CJK text (which has no
** spaces) can break between any two characters.  A word wider than the
** line starts a new line and is broken where the line is full.
*/
#include <stdlib.h>
#include <string.h>

#include "md_int.h"
#include "utf8.h"
#include "vec.h"

void md_flow_free(md_flow *f)
{
	free(f->c);
	f->c = NULL;
	f->n = f->cap = 0;
	f->failed = 0;
}

void md_flow_putc(md_flow *f, uint32_t cp, st_style s)
{
	if (vec_grow(&f->c, &f->cap, f->n + 1, sizeof *f->c, VEC_PLAIN) != 0) {
		f->failed = 1;
		return;
	}
	f->c[f->n].cp = cp;
	f->c[f->n].style = s;
	f->n++;
}

void md_flow_puts(md_flow *f, const char *s, size_t n, st_style st)
{
	size_t i = 0;
	while (i < n) {
		uint32_t cp;
		i += utf8_decode(s + i, n - i, &cp);
		if (cp < 0x20 || cp == 0x7F)
			cp = ' ';
		md_flow_putc(f, cp, st);
	}
}

static int special(uint32_t cp)
{
	return cp == ' ' || cp == MD_BR || cp == MD_DISP_BEGIN || cp == MD_DISP_END;
}

/* Columns cp takes once drawn (st_putc shows C1 controls as a space). */
static size_t cpw(uint32_t cp)
{
	int w = utf8_cpwidth(cp);
	if (w == 0 && cp >= 0x7F && cp < 0xA0)
		w = 1;
	return (size_t)w;
}

/* Returns the end of the word starting at i (< b). */
static size_t word_end(const md_flow *f, size_t i, size_t b)
{
	if (cpw(f->c[i].cp) == 2)
		return i + 1;
	size_t j = i + 1;
	while (j < b && !special(f->c[j].cp) && cpw(f->c[j].cp) != 2)
		j++;
	return j;
}

size_t md_flow_width(const md_flow *f)
{
	size_t best = 0, cur = 0;
	int pending = 0;
	for (size_t i = 0; i < f->n; i++) {
		uint32_t cp = f->c[i].cp;
		if (cp == ' ') {
			pending = cur > 0;
		} else if (special(cp)) {
			cur = 0;
			pending = 0;
		} else {
			cur += (size_t)pending + cpw(cp);
			pending = 0;
			if (cur > best)
				best = cur;
		}
	}
	return best;
}

size_t md_flow_minwidth(const md_flow *f)
{
	size_t best = 0;
	for (size_t i = 0; i < f->n; ) {
		if (special(f->c[i].cp)) {
			i++;
			continue;
		}
		size_t j = word_end(f, i, f->n), w = 0;
		for (; i < j; i++)
			w += cpw(f->c[i].cp);
		if (w > best)
			best = w;
	}
	return best;
}

/* The state of filling lines. */
typedef struct lay {
	st_text *out;
	size_t width, indent;
	int have;       /* the last line of out is ours and open */
	int space;      /* a space is pending before the next word */
	st_style sp;    /* its style */
} lay;

static st_line *fresh(lay *L)
{
	st_line *l = st_newline(L->out);
	L->have = l != NULL;
	L->space = 0;
	if (l)
		st_pad(L->out, l, L->indent, st_mk(ST_DEFAULT, ST_DEFAULT, 0));
	return l;
}

static void put_word(lay *L, const st_cell *w, size_t n)
{
	size_t width = 0;
	for (size_t i = 0; i < n; i++)
		width += cpw(w[i].cp);
	st_line *l = L->have ? &L->out->lines[L->out->n - 1] : NULL;
	size_t need = l && L->space ? 1 : 0;
	if (!l || (l->len + need + width > L->width && l->len > L->indent)) {
		l = fresh(L);
		need = 0;
	}
	if (!l)
		return;
	if (need)
		st_putc(L->out, l, ' ', L->sp);
	L->space = 0;
	for (size_t i = 0; i < n; i++) {
		if (l->len + cpw(w[i].cp) > L->width && l->len > L->indent && !(l = fresh(L)))
			return;
		st_putc(L->out, l, w[i].cp, w[i].style);
	}
}

/* Lays out f->c[a..b) with `indent` columns before every line. */
static void layout(const md_flow *f, size_t a, size_t b, size_t width, size_t indent, st_text *out)
{
	lay L = {out, width, indent, 0, 0, st_mk(0, 0, 0)};
	size_t i = a;
	while (i < b) {
		uint32_t cp = f->c[i].cp;
		if (cp == ' ') {
			if (L.have && !L.space) {
				L.space = 1;
				L.sp = f->c[i].style;
			}
			i++;
		} else if (cp == MD_BR) {
			if (!L.have)
				fresh(&L);
			L.have = 0;
			i++;
		} else if (cp == MD_DISP_BEGIN) {
			size_t j = i + 1;
			while (j < b && f->c[j].cp != MD_DISP_END)
				j++;
			size_t d = width - indent >= 24 ? 4 : width - indent >= 10 ? 2 : 0;
			layout(f, i + 1, j, width, indent + d, out);
			L.have = 0;
			i = j < b ? j + 1 : j;
		} else if (cp == MD_DISP_END) {
			i++;
		} else {
			size_t j = word_end(f, i, b);
			put_word(&L, f->c + i, j - i);
			i = j;
		}
	}
}

void md_flow_layout(const md_flow *f, size_t width, st_text *out)
{
	layout(f, 0, f->n, width ? width : 1, 0, out);
}

void md_append(st_text *out, const st_text *src, size_t indent)
{
	for (size_t i = 0; i < src->n; i++) {
		const st_line *s = &src->lines[i];
		st_line *l = st_newline(out);
		if (!l)
			return;
		size_t need = indent + s->len;
		if (need) {
			l->cells = malloc(need * sizeof *l->cells);
			if (!l->cells) {
				out->failed = 1;
				return;
			}
			l->cap = need;
		}
		for (size_t k = 0; k < indent; k++) {
			l->cells[k].cp = ' ';
			l->cells[k].style = st_mk(ST_DEFAULT, ST_DEFAULT, 0);
		}
		if (s->len)
			memcpy(l->cells + indent, s->cells, s->len * sizeof *s->cells);
		l->len = need;
	}
}
