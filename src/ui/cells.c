/*
** cells.c — the cell operations: add, delete and undo, move, kind, copy,
** cut and paste, a new source from an editor, and resetting a cell to the
** bundled lesson's version.
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

/* Frees what k keeps, the cells chained after it included; k itself stays. */
static void kept_free(nb_kept *k)
{
	if (k->next) {
		kept_free(k->next);
		free(k->next);
	}
	free(k->title);
	free(k->src);
	free(k->meta);
	cellview_free(k->view);
	memset(k, 0, sizeof *k);
}

void nb_clip_free(nb_clip *c)
{
	kept_free(&c->copied);
	kept_free(&c->deleted);
}

/* Keeps a copy of cell i in *k (replacing what it held); returns 0, or -1 with a message. */
static int keep(notebook *nb, size_t i, nb_kept *k)
{
	const lesson_cell *lc = lesson_cell_at(nb->L, i);
	char *title = strdup(lc->title), *src = malloc(lc->source_len + 1), *meta = strdup(lc->meta);
	if (!title || !src || !meta) {
		free(title);
		free(src);
		free(meta);
		app_message(nb->base.app, 1, "Not enough memory");
		return -1;
	}
	memcpy(src, lc->source, lc->source_len);
	src[lc->source_len] = '\0';
	kept_free(k);
	k->kind = lc->kind;
	k->title = title;
	k->src = src;
	k->meta = meta;
	return 0;
}

/*
** Keeps copies of the n cells from i in *k, the first in k and the rest
** chained after it (replacing what k held); returns 0, or -1 with a message.
*/
static int keep_cells(notebook *nb, size_t i, size_t n, nb_kept *k)
{
	nb_kept first = {0, NULL, NULL, NULL, NULL, NULL}, *tail = &first;
	if (keep(nb, i, &first) != 0)
		return -1;
	for (size_t j = 1; j < n; j++) {
		nb_kept *x = calloc(1, sizeof *x);
		if (!x || keep(nb, i + j, x) != 0) {
			free(x);
			kept_free(&first);
			app_message(nb->base.app, 1, "Not enough memory");
			return -1;
		}
		tail = tail->next = x;
	}
	kept_free(k);
	*k = first;
	return 0;
}

/* Returns 1 when cell i is an exercise's hint or solution. */
static int is_help(const notebook *nb, size_t i)
{
	return i < nb->ncv && (lesson_cell_at(nb->L, i)->flags & (LESSON_HINT | LESSON_SOLUTION));
}

