/*
** vec.c — growing arrays (vec.h).
*/
#include "vec.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

int vec_grow(void *items, size_t *cap, size_t need, size_t size, vec_alloc alloc)
{
	if (need <= *cap)
		return 0;
	size_t n = *cap ? *cap : 8;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return -1;
	void *old, *p;
	memcpy(&old, items, sizeof old);   /* items points at a T *: same representation */
	if (alloc == VEC_COUNTED && !mem_charge(*cap * size, n * size))
		return -1;
	p = alloc == VEC_CHARGED ? mem_realloc(old, n * size) : realloc(old, n * size);
	if (!p) {
		if (alloc == VEC_COUNTED)
			mem_charge(n * size, *cap * size);
		return -1;
	}
	memcpy(items, &p, sizeof p);
	*cap = n;
	return 0;
}

void vec_free(void *array, vec_alloc alloc)
{
	if (alloc == VEC_CHARGED)
		mem_free(array);
	else
		free(array);
}
