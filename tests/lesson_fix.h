/*
** lesson_fix.h — helpers shared by test_lesson.c and test_lesson_edit.c:
** reading fixtures, writing a lesson to a string, comparing a lesson with
** the one its own bytes parse to.
*/
#ifndef NNBOOK_TEST_LESSON_FIX_H
#define NNBOOK_TEST_LESSON_FIX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "strbuf.h"

/* The fixture directory, found from this file's path (tests run from the top). */
static const char *fix_dir(void)
{
	static char dir[512];
	if (!dir[0]) {
		const char *f = __FILE__; /* tests/lesson_fix.h */
		const char *slash = strrchr(f, '/');
		size_t n = slash ? (size_t)(slash - f) : 0;
		snprintf(dir, sizeof dir, "%.*s%sfixtures/lessons", (int)n, f, n ? "/" : "");
	}
	return dir;
}

/* Reads a whole file (malloc'd, NUL-terminated) into *len; NULL on failure. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sb_addn(&sb, chunk, n);
	fclose(f);
	*len = sb.len;
	if (!sb.s)
		sb_addn(&sb, "", 0);
	return sb_take(&sb);
}

/* Reads fixture `name` from the fixture directory. */
static char *fixture(const char *name, size_t *len) __attribute__((unused));
static char *fixture(const char *name, size_t *len)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", fix_dir(), name);
	return slurp(path, len);
}

/* Prints s[0..n) as a TAP comment with line ends and odd bytes escaped. */
static void dump(const char *label, const char *s, size_t n) __attribute__((unused));
static void dump(const char *label, const char *s, size_t n)
{
	printf("#   %s: \"", label);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n')
			printf("\\n");
		else if (ch == '\r')
			printf("\\r");
		else if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 32 || ch > 126)
			printf("\\%03o", ch);
		else
			putchar(ch);
	}
	printf("\"\n");
}

/* Returns L written out (malloc'd) and its length in *len. */
static char *written(const lesson *L, size_t *len)
{
	strbuf sb = STRBUF_INIT;
	if (lesson_write(L, &sb) != LESSON_OK) {
		sb_free(&sb);
		return NULL;
	}
	if (len)
		*len = sb.len;
	if (!sb.s)
		sb_addn(&sb, "", 0);
	return sb_take(&sb);
}

/* Whether two cells agree on everything a caller can see. */
static int cell_eq(const lesson_cell *a, const lesson_cell *b, char *why, size_t whysize)
{
	const char *w = NULL;
	if (a->kind != b->kind)
		w = "kind";
	else if (strcmp(a->title, b->title) != 0)
		w = "title";
	else if (strcmp(a->meta, b->meta) != 0 || a->flags != b->flags)
		w = "metadata";
	else if (a->source_len != b->source_len || strcmp(a->source, b->source) != 0)
		w = "source";
	else if (a->marker_line != b->marker_line)
		w = "marker_line";
	else if (a->first_line != b->first_line)
		w = "first_line";
	else if (a->last_line != b->last_line)
		w = "last_line";
	else if (a->end_line != b->end_line)
		w = "end_line";
	if (w && why)
		snprintf(why, whysize, "%s", w);
	return w == NULL;
}

/*
** Whether L describes the file it writes: parsing its bytes again gives
** the same cells (kinds, titles, sources, line numbers) and metadata.
** On a difference, *why says what.
*/
static int self_consistent(const lesson *L, char *why, size_t whysize)
	__attribute__((unused));
static int self_consistent(const lesson *L, char *why, size_t whysize)
{
	size_t len;
	char *bytes = written(L, &len);
	lesson *R = NULL;
	int good = 0;
	if (!bytes) {
		snprintf(why, whysize, "write failed");
		return 0;
	}
	char err[256];
	if (lesson_parse(bytes, len, lesson_name(L), &R, err, sizeof err) != LESSON_OK) {
		snprintf(why, whysize, "reparse: %.80s", err);
	} else if (lesson_ncells(R) != lesson_ncells(L)) {
		snprintf(why, whysize, "%zu cells, reparsed %zu", lesson_ncells(L), lesson_ncells(R));
	} else {
		good = 1;
		for (size_t i = 0; good && i < lesson_ncells(L); i++) {
			char w[64];
			if (!cell_eq(lesson_cell_at(L, i), lesson_cell_at(R, i), w, sizeof w)) {
				snprintf(why, whysize, "cell %zu: %s", i, w);
				good = 0;
			}
		}
		const char *t1 = lesson_meta(L, "title"), *t2 = lesson_meta(R, "title");
		if (good && !((!t1 && !t2) || (t1 && t2 && strcmp(t1, t2) == 0))) {
			snprintf(why, whysize, "title metadata");
			good = 0;
		}
	}
	lesson_free(R);
	free(bytes);
	return good;
}

#endif
