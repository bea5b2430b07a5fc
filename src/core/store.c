/*
** store.c — the store itself, names and paths, and the atomic write every
** save goes through.  Lessons, recovery and locks live in store_lesson.c,
** progress in store_progress.c.
*/
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"

int st_fail(store *st, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(st->err, sizeof st->err, fmt, ap);
	va_end(ap);
	return code;
}

int st_fail_errno(store *st, const char *what, const char *path)
{
	int e = errno;
	st_fail(st, 0, "cannot %s %s: %s", what, path, strerror(e));
	errno = e;
	return e == ENOENT ? STORE_ENOENT : STORE_EIO;
}

int st_sb_status(store *st, const strbuf *sb)
{
	if (sb->failed)
		return st_fail(st, STORE_ENOMEM, "out of memory");
	return STORE_OK;
}

/*
** The home directory: $HOME when allowed and absolute, else the password
** database.  Restricted mode never looks at the environment, so a student
** who can set variables (e.g. through ssh's SendEnv) cannot redirect writes.
*/
static const char *home_dir(int restricted)
{
	const char *h = restricted ? NULL : getenv("HOME");
	if (h && h[0] == '/')
		return h;
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return NULL;
}

/* Returns "<$var or home/fallback>/nnbook" (malloc'd, "" when no home), NULL on OOM. */
static char *base_dir(int restricted, const char *var, const char *fallback)
{
	strbuf sb = STRBUF_INIT;
	const char *x = restricted ? NULL : getenv(var);
	if (x && x[0] == '/') {
		sb_adds(&sb, x);
	} else {
		const char *home = home_dir(restricted);
		if (!home)
			return strdup("");
		sb_adds(&sb, home);
		sb_adds(&sb, fallback);
	}
	while (sb.len > 1 && sb.s[sb.len - 1] == '/')
		sb.s[--sb.len] = '\0';
	sb_adds(&sb, "/nnbook");
	return sb_take(&sb);
}

store *store_new(int restricted)
{
	store *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	st->restricted = restricted != 0;
	st->data = base_dir(st->restricted, "XDG_DATA_HOME", "/.local/share");
	st->state = base_dir(st->restricted, "XDG_STATE_HOME", "/.local/state");
	if (!st->data || !st->state) {
		store_free(st);
		return NULL;
	}
	return st;
}

void store_free(store *st)
{
	if (!st)
		return;
	while (st->locks)
		store_lock_release(st->locks);
	for (size_t i = 0; i < st->nbacked; i++)
		free(st->backed[i]);
	free(st->backed);
	free(st->data);
	free(st->state);
	free(st);
}

int store_restricted(const store *st)
{
	return st->restricted;
}

const char *store_data_dir(const store *st)
{
	return st->data;
}

const char *store_state_dir(const store *st)
{
	return st->state;
}

const char *store_error(const store *st)
{
	return st->err;
}

int store_name_ok(const char *name)
{
	if (!name || !name[0] || name[0] == '.' || strstr(name, ".."))
		return 0;
	size_t n = strlen(name);
	if (n > STORE_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c == '/' || c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Finds the base name of path: start in *b, length (without a trailing "/") returned. */
static size_t base_of(const char *path, const char **b)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t i = n;
	while (i > 0 && path[i - 1] != '/')
		i--;
	*b = path + i;
	return n - i;
}

int store_lesson_name(const char *path, strbuf *out)
{
	if (!path || !out)
		return STORE_EARG;
	const char *b;
	size_t n = base_of(path, &b);
	if (n > 4 && memcmp(b + n - 4, ".lua", 4) == 0)
		n -= 4;
	char tmp[STORE_NAME_MAX + 1];
	if (n == 0 || n > STORE_NAME_MAX)
		return STORE_EARG;
	memcpy(tmp, b, n);
	tmp[n] = '\0';
	if (!store_name_ok(tmp))
		return STORE_EARG;
	sb_addn(out, tmp, n);
	return out->failed ? STORE_ENOMEM : STORE_OK;
}

/*
** Recovery files must exist for any lesson, whatever its file is called:
** characters store_name_ok refuses become '_' (the hash keeps names apart).
*/
void st_safe_name(const char *path, strbuf *out)
{
	const char *b;
	size_t n = base_of(path, &b);
	if (n > 4 && memcmp(b + n - 4, ".lua", 4) == 0)
		n -= 4;
	if (n > STORE_NAME_MAX)
		n = STORE_NAME_MAX;
	/* do not cut a UTF-8 sequence */
	while (n > 0 && n < strlen(b) && ((unsigned char)b[n] & 0xC0) == 0x80)
		n--;
	if (n == 0 || (n == 1 && b[0] == '/')) {
		sb_adds(out, "lesson");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)b[i];
		int bad = c == '/' || c < 0x20 || c == 0x7f || (i == 0 && c == '.')
		          || (c == '.' && i > 0 && b[i - 1] == '.');
		sb_addc(out, bad ? '_' : (char)c);
	}
}

