/*
** wire.h — the bytes of the kernel protocol: little-endian integers,
** IEEE doubles and length-prefixed strings, written into a strbuf and read
** back through a bounds-checked reader.
**
** A reader never reads past its end: a short or malformed message sets
** `err` and every later read returns 0 / NULL, so a parser checks once at
** the end (wire_done) instead of after every field.  Nothing is allocated
** while reading: strings point into the message.
*/
#ifndef NNBOOK_WIRE_H
#define NNBOOK_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

/* Appenders: each writes a fixed-size little-endian field (a string: u32 length, bytes). */
void wire_u8(strbuf *sb, unsigned v);
void wire_u32(strbuf *sb, uint32_t v);
void wire_u64(strbuf *sb, uint64_t v);
void wire_f64(strbuf *sb, double v);
void wire_str(strbuf *sb, const char *s, size_t n);

/* Appends a C string (NULL: the empty string). */
void wire_cstr(strbuf *sb, const char *s);

/* Appends n doubles / n ints (as i32) in a row: one copy on a little-endian machine. */
void wire_f64s(strbuf *sb, const double *v, size_t n);
void wire_i32s(strbuf *sb, const int *v, size_t n);

/* A message being read. */
typedef struct wire_rd {
	const unsigned char *p;
	size_t n, off;
	int err;            /* a read went past the end, or a value was out of range */
} wire_rd;

/* Starts reading n bytes at p. */
void wire_init(wire_rd *r, const void *p, size_t n);

/* Readers: 0 (or NULL) once r->err is set. */
unsigned wire_get_u8(wire_rd *r);
uint32_t wire_get_u32(wire_rd *r);
uint64_t wire_get_u64(wire_rd *r);
double wire_get_f64(wire_rd *r);

/* Read n doubles / n ints into v (err set, v untouched, when they are not all there). */
void wire_get_f64s(wire_rd *r, double *v, size_t n);
void wire_get_i32s(wire_rd *r, int *v, size_t n);

/*
** Returns a pointer to a string of *n bytes inside the message (not
** NUL-terminated), or NULL with err set when the length runs past the end.
*/
const char *wire_get_str(wire_rd *r, size_t *n);

/*
** Returns a count read as u32 that the rest of the message can hold when
** each item takes at least `min_size` bytes; sets err (and returns 0) when
** it cannot, so a hostile count never makes the reader allocate.
*/
size_t wire_get_count(wire_rd *r, size_t min_size);

/* Returns the bytes not read yet. */
size_t wire_left(const wire_rd *r);

/* Returns 1 when everything was read and nothing went wrong. */
int wire_done(const wire_rd *r);

/* Marks the message malformed (a value the reader's caller refuses). */
void wire_fail(wire_rd *r);

#endif
