/*
** cells.c — the cell operations: add, delete and undo, move, kind, copy
** and paste, and a new source from an editor.
**
** Every operation goes through lesson.h's edit functions, which leave the
** bytes of untouched cells alone: saving changes only the lines of edited
** cells.  A cell's view moves with it, so outputs follow their cell.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notebook_int.h"
#include "vec.h"

void nb_touch(notebook *nb)
{
	nb->modified = 1;
	nb->files.rec_dirty = 1;
	nb->search.has_match = 0;
	app_dirty(nb->base.app);
}

static void kept_free(nb_kept *k)
{
	free(k->title);
	free(k->src);
	k->title = k->src = NULL;
}

void nb_clip_free(nb_clip *c)
{
	kept_free(&c->copied);
	kept_free(&c->deleted);
	cellview_free(c->del_view);
	c->del_view = NULL;
}

/* Keeps a copy of cell i in *k (replacing what it held); returns 0, or -1 with a message. */
static int keep(notebook *nb, size_t i, nb_kept *k)
{
	const lesson_cell *lc = lesson_cell_at(nb->L, i);
	char *title = strdup(lc->title), *src = malloc(lc->source_len + 1);
	if (!title || !src) {
		free(title);
		free(src);
		app_message(nb->base.app, 1, "Not enough memory");
		return -1;
	}
	memcpy(src, lc->source, lc->source_len);
	src[lc->source_len] = '\0';
	kept_free(k);
	k->kind = lc->kind;
	k->title = title;
	k->src = src;
	return 0;
}

/* Inserts a view at i (the lesson already has the cell); returns 0 or -1. */
static int insert_view(notebook *nb, size_t i, cellview *c)
{
	if (vec_grow(&nb->cv, &nb->cvcap, nb->ncv + 1, sizeof *nb->cv, VEC_PLAIN) != 0)
		return -1;
	memmove(nb->cv + i + 1, nb->cv + i, (nb->ncv - i) * sizeof *nb->cv);
	nb->cv[i] = c;
	nb->ncv++;
	if (nb->run.running != NB_NONE && nb->run.running >= i)
		nb->run.running++;
	return 0;
}

/* Adds a cell like k (NULL: an empty code cell) at i, with the view `view` (NULL: a new one). */
static int add_cell(notebook *nb, size_t i, const nb_kept *k, cellview *view)
{
	cellview *c = view ? view : cellview_new();
	enum lesson_kind kind = k ? (enum lesson_kind)k->kind : LESSON_CODE;
	if (!c || lesson_insert(nb->L, i, kind, k ? k->src : "") != LESSON_OK) {
		if (!view)
			cellview_free(c);
		app_message(nb->base.app, 1, "Not enough memory to add a cell");
		return -1;
	}
	if (k && *k->title)
		lesson_set_title(nb->L, i, k->title);
	if (insert_view(nb, i, c) != 0) {
		lesson_delete(nb->L, i);
		if (!view)
			cellview_free(c);
		app_message(nb->base.app, 1, "Not enough memory to add a cell");
		return -1;
	}
	c->src_gen++;
	c->edited = 1;
	nb_touch(nb);
	return 0;
}

/* Cell i is new: make it current and show it. */
static void land(notebook *nb, size_t i)
{
	nb->cur = i;
	nb_layout(nb);
	nb_show_cell(nb, i);
}

/* Returns 1 (after saying why) when the lesson cannot change now. */
static int refuse(notebook *nb)
{
	return nb_refuse(nb) || !nb->L;
}

/* Returns 1 (after saying so) when cell i runs. */
static int running(notebook *nb, size_t i)
{
	if (i != nb->run.running)
		return 0;
	app_message(nb->base.app, 1, "The cell is running: stop it first (Ctrl-C)");
	return 1;
}

void nb_cell_add(notebook *nb, int below)
{
	if (refuse(nb))
		return;
	size_t i = nb->ncv ? nb->cur + (below ? 1 : 0) : 0;
	if (add_cell(nb, i, NULL, NULL) == 0) {
		land(nb, i);
		app_message(nb->base.app, 0, "New code cell: e edits it, m makes it prose");
	}
}

