/*
** highlight.h — Lua 5.4 syntax colouring for code cells.
**
** A small line-at-a-time lexer: keywords, numbers (hex, fractions,
** exponents), short strings with escapes, long strings [==[ … ]==] and
** comments (short and long).  Names, builtins and operators keep the
** default colour.  What a line does not close (a long comment, a string
** continued with a backslash) is carried to the next line in hl_state, so
** the editor can colour one line at a time.  Malformed source (unclosed
** strings, invalid UTF-8) is coloured as far as it goes, never rejected.
*/
#ifndef NNBOOK_HIGHLIGHT_H
#define NNBOOK_HIGHLIGHT_H

#include <stddef.h>
#include <stdint.h>

#include "styled.h"

/* What the end of one line leaves open for the next. */
typedef struct hl_state {
	int in_long;     /* inside a long bracket [=[ … ]=] */
	int level;       /* its number of '=' */
	int is_comment;  /* the long bracket is a comment (--[[ ) */
	int quote;       /* inside a short string continued by '\' or '\z': its quote */
} hl_state;

#define HL_STATE_INIT {0, 0, 0, 0}

/*
** Colours one line s[0..n) (without its '\n'): role[i] receives the
** enum st_color of byte i (ST_DEFAULT, ST_KEYWORD, ST_STRING, ST_NUMBER or
** ST_COMMENT).  *st is read at the start and updated for the next line.
** role must have room for n bytes.
*/
void hl_line(const char *s, size_t n, hl_state *st, uint8_t *role);

typedef struct hl_opts {
	size_t width;      /* columns, line numbers included; 0 = no limit */
	int utf8;          /* the cut marker is … (else >) */
	int numbers;       /* right-aligned line numbers (ST_MUTED) and a space */
	int first_number;  /* the number of the first line */
	int wrap;          /* 0: cut long lines with a marker; 1: wrap them, each
	                      continuation marked in the gutter (with numbers) */
} hl_opts;

/*
** Appends Lua source src[0..len) to out as coloured lines: tabs expanded
** to stops of 4, a final '\r' of each line dropped, control characters
** shown as spaces.  A final '\n' ends the last line (it does not start an
** empty one); empty source adds no line.  Returns 0, or -1 when an
** allocation failed (out keeps what was drawn).
*/
int hl_render(const char *src, size_t len, const hl_opts *o, st_text *out);

#endif
