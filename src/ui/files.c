/*
** files.c — the notebook's lesson on disk: opening and closing it,
** saving, the recovery copy, and changes made outside.
**
** The store session (session.h) does the careful parts: where saves go,
** the lock, progress, the file's modification time.  This file decides
** when: saving on request, the recovery copy a few seconds after an edit
** (and on hangup), and what to do when the file changed on disk (reload
** the cells the student has not edited, asking first when they have
** unsaved edits), so a teacher's edit in another pane shows up without
** polling while idle.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipynb.h"
#include "mem.h"
#include "notebook_int.h"

/* Seconds between an edit and its recovery copy. */
#define RECOVERY_DELAY 3.0

/* The folder of path, for require(); "." when it has none.  Caller frees. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	if (!slash)
		return strdup(".");
	if (n == 0)
		n = 1;
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, path, n);
		d[n] = '\0';
	}
	return d;
}

/* Makes the cell views of a freshly loaded lesson; returns 0 or -1. */
static int make_views(notebook *nb)
{
	size_t n = lesson_ncells(nb->L);
	nb->cv = calloc(n ? n : 1, sizeof *nb->cv);
	if (!nb->cv)
		return -1;
	nb->cvcap = n ? n : 1;
	for (size_t i = 0; i < n; i++)
		if (!(nb->cv[i] = cellview_new()))
			return -1;
	nb->ncv = n;
	return 0;
}

/* Starts the lesson's kernel; returns 0, or -1 with a message in err. */
static int start_kernel(notebook *nb, const char *path, const char *origin, char *err,
                        size_t errsize)
{
	app *a = nb->base.app;
	const app_opts *o = app_options(a);
	/* a fork that holds none of the lesson's data; its require() looks next
	** to the original lesson (a student's copy lives in the data folder,
	** its modules stay with the original) */
	char *dir = dir_of(origin ? origin : path);
	klink_opts ko = {o->mem_limit, 0, dir, o->restricted, NULL};
	mem_set_limit(klink_front_cap(o->mem_limit));
	int rc = dir ? app_kernel_start(a, &ko, err, errsize) : -1;
	if (!dir)
		snprintf(err, errsize, "out of memory");
	free(dir);
	return rc;
}

/*
** Says where s saves a notebook opened as a lesson.  The notebook is
** converted on every opening, so a lesson saved from it before (and maybe
** edited since) is replaced by the next save: say so.
*/
static void say_notebook(notebook *nb)
{
	app *a = nb->base.app;
	const char *base = strrchr(nb->path, '/');
	base = base ? base + 1 : nb->path;
	int copy = store_session_where(nb->files.ss) == STORE_USER_COPY;
	strbuf there = STRBUF_INIT;
	int exists = copy ? store_user_copy(app_store(a), nb->path, &there) == STORE_OK && there.len
	                  : access(nb->path, F_OK) == 0;
	sb_free(&there);
	if (exists)
		app_message(a, 1, "A Jupyter notebook: s replaces %s%s, %s, with it", copy ? "your copy " : "",
		            base, copy ? "in your data folder" : "beside it");
	else
		app_message(a, 0, "A Jupyter notebook: s saves it as a lesson, %s, %s", base,
		            copy ? "in your data folder" : "beside it");
}

/* Returns a copy of L (what the student's exercises are compared with), or NULL. */
static lesson *lesson_copy(const lesson *L)
{
	strbuf text = STRBUF_INIT;
	lesson *C = NULL;
	if (lesson_write(L, &text) == LESSON_OK && !text.failed)
		lesson_parse(text.s, text.len, lesson_name(L), &C, NULL, 0);
	sb_free(&text);
	return C;
}

int nb_open_lesson(notebook *nb, const char *path, const char *origin, char *err, size_t errsize)
{
	app *a = nb->base.app;
	int restricted = app_options(a)->restricted;
	static int said;
	const char *why, *vg = getenv("NNBOOK_VALGRIND");
	int flags = restricted ? LESSON_NOFOLLOW : 0, jnb = ipynb_is_notebook(path);
	if (start_kernel(nb, path, origin, err, errsize) != 0)
		return -1;
	if (jnb ? ipynb_load(path, flags, &nb->L, err, errsize) != IPYNB_OK :
	    lesson_load_flags(path, flags, &nb->L, err, errsize) != LESSON_OK) {
		app_kernel_stop(a);
		return -1;
	}
	/* a notebook is converted once: from then on it is the lesson beside it */
	strbuf lua = STRBUF_INIT;
	if (jnb)
		ipynb_lesson_path(path, &lua);
	nb->path = jnb ? (lua.failed ? NULL : sb_take(&lua)) : strdup(path);
	if (!nb->path || make_views(nb) != 0) {
		snprintf(err, errsize, "out of memory");
		nb_close_lesson(nb);
		return -1;
	}
	if (!klink_wall(app_kernel(a), &why) && !(vg && *vg) && !said++)
		app_message(a, 1, "%s: lessons run inside the Lua sandbox only", why);
	nb->files.bundled = browser_is_bundled(a, path) ? STORE_BUNDLED : 0;
	/* the browser opens the student's copy with its original as origin */
	const char *orig = origin ? origin : nb->files.bundled ? path : NULL;
	nb->files.copy = origin != NULL;
	if (orig && !(nb->files.orig = strdup(orig))) {
		snprintf(err, errsize, "out of memory");
		nb_close_lesson(nb);
		return -1;
	}
	if (!orig && !(nb->files.opened = lesson_copy(nb->L))) {
		snprintf(err, errsize, "out of memory");
		nb_close_lesson(nb);
		return -1;
	}
	nb->files.ss = store_session_open(app_store(a), nb->path, nb->files.bundled);
	if (!nb->files.ss) {
		snprintf(err, errsize, "out of memory");
		nb_close_lesson(nb);
		return -1;
	}
	size_t cell = store_session_cell(nb->files.ss);
	nb->cur = cell < nb->ncv ? cell : 0;
	if (jnb)
		say_notebook(nb);
	return 0;
}

