/*
** textbuf_int.h — the inside of a textbuf, shared by textbuf.c (text,
** edits, undo) and textbuf_move.c (columns and cursor moves).
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

/* Kinds of undo step: the first three merge with a step of their own kind. */
enum { TB_TYPE = 1, TB_BACK, TB_DEL, TB_OTHER };

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
	char unit[9];         /* one indentation level */
	int smart;
	unsigned long version;
};

/* Returns the display column of byte offset byte in line l (clamped). */
size_t tb_col(const textbuf *tb, size_t l, size_t byte);

/* Returns the byte offset of the last position in line l whose column is <= col. */
size_t tb_byte_at_col(const textbuf *tb, size_t l, size_t col);

/* Returns the offset of the code point after / before byte in line l. */
size_t tb_next(const textbuf *tb, size_t l, size_t byte);
size_t tb_prev(const textbuf *tb, size_t l, size_t byte);

#endif