void nb_cell_delete(notebook *nb)
{
	if (refuse(nb) || nb->ncv == 0 || running(nb, nb->cur))
		return;
	size_t i = nb->cur;
	if (nb->ncv == 1) {
		app_message(nb->base.app, 1, "A lesson keeps at least one cell");
		return;
	}
	nb_kept k = {0, NULL, NULL};
	if (keep(nb, i, &k) != 0)
		return;
	if (lesson_delete(nb->L, i) != LESSON_OK) {
		kept_free(&k);
		app_message(nb->base.app, 1, "Not enough memory");
		return;
	}
	/* keep the cell, its outputs included, for u */
	kept_free(&nb->clip.deleted);
	cellview_free(nb->clip.del_view);
	nb->clip.deleted = k;
	nb->clip.del_view = nb->cv[i];
	nb->clip.del_at = i;
	memmove(nb->cv + i, nb->cv + i + 1, (nb->ncv - i - 1) * sizeof *nb->cv);
	nb->ncv--;
	if (nb->run.running != NB_NONE && nb->run.running > i)
		nb->run.running--;
	if (nb->cur >= nb->ncv)
		nb->cur = nb->ncv - 1;
	nb_touch(nb);
	app_message(nb->base.app, 0, "Cell deleted: u brings it back");
}

void nb_cell_undo(notebook *nb)
{
	nb_clip *c = &nb->clip;
	if (refuse(nb))
		return;
	if (!c->del_view) {
		app_message(nb->base.app, 0, "Nothing to undo (u undoes a cell deletion)");
		return;
	}
	size_t i = c->del_at <= nb->ncv ? c->del_at : nb->ncv;
	if (add_cell(nb, i, &c->deleted, c->del_view) != 0)
		return;
	c->del_view = NULL;
	kept_free(&c->deleted);
	land(nb, i);
	app_message(nb->base.app, 0, "Cell restored");
}

void nb_cell_move(notebook *nb, int dir)
{
	if (refuse(nb) || nb->ncv == 0)
		return;
	size_t i = nb->cur;
	if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= nb->ncv))
		return;
	size_t j = dir < 0 ? i - 1 : i + 1;
	if (lesson_move(nb->L, i, dir) != LESSON_OK) {
		app_message(nb->base.app, 1, "Not enough memory");
		return;
	}
	cellview *t = nb->cv[i];
	nb->cv[i] = nb->cv[j];
	nb->cv[j] = t;
	if (nb->run.running == i)
		nb->run.running = j;
	else if (nb->run.running == j)
		nb->run.running = i;
	nb->cv[i]->src_gen++;
	nb->cv[j]->src_gen++;
	nb_touch(nb);
	land(nb, j);
}

void nb_cell_toggle_kind(notebook *nb)
{
	if (refuse(nb) || nb->ncv == 0 || running(nb, nb->cur))
		return;
	size_t i = nb->cur;
	int code = lesson_cell_at(nb->L, i)->kind == LESSON_CODE;
	if (lesson_set_kind(nb->L, i, code ? LESSON_MARKDOWN : LESSON_CODE) != LESSON_OK) {
		app_message(nb->base.app, 1, "Not enough memory");
		return;
	}
	cellview *c = nb->cv[i];
	if (code) {
		blocklist_clear(&c->out);
		c->state = CS_NEW;
		c->count = 0;
	}
	c->src_gen++;
	c->edited = 1;
	nb_touch(nb);
	app_message(nb->base.app, 0, code ? "The cell is prose now" : "The cell is code now");
}

void nb_cell_copy(notebook *nb)
{
	if (!nb->L || nb->ncv == 0 || keep(nb, nb->cur, &nb->clip.copied) != 0)
		return;
	app_message(nb->base.app, 0, "Cell copied: v pastes it below the current cell");
}

void nb_cell_paste(notebook *nb)
{
	if (refuse(nb))
		return;
	if (!nb->clip.copied.src) {
		app_message(nb->base.app, 0, "Nothing copied yet: y copies a cell");
		return;
	}
	size_t i = nb->ncv ? nb->cur + 1 : 0;
	if (add_cell(nb, i, &nb->clip.copied, NULL) == 0)
		land(nb, i);
}

int nb_cell_set_source(notebook *nb, size_t i, const char *s, size_t n)
{
	if (i >= nb->ncv)
		return -1;
	const lesson_cell *lc = lesson_cell_at(nb->L, i);
	if (lc->source_len == n && memcmp(lc->source, s, n) == 0)
		return 0;
	if (lesson_set_source(nb->L, i, s, n) != LESSON_OK) {
		app_message(nb->base.app, 1, "Not enough memory to keep the edit");
		return -1;
	}
	nb->cv[i]->src_gen++;
	nb->cv[i]->edited = 1;
	nb_touch(nb);
	return 0;
}

