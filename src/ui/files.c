/*
** files.c — saving, the recovery file, progress, and changes made outside.
**
** Everything that touches disk goes through store.h, which does the
** careful parts (atomic saves, user copies of read-only lessons, locks).
** This file decides when: saving on request, the recovery copy a few
** seconds after an edit (and on hangup), progress when a cell finishes,
** and a look at the lesson's mtime on keys and when a cell finishes, so a
** teacher's edit in another pane shows up without polling while idle.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

/* Seconds between an edit and its recovery copy. */
#define RECOVERY_DELAY 3.0

/* Appends the lesson's text, the editor's unsaved text included; returns 0 or -1. */
static int lesson_text(ui *u, strbuf *sb)
{
	ui_edit_sync(u);
	if (lesson_write(u->L, sb) != LESSON_OK || sb->failed)
		return -1;
	return 0;
}

int ui_save(ui *u)
{
	strbuf text = STRBUF_INIT, to = STRBUF_INIT;
	int where = 0;
	if (!u->L)
		return -1;
	if (u->read_only) {
		ui_message(u, 1, "Not saved: this lesson is open in another nnbook");
		return -1;
	}
	if (lesson_text(u, &text) != 0) {
		sb_free(&text);
		ui_message(u, 1, "Not saved: out of memory");
		return -1;
	}
	int st = store_save_lesson(u->st, u->path, u->save_flags, text.s, text.len, &where, &to);
	sb_free(&text);
	if (st != STORE_OK) {
		ui_message(u, 1, "Not saved: %s", store_error(u->st));
		sb_free(&to);
		return -1;
	}
	u->modified = 0;
	u->rec_dirty = 0;
	for (size_t i = 0; i < u->ncv; i++)
		u->cv[i]->edited = 0;
	u->save_where = where;
	/* a warning: saved all the same, but a "~" in the way was not ours to replace */
	if (*store_warning(u->st))
		ui_message(u, 1, "Saved, but the %s (%s)", store_warning(u->st), sb_str(&to));
	else if (where == STORE_USER_COPY)
		ui_message(u, 0, "Saved to your copy %s (the original is read-only)", sb_str(&to));
	else
		ui_message(u, 0, "Saved %s", sb_str(&to));
	if (where == STORE_USER_COPY) {
		free(u->save_path);
		u->save_path = sb_take(&to);
	} else {
		ui_file_mtime(u->path, &u->mtime);
		u->mtime_seen = u->mtime;
	}
	sb_free(&to);
	return 0;
}

void ui_save_recovery(ui *u)
{
	strbuf text = STRBUF_INIT;
	if (!u->L || u->read_only || !u->modified)
		return;
	if (lesson_text(u, &text) == 0 &&
	    store_recovery_write(u->st, u->path, text.s, text.len) == STORE_OK)
		u->rec_dirty = 0;
	u->rec_last = ui_now();
	sb_free(&text);
}

double ui_recovery_due(const ui *u)
{
	if (!u->L || !u->rec_dirty || u->read_only)
		return -1;
	double d = u->rec_last + RECOVERY_DELAY - ui_now();
	return d > 0 ? d : 0;
}

void ui_recovery_tick(ui *u)
{
	if (ui_recovery_due(u) == 0)
		ui_save_recovery(u);
}

void ui_discard_recovery(ui *u)
{
	if (u->L && !u->read_only)
		store_recovery_remove(u->st, u->path);
}

