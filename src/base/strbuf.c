/*
** strbuf.c — growable byte string.
*/
#include "strbuf.h"

#include "mem.h"
#include "vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(strbuf *sb, size_t extra)
{
	if (sb->failed)
		return 0;
	if (extra > (size_t)-1 / 2 - sb->len ||
	    vec_grow(&sb->s, &sb->cap, sb->len + extra + 1, 1, sb->charged ? VEC_COUNTED : VEC_PLAIN) != 0) {
		sb->failed = 1;
		return 0;
	}
	return 1;
}

void sb_clear(strbuf *sb)
{
	sb->len = 0;
	sb->failed = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

void sb_free(strbuf *sb)
{
	if (sb->charged)
		mem_charge(sb->cap, 0);
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
	sb->failed = 0;
}

void sb_addn(strbuf *sb, const char *s, size_t n)
{
	if (!grow(sb, n))
		return;
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_adds(strbuf *sb, const char *s) { sb_addn(sb, s, strlen(s)); }

void sb_addc(strbuf *sb, char c) { sb_addn(sb, &c, 1); }

void sb_addrep(strbuf *sb, char c, size_t n)
{
	if (!grow(sb, n))
		return;
	memset(sb->s + sb->len, c, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_addvf(strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || !grow(sb, (size_t)n))
		return;
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void sb_addf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_addvf(sb, fmt, ap);
	va_end(ap);
}

const char *sb_str(const strbuf *sb) { return sb->s ? sb->s : ""; }

char *sb_take(strbuf *sb)
{
	char *s = NULL;
	if (!sb->failed) {
		s = sb->s ? sb->s : calloc(1, 1);
		sb->s = NULL;
	}
	sb_free(sb);
	return s;
}
