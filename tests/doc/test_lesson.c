/*
** test_lesson.c — reading lessons: byte-exact round trips, cells and their
** line numbers, metadata and titles, every bad-file status, the memory
** budget.
**
** The edits are in test_lesson_edit.c, the fuzz loop in test_lesson_fuzz.c.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lesson.h"
#include "mem.h"
#include "tap.h"

#include "lesson_fix.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* --- round trips ----------------------------------------------------------- */

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.lua in the fixture directory loads and writes back byte for byte. */
static void test_round_trip(void)
{
	DIR *d = opendir(fix_dir());
	if (!ok(d != NULL, "fixture directory %s opens", fix_dir()))
		return;
	char *names[256];
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < NELEMS(names)) {
		size_t l = strlen(e->d_name);
		if (l > 4 && strcmp(e->d_name + l - 4, ".lua") == 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	ok(n >= 15, "%zu fixtures found", n);
	for (size_t i = 0; i < n; i++) {
		char path[600], err[300] = "";
		size_t len, wlen = 0;
		snprintf(path, sizeof path, "%s/%s", fix_dir(), names[i]);
		char *bytes = slurp(path, &len);
		lesson *L = NULL;
		int st = lesson_load(path, &L, err, sizeof err);
		char *w = st == LESSON_OK ? written(L, &wlen) : NULL;
		ok(bytes && w && wlen == len && memcmp(w, bytes, len) == 0 && !lesson_changed(L),
		   "%s round trips byte for byte", names[i]);
		if (st != LESSON_OK)
			printf("#   %s\n", err);
		char why[128] = "";
		ok(L && self_consistent(L, why, sizeof why), "%s parses the same twice %s", names[i], why);
		free(w);
		free(bytes);
		lesson_free(L);
		free(names[i]);
	}
}

/* --- cells and lines ----------------------------------------------------------- */

typedef struct want_cell {
	enum lesson_kind kind;
	const char *title, *source;
	int marker, first, last, end;
} want_cell;

#define C LESSON_CODE
#define M LESSON_MARKDOWN

static const want_cell w_header[] = {
	{M, "", "# The perceptron\nA perceptron multiplies each input by a weight, sums, and "
	        "fires when the sum\npasses a threshold.\n\n   indented, kept as is", 6, 7, 11, 12},
	{C, "AND gate", "local p = nn.Perceptron{inputs = 2, weights = {0.5, 0.5}, threshold = "
	                "0.5}\nfor _, x in ipairs{{0,0},{0,1},{1,0},{1,1}} do print(x[1], x[2], "
	                "p(x)) end", 13, 14, 15, 16},
	{M, "Short tag", "More prose, no space after the dashes.", 17, 18, 18, 20},
	{C, "", "print(\"last\")", 21, 22, 22, 22},
};
static const want_cell w_plain[] = {
	{C, "", "-- A plain Lua script: no markers at all.\nlocal x = 1\n\nprint(x + 1)", 0, 1, 4, 4},
};
static const want_cell w_blank_pre[] = {{C, "first", "print(1)", 4, 5, 5, 5}};
static const want_cell w_crlf[] = {
	{M, "", "# Windows\nline ends", 1, 2, 3, 4},
	{C, "code", "print(1)\n\nprint(2)", 5, 6, 8, 8},
};
static const want_cell w_nofinal[] = {
	{M, "", "# No newline", 1, 2, 2, 3},
	{C, "", "print(1)", 4, 5, 5, 5},
};
static const want_cell w_pre[] = {
	{C, "", "-- text before the first marker is a code cell\nlocal a = 1", 0, 9, 10, 11},
	{M, "", "## Second", 12, 13, 13, 13},
};
static const want_cell w_shapes[] = {
	{C, "", "", 1, 2, 1, 1},
	{C, "spaced   title", "x = 1", 2, 3, 3, 3},
	{M, "", "", 4, 5, 4, 4},
	{M, "", "", 5, 6, 6, 6},
	{C, "", "\n\n-- %%[markdown] not a marker", 7, 8, 10, 10},
	{C, "also a marker", "y = 2", 11, 12, 12, 13},
};
static const want_cell w_bom[] = {
	{M, "", "# Bom title", 1, 2, 2, 3},
	{C, "", "print(\"bom\")", 4, 5, 5, 5},
};
static const want_cell w_crlf_header[] = {
	{M, "", "Text\n\nmore", 5, 6, 8, 9},
	{C, "run", "x = 1\n\n\nprint(x)", 10, 11, 14, 14},
};
static const want_cell w_mixed[] = {
	{C, "a", "print(1)", 1, 2, 2, 3},
	{M, "", "hi", 4, 5, 5, 5},
};
static const want_cell w_utf8[] = {
	{M, "\316\225\316\273\316\273\316\267\316\275\316\271\316\272\316\254",
	 "# \303\234ber \317\200 \342\211\210 3.14 \360\237\216\211\n\344\270\255\346\226\207 text",
	 1, 2, 3, 4},
	{C, "\316\273 \342\206\222 cell", "local s = \"na\303\257ve \342\234\223\"\nprint(s)", 5, 6, 7, 7},
};
static const want_cell w_tail_nofinal[] = {{C, "", "print(1)", 1, 2, 2, 4}};
static const want_cell w_marker_eof[] = {
	{M, "", "# Only a heading", 1, 2, 2, 3},
	{C, "empty at the end", "", 4, 5, 4, 4},
};
static const want_cell w_md_only[] = {
	{M, "", "Intro line\n   -- not a comment? kept\n## Sub *heading* ##", 1, 2, 4, 4},
};
static const want_cell w_tight[] = {{C, "", "print(1)", 4, 5, 5, 5}};

static const struct fixture_want {
	const char *name;
	const want_cell *cells;
	size_t n;
	const char *title; /* lesson_title */
	const char *eol;   /* the line end new lines get */
} wants[] = {
	{"header.lua", w_header, NELEMS(w_header), "The perceptron learning rule", "\n"},
	{"plain.lua", w_plain, NELEMS(w_plain), "plain", "\n"},
	{"blank_pre.lua", w_blank_pre, NELEMS(w_blank_pre), "blank_pre", "\n"},
	{"crlf.lua", w_crlf, NELEMS(w_crlf), "Windows", "\r\n"},
	{"nofinal.lua", w_nofinal, NELEMS(w_nofinal), "No newline", "\n"},
	{"pre.lua", w_pre, NELEMS(w_pre), "Quoted title", "\n"},
	{"shapes.lua", w_shapes, NELEMS(w_shapes), "shapes", "\n"},
	{"bom.lua", w_bom, NELEMS(w_bom), "Bom title", "\n"},
	{"crlf_header.lua", w_crlf_header, NELEMS(w_crlf_header), "CRLF lesson", "\r\n"},
	{"mixed_eol.lua", w_mixed, NELEMS(w_mixed), "mixed_eol", "\n"},
	{"utf8.lua", w_utf8, NELEMS(w_utf8), "\303\234ber \317\200 \342\211\210 3.14 \360\237\216\211",
	 "\n"},
	{"tail_nofinal.lua", w_tail_nofinal, NELEMS(w_tail_nofinal), "tail_nofinal", "\n"},
	{"marker_eof.lua", w_marker_eof, NELEMS(w_marker_eof), "Only a heading", "\n"},
	{"md_only.lua", w_md_only, NELEMS(w_md_only), "Sub *heading*", "\n"},
	{"tight.lua", w_tight, NELEMS(w_tight), "Tight", "\n"},
};

/* Parses fixture `name` under its path; NULL on failure. */
static lesson *load_fixture(const char *name)
{
	char path[600];
	lesson *L = NULL;
	snprintf(path, sizeof path, "%s/%s", fix_dir(), name);
	lesson_load(path, &L, NULL, 0);
	return L;
}

static void test_cells(void)
{
	for (size_t f = 0; f < NELEMS(wants); f++) {
		const struct fixture_want *fw = &wants[f];
		lesson *L = load_fixture(fw->name);
		if (!ok(L && lesson_ncells(L) == fw->n, "%s has %zu cells", fw->name, fw->n)) {
			if (L)
				printf("#   got %zu\n", lesson_ncells(L));
			lesson_free(L);
			continue;
		}
		for (size_t i = 0; i < fw->n; i++) {
			const want_cell *w = &fw->cells[i];
			const lesson_cell *c = lesson_cell_at(L, i);
			int good = c->kind == w->kind && strcmp(c->title, w->title) == 0 &&
			           strcmp(c->source, w->source) == 0 && c->source_len == strlen(w->source);
			ok(good, "%s cell %zu: kind, title, source", fw->name, i);
			if (!good)
				printf("#   kind %d title \"%s\" source \"%s\"\n", c->kind, c->title, c->source);
			good = c->marker_line == w->marker && c->first_line == w->first &&
			       c->last_line == w->last && c->end_line == w->end;
			ok(good, "%s cell %zu: lines %d %d-%d (end %d)", fw->name, i, w->marker, w->first,
			   w->last, w->end);
			if (!good)
				printf("#   got %d %d-%d (end %d)\n", c->marker_line, c->first_line,
				       c->last_line, c->end_line);
		}
		char buf[128];
		is_str(lesson_title(L, buf, sizeof buf), fw->title, "%s: title", fw->name);
		ok(lesson_cell_at(L, fw->n) == NULL, "%s: cell past the end is NULL", fw->name);
		/* The line end a new cell gets: insert one and look. */
		lesson_insert(L, lesson_ncells(L), LESSON_CODE, "z");
		size_t len;
		char *w = written(L, &len);
		size_t el = strlen(fw->eol);
		ok(w && len > 2 + el && memcmp(w + len - 1 - el, "z", 1) == 0 &&
		   memcmp(w + len - el, fw->eol, el) == 0, "%s: new lines end with the file's line end",
		   fw->name);
		free(w);
		lesson_free(L);
	}

	/* lesson_file_line maps a chunk's line to the file. */
	lesson *L = load_fixture("header.lua");
	const lesson_cell *c = lesson_cell_at(L, 1);
	ok(lesson_file_line(c, 1) == 14 && lesson_file_line(c, 2) == 15, "file line of chunk lines");
	c = lesson_cell_at(L, 3);
	ok(lesson_file_line(c, 1) == 22, "file line in the last cell");
	char path[600];
	snprintf(path, sizeof path, "%s/header.lua", fix_dir());
	is_str(lesson_name(L), path, "lesson_name is the path given");
	lesson_free(L);
	L = load_fixture("pre.lua");
	ok(lesson_file_line(lesson_cell_at(L, 0), 2) == 10, "file line of text before the first marker");
	lesson_free(L);
}

#undef C
#undef M

/* --- metadata and titles ---------------------------------------------------------- */

/* Parses a C string; NULL with the status in *st on failure. */
static lesson *parse_str(const char *s, const char *name, int *st, char *err, size_t errsize)
{
	lesson *L = NULL;
	int r = lesson_parse(s, strlen(s), name, &L, err, errsize);
	if (st)
		*st = r;
	return L;
}

static void test_meta_title(void)
{
	lesson *L = load_fixture("header.lua");
	is_str(lesson_meta(L, "title"), "The perceptron learning rule", "meta title");
	is_str(lesson_meta(L, "source"), "python-course.eu, \"Neural Networks from Scratch\"",
	       "meta source keeps inner quotes");
	ok(lesson_meta(L, "author") == NULL, "missing key is NULL");
	ok(lesson_meta(L, "Title") == NULL, "keys are case-sensitive");
	lesson_free(L);
	L = load_fixture("pre.lua");
	is_str(lesson_meta(L, "title"), "Quoted title", "quotes around a value are removed");
	is_str(lesson_meta(L, "jupyter"), "", "a key without a value");
	ok(lesson_meta(L, "jupytext") == NULL && lesson_meta(L, "text_representation") == NULL,
	   "indented (nested) header lines are not keys");
	lesson_free(L);

	struct { const char *src, *name, *title; } t[] = {
		{"-- ---\n-- title:\n-- ---\n-- %% [md]\n-- # From heading\n", "x.lua", "From heading"},
		{"-- %% [md]\n-- no heading here\n-- %% [md]\n-- # Later\n", "dir/sub/name.lua", "name"},
		{"-- %%\nx = 1\n-- %% [md]\n-- ## Second cell #\n", "a.lua", "Second cell"},
		{"-- %% [md]\n-- #NotAHeading\n-- #### Deep ####   \n", "a.lua", "Deep"},
		{"-- %% [md]\n--    # Three spaces\n", "a.lua", "Three spaces"},
		{"-- %% [md]\n--     # Four spaces is code\n", "f.lua", "f"},
		{"-- %% [md]\n-- # C#\n", "a.lua", "C#"},
		{"-- %% [md]\n-- #\n-- # Real\n", "a.lua", "Real"},
		{"print(1)\n", "noext", "noext"},
		{"print(1)\n", "archive.lua.txt", "archive.lua.txt"},
		{"print(1)\n", "dir/.lua", ".lua"},
	};
	for (size_t i = 0; i < NELEMS(t); i++) {
		char buf[64];
		int st;
		L = parse_str(t[i].src, t[i].name, &st, NULL, 0);
		is_str(L ? lesson_title(L, buf, sizeof buf) : "(parse failed)", t[i].title,
		       "title fallback %zu", i);
		lesson_free(L);
	}
	/* Cut to the buffer on a character boundary. */
	L = parse_str("-- ---\n-- title: \317\200\317\200\317\200\n-- ---\nx()\n", "a", NULL, NULL, 0);
	char small[4];
	is_str(lesson_title(L, small, sizeof small), "\317\200", "title cut on a character boundary");
	char one[1] = {'x'};
	lesson_title(L, one, 1);
	ok(one[0] == '\0', "a 1-byte buffer gets an empty title");
	lesson_free(L);
}

/* --- bad input --------------------------------------------------------------------------- */

static void test_bad_parse(void)
{
	struct { const char *src; size_t len; int st; const char *msg; } t[] = {
		{"", 0, LESSON_EEMPTY, "t.lua: empty lesson"},
		{"\n\n  \n\t\n", 6, LESSON_ENOCELLS, "t.lua: has no cells"},
		{"-- ---\n-- title: x\n-- ---\n\n", 26, LESSON_ENOCELLS, "t.lua: has no cells"},
		{"print(1)\nx\0y", 12, LESSON_EBINARY, "t.lua:2: binary file (NUL byte), not a lesson"},
		{"\x1bLua\x54\0\x19\x93", 8, LESSON_EBYTECODE, "t.lua: precompiled Lua is not accepted"},
		{"-- %%\nprint('\303\251')\nabc\377", 0, LESSON_EUTF8, "t.lua:3:4: invalid UTF-8"},
		{"ab\303", 3, LESSON_EUTF8, "t.lua:1:3: invalid UTF-8"},
		{"\316\261\316\262\377\n", 6, LESSON_EUTF8, "t.lua:1:3: invalid UTF-8"},
		{"x\n\300\257\n", 4, LESSON_EUTF8, "t.lua:2:1: invalid UTF-8"},
		{"x = '\355\240\200'\n", 10, LESSON_EUTF8, "t.lua:1:6: invalid UTF-8"},
		{"x = '\364\220\200\200'\n", 11, LESSON_EUTF8, "t.lua:1:6: invalid UTF-8"},
		{"-- ---\n-- title: x\n-- %%\nprint(1)\n", 33, LESSON_EHEADER,
		 "t.lua:1: the header starting here never closes (no '-- ---' line)"},
		{"\357\273\277-- ---\n", 10, LESSON_EHEADER,
		 "t.lua:1: the header starting here never closes (no '-- ---' line)"},
	};
	for (size_t i = 0; i < NELEMS(t); i++) {
		char err[200] = "unset";
		lesson *L = (lesson *)1;
		size_t len = t[i].len ? t[i].len : strlen(t[i].src);
		int st = lesson_parse(t[i].src, len, "t.lua", &L, err, sizeof err);
		ok(st == t[i].st && L == NULL, "bad input %zu gives status %d", i, t[i].st);
		is_str(err, t[i].msg, "bad input %zu message", i);
	}
	lesson *L;
	ok(lesson_parse("", 0, "t", &L, NULL, 0) == LESSON_EEMPTY, "err may be NULL");
	char tiny[6];
	ok(lesson_parse("", 0, "long-name.lua", &L, tiny, sizeof tiny) == LESSON_EEMPTY &&
	   strcmp(tiny, "long-") == 0, "the message is cut to the buffer");
	char e2[64];
	ok(lesson_parse("", 0, NULL, &L, e2, sizeof e2) == LESSON_EEMPTY && strstr(e2, "empty"),
	   "a NULL name still gives a message");
	/* A lone \x1b that is not "\x1bLua" is text. */
	ok(lesson_parse("\x1b[1m\n", 5, "t", &L, NULL, 0) == LESSON_OK, "an escape byte is text");
	lesson_free(L);
	/* A literal U+FFFD is valid. */
	ok(lesson_parse("x = '\357\277\275'\n", 10, "t", &L, NULL, 0) == LESSON_OK, "U+FFFD is valid");
	lesson_free(L);
}

/* Writes n bytes of s to path; returns 0 on success. */
static int put_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(s, 1, n, f);
	return fclose(f) == 0 && w == n ? 0 : -1;
}

