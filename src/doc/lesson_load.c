/*
** lesson_load.c — reading a lesson file from disk: the checks a path needs
** (missing, a directory, not a regular file, too large) before the bytes
** go to lesson_parse.
*/
#include "lesson_int.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mem.h"

/*
** Reads a regular file of at most LESSON_MAX_BYTES into a charged buffer.
** O_NONBLOCK keeps open() from waiting on a FIFO, which fstat then refuses
** (it changes nothing for a regular file).
*/
static int read_file(const char *path, int flags, char **buf, size_t *len, char *err,
                     size_t errsize)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK |
	                    (flags & LESSON_NOFOLLOW ? O_NOFOLLOW : 0));
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return lesson__fail(err, errsize, LESSON_ENOENT, "%s: no such file", path);
		if (errno == ELOOP)
			return lesson__fail(err, errsize, LESSON_EREAD, "%s: a symbolic link (not opened "
			                    "in restricted mode)", path);
		return lesson__fail(err, errsize, LESSON_EREAD, "%s: cannot open: %s", path,
		                    strerror(errno));
	}
	struct stat sb;
	int st = LESSON_OK;
	if (fstat(fd, &sb) != 0)
		st = lesson__fail(err, errsize, LESSON_EREAD, "%s: cannot read: %s", path, strerror(errno));
	else if (S_ISDIR(sb.st_mode))
		st = lesson__fail(err, errsize, LESSON_EISDIR, "%s: is a directory, not a lesson", path);
	else if (!S_ISREG(sb.st_mode))
		st = lesson__fail(err, errsize, LESSON_EREAD, "%s: not a regular file", path);
	else if ((unsigned long long)sb.st_size > LESSON_MAX_BYTES)
		st = lesson__fail(err, errsize, LESSON_ETOOBIG,
		                  "%s: too large (%lld bytes; a lesson may have at most 4 MiB)",
		                  path, (long long)sb.st_size);
	if (st != LESSON_OK) {
		close(fd);
		return st;
	}
	/* One byte more than the size shows a file that grew past the limit. */
	size_t cap = (size_t)sb.st_size + 1, n = 0;
	char *b = mem_alloc(cap);
	if (!b) {
		close(fd);
		return lesson__fail(err, errsize, LESSON_ENOMEM, "%s: not enough memory", path);
	}
	while (n < cap) {
		ssize_t r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			st = lesson__fail(err, errsize, LESSON_EREAD, "%s: cannot read: %s", path, strerror(errno));
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (st == LESSON_OK && n > LESSON_MAX_BYTES)
		st = lesson__fail(err, errsize, LESSON_ETOOBIG,
		                  "%s: too large (a lesson may have at most 4 MiB)", path);
	if (st != LESSON_OK) {
		mem_free(b);
		return st;
	}
	*buf = b;
	*len = n;
	return LESSON_OK;
}

int lesson_load(const char *path, lesson **out, char *err, size_t errsize)
{
	return lesson_load_flags(path, 0, out, err, errsize);
}

int lesson_load_flags(const char *path, int flags, lesson **out, char *err, size_t errsize)
{
	char *buf = NULL;
	size_t len = 0;
	*out = NULL;
	int st = read_file(path, flags, &buf, &len, err, errsize);
	if (st != LESSON_OK)
		return st;
	st = lesson_parse(buf, len, path, out, err, errsize);
	mem_free(buf);
	return st;
}