/*
** Returns how many cells go with cell i: a check (a code cell, neither hint
** nor solution) takes the hint and solution cells right after it, which are
** its own (lesson_check_of); any other cell goes alone.
*/
static size_t group_len(const notebook *nb, size_t i)
{
	size_t n = 1;
	if (lesson_cell_at(nb->L, i)->kind != LESSON_CODE || is_help(nb, i))
		return 1;
	while (is_help(nb, i + n))
		n++;
	return n;
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
	/* the title and the metadata (a hint stays a hint) */
	if (k && (*k->title || (k->meta && *k->meta)))
		lesson_set_marker(nb->L, i, k->title, k->meta);
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

/* Returns 1 (after saying so) when one of the n cells from i runs. */
static int running(notebook *nb, size_t i, size_t n)
{
	size_t r = nb->run.running;
	if (r == NB_NONE || r < i || r >= i + n)
		return 0;
	app_message(nb->base.app, 1, "The cell is running: stop it first (Ctrl-C)");
	return 1;
}

/*
** Where a cell asked for at position i goes: never in front of a hint or
** solution cell, but after them. They belong to the nearest code cell
** before them (lesson_check_of), so a cell added between a check and its
** hint (b on the check) would take the hint and solution from the exercise.
*/
static size_t past_help(const notebook *nb, size_t i)
{
	while (is_help(nb, i))
		i++;
	return i;
}

void nb_cell_add(notebook *nb, int below)
{
	if (refuse(nb))
		return;
	size_t i = nb->ncv ? past_help(nb, nb->cur + (below ? 1 : 0)) : 0;
	if (add_cell(nb, i, NULL, NULL) == 0) {
		land(nb, i);
		app_message(nb->base.app, 0, "New code cell: e edits it, m makes it prose");
	}
}

/* Takes cell i's view out of the list (the lesson has deleted the cell). */
static void remove_view(notebook *nb, size_t i)
{
	memmove(nb->cv + i, nb->cv + i + 1, (nb->ncv - i - 1) * sizeof *nb->cv);
	nb->ncv--;
	if (nb->run.running != NB_NONE && nb->run.running > i)
		nb->run.running--;
}

/*
** Deletes the n cells from i, kept with their outputs in clip.deleted for
** z; returns how many went (0 after a message).
*/
static size_t delete_cells(notebook *nb, size_t i, size_t n)
{
	nb_kept k, *x = &k, *last = NULL;
	size_t done = 0;
	memset(&k, 0, sizeof k);
	if (n >= nb->ncv) {
		app_message(nb->base.app, 1, "A lesson keeps at least one cell");
		return 0;
	}
	if (keep_cells(nb, i, n, &k) != 0)
		return 0;
	for (; done < n && lesson_delete(nb->L, i) == LESSON_OK; done++, last = x, x = x->next) {
		x->view = nb->cv[i];
		remove_view(nb, i);
	}
	if (done < n) {   /* out of memory: z brings back the cells that went */
		app_message(nb->base.app, 1, "Not enough memory");
		nb_kept *left = last ? last->next : &k;
		kept_free(left);
		if (!last)
			return 0;
		free(left);
		last->next = NULL;
	}
	kept_free(&nb->clip.deleted);
	nb->clip.deleted = k;
	nb->clip.del_at = i;
	if (nb->cur >= nb->ncv)
		nb->cur = nb->ncv - 1;
	nb_touch(nb);
	return done;
}

void nb_cell_delete(notebook *nb)
{
	if (refuse(nb) || nb->ncv == 0)
		return;
	size_t n = group_len(nb, nb->cur);
	if (!running(nb, nb->cur, n) && (n = delete_cells(nb, nb->cur, n)) > 0)
		app_message(nb->base.app, 0, n > 1 ? "The check, its hint and solution deleted: z brings "
		            "them back" : "Cell deleted: z brings it back");
}

/* Adds the cells kept in k from i, with their kept views when `views`; returns how many. */
static size_t add_kept(notebook *nb, size_t i, nb_kept *k, int views)
{
	size_t n = 0;
	for (; k && add_cell(nb, i + n, k, views ? k->view : NULL) == 0; k = k->next, n++)
		if (views)
			k->view = NULL;   /* the notebook's now */
	return n;
}

void nb_cell_undo(notebook *nb)
{
	nb_clip *c = &nb->clip;
	if (refuse(nb))
		return;
	if (!c->deleted.view) {
		app_message(nb->base.app, 0, "No deleted cell to bring back (z undoes d d and x)");
		return;
	}
	size_t i = c->del_at <= nb->ncv ? c->del_at : nb->ncv;
	size_t n = add_kept(nb, i, &c->deleted, 1);
	if (n == 0)
		return;
	kept_free(&c->deleted);
	land(nb, i);
	app_message(nb->base.app, 0, n > 1 ? "Cells restored" : "Cell restored");
}

/*
** Swaps the runs of cells [a, a + n) and [a + n, a + n + m), one cell
** step at a time; views go with their cells.  Returns 0, or -1.
*/
static int swap_runs(notebook *nb, size_t a, size_t n, size_t m)
{
	size_t *r = &nb->run.running;
	nb_touch(nb);
	for (size_t t = 0; t < m; t++)
		for (size_t j = a + n + t; j > a + t; j--) {
			if (lesson_move(nb->L, j, -1) != LESSON_OK) {
				app_message(nb->base.app, 1, "Not enough memory");
				return -1;
			}
			cellview *v = nb->cv[j];
			nb->cv[j] = nb->cv[j - 1];
			nb->cv[j - 1] = v;
			if (*r == j || *r == j - 1)
				*r = *r == j ? j - 1 : j;
			nb->cv[j]->src_gen++;
			nb->cv[j - 1]->src_gen++;
		}
	return 0;
}

/*
** J / K on a hint or solution cell in its check's group: it trades
** places with its neighbour there, never leaving the group.  Returns 0
** when cell i is in no group (it then moves alone).
*/
static int move_in_group(notebook *nb, size_t i, int dir)
{
	size_t c = lesson_check_of(nb->L, i);
	if (c == NB_NONE || i >= c + group_len(nb, c))
		return 0;
	size_t j = dir < 0 ? i - 1 : i + 1;
	if (j == c || j >= c + group_len(nb, c))
		app_message(nb->base.app, 0, "Hints and solutions stay with their check: J/K on it "
		            "moves them all");
	else if (swap_runs(nb, dir < 0 ? j : i, 1, 1) == 0)
		land(nb, j);
	return 1;
}

/* A cell that became prose: its outputs, frames and run count go. */
static void forget_run(cellview *c)
{
	nb_frames_free(c);
	blocklist_clear(&c->out);
	c->state = CS_NEW;
	c->count = 0;
}

void nb_cell_move(notebook *nb, int dir)
{
	if (refuse(nb) || nb->ncv == 0)
		return;
	size_t i = nb->cur, n, m, h;
	if (is_help(nb, i) && move_in_group(nb, i, dir))
		return;
	n = is_help(nb, i) ? 1 : group_len(nb, i);
	if (dir > 0) {   /* past the cell or group below */
		if (i + n >= nb->ncv)
			return;
		m = is_help(nb, i + n) ? 1 : group_len(nb, i + n);
		if (swap_runs(nb, i, n, m) == 0)
			land(nb, i + m);
		return;
	}
	if (i == 0)
		return;
	for (h = i - 1; h > 0 && is_help(nb, h); h--)
		;
	m = !is_help(nb, h) && h + group_len(nb, h) == i ? i - h : 1;
	if (swap_runs(nb, i - m, m, n) == 0)
		land(nb, i - m);
}

void nb_cell_set_kind(notebook *nb, enum lesson_kind kind)
{
	if (refuse(nb) || nb->ncv == 0 || running(nb, nb->cur, 1))
		return;
	size_t i = nb->cur;
	int code = kind == LESSON_CODE;
	if (lesson_cell_at(nb->L, i)->kind == kind) {
		app_message(nb->base.app, 0, code ? "The cell is code already (m makes it prose)"
		                                  : "The cell is prose already (y makes it code)");
		return;
	}
	if (lesson_set_kind(nb->L, i, kind) != LESSON_OK) {
		app_message(nb->base.app, 1, "Not enough memory");
		return;
	}
	cellview *c = nb->cv[i];
	if (!code)
		forget_run(c);
	c->src_gen++;
	c->edited = 1;
	nb_touch(nb);
	app_message(nb->base.app, 0, code ? "The cell is code now" : "The cell is prose now");
}

void nb_cell_copy(notebook *nb)
{
	size_t n = nb->L && nb->ncv ? group_len(nb, nb->cur) : 0;
	if (!n || keep_cells(nb, nb->cur, n, &nb->clip.copied) != 0)
		return;
	app_message(nb->base.app, 0, n > 1 ? "The check copied with its hint and solution: v pastes them"
	                                   : "Cell copied: v pastes it below the current cell, V above");
}

void nb_cell_cut(notebook *nb)
{
	if (refuse(nb) || nb->ncv == 0)
		return;
	size_t i = nb->cur, n = group_len(nb, i);
	if (running(nb, i, n))
		return;
	if (n >= nb->ncv) {
		app_message(nb->base.app, 1, "A lesson keeps at least one cell");
		return;
	}
	if (keep_cells(nb, i, n, &nb->clip.copied) != 0 || !(n = delete_cells(nb, i, n)))
		return;
	app_message(nb->base.app, 0, n > 1 ? "The check cut with its hint and solution: v pastes "
	            "them, z puts them back" : "Cell cut: v pastes it, z puts it back where it was");
}

void nb_cell_paste(notebook *nb, int above)
{
	if (refuse(nb))
		return;
	if (!nb->clip.copied.src) {
		app_message(nb->base.app, 0, "Nothing copied yet: c copies a cell, x cuts one");
		return;
	}
	size_t i = nb->ncv ? past_help(nb, nb->cur + !above) : 0;
	if (add_kept(nb, i, &nb->clip.copied, 0) > 0)
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

/* --- resetting a cell to the bundled lesson's version ----------------------- */

/* Returns the number of cells before i in L titled as cell i is. */
static size_t rank(const lesson *L, size_t i)
{
	size_t k = 0;
	for (size_t j = 0; j < i; j++)
		k += strcmp(lesson_cell_at(L, j)->title, lesson_cell_at(L, i)->title) == 0;
	return k;
}

/* Returns the index of the k-th cell (from 0) of L titled title, or NB_NONE. */
static size_t nth_titled(const lesson *L, const char *title, size_t k)
{
	for (size_t j = 0; j < lesson_ncells(L); j++)
		if (strcmp(lesson_cell_at(L, j)->title, title) == 0 && k-- == 0)
			return j;
	return NB_NONE;
}

/*
** Finds the cell of the original O that cell i of L stands for.  A titled
** cell is found by its title (the k-th of that title when several share
** it), whatever its kind now.  An untitled one (prose, mostly) by its
** distance from the nearest titled cell above, or by its place when none
** is above, and only when the cell there is untitled and of its kind, so
** a cell the student added matches nothing.  Returns its index or NB_NONE.
*/
static size_t original_of(const lesson *L, size_t i, const lesson *O)
{
	const lesson_cell *c = lesson_cell_at(L, i);
	if (*c->title)
		return nth_titled(O, c->title, rank(L, i));
	size_t j = i, a = i;
	while (a-- > 0)
		if (*lesson_cell_at(L, a)->title) {
			size_t o = nth_titled(O, lesson_cell_at(L, a)->title, rank(L, a));
			if (o == NB_NONE)
				return NB_NONE;
			j = o + (i - a);
			break;
		}
	if (j >= lesson_ncells(O))
		return NB_NONE;
	const lesson_cell *oc = lesson_cell_at(O, j);
	return oc->kind == c->kind && !*oc->title ? j : NB_NONE;
}

/* Returns 1 when cells a and b are of one kind and read the same. */
static int same_cell(const lesson_cell *a, const lesson_cell *b)
{
	return a->kind == b->kind && a->source_len == b->source_len &&
	       memcmp(a->source, b->source, a->source_len) == 0;
}

int nb_cell_is_original(notebook *nb, size_t i)
{
	lesson *O = nb->files.opened;
	int flags = app_options(nb->base.app)->restricted ? LESSON_NOFOLLOW : 0;
	if (i >= nb->ncv || (nb->files.orig &&
	                     lesson_load_flags(nb->files.orig, flags, &O, NULL, 0) != LESSON_OK))
		return 0;
	size_t j = O ? original_of(nb->L, i, O) : NB_NONE;
	int same = j != NB_NONE && same_cell(lesson_cell_at(nb->L, i), lesson_cell_at(O, j));
	if (O != nb->files.opened)
		lesson_free(O);
	return same;
}

/* Loads the original and finds cell i's counterpart in it (*j); NULL (a message) when it cannot. */
static lesson *original(notebook *nb, size_t i, size_t *j)
{
	app *a = nb->base.app;
	char err[256];
	lesson *O = NULL;
	if (!nb->files.orig) {
		app_message(a, 0, "This lesson is not a bundled one: there is no original to reset to");
		return NULL;
	}
	if (lesson_load_flags(nb->files.orig, app_options(a)->restricted ? LESSON_NOFOLLOW : 0, &O,
	                      err, sizeof err) != LESSON_OK) {
		app_message(a, 1, "The original lesson cannot be read: %s", err);
		return NULL;
	}
	if ((*j = original_of(nb->L, i, O)) == NB_NONE) {
		app_message(a, 0, "Cell %zu is not in the original lesson (added here): nothing to reset", i + 1);
		lesson_free(O);
		return NULL;
	}
	return O;
}

void nb_cell_reset_ask(notebook *nb, int question)
{
	size_t i = nb->cur, j;
	if (refuse(nb) || nb->ncv == 0 || running(nb, i, 1))
		return;
	lesson *O = original(nb, i, &j);
	if (!O)
		return;
	const lesson_cell *c = lesson_cell_at(nb->L, i);
	int same = same_cell(c, lesson_cell_at(O, j));
	lesson_free(O);
	if (same) {
		app_message(nb->base.app, 0, "Cell %zu is as in the original lesson already", i + 1);
		return;
	}
	char title[64] = "";
	if (*c->title) {
		char t[48];
		nb_shorten(nb, c->title, 24, t, sizeof t);
		snprintf(title, sizeof title, " \"%s\"", t);
	}
	nb->asked_cell = i;
	snprintf(nb->question, sizeof nb->question, "Reset cell %zu%s as in the original lesson? y/n ",
	         i + 1, title);
	app_ask(nb->base.app, &nb->base, question, nb->question, 0);
}

void nb_cell_reset(notebook *nb)
{
	size_t i = nb->asked_cell, j;
	if (i >= nb->ncv || refuse(nb) || running(nb, i, 1))
		return;
	lesson *O = original(nb, i, &j);
	if (!O)
		return;
	const lesson_cell *oc = lesson_cell_at(O, j);
	cellview *c = nb->cv[i];
	/* the student's version stays one undo away in the cell's history */
	textbuf *tb = nb_cell_text(nb, i);
	if (tb)
		textbuf_replace(tb, oc->source, oc->source_len);
	if (lesson_cell_at(nb->L, i)->kind != oc->kind) {
		if (lesson_set_kind(nb->L, i, oc->kind) != LESSON_OK) {
			lesson_free(O);
			app_message(nb->base.app, 1, "Not enough memory");
			return;
		}
		if (oc->kind == LESSON_MARKDOWN)
			forget_run(c);
		c->src_gen++;
		c->edited = 1;
		nb_touch(nb);
	}
	int rc = nb_cell_set_source(nb, i, oc->source, oc->source_len);
	lesson_free(O);
	if (rc == 0)
		app_message(nb->base.app, 0, "Cell %zu is as in the original again: in the editor, "
		            "Ctrl-Z brings yours back", i + 1);
}
