/*
** numfmt_float.c — one number as Python prints it: repr (the shortest
** digits that read back exactly) and the format-spec mini-language.
**
** The digits come from the C library, whose printf rounds the exact
** binary value correctly (round half to even), the same rule Python's and
** numpy's own digit generators follow.  Finding the shortest string is a
** short search over printf precisions, checked with strtod.  printf and
** strtod follow LC_NUMERIC, which the program may have set from the
** environment: everything here reads printf's digits past whatever radix
** character it wrote, and hands strtod only "digits e exponent".
*/
#include "numfmt.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt_int.h"

/* --- digits -------------------------------------------------------------- */

/* Drops leading and trailing zero digits; all zeros become "0", decpt 1. */
static void dec_normalise(numfmt_dec *v)
{
	int lead = 0;
	while (lead < v->n && v->d[lead] == '0')
		lead++;
	if (lead == v->n) {
		v->d[0] = '0';
		v->n = 1;
		v->decpt = 1;
		return;
	}
	memmove(v->d, v->d + lead, (size_t)(v->n - lead));
	v->n -= lead;
	v->decpt -= lead;
	while (v->n > 1 && v->d[v->n - 1] == '0')
		v->n--;
}

/*
** Reads the digits of a printf %f or %e result (sign ignored, any radix
** character skipped).  Trailing zeros are kept unless `strip`: the search
** below steps the last printed digit.
*/
static void dec_parse(const char *s, numfmt_dec *v, int strip)
{
	int intlen = 0, seen_point = 0;
	v->n = 0;
	for (; *s && *s != 'e' && *s != 'E'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (v->n < (int)sizeof v->d)
				v->d[v->n++] = *s;
			if (!seen_point)
				intlen++;
		} else if (*s != '-' && *s != '+') {
			seen_point = 1;
		}
	}
	v->decpt = intlen + (*s ? atoi(s + 1) : 0);
	if (strip) {
		dec_normalise(v);
	} else {
		/* Only leading zeros go (there are none from %e of a normal x). */
		int lead = 0;
		while (lead < v->n - 1 && v->d[lead] == '0')
			lead++;
		memmove(v->d, v->d + lead, (size_t)(v->n - lead));
		v->n -= lead;
		v->decpt -= lead;
	}
}

/* Whether v reads back as exactly ax. */
static int dec_reads_as(const numfmt_dec *v, double ax)
{
	char buf[64];
	memcpy(buf, v->d, (size_t)v->n);
	snprintf(buf + v->n, sizeof buf - (size_t)v->n, "e%d", v->decpt - v->n);
	return strtod(buf, NULL) == ax;
}

/* Moves v one unit of its last digit up (dir > 0) or down. */
static void dec_step(numfmt_dec *v, int dir)
{
	int i = v->n - 1;
	if (dir > 0) {
		while (i >= 0 && v->d[i] == '9')
			v->d[i--] = '0';
		if (i < 0) {
			memmove(v->d + 1, v->d, (size_t)v->n);
			v->d[0] = '1';
			v->n++;
			v->decpt++;
		} else {
			v->d[i]++;
		}
	} else {
		while (i >= 0 && v->d[i] == '0')
			v->d[i--] = '9';
		if (i >= 0)
			v->d[i]--;
	}
}

/*
** Tries the correctly rounded (p+1)-digit decimal, then its neighbour on
** the far side of ax: when ax is a power of two the interval that reads
** back as ax is twice as wide above as below, so the nearest decimal can
** miss while the next one up still reads back.
*/
static int try_digits(double ax, int p, numfmt_dec *out)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%.*e", p, ax);
	dec_parse(buf, out, 0);
	if (dec_reads_as(out, ax))
		goto found;
	char tmp[64];
	memcpy(tmp, out->d, (size_t)out->n);
	snprintf(tmp + out->n, sizeof tmp - (size_t)out->n, "e%d", out->decpt - out->n);
	dec_step(out, strtod(tmp, NULL) < ax ? 1 : -1);
	if (dec_reads_as(out, ax))
		goto found;
	return 0;
found:
	dec_normalise(out);
	return 1;
}

