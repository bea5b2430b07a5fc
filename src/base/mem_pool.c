/*
** mem_pool.c — Lua's allocator with a cache of small freed blocks
** (mem.h).  A lesson's loop makes and drops a few small arrays per
** iteration, hundreds of thousands a second; keeping the freed blocks of
** each small size on a list and handing them back costs a few
** instructions where malloc and free cost a hundred.  Cached blocks are
** not charged to the budget (they hold nothing), and the cache is bounded.
*/
#include "mem.h"

#include <stdlib.h>
#include <string.h>

#define POOL_STEP 16                      /* sizes are rounded up to this */
#define POOL_MAX 512                      /* larger blocks go to malloc */
#define POOL_CLASSES (POOL_MAX / POOL_STEP)
#define POOL_BYTES ((size_t)1 << 20)      /* at most this much kept on the lists */

typedef struct freeblk {
	struct freeblk *next;
} freeblk;

static freeblk *lists[POOL_CLASSES];
static size_t kept;                       /* bytes on the lists */

/* The class of a size (0..POOL_CLASSES-1), or -1 for a size the pool does not keep. */
static int class_of(size_t n)
{
	return n == 0 || n > POOL_MAX ? -1 : (int)((n - 1) / POOL_STEP);
}

static void *pool_get(int c)
{
	freeblk *b = lists[c];
	if (b) {
		lists[c] = b->next;
		kept -= (size_t)(c + 1) * POOL_STEP;
		return b;
	}
	return malloc((size_t)(c + 1) * POOL_STEP);
}

static void pool_put(void *p, int c)
{
	size_t sz = (size_t)(c + 1) * POOL_STEP;
	if (kept + sz > POOL_BYTES) {
		free(p);
		return;
	}
	freeblk *b = p;
	b->next = lists[c];
	lists[c] = b;
	kept += sz;
}

void mem_pool_drain(void)
{
	for (int c = 0; c < POOL_CLASSES; c++)
		while (lists[c]) {
			freeblk *b = lists[c];
			lists[c] = b->next;
			free(b);
		}
	kept = 0;
}

/* Frees a block of osize bytes (NULL: nothing). */
static void release(void *ptr, size_t osize)
{
	if (!ptr)
		return;
	int c = class_of(osize);
	if (c >= 0)
		pool_put(ptr, c);
	else
		free(ptr);
}

/* Moves a block to a new size; the pool's classes never meet realloc. */
static void *resize(void *ptr, size_t old, size_t nsize)
{
	int oc = ptr ? class_of(old) : -1, nc = class_of(nsize);
	if (ptr && oc == nc && oc >= 0)
		return ptr;
	if (oc < 0 && nc < 0)
		return realloc(ptr, nsize);
	void *p = nc >= 0 ? pool_get(nc) : malloc(nsize);
	if (p && ptr) {
		memcpy(p, ptr, old < nsize ? old : nsize);
		release(ptr, old);
	}
	return p;
}

void *mem_lua_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		release(ptr, old);
		mem_charge(old, 0);
		return NULL;
	}
	if (!mem_charge(old, nsize))
		return NULL;
	void *p = resize(ptr, old, nsize);
	if (!p)
		mem_charge(nsize, old);
	return p;
}
