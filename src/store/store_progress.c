/*
** store_progress.c — a student's place in a lesson, kept between sessions.
**
** The file is a few text lines a person can read and fix:
**
**   nnbook progress 1
**   cell 12
**   passed and-gate
**   shown Solution 1
**   passed-with-solution and-gate
**
** Loading forgives everything short of a wrong first line: a line cut off
** by a crash (no final newline) or one that makes no sense is skipped, so a
** damaged file costs at most what it damaged, and never a crash.
*/
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store_int.h"
#include "vec.h"

#define HEADER "nnbook progress 1"
#define EXERCISE_MAX 255
/* A real progress file is tiny; anything bigger is not one. */
#define FILE_MAX (1u << 20)

void store_progress_clear(store_progress *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->npassed; i++)
		free(p->passed[i]);
	free(p->passed);
	p->passed = NULL;
	p->npassed = p->cap = 0;
	for (size_t i = 0; i < p->nmarks; i++)
		free(p->marks[i]);
	free(p->marks);
	p->marks = NULL;
	p->nmarks = p->mcap = 0;
	p->cell = 0;
}

static int exercise_ok(const char *s, size_t n)
{
	if (n == 0 || n > EXERCISE_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

int store_progress_passed(const store_progress *p, const char *exercise)
{
	if (!p || !exercise)
		return 0;
	for (size_t i = 0; i < p->npassed; i++)
		if (strcmp(p->passed[i], exercise) == 0)
			return 1;
	return 0;
}

/* Adds s[0..n) to the list v unless present (n checked by the caller). */
static int add_name(char ***v, size_t *nv, size_t *cap, const char *s, size_t n)
{
	for (size_t i = 0; i < *nv; i++)
		if (strlen((*v)[i]) == n && memcmp((*v)[i], s, n) == 0)
			return STORE_OK;
	if (vec_grow(v, cap, *nv + 1, sizeof **v, VEC_PLAIN) != 0)
		return STORE_ENOMEM;
	char *c = malloc(n + 1);
	if (!c)
		return STORE_ENOMEM;
	memcpy(c, s, n);
	c[n] = '\0';
	(*v)[(*nv)++] = c;
	return STORE_OK;
}

/* Adds s[0..n) unless present; the common path of pass() and load(). */
static int add_passed(store_progress *p, const char *s, size_t n)
{
	if (!exercise_ok(s, n))
		return STORE_EARG;
	return add_name(&p->passed, &p->npassed, &p->cap, s, n);
}

/* The words a mark may start with. */
static const char *const mark_words[] = {STORE_SHOWN, STORE_WITH_SOLUTION, STORE_ATTEMPTED};

/* Adds the mark line s[0..n) ("WORD NAME") unless present; EARG for another line. */
static int add_mark(store_progress *p, const char *s, size_t n)
{
	for (size_t w = 0; w < sizeof mark_words / sizeof *mark_words; w++) {
		size_t l = strlen(mark_words[w]);
		if (n > l + 1 && memcmp(s, mark_words[w], l) == 0 && s[l] == ' ' &&
		    exercise_ok(s + l + 1, n - l - 1))
			return add_name(&p->marks, &p->nmarks, &p->mcap, s, n);
	}
	return STORE_EARG;
}

int store_progress_mark(store_progress *p, const char *word, const char *name)
{
	if (!p || !word || !name)
		return STORE_EARG;
	strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s %s", word, name);
	int rc = sb.failed ? STORE_ENOMEM : add_mark(p, sb.s, sb.len);
	sb_free(&sb);
	return rc;
}

int store_progress_marked(const store_progress *p, const char *word, const char *name)
{
	if (!p || !word || !name)
		return 0;
	size_t wl = strlen(word), nl = strlen(name);
	for (size_t i = 0; i < p->nmarks; i++)
		if (strlen(p->marks[i]) == wl + 1 + nl && memcmp(p->marks[i], word, wl) == 0 &&
		    p->marks[i][wl] == ' ' && memcmp(p->marks[i] + wl + 1, name, nl) == 0)
			return 1;
	return 0;
}

int store_progress_pass(store_progress *p, const char *exercise)
{
	if (!p || !exercise)
		return STORE_EARG;
	return add_passed(p, exercise, strlen(exercise));
}

/* Parses "cell N": N decimal digits only, no overflow. */
static int parse_cell(const char *s, size_t n, size_t *out)
{
	if (n == 0 || n > 18)
		return 0;
	size_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	*out = v;
	return 1;
}

/* One progress file: its folder open as fd, the folder's path, the name, the text. */
typedef struct pfile {
	int fd;
	strbuf dir, file, text;
} pfile;

/* Opens <state>/progress for the lesson `name`, checking the name first. */
static int pfile_open(store *st, const char *name, pfile *f)
{
	*f = (pfile){ .fd = -1, .dir = STRBUF_INIT, .file = STRBUF_INIT, .text = STRBUF_INIT };
	if (!store_name_ok(name))
		return store__fail(st, STORE_EARG, "not an allowed lesson name: \"%s\"", name);
	sb_adds(&f->file, name);
	sb_adds(&f->file, ".txt");
	int rc = store__sb_status(st, &f->file);
	if (rc == STORE_OK)
		rc = store__opendir(st, st->state, "progress", &f->fd, &f->dir);
	return rc;
}

static void pfile_close(pfile *f)
{
	if (f->fd >= 0)
		close(f->fd);
	sb_free(&f->dir);
	sb_free(&f->file);
	sb_free(&f->text);
}

/* Reads the file into f->text (not following a link), at most FILE_MAX bytes. */
static int pfile_read(store *st, const char *name, pfile *f)
{
	int in = openat(f->fd, f->file.s, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (in < 0) {
		sb_addc(&f->dir, '/');
		sb_adds(&f->dir, f->file.s);
		return store__fail_errno(st, "open", sb_str(&f->dir));
	}
	char buf[4096];
	ssize_t k;
	while ((k = read(in, buf, sizeof buf)) > 0 && f->text.len <= FILE_MAX)
		sb_addn(&f->text, buf, (size_t)k);
	close(in);
	int rc = store__sb_status(st, &f->text);
	if (rc == STORE_OK && (k < 0 || f->text.len > FILE_MAX))
		rc = store__fail(st, STORE_ECORRUPT, "progress of %s unreadable; ignored", name);
	size_t hl = strlen(HEADER);
	if (rc == STORE_OK && (f->text.len < hl + 1 || memcmp(f->text.s, HEADER "\n", hl + 1) != 0))
		rc = store__fail(st, STORE_ECORRUPT, "progress of %s is not a progress file; ignored",
		                 name);
	return rc;
}

/* Reads the lines after the header; a last line without its newline is dropped. */
static int parse_lines(store *st, const strbuf *text, store_progress *p)
{
	const char *s = text->s + strlen(HEADER) + 1, *end = text->s + text->len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		if (!nl)
			break;  /* cut off by a crash: not trusted */
		size_t n = (size_t)(nl - s);
		if (n > 5 && memcmp(s, "cell ", 5) == 0)
			parse_cell(s + 5, n - 5, &p->cell);
		else if (n > 7 && memcmp(s, "passed ", 7) == 0
		         && add_passed(p, s + 7, n - 7) == STORE_ENOMEM)
			return store__fail(st, STORE_ENOMEM, "out of memory");
		else if (add_mark(p, s, n) == STORE_ENOMEM)
			return store__fail(st, STORE_ENOMEM, "out of memory");
		s = nl + 1;
	}
	return STORE_OK;
}

int store_progress_load(store *st, const char *name, store_progress *p)
{
	if (!st || !name || !p)
		return STORE_EARG;
	store_progress_clear(p);
	pfile f;
	int rc = pfile_open(st, name, &f);
	if (rc == STORE_OK)
		rc = pfile_read(st, name, &f);
	if (rc == STORE_OK && (rc = parse_lines(st, &f.text, p)) != STORE_OK)
		store_progress_clear(p);
	pfile_close(&f);
	return rc;
}

int store_progress_save(store *st, const char *name, const store_progress *p)
{
	if (!st || !name || !p)
		return STORE_EARG;
	pfile f;
	int rc = pfile_open(st, name, &f);
	if (rc == STORE_OK) {
		sb_addf(&f.text, HEADER "\ncell %zu\n", p->cell);
		for (size_t i = 0; i < p->npassed; i++)
			if (exercise_ok(p->passed[i], strlen(p->passed[i])))
				sb_addf(&f.text, "passed %s\n", p->passed[i]);
		for (size_t i = 0; i < p->nmarks; i++)
			sb_addf(&f.text, "%s\n", p->marks[i]);
		rc = store__sb_status(st, &f.text);
	}
	if (rc == STORE_OK)
		rc = store__write_at(st, f.fd, f.dir.s, f.file.s, f.text.s, f.text.len, 0600, 0);
	pfile_close(&f);
	return rc;
}
