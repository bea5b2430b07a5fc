/*
** status.c — the class's status files: one per member, and the teacher's.
**
** A status file is text, one "key value" per line, then "code" alone on a
** line and the cell's code to the end:
**
**   nnbook-status 1
**   name ada
**   role student
**   pid 4242
**   when 1765080000
**   lesson 03-sigmoid-neuron
**   title The sigmoid neuron
**   cell 12 40
**   state running
**   error attempt to call a nil value (global 'sigmoid')
**   passed Exercise 1
**   shown Exercise 2          passed with the solution shown
**   code
**   hidden = nn.dot(X, W1)
**
** Files are replaced atomically, but a reader still takes any text: an
** unknown key is skipped, a cut line ends the parse, values are cut to
** their fields, so a broken file can cost its own row, never the reader.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "class.h"
#include "vec.h"

#define MAGIC "nnbook-status 1"
#define CODE_MAX 4096        /* a cell's code beyond this is cut */
#define FILE_MAX (64 * 1024) /* a status file beyond this is not read */

void class_status_free(class_status *s)
{
	sb_free(&s->passed);
	sb_free(&s->code);
}

/* Appends "key value\n", the value's control bytes made spaces. */
static void put(strbuf *out, const char *key, const char *v)
{
	sb_adds(out, key);
	sb_addc(out, ' ');
	for (; *v; v++)
		sb_addc(out, (unsigned char)*v < 0x20 ? ' ' : *v);
	sb_addc(out, '\n');
}

static void put_code(strbuf *out, const strbuf *code)
{
	sb_adds(out, "code\n");
	sb_addn(out, sb_str(code), code->len > CODE_MAX ? CODE_MAX : code->len);
}

void class_status_format(const class_status *s, strbuf *out)
{
	sb_adds(out, MAGIC "\n");
	put(out, "name", s->name);
	put(out, "role", s->role == CLASS_TEACHER ? "teacher" : "student");
	sb_addf(out, "pid %ld\nwhen %lld\n", s->pid, (long long)s->when);
	put(out, "lesson", s->lesson);
	put(out, "title", s->title);
	sb_addf(out, "cell %u %u\n", s->cell, s->ncells);
	put(out, "state", s->state);
	put(out, "error", s->error);
	for (const char *l = sb_str(&s->passed); *l; ) {
		size_t n = strcspn(l, "\n");
		int shown = l[0] == '*';
		sb_adds(out, shown ? "shown " : "passed ");
		sb_addn(out, l + shown, n - (size_t)shown);
		sb_addc(out, '\n');
		l += n + (l[n] == '\n');
	}
	put_code(out, &s->code);
}

/* Copies a value into a fixed field, cut at a UTF-8 boundary. */
static void field(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	while (n > 0 && n < strlen(v) && ((unsigned char)v[n] & 0xC0) == 0x80)
		n--;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

#define FIELD(dst, v, n) field((dst), sizeof (dst), (v), (n))

/* One "key value" line of a status file into s.  Returns 1 at "code". */
static int status_line(class_status *s, const char *k, size_t kn, const char *v, size_t vn)
{
#define IS(w) (kn == sizeof(w) - 1 && memcmp(k, w, kn) == 0)
	char num[32];
	FIELD(num, v, vn);
	if (IS("code"))
		return 1;
	if (IS("name"))
		FIELD(s->name, v, vn);
	else if (IS("role"))
		s->role = vn == 7 && memcmp(v, "teacher", 7) == 0 ? CLASS_TEACHER : CLASS_STUDENT;
	else if (IS("pid"))
		s->pid = strtol(num, NULL, 10);
	else if (IS("when"))
		s->when = (time_t)strtoll(num, NULL, 10);
	else if (IS("lesson"))
		FIELD(s->lesson, v, vn);
	else if (IS("title"))
		FIELD(s->title, v, vn);
	else if (IS("cell")) {
		char *e;
		s->cell = (unsigned)strtoul(num, &e, 10);
		s->ncells = (unsigned)strtoul(e, NULL, 10);
	} else if (IS("state"))
		FIELD(s->state, v, vn);
	else if (IS("error"))
		FIELD(s->error, v, vn);
	else if (IS("passed") || IS("shown")) {
		if (IS("shown"))
			sb_addc(&s->passed, '*');
		sb_addn(&s->passed, v, vn);
		sb_addc(&s->passed, '\n');
	}
	return 0;
#undef IS
}

/*
** Walks "key value" lines after the magic line, calling line() for each;
** the text after the line for which line() returns 1 goes to rest.
** Returns 0 when the magic line was there.
*/
static int walk(const char *text, size_t len, void *obj, strbuf *rest,
                int (*line)(void *, const char *, size_t, const char *, size_t))
{
	size_t m = sizeof MAGIC - 1;
	if (len < m + 1 || memcmp(text, MAGIC "\n", m + 1) != 0)
		return -1;
	const char *p = text + m + 1, *end = text + len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			break;              /* a cut line: keep what came before */
		const char *sp = memchr(p, ' ', (size_t)(e - p));
		const char *v = sp ? sp + 1 : e;
		if (line(obj, p, (size_t)((sp ? sp : e) - p), v, (size_t)(e - v))) {
			size_t n = (size_t)(end - (e + 1));
			sb_addn(rest, e + 1, n > CODE_MAX ? CODE_MAX : n);
			break;
		}
		p = e + 1;
	}
	return 0;
}

