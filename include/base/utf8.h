/*
** utf8.h — just enough UTF-8 for laying out text in terminal columns.
**
** Widths come from a built-in table (East Asian wide and fullwidth ranges,
** emoji, combining marks) rather than the C library's wcwidth, so layout
** does not depend on the locale a test or a transcript runs under.
*/
#ifndef NNBOOK_UTF8_H
#define NNBOOK_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The replacement character for undecodable bytes. */
#define UTF8_REPLACEMENT 0xFFFDu

/*
** Decodes one code point from s (n bytes available) into *cp and returns
** the bytes used (1..4).  Invalid or truncated sequences give
** UTF8_REPLACEMENT and consume one byte.  n must be > 0.
*/
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Encodes cp into buf (4 bytes room) and returns the bytes written. */
size_t utf8_encode(uint32_t cp, char buf[4]);

/* Returns 1 when s[0..n) is valid UTF-8, else 0 and the offset of the first bad byte in *bad. */
int utf8_valid(const char *s, size_t n, size_t *bad);

/* Returns the terminal columns cp takes: 0 (combining, control), 1 or 2. */
int utf8_cpwidth(uint32_t cp);

/* Returns the columns the UTF-8 string s[0..n) takes. */
size_t utf8_width(const char *s, size_t n);

#endif
