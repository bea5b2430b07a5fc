/*
** test_ipynb.c — notebooks in and out: every bundled lesson goes to a
** notebook and back unchanged, byte for byte; the notebooks written have
** nbformat 4.5's required keys with their types (the schema's `required`
** lists, checked here without Python); the notebooks the real Jupyter
** tools made (tests/fixtures/jupytext/) convert to the cells, titles and
** metadata Jupytext's own conversion has; a notebook in another language
** is refused with a message that says so.
*/
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipynb.h"
#include "lesson.h"
#include "strbuf.h"
#include "tap.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

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
	sb_addn(&sb, "", 0);
	return sb_take(&sb);
}

/* L as a notebook (no outputs, or a few of each kind when `outputs`). */
static json_t *notebook_of(const lesson *L, int outputs, strbuf *text)
{
	ipynb_out *nb = ipynb_out_new(L);
	int exec = 0, st = nb ? IPYNB_OK : IPYNB_ENOMEM;
	for (size_t i = 0; st == IPYNB_OK && i < lesson_ncells(L); i++) {
		const lesson_cell *c = lesson_cell_at(L, i);
		st = ipynb_out_cell(nb, c, c->kind == LESSON_CODE && outputs ? ++exec : 0);
		if (st != IPYNB_OK || c->kind != LESSON_CODE || !outputs)
			continue;
		ipynb_out_output(nb, IPYNB_STREAM, "one\ntw", 6, NULL);
		ipynb_out_output(nb, IPYNB_STREAM, "o\nthree\n", 8, NULL);
		ipynb_out_output(nb, IPYNB_RESULT, "[1 2 3]", 7, NULL);
		ipynb_out_output(nb, IPYNB_DISPLAY, "┌─┐\n└─┘\n", 20, NULL);
		ipynb_out_output(nb, IPYNB_ERROR, "x.lua:3: boom", 13, "stack traceback:\n\tx.lua:3");
	}
	strbuf sb = STRBUF_INIT;
	if (st == IPYNB_OK)
		st = ipynb_out_write(nb, &sb);
	ipynb_out_free(nb);
	json_t *j = st == IPYNB_OK ? json_loadb(sb.s, sb.len, 0, NULL) : NULL;
	if (text)
		sb_addn(text, sb.s, sb.len);
	sb_free(&sb);
	return j;
}

/* Checks v against nbformat 4's multi-line string: a string or an array of strings. */
static int multiline(json_t *v)
{
	if (json_is_string(v))
		return 1;
	size_t i;
	json_t *x;
	if (!json_is_array(v))
		return 0;
	json_array_foreach(v, i, x)
		if (!json_is_string(x))
			return 0;
	return 1;
}

/* Returns NULL when output o has the keys its output_type requires, else what is wrong. */
static const char *output_ok(json_t *o)
{
	const char *t = json_string_value(json_object_get(o, "output_type"));
	if (!t)
		return "an output without output_type";
	if (strcmp(t, "stream") == 0)
		return json_is_string(json_object_get(o, "name")) &&
		       multiline(json_object_get(o, "text")) ? NULL : "stream: name, text";
	if (strcmp(t, "error") == 0) {
		json_t *tb = json_object_get(o, "traceback");
		return json_is_string(json_object_get(o, "ename")) &&
		       json_is_string(json_object_get(o, "evalue")) && json_is_array(tb) &&
		       multiline(tb) ? NULL : "error: ename, evalue, traceback";
	}
	json_t *data = json_object_get(o, "data");
	if (!json_is_object(data) || !json_is_object(json_object_get(o, "metadata")) ||
	    !multiline(json_object_get(data, "text/plain")))
		return "display_data/execute_result: data, metadata";
	if (strcmp(t, "execute_result") == 0) {
		json_t *n = json_object_get(o, "execution_count");
		return json_is_integer(n) || json_is_null(n) ? NULL : "execute_result: execution_count";
	}
	return strcmp(t, "display_data") == 0 ? NULL : "an unknown output_type";
}

