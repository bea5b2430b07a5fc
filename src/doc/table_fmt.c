/*
** table_fmt.c — table column formats: printf conversions and Python
** format specs, parsed once when the table is made and applied to each
** cell as its row arrives.
*/
#include "table_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "numfmt.h"
#include "utf8.h"

char *tbl__dup(const char *s, size_t n)
{
	char *d = mem_alloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

/* Copies literal text, turning the doubled escape character (%% or {{ and }}) into one. */
static char *literal(const char *s, size_t n, int py)
{
	char *d = tbl__dup(s, n);
	if (!d)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		d[o++] = s[i];
		if (i + 1 < n && s[i + 1] == s[i] && (py ? (s[i] == '{' || s[i] == '}') : s[i] == '%'))
			i++;
	}
	d[o] = 0;
	return d;
}

/*
** printf formats: literal text with exactly one conversion %[flags][width]
** [.precision][length]conv, conv one of d i u o x X f F e E g G s.  Length
** modifiers are accepted and ignored (the value is converted to what the
** conversion needs); widths and precisions are capped at 99.
*/
static int parse_printf(const char *f, colfmt *c)
{
	size_t n = strlen(f), start = 0, end = 0;
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		if (f[i] != '%')
			continue;
		if (f[i + 1] == '%') {
			i++;
			continue;
		}
		if (found)
			return TBL_EFORMAT;
		size_t j = i + 1, o = 0;
		c->spec[o++] = '%';
		while (f[j] && strchr("-+ #0", f[j]) && o < 8)
			c->spec[o++] = f[j++];
		for (int k = 0; k < 2 && f[j] >= '0' && f[j] <= '9'; k++)
			c->spec[o++] = f[j++];
		if (f[j] == '.') {
			c->spec[o++] = f[j++];
			for (int k = 0; k < 2 && f[j] >= '0' && f[j] <= '9'; k++)
				c->spec[o++] = f[j++];
		}
		while (f[j] && strchr("hlLqjzt", f[j]))
			j++;
		if (!f[j] || !strchr("diuoxXfFeEgGs", f[j]))
			return TBL_EFORMAT;
		c->spec[o] = 0;
		c->conv = f[j];
		start = i;
		end = j + 1;
		found = 1;
		i = j;
	}
	if (!found)
		return TBL_EFORMAT;
	c->kind = FMT_PRINTF;
	c->pre = literal(f, start, 0);
	c->post = literal(f + end, n - end, 0);
	return c->pre && c->post ? TBL_OK : TBL_ENOMEM;
}

/* Python formats: literal text with exactly one field "{}", "{0}", "{:spec}" or "{0:spec}". */
static int parse_py(const char *f, colfmt *c)
{
	size_t n = strlen(f), start = 0, end = 0;
	int found = 0;
	for (size_t i = 0; i < n; i++) {
		if ((f[i] == '{' || f[i] == '}') && f[i + 1] == f[i]) {
			i++;
			continue;
		}
		if (f[i] == '}')
			return TBL_EFORMAT;
		if (f[i] != '{')
			continue;
		if (found)
			return TBL_EFORMAT;
		const char *close = strchr(f + i, '}');
		if (!close)
			return TBL_EFORMAT;
		size_t j = i + 1;
		if (f[j] == '0')
			j++;
		if (f[j] == ':') {
			size_t len = (size_t)(close - (f + j + 1));
			if (len >= sizeof c->spec || memchr(f + j + 1, '{', len))
				return TBL_EFORMAT;
			memcpy(c->spec, f + j + 1, len);
			c->spec[len] = 0;
		} else if (f + j != close) {
			return TBL_EFORMAT;
		}
		start = i;
		end = (size_t)(close - f) + 1;
		found = 1;
		i = end - 1;
	}
	if (!found)
		return TBL_EFORMAT;
	size_t sl = strlen(c->spec);
	if (sl && c->spec[sl - 1] == 's') {
		c->conv = 's'; /* a text spec: numbers are padded as text */
	} else if (c->spec[0]) {
		strbuf probe = STRBUF_INIT;
		int bad = numfmt_pyformat(&probe, c->spec, 0.5) != 0;
		sb_free(&probe);
		if (bad)
			return TBL_EFORMAT;
	}
	c->kind = FMT_PY;
	c->pre = literal(f, start, 1);
	c->post = literal(f + end, n - end, 1);
	return c->pre && c->post ? TBL_OK : TBL_ENOMEM;
}

int tbl__parse_format(const char *f, colfmt *c)
{
	memset(c, 0, sizeof *c);
	if (!f || !*f)
		return TBL_OK;
	if (strchr(f, '{') || strchr(f, '}'))
		return parse_py(f, c);
	return parse_printf(f, c);
}

/* Appends s padded to `width` columns (left-aligned when left), cut to prec code points (-1: all). */
static void pad_str(strbuf *sb, const char *s, size_t width, int left, int align_c, long prec)
{
	size_t n = strlen(s);
	if (prec >= 0) {
		size_t i = 0;
		for (long k = 0; k < prec && i < n; k++) {
			uint32_t cp;
			i += utf8_decode(s + i, n - i, &cp);
		}
		n = i;
	}
	size_t w = utf8_width(s, n), pad = width > w ? width - w : 0;
	size_t lp = align_c ? pad / 2 : left ? 0 : pad;
	sb_addrep(sb, ' ', lp);
	sb_addn(sb, s, n);
	sb_addrep(sb, ' ', pad - lp);
}

