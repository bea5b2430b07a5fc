/*
** render.h — output blocks to styled text, for a given width.
**
** The one renderer behind both the screen and the `--run` transcript, which
** is what makes the screen testable without a terminal.
**
** Figures take the size plot_fit gives them: at most PLOT_READABLE_W
** columns unless they have a width of their own, and with fig_rows (the
** rows the view gives each figure, its share of the window) no taller than
** the budget.  A transcript gives no budget and keeps each figure's own
** height.  A figure keeps its layout from one render to the next at the
** same size (plot_render), so redrawing it for every frame of an
** animation does not move it.
*/
#ifndef NNBOOK_RENDER_H
#define NNBOOK_RENDER_H

#include <stddef.h>

#include "block.h"
#include "styled.h"

typedef struct render_opts {
	size_t width;         /* columns available (>= 10 is sensible) */
	int utf8;             /* braille, blocks, box drawing; else ASCII */
	int color;            /* keep colour roles; else drop them (NO_COLOR) */
	size_t table_rows;    /* newest rows of a table to show; 0 = all */
	size_t text_lines;    /* last lines of a text block to show; 0 = all */
	size_t fig_height;    /* figure height in rows; 0 = the figure's own/automatic */
	size_t fig_rows;      /* rows a figure may take (the view's budget for each figure);
	                         0 = none: its own or the automatic height (plot_fit) */
	int times;            /* show timings in progress lines */
	int text_as_printed;  /* text keeps the cell's own lines, never re-wrapped
	                         (a transcript; the screen wraps at its width) */
} render_opts;

/* Fills *o with defaults for width columns (UTF-8, colour, everything shown, times on). */
void render_defaults(render_opts *o, size_t width);

/* Appends the lines of block b. */
void render_block(const block *b, const render_opts *o, st_text *out);

/* Appends the lines of every block in bl. */
void render_blocks(const blocklist *bl, const render_opts *o, st_text *out);

#endif