/* --- hints and solutions ------------------------------------------------------- */

/* The name a hidden cell's reveal is kept under: its title, or "cell N". */
static void reveal_key(const notebook *nb, size_t i, char *buf, size_t size)
{
	const lesson_cell *c = lesson_cell_at(nb->L, i);
	if (*c->title)
		snprintf(buf, size, "%s", c->title);
	else
		snprintf(buf, size, "cell %zu", i + 1);
}

/* Returns 1 when the hidden cell i is shown now. */
static int is_shown(const notebook *nb, size_t i)
{
	char key[256];
	if (nb->cv[i]->shown)
		return nb->cv[i]->shown > 0;
	reveal_key(nb, i, key, sizeof key);
	return nb->files.ss && store_session_marked(nb->files.ss, STORE_SHOWN, key);
}

/* Returns 1 when the solution cell i may open: its check has given a verdict. */
static int solution_ready(const notebook *nb, size_t i)
{
	size_t c = lesson_check_of(nb->L, i);
	return (c != (size_t)-1 && nb->cv[c]->checked) || is_shown(nb, i);
}

int nb_folded(const notebook *nb, size_t i)
{
	unsigned f = lesson_cell_at(nb->L, i)->flags;
	if (!f || is_shown(nb, i))
		return NB_OPEN;
	if (f & LESSON_SOLUTION)
		return solution_ready(nb, i) ? NB_SOL : NB_SOL_LATER;
	return f & LESSON_HINT ? NB_HINT : f & LESSON_SETUP ? NB_SETUP : NB_HIDDEN;
}

/* Returns 1 for a cell of the exercise's own code (not a hint or solution). */
static int plain_code(const lesson_cell *c)
{
	return c->kind == LESSON_CODE && !(c->flags & (LESSON_HINT | LESSON_SOLUTION));
}

/*
** The cell h or S acts on: the current one when it has the flag, else the
** first folded one with it below, looking no further than the exercise
** (its code cell and its check).  NB_NONE when there is none.
*/
static size_t reveal_target(const notebook *nb, unsigned flag)
{
	size_t found = NB_NONE;
	int codes = 0;
	if (lesson_cell_at(nb->L, nb->cur)->flags & flag)
		return nb->cur;
	for (size_t j = nb->cur; j < nb->ncv; j++) {
		const lesson_cell *c = lesson_cell_at(nb->L, j);
		if (c->flags & flag) {
			if (!is_shown(nb, j))
				return j;
			found = j;
		} else if (plain_code(c) && ++codes > 2) {
			break;
		}
	}
	return found;
}

int nb_reveal(notebook *nb, unsigned flag)
{
	app *a = nb->base.app;
	if (nb->ncv == 0)
		return 0;
	unsigned own = lesson_cell_at(nb->L, nb->cur)->flags;
	if (flag == LESSON_HINT && own && !(own & ~(LESSON_SRC_HIDDEN | LESSON_SETUP)))
		flag = own;   /* h also opens a cell hidden by its metadata, or a setup cell */
	size_t i = reveal_target(nb, flag);
	if (i == NB_NONE)
		return 0;
	char key[256];
	reveal_key(nb, i, key, sizeof key);
	if (is_shown(nb, i)) {
		nb->cv[i]->shown = -1;
		app_message(a, 0, "%s folded again (%s shows it)", key, flag == LESSON_SOLUTION ? "S" : "h");
	} else if (flag == LESSON_SOLUTION && !solution_ready(nb, i)) {
		app_message(a, 0, "The solution opens after your first checked attempt: run the check");
		return 1;
	} else {
		nb->cv[i]->shown = 1;
		if (nb->files.ss)
			store_session_mark(nb->files.ss, STORE_SHOWN, key);
	}
	nb->cur = i;
	nb->follow = 0;
	nb_layout(nb);
	nb_show_cell(nb, i);
	app_dirty(a);
	return 1;
}

void nb_passed(notebook *nb, size_t i, const char *name)
{
	for (size_t j = i + 1; j < nb->ncv && lesson_check_of(nb->L, j) == i; j++)
		if ((lesson_cell_at(nb->L, j)->flags & LESSON_SOLUTION) && is_shown(nb, j)) {
			if (nb->files.ss)
				store_session_mark(nb->files.ss, STORE_WITH_SOLUTION, name);
			nb->cv[i]->out_w = (size_t)-1;   /* the verdict says so */
			return;
		}
}
