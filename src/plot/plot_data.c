/*
** plot_data.c — the arrays elements are made of: copies of the caller's
** data (or of a message's), charged to the lesson's budget (mem.h), so a
** lesson that plots a million points meets PLOT_ENOMEM, not the kernel's
** address-space limit.
*/
#include "plot_int.h"

#include <string.h>

#include "mem.h"

/* Copies n items of `size` bytes from src (NULL: left as they are) into charged memory. */
static int copy(void **out, const void *src, size_t n, size_t size)
{
	size_t bytes;
	*out = NULL;
	if (!mem_mul_ok(n ? n : 1, size, &bytes))
		return PLOT_ETOOBIG;
	if (!(*out = mem_alloc(bytes)))
		return PLOT_ENOMEM;
	if (src && n)
		memcpy(*out, src, n * size);
	return PLOT_OK;
}

int plot__copy_doubles(double **out, const double *src, size_t n)
{
	void *p;
	int rc = copy(&p, src, n, sizeof(double));
	*out = p;
	for (size_t i = 0; rc == PLOT_OK && !src && i < n; i++)
		(*out)[i] = (double)i;
	return rc;
}

int plot__copy_ints(int **out, const int *src, size_t n)
{
	void *p = NULL;
	int rc = src ? copy(&p, src, n, sizeof(int)) : PLOT_OK;
	*out = p;
	return rc;
}

int plot__read_doubles(wire_rd *r, double **out, size_t n)
{
	if (!(*out = mem_alloc(n ? n * sizeof(double) : sizeof(double))))
		return PLOT_ENOMEM;
	wire_get_f64s(r, *out, n);
	return r->err ? PLOT_EARG : PLOT_OK;
}

int plot__read_ints(wire_rd *r, int **out, size_t n)
{
	if (!(*out = mem_alloc(n ? n * sizeof(int) : sizeof(int))))
		return PLOT_ENOMEM;
	wire_get_i32s(r, *out, n);
	return r->err ? PLOT_EARG : PLOT_OK;
}
