/*
** work_int.h — when the numerics' long loops ask cancel_check() (cancel.h).
**
** A loop counts the units of work it has done (multiply-adds, elements
** drawn) and asks once every WORK_CHECK units, which is about a
** millisecond of arithmetic: often enough that Ctrl-C and the time limit
** stop a big nn.dot or a fit epoch at once, rarely enough that the hot
** loops do not notice (the check sits outside them, per row or per batch).
*/
#ifndef NNBOOK_WORK_INT_H
#define NNBOOK_WORK_INT_H

#include <stddef.h>

#include "cancel.h"

#define WORK_CHECK ((size_t)1 << 20)

/* Adds `units` to *done; returns 1 when the work must stop. */
static inline int work_done(size_t *done, size_t units)
{
	*done += units;
	if (*done < WORK_CHECK)
		return 0;
	*done = 0;
	return cancel_check();
}

/* Returns how many items of `per` units fit between two checks (at least 1). */
static inline size_t work_chunk(size_t per)
{
	return per >= WORK_CHECK ? 1 : WORK_CHECK / (per ? per : 1);
}

#endif