/* Reads width and precision from a printf spec ("%-8.3"). */
static void printf_wp(const char *spec, size_t *width, long *prec, int *left)
{
	const char *p = spec + 1;
	*left = 0;
	while (*p && strchr("-+ #0", *p))
		*left |= *p++ == '-';
	*width = 0;
	while (*p >= '0' && *p <= '9')
		*width = *width * 10 + (size_t)(*p++ - '0');
	*prec = -1;
	if (*p == '.') {
		*prec = 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			*prec = *prec * 10 + (*p - '0');
	}
}

/* Reads [[fill]align][sign][#][0][width][,][.precision] enough to pad text. */
static void py_wp(const char *spec, size_t *width, long *prec, int *left, int *centre)
{
	const char *p = spec;
	*left = 1;
	*centre = 0;
	if (p[0] && p[1] && strchr("<>^=", p[1]))
		p++; /* a fill character (ASCII only here) */
	if (*p && strchr("<>^=", *p)) {
		*left = *p == '<';
		*centre = *p == '^';
		p++;
	}
	while (*p && strchr("+- #0", *p))
		p++;
	*width = 0;
	while (*p >= '0' && *p <= '9')
		*width = *width * 10 + (size_t)(*p++ - '0');
	if (*p == ',' || *p == '_')
		p++;
	*prec = -1;
	if (*p == '.') {
		*prec = 0;
		for (p++; *p >= '0' && *p <= '9'; p++)
			*prec = *prec * 10 + (*p - '0');
	}
}

/* The default text of a number: as Lua's print shows it. */
static void default_num(strbuf *sb, const tbl_value *v)
{
	char buf[32];
	sb_adds(sb, numfmt_number(v->num, v->kind == TBL_INT, buf));
}

static void format_printf(strbuf *sb, const colfmt *c, const tbl_value *v)
{
	size_t width;
	long prec;
	int left;
	printf_wp(c->spec, &width, &prec, &left);
	if (v->kind == TBL_STR || c->conv == 's') {
		strbuf tmp = STRBUF_INIT;
		const char *s = v->str;
		if (v->kind != TBL_STR) {
			default_num(&tmp, v);
			s = sb_str(&tmp);
		}
		pad_str(sb, s ? s : "", width, left, 0, c->conv == 's' ? prec : -1);
		sb_free(&tmp);
		return;
	}
	double x = v->num;
	char fmt[40];
	if (!isfinite(x)) {
		pad_str(sb, isnan(x) ? "nan" : x > 0 ? "inf" : "-inf", width, left, 0, -1);
	} else if (strchr("diuoxX", c->conv)) {
		if (fabs(x) >= 9.2e18) {
			snprintf(fmt, sizeof fmt, "%s.0f", c->spec);
			sb_addf(sb, fmt, x);
		} else {
			snprintf(fmt, sizeof fmt, "%sll%c", c->spec, c->conv);
			if (c->conv == 'd' || c->conv == 'i')
				sb_addf(sb, fmt, (long long)x);
			else
				sb_addf(sb, fmt, (unsigned long long)(long long)x);
		}
	} else {
		snprintf(fmt, sizeof fmt, "%s%c", c->spec, c->conv);
		sb_addf(sb, fmt, x);
	}
}

static void format_py(strbuf *sb, const colfmt *c, const tbl_value *v)
{
	if (v->kind == TBL_STR || c->conv == 's') {
		size_t width;
		long prec;
		int left, centre;
		strbuf tmp = STRBUF_INIT;
		const char *s = v->str;
		if (v->kind != TBL_STR) {
			default_num(&tmp, v);
			s = sb_str(&tmp);
		}
		py_wp(c->spec, &width, &prec, &left, &centre);
		size_t sl = strlen(c->spec);
		if (sl && c->spec[sl - 1] >= 'A' && c->spec[sl - 1] != 's')
			prec = -1; /* a number's precision does not cut text */
		pad_str(sb, s ? s : "", width, left, centre, prec);
		sb_free(&tmp);
	} else if (!c->spec[0]) {
		default_num(sb, v);
	} else if (numfmt_pyformat(sb, c->spec, v->num) != 0) {
		default_num(sb, v);
	}
}

void tbl__format_cell(strbuf *sb, const colfmt *c, const tbl_value *v)
{
	if (v->kind == TBL_NONE)
		return;
	if (c->kind == FMT_DEFAULT) {
		if (v->kind == TBL_STR)
			sb_adds(sb, v->str ? v->str : "");
		else
			default_num(sb, v);
		return;
	}
	sb_adds(sb, c->pre);
	if (c->kind == FMT_PRINTF)
		format_printf(sb, c, v);
	else
		format_py(sb, c, v);
	sb_adds(sb, c->post);
}

void tbl__free_format(colfmt *c)
{
	mem_free(c->pre);
	mem_free(c->post);
	c->pre = c->post = NULL;
}
