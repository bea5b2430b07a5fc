/*
** test_textbuf_history.c — the history a cell keeps for a whole session:
** a change made elsewhere taken in as one undo step (textbuf_replace),
** and the history trimmed to a size (oldest steps first, the newest kept,
** "modified" still right), memory over budget changing nothing.
*/
#include <string.h>

#include "mem.h"
#include "tap.h"
#include "textbuf.h"

static char got[4096];

/* The whole text, in a static buffer, for is_str. */
static const char *text(const textbuf *tb)
{
	strbuf sb = STRBUF_INIT;
	textbuf_text(tb, &sb);
	snprintf(got, sizeof got, "%s", sb_str(&sb));
	sb_free(&sb);
	return got;
}

static void type_str(textbuf *tb, const char *s)
{
	for (; *s; s++)
		textbuf_type(tb, s, 1);
}

static void replace(void)
{
	textbuf *tb = textbuf_new("x = 1", 5);
	textbuf_move(tb, TEXTBUF_END, 0);
	type_str(tb, " + 1");
	unsigned long v = textbuf_version(tb);
	ok(textbuf_replace(tb, "x = 1", 5) == TEXTBUF_OK && strcmp(text(tb), "x = 1") == 0,
	   "replace puts the new text in");
	ok(textbuf_version(tb) != v, "and counts as a change");
	size_t byte, line = textbuf_cursor(tb, &byte);
	ok(line == 0 && byte == 0, "the cursor goes to the start");
	ok(textbuf_undo(tb) && strcmp(text(tb), "x = 1 + 1") == 0, "one undo brings back the text before it");
	ok(textbuf_undo(tb) && strcmp(text(tb), "x = 1") == 0, "and the undo before that still works");
	ok(textbuf_redo(tb) && textbuf_redo(tb) && strcmp(text(tb), "x = 1") == 0, "redo goes forward again");
	v = textbuf_version(tb);
	size_t steps = textbuf_history_bytes(tb);
	ok(textbuf_replace(tb, "x = 1", 5) == TEXTBUF_OK && textbuf_version(tb) == v &&
	   textbuf_history_bytes(tb) == steps, "the same text again is no step at all");
	ok(textbuf_replace(tb, "a\r\nb", 4) == TEXTBUF_OK && strcmp(text(tb), "a\nb") == 0,
	   "the new text is normalised (CRLF)");
	ok(textbuf_replace(tb, "a\nb", 3) == TEXTBUF_OK && textbuf_undo(tb) && strcmp(text(tb), "x = 1") == 0,
	   "a replacement by the normalised same text made no step");
	ok(textbuf_replace(tb, "", 0) == TEXTBUF_OK && strcmp(text(tb), "") == 0 && textbuf_undo(tb) &&
	   strcmp(text(tb), "x = 1") == 0, "replace by nothing, and undo it");
	textbuf_free(tb);

	tb = textbuf_new(NULL, 0);
	ok(textbuf_replace(tb, "new", 3) == TEXTBUF_OK && textbuf_undo(tb) && strcmp(text(tb), "") == 0,
	   "an empty buffer replaced, and undone");
	textbuf_free(tb);

	tb = textbuf_new("abc\ndef", 7);
	char big[4096];
	memset(big, 'y', sizeof big);
	mem_set_limit(mem_used() + 64);
	int rc = textbuf_replace(tb, big, sizeof big);
	mem_set_limit(0);
	ok(rc == TEXTBUF_ENOMEM && strcmp(text(tb), "abc\ndef") == 0 && !textbuf_undo(tb),
	   "over the budget: ENOMEM, the text and the history as they were");
	textbuf_free(tb);
}

static void trim(void)
{
	textbuf *tb = textbuf_new("start", 5);
	textbuf_move(tb, TEXTBUF_END, 0);
	for (int i = 0; i < 50; i++) {
		char s[32];
		snprintf(s, sizeof s, " step%02d", i);
		textbuf_insert(tb, s, strlen(s));
	}
	size_t before = textbuf_history_bytes(tb);
	ok(before > 1000, "fifty pasted steps make a history (%zu bytes)", before);
	textbuf_trim_history(tb, before);
	ok(textbuf_history_bytes(tb) == before, "a history within the limit is left alone");
	textbuf_trim_history(tb, 1000);
	size_t after = textbuf_history_bytes(tb);
	ok(after <= 1000 && after > 0, "trimmed to the limit (%zu bytes)", after);
	ok(strstr(text(tb), "step49") != NULL, "the text is untouched");
	int undos = 0;
	while (textbuf_undo(tb))
		undos++;
	ok(undos > 0 && undos < 50, "the newest steps can still be undone (%d of 50)", undos);
	ok(strstr(text(tb), "step00") && !strstr(text(tb), "step49"), "the oldest ones are forgotten");
	ok(textbuf_modified(tb), "undone as far as it goes, the text still differs from the start");
	while (textbuf_redo(tb))
		;
	textbuf_set_saved(tb);
	textbuf_undo(tb);
	textbuf_trim_history(tb, 0);
	ok(textbuf_history_bytes(tb) > 0 && !textbuf_redo(tb), "at a limit of 0 the redo steps go first, the newest undo stays");
	ok(textbuf_undo(tb) && textbuf_modified(tb), "which still undoes");
	textbuf_free(tb);
	ok(mem_used() == 0, "everything freed (%zu bytes left)", mem_used());
}

int main(void)
{
	replace();
	trim();
	return tap_done();
}