void st_hash_hex(const char *s, char out[17])
{
	uint64_t h = 0xcbf29ce484222325u;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	static const char hex[] = "0123456789abcdef";
	for (int i = 15; i >= 0; i--) {
		out[i] = hex[h & 15];
		h >>= 4;
	}
	out[16] = '\0';
}

char *st_realpath(const char *path)
{
	char *r = realpath(path, NULL);
	if (r || errno != ENOENT)
		return r;
	/* A file not written yet: resolve its directory and keep the name. */
	const char *b;
	size_t n = base_of(path, &b);
	if (n == 0)
		return NULL;
	strbuf dir = STRBUF_INIT;
	sb_addn(&dir, path, (size_t)(b - path));
	if (dir.len == 0)
		sb_addc(&dir, '.');
	int failed = dir.failed;
	char *d = failed ? NULL : realpath(dir.s, NULL);
	int e = failed ? ENOMEM : errno;
	sb_free(&dir);
	if (!d) {
		errno = e;
		return NULL;
	}
	strbuf sb = STRBUF_INIT;
	sb_adds(&sb, d);
	if (strcmp(d, "/") != 0)
		sb_addc(&sb, '/');
	sb_addn(&sb, b, n);
	free(d);
	if (sb.failed) {
		sb_free(&sb);
		errno = ENOMEM;
		return NULL;
	}
	return sb_take(&sb);
}

/* mkdir -p with mode 0700 for every directory it creates. */
static int mkdirs(const char *path)
{
	char buf[PATH_MAX];
	size_t n = strlen(path);
	if (n == 0 || n >= sizeof buf) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, path, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		char c = buf[i];
		buf[i] = '\0';
		if (mkdir(buf, 0700) != 0 && errno != EEXIST)
			return -1;
		buf[i] = c;
	}
	return 0;
}

