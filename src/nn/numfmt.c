/*
** numfmt.c — arrays printed the way numpy 1.24 prints them (str and repr
** with the default print options).
**
** numpy picks one format for the whole array from the elements it will
** show: integers padded to the widest; floats either positional (at most
** 8 digits after the point, the shortest digits that identify each value,
** padded so the points line up) or scientific when the magnitudes call for
** it.  Rows longer than the line width wrap with a hanging indent, and
** arrays of more than 1000 elements show only three items at each edge of
** each axis, with "..." between.
*/
#include "numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "numfmt_int.h"

#define PRECISION 8      /* numpy's default precision */
#define THRESHOLD 1000   /* summarise above this many elements */
#define EDGEITEMS 3      /* items kept at each edge when summarising */
#define LINEWIDTH 75

/* One format for every element of an array (numpy's FloatingFormat or IntegerFormat). */
typedef struct elemfmt {
	int isint;      /* integers: "%*d" in `width` */
	int width;
	int exp;        /* scientific notation */
	int pad_left;   /* characters before the point (sign included) */
	int pad_right;  /* characters after it */
	int prec;       /* scientific: digits after the point, zero-padded */
	int exp_size;   /* scientific: exponent digits */
} elemfmt;

/* Which elements print: all of them, or EDGEITEMS at each end of a long axis. */
typedef struct view {
	const mat *m;
	size_t rows, cols;   /* rows is 1 for 0-D and 1-D */
	int summarise;
} view;

static size_t shown_len(const view *v, size_t len)
{
	return v->summarise && len > 2 * EDGEITEMS ? 2 * EDGEITEMS : len;
}

/* The k-th shown index of an axis of length len. */
static size_t shown_at(const view *v, size_t len, size_t k)
{
	if (v->summarise && len > 2 * EDGEITEMS && k >= EDGEITEMS)
		return len - 2 * EDGEITEMS + k;
	return k;
}

static double elem(const view *v, size_t i, size_t j)
{
	return v->m->data[i * v->cols + j];
}

/* --- one element's digits -------------------------------------------------- */

/*
** numpy's Dragon4 in "unique" mode with a cutoff: the shortest round-trip
** digits when they fit in PRECISION places (after the point, or after the
** first digit in scientific notation), otherwise the exact value rounded
** to PRECISION places, trailing zeros dropped.
*/
static void elem_digits(double ax, int sci, numfmt_dec *v)
{
	numfmt_shortest(ax, v);
	int places = sci ? v->n - 1 : v->n - v->decpt;
	if (places > PRECISION)
		numfmt_round(ax, PRECISION, sci, v);
}

/* Lengths of the parts numpy pads: integer part (with sign), fraction, exponent digits. */
static void elem_parts(double x, int sci, int *ilen, int *flen, int *elen)
{
	numfmt_dec v;
	elem_digits(fabs(x), sci, &v);
	int neg = signbit(x) != 0;
	if (sci) {
		int e = v.decpt - 1;
		e = e < 0 ? -e : e;
		*ilen = neg + 1;
		*flen = v.n - 1;
		*elen = e >= 100 ? 3 : 2;
	} else {
		*ilen = neg + (v.decpt > 0 ? v.decpt : 1);
		*flen = v.n > v.decpt ? v.n - v.decpt : 0;
		*elen = 0;
	}
}

/* Decimal length of a whole number as str(int) prints it. */
static int int_len(double x)
{
	char buf[400];
	return snprintf(buf, sizeof buf, "%.0f", x + 0.0);
}

/* --- choosing the format ---------------------------------------------------- */

/* Whether every shown element is a finite whole number. */
static int shown_integral(const view *v)
{
	for (size_t a = 0; a < shown_len(v, v->rows); a++)
		for (size_t b = 0; b < shown_len(v, v->cols); b++) {
			double x = elem(v, shown_at(v, v->rows, a), shown_at(v, v->cols, b));
			if (!isfinite(x) || x != floor(x))
				return 0;
		}
	return 1;
}

