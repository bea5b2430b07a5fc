/*
** store_write.c — the atomic write every save goes through, the "~"
** backup, the sweep of temp files killed saves left, and reading files back.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "vec.h"

/* Writes all of data to fd, retrying short writes and EINTR. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t k = write(fd, data, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += k;
		len -= (size_t)k;
	}
	return 0;
}

/*
** Creates a fresh temp file next to name: ".<name><suffix>.<pid>-<n>.tmp",
** n counting up past names already taken.  O_EXCL|O_NOFOLLOW means a
** symlink (or anything) planted at a predictable name is skipped, never
** followed or overwritten.  The file is flock'ed until it is closed, so a
** sweep in another session (store__sweep_temps) knows its writer is alive.
*/
static int open_temp(int dirfd, const char *name, const char *suffix, char *tmp, size_t cap,
                     mode_t mode)
{
	int nlen = (int)strlen(name);
	if (nlen > 180)
		nlen = 180;
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(tmp, cap, ".%.*s%s.%ld-%u.tmp", nlen, name, suffix, (long)getpid(), i);
		int fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
		if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
			/* no locks on this file system: the sweep still checks the pid */
		}
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* ---- stale temp files ---- */

/*
** Returns the writer's pid in a temp name of ours, ".<file>.<pid>-<n>.tmp"
** with <file> not empty and both numbers plain decimal, else 0.
*/
static long temp_pid(const char *s)
{
	size_t n = strlen(s);
	if (s[0] != '.' || n < 10 || strcmp(s + n - 4, ".tmp") != 0)
		return 0;
	size_t i = n - 4, end = i;
	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	if (i == end || s[i - 1] != '-')
		return 0;
	end = --i;
	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	if (i == end || end - i > 9 || i < 3 || s[i - 1] != '.')
		return 0;
	long pid = 0;
	for (; i < end; i++)
		pid = pid * 10 + (s[i] - '0');
	return pid;
}

/* Could the process pid be writing?  Our own pid and any we may not signal count as alive. */
static int pid_alive(long pid)
{
	if (pid == (long)getpid())
		return 1;
	if (pid > INT_MAX)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

/*
** Removes name when it is a regular file of ours that nobody holds a
** flock on.  The lock tells about writers the pid cannot (another pid
** namespace, another NFS client); the inode is checked again just before
** the unlink so a file that replaced it meanwhile is never removed.
*/
static void remove_stale(int dirfd, const char *name)
{
	struct stat s, f;
	if (fstatat(dirfd, name, &s, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(s.st_mode)
	    || s.st_uid != geteuid())
		return;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &f) == 0 && f.st_ino == s.st_ino && f.st_dev == s.st_dev
	    && flock(fd, LOCK_EX | LOCK_NB) == 0
	    && fstatat(dirfd, name, &s, AT_SYMLINK_NOFOLLOW) == 0
	    && s.st_ino == f.st_ino && s.st_dev == f.st_dev)
		unlinkat(dirfd, name, 0);
	close(fd);
}

void store__sweep_temps(int dirfd)
{
	int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid = temp_pid(e->d_name);
		if (pid > 0 && !pid_alive(pid))
			remove_stale(dirfd, e->d_name);
	}
	closedir(d);
}

/* ---- the "~" backup ---- */

/* Returns 1 when key was already backed up this session, else remembers it (0; -1 on OOM). */
static int backed_up(store *st, const char *key, int remember)
{
	for (size_t i = 0; i < st->nbacked; i++)
		if (strcmp(st->backed[i], key) == 0)
			return 1;
	if (!remember)
		return 0;
	if (vec_grow(&st->backed, &st->capbacked, st->nbacked + 1, sizeof *st->backed, VEC_PLAIN) != 0)
		return -1;
	char *k = strdup(key);
	if (!k)
		return -1;
	st->backed[st->nbacked++] = k;
	return 0;
}

void store__backup_forget(store *st, const char *dirpath, const char *name)
{
	size_t dl = strlen(dirpath);
	for (size_t i = 0; i < st->nbacked;) {
		const char *k = st->backed[i];
		if (strncmp(k, dirpath, dl) == 0 && k[dl] == '/' && strcmp(k + dl + 1, name) == 0) {
			free(st->backed[i]);
			st->backed[i] = st->backed[--st->nbacked];
		} else {
			i++;
		}
	}
}

