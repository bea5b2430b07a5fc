/*
** textbuf.c — the text of one cell: lines, edits and their undo history.
**
** Every change goes through two primitives, raw_insert and raw_delete,
** which either succeed or leave the lines exactly as they were.  An undo
** step records those primitives (with the text involved), so undo is the
** inverse primitives in reverse order and redo the same ones again.
** Cursor moves and columns live in textbuf_move.c.
*/
#include <string.h>

#include "mem.h"
#include "textbuf_int.h"
#include "utf8.h"

/*
** Makes s[0..n) safe to hold: valid UTF-8, newlines only as '\n', no
** control characters but tab.  Returns a mem_alloc'd copy (length in
** *out), or NULL when out of memory.
*/
static char *normalize(const char *s, size_t n, size_t *out)
{
	if (n > ((size_t)-1 - 1) / 3)
		return NULL;
	char *r = mem_alloc(3 * n + 1);
	if (!r)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == '\r') {
				r[k++] = '\n';
				i += (i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
				continue;
			}
			if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f))
				r[k++] = (char)c;
			i++;
			continue;
		}
		uint32_t cp;
		size_t used = utf8_decode(s + i, n - i, &cp);
		if (cp >= 0x80 && cp <= 0x9f) {
			i += used;   /* C1 controls: a terminal would act on them */
			continue;
		}
		if (cp == UTF8_REPLACEMENT && used == 1) {
			k += utf8_encode(UTF8_REPLACEMENT, r + k);
		} else {
			memcpy(r + k, s + i, used);
			k += used;
		}
		i += used;
	}
	*out = k;
	return r;
}

/*
** Makes line l hold at least need bytes; a line always owns a buffer, so
** no code ever does arithmetic on a NULL pointer.  Returns 0, or -1 (unchanged).
*/
static int line_reserve(tb_line *l, size_t need)
{
	if (l->s && need <= l->cap)
		return 0;
	size_t cap = l->cap ? l->cap : 16;
	while (cap < need)
		cap = cap > ((size_t)-1) / 2 ? need : 2 * cap;
	char *s = mem_realloc(l->s, cap);
	if (!s)
		return -1;
	l->s = s;
	l->cap = cap;
	return 0;
}

/* Makes room for at least need lines.  Returns 0, or -1 (unchanged). */
static int lines_reserve(textbuf *tb, size_t need)
{
	if (need <= tb->cap)
		return 0;
	size_t cap = tb->cap ? 2 * tb->cap : 8;
	while (cap < need)
		cap *= 2;
	size_t bytes;
	if (!mem_mul_ok(cap, sizeof *tb->lines, &bytes))
		return -1;
	tb_line *v = mem_realloc(tb->lines, bytes);
	if (!v)
		return -1;
	tb->lines = v;
	tb->cap = cap;
	return 0;
}

/* Returns the position just after text t[0..n) inserted at at. */
static tb_pos end_of(tb_pos at, const char *t, size_t n)
{
	const char *nl = NULL;
	for (size_t i = 0; i < n; i++)
		if (t[i] == '\n') {
			at.line++;
			nl = t + i;
		}
	at.byte = nl ? (size_t)(t + n - nl - 1) : at.byte + n;
	return at;
}