/*
** For a normal double, a string of 15 or fewer significant digits that
** reads back lies within half an ulp (< 1.2e-16 relative) of ax, closer
** than half a unit of the 15th digit (>= 5e-16 relative): it is then the
** correctly rounded 15-digit value with its zeros stripped.  So one %.14e
** settles every short case; otherwise 16 digits (with the neighbour
** check) or 17 (which always read back).  Subnormals have fewer bits and
** search every length.
*/
void numfmt_shortest(double ax, numfmt_dec *out)
{
	if (ax == 0) {
		out->d[0] = '0';
		out->n = 1;
		out->decpt = 1;
		return;
	}
	if (ax >= DBL_MIN) {
		char buf[64];
		snprintf(buf, sizeof buf, "%.14e", ax);
		dec_parse(buf, out, 0);
		if (dec_reads_as(out, ax)) {
			dec_normalise(out);
			return;
		}
		if (try_digits(ax, 15, out))
			return;
	} else {
		for (int p = 0; p < 16; p++)
			if (try_digits(ax, p, out))
				return;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "%.16e", ax);
	dec_parse(buf, out, 1);
}

void numfmt_round(double ax, int prec, int sci, numfmt_dec *out)
{
	char buf[128];
	snprintf(buf, sizeof buf, sci ? "%.*e" : "%.*f", prec, ax);
	dec_parse(buf, out, 1);
}

/* Appends the digits of v as a positional number: "12.5", "0.001", "3". */
static char *put_positional(char *p, const numfmt_dec *v)
{
	if (v->decpt <= 0) {
		*p++ = '0';
	} else {
		for (int i = 0; i < v->decpt; i++)
			*p++ = i < v->n ? v->d[i] : '0';
	}
	if (v->n > v->decpt) {
		*p++ = '.';
		for (int i = v->decpt; i < 0; i++)
			*p++ = '0';
		for (int i = v->decpt > 0 ? v->decpt : 0; i < v->n; i++)
			*p++ = v->d[i];
	}
	return p;
}

/*
** Python's repr: the shortest digits, positional while the decimal
** exponent is in [-4, 16), else "d.ddde+XX"; whole numbers end in ".0".
*/
const char *numfmt_repr(double x, char buf[32])
{
	if (isnan(x))
		return strcpy(buf, "nan");
	if (isinf(x))
		return strcpy(buf, x < 0 ? "-inf" : "inf");
	numfmt_dec v;
	numfmt_shortest(fabs(x), &v);
	char *p = buf;
	if (signbit(x))
		*p++ = '-';
	if (v.decpt > -4 && v.decpt <= 16) {
		p = put_positional(p, &v);
		if (v.n <= v.decpt) {
			*p++ = '.';
			*p++ = '0';
		}
		*p = '\0';
	} else {
		*p++ = v.d[0];
		if (v.n > 1) {
			*p++ = '.';
			memcpy(p, v.d + 1, (size_t)(v.n - 1));
			p += v.n - 1;
		}
		int e = v.decpt - 1, ae = abs(e);
		*p++ = 'e';
		*p++ = e < 0 ? '-' : '+';
		if (ae >= 100)
			*p++ = (char)('0' + ae / 100);
		*p++ = (char)('0' + ae / 10 % 10);
		*p++ = (char)('0' + ae % 10);
		*p = '\0';
	}
	return buf;
}

const char *numfmt_number(double x, int isint, char buf[32])
{
	if (isint && isfinite(x)) {
		snprintf(buf, 32, "%.0f", x + 0.0);
		return buf;
	}
	return numfmt_repr(x, buf);
}

/* --- Python's format-spec mini-language ------------------------------------ */

/* A parsed "[[fill]align][sign][z][#][0][width][,|_][.precision][type]". */
typedef struct pyspec {
	char fill[5];   /* one UTF-8 character */
	char align;     /* < > ^ =, or 0 for the default */
	char sign;      /* + - or space */
	int z, alt;     /* 'z' (no negative zero) and '#' */
	int width;      /* -1: none */
	char group;     /* ',' '_' or 0 */
	int prec;       /* -1: none */
	char type;      /* 0 for none */
} pyspec;

#define MAX_WIDTH 4096
#define MAX_PREC 1000

static int is_align(char c)
{
	return c == '<' || c == '>' || c == '^' || c == '=';
}

/* Reads a decimal count; returns -2 past `limit` (a spec we refuse). */
static int read_count(const char **s, int limit)
{
	int v = 0;
	while (**s >= '0' && **s <= '9') {
		v = v * 10 + (*(*s)++ - '0');
		if (v > limit)
			return -2;
	}
	return v;
}