static void test_load(void)
{
	char dir[] = "/tmp/nnbook-lesson-XXXXXX";
	if (!ok(mkdtemp(dir) != NULL, "temporary directory"))
		return;
	char path[256], err[400];
	lesson *L = (lesson *)1;

	snprintf(path, sizeof path, "%s/missing.lua", dir);
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_ENOENT && !L, "missing file: ENOENT");
	char want[400];
	snprintf(want, sizeof want, "%s: no such file", path);
	is_str(err, want, "missing file message names it");

	snprintf(path, sizeof path, "%s/ok.lua", dir);
	put_file(path, "-- %%\nprint(1)\n", 15);
	char sub[300];
	snprintf(sub, sizeof sub, "%s/child.lua", path);
	ok(lesson_load(sub, &L, err, sizeof err) == LESSON_ENOENT, "a path through a file: ENOENT");

	ok(lesson_load(dir, &L, err, sizeof err) == LESSON_EISDIR && !L, "a directory: EISDIR");
	snprintf(want, sizeof want, "%s: is a directory, not a lesson", dir);
	is_str(err, want, "directory message");

	ok(lesson_load("/dev/null", &L, err, sizeof err) == LESSON_EREAD, "a device: EREAD");
	is_str(err, "/dev/null: not a regular file", "device message");

	snprintf(path, sizeof path, "%s/empty.lua", dir);
	put_file(path, "", 0);
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_EEMPTY, "an empty file: EEMPTY");
	snprintf(want, sizeof want, "%s: empty lesson", path);
	is_str(err, want, "empty file message");

	/* Exactly the limit loads; one byte more does not. */
	size_t n = LESSON_MAX_BYTES;
	char *big = malloc(n + 1);
	memset(big, '\n', n + 1);
	memcpy(big, "-- %%\n", 6);
	for (size_t i = 6; i + 6 <= n; i += 6)
		memcpy(big + i, "x = 1\n", 6);
	snprintf(path, sizeof path, "%s/limit.lua", dir);
	put_file(path, big, n);
	L = NULL;
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_OK && L && lesson_ncells(L) == 1,
	   "a file of exactly 4 MiB loads");
	lesson_free(L);
	snprintf(path, sizeof path, "%s/big.lua", dir);
	put_file(path, big, n + 1);
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_ETOOBIG && !L, "4 MiB + 1 byte: ETOOBIG");
	snprintf(want, sizeof want, "%s: too large (4194305 bytes; a lesson may have at most 4 MiB)",
	         path);
	is_str(err, want, "too large message");
	free(big);

	snprintf(path, sizeof path, "%s/bin.lua", dir);
	put_file(path, "-- %%\n\n\nx\0", 10);
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_EBINARY, "NUL byte: EBINARY");
	snprintf(want, sizeof want, "%s:4: binary file (NUL byte), not a lesson", path);
	is_str(err, want, "binary message names the line");

	snprintf(path, sizeof path, "%s/luac.out", dir);
	put_file(path, "\x1bLuaT\0\x19\x93\r\n", 10);
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_EBYTECODE, "precompiled: EBYTECODE");

	snprintf(path, sizeof path, "%s/hdr.lua", dir);
	put_file(path, "-- ---\n-- title: x\n", 19);
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_EHEADER, "unclosed header: EHEADER");
	snprintf(want, sizeof want, "%s:1: the header starting here never closes (no '-- ---' line)",
	         path);
	is_str(err, want, "header message names the line");

	snprintf(path, sizeof path, "%s/locked.lua", dir);
	put_file(path, "x()\n", 4);
	chmod(path, 0);
	if (geteuid() != 0) {
		ok(lesson_load(path, &L, err, sizeof err) == LESSON_EREAD && strstr(err, "cannot open"),
		   "unreadable file: EREAD");
	} else {
		ok(1, "# skip unreadable file: running as root");
	}

	/* A FIFO is refused at once: opening it must not wait for a writer. */
	snprintf(path, sizeof path, "%s/fifo.lua", dir);
	if (mkfifo(path, 0600) == 0) {
		ok(lesson_load(path, &L, err, sizeof err) == LESSON_EREAD && !L, "a FIFO: EREAD");
		snprintf(want, sizeof want, "%s: not a regular file", path);
		is_str(err, want, "FIFO message");
	}

	snprintf(path, sizeof path, "%s/ok.lua", dir);
	ok(lesson_load(path, &L, err, sizeof err) == LESSON_OK && lesson_ncells(L) == 1 &&
	   strcmp(lesson_name(L), path) == 0, "a good file loads under its path");
	lesson_free(L);

	const char *names[] = {"missing.lua", "ok.lua", "empty.lua", "limit.lua", "big.lua",
	                       "bin.lua", "luac.out", "hdr.lua", "locked.lua", "fifo.lua"};
	for (size_t i = 0; i < NELEMS(names); i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

/* --- memory budget ------------------------------------------------------------------------ */

/* Parses `bytes` under every budget from nothing up until it fits. */
static void test_budget(void)
{
	size_t len;
	char *bytes = fixture("header.lua", &len);
	size_t base = mem_used();
	int fails = 0, clean = 1, msgs = 1;
	lesson *L = NULL;
	for (size_t lim = 1;; lim += 8) {
		char err[100] = "";
		mem_set_limit(base + lim);
		int st = lesson_parse(bytes, len, "h.lua", &L, err, sizeof err);
		mem_set_limit(0);
		if (st == LESSON_OK)
			break;
		fails++;
		clean &= st == LESSON_ENOMEM && L == NULL && mem_used() == base;
		msgs &= strcmp(err, "h.lua: not enough memory") == 0;
		if (lim > 1000000)
			break;
	}
	ok(fails > 10 && clean, "parse under %d small budgets: ENOMEM, nothing leaked", fails);
	ok(msgs, "ENOMEM message");
	size_t w;
	char *out = L ? written(L, &w) : NULL;
	ok(out && w == len && memcmp(out, bytes, len) == 0, "parse once the budget fits");
	free(out);
	lesson_free(L);
	ok(mem_used() == base, "lesson_free releases every charged byte");

	/* lesson_load charges its read buffer too. */
	char path[600], err[300];
	snprintf(path, sizeof path, "%s/header.lua", fix_dir());
	mem_set_limit(base + 100);
	int st = lesson_load(path, &L, err, sizeof err);
	mem_set_limit(0);
	ok(st == LESSON_ENOMEM && !L && mem_used() == base, "load over budget: ENOMEM");
	free(bytes);
}

/* A lesson has a header or cells; a module it requires has neither.  Links can be refused. */
static void test_is_lesson_and_links(void)
{
	static const struct { const char *src; int lesson; } cases[] = {
		{"return {answer = 42}\n", 0},
		{"-- a module with a comment\nlocal M = {}\nreturn M\n", 0},
		{"-- %% one cell\nprint(1)\n", 1},
		{"-- ---\n-- title: T\n-- ---\nprint(1)\n", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		lesson *L;
		char err[128];
		int rc = lesson_parse(cases[i].src, strlen(cases[i].src), "x.lua", &L, err, sizeof err);
		ok(rc == LESSON_OK && lesson_is_lesson(L) == cases[i].lesson,
		   "case %zu is %s", i, cases[i].lesson ? "a lesson" : "a module, not a lesson");
		if (rc == LESSON_OK)
			lesson_free(L);
	}
	char dir[] = "/tmp/nnbook-link-XXXXXX", target[64], link[64], err[256];
	if (!mkdtemp(dir))
		return;
	snprintf(target, sizeof target, "%s/t.lua", dir);
	snprintf(link, sizeof link, "%s/l.lua", dir);
	FILE *f = fopen(target, "w");
	if (f) {
		fputs("-- %% a\nprint(1)\n", f);
		fclose(f);
	}
	lesson *L = NULL;
	ok(symlink(target, link) == 0 && lesson_load_flags(link, 0, &L, err, sizeof err) == LESSON_OK,
	   "a link is followed by default");
	lesson_free(L);
	L = NULL;
	ok(lesson_load_flags(link, LESSON_NOFOLLOW, &L, err, sizeof err) != LESSON_OK &&
	   strstr(err, "symbolic link"), "and refused with LESSON_NOFOLLOW: %s", err);
	lesson_free(L);
	unlink(link);
	unlink(target);
	rmdir(dir);
}

int main(void)
{
	test_round_trip();
	test_is_lesson_and_links();
	test_cells();
	test_meta_title();
	test_bad_parse();
	test_load();
	test_budget();
	ok(mem_used() == 0, "no lesson left charged");
	return tap_done();
}
