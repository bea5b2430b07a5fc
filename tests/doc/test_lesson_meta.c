/*
** test_lesson_meta.c — cell metadata on the marker line (`key=value` pairs
** with JSON values, as Jupytext writes them): split from the title, read
** back by key and tag, the flags they give, kept through edits.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "mem.h"
#include "tap.h"

#include "lesson_fix.h"

/* The title and metadata of a one-cell lesson made of `-- %% <marker>`. */
static void split_case(const char *marker, const char *title, const char *meta, unsigned flags)
{
	char buf[512];
	snprintf(buf, sizeof buf, "-- %%%% %s\nx = 1\n", marker);
	lesson *L = NULL;
	int st = lesson_parse(buf, strlen(buf), "t.lua", &L, NULL, 0);
	const lesson_cell *c = st == LESSON_OK ? lesson_cell_at(L, 0) : NULL;
	int good = c && strcmp(c->title, title) == 0 && strcmp(c->meta, meta) == 0 &&
	           c->flags == flags;
	ok(good, "'%s': title '%s', metadata '%s', flags %u", marker, title, meta, flags);
	if (!good && c)
		printf("#   got title '%s', metadata '%s', flags %u\n", c->title, c->meta, c->flags);
	lesson_free(L);
}

static void test_split(void)
{
	split_case("Solution 1 tags=[\"solution\"]", "Solution 1", "tags=[\"solution\"]",
	           LESSON_SOLUTION);
	split_case("tags=[\"hint\"]", "", "tags=[\"hint\"]", LESSON_HINT);
	split_case("[markdown] Hint 2 tags=[\"hint\"]", "Hint 2", "tags=[\"hint\"]", LESSON_HINT);
	split_case("Multiply A by itself jupyter={\"source_hidden\": true} tags=[\"solution\"]",
	           "Multiply A by itself", "jupyter={\"source_hidden\": true} tags=[\"solution\"]",
	           LESSON_SOLUTION | LESSON_SRC_HIDDEN);
	split_case("tags=[\"x\", \"hint\", \"solution\"]", "", "tags=[\"x\", \"hint\", \"solution\"]",
	           LESSON_HINT | LESSON_SOLUTION);
	split_case("A jupyter={\"source_hidden\": false}", "A", "jupyter={\"source_hidden\": false}", 0);
	split_case("A jupyter={\"other\": {\"source_hidden\": true}}", "A",
	           "jupyter={\"other\": {\"source_hidden\": true}}", 0);
	split_case("A tags=[\"hints\"]", "A", "tags=[\"hints\"]", 0);
	split_case("A n=1 s=\"a b=c\" t=true u=null v=-0.5e-3", "A",
	           "n=1 s=\"a b=c\" t=true u=null v=-0.5e-3", 0);
	/* titles that only look like metadata stay titles */
	split_case("y = x + 4", "y = x + 4", "", 0);
	split_case("a=b", "a=b", "", 0);
	split_case("a=1 b", "a=1 b", "", 0);
	split_case("a=1 b c=2", "a=1 b", "c=2", 0);
	split_case("x=[1, 2", "x=[1, 2", "", 0);
	split_case("x={\"a\" 1}", "x={\"a\" 1}", "", 0);
	split_case("x=\"a\\q\"", "x=\"a\\q\"", "", 0);
	split_case("x=01", "x=01", "", 0);
	split_case("x=1.", "x=1.", "", 0);
	split_case("1x=1", "1x=1", "", 0);
	split_case("Title x=1y", "Title x=1y", "", 0);
	split_case("Title x=\"\\u00e9\"", "Title", "x=\"\\u00e9\"", 0);
	split_case("", "", "", 0);
	/* nesting deeper than any metadata needs is not metadata */
	char deep[200] = "t x=", *p = deep + 4;
	for (int i = 0; i < 40; i++)
		*p++ = '[';
	for (int i = 0; i < 40; i++)
		*p++ = ']';
	*p = '\0';
	split_case(deep, deep, "", 0);
}

static void test_lookup_and_edits(void)
{
	lesson *L = NULL;
	char path[600], err[300] = "";
	snprintf(path, sizeof path, "%s/cellmeta.lua", fix_dir());
	if (!ok(lesson_load(path, &L, err, sizeof err) == LESSON_OK, "cellmeta.lua loads")) {
		printf("#   %s\n", err);
		return;
	}
	const lesson_cell *intro = lesson_cell_at(L, 0), *hint = lesson_cell_at(L, 3),
	                  *sol = lesson_cell_at(L, 4), *weird = lesson_cell_at(L, 6);
	ok(lesson_cell_has_tag(intro, "intro") && !lesson_cell_has_tag(intro, "hint"),
	   "a tag of its own is found, others are not");
	ok(hint->kind == LESSON_MARKDOWN && strcmp(hint->title, "Hint 1") == 0 &&
	   hint->flags == LESSON_HINT, "a prose hint: title, kind, flag");
	ok(strcmp(sol->title, "Solution 1") == 0 && sol->flags == (LESSON_SOLUTION | LESSON_SRC_HIDDEN),
	   "a hidden solution: title and flags");
	const char *v;
	size_t n;
	ok(lesson_cell_meta(sol, "jupyter", &v, &n) && n == 23 &&
	   memcmp(v, "{\"source_hidden\": true}", n) == 0, "lesson_cell_meta gives the JSON text");
	ok(!lesson_cell_meta(sol, "tag", &v, &n), "a missing key is not found");
	ok(strcmp(weird->title, "weird a=b c") == 0 && lesson_cell_has_tag(weird, "x") == 0,
	   "a title holding a=b keeps it; tags of other types match nothing");
	ok(strcmp(lesson_cell_at(L, 5)->title, "y = x + 4") == 0, "\"y = x + 4\" stays a title");
	ok(lesson_check_of(L, 3) == 2 && lesson_check_of(L, 4) == 2,
	   "the hint and the solution belong to the check before them");
	ok(lesson_check_of(L, 0) == (size_t)-1 && lesson_check_of(L, 99) == (size_t)-1,
	   "no check before the first cell, none past the end");

	/* edits keep the metadata: a new title, a new kind, a moved cell */
	ok(lesson_set_title(L, 4, "The answer") == LESSON_OK, "retitle a solution");
	sol = lesson_cell_at(L, 4);
	ok(strcmp(sol->title, "The answer") == 0 && sol->flags == (LESSON_SOLUTION | LESSON_SRC_HIDDEN),
	   "the new title, the metadata kept");
	ok(lesson_set_kind(L, 3, LESSON_CODE) == LESSON_OK && lesson_cell_at(L, 3)->flags == LESSON_HINT,
	   "a hint turned into code stays a hint");
	ok(lesson_move(L, 4, -1) == LESSON_OK && lesson_cell_at(L, 3)->flags & LESSON_SOLUTION,
	   "a moved solution keeps its tag");
	size_t len;
	char *w = written(L, &len);
	ok(w && strstr(w, "-- %% The answer jupyter={\"source_hidden\": true} tags=[\"solution\"]\n") &&
	   strstr(w, "-- %% Hint 1 tags=[\"hint\"]\n"), "the marker lines written back");
	char why[128] = "";
	ok(self_consistent(L, why, sizeof why), "what was written reads back the same %s", why);
	free(w);
	lesson_free(L);
}

int main(void)
{
	mem_set_limit(64 << 20);
	test_split();
	test_lookup_and_edits();
	return tap_done();
}