/* Returns NULL when cell c has the keys nbformat 4.5 requires of its cell_type. */
static const char *cell_ok(json_t *c)
{
	const char *t = json_string_value(json_object_get(c, "cell_type"));
	const char *id = json_string_value(json_object_get(c, "id"));
	if (!t || !id || strlen(id) < 1 || strlen(id) > 64 || strspn(id,
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != strlen(id))
		return "cell_type and an id of 1-64 letters, digits, - and _";
	if (!json_is_object(json_object_get(c, "metadata")) || !multiline(json_object_get(c, "source")))
		return "metadata (object) and source";
	if (strcmp(t, "code") != 0)
		return strcmp(t, "markdown") == 0 || strcmp(t, "raw") == 0 ? NULL : "unknown cell_type";
	json_t *n = json_object_get(c, "execution_count"), *outs = json_object_get(c, "outputs"), *o;
	if (!(json_is_integer(n) || json_is_null(n)) || !json_is_array(outs))
		return "code: execution_count, outputs";
	size_t i;
	json_array_foreach(outs, i, o) {
		const char *why = output_ok(o);
		if (why)
			return why;
	}
	return NULL;
}

/* nbformat 4's top level: metadata, nbformat 4, nbformat_minor, cells; and the Lua kernel. */
static const char *notebook_ok(json_t *j)
{
	json_t *md = json_object_get(j, "metadata"), *cells = json_object_get(j, "cells"), *c;
	if (!json_is_object(md) || !json_is_array(cells) ||
	    json_integer_value(json_object_get(j, "nbformat")) != 4 ||
	    json_integer_value(json_object_get(j, "nbformat_minor")) < 5)
		return "metadata, cells, nbformat 4, nbformat_minor >= 5 (cell ids)";
	json_t *ks = json_object_get(md, "kernelspec");
	if (!json_is_string(json_object_get(ks, "name")) ||
	    !json_is_string(json_object_get(ks, "display_name")) ||
	    strcmp(json_string_value(json_object_get(ks, "language")), "lua") != 0 ||
	    strcmp(json_string_value(json_object_get(json_object_get(md, "language_info"), "name")),
	           "lua") != 0)
		return "kernelspec (name, display_name, language lua) and language_info.name lua";
	size_t i;
	json_array_foreach(cells, i, c) {
		const char *why = cell_ok(c);
		if (why)
			return why;
	}
	return NULL;
}

static void test_lessons(void)
{
	static const char *const names[] = {
		"lessons/01-perceptron.lua", "lessons/02-gradient-descent.lua",
		"lessons/03-sigmoid-neuron.lua", "lessons/04-linear-classifier.lua",
		"lessons/05-xor-hidden-layer.lua",
		"tests/fixtures/jupytext/lessons-roundtrip/01-perceptron.jupytext.lua",
		"tests/fixtures/jupytext/from-jupyter/g-tags.lua",
	};
	for (size_t i = 0; i < NELEMS(names); i++) {
		size_t len = 0;
		char *bytes = slurp(names[i], &len), err[300] = "";
		lesson *L = NULL;
		if (!ok(bytes && lesson_parse(bytes, len, names[i], &L, err, sizeof err) == LESSON_OK,
		        "%s loads %s", names[i], err)) {
			free(bytes);
			continue;
		}
		for (int outputs = 0; outputs < 2; outputs++) {
			strbuf nbtext = STRBUF_INIT, back = STRBUF_INIT;
			json_t *j = notebook_of(L, outputs, &nbtext);
			const char *why = j ? notebook_ok(j) : "not JSON";
			ok(!why, "%s%s: a valid nbformat 4.5 notebook%s%s", names[i],
			   outputs ? " with outputs" : "", why ? ": " : "", why ? why : "");
			char title[200];
			is_str(json_string_value(json_object_get(json_object_get(j, "metadata"), "title")),
			       lesson_title(L, title, sizeof title), "%s: the notebook's title", names[i]);
			int st = ipynb_to_lesson(nbtext.s, nbtext.len, "x.ipynb", &back, err, sizeof err);
			ok(st == IPYNB_OK && back.len == len && memcmp(back.s, bytes, len) == 0,
			   "%s%s: back to the same lesson, byte for byte %s", names[i],
			   outputs ? " with outputs" : "", err);
			json_decref(j);
			sb_free(&nbtext);
			sb_free(&back);
		}
		lesson_free(L);
		free(bytes);
	}
}

/* Converts a notebook file; NULL (and a message) when it does not convert. */
static lesson *convert(const char *path, strbuf *text)
{
	size_t len = 0;
	char *json = slurp(path, &len), err[300] = "";
	lesson *L = NULL;
	int st = json ? ipynb_to_lesson(json, len, path, text, err, sizeof err) : IPYNB_EREAD;
	if (st == IPYNB_OK && lesson_parse(text->s, text->len, path, &L, err, sizeof err) != LESSON_OK)
		st = IPYNB_ELESSON;
	if (st != IPYNB_OK)
		printf("# %s: %s\n", path, err);
	free(json);
	return L;
}

/* Whether two strings are equal or both NULL. */
static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether a and b have the same cells: kinds, titles, metadata, sources. */
static int same_cells(const lesson *a, const lesson *b, char *why, size_t whysize)
{
	if (lesson_ncells(a) != lesson_ncells(b)) {
		snprintf(why, whysize, "%zu cells, not %zu", lesson_ncells(a), lesson_ncells(b));
		return 0;
	}
	for (size_t i = 0; i < lesson_ncells(a); i++) {
		const lesson_cell *x = lesson_cell_at(a, i), *y = lesson_cell_at(b, i);
		const char *w = x->kind != y->kind ? "kind" : strcmp(x->title, y->title) ? "title" :
		                strcmp(x->meta, y->meta) ? "metadata" :
		                strcmp(x->source, y->source) ? "source" : NULL;
		if (w) {
			snprintf(why, whysize, "cell %zu: %s ('%s' / '%s')", i + 1, w, x->title, y->title);
			return 0;
		}
	}
	return 1;
}

/* The notebooks Jupyter's tools made convert as Jupytext converted them. */
static void test_fixtures(void)
{
	static const struct { const char *nb, *lua; } t[] = {
		{"from-jupyter/a-kernel.ipynb", "from-jupyter/a-kernel.lua"},
		{"from-jupyter/b-bare.ipynb", "from-jupyter/b-bare.lua"},
		{"from-jupyter/c-kernel-nonascii.ipynb", "from-jupyter/c-kernel-nonascii.lua"},
		{"from-jupyter/d-title.ipynb", "from-jupyter/d-title.lua"},
		{"from-jupyter/f-rawheader.ipynb", "from-jupyter/f-rawheader.lua"},
		{"from-jupyter/g-tags.ipynb", "from-jupyter/g-tags.lua"},
		{"lessons-roundtrip/01-perceptron.ipynb", "lessons-roundtrip/01-perceptron.jupytext.lua"},
		{"lessons-roundtrip/02-gradient-descent.ipynb",
		 "lessons-roundtrip/02-gradient-descent.jupytext.lua"},
		{"lessons-roundtrip/05-xor-hidden-layer.ipynb",
		 "lessons-roundtrip/05-xor-hidden-layer.jupytext.lua"},
	};
	for (size_t i = 0; i < NELEMS(t); i++) {
		char nb[300], lua[300], why[200] = "", ta[200], tb[200];
		snprintf(nb, sizeof nb, "tests/fixtures/jupytext/%s", t[i].nb);
		snprintf(lua, sizeof lua, "tests/fixtures/jupytext/%s", t[i].lua);
		strbuf text = STRBUF_INIT;
		lesson *A = convert(nb, &text), *B = NULL;
		lesson_load(lua, &B, NULL, 0);
		if (!ok(A && B, "%s converts", t[i].nb)) {
			lesson_free(A), lesson_free(B), sb_free(&text);
			continue;
		}
		ok(same_cells(A, B, why, sizeof why), "%s: Jupytext's cells %s", t[i].nb, why);
		is_str(lesson_title(A, ta, sizeof ta), lesson_title(B, tb, sizeof tb), "%s: the title",
		       t[i].nb);
		ok(same_str(lesson_meta(A, "source"), lesson_meta(B, "source")), "%s: the source",
		   t[i].nb);
		ok(same_str(lesson_meta(A, "jupyter.kernelspec.language"),
		            lesson_meta(B, "jupyter.kernelspec.language")), "%s: the kernel", t[i].nb);
		if (strstr(nb, "d-title"))
			is_str(lesson_header_title(A), "Matrices in Lua",
			       "%s: the notebook's title goes in the header (Jupytext drops it)", t[i].nb);
		int line;
		ok(lesson_header_problem(A, 0, &line) == NULL || strstr(nb, "05-xor"),
		   "%s: the header is valid YAML", t[i].nb);
		lesson_free(A);
		lesson_free(B);
		sb_free(&text);
	}
}

/* Notebooks nnbook does not open, and what it says. */
static void test_refused(void)
{
	static const struct { const char *json; int st; const char *says; } t[] = {
		{"{\"cells\": [], \"metadata\": {\"kernelspec\": {\"language\": \"python\", "
		 "\"name\": \"python3\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}",
		 IPYNB_ELANG, "a notebook in Python: nnbook runs Lua, so a notebook's code cells must be Lua"},
		{"{\"cells\": [], \"metadata\": {\"language_info\": {\"name\": \"R\"}}, "
		 "\"nbformat\": 4}", IPYNB_ELANG, "a notebook in R:"},
		{"{\"cells\": [], \"nbformat\": 3}", IPYNB_EFORMAT, "not a Jupyter notebook in nbformat 4"},
		{"{\"cells\": [{\"source\": \"x\"}], \"nbformat\": 4}", IPYNB_EFORMAT, "no cell_type"},
		{"{\"cells\": [", IPYNB_EJSON, "x.ipynb:1:"},
		{"[]", IPYNB_EFORMAT, "nbformat 4"},
	};
	for (size_t i = 0; i < NELEMS(t); i++) {
		char err[300] = "";
		strbuf out = STRBUF_INIT;
		int st = ipynb_to_lesson(t[i].json, strlen(t[i].json), "x.ipynb", &out, err, sizeof err);
		ok(st == t[i].st && strstr(err, t[i].says), "refused %zu: %s", i, err);
		sb_free(&out);
	}
	lesson *L = NULL;
	char err[300] = "";
	ok(ipynb_load("tests/fixtures/jupytext/none.ipynb", 0, &L, err, sizeof err) == IPYNB_EREAD &&
	   strstr(err, "no such file") && !L, "a missing notebook: %s", err);
	strbuf p = STRBUF_INIT;
	ipynb_lesson_path("dir/x.y.ipynb", &p);
	is_str(p.s, "dir/x.y.lua", "a notebook is saved as a .lua beside it");
	sb_free(&p);
	ok(ipynb_is_notebook("a.ipynb") && !ipynb_is_notebook("a.lua") && !ipynb_is_notebook(".ipynb"),
	   "notebooks are named .ipynb");
}

int main(void)
{
	test_lessons();
	test_fixtures();
	test_refused();
	return tap_done();
}
