/*
** fuzz_lesson.c — the lesson parser on arbitrary bytes: it must never
** crash, and whatever it accepts it must write back byte for byte.  One
** edit (a cell's source replaced) must also leave a file that parses.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lesson.h"
#include "mem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lesson *L;
	char err[256];
	if (lesson_parse((const char *)data, size, "fuzz.lua", &L, err, sizeof err) != LESSON_OK)
		return 0;
	strbuf sb = STRBUF_INIT;
	if (lesson_write(L, &sb) != LESSON_OK || sb.len != size || memcmp(sb.s, data, size) != 0)
		abort(); /* an unchanged lesson must round-trip exactly */
	sb_free(&sb);
	if (lesson_ncells(L) > 0 && lesson_set_source(L, 0, "x = 1\n-- %% not a marker?", 24) == LESSON_OK) {
		strbuf out = STRBUF_INIT;
		lesson *again;
		if (lesson_write(L, &out) == LESSON_OK &&
		    lesson_parse(out.s, out.len, "fuzz.lua", &again, err, sizeof err) == LESSON_OK)
			lesson_free(again);
		sb_free(&out);
	}
	lesson_free(L);
	return 0;
}