/* Replaces the open lesson with L2, reusing views of cells whose text is the same. */
static int adopt(ui *u, lesson *L2, int keep_edits)
{
	size_t n = lesson_ncells(L2);
	cellview **cv = calloc(n ? n : 1, sizeof *cv);
	char *used = calloc(u->ncv ? u->ncv : 1, 1);
	if (!cv || !used) {
		free(cv);
		free(used);
		return -1;
	}
	for (size_t j = 0; j < n; j++) {
		const lesson_cell *b = lesson_cell_at(L2, j);
		if (keep_edits && j < u->ncv && u->cv[j]->edited) {
			const lesson_cell *a = lesson_cell_at(u->L, j);
			/* the student's version of an edited cell wins */
			if (lesson_set_source(L2, j, a->source, a->source_len) == LESSON_OK &&
			    lesson_set_kind(L2, j, a->kind) == LESSON_OK) {
				cv[j] = u->cv[j];
				used[j] = 1;
				continue;
			}
		}
		for (size_t i = 0; i < u->ncv && !cv[j]; i++) {
			const lesson_cell *a = lesson_cell_at(u->L, i);
			if (!used[i] && !(keep_edits && u->cv[i]->edited) && a->kind == b->kind && a->source_len == b->source_len &&
			    memcmp(a->source, b->source, a->source_len) == 0) {
				cv[j] = u->cv[i];
				used[i] = 1;
			}
		}
	}
	for (size_t j = 0; j < n; j++) {
		if (cv[j])
			continue;
		if (!(cv[j] = ui_cell_new())) {
			/* give back the new views; the reused ones still belong to u */
			for (size_t k = 0; k < n; k++) {
				int reused = 0;
				for (size_t i = 0; i < u->ncv && !reused; i++)
					reused = cv[k] == u->cv[i];
				if (!reused)
					ui_cell_free(cv[k]);
			}
			free(cv);
			free(used);
			return -1;
		}
	}
	for (size_t j = 0; j < n; j++)
		cv[j]->src_gen++;
	for (size_t i = 0; i < u->ncv; i++)
		if (!used[i])
			ui_cell_free(u->cv[i]);
	free(used);
	free(u->cv);
	lesson_free(u->L);
	u->L = L2;
	u->cv = cv;
	u->ncv = n;
	if (u->cur >= n)
		u->cur = n ? n - 1 : 0;
	u->has_match = 0;
	u->dirty = 1;
	return 0;
}

void ui_restore_answer(ui *u, int yes)
{
	char err[256];
	lesson *L2 = NULL;
	if (yes && u->recovered.len) {
		if (lesson_parse(u->recovered.s, u->recovered.len, u->path, &L2, err, sizeof err) !=
		    LESSON_OK) {
			ui_message(u, 1, "The recovered edits cannot be read: %s", err);
		} else if (adopt(u, L2, 0) != 0) {
			lesson_free(L2);
			ui_message(u, 1, "Not enough memory to restore the edits");
		} else {
			for (size_t i = 0; i < u->ncv; i++)
				u->cv[i]->edited = 1;
			u->modified = 1;
			ui_message(u, 0, "Unsaved edits restored: s saves them");
		}
	} else if (!yes) {
		store_recovery_remove(u->st, u->path);
		ui_message(u, 0, "The recovered edits were thrown away");
	}
	sb_free(&u->recovered);
}

void ui_progress_cell(ui *u, size_t i)
{
	if (!u->lname || u->read_only || i >= u->ncv)
		return;
	const blocklist *bl = &u->cv[i]->out;
	for (size_t k = 0; k < bl->n; k++)
		if (bl->items[k]->kind == BLOCK_CHECK && bl->items[k]->passed && bl->items[k]->text.len)
			store_progress_pass(&u->prog, bl->items[k]->text.s);
	u->prog.cell = u->cur;
	store_progress_save(u->st, u->lname, &u->prog);
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

void ui_check_external(ui *u)
{
	struct timespec now;
	if (!u->L || u->ed || u->running != UI_NONE || u->prompt != PR_NONE)
		return;
	u->ext_checked = ui_now();
	ui_file_mtime(u->path, &now);
	if (now.tv_sec == 0 || same_time(&now, &u->mtime) || same_time(&now, &u->mtime_seen))
		return;
	u->mtime_seen = now;
	if (u->modified)
		u->prompt = PR_RELOAD;   /* the student's edits are at stake: ask */
	else
		ui_reload(u);
}

void ui_reload(ui *u)
{
	char err[256];
	lesson *L2 = NULL;
	struct timespec mt;
	ui_file_mtime(u->path, &mt);
	if (lesson_load_flags(u->path, u->opts.restricted ? LESSON_NOFOLLOW : 0, &L2, err, sizeof err) != LESSON_OK) {
		ui_message(u, 1, "The lesson changed on disk but cannot be read: %s", err);
		return;
	}
	int edits = 0;
	for (size_t i = 0; i < u->ncv; i++)
		edits |= u->cv[i]->edited;
	if (edits && lesson_ncells(L2) != u->ncv) {
		lesson_free(L2);
		ui_message(u, 1, "Conflict: cells were added or removed on disk while you edited; "
		           "your version stays (saving overwrites the file)");
		return;
	}
	if (adopt(u, L2, edits) != 0) {
		lesson_free(L2);
		ui_message(u, 1, "Not enough memory to reload the lesson");
		return;
	}
	u->mtime = u->mtime_seen = mt;
	u->modified = edits;
	ui_message(u, 0, edits ? "Reloaded from disk; the cells you edited kept your version"
	                       : "The lesson changed on disk: reloaded (outputs of unchanged cells kept)");
}
