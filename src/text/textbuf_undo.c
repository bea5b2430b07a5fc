/*
** textbuf_undo.c — the undo history: steps, undo and redo, a whole-text
** replacement as one step, and trimming the history to a size.
**
** A step is a list of primitive edits with the cursor before and after.
** Undo runs the inverse primitives in reverse order, redo runs them again;
** both use the primitives of textbuf.c, which fail without changing
** anything, so a failure half-way can always be walked back.
*/
#include <string.h>

#include "mem.h"
#include "textbuf_int.h"
#include "vec.h"

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

void tb_clear_history(textbuf *tb)
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
	if (vec_grow(&tb->steps, &tb->capsteps, tb->nsteps + 1, sizeof *tb->steps, VEC_CHARGED) != 0)
		return NULL;
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
int tb_record(textbuf *tb, int kind, int insert, tb_pos at, tb_pos b, const char *t, size_t n)
{
	int fresh;
	tb_step *s = step_for(tb, kind, &fresh);
	if (!s)
		return TEXTBUF_ENOMEM;
	size_t len = n;
	char *text = insert ? NULL : tb_range_text(tb, at, b, &len);
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
		if (!v || (rc = tb_raw_insert(tb, at, t, n)) != TEXTBUF_OK) {
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
		if (!v || (rc = tb_raw_delete(tb, at, b)) != TEXTBUF_OK) {
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
	if (vec_grow(&s->edits, &s->cap, s->n + 1, sizeof *s->edits, VEC_CHARGED) != 0) {
		mem_free(text);
		step_cancel(tb, fresh);
		return TEXTBUF_ENOMEM;
	}
	if (insert) {
		text = mem_alloc(n + 1);
		if (text)
			memcpy(text, t, n);
	}
	rc = !text ? TEXTBUF_ENOMEM : insert ? tb_raw_insert(tb, at, t, n) : tb_raw_delete(tb, at, b);
	if (rc != TEXTBUF_OK) {
		mem_free(text);
		step_cancel(tb, fresh);
		return rc;
	}
	s->edits[s->n++] = (tb_edit){insert, at, text, len};
	return TEXTBUF_OK;
}

/* Puts the cursor at p after an edit and closes the bookkeeping of the step. */
void tb_after_edit(textbuf *tb, tb_pos p, int seal)
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
		return tb_raw_insert(tb, e->at, e->text, e->len);
	return tb_raw_delete(tb, e->at, tb_end_of(e->at, e->text, e->len));
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
				tb_clear_history(tb);
				return -2;
			}
		return -1;
	}
	return 0;
}

/* Replays the step s backwards or forwards; the cursor goes where it was
** before or after it.  Returns 1, or 0 when the step could not be replayed. */
static int travel(textbuf *tb, tb_step *s, int forward)
{
	if (run_step(tb, s, forward) < 0)
		return 0;
	if (forward)
		tb->top++;
	else
		tb->top--;
	tb->open = 0;
	tb->cur = forward ? s->after : s->before;
	tb->goal = tb_col(tb, tb->cur.line, tb->cur.byte);
	tb->version++;
	return 1;
}

int textbuf_undo(textbuf *tb)
{
	return tb && tb->top > 0 && travel(tb, &tb->steps[tb->top - 1], 0);
}

int textbuf_redo(textbuf *tb)
{
	return tb && tb->top < tb->nsteps && travel(tb, &tb->steps[tb->top], 1);
}

void textbuf_seal(textbuf *tb)
{
	if (tb)
		tb->open = 0;
}

int textbuf_modified(const textbuf *tb)
{
	unsigned long now = tb->top ? tb->steps[tb->top - 1].id : tb->base_id;
	return now != tb->saved_id;
}

void textbuf_set_saved(textbuf *tb)
{
	tb->saved_id = tb->top ? tb->steps[tb->top - 1].id : tb->base_id;
	tb->open = 0;
}

/*
** The replacement is a deletion of everything and an insertion, recorded
** as one step of its own (sealed before and after).  When the insertion
** fails the deletion is walked back, so the text stays as it was.
*/
int textbuf_replace(textbuf *tb, const char *text, size_t len)
{
	if (!tb || (!text && len))
		return TEXTBUF_EARG;
	size_t n, oldlen;
	tb_pos start = {0, 0}, end = {tb->n - 1, tb->lines[tb->n - 1].len};
	char *t = tb_normalize(text ? text : "", len, &n);
	char *old = t ? tb_range_text(tb, start, end, &oldlen) : NULL;
	if (!old) {
		mem_free(t);
		return TEXTBUF_ENOMEM;
	}
	int same = oldlen == n && memcmp(old, t, n) == 0, rc = TEXTBUF_OK;
	mem_free(old);
	if (!same) {
		tb->open = 0;
		if (oldlen)
			rc = tb_record(tb, TB_REPLACE, 0, start, end, NULL, 0);
		if (rc == TEXTBUF_OK && n && (rc = tb_record(tb, TB_REPLACE, 1, start, start, t, n)) !=
		    TEXTBUF_OK && oldlen) {
			if (!textbuf_undo(tb))
				tb_clear_history(tb);
			drop_redo(tb);
		}
		if (rc == TEXTBUF_OK)
			tb_after_edit(tb, start, 1);
	}
	mem_free(t);
	return rc;
}

/* The bytes step s holds: its texts and its bookkeeping. */
static size_t step_bytes(const tb_step *s)
{
	size_t n = sizeof *s + s->cap * sizeof *s->edits;
	for (size_t i = 0; i < s->n; i++)
		n += s->edits[i].len;
	return n;
}

size_t textbuf_history_bytes(const textbuf *tb)
{
	size_t n = 0;
	for (size_t i = 0; i < tb->nsteps; i++)
		n += step_bytes(&tb->steps[i]);
	return n;
}

void textbuf_trim_history(textbuf *tb, size_t max_bytes)
{
	size_t total = textbuf_history_bytes(tb), drop = 0;
	while (total > max_bytes && tb->nsteps > tb->top) {
		total -= step_bytes(&tb->steps[tb->nsteps - 1]);
		step_free(&tb->steps[--tb->nsteps]);
	}
	while (total > max_bytes && drop + 1 < tb->top)
		total -= step_bytes(&tb->steps[drop++]);
	if (!drop)
		return;
	tb->base_id = tb->steps[drop - 1].id;   /* the state after the last step forgotten */
	for (size_t i = 0; i < drop; i++)
		step_free(&tb->steps[i]);
	memmove(tb->steps, tb->steps + drop, (tb->nsteps - drop) * sizeof *tb->steps);
	tb->top -= drop;
	tb->nsteps -= drop;
}

unsigned long textbuf_version(const textbuf *tb)
{
	return tb->version;
}
