/*
** store_lesson.c — where a lesson is saved (in place or the user copy),
** its recovery file, and the lock that tells a second nnbook it is open.
** Resetting a user copy (and undoing that) is in store_backup.c.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"

/*
** May we replace this file or create files in this directory?  access()
** alone says yes to root everywhere; a folder or file with no write bit
** at all (0555, 0444) is someone saying "read-only", so it counts as such
** for root too, and the save goes to the user copy.
*/
static int writable(const char *path)
{
	struct stat s;
	if (stat(path, &s) != 0)
		return 0;
	if (!(s.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)))
		return 0;
	return access(path, W_OK) == 0;
}

/* Appends <data>/lessons/<name>.lua. */
static void user_copy_path(const store *st, const char *name, strbuf *out)
{
	sb_adds(out, st->data);
	sb_adds(out, "/lessons/");
	sb_adds(out, name);
	sb_adds(out, ".lua");
}

/* The lesson name of path, or STORE_EARG with a message. */
static int lesson_name(store *st, const char *path, strbuf *name)
{
	int rc = store_lesson_name(path, name);
	if (rc == STORE_EARG)
		return store__fail(st, rc, "cannot save a copy of %s: the name is not allowed", path);
	if (rc != STORE_OK)
		return store__fail(st, rc, "out of memory");
	return STORE_OK;
}

int store_lesson_target(store *st, const char *path, int flags, int *where, strbuf *target)
{
	if (!st || !path || !where)
		return STORE_EARG;
	*where = STORE_USER_COPY;
	if (!st->restricted && !(flags & STORE_BUNDLED)) {
		char *real = store__realpath(path);
		if (real) {
			const char *slash = strrchr(real, '/');
			strbuf dir = STRBUF_INIT;
			sb_addn(&dir, real, slash && slash != real ? (size_t)(slash - real) : 1);
			struct stat s;
			int exists = stat(real, &s) == 0;
			if (!dir.failed && (!exists || (S_ISREG(s.st_mode) && writable(real)))
			    && writable(dir.s))
				*where = STORE_IN_PLACE;
			sb_free(&dir);
			if (*where == STORE_IN_PLACE && target)
				sb_adds(target, real);
			free(real);
		}
	}
	if (*where == STORE_USER_COPY) {
		strbuf name = STRBUF_INIT;
		int rc = lesson_name(st, path, &name);
		if (rc == STORE_OK && target)
			user_copy_path(st, name.s, target);
		sb_free(&name);
		if (rc != STORE_OK)
			return rc;
		if (!st->data[0])
			return store__fail(st, STORE_EIO, "no home directory for nnbook's files");
	}
	return target ? store__sb_status(st, target) : STORE_OK;
}

int store_save_user(store *st, const char *name, const char *data, size_t len,
                    strbuf *saved_to)
{
	if (!st || !name || (!data && len))
		return STORE_EARG;
	if (!store_name_ok(name))
		return store__fail(st, STORE_EARG, "not an allowed lesson name: \"%s\"", name);
	strbuf dir = STRBUF_INIT, file = STRBUF_INIT;
	int fd;
	int rc = store__opendir(st, st->data, "lessons", &fd, &dir);
	if (rc == STORE_OK) {
		sb_adds(&file, name);
		sb_adds(&file, ".lua");
		rc = store__sb_status(st, &file);
		if (rc == STORE_OK)
			rc = store__write_at(st, fd, dir.s, file.s, data, len, 0644, 1);
		close(fd);
	}
	if (rc == STORE_OK && saved_to) {
		user_copy_path(st, name, saved_to);
		rc = store__sb_status(st, saved_to);
	}
	sb_free(&dir);
	sb_free(&file);
	return rc;
}

int store_save_lesson(store *st, const char *path, int flags, const char *data, size_t len,
                      int *where, strbuf *saved_to)
{
	if (!st || !path || (!data && len))
		return STORE_EARG;
	int w;
	strbuf target = STRBUF_INIT;
	int rc = store_lesson_target(st, path, flags, &w, &target);
	if (rc == STORE_OK && w == STORE_IN_PLACE) {
		rc = store_save_file(st, target.s, data, len, STORE_BACKUP);
		if (rc == STORE_OK && saved_to)
			sb_adds(saved_to, target.s);
	} else if (rc == STORE_OK) {
		strbuf name = STRBUF_INIT;
		rc = lesson_name(st, path, &name);
		if (rc == STORE_OK)
			rc = store_save_user(st, name.s, data, len, saved_to);
		sb_free(&name);
	}
	sb_free(&target);
	if (rc != STORE_OK)
		return rc;
	if (where)
		*where = w;
	/* The edits are on disk now: an old recovery copy would only confuse. */
	char keep[sizeof st->err];
	memcpy(keep, st->err, sizeof keep);
	store_recovery_remove(st, path);
	memcpy(st->err, keep, sizeof keep);
	return saved_to ? store__sb_status(st, saved_to) : STORE_OK;
}