static int status_cb(void *o, const char *k, size_t kn, const char *v, size_t vn)
{
	return status_line(o, k, kn, v, vn);
}

int class_status_parse(const char *text, size_t len, class_status *s)
{
	class_status_free(s);
	memset(s, 0, sizeof *s);
	if (walk(text, len, s, &s->code, status_cb) != 0)
		return -1;
	return s->name[0] && store_member_ok(s->name) ? 0 : -1;
}

int class_status_save(store *st, const class_status *s)
{
	strbuf out = STRBUF_INIT;
	class_status_format(s, &out);
	int rc = out.failed ? STORE_ENOMEM : store_save_class(st, "status", s->name, out.s, out.len);
	sb_free(&out);
	return rc;
}

int class_status_alive(const class_status *s)
{
	if (s->pid <= 0)
		return 0;
	return kill((pid_t)s->pid, 0) == 0 || errno == EPERM;
}

/* Reads at most FILE_MAX bytes of dir/name into out.  Returns 0 or -1. */
static int read_small(int dfd, const char *name, strbuf *out)
{
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	char buf[4096];
	ssize_t r;
	while (out->len < FILE_MAX && (r = read(fd, buf, sizeof buf)) > 0)
		sb_addn(out, buf, (size_t)r);
	close(fd);
	return out->failed ? -1 : 0;
}

int class_status_scan(const char *dir, class_status **out, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	size_t cap = 0;
	int rc = 0;
	strbuf text = STRBUF_INIT;
	for (struct dirent *e; rc == 0 && (e = readdir(d)); ) {
		if (!store_member_ok(e->d_name))
			continue;   /* ".", "..", temp files of a save in progress */
		sb_clear(&text);
		class_status s = {0};
		if (read_small(dirfd(d), e->d_name, &text) != 0
		    || class_status_parse(text.s ? text.s : "", text.len, &s) != 0
		    || strcmp(s.name, e->d_name) != 0) {
			class_status_free(&s);
			continue;
		}
		if (vec_grow(out, &cap, *n + 1, sizeof **out, VEC_PLAIN) != 0) {
			class_status_free(&s);
			rc = -1;
			break;
		}
		(*out)[(*n)++] = s;
	}
	sb_free(&text);
	closedir(d);
	return rc;
}

/* ---- the teacher's position ---- */

int class_follow_alive(const class_follow *f)
{
	if (f->pid <= 0)
		return 1;
	return kill((pid_t)f->pid, 0) == 0 || errno == EPERM;
}

void class_follow_free(class_follow *f)
{
	sb_free(&f->suggest);
}

void class_follow_format(const class_follow *f, strbuf *out)
{
	sb_adds(out, MAGIC "\n");
	put(out, "name", f->name);
	sb_addf(out, "pid %ld\nwhen %lld\n", f->pid, (long long)f->when);
	put(out, "lesson", f->lesson);
	put(out, "title", f->title);
	sb_addf(out, "cell %u\n", f->cell);
	put_code(out, &f->suggest);
}

int class_follow_parse(const char *text, size_t len, class_follow *f)
{
	class_follow_free(f);
	memset(f, 0, sizeof *f);
	class_status s = {0};
	int rc = walk(text, len, &s, &f->suggest, status_cb);   /* the same lines as a status */
	memcpy(f->name, s.name, sizeof f->name);
	memcpy(f->lesson, s.lesson, sizeof f->lesson);
	memcpy(f->title, s.title, sizeof f->title);
	f->when = s.when, f->pid = s.pid, f->cell = s.cell;
	class_status_free(&s);
	return rc;
}

int class_follow_save(store *st, const class_follow *f)
{
	strbuf out = STRBUF_INIT;
	class_follow_format(f, &out);
	int rc = out.failed ? STORE_ENOMEM : store_save_class(st, "follow", "teacher", out.s, out.len);
	sb_free(&out);
	return rc;
}

int class_follow_load(const char *class_dir, class_follow *f)
{
	strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	sb_addf(&path, "%s/follow", class_dir);
	int rc = -1;
	int dfd = path.failed ? -1 : open(path.s, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0 && read_small(dfd, "teacher", &text) == 0)
		rc = class_follow_parse(text.s ? text.s : "", text.len, f);
	else
		class_follow_parse("", 0, f);
	if (dfd >= 0)
		close(dfd);
	sb_free(&path);
	sb_free(&text);
	return rc;
}

int class_status_same(const class_status *x, const class_status *y)
{
	return x->cell == y->cell && x->ncells == y->ncells && x->role == y->role
	       && strcmp(x->lesson, y->lesson) == 0 && strcmp(x->title, y->title) == 0
	       && strcmp(x->state, y->state) == 0 && strcmp(x->error, y->error) == 0
	       && strcmp(sb_str(&x->passed), sb_str(&y->passed)) == 0
	       && strcmp(sb_str(&x->code), sb_str(&y->code)) == 0;
}

int class_same_lesson(const char *name, const char *path)
{
	strbuf n = STRBUF_INIT;
	int same = store_lesson_name(path, &n) == STORE_OK && strcmp(n.s, name) == 0;
	sb_free(&n);
	return same;
}

void class_follow_where(const class_follow *f, char *buf, size_t size)
{
	char *end;
	long k = strtol(f->lesson, &end, 10);
	if (end != f->lesson && k > 0 && (*end == '-' || *end == '_' || !*end))
		snprintf(buf, size, "lesson %ld", k);
	else
		snprintf(buf, size, "%.40s", f->title[0] ? f->title : f->lesson);
}
