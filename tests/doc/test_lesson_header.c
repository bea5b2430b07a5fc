/*
** test_lesson_header.c — the header as Jupytext writes it: the lines above
** it (`#!`, an encoding comment), the YAML subset (blocks, quotes, escapes),
** the title from the top level or the `jupyter:` block, the values YAML
** would read otherwise, and the files the real Jupytext wrote
** (tests/fixtures/jupytext/).
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "mem.h"
#include "tap.h"

#include "lesson_fix.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static lesson *parse(const char *s)
{
	lesson *L = NULL;
	char err[200] = "";
	if (lesson_parse(s, strlen(s), "t.lua", &L, err, sizeof err) != LESSON_OK)
		printf("# parse failed: %s\n", err);
	return L;
}

/* Counts L's header problems; the first one's line in *line. */
static size_t nproblems(const lesson *L, int *line)
{
	size_t n = 0;
	while (lesson_header_problem(L, n, n ? NULL : line))
		n++;
	return n;
}

static void test_preamble(void)
{
	const char *src = "-- -*- coding: utf-8 -*-\n-- ---\n-- title: Über\n-- ---\n\n"
	                  "-- %%\nprint(1)\n";
	lesson *L = parse(src);
	is_str(L ? lesson_meta(L, "title") : NULL, "Über", "a header under an encoding line");
	ok(L && lesson_ncells(L) == 1 && lesson_cell_at(L, 0)->marker_line == 6,
	   "the encoding line is not a cell; lines count it");
	size_t n;
	char *w = L ? written(L, &n) : NULL;
	ok(w && n == strlen(src) && memcmp(w, src, n) == 0, "the encoding line is kept on save");
	free(w);
	ok(L && lesson_set_meta(L, "source", "x") == LESSON_OK, "a value added under it");
	w = L ? written(L, &n) : NULL;
	const char *want = "-- -*- coding: utf-8 -*-\n-- ---\n-- title: Über\n-- source: x\n-- ---\n";
	ok(w && strncmp(w, want, strlen(want)) == 0, "the encoding line stays first");
	free(w);
	lesson_free(L);

	L = parse("#!/usr/bin/env nnbook\n-- vim: set fileencoding=utf-8 :\n"
	          "-- ---\n-- title: Shebang\n-- ---\n-- %%\nx = 1\n");
	is_str(L ? lesson_meta(L, "title") : NULL, "Shebang", "a #! line and an encoding line");
	lesson_free(L);
	/* without a header after them, they are lines of the first cell as before */
	L = parse("-- -*- coding: utf-8 -*-\nprint(1)\n");
	ok(L && lesson_ncells(L) == 1 && strstr(lesson_cell_at(L, 0)->source, "coding"),
	   "an encoding line without a header belongs to the code");
	lesson_free(L);
	L = parse("-- %%\nx = 1\n-- -*- coding: utf-8 -*-\n-- ---\n-- title: no\n-- ---\n");
	ok(L && lesson_meta(L, "title") == NULL, "only the top of the file holds the header");
	lesson_free(L);
	char err[200] = "";
	L = NULL;
	const char *open = "-- -*- coding: utf-8 -*-\n-- ---\n-- title: x\n";
	ok(lesson_parse(open, strlen(open), "o.lua", &L, err, sizeof err) == LESSON_EHEADER &&
	   strstr(err, "o.lua:2:"), "an unclosed header is reported on its own line: %s", err);
}

