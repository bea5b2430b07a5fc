/*
** class.h — a class that shares one Unix account (docs/classroom.md).
**
** Three pieces, all plain files under the account, so nothing here is a
** server that could die and nothing polls:
**
**   the roster   ~/.ssh/authorized_keys: one line per member's key, whose
**                forced command is `nnbook --restricted --student NAME`
**                (or --teacher NAME), with OpenSSH's `restrict,pty`
**   status files <data>/class/status/<name>: where each member is (lesson,
**                cell k/N, state, exercises passed, last error, the cell's
**                code), rewritten atomically by the member's session
**   the teacher  <data>/class/follow/teacher: the lesson and cell the teacher is
**                on and an optional suggested cell ("follow me")
**
** Readers are woken by inotify (class_watch), and check each status
** file's pid, so a session that crashed shows as gone instead of running
** forever.  Nothing here draws or includes curses: the dashboard screen
** (src/ui/dashboard.c) and the command line (src/cli/classcmd.c) do.
*/
#ifndef NNBOOK_CLASS_H
#define NNBOOK_CLASS_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "store.h"
#include "strbuf.h"

/* ---- the roster (authorized_keys) ---- */

enum { CLASS_STUDENT = 0, CLASS_TEACHER = 1 };

/* One member as the roster holds them. */
typedef struct class_member {
	char name[STORE_MEMBER_MAX + 1];
	int role;           /* CLASS_STUDENT or CLASS_TEACHER */
	char key[160];      /* "ssh-ed25519 AAAA…" shortened for listing, and its comment */
} class_member;

/*
** Adds a member: appends to the authorized_keys file at keys_path
** (created, with its folder 0700, when missing) the line
**   command="<nnbook> --restricted --student NAME",restrict,pty <key>
** where <key> is the first public key in pubkey (the text of a .pub file).
** The file is rewritten atomically and every other line kept as it was.
** Refused with a message in err: a bad name (store_member_ok), a name or a
** key already there, a key that is not one public key, an nnbook path
** with a quote or backslash.  Returns 0 or -1.
*/
int class_add(store *st, const char *keys_path, const char *nnbook, const char *name,
              int role, const char *pubkey, strbuf *err);

/* Removes every line of member name.  Returns 0, or -1 with err (no such member, I/O). */
int class_remove(store *st, const char *keys_path, const char *name, strbuf *err);

/*
** Reads the members from the authorized_keys text (lines not ours are
** skipped).  Appends them to *out (a vec of class_member, *n counting).
** Returns 0, or -1 when out of memory.
*/
int class_members(const char *keys_text, class_member **out, size_t *n, size_t *cap);

/* ---- status files ---- */

/* Where one member is, as their status file says. */
typedef struct class_status {
	char name[STORE_MEMBER_MAX + 1];
	int role;
	long pid;            /* the member's session; 0 when unknown */
	time_t when;         /* last activity */
	char lesson[128];    /* the lesson's name ("" when in the browser) */
	char title[128];
	unsigned cell, ncells;   /* cell k of N (k from 1; 0 when none) */
	char state[16];      /* idle, running, error, interrupted, left */
	char error[256];     /* the first line of the last error ("" if none) */
	strbuf passed;       /* exercises passed, one per line; "*" before those passed with the solution shown */
	strbuf code;         /* the code of the cell the member is on */
} class_status;

/* Frees st's buffers (the struct itself is the caller's). */
void class_status_free(class_status *st);

/* Appends st in the status file format to out. */
void class_status_format(const class_status *st, strbuf *out);

/*
** Parses a status file's text into st (cleared first).  A file that is
** not one (or cut short) gives what it had up to there.  Returns 0 when
** the file had at least a name, else -1.
*/
int class_status_parse(const char *text, size_t len, class_status *st);

/* Writes st as <class>/status/<st->name> atomically.  Returns a STORE_* status. */
int class_status_save(store *st, const class_status *s);