/*
** Builds the format from the shown elements only, as numpy does: the
** integer width from the largest and smallest; for floats, scientific
** when the largest |x| >= 1e8, the smallest nonzero < 1e-4, or their ratio
** > 1000, then the widest integer and fraction parts.
*/
static elemfmt choose_format(const view *v)
{
	elemfmt f = {0, 0, 0, 0, 0, 0, 0};
	size_t nr = shown_len(v, v->rows), nc = shown_len(v, v->cols);

	if (v->m->isint && shown_integral(v)) {
		double lo = elem(v, 0, 0), hi = lo;
		for (size_t a = 0; a < nr; a++)
			for (size_t b = 0; b < nc; b++) {
				double x = elem(v, shown_at(v, v->rows, a), shown_at(v, v->cols, b));
				lo = x < lo ? x : lo;
				hi = x > hi ? x : hi;
			}
		int wl = int_len(lo), wh = int_len(hi);
		f.isint = 1;
		f.width = wl > wh ? wl : wh;
		return f;
	}

	double mx = 0, mn = 0;
	int any_nonzero = 0, any_finite = 0, any_nonfinite = 0, neginf = 0;
	for (size_t a = 0; a < nr; a++)
		for (size_t b = 0; b < nc; b++) {
			double x = elem(v, shown_at(v, v->rows, a), shown_at(v, v->cols, b));
			if (!isfinite(x)) {
				any_nonfinite = 1;
				neginf |= isinf(x) && x < 0;
				continue;
			}
			any_finite = 1;
			double ax = fabs(x);
			if (ax == 0)
				continue;
			if (!any_nonzero || ax > mx)
				mx = ax;
			if (!any_nonzero || ax < mn)
				mn = ax;
			any_nonzero = 1;
		}
	if (any_nonzero)
		f.exp = mx >= 1e8 || mn < 0.0001 || mx / mn > 1000.;

	if (any_finite) {
		int maxi = 0, maxf = 0, maxe = 0;
		for (size_t a = 0; a < nr; a++)
			for (size_t b = 0; b < nc; b++) {
				double x = elem(v, shown_at(v, v->rows, a), shown_at(v, v->cols, b));
				int il, fl, el;
				if (!isfinite(x))
					continue;
				elem_parts(x, f.exp, &il, &fl, &el);
				maxi = il > maxi ? il : maxi;
				maxf = fl > maxf ? fl : maxf;
				maxe = el > maxe ? el : maxe;
			}
		f.pad_left = maxi;
		if (f.exp) {
			f.prec = maxf;
			f.exp_size = maxe;
			f.pad_right = maxe + 2 + maxf;
		} else {
			f.pad_right = maxf;
		}
	}
	if (any_nonfinite) {
		/* Room for "nan", "inf" and "-inf" in the same width. */
		int offset = f.pad_right + 1, need = 3 + neginf - offset;
		if (need > f.pad_left)
			f.pad_left = need;
	}
	return f;
}

/* Appends x in format f: padded to the common width. */
static void put_elem(strbuf *sb, const elemfmt *f, double x)
{
	if (f->isint) {
		sb_addf(sb, "%*.0f", f->width, x + 0.0);
		return;
	}
	if (!isfinite(x)) {
		const char *s = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
		int w = f->pad_left + f->pad_right + 1 - (int)strlen(s);
		sb_addrep(sb, ' ', w > 0 ? (size_t)w : 0);
		sb_adds(sb, s);
		return;
	}
	numfmt_dec v;
	elem_digits(fabs(x), f->exp, &v);
	int neg = signbit(x) != 0;
	if (f->exp) {
		int e = v.decpt - 1;
		sb_addrep(sb, ' ', (size_t)(f->pad_left - neg - 1));
		if (neg)
			sb_addc(sb, '-');
		sb_addc(sb, v.d[0]);
		sb_addc(sb, '.');
		sb_addn(sb, v.d + 1, (size_t)(v.n - 1));
		sb_addrep(sb, '0', (size_t)(f->prec - (v.n - 1)));
		sb_addf(sb, "e%c%0*d", e < 0 ? '-' : '+', f->exp_size, e < 0 ? -e : e);
		return;
	}
	int ilen = v.decpt > 0 ? v.decpt : 1, flen = v.n > v.decpt ? v.n - v.decpt : 0;
	sb_addrep(sb, ' ', (size_t)(f->pad_left - neg - ilen));
	if (neg)
		sb_addc(sb, '-');
	for (int i = 0; i < ilen; i++)
		sb_addc(sb, v.decpt > 0 && i < v.n ? v.d[i] : '0');
	sb_addc(sb, '.');
	for (int i = v.decpt; i < v.n; i++)
		sb_addc(sb, i < 0 ? '0' : v.d[i]);
	sb_addrep(sb, ' ', (size_t)(f->pad_right - flen));
}

/* --- layout ----------------------------------------------------------------- */

/* How one call prints: str (" " between items) or repr (", " and "array("). */
typedef struct style {
	const char *sep;
	size_t width;    /* the line width left for the items */
	size_t indent;   /* continuation indent of the outer level */
} style;

/* Appends line without its trailing blanks, then a newline. */
static void flush_line(strbuf *s, const strbuf *line)
{
	size_t n = line->len;
	while (n > 0 && line->s[n - 1] == ' ')
		n--;
	sb_addn(s, line->s, n);
	sb_addc(s, '\n');
}

/*
** numpy's _extendLine: start a new line (with the hanging indent) when
** the word would pass the width, unless the line holds only the indent.
*/
static void extend_line(strbuf *s, strbuf *line, const char *word, size_t wlen,
                        size_t width, size_t indent)
{
	if (line->len + wlen > width && line->len > indent) {
		flush_line(s, line);
		sb_clear(line);
		sb_addrep(line, ' ', indent);
	}
	sb_addn(line, word, wlen);
}

