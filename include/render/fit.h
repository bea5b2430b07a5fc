/*
** fit.h — a cell's outputs fitted into a number of rows, no block cut apart.
**
** The notebook shows a running cell's outputs live and a finished cell's
** folded, each time in the rows its screen has.  The rules are per block,
** so a block is never cut in the middle (the title of a figure kept and
** its axes gone, a table's rows without its column names):
**
**   figure   whole: its own height (or fig_rows when it has none) is an
**            upper bound, and it gets shorter, down to FIT_FIG_MIN rows,
**            when rows are short; in a finished cell, when even that does
**            not fit, one summary line "▸ figure: TITLE — o shows it"
**   table    header, rule, "… N earlier rows" and as many newest rows as fit
**   text     live: "… N earlier lines" and the newest lines; finished: the
**            first and the last lines with "… N lines" between
**   others   (progress lines, errors, checks, diagrams) whole
**
** Rows go first to what each block needs at least, then to the figures up
** to their height, then a row at a time to tables and text, the last block
** first (a result stays in view).  When even the least does not fit (a
** table's header, rule, note and a row, text's note and two lines), the
** outputs take their least and run over: a block is never cut to fit.  While a cell runs a table is given room
** for three rows from the start, so a figure keeps its height for the
** whole animation.  With `side`, the first figure and the first table of a
** cell stand side by side when the width holds both.
*/
#ifndef NNBOOK_FIT_H
#define NNBOOK_FIT_H

#include <stddef.h>

#include "block.h"
#include "render.h"
#include "styled.h"

/* A figure is never drawn shorter than this (unless its own height is less). */
#define FIT_FIG_MIN 10

/* Columns a figure keeps at least when a table stands beside it. */
#define FIT_SIDE_FIG_MIN 56

/* Appends lines that belong under block b (a check's solution); they are kept whole. */
typedef void (*fit_extra_fn)(void *ctx, const block *b, st_text *out);

typedef struct fit_opts {
	size_t rows;          /* rows for all the outputs; 0: no limit, nothing folded */
	int live;             /* the cell runs: text shows its newest lines, figures never fold */
	size_t fig_rows;      /* rows of a figure without a height of its own (0: the figure's rule) */
	size_t fig_cols;      /* columns of a figure at most (0: the width) */
	int side;             /* a figure and a table may stand side by side */
	const char *unfold;   /* the key that unfolds, named in the notes ("o"); NULL: not named */
	fit_extra_fn extra;   /* may be NULL */
	void *ctx;            /* for extra */
} fit_opts;

/*
** Appends the blocks of bl, rendered with o (its width, utf8 and color;
** its row limits are not used) and fitted by f, to out.  Returns the rows
** folded away (0: everything is shown).
*/
size_t fit_outputs(const blocklist *bl, const render_opts *o, const fit_opts *f, st_text *out);

#endif
