/*
** numfmt_int.h — decimal digits shared by numfmt.c (numpy arrays) and
** numfmt_float.c (Python's repr and format specs).  Internal to src/nn.
*/
#ifndef NNBOOK_NUMFMT_INT_H
#define NNBOOK_NUMFMT_INT_H

/*
** A non-negative decimal 0.d[0]d[1]...d[n-1] x 10^decpt: no leading or
** trailing zero digits, except that zero itself is "0" with decpt 1.
** (decpt is where the decimal point goes: 12.5 is "125", decpt 2.)
*/
typedef struct numfmt_dec {
	char d[40];
	int n;
	int decpt;
} numfmt_dec;

/*
** Fills *out with the shortest digits that read back as ax (finite, >= 0),
** the closest to ax when several have that length: Python's repr digits.
*/
void numfmt_shortest(double ax, numfmt_dec *out);

/*
** Fills *out with ax (finite, >= 0) correctly rounded to `prec` digits:
** after the point when `sci` is 0 (printf %.*f), after the first
** significant digit when `sci` is 1 (printf %.*e).  prec <= 17 for %e and
** ax < 1e20 for %f, so the digits fit.
*/
void numfmt_round(double ax, int prec, int sci, numfmt_dec *out);

#endif
