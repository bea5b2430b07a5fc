/*
** lesson_header.c — the header between the two `-- ---` lines, read as
** the YAML subset Jupytext writes there.
**
**   -- ---
**   -- title: The perceptron          top-level `key: value`
**   -- source: "a: b"                 quoted values ('' and \-escapes)
**   -- jupyter:                       a key without a value opens a block:
**   --   kernelspec:                  its keys are "jupyter.kernelspec.name"
**   --     name: lua
**   --   title: Matrices in Lua       Jupytext keeps notebook metadata here
**   -- ---
**
** A plain value that YAML would read otherwise (a ": " inside, a leading
** quote or indicator, " #" which starts a comment) is kept whole, as nnbook
** always read it, and noted as a problem for `--check`: Jupytext's YAML
** reader stops on it.  Only the values are decoded; the bytes of the file
** are never rewritten here.
*/
#include "lesson_int.h"

#include <string.h>

#include "mem.h"
#include "strbuf.h"
#include "utf8.h"
#include "vec.h"

#define MAX_DEPTH 8

/* Returns the line's length without its line end and trailing blanks. */
static size_t trimmed(const char *s, size_t n)
{
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

int lesson__key_ok(const char *key, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = key[i];
		if (!(ch == '_' || ch == '-' || ch == '.' || (ch >= '0' && ch <= '9') ||
		      (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')))
			return 0;
	}
	return 1;
}

/* Finds the ": " (or final ':') that ends a key; returns its offset or n. */
static size_t key_colon(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == ':' && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t'))
			return i;
	return n;
}

int lesson__meta_line(const char *s, size_t l, const char **key, size_t *nkey,
                      const char **val, size_t *nval)
{
	size_t ll = trimmed(s, l);
	if (lesson__is_delim(s, l) || ll < 3 || memcmp(s, "--", 2) != 0)
		return 0;
	s += 2, ll -= 2;
	if (s[0] == ' ')
		s++, ll--;
	size_t colon = key_colon(s, ll);
	if (colon == ll || !lesson__key_ok(s, colon))
		return 0;
	size_t v = colon + 1;
	while (v < ll && (s[v] == ' ' || s[v] == '\t'))
		v++;
	*key = s;
	*nkey = colon;
	*val = s + v;
	*nval = ll - v;
	return 1;
}

/* --- values ------------------------------------------------------------------ */

/* Returns 1 when s[0..n) reads in YAML as the same text, unquoted. */
int lesson__yaml_plain_ok(const char *s, size_t n, const char **why)
{
	static const char indicators[] = "[]{},#&*!|>'\"%@`";
	*why = NULL;
	if (n == 0)
		return 1;
	if (strchr(indicators, s[0]))
		*why = "a value starting with a quote or a YAML indicator";
	else if ((s[0] == '-' || s[0] == '?' || s[0] == ':') && (n == 1 || s[1] == ' '))
		*why = "a value starting with a YAML indicator";
	else if (s[n - 1] == ':' || key_colon(s, n) < n)
		*why = "a ': ' inside a value";
	else if (s[0] == ' ' || s[n - 1] == ' ' || s[n - 1] == '\t')
		*why = "spaces around a value";
	for (size_t i = 1; !*why && i < n; i++)
		if (s[i] == '#' && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			*why = "a ' #' inside a value (YAML reads a comment)";
	return *why == NULL;
}

/* Returns the value of hex digit c, or -1. */
static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Appends the escape at s[*i] (after the backslash); returns 0, or -1 when unknown. */
static int unescape(const char *s, size_t n, size_t *i, strbuf *out)
{
	static const char from[] = "\\\"/ nrtab0ef_v", to[] = "\\\"/ \n\r\t\a\b\0\x1b\f\xa0\v";
	char c = s[*i];
	const char *p = c ? strchr(from, c) : NULL;
	if (p && c != '_') {
		sb_addc(out, to[p - from]);
		(*i)++;
		return 0;
	}
	int digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : c == '_' ? -1 : 0;
	if (digits == -1) { /* \_ is a no-break space */
		sb_addn(out, "\xc2\xa0", 2);
		(*i)++;
		return 0;
	}
	if (digits == 0)
		return -1;
	uint32_t cp = 0;
	for (int k = 1; k <= digits; k++) {
		int h = *i + (size_t)k < n ? hexval(s[*i + (size_t)k]) : -1;
		if (h < 0)
			return -1;
		cp = cp * 16 + (uint32_t)h;
	}
	char buf[4];
	size_t len = utf8_encode(cp, buf);
	if (len == 0)
		return -1;
	sb_addn(out, buf, len);
	*i += (size_t)digits + 1;
	return 0;
}

/* Returns 1 when only blanks, or a comment after a blank, follow s[i..n). */
static int rest_is_comment(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && (s[j] == ' ' || s[j] == '\t'))
		j++;
	return j == n || (s[j] == '#' && j > i);
}

/* Decodes a quoted value; returns NULL, or why it is not valid YAML. */
static const char *quoted(const char *s, size_t n, strbuf *out)
{
	char q = s[0];
	size_t i = 1;
	while (i < n) {
		if (s[i] == q) {
			if (q == '\'' && i + 1 < n && s[i + 1] == '\'') {
				sb_addc(out, '\'');
				i += 2;
				continue;
			}
			return rest_is_comment(s, n, i + 1) ? NULL : "text after a closing quote";
		}
		if (q == '"' && s[i] == '\\') {
			i++;
			if (unescape(s, n, &i, out) != 0)
				return "an unknown \\-escape in a quoted value";
			continue;
		}
		sb_addc(out, s[i++]);
	}
	return "a quoted value that does not close";
}

/* Returns 1 when the brackets of a flow value `[...]`/`{...}` balance and close it. */
static int flow_ok(const char *s, size_t n)
{
	char stack[32];
	size_t depth = 0;
	char q = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (q) {
			if (c == q)
				q = 0;
			else if (c == '\\' && q == '"')
				i++;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '[' || c == '{') {
			if (depth == sizeof stack)
				return 0;
			stack[depth++] = c == '[' ? ']' : '}';
		} else if (c == ']' || c == '}') {
			if (depth == 0 || stack[--depth] != c)
				return 0;
			if (depth == 0)
				return rest_is_comment(s, n, i + 1);
		}
	}
	return 0;
}

/*
** Decodes a value as YAML reads it into out.  Returns NULL, or why YAML
** would not read it as written (out then holds the text as nnbook reads it:
** whole, a pair of quotes around it removed).
*/
const char *lesson__yaml_value(const char *s, size_t n, strbuf *out)
{
	const char *why = NULL;
	if (n && (s[0] == '"' || s[0] == '\'')) {
		why = quoted(s, n, out);
		if (why) {
			sb_clear(out);
			size_t strip = n >= 2 && s[n - 1] == s[0];
			sb_addn(out, s + strip, n - 2 * strip);
		}
		return why;
	}
	sb_addn(out, s, n);
	if (n && (s[0] == '[' || s[0] == '{'))
		return flow_ok(s, n) ? NULL : "a '[' or '{' value whose brackets do not close";
	if (n && (s[0] == '|' || s[0] == '>') && (n == 1 || s[1] == '-' || s[1] == '+'))
		return NULL; /* a block scalar: its lines follow, more indented */
	lesson__yaml_plain_ok(s, n, &why);
	return why;
}

/* --- the header ------------------------------------------------------------------ */

static void meta_clear(lesson *L)
{
	for (size_t i = 0; i < L->nmeta; i++) {
		mem_free(L->meta[i].key);
		mem_free(L->meta[i].value);
	}
	mem_free(L->meta);
	L->meta = NULL;
	L->nmeta = 0;
	mem_free(L->hdr_bad);
	L->hdr_bad = NULL;
	L->nbad = 0;
}

/* The state of one pass over the header's lines. */
typedef struct hdr_reader {
	lesson *L;
	size_t cap, badcap;
	int depth;                       /* open blocks */
	int indent[MAX_DEPTH];           /* the indentation of each block's key */
	const char *name[MAX_DEPTH];     /* ... and the key itself */
	size_t nname[MAX_DEPTH];
	int last_indent;                 /* the last key's, -1 before the first */
	int last_opened;                 /* the last key opened a block */
} hdr_reader;

/* Notes a line that is not valid YAML; returns LESSON_OK or LESSON_ENOMEM. */
static int bad(hdr_reader *r, int line, const char *why)
{
	lesson *L = r->L;
	if (vec_grow(&L->hdr_bad, &r->badcap, L->nbad + 1, sizeof *L->hdr_bad, VEC_CHARGED) != 0)
		return LESSON_ENOMEM;
	L->hdr_bad[L->nbad].line = line;
	L->hdr_bad[L->nbad].why = why;
	L->nbad++;
	return LESSON_OK;
}

/* Adds the entry key (the open blocks' keys joined by '.') = value. */
static int add_entry(hdr_reader *r, const char *k, size_t nk, const char *v, size_t nv, int line)
{
	lesson *L = r->L;
	strbuf key = STRBUF_INIT, val = STRBUF_INIT;
	for (int d = 0; d < r->depth; d++) {
		sb_addn(&key, r->name[d], r->nname[d]);
		sb_addc(&key, '.');
	}
	sb_addn(&key, k, nk);
	const char *why = lesson__yaml_value(v, nv, &val);
	int st = LESSON_ENOMEM;
	lesson_meta_entry *e = NULL;
	if (!key.failed && !val.failed &&
	    vec_grow(&L->meta, &r->cap, L->nmeta + 1, sizeof *L->meta, VEC_CHARGED) == 0) {
		e = &L->meta[L->nmeta];
		e->key = mem_strdup(sb_str(&key));
		e->value = mem_strdup(sb_str(&val));
		e->line = line;
		if (e->key && e->value) {
			L->nmeta++;
			st = why ? bad(r, line, why) : LESSON_OK;
		} else {
			mem_free(e->key), mem_free(e->value);
		}
	}
	sb_free(&key);
	sb_free(&val);
	return st;
}

/* Reads one YAML line y[0..n) (the comment's `-- ` removed) at file line `line`. */
static int read_line(hdr_reader *r, const char *y, size_t n, int line)
{
	int ind = 0;
	while ((size_t)ind < n && y[ind] == ' ')
		ind++;
	if ((size_t)ind == n || y[ind] == '#')
		return LESSON_OK;
	if (y[ind] == '\t')
		return bad(r, line, "a tab in the indentation");
	while (r->depth > 0 && r->indent[r->depth - 1] >= ind)
		r->depth--;
	if (ind > r->last_indent && r->last_indent >= 0 && !r->last_opened)
		return LESSON_OK; /* a list item or a value's continuation line */
	const char *s = y + ind;
	size_t len = n - (size_t)ind;
	if (s[0] == '-' && (len == 1 || s[1] == ' '))
		return LESSON_OK; /* a list item under a key: its items are not keys */
	size_t colon = key_colon(s, len);
	if (colon == len || !lesson__key_ok(s, colon))
		return bad(r, line, "not a `key: value` line");
	size_t v = colon + 1;
	while (v < len && (s[v] == ' ' || s[v] == '\t'))
		v++;
	int st = add_entry(r, s, colon, s + v, len - v, line);
	r->last_indent = ind;
	r->last_opened = v == len;
	if (st == LESSON_OK && v == len && r->depth < MAX_DEPTH) {
		r->indent[r->depth] = ind;
		r->name[r->depth] = s;
		r->nname[r->depth++] = colon;
	}
	return st;
}

int lesson__read_meta(lesson *L)
{
	meta_clear(L);
	hdr_reader r = {.L = L, .last_indent = -1};
	const char *h = L->prefix + L->hdr_start;
	size_t n = L->hdr_end - L->hdr_start, at = 0;
	int line = L->hdr_line;
	while (at < n) {
		size_t l = lesson__linelen(h + at, n - at);
		const char *s = h + at;
		size_t ll = trimmed(s, l);
		at += l;
		int st = LESSON_OK;
		if (lesson__is_delim(s, l))
			;
		else if (ll < 2 || memcmp(s, "--", 2) != 0)
			st = bad(&r, line, "a header line that is not a `--` comment");
		else
			st = read_line(&r, s + 2 + (ll > 2 && s[2] == ' '), ll - 2 - (ll > 2 && s[2] == ' '),
			               line);
		if (st != LESSON_OK)
			return st;
		line++;
	}
	return LESSON_OK;
}

void lesson__meta_free(lesson *L)
{
	meta_clear(L);
}

/*
** Recognises the lines Jupytext may put above the header: a `#!` line
** (first only) and an encoding comment, `-- -*- coding: utf-8 -*-`.
*/
int lesson__is_preamble(const char *s, size_t n, int first)
{
	n = trimmed(s, n);
	if (first && n >= 2 && s[0] == '#' && s[1] == '!')
		return 1;
	if (n < 2 || memcmp(s, "--", 2) != 0)
		return 0;
	for (size_t i = 2; i + 7 <= n; i++)
		if (memcmp(s + i, "coding", 6) == 0 && (s[i + 6] == ':' || s[i + 6] == '='))
			return 1;
	return 0;
}

/* --- queries ------------------------------------------------------------------------ */

const char *lesson_meta(const lesson *L, const char *key)
{
	for (size_t i = 0; i < L->nmeta; i++)
		if (strcmp(L->meta[i].key, key) == 0)
			return L->meta[i].value;
	return NULL;
}

const char *lesson_header_title(const lesson *L)
{
	const char *t = lesson_meta(L, "title");
	if (!t || !*t)
		t = lesson_meta(L, "jupyter.title");
	return t && *t ? t : NULL;
}

const char *lesson_header_problem(const lesson *L, size_t i, int *line)
{
	if (i >= L->nbad)
		return NULL;
	if (line)
		*line = L->hdr_bad[i].line;
	return L->hdr_bad[i].why;
}

void lesson_preamble(const lesson *L, strbuf *out)
{
	size_t bom = L->nprefix >= 3 && memcmp(L->prefix, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (L->hdr_start > bom)
		sb_addn(out, L->prefix + bom, L->hdr_start - bom);
}

void lesson_header_yaml(const lesson *L, strbuf *out)
{
	const char *h = L->prefix + L->hdr_start;
	size_t n = L->hdr_end - L->hdr_start, at = 0;
	while (at < n) {
		size_t l = lesson__linelen(h + at, n - at), ll = l;
		while (ll && (h[at + ll - 1] == '\n' || h[at + ll - 1] == '\r'))
			ll--;
		size_t skip = ll >= 2 && memcmp(h + at, "--", 2) == 0 ? 2 : 0;
		skip += skip && ll > 2 && h[at + 2] == ' ';
		sb_addn(out, h + at + skip, ll - skip);
		sb_addc(out, '\n');
		at += l;
	}
}

void lesson_yaml_quote(strbuf *sb, const char *v, size_t n)
{
	const char *why;
	int plain = lesson__yaml_plain_ok(v, n, &why);
	for (size_t i = 0; plain && i < n; i++)
		plain = (unsigned char)v[i] >= 0x20 && v[i] != 0x7f;
	if (plain) {
		sb_addn(sb, v, n);
		return;
	}
	sb_addc(sb, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)v[i];
		if (ch == '"' || ch == '\\')
			sb_addc(sb, '\\'), sb_addc(sb, (char)ch);
		else if (ch == '\n')
			sb_adds(sb, "\\n");
		else if (ch == '\t')
			sb_adds(sb, "\\t");
		else if (ch < 0x20 || ch == 0x7f)
			sb_addf(sb, "\\x%02x", ch);
		else
			sb_addc(sb, (char)ch);
	}
	sb_addc(sb, '"');
}