/*
** One row (the last axis) of items, wrapped to `width` with `indent`
** spaces of hanging indent, in brackets.  The first line's indent is not
** printed: the caller has already put the text that precedes the '['.
*/
static void put_row(strbuf *out, const view *v, const elemfmt *f, const style *st,
                    size_t i, size_t indent, size_t width)
{
	strbuf s = STRBUF_INIT, line = STRBUF_INIT, word = STRBUF_INIT;
	size_t n = shown_len(v, v->cols), item_width = width - 1;
	int summary = v->summarise && v->cols > 2 * EDGEITEMS;

	sb_addrep(&line, ' ', indent);
	for (size_t k = 0; k < n; k++) {
		sb_clear(&word);
		put_elem(&word, f, elem(v, i, shown_at(v, v->cols, k)));
		extend_line(&s, &line, sb_str(&word), word.len, item_width, indent);
		if (k + 1 < n)
			sb_adds(&line, st->sep);
		if (summary && k + 1 == EDGEITEMS) {
			extend_line(&s, &line, "...", 3, item_width, indent);
			sb_adds(&line, st->sep);
		}
	}
	sb_addn(&s, line.s ? line.s : "", line.len);
	sb_addc(out, '[');
	if (s.len > indent)
		sb_addn(out, s.s + indent, s.len - indent);
	sb_addc(out, ']');
	if (s.failed || line.failed || word.failed)
		out->failed = 1;
	sb_free(&s);
	sb_free(&line);
	sb_free(&word);
}

/* The body of a non-empty 1-D or 2-D array: "[...]" or "[[...]\n [...]]". */
static void put_array(strbuf *out, const view *v, const elemfmt *f, const style *st)
{
	if (v->m->ndim < 2) {
		put_row(out, v, f, st, 0, st->indent, st->width);
		return;
	}
	/* Rows nest one level deeper: one more space of indent, one less column. */
	size_t n = shown_len(v, v->rows), seplen = strlen(st->sep);
	while (seplen > 0 && st->sep[seplen - 1] == ' ')
		seplen--;
	int summary = v->summarise && v->rows > 2 * EDGEITEMS;
	sb_addc(out, '[');
	for (size_t k = 0; k < n; k++) {
		if (k > 0)
			sb_addrep(out, ' ', st->indent);
		put_row(out, v, f, st, shown_at(v, v->rows, k), st->indent + 1, st->width - 1);
		if (k + 1 < n) {
			sb_addn(out, st->sep, seplen);
			sb_addc(out, '\n');
		}
		if (summary && k + 1 == EDGEITEMS) {
			sb_addrep(out, ' ', st->indent);
			sb_adds(out, "...");
			sb_addn(out, st->sep, seplen);
			sb_addc(out, '\n');
		}
	}
	sb_addc(out, ']');
}

static view make_view(const mat *m)
{
	view v;
	v.m = m;
	v.rows = m->ndim == 2 ? m->rows : 1;
	v.cols = m->ndim == 0 ? 1 : m->cols;
	v.summarise = mat_size(m) > THRESHOLD;
	return v;
}

void numfmt_array(strbuf *sb, const mat *m)
{
	if (m->ndim == 0) {
		/* A 0-D array prints as the Python scalar it holds. */
		char buf[32];
		double x = m->data[0];
		sb_adds(sb, numfmt_number(x, m->isint && isfinite(x) && x == floor(x), buf));
		return;
	}
	if (mat_size(m) == 0) {
		sb_adds(sb, "[]");
		return;
	}
	view v = make_view(m);
	elemfmt f = choose_format(&v);
	style st = {" ", LINEWIDTH, 1};
	put_array(sb, &v, &f, &st);
}

void numfmt_array_repr(strbuf *sb, const mat *m)
{
	const char *dtype = m->isint ? "int64" : "float64";
	if (mat_size(m) == 0) {
		/* numpy names the dtype of an empty array, and its shape unless (0,). */
		if (m->ndim == 2)
			sb_addf(sb, "array([], shape=(%zu, %zu), dtype=%s)", m->rows, m->cols, dtype);
		else
			sb_addf(sb, "array([], dtype=%s)", dtype);
		return;
	}
	view v = make_view(m);
	elemfmt f = choose_format(&v);
	sb_adds(sb, "array(");
	if (m->ndim == 0) {
		put_elem(sb, &f, m->data[0]);
	} else {
		/* The ")" after the last row counts against the line width. */
		style st = {", ", LINEWIDTH - 1, strlen("array(") + 1};
		put_array(sb, &v, &f, &st);
	}
	sb_addc(sb, ')');
}
