/*
** numfmt.h — numbers and arrays printed the way Python and numpy print them.
**
** numfmt_array follows numpy 1.24's array2string with default options
** (precision 8, floatmode "maxprec", linewidth 75, threshold 1000,
** edgeitems 3, sign '-'): one format for all elements, widths padded to
** the widest integer and fraction parts, scientific notation when numpy
** would choose it, summarised with "..." past 1000 elements.
*/
#ifndef NNBOOK_NUMFMT_H
#define NNBOOK_NUMFMT_H

#include <stddef.h>

#include "matrix.h"
#include "strbuf.h"

/*
** Writes Python's repr of x into buf: the shortest string that reads back
** as x ("0.9999877412862083", "1.0", "1e-05", "inf", "nan").  Returns buf.
*/
const char *numfmt_repr(double x, char buf[32]);

/*
** Writes x as Lua's print would show a Lua number, but with the shortest
** round-trip digits: integers as "3", floats as numfmt_repr.  `isint` says
** the value is a Lua integer.  Returns buf.
*/
const char *numfmt_number(double x, int isint, char buf[32]);

/* Appends str(m) as numpy prints it (no trailing newline). */
void numfmt_array(strbuf *sb, const mat *m);

/* Appends repr(m) as numpy prints it: "array([[1., 0.],\n       [0., 1.]])". */
void numfmt_array_repr(strbuf *sb, const mat *m);

/*
** Appends x formatted by a Python format spec (the part after ':' in
** "{:>7.3f}"): fill, align <>^=, sign, '#', '0', width, ',', precision and
** type e E f F g G % d n or none.  Returns 0, or -1 for a spec it cannot
** parse (nothing appended).
*/
int numfmt_pyformat(strbuf *sb, const char *spec, double x);

#endif
