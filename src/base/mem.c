/*
** mem.c — charged allocation with a process-wide budget.
**
** Each block carries a small header holding its size so mem_free() can
** refund exactly what was charged without the caller remembering sizes.
*/
#include "mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef union header {
	size_t size;
	max_align_t align; /* keeps the payload aligned for doubles */
} header;

static size_t limit_bytes;
static size_t used_bytes;
static void (*reclaim)(void *);
static void *reclaim_ud;

void mem_set_reclaim(void (*fn)(void *ud), void *ud)
{
	reclaim = fn;
	reclaim_ud = ud;
}

/* Charges `grow` more bytes, reclaiming garbage once when they do not fit. */
static int charge_or_reclaim(size_t old, size_t n)
{
	if (mem_charge(old, n))
		return 1;
	if (!reclaim)
		return 0;
	void (*fn)(void *) = reclaim;
	reclaim = NULL;   /* not again from inside the collection */
	fn(reclaim_ud);
	reclaim = fn;
	return mem_charge(old, n);
}

void mem_set_limit(size_t bytes) { limit_bytes = bytes; }
size_t mem_limit(void) { return limit_bytes; }
size_t mem_used(void) { return used_bytes; }
void mem_forget(void) { used_bytes = 0; }

int mem_charge(size_t osize, size_t nsize)
{
	if (nsize <= osize) {
		size_t d = osize - nsize;
		used_bytes = d > used_bytes ? 0 : used_bytes - d;
		return 1;
	}
	size_t grow = nsize - osize;
	if (limit_bytes && (grow > limit_bytes || used_bytes > limit_bytes - grow))
		return 0;
	used_bytes += grow;
	return 1;
}

int mem_mul_ok(size_t a, size_t b, size_t *out)
{
	if (a && b > SIZE_MAX / a)
		return 0;
	*out = a * b;
	return 1;
}

void *mem_alloc(size_t n)
{
	if (n > SIZE_MAX - sizeof(header))
		return NULL;
	if (!charge_or_reclaim(0, n + sizeof(header)))
		return NULL;
	header *h = malloc(sizeof(header) + n);
	if (!h) {
		mem_charge(n + sizeof(header), 0);
		return NULL;
	}
	h->size = n;
	return h + 1;
}

void *mem_calloc(size_t n, size_t size)
{
	size_t total;
	if (!mem_mul_ok(n, size, &total))
		return NULL;
	void *p = mem_alloc(total);
	if (p)
		memset(p, 0, total);
	return p;
}

void *mem_realloc(void *p, size_t n)
{
	if (!p)
		return mem_alloc(n);
	if (n > SIZE_MAX - sizeof(header))
		return NULL;
	header *h = (header *)p - 1;
	size_t old = h->size;
	if (!charge_or_reclaim(old, n))
		return NULL;
	header *nh = realloc(h, sizeof(header) + n);
	if (!nh) {
		mem_charge(n, old);
		return NULL;
	}
	nh->size = n;
	return nh + 1;
}

void mem_free(void *p)
{
	if (!p)
		return;
	header *h = (header *)p - 1;
	mem_charge(h->size + sizeof(header), 0);
	free(h);
}

char *mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = mem_alloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}
