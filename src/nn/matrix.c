/*
** matrix.c — array lifetime and shapes.  The arithmetic lives in
** matrix_ops.c, reductions and products in matrix_reduce.c.
*/
#include "matrix.h"

#include <stdio.h>
#include <string.h>

#include "mem.h"

const char *mat_strerror(int status)
{
	switch (status) {
	case MAT_OK: return "no error";
	case MAT_ESHAPE: return "shapes do not match";
	case MAT_ETOOBIG: return "array too large";
	case MAT_ENOMEM: return "not enough memory";
	case MAT_EARG: return "bad argument";
	case MAT_EINDEX: return "index out of range";
	case MAT_ECANCEL: return "interrupted";
	}
	return "unknown error";
}

int mat_check_size(size_t rows, size_t cols)
{
	size_t n;
	if (!mem_mul_ok(rows, cols, &n) || n > MAT_MAX_ELEMS)
		return MAT_ETOOBIG;
	return MAT_OK;
}

size_t mat_size(const mat *m) { return m->rows * m->cols; }

const char *mat_shape_str(const mat *m, char buf[48])
{
	if (m->ndim == 0)
		snprintf(buf, 48, "()");
	else if (m->ndim == 1)
		snprintf(buf, 48, "(%zu,)", m->cols);
	else
		snprintf(buf, 48, "(%zu, %zu)", m->rows, m->cols);
	return buf;
}

mat_shape mat_shape1(size_t n)
{
	mat_shape s = {1, n, 1};
	return s;
}

mat_shape mat_shape2(size_t rows, size_t cols)
{
	mat_shape s = {rows, cols, 2};
	return s;
}

void mat_wrap(mat *m, double *data, mat_shape shape)
{
	m->data = data;
	m->rows = shape.ndim == 0 ? 1 : shape.rows;
	m->cols = shape.ndim == 0 ? 1 : shape.cols;
	m->ndim = shape.ndim;
	m->isint = 0;
	m->owned = 0;
}

void mat_scalar(mat *m, double *x)
{
	mat_shape s = {1, 1, 0};
	mat_wrap(m, x, s);
}

mat *mat_new(mat_shape shape)
{
	if (shape.ndim == 0)
		shape.rows = shape.cols = 1;
	if (mat_check_size(shape.rows, shape.cols) != MAT_OK)
		return NULL;
	size_t n = shape.rows * shape.cols;
	/* One block: the header, then the data (mem_alloc aligns for doubles). */
	size_t head = (sizeof(mat) + sizeof(double) - 1) / sizeof(double) * sizeof(double);
	mat *m = mem_calloc(1, head + n * sizeof(double));
	if (!m)
		return NULL;
	mat_wrap(m, (double *)((char *)m + head), shape);
	m->owned = 1;
	return m;
}

mat *mat_dup(const mat *src)
{
	mat_shape s = {src->rows, src->cols, src->ndim};
	mat *m = mat_new(s);
	if (!m)
		return NULL;
	memcpy(m->data, src->data, mat_size(src) * sizeof(double));
	m->isint = src->isint;
	return m;
}

void mat_free(mat *m)
{
	if (m)
		mem_free(m);
}

void mat_copy(mat *dst, const mat *src)
{
	if (dst->data != src->data)
		memmove(dst->data, src->data, mat_size(src) * sizeof(double));
	dst->isint = src->isint;
}

void mat_fill(mat *m, double v)
{
	size_t n = mat_size(m);
	for (size_t i = 0; i < n; i++)
		m->data[i] = v;
}