/* Copies the file name to a new temp file (when hard links are not possible). */
static int copy_to_temp(int dirfd, const char *name, char *tmp, size_t cap, mode_t mode)
{
	int in = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open_temp(dirfd, name, "~", tmp, cap, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	char buf[65536];
	ssize_t k;
	int rc = 0;
	while ((k = read(in, buf, sizeof buf)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 || write_all(out, buf, (size_t)k) != 0) {
			rc = -1;
			break;
		}
	}
	if (rc == 0 && fsync(out) != 0)
		rc = -1;
	int e = errno;
	close(in);
	if (close(out) != 0 && rc == 0)
		rc = -1, e = errno;
	if (rc != 0) {
		unlinkat(dirfd, tmp, 0);
		errno = e;
	}
	return rc;
}

/*
** Why the entry bak is not ours to replace, or NULL when it is (or when
** there is none).  A shared folder may hold anything under that name.
*/
static const char *not_ours(int dirfd, const char *bak)
{
	struct stat s;
	if (fstatat(dirfd, bak, &s, AT_SYMLINK_NOFOLLOW) != 0)
		return NULL;
	if (S_ISLNK(s.st_mode))
		return "it is a symbolic link";
	if (S_ISDIR(s.st_mode))
		return "it is a folder";
	if (!S_ISREG(s.st_mode))
		return "it is not a regular file";
	if (s.st_uid != geteuid())
		return "it belongs to another user";
	if (!(s.st_mode & S_IWUSR))
		return "it is read-only";
	return NULL;
}

/* Records in st->warn that the backup bak was not written, and why. */
static void no_backup(store *st, const char *bak, const char *why)
{
	snprintf(st->warn, sizeof st->warn, "backup %s could not be written: %s", bak, why);
}

/*
** Keeps the current content of name as "name~": a hard link to the old
** inode is enough, since the save then renames a new inode over name and
** never writes into the old one.  The link goes to a temp name first and
** is renamed over an older backup of ours, so "name~" is never missing or
** partial.  A backup is a courtesy: when it cannot be made, st->warn says
** why and the save goes on.
*/
static void make_backup(store *st, int dirfd, const char *name, mode_t mode)
{
	char tmp[NAME_MAX + 1], bak[NAME_MAX + 2];
	if ((size_t)snprintf(bak, sizeof bak, "%s~", name) >= sizeof bak) {
		no_backup(st, name, "the name is too long");
		return;
	}
	const char *why = not_ours(dirfd, bak);
	if (why) {
		no_backup(st, bak, why);
		return;
	}
	int linked = -1;
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(tmp, sizeof tmp, ".%.180s~.%ld-%u.tmp", name, (long)getpid(), i);
		linked = linkat(dirfd, name, dirfd, tmp, 0);
		if (linked == 0 || errno != EEXIST)
			break;
	}
	if (linked != 0 && copy_to_temp(dirfd, name, tmp, sizeof tmp, mode) != 0) {
		no_backup(st, bak, strerror(errno));
		return;
	}
	if (renameat(dirfd, tmp, dirfd, bak) != 0) {
		int e = errno;
		unlinkat(dirfd, tmp, 0);
		no_backup(st, bak, strerror(e));
	}
}

/*
** Writes data to a new temp file next to name and closes it; its name
** goes to tmp.  old is the file being replaced (its owner and mode are
** kept) or NULL for a new file, made with newmode.  On failure the temp
** file is gone and st's message says why.
*/
static int write_temp(store *st, int dirfd, const char *dirpath, const char *name,
                      const char *data, size_t len, const struct stat *old, mode_t newmode,
                      char *tmp, size_t cap)
{
	int fd = open_temp(dirfd, name, "", tmp, cap, old ? 0600 : newmode);
	if (fd < 0)
		return store__fail(st, STORE_EIO, "cannot create a temp file in %s: %s", dirpath,
		               strerror(errno));
	const char *step = "write";
	if (old) {
		/* Keep who owns it where we may (root saving a student's file). */
		if (old->st_uid != geteuid() || old->st_gid != getegid())
			if (fchown(fd, old->st_uid, old->st_gid) != 0) {
				/* not ours to give away: the file becomes ours, like any editor's save */
			}
		if (fchmod(fd, old->st_mode & 07777) != 0)
			goto fail;
	}
	if (write_all(fd, data, len) != 0)
		goto fail;
	step = "sync";
	if (fsync(fd) != 0)
		goto fail;
	step = "close";
	if (close(fd) == 0)
		return STORE_OK;
	fd = -1;
fail:
	{
		int e = errno;
		if (fd >= 0)
			close(fd);
		unlinkat(dirfd, tmp, 0);
		return store__fail(st, STORE_EIO, "cannot %s %s/%s: %s", step, dirpath, name, strerror(e));
	}
}

