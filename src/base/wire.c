/*
** wire.c — protocol primitives (wire.h).
*/
#include "wire.h"

#include <string.h>

static void put(strbuf *sb, uint64_t v, int bytes)
{
	char b[8];
	for (int i = 0; i < bytes; i++)
		b[i] = (char)(v >> (8 * i) & 0xff);
	sb_addn(sb, b, (size_t)bytes);
}

void wire_u8(strbuf *sb, unsigned v) { put(sb, v, 1); }
void wire_u32(strbuf *sb, uint32_t v) { put(sb, v, 4); }
void wire_u64(strbuf *sb, uint64_t v) { put(sb, v, 8); }

void wire_f64(strbuf *sb, double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	put(sb, u, 8);
}

void wire_str(strbuf *sb, const char *s, size_t n)
{
	if (n > UINT32_MAX) {
		sb->failed = 1;
		return;
	}
	wire_u32(sb, (uint32_t)n);
	if (n)
		sb_addn(sb, s, n);
}

void wire_cstr(strbuf *sb, const char *s) { wire_str(sb, s ? s : "", s ? strlen(s) : 0); }

/* The wire is little-endian: such a machine copies arrays as they are. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define WIRE_LE 1
#else
#define WIRE_LE 0
#endif

/* Copies n items of `width` bytes as they are when native (this machine's
** layout is the wire's); returns 0 when the caller must encode one by one. */
static int put_bulk(strbuf *sb, const void *v, size_t n, size_t width, int native)
{
	if (!native)
		return 0;
	if (n > (size_t)-1 / width)
		sb->failed = 1;
	else if (n)
		sb_addn(sb, v, n * width);
	return 1;
}

void wire_f64s(strbuf *sb, const double *v, size_t n)
{
	if (!put_bulk(sb, v, n, 8, WIRE_LE && sizeof(double) == 8))
		for (size_t i = 0; i < n; i++)
			wire_f64(sb, v[i]);
}

void wire_i32s(strbuf *sb, const int *v, size_t n)
{
	if (!put_bulk(sb, v, n, 4, WIRE_LE && sizeof(int) == 4))
		for (size_t i = 0; i < n; i++)
			wire_u32(sb, (uint32_t)v[i]);
}

void wire_init(wire_rd *r, const void *p, size_t n)
{
	r->p = p;
	r->n = n;
	r->off = 0;
	r->err = 0;
}

static uint64_t get(wire_rd *r, int bytes)
{
	if (r->err || r->n - r->off < (size_t)bytes) {
		r->err = 1;
		return 0;
	}
	uint64_t v = 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[r->off + (size_t)i] << (8 * i);
	r->off += (size_t)bytes;
	return v;
}

unsigned wire_get_u8(wire_rd *r) { return (unsigned)get(r, 1); }
uint32_t wire_get_u32(wire_rd *r) { return (uint32_t)get(r, 4); }
uint64_t wire_get_u64(wire_rd *r) { return get(r, 8); }

double wire_get_f64(wire_rd *r)
{
	uint64_t u = get(r, 8);
	double v;
	memcpy(&v, &u, sizeof v);
	return v;
}

/* The reading side of put_bulk: checks n items are there (else marks r
** failed and returns 1), copies them when native. */
static int get_bulk(wire_rd *r, void *v, size_t n, size_t width, int native)
{
	if (r->err || n > (r->n - r->off) / width) {
		r->err = 1;
		return 1;
	}
	if (!native)
		return 0;
	if (n)
		memcpy(v, r->p + r->off, n * width);
	r->off += n * width;
	return 1;
}

void wire_get_f64s(wire_rd *r, double *v, size_t n)
{
	if (!get_bulk(r, v, n, 8, WIRE_LE && sizeof(double) == 8))
		for (size_t i = 0; i < n; i++)
			v[i] = wire_get_f64(r);
}

void wire_get_i32s(wire_rd *r, int *v, size_t n)
{
	if (!get_bulk(r, v, n, 4, WIRE_LE && sizeof(int) == 4))
		for (size_t i = 0; i < n; i++)
			v[i] = (int)wire_get_u32(r);
}

const char *wire_get_str(wire_rd *r, size_t *n)
{
	size_t len = wire_get_u32(r);
	*n = 0;
	if (r->err || r->n - r->off < len) {
		r->err = 1;
		return NULL;
	}
	const char *s = (const char *)r->p + r->off;
	r->off += len;
	*n = len;
	return s;
}

size_t wire_get_count(wire_rd *r, size_t min_size)
{
	size_t c = wire_get_u32(r);
	if (r->err || (min_size && c > (r->n - r->off) / min_size)) {
		r->err = 1;
		return 0;
	}
	return c;
}

size_t wire_left(const wire_rd *r) { return r->err ? 0 : r->n - r->off; }
int wire_done(const wire_rd *r) { return !r->err && r->off == r->n; }
void wire_fail(wire_rd *r) { r->err = 1; }