static void test_yaml(void)
{
	lesson *L = parse("-- ---\n"
	                  "-- title: 'It''s a title'\n"
	                  "-- source: \"a: b \\\"quoted\\\" \\u00e9\\t.\"\n"
	                  "-- plain: python-course.eu, \"Neural Networks\"   # a comment\n"
	                  "-- jupyter:\n"
	                  "--   jupytext:\n"
	                  "--     cell_metadata_filter: title,-all\n"
	                  "--     text_representation:\n"
	                  "--       format_version: '1.3'\n"
	                  "--   kernelspec:\n"
	                  "--     name: lua\n"
	                  "--   tags:\n"
	                  "--   - a\n"
	                  "--   - b\n"
	                  "--   title: Inner\n"
	                  "-- after: [1, {\"x\": 2}]\n"
	                  "-- ---\n-- %%\nx = 1\n");
	is_str(lesson_meta(L, "title"), "It's a title", "single quotes: '' is a quote");
	is_str(lesson_meta(L, "source"), "a: b \"quoted\" \xc3\xa9\t.", "double quotes: escapes");
	const char *plain = "python-course.eu, \"Neural Networks\"";
	ok(lesson_meta(L, "plain") && strncmp(lesson_meta(L, "plain"), plain, strlen(plain)) == 0,
	   "a plain value keeps inner quotes");
	is_str(lesson_meta(L, "jupyter"), "", "a block's key has an empty value");
	is_str(lesson_meta(L, "jupyter.jupytext.text_representation.format_version"), "1.3",
	       "nested keys are named by their path");
	is_str(lesson_meta(L, "jupyter.kernelspec.name"), "lua", "a block after a deeper one");
	is_str(lesson_meta(L, "jupyter.title"), "Inner", "a key after a list");
	is_str(lesson_meta(L, "after"), "[1, {\"x\": 2}]", "back at the top level: a flow value");
	ok(lesson_meta(L, "kernelspec") == NULL && lesson_meta(L, "name") == NULL,
	   "nested keys are not top-level keys");
	int line = 0;
	size_t np = nproblems(L, &line);
	ok(np == 1 && line == 4, "only the comment after a plain value is a problem (%zu, line %d)",
	   np, line);
	lesson_free(L);
}

static void test_title(void)
{
	char buf[64];
	lesson *L = parse("-- ---\n-- jupyter:\n--   title: From Jupyter\n-- ---\n-- %%\nx = 1\n");
	is_str(L ? lesson_header_title(L) : NULL, "From Jupyter", "title from the jupyter block");
	is_str(L ? lesson_title(L, buf, sizeof buf) : NULL, "From Jupyter", "... is the lesson's");
	lesson_free(L);
	L = parse("-- ---\n-- title: Top\n-- jupyter:\n--   title: Inner\n-- ---\n-- %%\nx = 1\n");
	is_str(L ? lesson_header_title(L) : NULL, "Top", "the top-level title comes first");
	lesson_free(L);
	L = parse("-- ---\n-- jupyter:\n--   kernelspec:\n--     title: deep\n-- ---\n-- %%\nx\n");
	ok(L && lesson_header_title(L) == NULL, "a deeper title is not the lesson's");
	lesson_free(L);
}

static void test_problems(void)
{
	static const struct { const char *line; int bad; } t[] = {
		{"-- source: notebook 'A: B' (seed 1)", 1},
		{"-- source: \"notebook 'A: B' (seed 1)\"", 0},
		{"-- source: 'unclosed", 1},
		{"-- source: \"bad \\q escape\"", 1},
		{"-- source: \"closed\" trailing", 1},
		{"-- source: 'notebook' by someone", 1},
		{"-- source: lesson #3", 1},
		{"-- source: lesson#3", 0},
		{"-- source: ends with:", 1},
		{"-- source: - dash", 1},
		{"-- source: -all", 0},
		{"-- source: @at", 1},
		{"-- source: [1, 2", 1},
		{"-- source: 100% sure, (x, y) = 'z'", 0},
		{"-- no colon here", 1},
		{"--\tsource: tab", 1},
		{"-- # a comment line", 0},
		{"--", 0},
		{"not a comment", 1},
	};
	for (size_t i = 0; i < NELEMS(t); i++) {
		strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "-- ---\n-- title: ok\n%s\n-- ---\n-- %%\nx = 1\n", t[i].line);
		lesson *L = parse(sb_str(&sb));
		int line = 0;
		size_t n = L ? nproblems(L, &line) : 99;
		ok(n == (size_t)t[i].bad && (!n || line == 3), "%s: %s", t[i].line,
		   t[i].bad ? "a problem on line 3" : "valid YAML");
		lesson_free(L);
		sb_free(&sb);
	}
	/* the text reads as before: whole, quotes around it removed */
	lesson *L = parse("-- ---\n-- title: 'x: y'z'\n-- source: a: b\n-- ---\n-- %%\nx\n");
	is_str(L ? lesson_meta(L, "title") : NULL, "x: y'z", "an invalid quoted value loses its quotes");
	is_str(L ? lesson_meta(L, "source") : NULL, "a: b", "an invalid plain value is kept whole");
	lesson_free(L);
}

