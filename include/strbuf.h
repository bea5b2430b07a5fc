/*
** strbuf.h — a growable byte string.
**
** Used for formatted text (numpy printing, summaries, transcripts).  It uses
** plain malloc, not the lesson's memory budget: drawing the screen must keep
** working while a lesson sits at its limit.  On allocation failure the
** buffer keeps what it had and sets `failed`; callers check it once at the
** end instead of after every append.
*/
#ifndef NNBOOK_STRBUF_H
#define NNBOOK_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
	char *s;      /* NUL-terminated when non-NULL; owned */
	size_t len;   /* bytes before the NUL */
	size_t cap;   /* bytes allocated */
	int failed;   /* an append could not allocate */
} strbuf;

#define STRBUF_INIT {NULL, 0, 0, 0}

/* Empties sb, keeping its memory. */
void sb_clear(strbuf *sb);

/* Frees sb's memory and resets it to STRBUF_INIT. */
void sb_free(strbuf *sb);

/* Appends n bytes of s. */
void sb_addn(strbuf *sb, const char *s, size_t n);

/* Appends the C string s. */
void sb_adds(strbuf *sb, const char *s);

/* Appends one byte. */
void sb_addc(strbuf *sb, char c);

/* Appends n copies of byte c. */
void sb_addrep(strbuf *sb, char c, size_t n);

/* Appends printf-formatted text. */
void sb_addf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Appends vprintf-formatted text. */
void sb_addvf(strbuf *sb, const char *fmt, va_list ap);

/* Returns sb's text ("" when empty); still owned by sb. */
const char *sb_str(const strbuf *sb);

/* Hands sb's text to the caller (free() it) and resets sb; NULL if failed. */
char *sb_take(strbuf *sb);

#endif
