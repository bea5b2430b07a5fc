/*
** lesson_edit.c — writing a lesson back and the editor's changes to it.
**
** An edit builds the new bytes of the cells it touches and leaves every
** other cell's bytes alone, so a teacher's diff after an edit shows only
** the edited cell.  New lines use the file's own line end.  Each edit
** builds what it needs before changing anything, so a failed allocation
** leaves the lesson as it was.
*/
#include "lesson_int.h"

#include <string.h>

#include "mem.h"
#include "vec.h"

int lesson_write(const lesson *L, strbuf *sb)
{
	sb_addn(sb, L->prefix, L->nprefix);
	for (size_t i = 0; i < L->ncells; i++)
		sb_addn(sb, L->cells[i].raw, L->cells[i].nraw);
	return sb->failed ? LESSON_ENOMEM : LESSON_OK;
}

/* Returns 1 when s[0..n) ends with a complete blank line. */
static int ends_blank(const char *s, size_t n)
{
	if (n == 0 || s[n - 1] != '\n')
		return 0;
	size_t b = n - 1;
	while (b > 0 && s[b - 1] != '\n')
		b--;
	return lesson__blank(s + b, n - b);
}

/*
** Rewrites a source the way it will read back from the file: '\n' line
** ends, no blank lines at the end, and in prose no blanks-only lines.
*/
static void normalize(strbuf *out, enum lesson_kind kind, const char *s, size_t n)
{
	size_t at = 0, keep = 0;
	sb_clear(out);
	while (at < n) {
		size_t l = lesson__linelen(s + at, n - at), ll = l;
		if (ll && s[at + ll - 1] == '\n')
			ll--;
		if (ll && s[at + ll - 1] == '\r')
			ll--;
		if (at)
			sb_addc(out, '\n');
		if (!(kind == LESSON_MARKDOWN && lesson__blank(s + at, ll)))
			sb_addn(out, s + at, ll);
		if (!lesson__blank(s + at, ll))
			keep = out->len;
		at += l;
	}
	if (out->s)
		out->s[out->len = keep] = '\0';
}

/* Appends the lines of a normalized source as a cell body. */
static void make_body(strbuf *out, const lesson *L, enum lesson_kind kind,
                      const char *s, size_t n, int final_eol)
{
	size_t at = 0;
	while (at < n) {
		size_t l = lesson__linelen(s + at, n - at), ll = l - (s[at + l - 1] == '\n');
		if (kind == LESSON_MARKDOWN)
			sb_adds(out, ll ? "-- " : "--");
		sb_addn(out, s + at, ll);
		at += l;
		if (at < n || final_eol)
			sb_adds(out, L->eol);
	}
}

/* Appends a marker line for a cell of `kind` titled `title`, with metadata `meta`. */
static void make_marker(strbuf *out, const lesson *L, enum lesson_kind kind, const char *title,
                        const char *meta)
{
	sb_adds(out, kind == LESSON_MARKDOWN ? "-- %% [markdown]" : "-- %%");
	if (*title) {
		sb_addc(out, ' ');
		sb_adds(out, title);
	}
	if (*meta) {
		sb_addc(out, ' ');
		sb_adds(out, meta);
	}
	sb_adds(out, L->eol);
}

/* Returns the length of the head's bytes before its marker line (a blank line or none). */
static size_t head_lead(const lesson_cellrep *c)
{
	size_t at = 0, l;
	while (c->body && (l = lesson__linelen(c->raw + at, c->body - at)) < c->body - at)
		at += l;
	return at;
}

/*
** Returns 1 when a new body for cell i must end its last line: always,
** except in the last cell of a file without a final newline when nothing
** (no blank tail line) follows the body.
*/
static int final_eol(const lesson *L, size_t i)
{
	const lesson_cellrep *c = &L->cells[i];
	if (i + 1 < L->ncells || c->tail < c->nraw)
		return 1;
	return c->nraw == 0 || c->raw[c->nraw - 1] == '\n';
}

/* Returns 1 when c's marker line has no line end (an empty cell ending the file). */
static int head_open(const lesson_cellrep *c)
{
	return c->body > 0 && c->raw[c->body - 1] != '\n';
}

/* Drops the last n bytes of sb. */
static void sb_chop(strbuf *sb, size_t n)
{
	if (sb->s && n <= sb->len)
		sb->s[sb->len -= n] = '\0';
}

