/*
** golden.h — compare a rendering with a file under tests/golden/, or
** rewrite the file when NNBOOK_UPDATE_GOLDEN=1 (then look at the diff by
** eye before committing it).  Tests run from the top of the source tree,
** as tests/run.sh does.
*/
#ifndef NNBOOK_GOLDEN_H
#define NNBOOK_GOLDEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "styled.h"
#include "tap.h"

/* Reads a whole file into sb; returns 0 when it cannot be opened. */
static int golden_read(const char *path, strbuf *sb)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(sb, buf, n);
	fclose(f);
	return 1;
}

/* Prints the first line where got and want differ, as TAP comments. */
static void golden_diff(const char *got, const char *want)
{
	size_t i = 0, start = 0;
	int line = 1;
	while (got[i] && got[i] == want[i]) {
		if (got[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	printf("#   first difference on line %d\n", line);
	printf("#   got:  %.*s\n", (int)strcspn(got + start, "\n"), got + start);
	printf("#   want: %.*s\n", (int)strcspn(want + start, "\n"), want + start);
}

/*
** Checks text against tests/golden/<dir>/<name>; with NNBOOK_UPDATE_GOLDEN=1
** writes it instead.  One TAP line.
*/
static int golden_check(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "tests/golden/%s/%s", dir, name);
	const char *upd = getenv("NNBOOK_UPDATE_GOLDEN");
	if (upd && strcmp(upd, "1") == 0) {
		FILE *f = fopen(path, "wb");
		int okw = f && fwrite(text, 1, strlen(text), f) == strlen(text);
		if (f)
			okw &= fclose(f) == 0;
		return ok(okw, "golden %s written", name);
	}
	strbuf want = STRBUF_INIT;
	if (!golden_read(path, &want)) {
		ok(0, "golden %s (missing: run with NNBOOK_UPDATE_GOLDEN=1 from the source tree)", name);
		return 0;
	}
	int same = strcmp(sb_str(&want), text) == 0;
	ok(same, "golden %s", name);
	if (!same)
		golden_diff(text, sb_str(&want));
	sb_free(&want);
	return same;
}

/* Checks a rendering as plain text (.txt) or, with ansi, as ANSI (.ansi). */
static int golden_text(const char *dir, const char *base, const st_text *t, int ansi)
{
	char name[256];
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, t, ansi);
	snprintf(name, sizeof name, "%s.%s", base, ansi ? "ansi" : "txt");
	int r = golden_check(dir, name, sb_str(&sb));
	sb_free(&sb);
	return r;
}

#endif
