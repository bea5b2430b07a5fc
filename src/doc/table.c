/*
** table.c — live tables: rows kept in a ring of charged rows, laid out at
** any width.  Cells are formatted as rows arrive (table_fmt.c).
*/
#include "table_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "strbuf.h"
#include "utf8.h"

const char *tbl_strerror(int status)
{
	switch (status) {
	case TBL_OK: return "ok";
	case TBL_ENOMEM: return "not enough memory";
	case TBL_EARG: return "a table needs 1 to 64 named columns";
	case TBL_EFORMAT: return "bad column format (use one conversion like \"%.4f\" or \"{:>7.3f}\")";
	}
	return "unknown table error";
}

/* --- the table ---------------------------------------------------------------------- */

int tbl_new(const char *const *names, const char *const *formats, size_t ncols, tbl **out)
{
	*out = NULL;
	if (!names || ncols == 0 || ncols > TBL_MAX_COLS)
		return TBL_EARG;
	for (size_t i = 0; i < ncols; i++)
		if (!names[i])
			return TBL_EARG;
	tbl *t = mem_calloc(1, sizeof *t);
	if (!t)
		return TBL_ENOMEM;
	t->refs = 1;
	t->version = 1;
	t->cap = TBL_MAX_ROWS;
	t->cols = mem_calloc(ncols, sizeof *t->cols);
	if (!t->cols) {
		mem_free(t);
		return TBL_ENOMEM;
	}
	t->ncols = ncols;
	for (size_t i = 0; i < ncols; i++) {
		column *c = &t->cols[i];
		int rc = tbl__parse_format(formats ? formats[i] : NULL, &c->fmt);
		if (rc == TBL_OK && !(c->name = mem_strdup(names[i])))
			rc = TBL_ENOMEM;
		if (rc != TBL_OK) {
			tbl_unref(t);
			return rc;
		}
		c->strw = utf8_width(c->name, strlen(c->name));
	}
	*out = t;
	return TBL_OK;
}

void tbl_ref(tbl *t)
{
	if (t)
		t->refs++;
}

void tbl_unref(tbl *t)
{
	if (!t || --t->refs > 0)
		return;
	for (size_t i = 0; i < t->n; i++)
		mem_free(t->ring[(t->head + i) % t->ringcap]);
	mem_free(t->ring);
	for (size_t i = 0; i < t->ncols; i++) {
		mem_free(t->cols[i].name);
		tbl__free_format(&t->cols[i].fmt);
	}
	mem_free(t->cols);
	mem_free(t);
}

unsigned long tbl_version(const tbl *t) { return t->version; }
int tbl_refs(const tbl *t) { return t->refs; }
size_t tbl_ncols(const tbl *t) { return t->ncols; }
size_t tbl_nrows(const tbl *t) { return t->n; }
size_t tbl_dropped(const tbl *t) { return t->dropped; }

/* Re-packs the ring oldest-first into a buffer of newcap slots. */
static int regrow(tbl *t, size_t newcap)
{
	row *r = mem_calloc(newcap, sizeof *r);
	if (!r)
		return TBL_ENOMEM;
	for (size_t i = 0; i < t->n; i++)
		r[i] = t->ring[(t->head + i) % t->ringcap];
	mem_free(t->ring);
	t->ring = r;
	t->ringcap = newcap;
	t->head = 0;
	return TBL_OK;
}

int tbl_set_cap(tbl *t, size_t cap)
{
	if (cap == 0 || cap > TBL_MAX_ROWS)
		cap = TBL_MAX_ROWS;
	while (t->n > cap) {
		mem_free(t->ring[t->head]);
		t->head = (t->head + 1) % t->ringcap;
		t->n--;
		t->dropped++;
	}
	t->cap = cap;
	if (t->ringcap > cap)
		regrow(t, cap); /* best effort: a larger ring still works */
	t->version++;
	return TBL_OK;
}

/* Splits a number's text at its decimal point: columns before it, and from it on. */
static void number_parts(const char *s, size_t *intw, size_t *fracw)
{
	const char *dot = strchr(s, '.');
	size_t n = strlen(s), k = dot ? (size_t)(dot - s) : n;
	*intw = utf8_width(s, k);
	*fracw = utf8_width(s + k, n - k);
}

int tbl_add(tbl *t, const tbl_value *v, size_t n)
{
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < t->ncols; i++) {
		tbl_value none = {TBL_NONE, 0, NULL};
		const tbl_value *x = i < n && v ? &v[i] : &none;
		sb_addc(&sb, x->kind == TBL_NONE ? '-' : x->kind == TBL_STR ? 's' : 'n');
		tbl__format_cell(&sb, &t->cols[i].fmt, x);
		sb_addc(&sb, 0);
	}
	if (sb.failed) {
		sb_free(&sb);
		return TBL_ENOMEM;
	}
	row r = tbl__dup(sb.s, sb.len);
	sb_free(&sb);
	if (!r)
		return TBL_ENOMEM;
	return tbl__push(t, r);
}