int st_opendir(store *st, const char *base, const char *sub, int *fd, strbuf *disp)
{
	*fd = -1;
	if (!base[0])
		return st_fail(st, STORE_EIO, "no home directory for nnbook's files");
	if (disp) {
		sb_adds(disp, base);
		if (sub) {
			sb_addc(disp, '/');
			sb_adds(disp, sub);
		}
	}
	if (mkdirs(base) != 0) {
		st_fail_errno(st, "create", base);
		return STORE_EIO;
	}
	int bfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (bfd < 0)
		return st_fail_errno(st, "open", base);
	if (!sub) {
		*fd = bfd;
		return STORE_OK;
	}
	if (mkdirat(bfd, sub, 0700) != 0 && errno != EEXIST) {
		int e = errno;
		close(bfd);
		errno = e;
		st_fail_errno(st, "create", disp ? sb_str(disp) : sub);
		return STORE_EIO;
	}
	*fd = openat(bfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int e = errno;
	close(bfd);
	if (*fd < 0) {
		errno = e;
		st_fail_errno(st, "open", disp ? sb_str(disp) : sub);
		return STORE_EIO;
	}
	return STORE_OK;
}

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
** Creates a fresh temp file next to name: ".<name>.<pid>-<n>.tmp", n
** counting up past names already taken.  O_EXCL|O_NOFOLLOW means a
** symlink (or anything) planted at a predictable name is skipped, never
** followed or overwritten.
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
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Returns 1 when key was already backed up this session, else remembers it (0; -1 on OOM). */
static int backed_up(store *st, const char *key, int remember)
{
	for (size_t i = 0; i < st->nbacked; i++)
		if (strcmp(st->backed[i], key) == 0)
			return 1;
	if (!remember)
		return 0;
	if (st->nbacked == st->capbacked) {
		size_t cap = st->capbacked ? 2 * st->capbacked : 8;
		char **b = realloc(st->backed, cap * sizeof *b);
		if (!b)
			return -1;
		st->backed = b;
		st->capbacked = cap;
	}
	char *k = strdup(key);
	if (!k)
		return -1;
	st->backed[st->nbacked++] = k;
	return 0;
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
** Keeps the current content of name as "name~": a hard link to the old
** inode is enough, since the save then renames a new inode over name and
** never writes into the old one.  The link goes to a temp name first and
** is renamed over any older backup, so "name~" is never missing or partial.
*/
static int make_backup(store *st, int dirfd, const char *dirpath, const char *name, mode_t mode)
{
	char tmp[NAME_MAX + 1], bak[NAME_MAX + 2];
	int linked = -1;
	for (unsigned i = 0; i < 1000; i++) {
		snprintf(tmp, sizeof tmp, ".%.180s~.%ld-%u.tmp", name, (long)getpid(), i);
		linked = linkat(dirfd, name, dirfd, tmp, 0);
		if (linked == 0 || errno != EEXIST)
			break;
	}
	if (linked != 0 && copy_to_temp(dirfd, name, tmp, sizeof tmp, mode) != 0)
		return st_fail(st, STORE_EIO, "cannot back up %s/%s: %s", dirpath, name, strerror(errno));
	if ((size_t)snprintf(bak, sizeof bak, "%s~", name) >= sizeof bak) {
		unlinkat(dirfd, tmp, 0);
		return st_fail(st, STORE_EIO, "cannot back up %s/%s: name too long", dirpath, name);
	}
	if (renameat(dirfd, tmp, dirfd, bak) != 0) {
		int e = errno;
		unlinkat(dirfd, tmp, 0);
		return st_fail(st, STORE_EIO, "cannot back up %s/%s: %s", dirpath, name, strerror(e));
	}
	return STORE_OK;
}

int st_write_at(store *st, int dirfd, const char *dirpath, const char *name,
                const char *data, size_t len, mode_t newmode, int backup)
{
	struct stat old;
	int exists = fstatat(dirfd, name, &old, AT_SYMLINK_NOFOLLOW) == 0;
	if (exists && S_ISDIR(old.st_mode))
		return st_fail(st, STORE_EIO, "cannot write %s/%s: it is a directory", dirpath, name);
	int regular = exists && S_ISREG(old.st_mode);
	mode_t mode = regular ? (old.st_mode & 07777) : newmode;

	strbuf key = STRBUF_INIT;
	int rc = STORE_OK;
	if (backup && regular) {
		sb_adds(&key, dirpath);
		sb_addc(&key, '/');
		sb_adds(&key, name);
		if (key.failed) {
			sb_free(&key);
			return st_fail(st, STORE_ENOMEM, "out of memory");
		}
		if (!backed_up(st, key.s, 0))
			rc = make_backup(st, dirfd, dirpath, name, mode);
		else
			backup = 0;
		if (rc != STORE_OK) {
			sb_free(&key);
			return rc;
		}
	}

	char tmp[NAME_MAX + 1];
	int fd = open_temp(dirfd, name, "", tmp, sizeof tmp, regular ? 0600 : newmode);
	if (fd < 0) {
		sb_free(&key);
		return st_fail(st, STORE_EIO, "cannot create a temp file in %s: %s", dirpath,
		               strerror(errno));
	}
	const char *step = "write";
	if (regular) {
		/* Keep who owns it where we may (root saving a student's file). */
		if (old.st_uid != geteuid() || old.st_gid != getegid())
			if (fchown(fd, old.st_uid, old.st_gid) != 0) {
				/* not ours to give away: the file becomes ours, like any editor's save */
			}
		if (fchmod(fd, mode) != 0)
			goto fail;
	}
	if (write_all(fd, data, len) != 0)
		goto fail;
	step = "sync";
	if (fsync(fd) != 0)
		goto fail;
	step = "close";
	{
		int c = close(fd);
		fd = -1;
		if (c != 0)
			goto fail;
	}
	step = "rename";
	if (renameat(dirfd, tmp, dirfd, name) != 0)
		goto fail;
	/* The rename is durable only once the directory is on disk too. */
	step = "sync the directory of";
	if (fsync(dirfd) != 0 && errno != EINVAL && errno != EROFS) {
		int e = errno;
		sb_free(&key);
		return st_fail(st, STORE_EIO, "cannot %s %s/%s: %s", step, dirpath, name, strerror(e));
	}
	if (backup && regular && backed_up(st, key.s, 1) < 0) {
		/* saved; only the memory failed, so the next save backs up again */
	}
	sb_free(&key);
	return STORE_OK;
fail:
	{
		int e = errno;
		if (fd >= 0)
			close(fd);
		unlinkat(dirfd, tmp, 0);
		sb_free(&key);
		return st_fail(st, STORE_EIO, "cannot %s %s/%s: %s", step, dirpath, name, strerror(e));
	}
}

int store_save_file(store *st, const char *path, const char *data, size_t len, int flags)
{
	if (!st || !path || (!data && len))
		return STORE_EARG;
	if (st->restricted)
		return st_fail(st, STORE_EDENIED, "restricted mode: cannot write %s", path);
	char *real = st_realpath(path);
	if (!real) {
		st_fail_errno(st, "save", path);
		return STORE_EIO;
	}
	const char *b;
	size_t n = base_of(real, &b);
	strbuf dir = STRBUF_INIT;
	sb_addn(&dir, real, (size_t)(b - real));
	if (dir.len > 1)
		dir.s[--dir.len] = '\0';
	int rc = st_sb_status(st, &dir);
	if (rc == STORE_OK && n == 0)
		rc = st_fail(st, STORE_EARG, "cannot save %s: not a file name", path);
	if (rc == STORE_OK) {
		int dfd = open(dir.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd < 0) {
			st_fail_errno(st, "open", dir.s);
			rc = STORE_EIO;
		} else {
			rc = st_write_at(st, dfd, dir.s, b, data, len, 0644, flags & STORE_BACKUP);
			close(dfd);
		}
	}
	sb_free(&dir);
	free(real);
	return rc;
}

int store_read_file(store *st, const char *path, strbuf *out)
{
	if (!st || !path || !out)
		return STORE_EARG;
	/* O_NONBLOCK: a FIFO must not hang the app; it is refused below. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return st_fail_errno(st, "open", path);
	struct stat s;
	if (fstat(fd, &s) != 0 || !S_ISREG(s.st_mode)) {
		close(fd);
		return st_fail(st, STORE_EIO, "cannot read %s: not a regular file", path);
	}
	char buf[65536];
	for (;;) {
		ssize_t k = read(fd, buf, sizeof buf);
		if (k == 0)
			break;
		if (k < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			int rc = st_fail_errno(st, "read", path);
			close(fd);
			return rc == STORE_ENOENT ? STORE_EIO : rc;
		}
		sb_addn(out, buf, (size_t)k);
	}
	close(fd);
	return st_sb_status(st, out);
}
