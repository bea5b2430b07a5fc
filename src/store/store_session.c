/*
** store_session.c — the files of one open lesson (session.h).
**
** Outside changes are told by the file's modification time: `mtime` is
** the time of the text we hold (loaded, saved in place or reloaded),
** `seen` the last changed time we reported, so a change is reported once
** and a file put back as it was is not a change.
*/
#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct store_session {
	store *st;
	char *path;
	int flags;              /* STORE_BUNDLED */
	int where;              /* STORE_IN_PLACE or STORE_USER_COPY */
	store_lock *lock;
	int read_only;
	char *name;             /* the lesson's name, for progress (NULL: none) */
	store_progress prog;
	strbuf recovered;
	struct timespec mtime, seen;
};

/* Puts path's modification time in *ts (zero when it cannot be read). */
static void file_mtime(const char *path, struct timespec *ts)
{
	struct stat sb;
	memset(ts, 0, sizeof *ts);
	if (stat(path, &sb) == 0)
		*ts = sb.st_mtim;
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

store_session *store_session_open(store *st, const char *path, int flags)
{
	store_session *s = calloc(1, sizeof *s);
	strbuf name = STRBUF_INIT;
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return NULL;
	}
	s->st = st;
	s->flags = flags;
	if (store_lesson_target(st, path, flags, &s->where, NULL) != STORE_OK)
		s->where = 0;
	if (store_lock_take(st, path, flags, &s->lock) == STORE_EBUSY)
		s->read_only = 1;
	if (store_lesson_name(path, &name) == STORE_OK && name.len)
		s->name = sb_take(&name);
	sb_free(&name);
	if (s->name)
		store_progress_load(st, s->name, &s->prog);
	if (!s->read_only && store_recovery_find(st, path, &s->recovered, NULL) != STORE_OK)
		sb_free(&s->recovered);
	file_mtime(path, &s->mtime);
	return s;
}

void store_session_close(store_session *s, size_t cell)
{
	if (!s)
		return;
	if (s->name && !s->read_only) {
		s->prog.cell = cell;
		store_progress_save(s->st, s->name, &s->prog);
	}
	store_progress_clear(&s->prog);
	store_lock_release(s->lock);
	sb_free(&s->recovered);
	free(s->name);
	free(s->path);
	free(s);
}

int store_session_read_only(const store_session *s)
{
	return s->read_only;
}

int store_session_where(const store_session *s)
{
	return s->where;
}

size_t store_session_cell(const store_session *s)
{
	return s->prog.cell;
}

const strbuf *store_session_recovered(const store_session *s)
{
	return &s->recovered;
}

void store_session_forget_recovered(store_session *s)
{
	sb_free(&s->recovered);
}

int store_session_save(store_session *s, const char *text, size_t len, strbuf *saved_to)
{
	int where = 0;
	int rc = store_save_lesson(s->st, s->path, s->flags, text, len, &where, saved_to);
	if (rc != STORE_OK)
		return rc;
	s->where = where;
	if (where != STORE_USER_COPY) {
		file_mtime(s->path, &s->mtime);
		s->seen = s->mtime;
	}
	return STORE_OK;
}

int store_session_recovery_write(store_session *s, const char *text, size_t len)
{
	return store_recovery_write(s->st, s->path, text, len);
}

void store_session_recovery_remove(store_session *s)
{
	store_recovery_remove(s->st, s->path);
}

void store_session_passed(store_session *s, const char *exercise)
{
	store_progress_pass(&s->prog, exercise);
}

void store_session_mark(store_session *s, const char *word, const char *name)
{
	if (store_progress_marked(&s->prog, word, name) ||
	    store_progress_mark(&s->prog, word, name) != STORE_OK)
		return;
	if (s->name && !s->read_only)
		store_progress_save(s->st, s->name, &s->prog);
}

int store_session_marked(const store_session *s, const char *word, const char *name)
{
	return store_progress_marked(&s->prog, word, name);
}

int store_session_cell_end(store_session *s, size_t cell, int look)
{
	if (s->name && !s->read_only) {
		s->prog.cell = cell;
		store_progress_save(s->st, s->name, &s->prog);
	}
	return look ? store_session_changed(s) : 0;
}

int store_session_changed(store_session *s)
{
	struct timespec now;
	file_mtime(s->path, &now);
	if (now.tv_sec == 0 || same_time(&now, &s->mtime) || same_time(&now, &s->seen))
		return 0;
	s->seen = now;
	return 1;
}

void store_session_stat(const store_session *s, struct timespec *mt)
{
	file_mtime(s->path, mt);
}

void store_session_reloaded(store_session *s, const struct timespec *mt)
{
	s->mtime = s->seen = *mt;
}
