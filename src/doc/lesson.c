/*
** lesson.c — reading a lesson: checks, header, cells, queries.  Loading
** from a file is in lesson_load.c, writing and edits in lesson_edit.c.
**
** The parser splits the file into byte runs (see lesson_int.h) and never
** rewrites them, which is what makes saving an unchanged lesson exact.
*/
#include "lesson_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"
#include "vec.h"

int lesson__fail(char *err, size_t errsize, int status, const char *fmt, ...)
{
	if (err && errsize) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errsize, fmt, ap);
		va_end(ap);
	}
	return status;
}

int lesson__blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

size_t lesson__linelen(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	return nl ? (size_t)(nl - s) + 1 : n;
}

/* Returns the line's length without its line end ("\n" or "\r\n"). */
static size_t content_len(const char *s, size_t n)
{
	if (n && s[n - 1] == '\n')
		n--;
	if (n && s[n - 1] == '\r')
		n--;
	return n;
}

/* Returns a charged, NUL-terminated copy of s[0..n), or NULL. */
static char *dup_n(const char *s, size_t n)
{
	char *d = mem_alloc(n + 1);
	if (d) {
		if (n)
			memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

/* Skips spaces and tabs from s[*i] up to n. */
static void skip_ws(const char *s, size_t n, size_t *i)
{
	while (*i < n && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
}

/* Returns n without the spaces, tabs and CRs at the end of s[0..n). */
static size_t rtrim(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return n;
}

int lesson__is_delim(const char *s, size_t n)
{
	size_t i = 2;
	n = rtrim(s, content_len(s, n));
	if (n < 5 || s[0] != '-' || s[1] != '-')
		return 0;
	skip_ws(s, n, &i);
	return n - i == 3 && memcmp(s + i, "---", 3) == 0;
}

/*
** Recognises a cell marker, `-- %%` followed by the end of the line or a
** blank.  On success sets the kind and the title's bytes (trimmed).
*/
static int is_marker(const char *s, size_t n, enum lesson_kind *kind,
                     const char **title, size_t *ntitle)
{
	size_t i = 2;
	n = rtrim(s, content_len(s, n));
	if (n < 4 || s[0] != '-' || s[1] != '-')
		return 0;
	skip_ws(s, n, &i);
	if (n - i < 2 || s[i] != '%' || s[i + 1] != '%')
		return 0;
	i += 2;
	if (i < n && s[i] != ' ' && s[i] != '\t')
		return 0;
	skip_ws(s, n, &i);
	*kind = LESSON_CODE;
	static const char *const tags[] = {"[markdown]", "[md]"};
	for (size_t k = 0; k < 2; k++) {
		size_t tl = strlen(tags[k]);
		if (n - i >= tl && memcmp(s + i, tags[k], tl) == 0 &&
		    (n - i == tl || s[i + tl] == ' ' || s[i + tl] == '\t')) {
			*kind = LESSON_MARKDOWN;
			i += tl;
			skip_ws(s, n, &i);
			break;
		}
	}
	*title = s + i;
	*ntitle = n - i;
	return 1;
}

/* Returns the bytes a markdown line keeps once its comment prefix is removed. */
static size_t uncomment(const char **s, size_t n)
{
	if (n >= 3 && memcmp(*s, "-- ", 3) == 0) {
		*s += 3;
		return n - 3;
	}
	if (n >= 2 && memcmp(*s, "--", 2) == 0) {
		*s += 2;
		return n - 2;
	}
	return n;
}

int lesson__set_raw(lesson_cellrep *c, const char *head, size_t nhead,
                    const char *body, size_t nbody, const char *tail, size_t ntail)
{
	size_t n = nhead + nbody + ntail;
	char *raw = mem_alloc(n + 1);
	if (!raw)
		return LESSON_ENOMEM;
	memcpy(raw, head, nhead);
	memcpy(raw + nhead, body, nbody);
	memcpy(raw + nhead + nbody, tail, ntail);
	raw[n] = '\0';

	/* The marker is the head's last line (a new cell may start with a blank). */
	enum lesson_kind kind = LESSON_CODE;
	const char *t = "";
	size_t nt = 0;
	if (nhead) {
		size_t at = 0, l;
		while ((l = lesson__linelen(raw + at, nhead - at)) < nhead - at)
			at += l;
		is_marker(raw + at, nhead - at, &kind, &t, &nt);
	}
	size_t ms = lesson__meta_start(t, nt);
	char *title = dup_n(t, rtrim(t, ms));
	char *meta = dup_n(t + ms, nt - ms);
	char *src = mem_alloc(nbody + 1);
	if (!title || !meta || !src) {
		mem_free(raw), mem_free(title), mem_free(meta), mem_free(src);
		return LESSON_ENOMEM;
	}
	size_t len = 0, at = nhead;
	while (at < nhead + nbody) {
		size_t l = lesson__linelen(raw + at, nhead + nbody - at);
		const char *line = raw + at;
		size_t ll = content_len(line, l);
		if (kind == LESSON_MARKDOWN)
			ll = uncomment(&line, ll);
		if (at > nhead)
			src[len++] = '\n';
		memcpy(src + len, line, ll);
		len += ll;
		at += l;
	}
	src[len] = '\0';

	lesson__cell_free(c);
	c->raw = raw;
	c->nraw = n;
	c->body = nhead;
	c->tail = nhead + nbody;
	c->title = title;
	c->meta = meta;
	c->source = src;
	c->pub.kind = kind;
	c->pub.title = title;
	c->pub.meta = meta;
	c->pub.flags = lesson__meta_flags(meta, nt - ms);
	c->pub.source = src;
	c->pub.source_len = len;
	return LESSON_OK;
}

void lesson__cell_free(lesson_cellrep *c)
{
	mem_free(c->raw);
	mem_free(c->title);
	mem_free(c->source);
	mem_free(c->meta);
	c->raw = c->title = c->source = c->meta = NULL;
}

/* Returns the number of '\n' in s[0..n). */
static int count_nl(const char *s, size_t n)
{
	int k = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))); p++)
		k++;
	return k;
}

