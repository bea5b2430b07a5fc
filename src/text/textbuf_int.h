/*
** textbuf_int.h — the inside of a textbuf, shared by textbuf_lines.c (lines
** and primitive edits, the bottom), textbuf_undo.c (history, on the lines),
** textbuf.c (the object), textbuf_edit.c (editing keys) and textbuf_move.c
** (columns and cursor moves).
*/
#ifndef NNBOOK_TEXTBUF_INT_H
#define NNBOOK_TEXTBUF_INT_H

#include "textbuf.h"

typedef struct tb_line {
	char *s;        /* valid UTF-8, no newline, not NUL-terminated; never NULL */
	size_t len, cap;
} tb_line;

typedef struct tb_pos {
	size_t line, byte;
} tb_pos;

/* One primitive change: `text` was inserted at `at`, or deleted from `at`. */
typedef struct tb_edit {
	int insert;
	tb_pos at;
	char *text;
	size_t len;
} tb_edit;

/*
** Kinds of undo step: the first three merge with a step of their own kind;
** TB_REPLACE only within one textbuf_replace (its deletion and insertion).
*/
enum { TB_TYPE = 1, TB_BACK, TB_DEL, TB_OTHER, TB_REPLACE };

/* One undo step: its edits in the order made, and the cursor around them. */
typedef struct tb_step {
	tb_edit *edits;
	size_t n, cap;
	tb_pos before, after;
	int kind;
	unsigned long id;   /* names the text state after this step (for "modified") */
} tb_step;

struct textbuf {
	tb_line *lines;
	size_t n, cap;
	tb_pos cur;
	size_t goal;          /* remembered display column for up/down */
	tb_step *steps;       /* [0, top) done, [top, nsteps) undone (redo) */
	size_t top, nsteps, capsteps;
	int open;             /* steps[top-1] may still grow */
	unsigned long next_id, saved_id;
	unsigned long base_id;  /* names the text state before steps[0] (trimmed history) */
	char unit[9];         /* one indentation level */
	int smart;
	unsigned long version;
};

/* ---- textbuf_lines.c ---- */

/* Make line l hold need bytes / tb hold need lines; return 0, or -1 (unchanged). */
int tb_line_reserve(tb_line *l, size_t need);
int tb_lines_reserve(textbuf *tb, size_t need);

/*
** Returns a mem_alloc'd copy of s[0..n) made safe to hold (valid UTF-8,
** '\n' newlines, no controls but tab), its length in *out; NULL on OOM.
*/
char *tb_normalize(const char *s, size_t n, size_t *out);

/* Returns the position just after text t[0..n) inserted at at. */
tb_pos tb_end_of(tb_pos at, const char *t, size_t n);

/* Inserts normalised t[0..n) at at; on failure (TEXTBUF_ENOMEM) nothing changed. */
int tb_raw_insert(textbuf *tb, tb_pos at, const char *t, size_t n);

/* Deletes [a, b); on failure (TEXTBUF_ENOMEM) nothing changed. */
int tb_raw_delete(textbuf *tb, tb_pos a, tb_pos b);

/* Returns a mem_alloc'd copy of the text in [a, b) (length in *len), or NULL. */
char *tb_range_text(const textbuf *tb, tb_pos a, tb_pos b, size_t *len);

/* ---- textbuf_undo.c ---- */

/* Frees every undo and redo step. */
void tb_clear_history(textbuf *tb);

/*
** Records and applies one edit as part of a step of the given kind:
** insert t[0..n) at at, or (insert 0) delete [at, b).  Returns a
** TEXTBUF_* status; on failure neither text nor history changed.
*/
int tb_record(textbuf *tb, int kind, int insert, tb_pos at, tb_pos b, const char *t, size_t n);

/* Puts the cursor at p after an edit, notes it in the step, and closes the step when seal. */
void tb_after_edit(textbuf *tb, tb_pos p, int seal);

/* ---- textbuf_move.c ---- */

/* Returns the display column of byte offset byte in line l (clamped). */
size_t tb_col(const textbuf *tb, size_t l, size_t byte);

/* Returns the byte offset of the last position in line l whose column is <= col. */
size_t tb_byte_at_col(const textbuf *tb, size_t l, size_t col);

/* Returns the offset of the code point after / before byte in line l. */
size_t tb_next(const textbuf *tb, size_t l, size_t byte);
size_t tb_prev(const textbuf *tb, size_t l, size_t byte);

#endif