int store__write_at(store *st, int dirfd, const char *dirpath, const char *name,
                const char *data, size_t len, mode_t newmode, int backup)
{
	struct stat old;
	st->warn[0] = '\0';
	int exists = fstatat(dirfd, name, &old, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists && S_ISDIR(old.st_mode))
		return store__fail(st, STORE_EIO, "cannot write %s/%s: it is a directory", dirpath, name);
	int regular = exists && S_ISREG(old.st_mode);
	store__sweep_temps(dirfd);

	/*
	** The backup memory is keyed by the file's path; a file this session
	** created counts as backed up, so a later save never "backs up" our
	** own first version over an older "~" of the user's.
	*/
	strbuf key = STRBUF_INIT;
	if (backup) {
		sb_adds(&key, dirpath);
		sb_addc(&key, '/');
		sb_adds(&key, name);
		if (key.failed) {
			sb_free(&key);
			return store__fail(st, STORE_ENOMEM, "out of memory");
		}
		if (backed_up(st, key.s, 0))
			backup = 0;
		else if (regular)
			make_backup(st, dirfd, name, old.st_mode & 07777);
	}

	char tmp[NAME_MAX + 1];
	int rc = write_temp(st, dirfd, dirpath, name, data, len, regular ? &old : NULL, newmode,
	                    tmp, sizeof tmp);
	if (rc == STORE_OK && renameat(dirfd, tmp, dirfd, name) != 0) {
		int e = errno;
		unlinkat(dirfd, tmp, 0);
		rc = store__fail(st, STORE_EIO, "cannot rename %s/%s: %s", dirpath, name, strerror(e));
	}
	/* The rename is durable only once the directory is on disk too. */
	if (rc == STORE_OK && fsync(dirfd) != 0 && errno != EINVAL && errno != EROFS)
		rc = store__fail(st, STORE_EIO, "cannot sync the directory of %s/%s: %s", dirpath, name,
		             strerror(errno));
	if (rc == STORE_OK && backup && backed_up(st, key.s, 1) < 0) {
		/* saved; only the memory failed, so the next save backs up again */
	}
	sb_free(&key);
	return rc;
}

int store_save_file(store *st, const char *path, const char *data, size_t len, int flags)
{
	if (!st || !path || (!data && len))
		return STORE_EARG;
	if (st->restricted)
		return store__fail(st, STORE_EDENIED, "restricted mode: cannot write %s", path);
	char *real = store__realpath(path);
	if (!real) {
		store__fail_errno(st, "save", path);
		return STORE_EIO;
	}
	const char *b;
	size_t n = store__base_of(real, &b);
	strbuf dir = STRBUF_INIT;
	sb_addn(&dir, real, (size_t)(b - real));
	if (dir.len > 1)
		dir.s[--dir.len] = '\0';
	int rc = store__sb_status(st, &dir);
	if (rc == STORE_OK && n == 0)
		rc = store__fail(st, STORE_EARG, "cannot save %s: not a file name", path);
	if (rc == STORE_OK) {
		int dfd = open(dir.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			store__fail_errno(st, "open", dir.s);
			rc = STORE_EIO;
		} else {
			rc = store__write_at(st, dfd, dir.s, b, data, len, 0644, flags & STORE_BACKUP);
			close(dfd);
		}
	}
	sb_free(&dir);
	free(real);
	return rc;
}

/* Appends everything left in fd to out; path is for messages.  Does not close fd. */
int store__read_fd(store *st, int fd, const char *path, strbuf *out)
{
	struct stat s;
	if (fstat(fd, &s) != 0 || !S_ISREG(s.st_mode))
		return store__fail(st, STORE_EIO, "cannot read %s: not a regular file", path);
	char buf[65536];
	for (;;) {
		ssize_t k = read(fd, buf, sizeof buf);
		if (k == 0)
			break;
		if (k < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			store__fail_errno(st, "read", path);
			return STORE_EIO;
		}
		sb_addn(out, buf, (size_t)k);
	}
	return store__sb_status(st, out);
}

int store_read_file(store *st, const char *path, strbuf *out)
{
	if (!st || !path || !out)
		return STORE_EARG;
	/* O_NONBLOCK: a FIFO must not hang the app; store__read_fd refuses it. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return store__fail_errno(st, "open", path);
	int rc = store__read_fd(st, fd, path, out);
	close(fd);
	return rc;
}
