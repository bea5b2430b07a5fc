/*
** session.h — the files of one open lesson, for as long as it is open.
**
** A notebook edits a lesson through a session: it knows where saves go
** (the file itself, or the student's copy of a read-only lesson), holds the
** "open elsewhere" lock (a second session on the lesson is read-only),
** keeps the student's progress (the cell they are on, the exercises they
** passed), finds the unsaved edits a previous session left, and tells
** when the file changed on disk behind our back (a teacher editing it in
** another pane).
**
** What a finished cell leaves on disk happens in one call,
** store_session_cell_end: the progress is saved, then the file is looked
** at for outside changes.  Nothing here prints; messages come from
** store_error() of the store the session was opened with.
*/
#ifndef NNBOOK_SESSION_H
#define NNBOOK_SESSION_H

#include <stddef.h>
#include <time.h>

#include "store.h"
#include "strbuf.h"

typedef struct store_session store_session;

/*
** Opens the session of the lesson at path.  flags: STORE_BUNDLED for a
** bundled lesson (never saved in place).  In this order: where saves go,
** the lock (taken, or the session is read-only), the progress, and, when
** not read-only, unsaved edits of an earlier session; last the file's
** modification time.  Returns the session (free with store_session_close),
** or NULL when out of memory.  st must outlive it.
*/
store_session *store_session_open(store *st, const char *path, int flags);

/*
** Closes the session: the student's position `cell` goes into the
** progress (unless read-only), the lock is released.  NULL is a no-op.
*/
void store_session_close(store_session *s, size_t cell);

/* Returns 1 when another session holds the lesson: nothing may be saved. */
int store_session_read_only(const store_session *s);

/* Returns where saves go: STORE_IN_PLACE or STORE_USER_COPY (0: cannot tell). */
int store_session_where(const store_session *s);

/* Returns the cell the student was on when the lesson was last closed (0: none). */
size_t store_session_cell(const store_session *s);

/* Returns the unsaved edits an earlier session left ("" when none); owned by s. */
const strbuf *store_session_recovered(const store_session *s);

/* Forgets the recovered edits (restored or thrown away). */
void store_session_forget_recovered(store_session *s);

/*
** Saves text as the lesson (store_save_lesson: in place or to the user's
** copy, with a "~" backup, the recovery file removed).  A save in place
** becomes the file's known state, so it is not an outside change.  Appends
** the file written to saved_to (may be NULL).  Returns a STORE_* status.
*/
int store_session_save(store_session *s, const char *text, size_t len, strbuf *saved_to);

/* Writes unsaved text to the lesson's recovery file.  Returns a STORE_* status. */
int store_session_recovery_write(store_session *s, const char *text, size_t len);

/* Removes the lesson's recovery file (the edits were saved or thrown away). */
void store_session_recovery_remove(store_session *s);

/* Notes an exercise the student passed (saved by store_session_cell_end). */
void store_session_passed(store_session *s, const char *exercise);

/*
** Notes the mark "word name" (store_progress_mark) and, unless read-only,
** saves the progress at once: a reveal is kept even if no cell runs after.
*/
void store_session_mark(store_session *s, const char *word, const char *name);

/* Returns 1 when the progress holds the mark "word name". */
int store_session_marked(const store_session *s, const char *word, const char *name);

/*
** A cell ended.  Saves the progress (the passed exercises, the student on
** `cell`), unless read-only; then, when `look` (the caller can act on a
** change now: no cell runs, nothing is being edited or asked), looks at
** the lesson file.  Returns 1 when it changed on disk since it was loaded,
** saved or last reported (it is then reported), else 0.
*/
int store_session_cell_end(store_session *s, size_t cell, int look);

/* Looks at the lesson file as store_session_cell_end does; returns 1 when it changed. */
int store_session_changed(store_session *s);

/* Puts the file's modification time now in *mt, before reading the file again. */
void store_session_stat(const store_session *s, struct timespec *mt);

/* The lesson was read again from disk as it was at *mt: later looks compare with that. */
void store_session_reloaded(store_session *s, const struct timespec *mt);

#endif