void nb_close_lesson(notebook *nb)
{
	store_session_close(nb->files.ss, nb->cur);
	nb->files.ss = NULL;
	app_kernel_stop(nb->base.app);
	for (size_t i = 0; i < nb->ncv; i++)
		cellview_free(nb->cv[i]);
	free(nb->cv);
	nb->cv = NULL;
	nb->ncv = nb->cvcap = 0;
	lesson_free(nb->L);
	nb->L = NULL;
	free(nb->path);
	nb->path = NULL;
	free(nb->files.orig);
	nb->files.orig = NULL;
	lesson_free(nb->files.opened);
	nb->files.opened = NULL;
}

int nb_read_only(const notebook *nb)
{
	return nb->files.ss && store_session_read_only(nb->files.ss);
}

/* Appends the lesson's text, the editor's unsaved text included; returns 0 or -1. */
static int lesson_text(notebook *nb, strbuf *sb)
{
	if (nb->ed)
		editor_sync(nb->ed);
	if (lesson_write(nb->L, sb) != LESSON_OK || sb->failed)
		return -1;
	return 0;
}

/* Says how a save went. */
static void saved(notebook *nb, const strbuf *to)
{
	app *a = nb->base.app;
	const char *warn = store_warning(app_store(a));
	/* a warning: saved all the same, but a "~" in the way was not ours to replace */
	if (*warn)
		app_message(a, 1, "Saved, but the %s (%s)", warn, sb_str(to));
	else if (store_session_where(nb->files.ss) == STORE_USER_COPY)
		app_message(a, 0, "Saved to your copy %s (the original is read-only)", sb_str(to));
	else
		app_message(a, 0, "Saved %s", sb_str(to));
}

int nb_save(notebook *nb)
{
	app *a = nb->base.app;
	strbuf text = STRBUF_INIT, to = STRBUF_INIT;
	if (!nb->L)
		return -1;
	if (nb_read_only(nb)) {
		app_message(a, 1, "Not saved: this lesson is open in another nnbook");
		return -1;
	}
	if (lesson_text(nb, &text) != 0) {
		sb_free(&text);
		app_message(a, 1, "Not saved: out of memory");
		return -1;
	}
	int st = store_session_save(nb->files.ss, text.s, text.len, &to);
	sb_free(&text);
	if (st != STORE_OK) {
		app_message(a, 1, "Not saved: %s", store_error(app_store(a)));
		sb_free(&to);
		return -1;
	}
	nb->modified = 0;
	nb->files.rec_dirty = 0;
	if (nb->files.orig && store_session_where(nb->files.ss) == STORE_USER_COPY)
		nb->files.copy = 1;   /* the copy exists now, and holds this text */
	for (size_t i = 0; i < nb->ncv; i++)
		nb->cv[i]->edited = 0;
	saved(nb, &to);
	sb_free(&to);
	return 0;
}

void nb_save_recovery(notebook *nb)
{
	strbuf text = STRBUF_INIT;
	if (!nb->L || nb_read_only(nb) || !nb->modified)
		return;
	if (lesson_text(nb, &text) == 0 &&
	    store_session_recovery_write(nb->files.ss, text.s, text.len) == STORE_OK)
		nb->files.rec_dirty = 0;
	nb->files.rec_last = app_now(nb->base.app);
	sb_free(&text);
}

double nb_recovery_due(const notebook *nb)
{
	if (!nb->L || !nb->files.rec_dirty || nb_read_only(nb))
		return -1;
	double d = nb->files.rec_last + RECOVERY_DELAY - app_now(nb->base.app);
	return d > 0 ? d : 0;
}

void nb_discard_recovery(notebook *nb)
{
	if (nb->L && !nb_read_only(nb))
		store_session_recovery_remove(nb->files.ss);
}

/* Finds a view for cell b of the new lesson among the old ones: the same kind and text, unused. */
static cellview *same_cell(notebook *nb, const lesson_cell *b, char *used, int keep_edits)
{
	for (size_t i = 0; i < nb->ncv; i++) {
		const lesson_cell *a = lesson_cell_at(nb->L, i);
		if (!used[i] && !(keep_edits && nb->cv[i]->edited) && a->kind == b->kind &&
		    a->source_len == b->source_len && memcmp(a->source, b->source, a->source_len) == 0) {
			used[i] = 1;
			return nb->cv[i];
		}
	}
	return NULL;
}

