/*
** cells.c — opening and closing a lesson, and the cell operations.
**
** A cellview lives on the heap and moves with its cell, so a cell that is
** moved, or a cell above that is deleted, keeps its outputs.  Every
** operation goes through lesson.h's edit functions, which leave the bytes
** of untouched cells alone: saving changes only the lines of edited cells.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mem.h"
#include "ui.h"

int ui_init(ui *u, char *err, size_t errsize)
{
	u->st = store_new(u->opts.restricted);
	if (!u->st) {
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	return 0;
}

void ui_fini(ui *u)
{
	store_free(u->st);
	u->st = NULL;
	free(u->clip_title);
	free(u->clip_src);
	u->clip_title = u->clip_src = NULL;
	free(u->tops);
	u->tops = NULL;
}

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

void ui_file_mtime(const char *path, struct timespec *ts)
{
	struct stat sb;
	memset(ts, 0, sizeof *ts);
	if (stat(path, &sb) == 0)
		*ts = sb.st_mtim;
}

/* Makes the cell views of a freshly loaded lesson; returns 0 or -1. */
static int make_views(ui *u)
{
	size_t n = lesson_ncells(u->L);
	u->cv = calloc(n ? n : 1, sizeof *u->cv);
	if (!u->cv)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!(u->cv[i] = ui_cell_new()))
			return -1;
	u->ncv = n;
	return 0;
}

/* Works out where saves go and takes the "open elsewhere" lock. */
static void setup_files(ui *u)
{
	strbuf target = STRBUF_INIT, name = STRBUF_INIT;
	int where = 0;
	u->save_flags = ui_is_bundled(u, u->path) ? STORE_BUNDLED : 0;
	if (store_lesson_target(u->st, u->path, u->save_flags, &where, &target) == STORE_OK &&
	    target.len) {
		u->save_path = sb_take(&target);
		u->save_where = where;
	}
	sb_free(&target);
	if (store_lock_take(u->st, u->path, u->save_flags, &u->lock) == STORE_EBUSY)
		u->read_only = 1;
	if (store_lesson_name(u->path, &name) == STORE_OK && name.len)
		u->lname = sb_take(&name);
	sb_free(&name);
	if (u->lname && store_progress_load(u->st, u->lname, &u->prog) == STORE_OK &&
	    u->prog.cell < u->ncv)
		u->cur = u->prog.cell;
	if (!u->read_only) {
		sb_clear(&u->recovered);
		if (store_recovery_find(u->st, u->path, &u->recovered, NULL) != STORE_OK)
			sb_free(&u->recovered);
	}
}

int ui_open(ui *u, const char *path, const char *origin, char *err, size_t errsize)
{
	char kerr[256] = "out of memory";
	/* the kernel first: a fork that holds none of the lesson's data; its
	** require() looks next to the original lesson (a student's copy lives
	** in the data folder, its modules stay with the original) */
	char *dir = dir_of(origin ? origin : path);
	klink_opts ko = {u->opts.mem_limit, 0, dir, u->opts.restricted, NULL};
	mem_set_limit(klink_front_cap(u->opts.mem_limit));
	if (dir)
		u->k = klink_new(&ko, kerr, sizeof kerr);
	free(dir);
	if (!u->k) {
		snprintf(err, errsize, "%s", kerr);
		return -1;
	}
	if (lesson_load_flags(path, u->opts.restricted ? LESSON_NOFOLLOW : 0, &u->L, err, errsize) !=
	    LESSON_OK) {
		klink_free(u->k);
		u->k = NULL;
		return -1;
	}
	u->path = strdup(path);
	if (!u->path || make_views(u) != 0) {
		snprintf(err, errsize, "out of memory");
		ui_close(u);
		return -1;
	}
	const char *why, *vg = getenv("NNBOOK_VALGRIND");
	static int said;
	if (!klink_wall(u->k, &why) && !(vg && *vg) && !said++)
		ui_message(u, 1, "%s: lessons run inside the Lua sandbox only", why);
	u->running = UI_NONE;
	u->cur = 0;
	u->top = 0;
	u->modified = 0;
	u->read_only = 0;
	ui_file_mtime(path, &u->mtime);
	u->ext_checked = ui_now();
	setup_files(u);
	u->dirty = 1;
	return 0;
}

void ui_after_open(ui *u)
{
	if (!u->L)
		return;
	ui_layout(u);
	ui_show_cell(u, u->cur);
	if (u->read_only)
		ui_message(u, 1, "%s is open in another nnbook: read-only here (%s)", u->path,
		           store_error(u->st));
	else if (u->recovered.len)
		u->prompt = PR_RESTORE;
}