/*
** Reads every status file in the folder dir into *out (a vec, *n
** counting; free each with class_status_free, then the array).  Files
** that fail to parse are skipped.  Returns 0, or -1 (folder unreadable or
** out of memory).
*/
int class_status_scan(const char *dir, class_status **out, size_t *n);

/* Returns 1 when two statuses say the same, the time aside (nothing to write). */
int class_status_same(const class_status *x, const class_status *y);

/* Returns 1 when path (or a bare name) is the lesson called name. */
int class_same_lesson(const char *name, const char *path);

/* Returns 1 when the session that wrote s is still alive (kill(pid, 0)). */
int class_status_alive(const class_status *s);

/* ---- the dashboard's rows (board.c) ---- */

enum { BOARD_BY_NAME, BOARD_BY_LESSON, BOARD_BY_ACTIVITY, BOARD_BY_STATE, BOARD_SORTS };

typedef struct class_board {
	class_status *s;     /* every member's status, as read */
	size_t n;
	size_t *order;       /* the students shown: indexes into s, filtered and sorted */
	size_t nshown;
	int sort;            /* BOARD_BY_* */
	char filter[64];     /* shown: name, lesson, title or state contains it ("" all) */
} class_board;

/* Re-reads every status file in status_dir, then arranges.  Returns 0 or -1 (the board unchanged). */
int class_board_load(class_board *b, const char *status_dir);

/* Filters and sorts again (after sort or filter changed).  Returns 0 or -1 (out of memory). */
int class_board_arrange(class_board *b);

void class_board_free(class_board *b);

/* A member's state for the teacher: the file's, or "gone" when its session died. */
const char *class_board_state(const class_status *s);

/* Appends shown row k: name, lesson, cell k/N, state, exercises passed ("3 (1*)"), last activity. */
void class_board_row(const class_board *b, size_t k, time_t now, strbuf *out);

/* Appends one line per exercise: "LESSON: 12/20 passed NAME (3 with the solution shown)". */
void class_board_totals(const class_board *b, strbuf *out);

/* ---- the teacher's position ("follow me") ---- */

typedef struct class_follow {
	char name[STORE_MEMBER_MAX + 1];   /* the teacher */
	char lesson[128];
	char title[128];
	unsigned cell;       /* from 1; 0: none */
	time_t when;
	long pid;            /* the teacher's session (0: unknown) */
	strbuf suggest;      /* a cell's code the teacher offers ("" if none) */
} class_follow;

/* Returns 1 unless f names a session that has ended (pid 0 counts as alive). */
int class_follow_alive(const class_follow *f);

void class_follow_free(class_follow *f);

/* Writes where the teacher is in words: "lesson 3" for 03-sigmoid-neuron, else the title or name. */
void class_follow_where(const class_follow *f, char *buf, size_t size);
void class_follow_format(const class_follow *f, strbuf *out);
int class_follow_parse(const char *text, size_t len, class_follow *f);

/* Writes f as <class>/follow/teacher.  Returns a STORE_* status. */
int class_follow_save(store *st, const class_follow *f);

/* Reads <class>/follow/teacher into f.  Returns 0, or -1 when there is none (f empty). */
int class_follow_load(const char *class_dir, class_follow *f);

/* ---- waking readers (inotify) ---- */

typedef struct class_watch class_watch;

enum { CLASS_SEEN_STATUS = 1, CLASS_SEEN_TEACHER = 2 };

/*
** Watches <class>/status and <class>/follow (the teacher's file), creating
** them when missing.  Returns NULL when the class folder is unusable or
** inotify is unavailable (st's error says why).
*/
class_watch *class_watch_open(store *st);
void class_watch_close(class_watch *w);

/* The descriptor to poll (POLLIN) for changes. */
int class_watch_fd(const class_watch *w);

/* Reads the pending events without blocking; returns CLASS_SEEN_* bits. */
int class_watch_drain(class_watch *w);

#endif