/* Matches the views of L2's cells with the old ones (the student's edited cells win). */
static void match_views(notebook *nb, lesson *L2, cellview **cv, char *used, int keep_edits)
{
	size_t n = lesson_ncells(L2);
	for (size_t j = 0; j < n; j++) {
		if (keep_edits && j < nb->ncv && nb->cv[j]->edited) {
			const lesson_cell *a = lesson_cell_at(nb->L, j);
			if (lesson_set_source(L2, j, a->source, a->source_len) == LESSON_OK &&
			    lesson_set_kind(L2, j, a->kind) == LESSON_OK) {
				cv[j] = nb->cv[j];
				used[j] = 1;
				continue;
			}
		}
		cv[j] = same_cell(nb, lesson_cell_at(L2, j), used, keep_edits);
	}
}

/* Replaces the open lesson with L2, reusing views of cells whose text is the same. */
static int adopt(notebook *nb, lesson *L2, int keep_edits)
{
	size_t n = lesson_ncells(L2);
	cellview **cv = calloc(n ? n : 1, sizeof *cv);
	char *used = calloc(nb->ncv ? nb->ncv : 1, 1), *fresh = calloc(n ? n : 1, 1);
	int rc = -1;
	if (cv && used && fresh) {
		match_views(nb, L2, cv, used, keep_edits);
		rc = 0;
		for (size_t j = 0; j < n && rc == 0; j++) {
			if (cv[j])
				continue;
			fresh[j] = 1;
			if (!(cv[j] = cellview_new()))
				rc = -1;
		}
	}
	if (rc != 0) {
		/* give back the new views; the reused ones still belong to nb */
		for (size_t j = 0; cv && fresh && j < n; j++)
			if (fresh[j])
				cellview_free(cv[j]);
		free(cv);
		free(used);
		free(fresh);
		return -1;
	}
	for (size_t j = 0; j < n; j++)
		cv[j]->src_gen++;
	for (size_t i = 0; i < nb->ncv; i++)
		if (!used[i])
			cellview_free(nb->cv[i]);
	free(used);
	free(fresh);
	free(nb->cv);
	lesson_free(nb->L);
	nb->L = L2;
	nb->cv = cv;
	nb->ncv = n;
	nb->cvcap = n ? n : 1;
	if (nb->cur >= n)
		nb->cur = n ? n - 1 : 0;
	nb->search.has_match = 0;
	app_dirty(nb->base.app);
	return 0;
}

void nb_restore_answer(notebook *nb, int yes)
{
	app *a = nb->base.app;
	const strbuf *rec = store_session_recovered(nb->files.ss);
	char err[256];
	lesson *L2 = NULL;
	if (yes && rec->len) {
		if (lesson_parse(rec->s, rec->len, nb->path, &L2, err, sizeof err) != LESSON_OK) {
			app_message(a, 1, "The recovered edits cannot be read: %s", err);
		} else if (adopt(nb, L2, 0) != 0) {
			lesson_free(L2);
			app_message(a, 1, "Not enough memory to restore the edits");
		} else {
			for (size_t i = 0; i < nb->ncv; i++)
				nb->cv[i]->edited = 1;
			nb->modified = 1;
			app_message(a, 0, "Unsaved edits restored: s saves them");
		}
	} else if (!yes) {
		store_session_recovery_remove(nb->files.ss);
		app_message(a, 0, "The recovered edits were thrown away");
	}
	store_session_forget_recovered(nb->files.ss);
}

int nb_may_look(const notebook *nb)
{
	return nb->L && !nb->ed && nb->run.running == NB_NONE && !app_asking(nb->base.app);
}

void nb_reload(notebook *nb)
{
	app *a = nb->base.app;
	char err[256];
	lesson *L2 = NULL;
	struct timespec mt;
	store_session_stat(nb->files.ss, &mt);
	if (lesson_load_flags(nb->path, app_options(a)->restricted ? LESSON_NOFOLLOW : 0, &L2, err,
	                      sizeof err) != LESSON_OK) {
		app_message(a, 1, "The lesson changed on disk but cannot be read: %s", err);
		return;
	}
	int edits = 0;
	for (size_t i = 0; i < nb->ncv; i++)
		edits |= nb->cv[i]->edited;
	if (edits && lesson_ncells(L2) != nb->ncv) {
		lesson_free(L2);
		app_message(a, 1, "Conflict: cells were added or removed on disk while you edited; "
		            "your version stays (saving overwrites the file)");
		return;
	}
	if (adopt(nb, L2, edits) != 0) {
		lesson_free(L2);
		app_message(a, 1, "Not enough memory to reload the lesson");
		return;
	}
	store_session_reloaded(nb->files.ss, &mt);
	nb->modified = edits;
	if (edits)
		app_message(a, 0, "Reloaded from disk; the cells you edited kept your version");
	else
		app_message(a, 0, "The lesson changed on disk: reloaded (outputs of unchanged cells kept)");
}