/*
** Inserts normalised text t[0..n) at at.  Everything that can fail
** (growing the line array, the first line, every new line) is done before
** anything moves, so failure leaves the text untouched.
*/
static int raw_insert(textbuf *tb, tb_pos at, const char *t, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += t[i] == '\n';
	tb_line *cur = &tb->lines[at.line];
	if (k == 0) {
		if (line_reserve(cur, cur->len + n) != 0)
			return TEXTBUF_ENOMEM;
		memmove(cur->s + at.byte + n, cur->s + at.byte, cur->len - at.byte);
		memcpy(cur->s + at.byte, t, n);
		cur->len += n;
		return TEXTBUF_OK;
	}
	if (lines_reserve(tb, tb->n + k) != 0)
		return TEXTBUF_ENOMEM;
	cur = &tb->lines[at.line];
	const char *seg0_end = memchr(t, '\n', n);
	size_t seg0 = (size_t)(seg0_end - t);
	tb_line fresh[k > 64 ? 1 : 64], *nl = fresh;
	if (k > 64) {
		size_t bytes;
		if (!mem_mul_ok(k, sizeof *nl, &bytes) || !(nl = mem_alloc(bytes)))
			return TEXTBUF_ENOMEM;
	}
	/* new lines 1..k: middle segments, then the last segment + the old tail */
	const char *p = seg0_end + 1;
	size_t made = 0;
	int rc = TEXTBUF_OK;
	for (size_t j = 0; j < k; j++) {
		const char *e = j + 1 < k ? memchr(p, '\n', (size_t)(t + n - p)) : t + n;
		size_t len = (size_t)(e - p), tail = j + 1 < k ? 0 : cur->len - at.byte;
		nl[j].s = NULL;
		nl[j].len = nl[j].cap = 0;
		if (line_reserve(&nl[j], len + tail) != 0) {
			rc = TEXTBUF_ENOMEM;
			break;
		}
		made++;
		memcpy(nl[j].s, p, len);
		if (tail)
			memcpy(nl[j].s + len, cur->s + at.byte, tail);
		nl[j].len = len + tail;
		p = e + 1;
	}
	if (rc == TEXTBUF_OK && line_reserve(cur, at.byte + seg0) != 0)
		rc = TEXTBUF_ENOMEM;
	if (rc != TEXTBUF_OK) {
		for (size_t j = 0; j < made; j++)
			mem_free(nl[j].s);
		if (nl != fresh)
			mem_free(nl);
		return rc;
	}
	memcpy(cur->s + at.byte, t, seg0);
	cur->len = at.byte + seg0;
	memmove(tb->lines + at.line + 1 + k, tb->lines + at.line + 1,
	        (tb->n - at.line - 1) * sizeof *tb->lines);
	memcpy(tb->lines + at.line + 1, nl, k * sizeof *nl);
	tb->n += k;
	if (nl != fresh)
		mem_free(nl);
	return TEXTBUF_OK;
}

/* Returns a mem_alloc'd copy of the text in [a, b) (length in *len), or NULL. */
static char *range_text(const textbuf *tb, tb_pos a, tb_pos b, size_t *len)
{
	size_t n = 0;
	for (size_t l = a.line; l <= b.line; l++) {
		size_t from = l == a.line ? a.byte : 0, to = l == b.line ? b.byte : tb->lines[l].len;
		n += to - from + (l < b.line);
	}
	char *r = mem_alloc(n + 1);
	if (!r)
		return NULL;
	size_t k = 0;
	for (size_t l = a.line; l <= b.line; l++) {
		size_t from = l == a.line ? a.byte : 0, to = l == b.line ? b.byte : tb->lines[l].len;
		memcpy(r + k, tb->lines[l].s + from, to - from);
		k += to - from;
		if (l < b.line)
			r[k++] = '\n';
	}
	*len = n;
	return r;
}

/* Deletes [a, b), joining lines.  Only joining can need memory; then it fails untouched. */
static int raw_delete(textbuf *tb, tb_pos a, tb_pos b)
{
	tb_line *la = &tb->lines[a.line];
	if (a.line == b.line) {
		memmove(la->s + a.byte, la->s + b.byte, la->len - b.byte);
		la->len -= b.byte - a.byte;
		return TEXTBUF_OK;
	}
	tb_line *lb = &tb->lines[b.line];
	size_t tail = lb->len - b.byte;
	if (line_reserve(la, a.byte + tail) != 0)
		return TEXTBUF_ENOMEM;
	if (tail)
		memcpy(la->s + a.byte, lb->s + b.byte, tail);
	la->len = a.byte + tail;
	for (size_t l = a.line + 1; l <= b.line; l++)
		mem_free(tb->lines[l].s);
	memmove(tb->lines + a.line + 1, tb->lines + b.line + 1,
	        (tb->n - b.line - 1) * sizeof *tb->lines);
	tb->n -= b.line - a.line;
	return TEXTBUF_OK;
}