/* Returns 0, or -1 where Python raises ValueError (or past our limits). */
static int parse_spec(const char *s, pyspec *sp)
{
	memset(sp, 0, sizeof *sp);
	sp->width = sp->prec = -1;
	sp->fill[0] = ' ';

	/* A fill is any one character, so it may be a UTF-8 sequence. */
	size_t clen = 1;
	int fill_given = 0;
	if ((unsigned char)s[0] >= 0xC0)
		while (clen < 4 && ((unsigned char)s[clen] & 0xC0) == 0x80)
			clen++;
	if (s[0] && is_align(s[clen])) {
		memcpy(sp->fill, s, clen);
		sp->fill[clen] = '\0';
		sp->align = s[clen];
		s += clen + 1;
		fill_given = 1;
	} else if (is_align(s[0])) {
		sp->align = *s++;
	}
	if (*s == '+' || *s == '-' || *s == ' ')
		sp->sign = *s++;
	if (*s == 'z')
		sp->z = 1, s++;
	if (*s == '#')
		sp->alt = 1, s++;
	if (*s == '0') {
		/* '0' pads with zeros after the sign unless fill/align say otherwise. */
		if (!fill_given)
			sp->fill[0] = '0', sp->fill[1] = '\0';
		if (!sp->align)
			sp->align = '=';
		s++;
	}
	if (*s >= '0' && *s <= '9' && (sp->width = read_count(&s, MAX_WIDTH)) < 0)
		return -1;
	if (*s == ',' || *s == '_')
		sp->group = *s++;
	if (*s == ',' || *s == '_')
		return -1;
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return -1;
		if ((sp->prec = read_count(&s, MAX_PREC)) < 0)
			return -1;
	}
	if (*s) {
		sp->type = *s++;
		if (!strchr("eEfFgGn%d", sp->type) || *s)
			return -1;
	}
	if (sp->type == 'n' && sp->group)
		return -1;
	if (sp->type == 'd' && sp->prec >= 0)
		return -1;
	return 0;
}

/*
** printf writes LC_NUMERIC's radix character; Python always writes '.'.
** Any byte that is not part of a number is that radix: make it '.'.
*/
static void fix_radix(char *s)
{
	char *w = s;
	int in_radix = 0;
	for (const char *r = s; *r; r++) {
		int numeric = (*r >= '0' && *r <= '9') || strchr("eE+-", *r) != NULL;
		if (numeric || *r == '.') {
			*w++ = *r;
			in_radix = 0;
		} else if (!in_radix) {
			*w++ = '.';
			in_radix = 1;
		}
	}
	*w = '\0';
}

/*
** Python's default float format with a precision (no type letter): like
** 'g' but switching to an exponent one digit earlier, and a whole number
** keeps ".0" ("12.0", "1.2e+01" for precision 2).
*/
static void format_general(char *out, size_t cap, double ax, int prec, int alt)
{
	char buf[64];
	int p = prec > 0 ? prec : 1;
	snprintf(buf, sizeof buf, "%.*e", p - 1, ax);
	numfmt_dec v;
	dec_parse(buf, &v, 1);
	int decpt = ax == 0 ? 1 : v.decpt;
	if (decpt <= -4 || decpt > p - 1) {
		snprintf(out, cap, alt ? "%#.*e" : "%.*e", p - 1, ax);
		fix_radix(out);
		if (!alt) {
			/* Strip the mantissa's trailing zeros and a bare point. */
			char *e = strchr(out, 'e'), *m = e;
			if (memchr(out, '.', (size_t)(e - out))) {
				while (m[-1] == '0')
					m--;
				if (m[-1] == '.')
					m--;
				memmove(m, e, strlen(e) + 1);
			}
		}
	} else {
		snprintf(out, cap, alt ? "%#.*f" : "%.*f", p - decpt, ax);
		fix_radix(out);
		if (!alt && strchr(out, '.')) {
			size_t n = strlen(out);
			while (out[n - 1] == '0')
				out[--n] = '\0';
			if (out[n - 1] == '.')
				out[--n] = '\0';
		}
		if (!strchr(out, '.'))
			strcat(out, ".0");
	}
}

