/*
** names_int.h — the names lessons give activations and optimizers
** ("ReLU", "relu", "Adam") compare without regard to ASCII case.
*/
#ifndef NNBOOK_NAMES_INT_H
#define NNBOOK_NAMES_INT_H

#include <ctype.h>

/* Returns 1 when a and b are the same name but for ASCII case. */
static inline int nn__name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
	return *a == *b;
}

#endif
