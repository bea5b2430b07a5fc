/*
** ipynb_int.h — shared by the files of src/ipynb: ipynb_write.c (out),
** ipynb_read.c (in), ipynb_meta.c (a cell's metadata both ways) and
** ipynb_load.c (files).
*/
#ifndef NNBOOK_IPYNB_INT_H
#define NNBOOK_IPYNB_INT_H

#include <jansson.h>

#include "ipynb.h"

/*
** Returns s[0..n) as nbformat's multi-line string: an array of lines,
** each with its '\n' but the last.  New reference, or NULL.
*/
json_t *ipynb__lines(const char *s, size_t n);

/*
** Returns c's metadata as a notebook cell's: "title" (when it has one),
** then the marker's `key=value` pairs in their order.  New reference, or
** NULL when out of memory.
*/
json_t *ipynb__cell_metadata(const lesson_cell *c);

/* Returns 1 when the comma-separated list has the item k[0..nk). */
int ipynb__listed(const char *list, const char *k, size_t nk);

/*
** Appends Jupytext's cell_metadata_filter for L: the metadata keys its
** cells use, "title" first, then "-all" (keep those, drop the rest).
*/
void ipynb__cell_filter(const lesson *L, strbuf *out);

/*
** Appends what follows `-- %%` for a cell of kind with metadata md: the
** kind's tag, the title, the other keys as key=JSON (Jupytext's
** spelling: ", " and ": " between items).  Returns 0, or -1 when out of
** memory.
*/
int ipynb__marker(const char *kind, json_t *md, strbuf *out);

#endif