/* Returns the number of lines in s[0..n), a last line without '\n' included. */
static int count_lines(const char *s, size_t n)
{
	return count_nl(s, n) + (n && s[n - 1] != '\n');
}

/*
** A cell's source starts on the line after its head even when the head is
** the file's last line and has no line end (an empty cell at the end): a
** marker must never share a line number with the source it opens.
*/
void lesson__renumber(lesson *L)
{
	int line = 1 + count_nl(L->prefix, L->nprefix);
	for (size_t i = 0; i < L->ncells; i++) {
		lesson_cellrep *c = &L->cells[i];
		int head = count_lines(c->raw, c->body);
		c->pub.marker_line = c->body ? line + head - 1 : 0;
		c->pub.first_line = line + head;
		c->pub.last_line = c->pub.first_line - 1 + count_lines(c->raw + c->body, c->tail - c->body);
		c->pub.end_line = c->pub.first_line - 1 + count_lines(c->raw + c->body, c->nraw - c->body);
		line += count_nl(c->raw, c->nraw);
	}
	/*
	 * Blank lines an edit put in front of a marker (in the next cell's
	 * head, so this cell keeps its bytes) still end this cell, as they
	 * would when the file is read again.
	 */
	for (size_t i = 0; i + 1 < L->ncells; i++)
		if (L->cells[i + 1].pub.marker_line > 0)
			L->cells[i].pub.end_line = L->cells[i + 1].pub.marker_line - 1;
}

/* Appends a cell made of buf[s..e), whose first line is its marker when `marked`. */
static int add_cell(lesson *L, const char *buf, size_t s, size_t e, int marked)
{
	if (vec_grow(&L->cells, &L->cap, L->ncells + 1, sizeof *L->cells, VEC_CHARGED) != 0)
		return LESSON_ENOMEM;
	size_t h = marked ? s + lesson__linelen(buf + s, e - s) : s;
	size_t body_end = h, at = h;
	while (at < e) {
		size_t l = lesson__linelen(buf + at, e - at);
		if (!lesson__blank(buf + at, l))
			body_end = at + l;
		at += l;
	}
	lesson_cellrep *c = &L->cells[L->ncells];
	memset(c, 0, sizeof *c);
	int st = lesson__set_raw(c, buf + s, h - s, buf + h, body_end - h, buf + body_end, e - body_end);
	if (st == LESSON_OK)
		L->ncells++;
	return st;
}

