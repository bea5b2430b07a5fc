/*
** store.h — saving without losing work: where files live, atomic saves,
** user copies of read-only lessons, recovery files, the "open elsewhere"
** lock and per-user progress.
**
** Directories (created 0700 on demand, never at store_new time):
**
**   data   $XDG_DATA_HOME/nnbook   (default ~/.local/share/nnbook)
**          lessons/<name>.lua        the user's copy of a read-only lesson
**          lessons/<name>.lua.reset-<N>  a copy put aside by a reset (N = 1, 2, ...)
**   state  $XDG_STATE_HOME/nnbook  (default ~/.local/state/nnbook)
**          recovery/<name>-<hash>.lua  unsaved edits of one lesson
**          locks/<hash>.lock           held (flock) while a session edits it
**          progress/<name>.txt         last cell and passed exercises
**
** A class sharing one account (store_set_member) gives each member
** <data>/students/<member> and <state>/students/<member> as these two,
** and the class folder <data>/class for the class's status files.
**
** <name> is the lesson file's base name without ".lua"; <hash> is 16 hex
** digits of a 64-bit FNV-1a hash of a real (symlink-free) path.  XDG
** variables that are unset, empty or relative are ignored, as the XDG spec
** says.  In restricted mode $HOME and the XDG variables are ignored too:
** the home directory comes from the password database, so a student cannot
** point nnbook's writes somewhere else through the environment.
**
** Every save is atomic: a temp file in the target's directory (created
** O_CREAT|O_EXCL|O_NOFOLLOW, so a symlink planted at the temp name is
** never followed), write, fsync, rename over the target, fsync the
** directory.  A reader (or a crash, or kill -9) sees the old file or the
** new one, never a mix and never an empty file.  The first overwrite of a
** file in a session (one store = one session) first keeps the old content
** as "<file>~" (a file the session itself created is never backed up, so
** an older "~" of the user's survives).  The backup is a courtesy that
** never blocks a save: a "<file>~" that is not ours to replace (another
** user's, read-only, a symlink, a directory) is left alone, as is one that
** cannot be written for any other reason; the save goes on and
** store_warning() says so.  The backup is renamed into place, never
** written through an existing file.
**
** Temp files of saves that were killed (kill -9, power loss) do not pile
** up: each save first removes, in the folder it writes to, the temp files
** of our own naming pattern that are regular files owned by us, whose
** writer's pid is gone and on which no process holds the flock every
** writer takes on its temp file.  Anything else is left alone: another
** live session's temp file, another user's, a symlink, a name not ours.
**
** Resetting a user copy never deletes it: it is renamed aside as
** "<name>.lua.reset-<N>", numbered so a second reset keeps the first one's
** backup too, and store_restore_copy brings the most recent one back.
**
** Writes in the data and state directories go through a directory fd
** (openat/renameat with O_NOFOLLOW below the nnbook directory) and take
** names only through store_name_ok(): no '/', no "..", no leading '.'.
** In restricted mode nothing else is ever written: a lesson's own file is
** never saved in place, only its user copy.
**
** Errors come back as a STORE_* status; store_error() gives the message
** ("cannot write /x/y.lua: Permission denied").  Nothing here prints or
** exits.  Memory is plain malloc, not the lesson budget (mem.h): saving
** must keep working while a lesson sits at its memory limit.
*/
#ifndef NNBOOK_STORE_H
#define NNBOOK_STORE_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

#include "strbuf.h"

typedef struct store store;

enum {
	STORE_OK = 0,
	STORE_ENOMEM,   /* out of memory */
	STORE_EARG,     /* a NULL argument or a bad name ('/', "..", leading '.') */
	STORE_EIO,      /* a system call failed; store_error() says which and why */
	STORE_EDENIED,  /* restricted mode forbids it */
	STORE_ENOENT,   /* nothing there (no user copy, recovery or progress) */
	STORE_EBUSY,    /* the lesson is locked by another process */
	STORE_ECORRUPT  /* a progress file that is not one (ignored) */
};

/* Where a lesson's save goes (store_lesson_target, store_save_lesson). */
enum {
	STORE_IN_PLACE = 1,  /* the lesson's own file */
	STORE_USER_COPY      /* <data>/lessons/<name>.lua */
};