/* Replaces *c with the cell built from the three runs; *c is kept on failure. */
static int replace(lesson_cellrep *c, const char *h, size_t nh, const char *b, size_t nb,
                   const char *t, size_t nt)
{
	lesson_cellrep n;
	memset(&n, 0, sizeof n);
	int st = lesson__set_raw(&n, h, nh, b, nb, t, nt);
	if (st != LESSON_OK)
		return st;
	lesson__cell_free(c);
	*c = n;
	return LESSON_OK;
}

/*
** Builds into *out a copy of c that can stand where a move put it: a
** marker when it is not first (text before the first marker has none),
** and a blank line after it when another cell follows.
*/
static int placed(const lesson *L, const lesson_cellrep *c, int need_marker, int need_sep,
                  lesson_cellrep *out)
{
	strbuf head = STRBUF_INIT, tail = STRBUF_INIT;
	sb_addn(&head, c->raw, c->body);
	if (need_marker && c->body == 0)
		make_marker(&head, L, c->pub.kind, c->pub.title, c->pub.meta);
	sb_addn(&tail, c->raw + c->tail, c->nraw - c->tail);
	if (need_sep) {
		/*
		 * A cell that ended the file may end without a line end: close
		 * its last line first (an empty cell's marker, or its body).
		 */
		size_t nb = c->tail - c->body;
		int open = tail.len == 0 && nb && c->raw[c->tail - 1] != '\n';
		if (head_open(c))
			sb_adds(&head, L->eol);
		/* A last line ending in a lone CR reads as a CRLF line: complete it. */
		if (open)
			sb_adds(&tail, c->raw[c->tail - 1] == '\r' ? "\n" : L->eol);
		if (open || !ends_blank(tail.s, tail.len))
			sb_adds(&tail, L->eol);
	}
	int st = LESSON_ENOMEM;
	memset(out, 0, sizeof *out);
	if (!head.failed && !tail.failed)
		st = lesson__set_raw(out, sb_str(&head), head.len, c->raw + c->body,
		                     c->tail - c->body, sb_str(&tail), tail.len);
	sb_free(&head);
	sb_free(&tail);
	return st;
}

/* Marks L changed and renumbers; returns LESSON_OK. */
static int edited(lesson *L)
{
	L->changed = 1;
	lesson__renumber(L);
	return LESSON_OK;
}

/*
** Every cell but the last ends its last line, so moving or deleting a cell
** never joins two lines.  An insert after a cell that ended the file
** without a line end therefore closes that cell first (its line end and
** a blank line go into its tail, where reading the file puts them).
*/
int lesson_insert(lesson *L, size_t i, enum lesson_kind kind, const char *source)
{
	if (i > L->ncells)
		return LESSON_EINDEX;
	if (vec_grow(&L->cells, &L->cap, L->ncells + 1, sizeof *L->cells, VEC_CHARGED) != 0)
		return LESSON_ENOMEM;
	lesson_cellrep c, prev_closed, next;
	memset(&c, 0, sizeof c);
	memset(&prev_closed, 0, sizeof prev_closed);
	memset(&next, 0, sizeof next);
	const lesson_cellrep *pc = i ? &L->cells[i - 1] : NULL;
	int close_prev = pc && pc->nraw && pc->raw[pc->nraw - 1] != '\n';
	if (close_prev && placed(L, pc, 0, 1, &prev_closed) != LESSON_OK)
		return LESSON_ENOMEM;

	/* What comes before must leave a blank line (the header too). */
	const char *prev = close_prev ? prev_closed.raw : pc ? pc->raw : L->prefix;
	size_t nprev = close_prev ? prev_closed.nraw : pc ? pc->nraw : L->nprefix;
	strbuf head = STRBUF_INIT, body = STRBUF_INIT, src = STRBUF_INIT;
	if (nprev && (i > 0 || L->hdr_end > L->hdr_start) && !ends_blank(prev, nprev))
		sb_adds(&head, L->eol);
	make_marker(&head, L, kind, "", "");
	normalize(&src, kind, source ? source : "", source ? strlen(source) : 0);
	make_body(&body, L, kind, sb_str(&src), src.len, 1);

	int st = LESSON_ENOMEM;
	if (!head.failed && !body.failed && !src.failed)
		st = lesson__set_raw(&c, sb_str(&head), head.len, sb_str(&body), body.len,
		                     L->eol, i < L->ncells ? strlen(L->eol) : 0);
	/* Text before the first marker needs one once a cell precedes it. */
	int fix_next = st == LESSON_OK && i < L->ncells && L->cells[i].body == 0;
	if (fix_next)
		st = placed(L, &L->cells[i], 1, 0, &next);
	sb_free(&head);
	sb_free(&body);
	sb_free(&src);
	if (st != LESSON_OK) {
		lesson__cell_free(&c);
		lesson__cell_free(&prev_closed);
		return st;
	}
	if (close_prev) {
		lesson__cell_free(&L->cells[i - 1]);
		L->cells[i - 1] = prev_closed;
	}
	if (fix_next) {
		lesson__cell_free(&L->cells[i]);
		L->cells[i] = next;
	}
	memmove(&L->cells[i + 1], &L->cells[i], (L->ncells - i) * sizeof *L->cells);
	L->cells[i] = c;
	L->ncells++;
	return edited(L);
}

