/*
** lesson_int.h — the inside of a lesson, shared by lesson.c (reading,
** queries), lesson_load.c (files) and lesson_edit.c (writing, edits).
**
** The file is kept as bytes: a prefix (a UTF-8 BOM, the header, the blank
** lines after it) and one raw byte string per cell.  A cell's bytes are
** three runs: the head (its `-- %%` line, after any blank lines an insert
** put in front of it; empty before the first marker), the body (the
** source lines) and the tail (blank separator lines).  The parsed pieces
** (kind, title, source, line numbers) are derived from those bytes, and an
** edit replaces only the runs it must.  Every cell but the last ends with
** a line end, so cells can be moved and deleted without joining lines.
*/
#ifndef NNBOOK_LESSON_INT_H
#define NNBOOK_LESSON_INT_H

#include "lesson.h"

typedef struct lesson_cellrep {
	lesson_cell pub;      /* what callers see; its strings are the two below */
	char *title, *source; /* owned (mem_alloc) */
	char *meta;           /* owned: the marker line's metadata */
	char *raw;            /* owned: head, body, tail */
	size_t nraw;
	size_t body;          /* offset of the body in raw */
	size_t tail;          /* offset of the tail in raw */
} lesson_cellrep;

typedef struct lesson_meta_entry {
	char *key, *value;    /* owned; a nested key is its path: "jupyter.kernelspec.name" */
	int line;             /* its file line */
} lesson_meta_entry;

/* A header line YAML would not read as nnbook does (lesson_header.c). */
typedef struct lesson_hdr_bad {
	int line;
	const char *why;      /* static */
} lesson_hdr_bad;

struct lesson {
	char *name;           /* owned */
	char *prefix;         /* owned: BOM, header, blank lines before the first cell */
	size_t nprefix;
	size_t hdr_start;     /* the header's bytes in prefix: [hdr_start, hdr_end) */
	size_t hdr_end;       /* == hdr_start when there is no header */
	int hdr_line;         /* the header's first line (0 without a header) */
	lesson_meta_entry *meta;
	size_t nmeta;
	lesson_hdr_bad *hdr_bad;
	size_t nbad;
	lesson_cellrep *cells;
	size_t ncells, cap;
	const char *eol;      /* "\n" or "\r\n": the file's line end, for new lines */
	int changed;
};

/* Returns 1 when s[0..n) holds only spaces, tabs and CR/LF. */
int lesson__blank(const char *s, size_t n);

/* Formats "fmt" into err (errsize bytes; err may be NULL) and returns status. */
int lesson__fail(char *err, size_t errsize, int status, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Returns 1 when the line s[0..n) is a header delimiter, `-- ---`. */
int lesson__is_delim(const char *s, size_t n);

/* Returns the length of the line at s (n bytes left), its '\n' included. */
size_t lesson__linelen(const char *s, size_t n);

/*
** Parses the header in prefix[hdr_start..hdr_end) into L->meta and the
** lines YAML would read otherwise into L->hdr_bad (replacing what was
** there).  Returns LESSON_OK or LESSON_ENOMEM.
*/
int lesson__read_meta(lesson *L);

/* Frees L's header entries and problems. */
void lesson__meta_free(lesson *L);

/*
** Returns 1 when the line s[0..n) may stand above the header: a `#!` line
** (when `first`, the file's first line) or an encoding comment
** (`-- -*- coding: utf-8 -*-`), as Jupytext writes.
*/
int lesson__is_preamble(const char *s, size_t n, int first);

/*
** Returns 1 when YAML reads s[0..n) unquoted as the same text; else 0 and
** a static reason in *why.
*/
int lesson__yaml_plain_ok(const char *s, size_t n, const char **why);

/*
** Appends the value s[0..n) (as written after `key: `) to out, decoded as
** YAML reads it (quotes, escapes).  Returns NULL, or a static reason when
** YAML would not read it so; out then holds the text whole, without a
** pair of quotes around it.
*/
const char *lesson__yaml_value(const char *s, size_t n, strbuf *out);

/*
** Sets c's raw bytes to head + body + tail (copied) and derives its kind,
** title and source from them.  Returns LESSON_OK or LESSON_ENOMEM, leaving
** c unchanged on failure.
*/
int lesson__set_raw(lesson_cellrep *c, const char *head, size_t nhead,
                    const char *body, size_t nbody, const char *tail, size_t ntail);

/* Frees c's strings. */
void lesson__cell_free(lesson_cellrep *c);

/* Returns 1 when key[0..n) is a plain metadata key (letters, digits, _ - .). */
int lesson__key_ok(const char *key, size_t n);

/*
** Reads a header line (l bytes, its line end included) of the form
** `-- key: value`.  Returns 1 and the key's and value's bytes (as written:
** lesson__yaml_value decodes them), or 0 for any other line: delimiters,
** indented lines (nested YAML, as Jupytext writes under `jupyter:`).
*/
int lesson__meta_line(const char *s, size_t l, const char **key, size_t *nkey,
                      const char **val, size_t *nval);

/*
** Returns where the metadata starts in a marker's title text t[0..n): the
** offset of the run of `key=value` pairs ending the text, or n if none.
*/
size_t lesson__meta_start(const char *t, size_t n);

/* Returns the LESSON_HINT, LESSON_SOLUTION, LESSON_SRC_HIDDEN flags of metadata m[0..n). */
unsigned lesson__meta_flags(const char *m, size_t n);

/* Recomputes every cell's line numbers from the bytes. */
void lesson__renumber(lesson *L);

#endif