/* Flags for store_save_file, store_lesson_target and store_save_lesson. */
enum {
	STORE_BACKUP = 1,   /* keep "<file>~" before the first overwrite this session */
	STORE_BUNDLED = 2   /* the lesson is bundled/installed: never save it in place */
};

/* The longest lesson name store_name_ok accepts, in bytes. */
#define STORE_NAME_MAX 200

/*
** Returns a new store for this process, or NULL when out of memory.
** restricted != 0: home from getpwuid(getuid()), $HOME/$XDG_* ignored,
** and no writes outside the nnbook directories.  Directories are only
** computed here; when no home can be found every file operation fails
** with STORE_EIO.  Free with store_free().
*/
store *store_new(int restricted);

/* Releases the store and every lock it still holds (those store_lock handles die with it).  NULL is a no-op. */
void store_free(store *st);

/* The longest class member name store_member_ok accepts. */
#define STORE_MEMBER_MAX 32

/* Returns 1 when name may name a class member: 1 to 32 of A-Z a-z 0-9 - _, not starting with -. */
int store_member_ok(const char *name);

/*
** Makes st the store of one member (student or teacher) of a class sharing this account
** (docs/classroom.md): data and state move to <data>/students/<name> and
** <state>/students/<name>, so members never see each other's copies,
** progress or recovery files, and store_class_dir() becomes
** <account data>/class.  Call once, right after store_new.  Returns
** STORE_OK, STORE_EARG (bad name, or called twice) or STORE_ENOMEM.
*/
int store_set_member(store *st, const char *name);

/* Returns the class folder of a member's store, or "" when st is no member's. */
const char *store_class_dir(const store *st);

/*
** Creates <class>/<sub> (0700) when missing and appends its path to path
** (may be NULL).  Returns a STORE_* status (STORE_EARG for a store that is
** no member's or a bad sub).
*/
int store_class_folder(store *st, const char *sub, strbuf *path);

/*
** Saves data as <class>/<sub>/<name> atomically (mode 0600, no backup).
** Allowed in restricted mode.  Returns a STORE_* status.
*/
int store_save_class(store *st, const char *sub, const char *name, const char *data, size_t len);

/* Returns 1 in restricted mode. */
int store_restricted(const store *st);

/* Returns the data directory ".../nnbook" ("" when there is no home); owned by st. */
const char *store_data_dir(const store *st);

/* Returns the state directory ".../nnbook" ("" when there is no home); owned by st. */
const char *store_state_dir(const store *st);

/* Returns the message of the last failure ("" if none); owned by st, valid until the next call. */
const char *store_error(const store *st);

/*
** Returns what the last save did not manage although it succeeded (today
** only the "~" backup: "backup a.lua~ could not be written: it belongs to
** another user"), or "" when it did everything.  Owned by st, valid until
** the next save.
*/
const char *store_warning(const store *st);

/*
** Returns 1 when name may name a file in the nnbook directories: 1 to
** STORE_NAME_MAX bytes, no '/', no "..", no leading '.', no control bytes.
*/
int store_name_ok(const char *name);

/*
** Appends to out the lesson name of path: its base name without a final
** ".lua".  Returns STORE_OK, or STORE_EARG when the result fails
** store_name_ok (out then holds nothing new).
*/
int store_lesson_name(const char *path, strbuf *out);

/* ---- atomic saves ---- */

/*
** Saves data[0..len) to path atomically (see above).  A symlink at path is
** resolved first, so the file it points to is replaced and the link kept.
** An existing file keeps its permission bits (and its owner, when we may
** set it); a new one is created 0644 less the umask.  The temp file is
** ".<file>.<pid>-<n>.tmp", n counting up past any name already taken (a
** planted symlink there is skipped, never followed), and flock'ed while it
** is written so a sweeping session can tell it is alive.  flags:
** STORE_BACKUP (a backup that cannot be kept shows in store_warning()).
** Refused (STORE_EDENIED) in restricted mode.  Returns a STORE_* status.
*/
int store_save_file(store *st, const char *path, const char *data, size_t len, int flags);

/*
** Decides where a save of the lesson at path goes, without writing:
** STORE_IN_PLACE when path (after resolving symlinks) and its directory
** are writable for us and have a write permission bit set (so a 0555
** folder counts as read-only even for root), and flags has no
** STORE_BUNDLED and the store is not restricted; else STORE_USER_COPY.
** Stores the choice in *where and, when target is non-NULL, appends the
** file that would be written.  Returns a STORE_* status.
*/
int store_lesson_target(store *st, const char *path, int flags, int *where, strbuf *target);

