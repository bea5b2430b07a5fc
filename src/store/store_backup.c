/*
** store_backup.c — resetting a user copy without losing it, and undoing that.
**
** D in the browser resets a bundled lesson to its original: the user's
** copy is renamed aside as <data>/lessons/<name>.lua.reset-<N>, N one more
** than the highest there, so each reset keeps a backup of its own and no
** backup is ever replaced.  The browser lists only "*.lua" files, so a
** backup never shows as a lesson of its own.  U brings the most recent
** backup back, after putting a copy that is in the way aside as the next
** backup.  Every step is one rename that refuses to replace anything
** (renameat2 with RENAME_NOREPLACE, or a hard link and an unlink where
** that is missing), so a crash at any moment leaves every text under at
** least one name.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "store_int.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

#define TAG ".reset-"
/* The highest backup number: nine digits, so it always fits an unsigned long. */
#define BACKUP_MAX 999999999ul
/* How many numbers past the highest a move tries when another session races it. */
#define MOVE_TRIES 100

/* Renames from to to inside dirfd; fails with EEXIST rather than replace anything. */
static int move_noreplace(int dirfd, const char *from, const char *to)
{
#ifdef SYS_renameat2
	if (syscall(SYS_renameat2, dirfd, from, dirfd, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return -1;
#endif
	/* For a moment both names hold the file: never neither. */
	if (linkat(dirfd, from, dirfd, to, 0) != 0)
		return -1;
	if (unlinkat(dirfd, from, 0) != 0) {
		int e = errno;
		unlinkat(dirfd, to, 0);
		errno = e;
		return -1;
	}
	return 0;
}

/* The user's lesson folder, open, and the file name of one lesson in it. */
typedef struct place {
	int fd;        /* <data>/lessons, or -1 */
	strbuf dir;    /* its path, for messages and results */
	strbuf file;   /* "<name>.lua" */
} place;

/*
** Opens <data>/lessons for the lesson at path, creating nothing: a reset
** needs a copy and a restore a backup, and both live there.  Returns a
** STORE_* status (STORE_ENOENT: no folder yet); place_free p either way.
*/
static int place_open(store *st, const char *path, place *p)
{
	p->fd = -1;
	p->dir = (strbuf)STRBUF_INIT;
	p->file = (strbuf)STRBUF_INIT;
	int rc = store_lesson_name(path, &p->file);
	if (rc == STORE_EARG)
		return store__fail(st, rc, "%s: the lesson's name is not allowed", path);
	sb_adds(&p->file, ".lua");
	sb_adds(&p->dir, st->data);
	sb_adds(&p->dir, "/lessons");
	if (p->file.failed || p->dir.failed)
		return store__fail(st, STORE_ENOMEM, "out of memory");
	if (!st->data[0])
		return store__fail(st, STORE_ENOENT, "no home directory for nnbook's files");
	p->fd = open(p->dir.s, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (p->fd < 0)
		return store__fail_errno(st, "open", p->dir.s);
	return STORE_OK;
}

static void place_free(place *p)
{
	if (p->fd >= 0)
		close(p->fd);
	sb_free(&p->dir);
	sb_free(&p->file);
}

/* Returns N when name is "<file>.reset-<N>" (N >= 1 in plain decimal, at most 9 digits), else 0. */
static unsigned long backup_number(const char *name, const char *file)
{
	size_t fl = strlen(file), tl = strlen(TAG);
	if (strncmp(name, file, fl) != 0 || strncmp(name + fl, TAG, tl) != 0)
		return 0;
	const char *d = name + fl + tl;
	size_t n = strlen(d);
	if (n == 0 || n > 9 || d[0] == '0')
		return 0;
	unsigned long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (d[i] < '0' || d[i] > '9')
			return 0;
		v = v * 10 + (unsigned long)(d[i] - '0');
	}
	return v;
}

/*
** Returns the highest backup number of p's lesson (0: none).  Only
** regular files count: a link or a folder under such a name is not ours
** to bring back (a move to its name fails with EEXIST and takes the next).
*/
static unsigned long last_backup(const place *p)
{
	int fd = openat(p->fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	unsigned long best = 0;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	struct dirent *e;
	struct stat s;
	while ((e = readdir(d))) {
		unsigned long n = backup_number(e->d_name, p->file.s);
		if (n > best && fstatat(p->fd, e->d_name, &s, AT_SYMLINK_NOFOLLOW) == 0
		    && S_ISREG(s.st_mode))
			best = n;
	}
	closedir(d);
	return best;
}

/* Appends "<dir>/<file>.reset-<n>" (full) or "<file>.reset-<n>" to out. */
static void backup_name(const place *p, unsigned long n, int full, strbuf *out)
{
	if (full) {
		sb_adds(out, p->dir.s);
		sb_addc(out, '/');
	}
	sb_addf(out, "%s%s%lu", p->file.s, TAG, n);
}

/* Renames the lesson's copy aside as the next backup; appends the backup's path to out (may be NULL). */
static int put_aside(store *st, const place *p, strbuf *out)
{
	unsigned long n = last_backup(p);
	strbuf bak = STRBUF_INIT;
	int rc = STORE_EIO, e = EEXIST;
	for (unsigned long i = 1; i <= MOVE_TRIES && e == EEXIST; i++) {
		if (n + i > BACKUP_MAX) {
			e = ENOSPC;   /* the next name could not be read back */
			break;
		}
		sb_clear(&bak);
		backup_name(p, n + i, 0, &bak);
		if (bak.failed) {
			e = ENOMEM;
		} else if (move_noreplace(p->fd, p->file.s, bak.s) == 0) {
			rc = STORE_OK;
			break;
		} else {
			e = errno;
		}
	}
	if (rc != STORE_OK)
		rc = store__fail(st, e == ENOENT ? STORE_ENOENT : e == ENOMEM ? STORE_ENOMEM : STORE_EIO,
		             "cannot keep %s/%s as a backup: %s", p->dir.s, p->file.s, strerror(e));
	if (rc == STORE_OK && out) {
		sb_adds(out, p->dir.s);
		sb_addc(out, '/');
		sb_adds(out, bak.s);
		rc = store__sb_status(st, out);
	}
	sb_free(&bak);
	return rc;
}

/* The copy changed under the session's backup memory: its next save keeps a "~" again. */
static void forget(store *st, const place *p)
{
	fsync(p->fd);
	store__backup_forget(st, p->dir.s, p->file.s);
	char *real = realpath(p->dir.s, NULL);
	if (real)
		store__backup_forget(st, real, p->file.s);
	free(real);
}

/* STORE_OK when p's lesson has a copy (a regular file), else STORE_ENOENT or STORE_EIO. */
static int has_copy(store *st, const place *p)
{
	struct stat s;
	if (fstatat(p->fd, p->file.s, &s, AT_SYMLINK_NOFOLLOW) != 0)
		return store__fail_errno(st, "find", p->file.s);
	if (!S_ISREG(s.st_mode))
		return store__fail(st, STORE_EIO, "%s/%s is not a regular file", p->dir.s, p->file.s);
	return STORE_OK;
}

int store_reset_copy(store *st, const char *path, strbuf *backup)
{
	if (!st || !path)
		return STORE_EARG;
	place p;
	int rc = place_open(st, path, &p);
	if (rc == STORE_OK)
		rc = has_copy(st, &p);
	if (rc == STORE_OK)
		rc = put_aside(st, &p, backup);
	if (rc == STORE_OK)
		forget(st, &p);
	place_free(&p);
	return rc;
}

int store_backup_find(store *st, const char *path, strbuf *out)
{
	if (!st || !path)
		return STORE_EARG;
	place p;
	int rc = place_open(st, path, &p);
	unsigned long n = rc == STORE_OK ? last_backup(&p) : 0;
	if (rc == STORE_OK && n == 0)
		rc = store__fail(st, STORE_ENOENT, "no backup of %s", p.file.s);
	if (rc == STORE_OK && out) {
		backup_name(&p, n, 1, out);
		rc = store__sb_status(st, out);
	}
	place_free(&p);
	return rc;
}

int store_restore_copy(store *st, const char *path, strbuf *kept)
{
	if (!st || !path)
		return STORE_EARG;
	place p;
	strbuf bak = STRBUF_INIT;
	int rc = place_open(st, path, &p);
	unsigned long n = rc == STORE_OK ? last_backup(&p) : 0;
	if (rc == STORE_OK && n == 0)
		rc = store__fail(st, STORE_ENOENT, "no backup of %s to bring back", p.file.s);
	if (rc == STORE_OK) {
		backup_name(&p, n, 0, &bak);
		rc = store__sb_status(st, &bak);
	}
	if (rc == STORE_OK) {
		int c = has_copy(st, &p);
		/* a newer copy is kept in turn, under the next number */
		if (c == STORE_OK)
			rc = put_aside(st, &p, kept);
		else if (c != STORE_ENOENT)
			rc = c;
	}
	if (rc == STORE_OK && move_noreplace(p.fd, bak.s, p.file.s) != 0)
		rc = store__fail(st, STORE_EIO, "cannot bring back %s/%s: %s", p.dir.s, bak.s,
		             strerror(errno));
	if (rc == STORE_OK)
		forget(st, &p);
	sb_free(&bak);
	place_free(&p);
	return rc;
}