int lesson_delete(lesson *L, size_t i)
{
	if (i >= L->ncells)
		return LESSON_EINDEX;
	lesson__cell_free(&L->cells[i]);
	memmove(&L->cells[i], &L->cells[i + 1], (L->ncells - i - 1) * sizeof *L->cells);
	L->ncells--;
	return edited(L);
}

int lesson_move(lesson *L, size_t i, int dir)
{
	if (i >= L->ncells || dir == 0 || (dir < 0 && i == 0) || (dir > 0 && i + 1 >= L->ncells))
		return LESSON_EINDEX;
	size_t lo = dir < 0 ? i - 1 : i, hi = lo + 1;
	lesson_cellrep up, down;
	int st = placed(L, &L->cells[hi], lo > 0, 1, &up);
	if (st != LESSON_OK)
		return st;
	st = placed(L, &L->cells[lo], 1, hi + 1 < L->ncells, &down);
	if (st != LESSON_OK) {
		lesson__cell_free(&up);
		return st;
	}
	lesson__cell_free(&L->cells[lo]);
	lesson__cell_free(&L->cells[hi]);
	L->cells[lo] = up;
	L->cells[hi] = down;
	return edited(L);
}

int lesson_set_source(lesson *L, size_t i, const char *source, size_t n)
{
	if (i >= L->ncells)
		return LESSON_EINDEX;
	lesson_cellrep *c = &L->cells[i];
	strbuf src = STRBUF_INIT, body = STRBUF_INIT;
	normalize(&src, c->pub.kind, source, n);
	if (!src.failed && strcmp(sb_str(&src), c->source) == 0) {
		sb_free(&src);
		return LESSON_OK;
	}
	make_body(&body, L, c->pub.kind, sb_str(&src), src.len, final_eol(L, i));
	/* A marker that ended the file needs its line end once a body follows. */
	strbuf head = STRBUF_INIT;
	sb_addn(&head, c->raw, c->body);
	if (head_open(c) && body.len)
		sb_adds(&head, L->eol);
	/*
	 * Text before the first marker must start with a line that reads back
	 * as text: a blank first line (or no text at all) would join the
	 * blank lines before the cells, a `-- ---` line would open a header.
	 * Such a cell gets a marker.
	 */
	size_t l1 = lesson__linelen(sb_str(&src), src.len);
	if (c->body == 0 && (lesson__blank(sb_str(&src), l1) || lesson__is_delim(sb_str(&src), l1)))
		make_marker(&head, L, c->pub.kind, c->pub.title, c->pub.meta);
	int st = LESSON_ENOMEM;
	if (!src.failed && !body.failed && !head.failed)
		st = replace(c, sb_str(&head), head.len, sb_str(&body), body.len,
		             c->raw + c->tail, c->nraw - c->tail);
	sb_free(&src);
	sb_free(&body);
	sb_free(&head);
	return st == LESSON_OK ? edited(L) : st;
}

/* Rebuilds cell i with a new marker (and, for a new kind, a new body). */
static int remark(lesson *L, size_t i, enum lesson_kind kind, const char *title)
{
	lesson_cellrep *c = &L->cells[i];
	strbuf head = STRBUF_INIT, body = STRBUF_INIT;
	sb_addn(&head, c->raw, head_lead(c));
	make_marker(&head, L, kind, title, c->pub.meta);
	if (kind != c->pub.kind) {
		strbuf src = STRBUF_INIT;
		normalize(&src, kind, c->source, c->pub.source_len);
		make_body(&body, L, kind, sb_str(&src), src.len, final_eol(L, i));
		body.failed |= src.failed;
		sb_free(&src);
	} else {
		sb_addn(&body, c->raw + c->body, c->tail - c->body);
	}
	/* An empty cell ending the file keeps its missing final newline. */
	if (head_open(c) && body.len == 0)
		sb_chop(&head, strlen(L->eol));
	int st = LESSON_ENOMEM;
	if (!head.failed && !body.failed)
		st = replace(c, sb_str(&head), head.len, sb_str(&body), body.len,
		             c->raw + c->tail, c->nraw - c->tail);
	sb_free(&head);
	sb_free(&body);
	return st == LESSON_OK ? edited(L) : st;
}