/* ---- undo history ---- */

static void step_free(tb_step *s)
{
	for (size_t i = 0; i < s->n; i++)
		mem_free(s->edits[i].text);
	mem_free(s->edits);
	s->edits = NULL;
	s->n = s->cap = 0;
}

static void drop_redo(textbuf *tb)
{
	while (tb->nsteps > tb->top)
		step_free(&tb->steps[--tb->nsteps]);
}

static void clear_history(textbuf *tb)
{
	while (tb->nsteps > 0)
		step_free(&tb->steps[--tb->nsteps]);
	tb->top = 0;
	tb->open = 0;
}

/*
** Returns the step this edit belongs to: the open one when it has the same
** mergeable kind, else a new one (dropping the redo steps).  NULL when out
** of memory.  *fresh says whether it was created, so a failed edit can
** take it away again.
*/
static tb_step *step_for(textbuf *tb, int kind, int *fresh)
{
	*fresh = 0;
	if (tb->open && tb->top > 0 && kind != TB_OTHER && tb->steps[tb->top - 1].kind == kind
	    && tb->top == tb->nsteps)
		return &tb->steps[tb->top - 1];
	drop_redo(tb);
	if (tb->nsteps == tb->capsteps) {
		size_t cap = tb->capsteps ? 2 * tb->capsteps : 16, bytes;
		if (!mem_mul_ok(cap, sizeof *tb->steps, &bytes))
			return NULL;
		tb_step *v = mem_realloc(tb->steps, bytes);
		if (!v)
			return NULL;
		tb->steps = v;
		tb->capsteps = cap;
	}
	tb_step *s = &tb->steps[tb->nsteps++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->before = tb->cur;
	s->id = ++tb->next_id;
	tb->top = tb->nsteps;
	tb->open = 1;
	*fresh = 1;
	return s;
}

static void step_cancel(textbuf *tb, int fresh)
{
	if (fresh) {
		step_free(&tb->steps[--tb->nsteps]);
		tb->top = tb->nsteps;
		tb->open = 0;
	}
}

/*
** Records then applies one edit: insert t[0..n) at at, or delete [at, b).
** Typing and runs of backspace/delete in one line extend the previous
** record instead of adding one, so a long typed word costs one record.
*/
static int edit(textbuf *tb, int kind, int insert, tb_pos at, tb_pos b, const char *t, size_t n)
{
	int fresh;
	tb_step *s = step_for(tb, kind, &fresh);
	if (!s)
		return TEXTBUF_ENOMEM;
	size_t len = n;
	char *text = insert ? NULL : range_text(tb, at, b, &len);
	if (!insert && !text) {
		step_cancel(tb, fresh);
		return TEXTBUF_ENOMEM;
	}
	tb_edit *last = s->n ? &s->edits[s->n - 1] : NULL;
	const char *add = insert ? t : text;
	int same_line = last && last->insert == insert && last->at.line == at.line
	                && !memchr(last->text, '\n', last->len) && !memchr(add, '\n', len);
	int rc = TEXTBUF_OK;
	if (same_line && insert && last->at.byte + last->len == at.byte) {
		char *v = mem_realloc(last->text, last->len + len + 1);
		if (!v || (rc = raw_insert(tb, at, t, n)) != TEXTBUF_OK) {
			if (v)
				last->text = v;
			mem_free(text);
			return TEXTBUF_ENOMEM;
		}
		last->text = v;
		memcpy(v + last->len, t, len);
		last->len += len;
		return TEXTBUF_OK;
	}
	if (same_line && !insert && (at.byte + len == last->at.byte || at.byte == last->at.byte)) {
		char *v = mem_realloc(last->text, last->len + len + 1);
		if (!v || (rc = raw_delete(tb, at, b)) != TEXTBUF_OK) {
			if (v)
				last->text = v;
			mem_free(text);
			return TEXTBUF_ENOMEM;
		}
		last->text = v;
		if (at.byte + len == last->at.byte) {   /* backspace: goes in front */
			memmove(v + len, v, last->len);
			memcpy(v, text, len);
			last->at = at;
		} else {
			memcpy(v + last->len, text, len);
		}
		last->len += len;
		mem_free(text);
		return TEXTBUF_OK;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 4;
		tb_edit *v = mem_realloc(s->edits, cap * sizeof *v);
		if (!v) {
			mem_free(text);
			step_cancel(tb, fresh);
			return TEXTBUF_ENOMEM;
		}
		s->edits = v;
		s->cap = cap;
	}
	if (insert) {
		text = mem_alloc(n + 1);
		if (text)
			memcpy(text, t, n);
	}
	rc = !text ? TEXTBUF_ENOMEM : insert ? raw_insert(tb, at, t, n) : raw_delete(tb, at, b);
	if (rc != TEXTBUF_OK) {
		mem_free(text);
		step_cancel(tb, fresh);
		return rc;
	}
	s->edits[s->n++] = (tb_edit){insert, at, text, len};
	return TEXTBUF_OK;
}

/* Puts the cursor at p after an edit and closes the bookkeeping of the step. */
static void after_edit(textbuf *tb, tb_pos p, int seal)
{
	tb->cur = p;
	tb->goal = tb_col(tb, p.line, p.byte);
	if (tb->top > 0)
		tb->steps[tb->top - 1].after = p;
	if (seal)
		tb->open = 0;
	tb->version++;
}

/* Applies edit e forwards (redo) or backwards (undo). */
static int apply(textbuf *tb, const tb_edit *e, int forward)
{
	if (e->insert == forward)
		return raw_insert(tb, e->at, e->text, e->len);
	return raw_delete(tb, e->at, end_of(e->at, e->text, e->len));
}

/*
** Runs the edits of step s one way; when memory runs out half-way, runs
** back the ones done so the text matches the history again.  If even that
** fails the history no longer describes the text and is dropped.
*/
static int run_step(textbuf *tb, const tb_step *s, int forward)
{
	for (size_t i = 0; i < s->n; i++) {
		const tb_edit *e = &s->edits[forward ? i : s->n - 1 - i];
		if (apply(tb, e, forward) == TEXTBUF_OK)
			continue;
		while (i-- > 0)
			if (apply(tb, &s->edits[forward ? i : s->n - 1 - i], !forward) != TEXTBUF_OK) {
				clear_history(tb);
				return -2;
			}
		return -1;
	}
	return 0;
}

int textbuf_undo(textbuf *tb)
{
	if (!tb || tb->top == 0)
		return 0;
	tb_step *s = &tb->steps[tb->top - 1];
	if (run_step(tb, s, 0) < 0)
		return 0;
	tb->top--;
	tb->open = 0;
	tb->cur = s->before;
	tb->goal = tb_col(tb, tb->cur.line, tb->cur.byte);
	tb->version++;
	return 1;
}

int textbuf_redo(textbuf *tb)
{
	if (!tb || tb->top == tb->nsteps)
		return 0;
	tb_step *s = &tb->steps[tb->top];
	if (run_step(tb, s, 1) < 0)
		return 0;
	tb->top++;
	tb->open = 0;
	tb->cur = s->after;
	tb->goal = tb_col(tb, tb->cur.line, tb->cur.byte);
	tb->version++;
	return 1;
}

void textbuf_seal(textbuf *tb)
{
	if (tb)
		tb->open = 0;
}

int textbuf_modified(const textbuf *tb)
{
	unsigned long now = tb->top ? tb->steps[tb->top - 1].id : 0;
	return now != tb->saved_id;
}

void textbuf_set_saved(textbuf *tb)
{
	tb->saved_id = tb->top ? tb->steps[tb->top - 1].id : 0;
	tb->open = 0;
}

unsigned long textbuf_version(const textbuf *tb)
{
	return tb->version;
}

/* ---- the buffer ---- */

textbuf *textbuf_new(const char *text, size_t len)
{
	textbuf *tb = mem_calloc(1, sizeof *tb);
	if (!tb)
		return NULL;
	strcpy(tb->unit, "  ");
	tb->smart = 1;
	if (lines_reserve(tb, 1) != 0) {
		mem_free(tb);
		return NULL;
	}
	tb->lines[0] = (tb_line){NULL, 0, 0};
	tb->n = 1;
	if (line_reserve(&tb->lines[0], 0) != 0) {
		textbuf_free(tb);
		return NULL;
	}
	if (len > 0) {
		size_t n;
		char *t = text ? normalize(text, len, &n) : NULL;
		if (!t || raw_insert(tb, (tb_pos){0, 0}, t, n) != TEXTBUF_OK) {
			mem_free(t);
			textbuf_free(tb);
			return NULL;
		}
		mem_free(t);
	}
	for (size_t i = 0; i < tb->n; i++)
		if (tb->lines[i].len && tb->lines[i].s[0] == '\t') {
			strcpy(tb->unit, "\t");
			break;
		}
	return tb;
}

void textbuf_free(textbuf *tb)
{
	if (!tb)
		return;
	clear_history(tb);
	mem_free(tb->steps);
	for (size_t i = 0; i < tb->n; i++)
		mem_free(tb->lines[i].s);
	mem_free(tb->lines);
	mem_free(tb);
}

int textbuf_set_indent(textbuf *tb, const char *unit, int smart)
{
	if (!tb || !unit)
		return TEXTBUF_EARG;
	size_t n = strlen(unit);
	if (n == 0 || n >= sizeof tb->unit || strspn(unit, " \t") != n)
		return TEXTBUF_EARG;
	memcpy(tb->unit, unit, n + 1);
	tb->smart = smart != 0;
	return TEXTBUF_OK;
}

size_t textbuf_lines(const textbuf *tb)
{
	return tb->n;
}

const char *textbuf_line(const textbuf *tb, size_t i, size_t *len)
{
	if (i >= tb->n) {
		if (len)
			*len = 0;
		return NULL;
	}
	if (len)
		*len = tb->lines[i].len;
	return tb->lines[i].s;
}

void textbuf_text(const textbuf *tb, strbuf *out)
{
	for (size_t i = 0; i < tb->n; i++) {
		if (i)
			sb_addc(out, '\n');
		sb_addn(out, tb->lines[i].s, tb->lines[i].len);
	}
}

/* Inserts text at the cursor as an undo step of the given kind. */
static int insert_at_cursor(textbuf *tb, const char *s, size_t n, int kind)
{
	if (!tb || (!s && n))
		return TEXTBUF_EARG;
	size_t len;
	char *t = normalize(s ? s : "", n, &len);
	if (!t)
		return TEXTBUF_ENOMEM;
	if (len == 0) {
		mem_free(t);
		return TEXTBUF_OK;
	}
	if (kind == TB_TYPE && memchr(t, '\n', len))
		kind = TB_OTHER;
	tb_pos at = tb->cur;
	int rc = edit(tb, kind, 1, at, at, t, len);
	if (rc == TEXTBUF_OK)
		after_edit(tb, end_of(at, t, len), kind == TB_OTHER);
	mem_free(t);
	return rc;
}

int textbuf_type(textbuf *tb, const char *s, size_t n)
{
	return insert_at_cursor(tb, s, n, TB_TYPE);
}

int textbuf_insert(textbuf *tb, const char *s, size_t n)
{
	return insert_at_cursor(tb, s, n, TB_OTHER);
}

/* Returns 1 when the first n bytes of s end in the whole word w. */
static int ends_with_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n < k || memcmp(s + n - k, w, k) != 0)
		return 0;
	if (n == k)
		return 1;
	unsigned char c = (unsigned char)s[n - k - 1];
	return !(c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'));
}

