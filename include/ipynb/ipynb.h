/*
** ipynb.h — Jupyter notebooks (nbformat 4.5) in and out of nnbook, with
** jansson; the only folder that includes it.
**
** Out: a lesson and what a run of it printed, as a notebook any notebook
** viewer shows.  The header goes in a first raw cell, `---` to `---`, as
** Jupytext puts it; each cell's title and marker metadata go in the cell's
** metadata (`title`, then the `key=value` pairs in their order); outputs are
** `stream` (what print wrote), `execute_result` (show), `display_data`
** (tables, figures, diagrams, progress, checks, drawn as text/plain) and
** `error` (the message and its traceback).  The notebook's metadata names
** the Lua kernel and language and the lesson's title, and tells Jupytext
** (`jupytext.notebook_metadata_filter: -all`) that the header cell is the
** whole header, so a notebook made from a lesson converts back to the same
** lesson, byte for byte for a lesson laid out as Jupytext writes one.
**
** In: a notebook whose code cells are Lua, converted to the lesson format
** as `jupytext --to lua:percent` does: a raw `---` first cell is the
** header, the notebook's kernelspec goes in its `jupyter:` block, cells
** become `-- %%` markers with their title and metadata, prose is commented
** with `-- `.  nnbook adds what Jupytext would drop: the notebook's title
** (its metadata `title`) goes in the header when the header has none.
**
** Nothing here prints; errors come back as a status and a message.
*/
#ifndef NNBOOK_IPYNB_H
#define NNBOOK_IPYNB_H

#include <stddef.h>

#include "lesson.h"
#include "strbuf.h"

enum ipynb_status {
	IPYNB_OK = 0,
	IPYNB_ENOMEM,   /* out of memory */
	IPYNB_EREAD,    /* the file cannot be read (missing, too large, a directory...) */
	IPYNB_EJSON,    /* not JSON */
	IPYNB_EFORMAT,  /* JSON, but not an nbformat 4 notebook */
	IPYNB_ELANG,    /* a notebook in another language than Lua */
	IPYNB_ELESSON   /* converted, but not a lesson (lesson_parse's message) */
};

/* What kind of output a run made (ipynb_out_output). */
enum ipynb_kind {
	IPYNB_STREAM,   /* printed text, as printed */
	IPYNB_RESULT,   /* a value shown: execute_result */
	IPYNB_DISPLAY,  /* a table, figure, diagram, progress line or check: display_data */
	IPYNB_ERROR     /* text: the message; traceback: the traceback's lines */
};

typedef struct ipynb_out ipynb_out;

/*
** Starts the notebook of lesson L (the header cell and the notebook's
** metadata; L is not kept).  Returns it (free with ipynb_out_free), or
** NULL when out of memory.
*/
ipynb_out *ipynb_out_new(const lesson *L);

/* Frees nb; NULL is a no-op. */
void ipynb_out_free(ipynb_out *nb);

/*
** Appends cell c (source, title, marker metadata).  A code cell that ran
** gets `exec` as its execution count (0: it did not run).  Returns
** IPYNB_OK or IPYNB_ENOMEM.
*/
int ipynb_out_cell(ipynb_out *nb, const lesson_cell *c, int exec);

/*
** Appends an output to the last code cell: text[0..n) (UTF-8), and for
** IPYNB_ERROR the traceback (may be NULL).  Consecutive stream outputs
** join.  Returns IPYNB_OK, or IPYNB_ENOMEM (also when no code cell came
** before).
*/
int ipynb_out_output(ipynb_out *nb, enum ipynb_kind kind, const char *text, size_t n,
                     const char *traceback);

/*
** Appends the notebook as JSON (one space of indent, as Jupyter writes
** it, with a final newline) to sb.  Returns IPYNB_OK or IPYNB_ENOMEM.
*/
int ipynb_out_write(const ipynb_out *nb, strbuf *sb);

/*
** Converts the notebook json[0..len) into a lesson in the percent format,
** appended to out.  `name` is used in messages.  Returns IPYNB_OK or an
** error status with "name: message" in err (errsize bytes, may be NULL).
*/
int ipynb_to_lesson(const char *json, size_t len, const char *name, strbuf *out,
                    char *err, size_t errsize);

/* Returns 1 when path names a notebook (ends in ".ipynb"). */
int ipynb_is_notebook(const char *path);

/*
** Reads the notebook at path (LESSON_NOFOLLOW in flags refuses a symbolic
** link), converts and parses it as a lesson named path.  Returns
** IPYNB_OK and *out (free with lesson_free), or an error status and
** "path: message" in err.
*/
int ipynb_load(const char *path, int flags, lesson **out, char *err, size_t errsize);

/*
** The lesson file a notebook is saved as: path with ".ipynb" replaced by
** ".lua", appended to out.
*/
void ipynb_lesson_path(const char *path, strbuf *out);

#endif
