/*
** test_lesson_fuzz.c — a deterministic fuzz loop over the lesson parser.
**
** Thousands of fixtures with random mutations (bytes the parser cares
** about are likely: line ends, markers, header lines, NUL, bad UTF-8):
** parsing must never crash (ASan and valgrind watch), a file that parses
** must write back byte for byte, its line numbers must be ordered and
** agree with a second parse, and an edit on it must leave a lesson that
** reads back the same from its own bytes.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "mem.h"
#include "tap.h"

#include "lesson_fix.h"

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t fuzz_state = 0x5eed;

static uint32_t fuzz_rand(uint32_t n)
{
	fuzz_state = fuzz_state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)((fuzz_state >> 33) % n);
}

/* Applies one random mutation to sb: bytes that matter to the parser are likely. */
static void mutate(strbuf *sb)
{
	static const char *const pieces[] = {
		"\n", "\r\n", "\r", "-- %%", "-- %% [md]", "-- %% [markdown] T", "-- ---\n", "--",
		" ", "\t", "%%", "[md]", "\0", "\377", "\303", "\xe2\x82", "\x1bLua", "\357\273\277",
		"-- title: x\n", "#", "-- # H\n", "\n\n",
	};
	size_t at = sb->len ? fuzz_rand((uint32_t)sb->len + 1) : 0;
	strbuf t = STRBUF_INIT;
	switch (fuzz_rand(5)) {
	case 0: { /* insert a piece */
		const char *p = pieces[fuzz_rand(NELEMS(pieces))];
		size_t pl = *p ? strlen(p) : 1;
		sb_addn(&t, sb->s, at);
		sb_addn(&t, p, pl);
		sb_addn(&t, sb->s + at, sb->len - at);
		break;
	}
	case 1: { /* delete a run */
		size_t n = fuzz_rand(8) + 1;
		if (at + n > sb->len)
			n = sb->len - at;
		sb_addn(&t, sb->s, at);
		sb_addn(&t, sb->s + at + n, sb->len - at - n);
		break;
	}
	case 2: /* replace a byte */
		sb_addn(&t, sb->s, sb->len);
		if (at < t.len)
			t.s[at] = (char)fuzz_rand(256);
		break;
	case 3: /* truncate */
		sb_addn(&t, sb->s, at);
		break;
	default: { /* duplicate a slice */
		size_t n = fuzz_rand(40);
		if (at + n > sb->len)
			n = sb->len - at;
		sb_addn(&t, sb->s, at + n);
		sb_addn(&t, sb->s + at, sb->len - at);
		break;
	}
	}
	sb_free(sb);
	*sb = t;
}

/* Whether every cell's line numbers are in order: marker < first <= last + 1 <= end + 1. */
static int lines_ordered(const lesson *L)
{
	int prev_end = 0;
	for (size_t i = 0; i < lesson_ncells(L); i++) {
		const lesson_cell *c = lesson_cell_at(L, i);
		if (c->first_line < 1 || c->last_line < c->first_line - 1 || c->end_line < c->last_line ||
		    (c->marker_line && (c->marker_line >= c->first_line || c->marker_line <= prev_end)))
			return 0;
		prev_end = c->end_line;
	}
	return 1;
}

/* One random edit of the kinds the editor makes; returns its status. */
static int random_edit(lesson *L)
{
	size_t n = lesson_ncells(L), i = fuzz_rand((uint32_t)n);
	const lesson_cell *c = lesson_cell_at(L, i);
	switch (fuzz_rand(6)) {
	case 0: return lesson_insert(L, fuzz_rand((uint32_t)n + 1), LESSON_MARKDOWN, "a\n\nb");
	case 1: return lesson_set_source(L, i, "x = 1\n", 6);
	case 2: return lesson_move(L, i, fuzz_rand(2) ? 1 : -1);
	case 3:
		/* Code with a `%%` line would read back as a marker (see test_lesson_edit.c). */
		if (strstr(c->source, "%%"))
			return LESSON_OK;
		return lesson_set_kind(L, i, c->kind == LESSON_CODE ? LESSON_MARKDOWN : LESSON_CODE);
	case 4: return lesson_set_title(L, i, "T");
	default: return lesson_set_meta(L, "title", "F");
	}
}

static void test_fuzz(void)
{
	const char *names[] = {"header.lua", "crlf_header.lua", "shapes.lua", "pre.lua", "bom.lua",
	                       "utf8.lua", "marker_eof.lua", "tail_nofinal.lua", "plain.lua"};
	int parsed = 0, failed = 0, exact = 1, ordered = 1, again = 1, edits = 1, statuses = 1;
	for (int iter = 0; iter < 4000; iter++) {
		size_t len = 0;
		char *base = fixture(names[iter % NELEMS(names)], &len);
		strbuf sb = STRBUF_INIT;
		sb_addn(&sb, base ? base : "", len);
		free(base);
		int k = 1 + (int)fuzz_rand(6);
		for (int j = 0; j < k; j++)
			mutate(&sb);
		lesson *L = NULL;
		char err[200] = "", why[128], title[64];
		int st = lesson_parse(sb_str(&sb), sb.len, "fuzz.lua", &L, err, sizeof err);
		if (st != LESSON_OK) {
			failed++;
			statuses &= L == NULL && st > LESSON_OK && st <= LESSON_EINDEX && err[0];
			sb_free(&sb);
			continue;
		}
		parsed++;
		size_t wl;
		char *w = written(L, &wl);
		if (!(w && wl == sb.len && memcmp(w, sb.s, wl) == 0))
			exact = 0;
		free(w);
		lesson_title(L, title, sizeof title);
		if (!lines_ordered(L) || !self_consistent(L, why, sizeof why)) {
			if (ordered && again)
				dump("parsed", sb.s, sb.len);
			ordered = again = 0;
		}
		st = random_edit(L);
		statuses &= st == LESSON_OK || st == LESSON_EINDEX;
		if (!lines_ordered(L) || !self_consistent(L, why, sizeof why)) {
			if (edits) {
				printf("#   iteration %d: %s\n", iter, why);
				dump("edited", sb.s, sb.len);
			}
			edits = 0;
		}
		lesson_free(L);
		sb_free(&sb);
	}
	ok(parsed > 1000 && failed > 100, "fuzz: %d parsed, %d refused", parsed, failed);
	ok(exact, "fuzz: every parsed input writes back byte for byte");
	ok(ordered && again, "fuzz: line numbers in order, a second parse agrees");
	ok(edits, "fuzz: after an edit the lesson still matches its file");
	ok(statuses, "fuzz: refusals have a status and a message");
	ok(mem_used() == 0, "fuzz: nothing leaked");
}

int main(void)
{
	test_fuzz();
	return tap_done();
}
