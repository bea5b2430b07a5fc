/*
** grid.h — what a screen draws into: rows x cols cells and a cursor.
**
** Screens never call curses.  They put styled lines and strings into a
** grid (a cell is a code point and an st_style, as in styled.h), and the
** terminal (term.h) copies the cells that changed to the real screen once
** a frame.  A test reads the same grid as text (grid_dump), so a screen is
** checked without a terminal, as tig's test mode does.
**
** A wide character takes two cells: its code point, then a cell whose cp
** is 0.  Writing over either half blanks the other, as a terminal does.
** Control characters are drawn as spaces; without UTF-8 (`utf8` 0) every
** other non-ASCII character is drawn as '?', a wide one as "??", so the
** columns stay right.  Every helper clips at the grid's edge.
*/
#ifndef NNBOOK_GRID_H
#define NNBOOK_GRID_H

#include <stddef.h>

#include "strbuf.h"
#include "styled.h"

typedef struct grid {
	int rows, cols;
	st_cell *cells;      /* rows * cols, row after row; owned */
	size_t cap;          /* cells allocated */
	int utf8;            /* the terminal shows UTF-8 */
	int cur_y, cur_x;    /* where the cursor rests after the frame */
	int cur_on;          /* and whether it is shown */
} grid;

#define GRID_INIT {0, 0, NULL, 0, 1, 0, 0, 0}

/* The plain style, and the style with only attribute bits (ST_BOLD ...). */
#define GRID_PLAIN st_mk(ST_DEFAULT, ST_DEFAULT, 0)
#define GRID_ATTR(a) st_mk(ST_DEFAULT, ST_DEFAULT, (a))

/* Makes g rows x cols, all blank; returns 0, or -1 when out of memory (g unchanged). */
int grid_resize(grid *g, int rows, int cols);

/* Frees the cells; the grid is empty afterwards. */
void grid_free(grid *g);

/* Blanks every cell and hides the cursor. */
void grid_clear(grid *g);

/* Returns the cell at (y, x), or NULL outside the grid. */
st_cell *grid_at(grid *g, int y, int x);

/*
** Writes UTF-8 s at (y, x) in style st, at most width columns (a wide
** character that would cross the edge is left out).  Returns the columns
** written.
*/
int grid_puts(grid *g, int y, int x, const char *s, int width, st_style st);

/*
** Draws columns [0, width) of line l (NULL: an empty line) at (y, x) and
** blanks the rest of the width.
*/
void grid_line(grid *g, int y, int x, const st_line *l, size_t width);

/*
** As grid_puts and grid_line, but what does not fit ends in "…" ("..."
** without UTF-8) in the last column, so a cut never passes for the end.
*/
int grid_puts_fit(grid *g, int y, int x, const char *s, int width, st_style st);
void grid_line_fit(grid *g, int y, int x, const st_line *l, size_t width);

/* Fills width cells from (y, x) with spaces in style st. */
void grid_fill(grid *g, int y, int x, int width, st_style st);

/* Adds attribute bits (ST_REVERSE ...) to width cells from (y, x). */
void grid_attr(grid *g, int y, int x, int width, uint8_t attr);

/* Puts the cursor at (y, x); shown or only resting there (where curses leaves it). */
void grid_cursor(grid *g, int y, int x, int shown);

/*
** Appends the grid as text, one line a row with trailing blanks dropped
** (what `tmux capture-pane -p` prints).  With styles, a row that has any
** style is followed by a line "  @ from-to fg/bg/attr ..." of its runs.
*/
void grid_dump(const grid *g, strbuf *out, int styles);

#endif