void ui_close(ui *u)
{
	if (u->ed)
		ui_edit_close(u);
	if (u->L && u->lname && !u->read_only) {
		u->prog.cell = u->cur;
		store_progress_save(u->st, u->lname, &u->prog);
	}
	store_progress_clear(&u->prog);
	store_lock_release(u->lock);
	u->lock = NULL;
	klink_free(u->k);
	u->k = NULL;
	for (size_t i = 0; i < u->ncv; i++)
		ui_cell_free(u->cv[i]);
	free(u->cv);
	u->cv = NULL;
	u->ncv = 0;
	lesson_free(u->L);
	u->L = NULL;
	ui_cell_free(u->del_cv);
	free(u->del_title);
	free(u->del_src);
	u->del_cv = NULL;
	u->del_title = u->del_src = NULL;
	free(u->path);
	free(u->save_path);
	free(u->lname);
	u->path = u->save_path = u->lname = NULL;
	sb_free(&u->recovered);
	u->running = UI_NONE;
	u->run_all = 0;
	u->has_match = 0;
	u->modified = 0;
	u->rec_dirty = 0;
}

void ui_touch(ui *u)
{
	u->modified = 1;
	u->rec_dirty = 1;
	u->has_match = 0;
	u->dirty = 1;
}

/* Refuses an operation on a lesson that cannot change now; returns 1 when refused. */
static int refuse(ui *u)
{
	if (u->read_only) {
		ui_message(u, 1, "This lesson is open in another nnbook: read-only here");
		return 1;
	}
	if (!u->L)
		return 1;
	return 0;
}

/* Inserts a view at i (the lesson already has the cell); returns 0 or -1. */
static int insert_view(ui *u, size_t i, cellview *c)
{
	cellview **cv = realloc(u->cv, (u->ncv + 1) * sizeof *cv);
	if (!cv)
		return -1;
	u->cv = cv;
	memmove(cv + i + 1, cv + i, (u->ncv - i) * sizeof *cv);
	cv[i] = c;
	u->ncv++;
	if (u->running != UI_NONE && u->running >= i)
		u->running++;
	return 0;
}

/* Adds a cell of kind with source at i, with its title; returns 0 or -1 (message shown). */
static int add_cell(ui *u, size_t i, int kind, const char *title, const char *src,
                    cellview *view)
{
	cellview *c = view ? view : ui_cell_new();
	if (!c || lesson_insert(u->L, i, (enum lesson_kind)kind, src ? src : "") != LESSON_OK) {
		if (!view)
			ui_cell_free(c);
		ui_message(u, 1, "Not enough memory to add a cell");
		return -1;
	}
	if (title && *title)
		lesson_set_title(u->L, i, title);
	if (insert_view(u, i, c) != 0) {
		lesson_delete(u->L, i);
		if (!view)
			ui_cell_free(c);
		ui_message(u, 1, "Not enough memory to add a cell");
		return -1;
	}
	c->src_gen++;
	c->edited = 1;
	ui_touch(u);
	return 0;
}

void ui_cell_add(ui *u, int below)
{
	if (refuse(u))
		return;
	size_t i = u->ncv ? u->cur + (below ? 1 : 0) : 0;
	if (add_cell(u, i, LESSON_CODE, NULL, "", NULL) == 0) {
		u->cur = i;
		ui_layout(u);
		ui_show_cell(u, i);
		ui_message(u, 0, "New code cell: e edits it, m makes it prose");
	}
}

void ui_cell_delete(ui *u)
{
	if (refuse(u) || u->ncv == 0)
		return;
	size_t i = u->cur;
	if (i == u->running) {
		ui_message(u, 1, "The cell is running: stop it first (Ctrl-C)");
		return;
	}
	if (u->ncv == 1) {
		ui_message(u, 1, "A lesson keeps at least one cell");
		return;
	}
	const lesson_cell *lc = lesson_cell_at(u->L, i);
	char *title = strdup(lc->title), *src = malloc(lc->source_len + 1);
	if (!title || !src) {
		free(title);
		free(src);
		ui_message(u, 1, "Not enough memory");
		return;
	}
	memcpy(src, lc->source, lc->source_len);
	src[lc->source_len] = '\0';
	int kind = lc->kind;
	size_t len = lc->source_len;
	if (lesson_delete(u->L, i) != LESSON_OK) {
		free(title);
		free(src);
		ui_message(u, 1, "Not enough memory");
		return;
	}
	/* keep the cell, its outputs included, for u */
	ui_cell_free(u->del_cv);
	free(u->del_title);
	free(u->del_src);
	u->del_cv = u->cv[i];
	u->del_title = title;
	u->del_src = src;
	u->del_len = len;
	u->del_kind = kind;
	u->del_at = i;
	memmove(u->cv + i, u->cv + i + 1, (u->ncv - i - 1) * sizeof *u->cv);
	u->ncv--;
	if (u->running != UI_NONE && u->running > i)
		u->running--;
	if (u->cur >= u->ncv)
		u->cur = u->ncv - 1;
	ui_touch(u);
	ui_message(u, 0, "Cell deleted: u brings it back");
}