/* Checks the bytes a lesson may not contain; returns a status with its message. */
static int check_bytes(const char *buf, size_t len, const char *name, char *err, size_t errsize)
{
	if (len == 0)
		return lesson__fail(err, errsize, LESSON_EEMPTY, "%s: empty lesson", name);
	if (len >= 4 && memcmp(buf, "\x1bLua", 4) == 0)
		return lesson__fail(err, errsize, LESSON_EBYTECODE,
		                    "%s: precompiled Lua is not accepted", name);
	const char *nul = memchr(buf, '\0', len);
	if (nul)
		return lesson__fail(err, errsize, LESSON_EBINARY,
		                    "%s:%d: binary file (NUL byte), not a lesson",
		                    name, 1 + count_nl(buf, (size_t)(nul - buf)));
	size_t bad;
	if (!utf8_valid(buf, len, &bad)) {
		size_t ls = bad;
		while (ls > 0 && buf[ls - 1] != '\n')
			ls--;
		int col = 1;
		for (size_t i = ls; i < bad; col++) {
			uint32_t cp;
			i += utf8_decode(buf + i, bad - i, &cp);
		}
		return lesson__fail(err, errsize, LESSON_EUTF8, "%s:%d:%d: invalid UTF-8",
		                    name, 1 + count_nl(buf, ls), col);
	}
	return LESSON_OK;
}

