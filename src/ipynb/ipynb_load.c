/*
** ipynb_load.c — a notebook file opened as a lesson, and where it is
** saved: beside it, as a .lua lesson.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ipynb_int.h"

/* A notebook with its outputs is larger than its lesson: this much is read. */
#define IPYNB_MAX_BYTES (LESSON_MAX_BYTES * 8)

int ipynb_is_notebook(const char *path)
{
	size_t n = path ? strlen(path) : 0;
	return n > 6 && strcmp(path + n - 6, ".ipynb") == 0;
}

void ipynb_lesson_path(const char *path, strbuf *out)
{
	size_t n = strlen(path);
	sb_addn(out, path, ipynb_is_notebook(path) ? n - 6 : n);
	sb_adds(out, ".lua");
}

/* Reads the whole regular file at path into sb; returns 0 or an errno value (EFBIG too large). */
static int read_all(const char *path, int flags, strbuf *sb)
{
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK |
	                    (flags & LESSON_NOFOLLOW ? O_NOFOLLOW : 0));
	if (fd < 0)
		return errno;
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) != 0)
		rc = errno;
	else if (S_ISDIR(st.st_mode))
		rc = EISDIR;
	else if (!S_ISREG(st.st_mode))
		rc = EINVAL;
	else if ((size_t)st.st_size > IPYNB_MAX_BYTES)
		rc = EFBIG;
	char buf[65536];
	ssize_t got;
	while (!rc && (got = read(fd, buf, sizeof buf)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			rc = errno;
		else
			sb_addn(sb, buf, (size_t)got);
		if (!rc && (sb->failed || sb->len > IPYNB_MAX_BYTES))
			rc = sb->failed ? ENOMEM : EFBIG;
	}
	close(fd);
	return rc;
}

int ipynb_load(const char *path, int flags, lesson **out, char *err, size_t errsize)
{
	*out = NULL;
	strbuf json = STRBUF_INIT, text = STRBUF_INIT;
	int rc = read_all(path, flags, &json), st;
	if (rc) {
		if (err && errsize)
			snprintf(err, errsize, "%s: %s", path,
			         rc == ENOENT || rc == ENOTDIR ? "no such file" :
			         rc == EISDIR ? "is a directory, not a notebook" :
			         rc == EFBIG ? "too large for a notebook nnbook opens" :
			         rc == ELOOP ? "a symbolic link (not opened in restricted mode)" :
			         rc == EINVAL ? "not a regular file" : strerror(rc));
		sb_free(&json);
		return rc == ENOMEM ? IPYNB_ENOMEM : IPYNB_EREAD;
	}
	st = ipynb_to_lesson(sb_str(&json), json.len, path, &text, err, errsize);
	sb_free(&json);
	if (st == IPYNB_OK && lesson_parse(sb_str(&text), text.len, path, out, err, errsize) !=
	                      LESSON_OK)
		st = IPYNB_ELESSON;
	sb_free(&text);
	return st;
}
