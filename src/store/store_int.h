/*
** store_int.h — what the store_*.c files share and nobody else sees.
*/
#ifndef NNBOOK_STORE_INT_H
#define NNBOOK_STORE_INT_H

#include <sys/types.h>

#include "store.h"

struct store_lock {
	store *st;
	int fd;
	store_lock *next;
};

struct store {
	int restricted;
	char *data;         /* ".../nnbook", "" when there is no home */
	char *state;
	char *class_dir;    /* <account data>/class for a class member (store_set_member), else NULL */
	char err[768];
	char warn[512];     /* what the last save could not do (store_warning) */
	char **backed;      /* files already backed up this session */
	size_t nbacked, capbacked;
	store_lock *locks;  /* held locks, released by store_free */
};

/* Sets st's message from fmt and returns code. */
int store__fail(store *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Sets "cannot <what> <path>: <strerror(errno)>"; returns STORE_ENOENT for ENOENT, else STORE_EIO. */
int store__fail_errno(store *st, const char *what, const char *path);

/*
** Opens <base>/<sub> (sub may be NULL) as a directory fd, creating both
** 0700 when missing; sub is opened O_NOFOLLOW.  Appends the directory's
** path to disp (may be NULL).  Returns a STORE_* status; *fd is -1 on failure.
*/
int store__opendir(store *st, const char *base, const char *sub, int *fd, strbuf *disp);

/*
** Atomically replaces name in dirfd with data (the heart of every save).
** dirpath is only for messages and the backup memory.  newmode is the
** mode of a new file; an existing one keeps its own.  backup: keep
** "name~" before the first overwrite this session.  Returns a STORE_* status.
*/
int store__write_at(store *st, int dirfd, const char *dirpath, const char *name,
                const char *data, size_t len, mode_t newmode, int backup);

/*
** Removes the temp files killed saves left in dirfd: our own naming
** pattern, regular, owned by us, the writer's pid gone and no flock held
** on the file.  Everything else stays.  Quiet: a sweep never fails a save.
*/
void store__sweep_temps(int dirfd);

/*
** Forgets that <dirpath>/<name> was backed up this session (it was reset or
** restored under us), so its next save keeps a "~" backup again.
*/
void store__backup_forget(store *st, const char *dirpath, const char *name);

/* Appends the rest of the regular file open on fd to out (path for messages).  Returns a STORE_* status. */
int store__read_fd(store *st, int fd, const char *path, strbuf *out);

/* Returns path with symlinks resolved (the last component may be missing), malloc'd; NULL with errno set. */
char *store__realpath(const char *path);

/* Returns the length of path's last component (trailing '/' ignored); *b gets its start. */
size_t store__base_of(const char *path, const char **b);

/* Writes 16 hex digits of the FNV-1a 64 hash of s, NUL-terminated, into out. */
void store__hash_hex(const char *s, char out[17]);

/* Appends a file-name-safe form of the lesson name of path (never empty; for recovery files). */
void store__safe_name(const char *path, strbuf *out);

/* Returns a strbuf status: STORE_ENOMEM when sb failed, else STORE_OK. */
int store__sb_status(store *st, const strbuf *sb);

#endif
