/*
** transcript_int.h — running a lesson headless: `--run` and `--check`.
**
** The transcript is the notebook drawn as text: prose rendered, each code
** cell's source and its outputs, through the same renderer the screen uses.
** Frames do not pause (a headless run has no one to press a key).
*/
#ifndef NNBOOK_TRANSCRIPT_H
#define NNBOOK_TRANSCRIPT_H

#include <stddef.h>

#include "klink.h"
#include "lesson.h"
#include "render.h"
#include "strbuf.h"

typedef struct transcript_opts {
	size_t width;       /* columns; 0 = the terminal's, else 80 */
	int markdown;       /* --format md: a Markdown handout */
	int ipynb;          /* --format ipynb: a Jupyter notebook with the outputs */
	int hints;          /* --hints: show hint cells */
	int teacher;        /* --teacher: show solutions and exercise verdicts */
	int keep_going;     /* run the cells after a failing one */
	double timeout;     /* seconds per cell; 0 = none */
	size_t mem_limit;   /* bytes; 0 = the kernel's default */
	int utf8;           /* -1: from the locale; 0: ASCII; 1: UTF-8 */
	int color;          /* -1: when stdout is a terminal and NO_COLOR is unset */
	int times;          /* timings in progress lines */
	int restricted;     /* shared-server mode (require stays inside the lesson folder anyway) */
	const char *answers; /* --check --answers FILE: answers to try on the exercises */
} transcript_opts;

/* Fills *o with the defaults above. */
void transcript_defaults(transcript_opts *o);

/*
** Runs every cell of the lesson (or Lua notebook) at path and writes the
** transcript (or, with `ipynb`, the notebook with its outputs) to
** stdout.  Returns the exit status: 0 all cells ran, 1 a cell failed,
** 2 the file could not be read or parsed (message on stderr).
*/
int transcript_run(const char *path, const transcript_opts *o);

/*
** Checks a lesson for a teacher: parses it, compiles and runs every code
** cell headless, and reports on stderr syntax errors with their lines,
** failing cells, a missing title and exercises whose checks fail or are
** missing.  Returns 0 when nothing is wrong, 1 when something is, 2 for a
** file that cannot be read.
*/
int transcript_check(const char *path, const transcript_opts *o);

/* --- shared by transcript.c and lessoncheck.c ----------------------------------- */

/* The settings a run resolves once: size, glyphs, colour. */
typedef struct run {
	const transcript_opts *o;
	lesson *L;
	klink *k;
	size_t width;
	int utf8, color;
	int plain;          /* a plain script: its output only, nothing added */
	render_opts ro;
	strbuf out;
} run;

/* Opens the lesson and a kernel; returns 0, or the exit status 2 after a message. */
int transcript__setup(run *r, const char *path, const transcript_opts *o);

/* Closes what setup opened. */
void transcript__teardown(run *r);

/*
** Runs one code cell to the end in the kernel process, frames included.
** Returns KL_DONE or KL_ERROR; the outputs are in *bl.
*/
klink_event transcript__run_cell(run *r, const char *src, size_t len, int first_line,
                                 blocklist *bl);

/* SIGINT: the first stops the cell, a second ends the program. */
void transcript__on_sigint(int sig);

/* Returns 1 for a hint or solution cell: never run as part of the lesson. */
int transcript__is_help(const lesson_cell *c);

#endif
