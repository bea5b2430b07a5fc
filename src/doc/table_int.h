/*
** table_int.h — inside the table module: column formats, shared by
** table.c (rows, layout) and table_fmt.c (parsing formats, formatting cells).
*/
#ifndef NNBOOK_TABLE_INT_H
#define NNBOOK_TABLE_INT_H

#include "strbuf.h"
#include "table.h"

enum { FMT_DEFAULT, FMT_PRINTF, FMT_PY };

typedef struct colfmt {
	int kind;
	char *pre, *post;   /* literal text around the conversion (escapes resolved) */
	char spec[24];      /* printf: "%" flags width precision; Python: the spec after ':' */
	char conv;          /* printf conversion; 's' for a Python text spec ("{:>8s}") */
} colfmt;

typedef struct column {
	char *name;
	colfmt fmt;
	size_t intw, fracw; /* widest number parts: before the decimal point, from it on */
	size_t strw;        /* widest text cell */
	int numeric;        /* holds numbers: right-aligned */
} column;

/* A row: for each cell a kind byte ('n' number, 's' text, '-' empty), its text, a NUL. */
typedef char *row;

struct tbl {
	int refs;
	unsigned long version;
	size_t ncols;
	column *cols;
	row *ring;          /* kept rows, oldest at head */
	size_t head, n, cap, ringcap, dropped;
};

/* Parses a column format into *c (NULL or "": the default).  Returns TBL_OK, TBL_EFORMAT or TBL_ENOMEM. */
int tbl__parse_format(const char *f, colfmt *c);

/* Frees what a parsed format owns. */
void tbl__free_format(colfmt *c);

/* Appends v formatted with c (nothing for an empty cell). */
void tbl__format_cell(strbuf *sb, const colfmt *c, const tbl_value *v);

/* Returns a charged copy of s[0..n) with a NUL, or NULL. */
char *tbl__dup(const char *s, size_t n);

/*
** Appends the row r (ncols cells, as tbl_add builds them), taking it over,
** and widens the columns to fit it.  Returns TBL_OK or TBL_ENOMEM (r is
** then freed).
*/
int tbl__push(tbl *t, row r);

#endif
