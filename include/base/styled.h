/*
** styled.h — styled text: lines of terminal cells with a colour and
** attributes each.  It is what every renderer produces (prose, arrays,
** tables, figures, diagrams) and what the screen and the transcript draw,
** so the two always agree.
**
** One cell is one terminal column.  A wide character (2 columns) is stored
** in its first cell, followed by a cell whose cp is 0 (a continuation).
** Colours are roles, not terminal colours: the UI maps them to curses
** pairs (or to nothing under NO_COLOR), the transcript to ANSI or nothing.
*/
#ifndef NNBOOK_STYLED_H
#define NNBOOK_STYLED_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Colour roles. */
enum st_color {
	ST_DEFAULT = 0,
	/* The class palette (Okabe-Ito, colour-blind safe), series 1..8. */
	ST_C1, ST_C2, ST_C3, ST_C4, ST_C5, ST_C6, ST_C7, ST_C8,
	ST_AXIS,      /* axes, ticks, frames */
	ST_MUTED,     /* secondary text: line numbers, hints, "+N lines" */
	ST_HEADING,   /* headings, titles */
	ST_CODE,      /* inline code and code blocks in prose */
	ST_LINK,
	ST_ERROR,
	ST_OK,        /* passed checks */
	ST_WARN,
	ST_KEYWORD,   /* Lua syntax: keywords */
	ST_STRING,    /* Lua syntax: strings */
	ST_NUMBER,    /* Lua syntax: numbers */
	ST_COMMENT,   /* Lua syntax: comments */
	ST_NCOLORS
};

/* Attribute bits. */
enum st_attr {
	ST_BOLD = 1, ST_DIM = 2, ST_ITALIC = 4, ST_UNDERLINE = 8, ST_REVERSE = 16
};

typedef struct st_style {
	uint8_t fg;    /* enum st_color */
	uint8_t bg;    /* enum st_color; ST_DEFAULT = terminal background */
	uint8_t attr;  /* enum st_attr bits */
} st_style;

typedef struct st_cell {
	uint32_t cp;   /* code point; 0 = continuation of a wide character */
	st_style style;
} st_cell;

typedef struct st_line {
	st_cell *cells;  /* owned */
	size_t len, cap;
} st_line;

typedef struct st_text {
	st_line *lines;  /* owned */
	size_t n, cap;
	int failed;      /* an allocation failed; content is incomplete */
} st_text;

#define ST_TEXT_INIT {NULL, 0, 0, 0}

/* A style value. */
static inline st_style st_mk(uint8_t fg, uint8_t bg, uint8_t attr)
{
	st_style s = {fg, bg, attr};
	return s;
}

/* Frees t's lines and resets it. */
void st_free(st_text *t);

/* Removes all lines (keeps capacity). */
void st_clear(st_text *t);

/* Appends an empty line and returns it (NULL on allocation failure). */
st_line *st_newline(st_text *t);

/* Appends cp (with its continuation cell when wide) to line l. */
void st_putc(st_text *t, st_line *l, uint32_t cp, st_style s);

/* Appends UTF-8 text s[0..n) to line l (control characters become spaces). */
void st_puts(st_text *t, st_line *l, const char *s, size_t n, st_style style);

/* Makes room for `extra` more cells in line l of t; returns 1, or 0 (t->failed set). */
int st_reserve(st_text *t, st_line *l, size_t extra);

/* Appends n spaces. */
void st_pad(st_text *t, st_line *l, size_t n, st_style s);

/*
** Appends UTF-8 text, splitting it into lines at '\n' and hard-wrapping
** lines wider than width (0: never wrap).  Each new line starts with
** `indent` spaces.  Returns the number of lines added.
*/
size_t st_addtext(st_text *t, const char *s, size_t n, size_t width, size_t indent, st_style style);

/*
** As st_addtext, but wraps at spaces: a word goes to the next line whole
** unless it is wider than a line by itself.  For messages in sentences.
*/
size_t st_addwords(st_text *t, const char *s, size_t n, size_t width, size_t indent, st_style style);

/* Appends every line of src to dst, each prefixed with `indent` spaces. */
void st_append(st_text *dst, const st_text *src, size_t indent);

/* Returns the columns line l occupies. */
static inline size_t st_width(const st_line *l) { return l->len; }

/*
** Appends line l to sb as UTF-8; with `ansi`, styles become SGR escape
** sequences (reset at the end).  Trailing spaces are dropped.
*/
void st_line_utf8(strbuf *sb, const st_line *l, int ansi);

/* Appends every line of t, each followed by '\n'. */
void st_text_utf8(strbuf *sb, const st_text *t, int ansi);

#endif