int lesson_set_kind(lesson *L, size_t i, enum lesson_kind kind)
{
	if (i >= L->ncells || (kind != LESSON_CODE && kind != LESSON_MARKDOWN))
		return LESSON_EINDEX;
	if (L->cells[i].pub.kind == kind)
		return LESSON_OK;
	return remark(L, i, kind, L->cells[i].pub.title);
}

/* Copies s into a one-line string: newlines and tabs become spaces, ends trimmed. */
static void one_line(strbuf *out, const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	for (; *s; s++)
		sb_addc(out, (*s == '\r' || *s == '\n' || *s == '\t') ? ' ' : *s);
	while (out->len && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
}

int lesson_set_title(lesson *L, size_t i, const char *title)
{
	if (i >= L->ncells)
		return LESSON_EINDEX;
	strbuf t = STRBUF_INIT;
	one_line(&t, title ? title : "");
	int st;
	if (t.failed)
		st = LESSON_ENOMEM;
	else if (strcmp(sb_str(&t), L->cells[i].pub.title) == 0)
		st = LESSON_OK;
	else
		st = remark(L, i, L->cells[i].pub.kind, sb_str(&t));
	sb_free(&t);
	return st;
}

/*
** Builds the new prefix for set_meta: the key's line replaced or added.
** Returns where the new header ends in it.
*/
static size_t meta_prefix(strbuf *out, const lesson *L, const char *key, const char *line)
{
	size_t hs = L->hdr_start, he = L->hdr_end;
	sb_addn(out, L->prefix, hs);
	if (he == hs) {
		sb_adds(out, "-- ---");
		sb_adds(out, L->eol);
		sb_adds(out, line);
		sb_adds(out, "-- ---");
		sb_adds(out, L->eol);
		size_t end = out->len;
		if (L->ncells && !(he < L->nprefix && lesson__blank(L->prefix + he, L->nprefix - he)))
			sb_adds(out, L->eol);
		sb_addn(out, L->prefix + he, L->nprefix - he);
		return end;
	}
	size_t at = hs, done = 0;
	while (at < he) {
		size_t l = lesson__linelen(L->prefix + at, he - at), nk, nv;
		const char *k, *v;
		if (!done && at + l == he) {
			sb_adds(out, line); /* a new key goes before the closing line */
			done = 1;
		}
		if (!done && lesson__meta_line(L->prefix + at, l, &k, &nk, &v, &nv) &&
		    nk == strlen(key) && memcmp(k, key, nk) == 0) {
			sb_adds(out, line);
			done = 1;
		} else {
			sb_addn(out, L->prefix + at, l);
		}
		at += l;
	}
	size_t end = out->len;
	sb_addn(out, L->prefix + he, L->nprefix - he);
	return end;
}

int lesson_set_meta(lesson *L, const char *key, const char *value)
{
	if (!key || !lesson__key_ok(key, strlen(key)))
		return LESSON_EINDEX;
	const char *old = lesson_meta(L, key);
	strbuf v = STRBUF_INIT, line = STRBUF_INIT, pre = STRBUF_INIT;
	one_line(&v, value ? value : "");
	if (old && !v.failed && strcmp(old, sb_str(&v)) == 0) {
		sb_free(&v);
		return LESSON_OK;
	}
	sb_addf(&line, "-- %s:%s", key, v.len ? " " : "");
	lesson_yaml_quote(&line, sb_str(&v), v.len);
	sb_adds(&line, L->eol);
	size_t end = meta_prefix(&pre, L, key, sb_str(&line));
	int st = LESSON_ENOMEM;
	char *np = NULL;
	if (!v.failed && !line.failed && !pre.failed && (np = mem_alloc(pre.len + 1))) {
		memcpy(np, sb_str(&pre), pre.len + 1);
		char *op = L->prefix;
		size_t on = L->nprefix, oe = L->hdr_end;
		int ol = L->hdr_line;
		L->prefix = np;
		L->nprefix = pre.len;
		L->hdr_end = end;
		L->hdr_line = 1;
		for (size_t i = 0; i < L->hdr_start; i++)
			L->hdr_line += L->prefix[i] == '\n';
		st = lesson__read_meta(L);
		if (st == LESSON_OK) {
			mem_free(op);
		} else {
			mem_free(np);
			L->prefix = op, L->nprefix = on, L->hdr_end = oe, L->hdr_line = ol;
			lesson__read_meta(L);
		}
	}
	sb_free(&v);
	sb_free(&line);
	sb_free(&pre);
	return st == LESSON_OK ? edited(L) : st;
}