/*
** Saves a lesson's text where store_lesson_target says, always with a
** "~" backup on the first overwrite, and removes the lesson's recovery
** file afterwards (the edits are safe now).  *where (may be NULL) gets
** STORE_IN_PLACE or STORE_USER_COPY; saved_to (may be NULL) gets the file
** written, for the status bar.  Returns a STORE_* status.
*/
int store_save_lesson(store *st, const char *path, int flags, const char *data, size_t len,
                      int *where, strbuf *saved_to);

/*
** Finds the user's copy of the lesson at path (<data>/lessons/<name>.lua).
** Returns STORE_OK and appends its path to out (may be NULL), or
** STORE_ENOENT when there is none, or another STORE_* status.
** Note: for a lesson opened from the user folder this finds the file itself.
*/
int store_user_copy(store *st, const char *path, strbuf *out);

/*
** Resets the lesson at path to its original without losing anything: the
** user's copy (<data>/lessons/<name>.lua) is renamed, atomically and
** never over another file, to <data>/lessons/<name>.lua.reset-<N>, N one
** more than the highest there, so every reset keeps a backup of its own.
** The copy's "~" backup stays as it is.  Appends the backup's path to
** backup (may be NULL).  Returns STORE_OK, STORE_ENOENT when there is no
** copy, or another STORE_* status.
*/
int store_reset_copy(store *st, const char *path, strbuf *backup);

/*
** Finds the most recent reset backup (the highest N) of the lesson at
** path; only regular files named exactly "<name>.lua.reset-<N>" count.
** Creates no folder.  Returns STORE_OK and appends its path to out (may
** be NULL), STORE_ENOENT when there is none, or another STORE_* status.
*/
int store_backup_find(store *st, const char *path, strbuf *out);

/*
** Undoes a reset: the most recent backup becomes the user's copy again.
** A copy there now is first renamed aside as the next backup (its path
** appended to kept, may be NULL; kept gets nothing when there was no
** copy), so nothing is lost and the next restore brings it back in turn.
** The next save of the restored copy keeps a "~" backup again.  Returns
** STORE_OK, STORE_ENOENT when there is no backup, or another STORE_* status.
*/
int store_restore_copy(store *st, const char *path, strbuf *kept);

/*
** Saves data as <data>/lessons/<name>.lua (name as store_name_ok accepts,
** without ".lua"), with a backup on the first overwrite.  Allowed in
** restricted mode.  Appends the file written to saved_to (may be NULL).
** Returns a STORE_* status (STORE_EARG for a bad name).
*/
int store_save_user(store *st, const char *name, const char *data, size_t len,
                    strbuf *saved_to);

/*
** Appends the whole file at path to out.  Returns STORE_OK, STORE_ENOENT
** when it does not exist, or another STORE_* status.  A reading helper for
** the UI so it need not duplicate error handling.
*/
int store_read_file(store *st, const char *path, strbuf *out);

/* ---- recovery of unsaved edits ---- */

/*
** Appends the recovery file's path for the lesson at path:
** <state>/recovery/<name>-<hash of the lesson's real path>.lua.
** Returns a STORE_* status.
*/
int store_recovery_path(store *st, const char *path, strbuf *out);

/*
** Writes the unsaved text of the lesson at path to its recovery file
** (atomically; cheap enough to call every few seconds).  Returns a STORE_* status.
*/
int store_recovery_write(store *st, const char *path, const char *data, size_t len);

/*
** Looks for a recovery file of the lesson at path.  Returns STORE_OK and
** appends its text to text (may be NULL) and its modification time to
** *mtime (may be NULL), or STORE_ENOENT, or another STORE_* status.
*/
int store_recovery_find(store *st, const char *path, strbuf *text, time_t *mtime);

/* Removes the recovery file of the lesson at path.  Returns STORE_OK or STORE_ENOENT (none), or STORE_EIO. */
int store_recovery_remove(store *st, const char *path);

