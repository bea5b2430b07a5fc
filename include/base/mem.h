/*
** mem.h — the one memory budget shared by the C layers and the Lua state.
**
** A lesson is untrusted code: `nn.zeros{1e5, 1e5}` or a table that grows
** forever must end the cell with "not enough memory", not take the server
** down.  Every allocation the C layers make for data a lesson controls (arrays,
** models, tables, figures) goes through mem_alloc(), and the kernel's
** lua_Alloc charges the same counter, so one limit covers both.
**
** The counter is process-wide: nnbook runs one lesson at a time.
*/
#ifndef NNBOOK_MEM_H
#define NNBOOK_MEM_H

#include <stddef.h>

/* Sets the budget in bytes; 0 means unlimited (the default). */
void mem_set_limit(size_t bytes);

/* Returns the budget in bytes (0: unlimited). */
size_t mem_limit(void);

/* Returns the bytes currently charged. */
size_t mem_used(void);

/*
** Forgets every charge (the counter starts from 0).  For a forked kernel
** process: what the front end had charged is not the lesson's.
*/
void mem_forget(void);

/*
** Charges `nsize - osize` bytes against the budget.  Returns 1 when the
** change fits (shrinking always fits), 0 when it would exceed the budget,
** in which case nothing is charged.  Used by lua_Alloc.
*/
int mem_charge(size_t osize, size_t nsize);

/*
** Installs a function mem_alloc and mem_realloc call once when the budget
** says no, before they give up: the kernel runs Lua's collector there,
** since garbage arrays, models and figures hold core memory Lua cannot see
** (NULL: none).  mem_charge never calls it: Lua's own allocator charges
** through it and collects by itself.
*/
void mem_set_reclaim(void (*fn)(void *ud), void *ud);

/* Returns n bytes (charged), or NULL when over budget or out of memory. */
void *mem_alloc(size_t n);

/* Returns n*size zeroed bytes (charged), NULL on overflow, budget or OOM. */
void *mem_calloc(size_t n, size_t size);

/* Resizes p (from mem_alloc) to n bytes; NULL leaves p untouched. */
void *mem_realloc(void *p, size_t n);

/* Releases p (from mem_alloc/mem_calloc/mem_realloc); NULL is a no-op. */
void mem_free(void *p);

/* Returns a charged copy of s, or NULL. */
char *mem_strdup(const char *s);

/* Returns a*b in *out and 1, or 0 when it overflows size_t. */
int mem_mul_ok(size_t a, size_t b, size_t *out);

#endif
