/*
** test_mem_pool.c — Lua's allocator (mem_lua_alloc): blocks keep their
** bytes across every kind of resize (pool to pool, pool to malloc and
** back), the budget sees exactly the live bytes, a block freed is handed
** out again, and a request over the budget fails without losing the old
** block.
*/
#include <stdint.h>
#include <string.h>

#include "mem.h"
#include "tap.h"

static void *A(void *p, size_t o, size_t n) { return mem_lua_alloc(NULL, p, o, n); }

/* A block of n bytes filled with a pattern seeded by n. */
static unsigned char *filled(size_t n)
{
	unsigned char *p = A(NULL, 5, n);   /* Lua passes a type tag as osize for a new block */
	for (size_t i = 0; p && i < n; i++)
		p[i] = (unsigned char)(i * 7 + n);
	return p;
}

static int has_pattern(const unsigned char *p, size_t n, size_t seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(i * 7 + seed))
			return 0;
	return 1;
}

int main(void)
{
	mem_forget();
	mem_set_limit(0);
	size_t base = mem_used();
	static const size_t sizes[][2] = {{24, 40}, {40, 24}, {100, 700}, {700, 100}, {600, 9000}, {16, 17}};
	for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
		size_t a = sizes[t][0], b = sizes[t][1];
		unsigned char *p = filled(a);
		ok(p && mem_used() == base + a, "a new block of %zu bytes is charged %zu", a, a);
		p = A(p, a, b);
		ok(p && has_pattern(p, a < b ? a : b, a), "%zu -> %zu bytes keeps the bytes", a, b);
		ok(mem_used() == base + b, "... and the budget holds %zu", b);
		A(p, b, 0);
		ok(mem_used() == base, "freed: the budget is back");
	}
	void *p = A(NULL, 0, 48);
	A(p, 48, 0);
	void *q = A(NULL, 0, 40);
	ok(q == p, "a freed small block is handed out again for a size of its class");
	A(q, 40, 0);
	mem_set_limit(base + 1000);
	unsigned char *r = filled(200);
	ok(A(r, 200, 5000) == NULL && has_pattern(r, 200, 200), "over the budget: NULL, the old block intact");
	ok(A(NULL, 0, 2000) == NULL && mem_used() == base + 200, "a new block over the budget fails, nothing charged");
	A(r, 200, 0);
	mem_set_limit(0);
	for (int i = 0; i < 100000; i++) {       /* more than the pool keeps: the rest goes to free */
		void *x = A(NULL, 0, 512);
		void *y = A(NULL, 0, 512);
		A(x, 512, 0);
		A(y, 512, 0);
	}
	ok(mem_used() == base, "many blocks later the budget is still exact");
	mem_pool_drain();
	ok(1, "the pool drains");
	return tap_done();
}