/*
** A recovery target computed in advance, so a fatal-signal handler can
** write it with async-signal-safe calls only.  Plain data: copy it freely.
*/
typedef struct store_rescue {
	char dir[PATH_MAX];   /* <state>/recovery */
	char tmp[PATH_MAX];   /* <dir>/.<file>.rescue */
	char path[PATH_MAX];  /* <dir>/<name>-<hash>.lua */
} store_rescue;

/*
** Fills *r for the lesson at path and creates the recovery directory.
** Returns a STORE_* status (STORE_EIO when a path would be too long).
*/
int store_rescue_prepare(store *st, const char *path, store_rescue *r);

/*
** Writes data[0..len) to r->path atomically using only open, write, fsync,
** rename, unlink and close: safe in a signal handler (data must not be
** changing under it).  Returns 0 on success, -1 on failure (errno set).
*/
int store_rescue_write(const store_rescue *r, const char *data, size_t len);

/* ---- "open elsewhere" lock ---- */

typedef struct store_lock store_lock;

/*
** Takes the lock of the lesson at path: flock(LOCK_EX|LOCK_NB) on
** <state>/locks/<hash>.lock, where the hash is of the file saves would go
** to (store_lesson_target with flags), so two sessions on one bundled
** lesson meet on the user copy they would both write.  Returns STORE_OK
** with *out set (held by us until store_lock_release or exit), STORE_EBUSY when
** another open file holds it (store_error names the holder's pid when
** known; the UI then opens read-only), or another STORE_* status.
** flock belongs to the open file description: taking the same lesson
** twice in one process also gives STORE_EBUSY.
*/
int store_lock_take(store *st, const char *path, int flags, store_lock **out);

/* Releases the lock (the file stays, empty).  NULL is a no-op. */
void store_lock_release(store_lock *lk);

/* ---- progress per user ---- */

/*
** Where a student is in a lesson: the last cell index and the names of the
** exercises passed.  Keyed by lesson name (not path), so progress survives
** the first save moving a bundled lesson to its user copy.
*/
typedef struct store_progress {
	size_t cell;      /* index of the last cell the student was on */
	char **passed;    /* names of passed exercises, in the order passed */
	size_t npassed;
	size_t cap;
	char **marks;     /* "WORD NAME" lines: reveals and how exercises were passed */
	size_t nmarks, mcap;
} store_progress;

/*
** The words of marks.  STORE_SHOWN names a hint or solution cell the
** student revealed (by its title); STORE_WITH_SOLUTION an exercise passed
** while its solution was shown; STORE_ATTEMPTED a check cell (by its
** title) run on an exercise the student had changed, which opens its
** solution.  They are saved as lines "shown Hint 1", "passed-with-solution
** NAME", "attempted Check 1" that a teacher can read.
*/
#define STORE_SHOWN "shown"
#define STORE_WITH_SOLUTION "passed-with-solution"
#define STORE_ATTEMPTED "attempted"


/* Empties p (cell 0, nothing passed), freeing its names.  Call on a zeroed p to start. */
void store_progress_clear(store_progress *p);

/*
** Adds exercise to the passed list unless already there.  Names are one
** line of 1..255 bytes with no control characters.  Returns STORE_OK,
** STORE_EARG or STORE_ENOMEM.
*/
int store_progress_pass(store_progress *p, const char *exercise);

/* Returns 1 when exercise is in the passed list. */
int store_progress_passed(const store_progress *p, const char *exercise);

/*
** Adds the mark "word name" unless there (word is STORE_SHOWN,
** STORE_WITH_SOLUTION or STORE_ATTEMPTED; name as for exercises).  Returns STORE_OK,
** STORE_EARG or STORE_ENOMEM.
*/
int store_progress_mark(store_progress *p, const char *word, const char *name);

/* Returns 1 when p holds the mark "word name". */
int store_progress_marked(const store_progress *p, const char *word, const char *name);

/*
** Loads the progress of the lesson called name into p (cleared first).
** Returns STORE_OK, STORE_ENOENT (no file: p empty), STORE_ECORRUPT (not a
** progress file: ignored, p empty), or another STORE_* status.  A
** truncated file keeps the lines that were complete; bad lines are skipped.
*/
int store_progress_load(store *st, const char *name, store_progress *p);

/* Saves p as the progress of the lesson called name, atomically.  Returns a STORE_* status. */
int store_progress_save(store *st, const char *name, const store_progress *p);

#endif
