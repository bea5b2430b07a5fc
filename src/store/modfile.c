/*
** modfile.c — a lesson's own modules (modfile.h).
*/
#include "modfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int modfile_name_ok(const char *s)
{
	if (!*s || *s == '.' || strlen(s) >= 128)
		return 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (p[1] == '.' || p[1] == '\0')
				return 0;
		} else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		             (*p >= '0' && *p <= '9') || *p == '_')) {
			return 0;
		}
	}
	return 1;
}

/* Opens the file of the dotted name below the folder fd, one step at a time. */
static int open_below(int dirfd, const char *name)
{
	char part[136];
	int fd = dirfd;
	const char *p = name;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		memcpy(part, p, n);
		part[n] = '\0';
		int next;
		if (dot) {
			next = openat(fd, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		} else {
			memcpy(part + n, ".lua", 5);
			next = openat(fd, part, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		}
		if (next < 0) {
			/* say "a link" for a link, whatever open called it (ELOOP, ENOTDIR) */
			struct stat st;
			int e = errno;
			errno = fstatat(fd, part, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode) ? ELOOP : e;
		}
		if (fd != dirfd) {
			int e = errno;
			close(fd);
			errno = e;
		}
		if (next < 0 || !dot)
			return next;
		fd = next;
		p = dot + 1;
	}
}

static int read_all(int fd, size_t size, strbuf *src)
{
	size_t start = src->len;
	char buf[8192];
	while (src->len - start <= size) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		sb_addn(src, buf, (size_t)n);
	}
	return src->failed || src->len - start > MODFILE_MAX ? -1 : 0;
}

/* Says in words why a module file was refused. */
static const char *why_not(int fd, int err, const struct stat *st)
{
	if (fd < 0)
		return err == ELOOP ? "it is a symbolic link, or behind one (modules are read without "
		                      "following links)"
		     : err == ENOENT || err == ENOTDIR ? NULL : strerror(err);
	if (!S_ISREG(st->st_mode))
		return "it is not a regular file";
	if ((size_t)st->st_size > MODFILE_MAX)
		return "it is larger than 4 MiB";
	return "it could not be read";
}

int modfile_read(const char *dir, const char *name, strbuf *src, strbuf *path)
{
	if (!modfile_name_ok(name)) {
		sb_addf(path, "'%s' is not a module name (letters, digits, _ and .)", name);
		return -1;
	}
	if (!dir) {
		sb_addf(path, "module '%s' not found (only Lua files next to the lesson can be required)", name);
		return -1;
	}
	strbuf want = STRBUF_INIT;
	sb_addf(&want, "%s/", dir);
	for (const char *p = name; *p; p++)
		sb_addc(&want, *p == '.' ? '/' : *p);
	sb_adds(&want, ".lua");
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int fd = dfd < 0 ? -1 : open_below(dfd, name), err = errno;
	struct stat st;
	int rc = -1;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= MODFILE_MAX)
		rc = read_all(fd, (size_t)st.st_size, src);
	if (rc == 0) {
		sb_addn(path, want.s, want.len);
	} else {
		const char *why = why_not(fd, err, &st);
		if (why)
			sb_addf(path, "module '%s' cannot be used: %s is refused, as %s", name, sb_str(&want), why);
		else
			sb_addf(path, "module '%s' not found (looked for %s)", name, sb_str(&want));
	}
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	sb_free(&want);
	return rc;
}
