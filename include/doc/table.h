/*
** table.h — live tables for per-epoch output (the loss of each epoch, the
** weights of each step).
**
** A table has named columns, each with a format: a printf conversion
** ("%.4f", "%d", "%s", with text around it allowed) or a Python format
** ("{:>7.3f}", "{:.3f}", "{}").  Rows are formatted when added and kept as
** text, charged to the lesson's budget (mem.h), up to a cap (TBL_MAX_ROWS
** by default): past it the oldest rows are dropped and counted.  Column
** widths grow with the content and never shrink, so the header stays put
** while a network trains.
**
** Reference counted (a Lua handle and an output block both hold it) and
** versioned (every added row changes the version).
*/
#ifndef NNBOOK_TABLE_H
#define NNBOOK_TABLE_H

#include <stddef.h>

#include "styled.h"
#include "wire.h"

typedef struct tbl tbl;

enum {
	TBL_OK = 0,
	TBL_ENOMEM,    /* over the memory budget */
	TBL_EARG,      /* no columns, too many, or a NULL name */
	TBL_EFORMAT    /* a format with no conversion, several, or one not supported */
};

/* Returns a static English message for a TBL_* status. */
const char *tbl_strerror(int status);

#define TBL_MAX_COLS 64
#define TBL_MAX_ROWS 100000

/* A cell value. */
typedef enum tbl_kind { TBL_NONE, TBL_NUM, TBL_INT, TBL_STR } tbl_kind;

typedef struct tbl_value {
	tbl_kind kind;     /* TBL_NONE: an empty cell */
	double num;        /* TBL_NUM, TBL_INT (an integer held in a double) */
	const char *str;   /* TBL_STR (UTF-8) */
} tbl_value;

/*
** Makes a table of ncols columns named names[i], formatted by formats[i]
** (formats, or any of its entries, may be NULL: numbers print as Lua
** prints them, strings as they are).  *out holds one reference.  Returns
** TBL_OK, TBL_EARG, TBL_EFORMAT or TBL_ENOMEM (*out is then NULL).
*/
int tbl_new(const char *const *names, const char *const *formats, size_t ncols, tbl **out);

/* Adds a reference. */
void tbl_ref(tbl *t);

/* Drops a reference; the last one frees the table.  NULL is a no-op. */
void tbl_unref(tbl *t);

/* Returns a counter that grows whenever a row is added. */
unsigned long tbl_version(const tbl *t);

/* Returns the number of references held. */
int tbl_refs(const tbl *t);

/* Returns the number of columns. */
size_t tbl_ncols(const tbl *t);

/* Returns the rows kept, and the oldest rows dropped past the cap. */
size_t tbl_nrows(const tbl *t);
size_t tbl_dropped(const tbl *t);

/* Sets how many rows are kept (1..TBL_MAX_ROWS; others mean TBL_MAX_ROWS). */
int tbl_set_cap(tbl *t, size_t cap);

/*
** Appends a row of n values (missing trailing cells are empty, extra ones
** ignored), formatting each with its column's format.  Returns TBL_OK or
** TBL_ENOMEM (the table is then unchanged).
*/
int tbl_add(tbl *t, const tbl_value *v, size_t n);

/* Returns the text of cell (row, col) of the kept rows (row 0 the oldest kept), or NULL. */
const char *tbl_cell(const tbl *t, size_t row, size_t col);

/* Returns the columns the table takes drawn uncut (it grows with the rows, never shrinks). */
size_t tbl_width(const tbl *t);

/* How to draw a table. */
typedef struct tbl_view {
	size_t width;      /* columns available; longer lines are cut with an ellipsis */
	size_t max_rows;   /* rows shown at most (0: all) */
	size_t skip;       /* newest rows left out (scrolling back); 0: show the newest */
	int utf8;          /* box-drawing rule and "…"; else ASCII */
	int color;         /* keep colour roles */
} tbl_view;

/*
** Appends the table: header, rule, "… N earlier rows" when older rows are
** hidden or dropped, the rows (numbers right-aligned on the decimal
** point, text left-aligned), and "… N later rows" when scrolled back.
*/
void tbl_render(const tbl *t, const tbl_view *v, st_text *out);

/*
** The protocol (wire.h): appends the column widths and the rows a receiver
** that has seen *cursor rows lacks, and sets *cursor; returns TBL_OK or
** TBL_ENOMEM.  tbl_decode applies such a message to *t (making the table
** when *t is NULL); returns TBL_OK, TBL_EARG (malformed) or TBL_ENOMEM.
*/
int tbl_encode(const tbl *t, unsigned long *cursor, strbuf *sb);
int tbl_decode(tbl **t, wire_rd *r);

#endif