/* Formats |x| (finite) as the spec's type asks into out; 0, or -1. */
static int format_body(char *out, size_t cap, double ax, const pyspec *sp)
{
	int p = sp->prec >= 0 ? sp->prec : 6;
	switch (sp->type) {
	case 'f': case 'F': case '%':
		snprintf(out, cap, sp->alt ? "%#.*f" : "%.*f", p, ax);
		break;
	case 'e':
		snprintf(out, cap, sp->alt ? "%#.*e" : "%.*e", p, ax);
		break;
	case 'E':
		snprintf(out, cap, sp->alt ? "%#.*E" : "%.*E", p, ax);
		break;
	case 'g': case 'n':
		snprintf(out, cap, sp->alt ? "%#.*g" : "%.*g", p, ax);
		break;
	case 'G':
		snprintf(out, cap, sp->alt ? "%#.*G" : "%.*G", p, ax);
		break;
	case 'd':
		if (ax != floor(ax))
			return -1;
		snprintf(out, cap, "%.0f", ax);
		break;
	default:
		if (sp->prec < 0) {
			/* repr; '#' still wants a point in "1e+16" ("1.e+16"). */
			char r[32];
			numfmt_repr(ax, r);
			if (sp->alt && !strchr(r, '.'))
				snprintf(out, cap, "%c.%s", r[0], r + 1);
			else
				snprintf(out, cap, "%s", r);
		} else {
			format_general(out, cap, ax, sp->prec, sp->alt);
		}
		return 0;
	}
	fix_radix(out);
	return 0;
}

/*
** Inserts the grouping character every three digits of the integer part
** digits[0..n).  With zero padding Python keeps adding zeros (grouped too)
** until the part is min_width wide, never starting with a separator.
*/
static size_t group_digits(char *out, const char *digits, size_t n, char sep, long min_width)
{
	char rev[MAX_WIDTH * 2 + 512];
	size_t len = 0, in_group = 0, i = n;
	for (;;) {
		rev[len++] = i > 0 ? digits[--i] : '0';
		in_group++;
		if (i == 0 && (long)len >= min_width)
			break;
		if (in_group == 3) {
			rev[len++] = sep;
			in_group = 0;
		}
	}
	for (size_t k = 0; k < len; k++)
		out[k] = rev[len - 1 - k];
	return len;
}

/* Appends n copies of the (possibly multi-byte) fill character. */
static void add_fill(strbuf *sb, const char *fill, long n)
{
	for (long i = 0; i < n; i++)
		sb_adds(sb, fill);
}

int numfmt_pyformat(strbuf *sb, const char *spec, double x)
{
	pyspec sp;
	if (parse_spec(spec, &sp) != 0)
		return -1;
	if (sp.type == 'd' && !isfinite(x))
		return -1;

	char body[MAX_PREC + 400];
	const char *suffix = sp.type == '%' ? "%" : "";
	int neg = sp.type == 'd' ? x < 0 : !isnan(x) && signbit(x);
	int upper = sp.type == 'E' || sp.type == 'F' || sp.type == 'G';
	if (!isfinite(x)) {
		strcpy(body, isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
	} else {
		double ax = fabs(x) * (sp.type == '%' ? 100.0 : 1.0);
		if (format_body(body, sizeof body, ax, &sp) != 0)
			return -1;
		if (sp.z && neg && strspn(body, "0.") == strcspn(body, "eE"))
			neg = 0; /* rounded to zero: 'z' drops the sign */
	}
	const char *sign = neg ? "-" : sp.sign == '+' ? "+" : sp.sign == ' ' ? " " : "";

	/* The integer digits, grouped, then the rest of the body. */
	static const char *const digits = "0123456789";
	size_t nint = isfinite(x) ? strspn(body, digits) : 0;
	const char *rest = body + nint;
	size_t rest_len = strlen(rest) + strlen(suffix);
	char grouped[MAX_WIDTH * 2 + 512];
	size_t glen;
	if (sp.group && isfinite(x)) {
		long min_width = 0;
		if (sp.fill[0] == '0' && !sp.fill[1] && sp.align == '=' && sp.width > 0)
			min_width = (long)sp.width - (long)strlen(sign) - (long)rest_len;
		glen = group_digits(grouped, body, nint, sp.group, min_width);
	} else {
		memcpy(grouped, body, nint);
		glen = nint;
	}

	long len = (long)(strlen(sign) + glen + rest_len);
	long pad = sp.width > len ? sp.width - len : 0;
	char align = sp.align ? sp.align : '>';
	long left = align == '>' || align == '=' ? pad : align == '^' ? pad / 2 : 0;
	if (align != '=')
		add_fill(sb, sp.fill, left);
	sb_adds(sb, sign);
	if (align == '=')
		add_fill(sb, sp.fill, left);
	sb_addn(sb, grouped, glen);
	sb_adds(sb, rest);
	sb_adds(sb, suffix);
	add_fill(sb, sp.fill, pad - left);
	return 0;
}