int store_user_copy(store *st, const char *path, strbuf *out)
{
	if (!st || !path)
		return STORE_EARG;
	strbuf name = STRBUF_INIT, file = STRBUF_INIT;
	int rc = lesson_name(st, path, &name);
	if (rc == STORE_OK) {
		user_copy_path(st, name.s, &file);
		rc = store__sb_status(st, &file);
	}
	struct stat s;
	if (rc == STORE_OK && !st->data[0])
		rc = STORE_ENOENT;
	if (rc == STORE_OK) {
		if (lstat(file.s, &s) != 0)
			rc = store__fail_errno(st, "find", file.s);
		else if (!S_ISREG(s.st_mode))
			rc = store__fail(st, STORE_ENOENT, "%s is not a regular file", file.s);
	}
	if (rc == STORE_OK && out) {
		sb_adds(out, file.s);
		rc = store__sb_status(st, out);
	}
	sb_free(&name);
	sb_free(&file);
	return rc;
}

/* ---- recovery ---- */

/* Appends "<name>-<hash of the real path>.lua" for the lesson at path. */
static int recovery_name(store *st, const char *path, strbuf *out)
{
	char *real = store__realpath(path);
	char hex[17];
	store__hash_hex(real ? real : path, hex);
	free(real);
	store__safe_name(path, out);
	sb_addc(out, '-');
	sb_adds(out, hex);
	sb_adds(out, ".lua");
	return store__sb_status(st, out);
}

int store_recovery_path(store *st, const char *path, strbuf *out)
{
	if (!st || !path || !out)
		return STORE_EARG;
	if (!st->state[0])
		return store__fail(st, STORE_EIO, "no home directory for nnbook's files");
	sb_adds(out, st->state);
	sb_adds(out, "/recovery/");
	return recovery_name(st, path, out);
}

/* Opens <state>/recovery as *fd (its path in dir) and names path's copy. */
static int recovery_open(store *st, const char *path, int *fd, strbuf *dir, strbuf *name)
{
	int rc = recovery_name(st, path, name);
	if (rc == STORE_OK)
		rc = store__opendir(st, st->state, "recovery", fd, dir);
	return rc;
}

int store_recovery_write(store *st, const char *path, const char *data, size_t len)
{
	if (!st || !path || (!data && len))
		return STORE_EARG;
	strbuf dir = STRBUF_INIT, name = STRBUF_INIT;
	int fd = -1;
	int rc = recovery_open(st, path, &fd, &dir, &name);
	if (rc == STORE_OK)
		rc = store__write_at(st, fd, dir.s, name.s, data, len, 0600, 0);
	if (fd >= 0)
		close(fd);
	sb_free(&dir);
	sb_free(&name);
	return rc;
}