/* set_meta writes what YAML reads back as the same text. */
static void test_set_meta_quotes(void)
{
	static const char *const vals[] = {
		"plain words", "notebook 'A: B' (seed 1)", "\"quoted\"", "a \\ b: c", "x #1", "",
	};
	for (size_t i = 0; i < NELEMS(vals); i++) {
		lesson *L = parse("-- ---\n-- title: t\n-- ---\n-- %%\nx = 1\n");
		ok(L && lesson_set_meta(L, "source", vals[i]) == LESSON_OK, "set %zu", i);
		size_t n;
		char *w = written(L, &n);
		lesson *L2 = w ? parse(w) : NULL;
		is_str(L2 ? lesson_meta(L2, "source") : NULL, vals[i], "read back: %s", vals[i]);
		ok(L2 && nproblems(L2, NULL) == 0, "written as valid YAML: %s", vals[i]);
		free(w);
		lesson_free(L);
		lesson_free(L2);
	}
}

/* The path of a fixture in tests/fixtures/jupytext/. */
static const char *jfix(const char *name)
{
	static char path[800];
	snprintf(path, sizeof path, "%s/../jupytext/%s", fix_dir(), name);
	return path;
}

/* Every file Jupytext wrote loads, keeps its title and writes back byte for byte. */
static void test_jupytext_files(void)
{
	static const char *const names[] = {
		"from-jupyter/a-kernel.lua", "from-jupyter/b-bare.lua",
		"from-jupyter/c-kernel-nonascii.lua", "from-jupyter/d-title.lua",
		"from-jupyter/e-metatitle.lua", "from-jupyter/f-rawheader.lua",
		"from-jupyter/g-tags.lua", "lessons-roundtrip/01-perceptron.jupytext.lua",
		"lessons-roundtrip/02-gradient-descent.jupytext.lua",
		"lessons-roundtrip/05-xor-hidden-layer.jupytext.lua",
	};
	for (size_t i = 0; i < NELEMS(names); i++) {
		size_t len = 0, wlen = 0;
		char *bytes = slurp(jfix(names[i]), &len), err[300] = "", buf[128];
		lesson *L = NULL;
		int st = lesson_load(jfix(names[i]), &L, err, sizeof err);
		char *w = st == LESSON_OK ? written(L, &wlen) : NULL;
		ok(bytes && w && wlen == len && memcmp(w, bytes, len) == 0,
		   "%s: written back byte for byte %s", names[i], err);
		ok(L && lesson_is_lesson(L) && lesson_meta(L, "jupyter") != NULL ? 1 :
		   L && strstr(names[i], "roundtrip") != NULL, "%s: its header is read", names[i]);
		if (strstr(names[i], "from-jupyter"))
			is_str(L ? lesson_title(L, buf, sizeof buf) : NULL, "Matrices in Lua",
			       "%s: title", names[i]);
		if (strstr(names[i], "e-metatitle"))
			is_str(L ? lesson_header_title(L) : NULL, "Matrices in Lua",
			       "%s: the title from the jupyter block", names[i]);
		ok(L && lesson_meta(L, "jupyter.jupytext.text_representation.format_name") &&
		   strcmp(lesson_meta(L, "jupyter.jupytext.text_representation.format_name"),
		          "percent") == 0 ? 1 : strstr(names[i], "roundtrip") != NULL,
		   "%s: the jupyter block is read", names[i]);
		free(bytes);
		free(w);
		lesson_free(L);
	}
}