void ui_cell_undo(ui *u)
{
	if (refuse(u))
		return;
	if (!u->del_cv) {
		ui_message(u, 0, "Nothing to undo (u undoes a cell deletion)");
		return;
	}
	size_t i = u->del_at <= u->ncv ? u->del_at : u->ncv;
	if (add_cell(u, i, u->del_kind, u->del_title, u->del_src, u->del_cv) != 0)
		return;
	u->del_cv = NULL;
	free(u->del_title);
	free(u->del_src);
	u->del_title = u->del_src = NULL;
	u->cur = i;
	ui_layout(u);
	ui_show_cell(u, i);
	ui_message(u, 0, "Cell restored");
}

void ui_cell_move(ui *u, int dir)
{
	if (refuse(u) || u->ncv == 0)
		return;
	size_t i = u->cur;
	if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= u->ncv))
		return;
	size_t j = dir < 0 ? i - 1 : i + 1;
	if (lesson_move(u->L, i, dir) != LESSON_OK) {
		ui_message(u, 1, "Not enough memory");
		return;
	}
	cellview *t = u->cv[i];
	u->cv[i] = u->cv[j];
	u->cv[j] = t;
	if (u->running == i)
		u->running = j;
	else if (u->running == j)
		u->running = i;
	u->cv[i]->src_gen++;
	u->cv[j]->src_gen++;
	u->cur = j;
	ui_touch(u);
	ui_layout(u);
	ui_show_cell(u, j);
}

void ui_cell_toggle_kind(ui *u)
{
	if (refuse(u) || u->ncv == 0)
		return;
	size_t i = u->cur;
	if (i == u->running) {
		ui_message(u, 1, "The cell is running: stop it first (Ctrl-C)");
		return;
	}
	int code = lesson_cell_at(u->L, i)->kind == LESSON_CODE;
	if (lesson_set_kind(u->L, i, code ? LESSON_MARKDOWN : LESSON_CODE) != LESSON_OK) {
		ui_message(u, 1, "Not enough memory");
		return;
	}
	cellview *c = u->cv[i];
	if (code) {
		blocklist_clear(&c->out);
		c->state = CS_NEW;
		c->count = 0;
	}
	c->src_gen++;
	c->edited = 1;
	ui_touch(u);
	ui_message(u, 0, code ? "The cell is prose now" : "The cell is code now");
}

void ui_cell_copy(ui *u)
{
	if (!u->L || u->ncv == 0)
		return;
	const lesson_cell *lc = lesson_cell_at(u->L, u->cur);
	char *t = strdup(lc->title), *s = malloc(lc->source_len + 1);
	if (!t || !s) {
		free(t);
		free(s);
		ui_message(u, 1, "Not enough memory");
		return;
	}
	memcpy(s, lc->source, lc->source_len);
	s[lc->source_len] = '\0';
	free(u->clip_title);
	free(u->clip_src);
	u->clip_title = t;
	u->clip_src = s;
	u->clip_len = lc->source_len;
	u->clip_kind = lc->kind;
	u->has_clip = 1;
	ui_message(u, 0, "Cell copied: v pastes it below the current cell");
}

void ui_cell_paste(ui *u)
{
	if (refuse(u))
		return;
	if (!u->has_clip) {
		ui_message(u, 0, "Nothing copied yet: y copies a cell");
		return;
	}
	size_t i = u->ncv ? u->cur + 1 : 0;
	if (add_cell(u, i, u->clip_kind, u->clip_title, u->clip_src, NULL) == 0) {
		u->cur = i;
		ui_layout(u);
		ui_show_cell(u, i);
	}
}

int ui_cell_set_source(ui *u, size_t i, const char *s, size_t n)
{
	if (i >= u->ncv)
		return -1;
	const lesson_cell *lc = lesson_cell_at(u->L, i);
	if (lc->source_len == n && memcmp(lc->source, s, n) == 0)
		return 0;
	if (lesson_set_source(u->L, i, s, n) != LESSON_OK) {
		ui_message(u, 1, "Not enough memory to keep the edit");
		return -1;
	}
	u->cv[i]->src_gen++;
	u->cv[i]->edited = 1;
	ui_touch(u);
	return 0;
}