/*
** Opened O_NOFOLLOW and checked through the open fd: what is read is the
** file that was checked, and a link planted in the recovery folder is refused.
*/
int store_recovery_find(store *st, const char *path, strbuf *text, time_t *mtime)
{
	if (!st || !path)
		return STORE_EARG;
	strbuf file = STRBUF_INIT;
	int rc = store_recovery_path(st, path, &file);
	int fd = -1;
	if (rc == STORE_OK) {
		fd = open(file.s, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			rc = store__fail_errno(st, "open", file.s);
	}
	struct stat s;
	if (rc == STORE_OK && (fstat(fd, &s) != 0 || !S_ISREG(s.st_mode)))
		rc = store__fail(st, STORE_EIO, "%s is not a regular file", file.s);
	if (rc == STORE_OK && mtime)
		*mtime = s.st_mtime;
	if (rc == STORE_OK && text)
		rc = store__read_fd(st, fd, file.s, text);
	if (fd >= 0)
		close(fd);
	sb_free(&file);
	return rc;
}

int store_recovery_remove(store *st, const char *path)
{
	if (!st || !path)
		return STORE_EARG;
	strbuf file = STRBUF_INIT;
	int rc = store_recovery_path(st, path, &file);
	if (rc == STORE_OK && unlink(file.s) != 0)
		rc = store__fail_errno(st, "remove", file.s);
	sb_free(&file);
	return rc;
}

int store_rescue_prepare(store *st, const char *path, store_rescue *r)
{
	if (!st || !path || !r)
		return STORE_EARG;
	strbuf dir = STRBUF_INIT, name = STRBUF_INIT;
	int fd = -1;
	int rc = recovery_open(st, path, &fd, &dir, &name);
	if (fd >= 0)
		close(fd);
	if (rc == STORE_OK) {
		int a = snprintf(r->dir, sizeof r->dir, "%s", dir.s);
		int b = snprintf(r->tmp, sizeof r->tmp, "%s/.%s.rescue", dir.s, name.s);
		int c = snprintf(r->path, sizeof r->path, "%s/%s", dir.s, name.s);
		if (a < 0 || b < 0 || c < 0 || (size_t)a >= sizeof r->dir
		    || (size_t)b >= sizeof r->tmp || (size_t)c >= sizeof r->path)
			rc = store__fail(st, STORE_EIO, "recovery path too long: %s", dir.s);
	}
	sb_free(&dir);
	sb_free(&name);
	return rc;
}

/*
** Runs inside a signal handler: only async-signal-safe calls, no malloc,
** no stdio.  The temp name is fixed, so a stale one from a killed run is
** unlinked first (the recovery folder is ours, 0700).
*/
int store_rescue_write(const store_rescue *r, const char *data, size_t len)
{
	unlink(r->tmp);
	int fd = open(r->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_t k = write(fd, data, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			goto fail;
		data += k;
		len -= (size_t)k;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(r->tmp, r->path) != 0)
		goto fail;
	int dfd = open(r->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	{
		int e = errno;
		if (fd >= 0)
			close(fd);
		unlink(r->tmp);
		errno = e;
		return -1;
	}
}

/* ---- lock ---- */

/* Reads the pid a lock holder wrote into its lock file (0 when unknown). */
static long lock_holder(int fd)
{
	char buf[32];
	ssize_t k = pread(fd, buf, sizeof buf - 1, 0);
	if (k <= 0)
		return 0;
	buf[k] = '\0';
	char *end;
	long pid = strtol(buf, &end, 10);
	return pid > 0 && (*end == '\n' || *end == '\0') ? pid : 0;
}

int store_lock_take(store *st, const char *path, int flags, store_lock **out)
{
	if (!st || !path || !out)
		return STORE_EARG;
	*out = NULL;
	int where;
	strbuf target = STRBUF_INIT, dir = STRBUF_INIT;
	int rc = store_lesson_target(st, path, flags, &where, &target);
	int dfd = -1, fd = -1;
	char file[40];
	if (rc == STORE_OK) {
		char hex[17];
		store__hash_hex(target.s, hex);
		snprintf(file, sizeof file, "%s.lock", hex);
		rc = store__opendir(st, st->state, "locks", &dfd, &dir);
	}
	if (rc == STORE_OK) {
		fd = openat(dfd, file, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0)
			rc = store__fail(st, STORE_EIO, "cannot open %s/%s: %s", dir.s, file, strerror(errno));
	}
	if (rc == STORE_OK) {
		int f;
		while ((f = flock(fd, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR)
			;
		if (f != 0 && errno == EWOULDBLOCK) {
			long pid = lock_holder(fd);
			if (pid)
				rc = store__fail(st, STORE_EBUSY, "%s is open in another nnbook (pid %ld)",
				             path, pid);
			else
				rc = store__fail(st, STORE_EBUSY, "%s is open in another nnbook", path);
		} else if (f != 0) {
			rc = store__fail(st, STORE_EIO, "cannot lock %s/%s: %s", dir.s, file, strerror(errno));
		}
	}
	store_lock *lk = NULL;
	if (rc == STORE_OK) {
		lk = malloc(sizeof *lk);
		if (!lk)
			rc = store__fail(st, STORE_ENOMEM, "out of memory");
	}
	if (rc == STORE_OK) {
		char pid[32];
		int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
		if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) {
			/* the pid is only a courtesy for the other session's message */
		}
		lk->st = st;
		lk->fd = fd;
		lk->next = st->locks;
		st->locks = lk;
		*out = lk;
	} else if (fd >= 0) {
		close(fd);
	}
	if (dfd >= 0)
		close(dfd);
	sb_free(&target);
	sb_free(&dir);
	return rc;
}