static int name_char(unsigned char c)
{
	return c == '_' || c == '.' || c == ':' || (c >= '0' && c <= '9')
	       || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/*
** Does this Lua line open a block, so the next line goes one level in?
** A trailing comment is ignored (outside quotes); `function f(x)` and
** `function(x)` count, a plain call `f(x)` does not.
*/
static int opens_block(const char *s, size_t n)
{
	char q = 0;
	for (size_t i = 0; i < n; i++) {
		if (q) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
			n = i;
			break;
		}
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (s[n - 1] == '{' || s[n - 1] == '(')
		return 1;
	static const char *const words[] = {"then", "do", "else", "repeat"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (ends_with_word(s, n, words[i]))
			return 1;
	if (s[n - 1] != ')')
		return 0;
	int depth = 0;
	size_t i = n;
	while (i-- > 0) {
		depth += s[i] == ')' ? 1 : s[i] == '(' ? -1 : 0;
		if (depth == 0)
			break;
	}
	if (depth != 0)
		return 0;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	if (ends_with_word(s, i, "function"))
		return 1;
	while (i > 0 && name_char((unsigned char)s[i - 1]))
		i--;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	return i > 0 && ends_with_word(s, i, "function");
}

int textbuf_newline(textbuf *tb)
{
	if (!tb)
		return TEXTBUF_EARG;
	const tb_line *l = &tb->lines[tb->cur.line];
	size_t ind = 0;
	while (ind < tb->cur.byte && (l->s[ind] == ' ' || l->s[ind] == '\t'))
		ind++;
	int more = tb->smart && opens_block(l->s, tb->cur.byte);
	size_t ulen = strlen(tb->unit), n = 1 + ind + (more ? ulen : 0);
	char *t = mem_alloc(n);
	if (!t)
		return TEXTBUF_ENOMEM;
	t[0] = '\n';
	memcpy(t + 1, l->s, ind);
	if (more)
		memcpy(t + 1 + ind, tb->unit, ulen);
	tb_pos at = tb->cur;
	int rc = edit(tb, TB_OTHER, 1, at, at, t, n);
	if (rc == TEXTBUF_OK)
		after_edit(tb, end_of(at, t, n), 1);
	mem_free(t);
	return rc;
}

int textbuf_backspace(textbuf *tb)
{
	if (!tb)
		return TEXTBUF_EARG;
	tb_pos b = tb->cur, a = b;
	if (b.byte > 0)
		a.byte = tb_prev(tb, b.line, b.byte);
	else if (b.line > 0)
		a = (tb_pos){b.line - 1, tb->lines[b.line - 1].len};
	else
		return TEXTBUF_OK;
	int rc = edit(tb, TB_BACK, 0, a, b, NULL, 0);
	if (rc == TEXTBUF_OK)
		after_edit(tb, a, 0);
	return rc;
}

int textbuf_delete(textbuf *tb)
{
	if (!tb)
		return TEXTBUF_EARG;
	tb_pos a = tb->cur, b = a;
	if (a.byte < tb->lines[a.line].len)
		b.byte = tb_next(tb, a.line, a.byte);
	else if (a.line + 1 < tb->n)
		b = (tb_pos){a.line + 1, 0};
	else
		return TEXTBUF_OK;
	int rc = edit(tb, TB_DEL, 0, a, b, NULL, 0);
	if (rc == TEXTBUF_OK)
		after_edit(tb, a, 0);
	return rc;
}
