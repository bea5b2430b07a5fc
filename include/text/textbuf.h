/*
** textbuf.h — the editor's model of one cell's text.
**
** An array of UTF-8 lines and a cursor (line, byte offset).  The UI draws
** it and turns keys into calls here; nothing here knows about the screen.
**
** What the buffer always holds, whatever comes in:
** - valid UTF-8: an undecodable byte becomes U+FFFD when inserted (what the
**   student sees is what gets saved);
** - no control characters but tab: CRLF and lone CR become newlines, the
**   rest of C0, DEL and C1 (U+0080..U+009F, which terminals read as escape
**   sequences) are dropped;
** - a cursor on a code point boundary, never inside a UTF-8 sequence.
**
** Display columns: tabs stop every TEXTBUF_TAB columns, wide characters
** take 2, combining marks 0 (utf8_cpwidth).  Up/down keep a remembered
** column (the "goal") so a short line in between does not lose it.
**
** Undo/redo works in steps: consecutive typed characters form one step,
** so do consecutive backspaces or deletes; a paste, a newline and every
** other edit are one step each.  Moving the cursor or textbuf_seal()
** closes the current step.  "Modified" means the text differs, by undo
** history, from the last textbuf_set_saved() (or the start): undoing back
** to the saved state clears it.
**
** Memory comes from mem.h; an allocation that fails leaves the buffer as
** it was and returns TEXTBUF_ENOMEM.
*/
#ifndef NNBOOK_TEXTBUF_H
#define NNBOOK_TEXTBUF_H

#include <stddef.h>

#include "strbuf.h"

typedef struct textbuf textbuf;

enum { TEXTBUF_OK = 0, TEXTBUF_ENOMEM, TEXTBUF_EARG };

/* Columns between tab stops. */
#define TEXTBUF_TAB 4

/* Cursor moves for textbuf_move. */
enum textbuf_move {
	TEXTBUF_LEFT,        /* one code point back; from column 0 to the end of the line above */
	TEXTBUF_RIGHT,       /* one code point on; from the end to the start of the line below */
	TEXTBUF_UP,          /* n lines up, at the goal column */
	TEXTBUF_DOWN,        /* n lines down, at the goal column */
	TEXTBUF_HOME,        /* smart: to the first non-blank; when there already, to column 0 */
	TEXTBUF_END,         /* end of the line */
	TEXTBUF_WORD_LEFT,   /* to the start of this or the previous word */
	TEXTBUF_WORD_RIGHT,  /* past this word and the blanks after it (to the next word) */
	TEXTBUF_BUF_START,   /* line 0, byte 0 */
	TEXTBUF_BUF_END      /* end of the last line */
};

/*
** Returns a new buffer holding text[0..len) (normalised as above; NULL
** with len 0 is empty), cursor at the start, unmodified, no history; or
** NULL when out of memory.  Free with textbuf_free().
*/
textbuf *textbuf_new(const char *text, size_t len);

/* Releases tb and its history.  NULL is a no-op. */
void textbuf_free(textbuf *tb);

/*
** Sets what one indentation level is (e.g. "\t" or "  "; 1..8 blanks)
** and whether newline adds a level after a line ending in `then`, `do`,
** `else`, `repeat`, `function(...)`, `{` or `(` (smart != 0, for Lua
** code; 0 for prose).  textbuf_new guesses: "\t" when some line starts
** with a tab, else "  "; smart on.  Returns TEXTBUF_OK or TEXTBUF_EARG.
*/
int textbuf_set_indent(textbuf *tb, const char *unit, int smart);

/* Returns the number of lines (at least 1). */
size_t textbuf_lines(const textbuf *tb);

/* Returns line i's bytes (no newline, not NUL-terminated) and its length in *len; NULL past the end.  Owned by tb, valid until the next edit. */
const char *textbuf_line(const textbuf *tb, size_t i, size_t *len);

/* Appends the whole text (lines joined by '\n') to out. */
void textbuf_text(const textbuf *tb, strbuf *out);

