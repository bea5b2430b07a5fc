/*
** vec.h — the one way an array grows.
**
** Every growable array in nnbook keeps its items, a count and a capacity,
** and grows through vec_grow(): capacity doubles (at least 8 items) so
** appending is amortised O(1), overflow is checked, and a failed growth
** leaves the array exactly as it was.  Arrays of lesson data are charged to
** the memory budget (VEC_CHARGED, mem.h); the program's own use plain
** malloc (VEC_PLAIN), so drawing keeps working at the budget's edge.
**
**   if (vec_grow(&t->rows, &t->cap, t->n + 1, sizeof *t->rows, VEC_PLAIN) != 0)
**       return ENOMEM;
**   t->rows[t->n++] = row;
*/
#ifndef NNBOOK_VEC_H
#define NNBOOK_VEC_H

#include <stddef.h>

/* Where an array's memory comes from. */
typedef enum vec_alloc {
	VEC_PLAIN,     /* realloc / free */
	VEC_CHARGED,   /* mem_realloc / mem_free: the lesson's budget */
	VEC_COUNTED    /* realloc / free, the capacity charged with mem_charge (a strbuf's
	               ** text, which sb_take hands out as plain malloc memory) */
} vec_alloc;

/*
** Makes the array whose pointer is at `items` (a T **, passed as void *)
** hold at least `need` items of `size` bytes, updating *cap.  Returns 0,
** or -1 when memory (or the budget) runs out or the size overflows; the
** array is then unchanged.
*/
int vec_grow(void *items, size_t *cap, size_t need, size_t size, vec_alloc alloc);

/* Frees an array made by vec_grow with VEC_PLAIN or VEC_CHARGED (NULL is a no-op). */
void vec_free(void *array, vec_alloc alloc);

#endif