/* Splits buf into prefix and cells; the bytes are known to be valid text. */
static int split(lesson *L, const char *buf, size_t len, char *err, size_t errsize)
{
	size_t bom = (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0, at = bom, l;
	/* a `#!` line and an encoding comment may stand above the header */
	int pre = 0;
	while (pre < 2 && at < len &&
	       lesson__is_preamble(buf + at, (l = lesson__linelen(buf + at, len - at)), at == bom))
		at += l, pre++;
	l = lesson__linelen(buf + at, len - at);
	if (at >= len || !lesson__is_delim(buf + at, l))
		at = bom, pre = 0, l = lesson__linelen(buf + at, len - at);
	L->hdr_start = L->hdr_end = at;
	if (lesson__is_delim(buf + at, l)) {
		size_t p = at + l;
		for (;;) {
			if (p >= len)
				return lesson__fail(err, errsize, LESSON_EHEADER, "%s:%d: the header "
				                    "starting here never closes (no '-- ---' line)", L->name,
				                    1 + pre);
			size_t k = lesson__linelen(buf + p, len - p);
			p += k;
			if (lesson__is_delim(buf + p - k, k))
				break;
		}
		L->hdr_end = p;
		L->hdr_line = 1 + pre;
		at = p;
	}
	while (at < len && lesson__blank(buf + at, (l = lesson__linelen(buf + at, len - at))))
		at += l;
	if (!(L->prefix = dup_n(buf, at)))
		return LESSON_ENOMEM;
	L->nprefix = at;
	if (lesson__read_meta(L) != LESSON_OK)
		return LESSON_ENOMEM;

	size_t start = at;
	int marked = 0;
	enum lesson_kind kind;
	const char *t;
	size_t nt;
	while (at < len) {
		l = lesson__linelen(buf + at, len - at);
		if (is_marker(buf + at, l, &kind, &t, &nt)) {
			if ((at > start || marked) && add_cell(L, buf, start, at, marked) != LESSON_OK)
				return LESSON_ENOMEM;
			start = at;
			marked = 1;
		}
		at += l;
	}
	if ((len > start || marked) && add_cell(L, buf, start, len, marked) != LESSON_OK)
		return LESSON_ENOMEM;
	if (L->ncells == 0)
		return lesson__fail(err, errsize, LESSON_ENOCELLS, "%s: has no cells", L->name);
	lesson__renumber(L);
	return LESSON_OK;
}

int lesson_parse(const char *buf, size_t len, const char *name, lesson **out,
                 char *err, size_t errsize)
{
	*out = NULL;
	if (!name)
		name = "lesson";
	int st = check_bytes(buf, len, name, err, errsize);
	if (st != LESSON_OK)
		return st;
	lesson *L = mem_calloc(1, sizeof *L);
	if (!L || !(L->name = mem_strdup(name))) {
		mem_free(L);
		return lesson__fail(err, errsize, LESSON_ENOMEM, "%s: not enough memory", name);
	}
	const char *nl = memchr(buf, '\n', len);
	L->eol = (nl && nl > buf && nl[-1] == '\r') ? "\r\n" : "\n";
	st = split(L, buf, len, err, errsize);
	if (st != LESSON_OK) {
		lesson_free(L);
		if (st == LESSON_ENOMEM)
			lesson__fail(err, errsize, st, "%s: not enough memory", name);
		return st;
	}
	*out = L;
	return LESSON_OK;
}

void lesson_free(lesson *L)
{
	if (!L)
		return;
	for (size_t i = 0; i < L->ncells; i++)
		lesson__cell_free(&L->cells[i]);
	mem_free(L->cells);
	lesson__meta_free(L);
	mem_free(L->prefix);
	mem_free(L->name);
	mem_free(L);
}

const char *lesson_name(const lesson *L) { return L->name; }
size_t lesson_ncells(const lesson *L) { return L->ncells; }
int lesson_changed(const lesson *L) { return L->changed; }

const lesson_cell *lesson_cell_at(const lesson *L, size_t i)
{
	return i < L->ncells ? &L->cells[i].pub : NULL;
}

int lesson_file_line(const lesson_cell *c, int chunk_line)
{
	return c->first_line + chunk_line - 1;
}

int lesson_is_lesson(const lesson *L)
{
	if (L->hdr_end > L->hdr_start)
		return 1;
	for (size_t i = 0; i < L->ncells; i++)
		if (L->cells[i].pub.marker_line > 0)
			return 1;
	return 0;
}

/* Copies s[0..n) into buf (size bytes), cut on a character boundary. */
static const char *copy_out(char *buf, size_t size, const char *s, size_t n)
{
	if (size == 0)
		return buf;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* Finds the first ATX heading (`# Title`) in a markdown source. */
static int first_heading(const char *s, size_t n, const char **h, size_t *nh)
{
	size_t at = 0;
	while (at < n) {
		size_t l = lesson__linelen(s + at, n - at), i = 0;
		const char *line = s + at;
		size_t ll = content_len(line, l);
		at += l;
		while (i < ll && i < 3 && line[i] == ' ')
			i++;
		size_t hashes = 0;
		while (i < ll && line[i] == '#')
			i++, hashes++;
		if (hashes < 1 || hashes > 6 || (i < ll && line[i] != ' ' && line[i] != '\t'))
			continue;
		skip_ws(line, ll, &i);
		ll = rtrim(line, ll);
		size_t e = ll;
		while (e > i && line[e - 1] == '#')
			e--;
		if (e < ll && e > i && line[e - 1] != ' ')
			e = ll; /* "C#" keeps its hash */
		e = i < e ? i + rtrim(line + i, e - i) : i;
		if (e > i) {
			*h = line + i;
			*nh = e - i;
			return 1;
		}
	}
	return 0;
}

const char *lesson_title(const lesson *L, char *buf, size_t size)
{
	const char *t = lesson_header_title(L);
	if (t)
		return copy_out(buf, size, t, strlen(t));
	for (size_t i = 0; i < L->ncells; i++) {
		const lesson_cell *c = &L->cells[i].pub;
		if (c->kind != LESSON_MARKDOWN)
			continue;
		const char *h;
		size_t nh;
		if (first_heading(c->source, c->source_len, &h, &nh))
			return copy_out(buf, size, h, nh);
		break;
	}
	const char *base = strrchr(L->name, '/');
	base = base ? base + 1 : L->name;
	size_t n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".lua") == 0)
		n -= 4;
	return copy_out(buf, size, base, n);
}
