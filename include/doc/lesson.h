/*
** lesson.h — the lesson file: a Lua script in Jupytext's "percent" format.
**
**   -- -*- coding: utf-8 -*-     optional: a `#!` line, an encoding comment
**   -- ---                       optional header: YAML as Jupytext writes it
**   -- title: The perceptron     (lesson_header.c)
**   -- ---
**
**   -- %% [markdown]             a prose cell: Markdown in `-- ` comments
**   -- # The perceptron
**
**   -- %% AND gate               a code cell titled "AND gate"
**   print(1 + 1)
**
**   -- %% Hint 1 tags=["hint"]   a cell with metadata (see below)
**
** `[md]` is short for `[markdown]`.  After the title a marker line may
** carry cell metadata as Jupytext writes it: `key=value` pairs whose values
** are JSON (`tags=["solution"]`, `jupyter={"source_hidden": true}`).  They
** are never part of the title, and the line is kept as written.  Text
** before the first marker is a code cell without a marker (skipped when
** blank), so a plain Lua script is a lesson of one cell.
**
** A cell keeps the bytes it was read from, so saving an unchanged lesson
** writes the file back byte for byte (CRLF line ends, blank separator
** lines, a missing final newline), and an edit re-generates only the lines
** of the cell it touches.  Cell sources use '\n' line ends whatever the
** file uses; lines a lesson gains are written with the file's line end.
**
** Lesson data is charged to the memory budget (mem.h).  Nothing here
** prints: failures come back as a status and, where a caller may show it,
** a message naming the file and line.
*/
#ifndef NNBOOK_LESSON_H
#define NNBOOK_LESSON_H

#include <stddef.h>

#include "strbuf.h"

/* The largest lesson file accepted, in bytes. */
#define LESSON_MAX_BYTES ((size_t)4 << 20)

enum lesson_status {
	LESSON_OK = 0,
	LESSON_ENOENT,    /* no such file */
	LESSON_EREAD,     /* cannot be opened or read (permissions, I/O, not a file) */
	LESSON_EISDIR,    /* a directory */
	LESSON_ETOOBIG,   /* over LESSON_MAX_BYTES */
	LESSON_EEMPTY,    /* zero bytes */
	LESSON_ENOCELLS,  /* only blank lines and a header */
	LESSON_EBINARY,   /* a NUL byte */
	LESSON_EBYTECODE, /* precompiled Lua ("\x1bLua") */
	LESSON_EUTF8,     /* invalid UTF-8 */
	LESSON_EHEADER,   /* a `-- ---` header that never closes */
	LESSON_ENOMEM,    /* over the memory budget */
	LESSON_EINDEX     /* an edit named a cell that does not exist */
};

enum lesson_kind { LESSON_CODE, LESSON_MARKDOWN };

/* What a cell's metadata asks for (lesson_cell.flags). */
enum {
	LESSON_HINT = 1,        /* tags=["hint"]: an exercise's hint, hidden until asked for */
	LESSON_SOLUTION = 2,    /* tags=["solution"]: an exercise's solution, hidden */
	LESSON_SRC_HIDDEN = 4,  /* jupyter={"source_hidden": true}: shown folded */
	LESSON_SETUP = 8        /* tags=["setup"]: runs when the lesson opens, shown folded */
};

/*
** One cell, read-only for callers (change it through the lesson_set_*
** functions).  Line numbers are 1-based and refer to the file as it would
** be written now; they are updated after every edit.
*/
typedef struct lesson_cell {
	enum lesson_kind kind;
	const char *title;   /* words after the marker (and after [markdown]); "" if none */
	const char *meta;    /* the `key=value` pairs after the title, as written; "" if none */
	unsigned flags;      /* LESSON_HINT, LESSON_SOLUTION, LESSON_SRC_HIDDEN, from meta */
	const char *source;  /* code: the Lua lines; markdown: uncommented; no final '\n' */
	size_t source_len;
	int marker_line;     /* the `-- %%` line; 0 for text before the first marker */
	int first_line;      /* the first source line */
	int last_line;       /* the last source line (first_line - 1 when empty) */
	int end_line;        /* the last line of the cell, blank separator lines included */
} lesson_cell;

typedef struct lesson lesson;

/*
** Parses len bytes of buf; `name` is used in messages and by
** lesson_name() (e.g. "lessons/01-perceptron.lua").  Returns LESSON_OK and
** a new lesson in *out (free with lesson_free), or an error status with
** *out = NULL and "name:line: message" in err (errsize bytes; err may be
** NULL).  An empty buffer, a NUL byte, precompiled Lua, invalid UTF-8, an
** unclosed header and a lesson without cells are errors.
*/
int lesson_parse(const char *buf, size_t len, const char *name, lesson **out,
                 char *err, size_t errsize);

/*
** Reads and parses the file at path (at most LESSON_MAX_BYTES).  Returns
** as lesson_parse; file errors (missing, unreadable, a directory, too
** large) are reported as "path: message".
*/
int lesson_load(const char *path, lesson **out, char *err, size_t errsize);

