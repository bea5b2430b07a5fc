/*
** strbuf.h — a growable byte string.
**
** Used for formatted text (numpy printing, summaries, transcripts).  It uses
** plain malloc, not the lesson's memory budget: drawing the screen must keep
** working while a lesson sits at its limit.  A buffer holding what a lesson
** made (an output block's text) sets `charged`, and its growth is then
** charged to the budget (mem.h) like any lesson data.  On allocation failure the
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
	int failed;   /* an append could not allocate (or the budget said no) */
	int charged;  /* cap is charged to the memory budget (mem.h) */
} strbuf;

#define STRBUF_INIT {NULL, 0, 0, 0, 0}

/* An empty buffer whose memory is charged to the budget. */
#define STRBUF_CHARGED {NULL, 0, 0, 0, 1}

/* Empties sb, keeping its memory. */
void sb_clear(strbuf *sb);

/* Frees sb's memory and empties it (a charged buffer stays charged). */
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