int tbl__push(tbl *t, row r)
{
	if (t->n == t->ringcap && t->n < t->cap) {
		size_t nc = t->ringcap ? t->ringcap * 2 : 64;
		if (regrow(t, nc > t->cap ? t->cap : nc) != TBL_OK) {
			mem_free(r);
			return TBL_ENOMEM;
		}
	}
	if (t->n == t->cap) { /* full: the oldest row goes */
		mem_free(t->ring[t->head]);
		t->head = (t->head + 1) % t->ringcap;
		t->n--;
		t->dropped++;
	}
	t->ring[(t->head + t->n) % t->ringcap] = r;
	t->n++;
	const char *p = r;
	for (size_t i = 0; i < t->ncols; i++) {
		column *c = &t->cols[i];
		char kind = *p++;
		if (kind == 'n') {
			size_t iw, fw;
			number_parts(p, &iw, &fw);
			c->numeric = 1;
			c->intw = iw > c->intw ? iw : c->intw;
			c->fracw = fw > c->fracw ? fw : c->fracw;
		} else if (kind == 's') {
			size_t w = utf8_width(p, strlen(p));
			c->strw = w > c->strw ? w : c->strw;
		}
		p += strlen(p) + 1;
	}
	t->version++;
	return TBL_OK;
}

/* Cell col of a row, and its kind. */
static const char *cell_of(row r, size_t col, char *kind)
{
	const char *p = r;
	for (size_t i = 0; i < col; i++)
		p += strlen(p + 1) + 2;
	*kind = *p;
	return p + 1;
}

const char *tbl_cell(const tbl *t, size_t r, size_t col)
{
	char kind;
	if (r >= t->n || col >= t->ncols)
		return NULL;
	return cell_of(t->ring[(t->head + r) % t->ringcap], col, &kind);
}

/* --- drawing ---------------------------------------------------------------------- */

static size_t col_width(const column *c)
{
	size_t w = c->intw + c->fracw;
	return w > c->strw ? w : c->strw;
}

size_t tbl_width(const tbl *t)
{
	size_t w = 0;
	for (size_t i = 0; i < t->ncols; i++)
		w += col_width(&t->cols[i]) + (i ? 2 : 0);
	return w;
}

/* Cuts a line to the width, ending it with an ellipsis. */
static void clip(st_text *t, st_line *l, size_t width, int utf8)
{
	if (!l || l->len <= width || width == 0)
		return;
	size_t keep = width - 1;
	if (keep > 0 && l->cells[keep].cp == 0) /* the cut splits a wide character */
		l->cells[keep - 1].cp = ' ';
	l->len = keep;
	st_putc(t, l, utf8 ? 0x2026 : '>', l->len ? l->cells[l->len - 1].style : st_mk(0, 0, 0));
}

static void put(st_text *t, st_line *l, const char *s, st_style st)
{
	st_puts(t, l, s, strlen(s), st);
}

static void muted_line(st_text *t, const tbl_view *v, size_t n, const char *what)
{
	char buf[80];
	snprintf(buf, sizeof buf, "%s %zu %s row%s", v->utf8 ? "\u2026" : "...", n, what, n == 1 ? "" : "s");
	st_line *l = st_newline(t);
	put(t, l, buf, st_mk(v->color ? ST_MUTED : 0, 0, 0));
	clip(t, l, v->width, v->utf8);
}

void tbl_render(const tbl *t, const tbl_view *v, st_text *out)
{
	st_style plain = st_mk(0, 0, 0), head = st_mk(v->color ? ST_HEADING : 0, 0, ST_BOLD);
	st_style rule = st_mk(v->color ? ST_AXIS : 0, 0, 0);
	/* the second st_newline may move the lines: take both pointers after it */
	size_t hi = out->n;
	if (!st_newline(out) || !st_newline(out))
		return;
	st_line *h = &out->lines[hi], *r = &out->lines[hi + 1];
	for (size_t i = 0; i < t->ncols; i++) {
		const column *c = &t->cols[i];
		size_t w = col_width(c), nw = utf8_width(c->name, strlen(c->name));
		if (i) {
			st_pad(out, h, 2, plain);
			st_pad(out, r, 2, rule);
		}
		if (c->numeric)
			st_pad(out, h, w - nw, plain);
		put(out, h, c->name, head);
		if (!c->numeric)
			st_pad(out, h, w - nw, plain);
		for (size_t k = 0; k < w; k++)
			st_putc(out, r, v->utf8 ? 0x2500 : '-', rule);
	}
	clip(out, h, v->width, v->utf8);
	clip(out, r, v->width, v->utf8);
	size_t skip = v->skip > t->n ? t->n : v->skip;
	size_t end = t->n - skip, shown = v->max_rows && v->max_rows < end ? v->max_rows : end;
	size_t first = end - shown, earlier = t->dropped + first;
	if (earlier)
		muted_line(out, v, earlier, "earlier");
	for (size_t k = first; k < end; k++) {
		row rw = t->ring[(t->head + k) % t->ringcap];
		st_line *l = st_newline(out);
		for (size_t i = 0; i < t->ncols; i++) {
			const column *c = &t->cols[i];
			char kind;
			const char *s = cell_of(rw, i, &kind);
			size_t w = col_width(c), sw = utf8_width(s, strlen(s));
			if (i)
				st_pad(out, l, 2, plain);
			if (kind == 'n') {
				size_t iw, fw;
				number_parts(s, &iw, &fw);
				size_t block = c->intw + c->fracw;
				st_pad(out, l, w - block + (c->intw - iw), plain);
				put(out, l, s, plain);
				st_pad(out, l, c->fracw - fw, plain);
			} else {
				size_t pad = w > sw ? w - sw : 0;
				if (c->numeric)
					st_pad(out, l, pad, plain);
				put(out, l, s, plain);
				if (!c->numeric)
					st_pad(out, l, pad, plain);
			}
		}
		clip(out, l, v->width, v->utf8);
	}
	if (skip)
		muted_line(out, v, skip, "later");
}