/* Flags for lesson_load_flags. */
enum { LESSON_NOFOLLOW = 1 };   /* refuse a symbolic link (restricted mode) */

/* As lesson_load, with LESSON_* flags. */
int lesson_load_flags(const char *path, int flags, lesson **out, char *err, size_t errsize);

/*
** Returns 1 when L is a lesson rather than a plain Lua file (a module a
** lesson requires): it has a header or at least one `-- %%` marker.
*/
int lesson_is_lesson(const lesson *L);

/* Frees L; NULL is a no-op. */
void lesson_free(lesson *L);

/* Returns the name given at parse time; owned by L. */
const char *lesson_name(const lesson *L);

/* Returns the number of cells. */
size_t lesson_ncells(const lesson *L);

/* Returns cell i (NULL when out of range); owned by L, valid until the next edit. */
const lesson_cell *lesson_cell_at(const lesson *L, size_t i);

/* Returns the file line of line `chunk_line` (1-based) of cell c's source. */
int lesson_file_line(const lesson_cell *c, int chunk_line);

/*
** Finds `key=` in c's metadata (the last one when repeated).  Returns 1
** and the value's JSON text in *val, *n bytes (owned by the cell), or 0.
*/
int lesson_cell_meta(const lesson_cell *c, const char *key, const char **val, size_t *n);

/* Returns 1 when c's metadata has tags=[...] holding the string tag. */
int lesson_cell_has_tag(const lesson_cell *c, const char *tag);

/*
** The check a hint or solution cell i belongs to: the nearest code cell
** before it that is neither a hint nor a solution.  (The exercise cell a
** solution replaces is the code cell before that check.)  Returns its
** index, or (size_t)-1 when there is none.
*/
size_t lesson_check_of(const lesson *L, size_t i);

/*
** Returns the header value for key, or NULL; owned by L.  Values are
** decoded as YAML reads them (quotes, escapes); a key inside a block is
** named by its path: "jupyter.kernelspec.language".  A key without a value
** (a block's) has the value "".
*/
const char *lesson_meta(const lesson *L, const char *key);

/*
** Returns the header's title: `title`, else the `title` Jupytext keeps in
** the `jupyter:` block (a notebook's metadata); NULL when neither is set.
** Owned by L.
*/
const char *lesson_header_title(const lesson *L);

/*
** Returns the i-th header line YAML would not read as nnbook does (a
** ": " or " #" in a plain value, an unclosed quote...): why, with its file
** line in *line; NULL past the last.  Jupytext stops on such a header.
*/
const char *lesson_header_problem(const lesson *L, size_t i, int *line);

/*
** Appends the lines above the header (a `#!` line, an encoding comment),
** line ends included; nothing when there are none.
*/
void lesson_preamble(const lesson *L, strbuf *out);

/*
** Appends the header as YAML: its lines, `---` lines included, without
** the `-- ` before them and with '\n' line ends; nothing without a header.
*/
void lesson_header_yaml(const lesson *L, strbuf *out);

/*
** Appends v[0..n) as a YAML value: plain when YAML reads it back the same,
** else double-quoted with escapes.  lesson_meta reads it back as v.
*/
void lesson_yaml_quote(strbuf *sb, const char *v, size_t n);

/*
** Writes the lesson's title into buf (size bytes) and returns buf: the
** header's title (lesson_header_title), else the first heading of the
** first markdown cell, else the file name without directory and ".lua".
*/
const char *lesson_title(const lesson *L, char *buf, size_t size);

/* Returns 1 when an edit has changed L since it was parsed. */
int lesson_changed(const lesson *L);

/*
** Appends the lesson in its file format to sb.  Returns LESSON_OK, or
** LESSON_ENOMEM when sb could not grow.
*/
int lesson_write(const lesson *L, strbuf *sb);

/*
** The edits.  Each returns LESSON_OK, LESSON_EINDEX for a cell that does
** not exist (or a move past either end) or LESSON_ENOMEM, in which case L
** is unchanged.  Every cell an edit does not touch keeps its bytes.
*/

/* Inserts a new cell of `kind` before cell i (i == ncells appends). */
int lesson_insert(lesson *L, size_t i, enum lesson_kind kind, const char *source);

/* Deletes cell i. */
int lesson_delete(lesson *L, size_t i);

/* Moves cell i one place up (dir < 0) or down (dir > 0). */
int lesson_move(lesson *L, size_t i, int dir);

/* Replaces cell i's source (n bytes); an unchanged text leaves the bytes alone. */
int lesson_set_source(lesson *L, size_t i, const char *source, size_t n);

/* Turns cell i into `kind`, keeping its text and title. */
int lesson_set_kind(lesson *L, size_t i, enum lesson_kind kind);

/* Sets cell i's title ("" removes it); newlines become spaces. */
int lesson_set_title(lesson *L, size_t i, const char *title);

/* Sets a header value, adding the line (or the header) when missing. */
int lesson_set_meta(lesson *L, const char *key, const char *value);

#endif