/* Returns the cursor's line; *byte (may be NULL) gets its byte offset in that line. */
size_t textbuf_cursor(const textbuf *tb, size_t *byte);

/* Returns the display column of the cursor. */
size_t textbuf_cursor_col(const textbuf *tb);

/* Returns the display column of byte offset `byte` in line i (clamped to the line). */
size_t textbuf_col(const textbuf *tb, size_t i, size_t byte);

/* Returns the display width of line i. */
size_t textbuf_line_width(const textbuf *tb, size_t i);

/*
** Moves the cursor to (line, byte), clamped to the text and moved back to
** a code point boundary; sets the goal column and closes the undo step.
*/
void textbuf_set_cursor(textbuf *tb, size_t line, size_t byte);

/*
** Moves the cursor to display column col of line (for a mouse click):
** the last position whose column is <= col.  Like textbuf_set_cursor.
*/
void textbuf_set_cursor_col(textbuf *tb, size_t line, size_t col);

/* Moves the cursor; n counts lines for UP/DOWN (page moves: n = page height) and is ignored otherwise. */
void textbuf_move(textbuf *tb, enum textbuf_move m, size_t n);

/*
** Inserts typed text at the cursor (normally one character) and moves the
** cursor after it; joins the previous typing step when it continues it.
** Returns TEXTBUF_OK or TEXTBUF_ENOMEM.
*/
int textbuf_type(textbuf *tb, const char *s, size_t n);

/*
** Inserts text at the cursor as one undo step (a paste: may hold many
** lines; no auto-indent).  Returns TEXTBUF_OK or TEXTBUF_ENOMEM.
*/
int textbuf_insert(textbuf *tb, const char *s, size_t n);

/*
** Splits the line at the cursor; the new line starts with the leading
** blanks of the current one (those before the cursor), plus one level
** after a block opener (see textbuf_set_indent).  Returns a TEXTBUF_* status.
*/
int textbuf_newline(textbuf *tb);

/* Deletes the code point before the cursor, or joins with the line above at column 0.  Returns a TEXTBUF_* status. */
int textbuf_backspace(textbuf *tb);

/* Deletes the code point under the cursor, or joins the next line at the end.  Returns a TEXTBUF_* status. */
int textbuf_delete(textbuf *tb);

/* Closes the current undo step, so the next typing starts a new one (e.g. after a pause). */
void textbuf_seal(textbuf *tb);

/*
** Undoes one step and puts the cursor where it was before it.  Returns 1
** if it did, 0 when there is nothing to undo (or memory ran out: then
** nothing changed).
*/
int textbuf_undo(textbuf *tb);

/* Redoes one undone step.  Returns 1 if it did, 0 when there is none (or memory ran out). */
int textbuf_redo(textbuf *tb);

/*
** Replaces the whole text with text[0..len) (normalised as above) as one
** undo step, the cursor at the start; when the text is the same already
** nothing happens.  For changes made elsewhere (another editor, a reset to
** an original), so undo still reaches the text before them.  Returns
** TEXTBUF_OK, or TEXTBUF_ENOMEM with the text unchanged.
*/
int textbuf_replace(textbuf *tb, const char *text, size_t len);

/* Returns the bytes the undo and redo history holds (its texts and bookkeeping). */
size_t textbuf_history_bytes(const textbuf *tb);

/*
** Forgets history until it holds at most max_bytes: first the redo steps
** (the furthest first), then the oldest undo steps; the newest undo step
** always stays.  Keeps a history kept for a whole session bounded.
*/
void textbuf_trim_history(textbuf *tb, size_t max_bytes);

/* Returns 1 when the text differs from the last saved state. */
int textbuf_modified(const textbuf *tb);

/* Marks the current text as saved (textbuf_modified() becomes 0). */
void textbuf_set_saved(textbuf *tb);

/* Returns a counter that grows with every change of text or cursor (for redraws). */
unsigned long textbuf_version(const textbuf *tb);

#endif