/* g-tags.lua: cell metadata on the marker lines stays out of the titles. */
static void test_jupytext_tags(void)
{
	lesson *L = NULL;
	lesson_load(jfix("from-jupyter/g-tags.lua"), &L, NULL, 0);
	if (!ok(L && lesson_ncells(L) == 5, "g-tags.lua: 5 cells"))
		return lesson_free(L);
	const lesson_cell *intro = lesson_cell_at(L, 0), *setup = lesson_cell_at(L, 1),
	                  *mult = lesson_cell_at(L, 2);
	ok(intro->kind == LESSON_MARKDOWN && !*intro->title && lesson_cell_has_tag(intro, "intro"),
	   "a prose cell's tags are not its title");
	ok(!*setup->title && lesson_cell_has_tag(setup, "setup"), "an untitled cell's tags");
	is_str(mult->title, "Multiply A by itself", "the title stops before the metadata");
	ok((mult->flags & (LESSON_SOLUTION | LESSON_SRC_HIDDEN)) == (LESSON_SOLUTION | LESSON_SRC_HIDDEN),
	   "solution and source_hidden are read");
	lesson_free(L);
}

/*
** Jupytext's round trip of a lesson (with its encoding line) gives back
** the lesson's cells and header.
*/
static void test_lesson_round_trips(void)
{
	static const char *const names[] = {"01-perceptron", "02-gradient-descent",
	                                    "05-xor-hidden-layer"};
	for (size_t i = 0; i < NELEMS(names); i++) {
		char a[100], b[100];
		snprintf(a, sizeof a, "lessons-roundtrip/%s.orig.lua", names[i]);
		snprintf(b, sizeof b, "lessons-roundtrip/%s.jupytext.lua", names[i]);
		lesson *La = NULL, *Lb = NULL;
		lesson_load(jfix(a), &La, NULL, 0);
		lesson_load(jfix(b), &Lb, NULL, 0);
		if (!ok(La && Lb, "%s: both load", names[i])) {
			lesson_free(La), lesson_free(Lb);
			continue;
		}
		int same = lesson_ncells(La) == lesson_ncells(Lb);
		for (size_t c = 0; same && c < lesson_ncells(La); c++) {
			const lesson_cell *x = lesson_cell_at(La, c), *y = lesson_cell_at(Lb, c);
			same = x->kind == y->kind && strcmp(x->title, y->title) == 0 &&
			       strcmp(x->source, y->source) == 0;
		}
		ok(same, "%s: the same %zu cells", names[i], lesson_ncells(La));
		is_str(lesson_meta(Lb, "title"), lesson_meta(La, "title"), "%s: the title", names[i]);
		is_str(lesson_meta(Lb, "source"), lesson_meta(La, "source"), "%s: the source", names[i]);
		lesson_free(La);
		lesson_free(Lb);
	}
}

/* The bundled lessons' headers are valid YAML. */
static void test_bundled(void)
{
	DIR *d = opendir("lessons");
	if (!ok(d != NULL, "lessons/ opens (tests run from the top)"))
		return;
	struct dirent *e;
	size_t n = 0;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 5 || strcmp(e->d_name + l - 4, ".lua") != 0)
			continue;
		char path[600];
		snprintf(path, sizeof path, "lessons/%s", e->d_name);
		lesson *L = NULL;
		lesson_load(path, &L, NULL, 0);
		int line = 0;
		const char *why = L ? lesson_header_problem(L, 0, &line) : "does not load";
		ok(L && !why && lesson_header_title(L), "%s: a title, valid YAML%s%s", path,
		   why ? ": " : "", why ? why : "");
		lesson_free(L);
		n++;
	}
	closedir(d);
	ok(n >= 5, "%zu bundled lessons", n);
}

int main(void)
{
	test_preamble();
	test_yaml();
	test_title();
	test_problems();
	test_set_meta_quotes();
	test_jupytext_files();
	test_jupytext_tags();
	test_lesson_round_trips();
	test_bundled();
	return tap_done();
}
