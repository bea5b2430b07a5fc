/*
** notebook_int.h — the notebook screen's state, shared by its files:
**
**   notebook.c  the screen's ops: requests, status, questions, ticks
**   layout.c    cells as lines of a document: render caches, scrolling, drawing
**   cells.c     cell operations: add, delete and undo, move, kind, copy, paste
**   files.c     opening and closing a lesson, saving, recovery, outside changes
**   run.c       driving the kernel: runs, frames, the run-all queue; hints, solutions;
**               the hint under an error about cells above that have not run
**   search.c    `/` through cells and outputs
**   scrub.c     stepping back through a cell's frames
**   editor.c    the cell editor, a screen over the notebook, and $EDITOR
**
** The state is split by concern: the open lesson and its cell views, then
** run state, search, the clipboard, and the lesson's files (a store
** session).  A cellview lives on the heap and moves with its cell, so a
** moved cell, or one below a deleted cell, keeps its outputs.
*/
#ifndef NNBOOK_NOTEBOOK_INT_H
#define NNBOOK_NOTEBOOK_INT_H

#include <stddef.h>

#include "block.h"
#include "fhist.h"
#include "lesson.h"
#include "screen_int.h"
#include "session.h"
#include "styled.h"
#include "textbuf.h"

/* Columns left of every cell: the current-cell bar and a space. */
#define NB_GUTTER 2

/* Prose and figures are at most this wide: a readable measure on wide terminals. */
#define NB_MEASURE 100

/* From this many columns a figure and a table of one cell may stand side by side. */
#define NB_SIDE_COLS 120

/* Marks "no cell". */
#define NB_NONE ((size_t)-1)

/* What a code cell has been through. */
enum cell_state {
	CS_NEW,          /* never run */
	CS_QUEUED,       /* waiting in a run-all */
	CS_RUNNING,
	CS_DONE,
	CS_ERROR,
	CS_INTERRUPTED
};

/* A cell's frames, and the past frame shown instead of the live outputs (scrub.c). */
typedef struct nb_frames {
	fhist *hist;             /* recorded at each frame while it ran; NULL: none */
	int on;                  /* a past frame is shown */
	size_t at;               /* which record */
	blocklist past;          /* the outputs as that record shows them */
} nb_frames;

/* One cell as the screen sees it. */
typedef struct cellview {
	blocklist out;           /* the outputs; the kernel appends while it runs */
	enum cell_state state;
	enum cell_state qprev;   /* the state a queued cell goes back to when the queue is dropped */
	unsigned long count;     /* Jupyter's [n]; 0 never run */
	double seconds;          /* running time of the last run */
	int expanded;            /* `o`: every output line shown */
	int reveal;              /* show the solutions of this cell's exercise checks */
	int shown;               /* a hint, solution or hidden cell: 1 shown, -1 hidden, 0 as the progress says */
	int checked;             /* a check that judged an attempt: the solution may open */
	int src_hid;             /* the folding the cached source was rendered with */
	int helped;              /* a check with hint or solution cells after it */
	int edited;              /* changed in this session (kept on external reloads) */
	unsigned long src_gen;   /* grows when the source or kind changes */
	/* render caches, rebuilt when their key changes */
	st_text src;             /* source: highlighted code or rendered prose */
	size_t src_w;
	unsigned long src_key;
	int src_first;           /* the file line the cached source was numbered from */
	st_text outr;            /* outputs, folded */
	size_t out_w;
	unsigned long out_key;
	int out_exp, out_fold;
	size_t out_hidden;       /* rows folded away (fit.h) */
	int collapsed;           /* running, its code hidden to leave the screen to its outputs */
	size_t height;           /* lines this cell takes, separator included */
	/* the editor's text and undo history, kept for the session (editor.c) */
	textbuf *tb;             /* NULL until the cell is first edited */
	unsigned long tb_used;   /* when it was last edited (nb->tb_clock) */
	unsigned long life;      /* the kernel's life (nb_run.life) it last ran in; 0: never */
	nb_frames frames;        /* its frame history (scrub.c) */
} cellview;

/* Running cells. */
typedef struct nb_run {
	size_t running;          /* the running cell, or NB_NONE */
	int run_all;             /* go on with the next code cell when one finishes (2: the
	                            next setup cell, as the lesson opens) */
	int fast;                /* a run-all: frames do not wait (p plays them) */
	unsigned long shown;     /* what the running cell showed at the last frame (a hash) */
	int paused;              /* step mode: frames wait for `.` */
	int at_frame;            /* the running cell is waiting at a frame() */
	unsigned steps;          /* `.` presses not used yet: frames to go on by, then wait */
	double frame_due;        /* play mode: when the next frame may start */
	unsigned long frame_ver; /* the running cell's outputs (blocklist_version) at its last frame */
	int speed;               /* index into the speed table */
	int interrupted;         /* an interrupt was asked for this run */
	int last_error;          /* how the last run ended: 0 fine, 1 an error, 2 interrupted */
	double start;
	unsigned long life;      /* counts the kernel's lives: a restart begins a new one */
} nb_run;

/* The search. */
typedef struct nb_search {
	char query[128];
	size_t qlen;
	int has_match;
	size_t cell, line, col, len;   /* the match shown */
} nb_search;

/* A cell kept aside: its kind, title and source; a check keeps its hint and solution after it. */
typedef struct nb_kept {
	int kind;
	char *title, *src;       /* NULL: nothing kept */
	char *meta;              /* the marker's metadata, as written */
	cellview *view;          /* a deleted cell's outputs (NULL in a copy) */
	struct nb_kept *next;    /* the next cell kept with this one, or NULL */
} nb_kept;

/* The clipboard (c, x / v, V) and the last deleted cells (d d, x / z). */
typedef struct nb_clip {
	nb_kept copied;
	nb_kept deleted;         /* with its views while there is something to bring back */
	size_t del_at;
} nb_clip;

/* The lesson's files. */
typedef struct nb_files {
	store_session *ss;
	int bundled;             /* STORE_BUNDLED for bundled lessons */
	char *orig;              /* the bundled lesson this one is or copies (cells reset to it), or NULL */
	lesson *opened;          /* without orig: the lesson as it opened (exercises compare with it) */
	int copy;                /* the text is the student's copy of orig ("your copy") */
	int rec_dirty;           /* edits since the recovery file was written */
	double rec_last;         /* when it was written */
} nb_files;

struct editor;

typedef struct notebook {
	screen base;
	/* the open lesson */
	char *path;              /* as given, for messages */
	lesson *L;
	cellview **cv;
	size_t ncv, cvcap;
	int modified;            /* unsaved edits */
	/* the view */
	size_t cur;              /* the current cell */
	long top;                /* the document line at the top of the screen */
	size_t *tops;            /* the document line each cell starts at (nb_layout) */
	size_t tcap;
	size_t total;            /* the document's lines */
	int follow;              /* keep the running cell's newest output in view */
	size_t follow_cell;      /* the cell follow keeps in view (the last one run) */
	st_text hdr;             /* scratch: a cell's header line */
	struct editor *ed;       /* the editor open over this notebook, or NULL */
	unsigned long tb_clock;  /* counts editor openings (which history is oldest) */
	char question[256];      /* the words of a question being asked */
	size_t asked_cell;       /* the cell a question is about */

	nb_run run;
	nb_search search;
	nb_clip clip;
	nb_files files;
} notebook;

/* --- notebook.c ------------------------------------------------------------ */

/* Fills in the notebook's status bar; mode (NULL: none) is the editor's word. */
void nb_status(notebook *nb, app_status *st, const char *mode);

/* Returns the frames per second of a speed setting (0: as fast as possible). */
double nb_speed_fps(int speed);

/* Returns 1 (after saying why) when the lesson cannot change now (read-only). */
int nb_refuse(notebook *nb);

/* --- layout.c -------------------------------------------------------------- */

/* Returns a new view for a cell, or NULL; free with cellview_free. */
cellview *cellview_new(void);

/* Frees a view and its outputs; NULL is a no-op. */
void cellview_free(cellview *c);

/* The rows of the notebook area, and the columns cells are laid out in. */
int nb_view_rows(const notebook *nb);
size_t nb_content_width(const notebook *nb);

/* Rebuilds stale caches and heights; returns the document's total lines. */
size_t nb_layout(notebook *nb);

/* Marks every cache stale (resize). */
void nb_invalidate(notebook *nb);

/* Returns the document line where cell i starts (after nb_layout). */
size_t nb_cell_top(const notebook *nb, size_t i);

/* Returns the number of lines of cell i (after nb_layout), separator excluded. */
size_t nb_cell_lines(const notebook *nb, size_t i);

/* Returns the cell at document line y (the last cell past the end). */
size_t nb_cell_at_line(const notebook *nb, size_t y);

/* Scrolls so that cell i's first line (and as much of it as fits) is in view. */
void nb_show_cell(notebook *nb, size_t i);

/* Scrolls so that the end of cell i is in view (the running cell). */
void nb_follow_cell(notebook *nb, size_t i);

/*
** Lays the cells out again for a new size and keeps the student's place:
** the cell at the top of the view stays there, at the same share of its
** height, unless the current cell would leave the view.
*/
void nb_relayout_keep(notebook *nb);

/* Makes cell i current and scrolls to it. */
void nb_go(notebook *nb, size_t i);

/*
** Returns line `line` of cell i as drawn (header, source, outputs), or NULL
** past its end.  The header line is built in nb->hdr, which the next call reuses.
*/
const st_line *nb_cell_line(notebook *nb, size_t i, size_t line);

/* Draws the notebook's rows into g. */
void nb_draw_cells(notebook *nb, grid *g);

/* Writes s into buf, cut to at most cols columns with a final "…" ("..." without UTF-8). */
void nb_shorten(const notebook *nb, const char *s, size_t cols, char *buf, size_t size);

/* --- cells.c --------------------------------------------------------------- */


/*
** Cell operations on the current cell; each shows a message on failure.
** On an exercise's check, J / K, d d, x, c and z act on the check with its
** hint and solution cells after it; J / K move a hint or solution only
** among them, so it never leaves its check.
*/
void nb_cell_add(notebook *nb, int below);
void nb_cell_delete(notebook *nb);
void nb_cell_undo(notebook *nb);
void nb_cell_move(notebook *nb, int dir);
void nb_cell_set_kind(notebook *nb, enum lesson_kind kind);
void nb_cell_copy(notebook *nb);
void nb_cell_cut(notebook *nb);
void nb_cell_paste(notebook *nb, int above);

/* D: asks whether to reset the current cell to the bundled lesson's version. */
void nb_cell_reset_ask(notebook *nb, int question);

/* The answer: puts the original back in cell nb->asked_cell (an undo step in its history). */
void nb_cell_reset(notebook *nb);

/*
** Returns 1 when cell i reads as in the lesson's original: the bundled
** lesson (files.orig), else the lesson as it opened (files.opened).  A
** cell the original does not have, or one that cannot be compared, is 0.
*/
int nb_cell_is_original(notebook *nb, size_t i);

/* Replaces cell i's source (from an editor); returns 0 or -1. */
int nb_cell_set_source(notebook *nb, size_t i, const char *s, size_t n);

/* Frees what the clipboard keeps. */
void nb_clip_free(nb_clip *c);

/* Marks the lesson changed (unsaved, recovery due). */
void nb_touch(notebook *nb);

/* --- files.c --------------------------------------------------------------- */

/* Opens path into nb (kernel, lesson, views, session); returns 0 or -1 with a message in err. */
int nb_open_lesson(notebook *nb, const char *path, const char *origin, char *err, size_t errsize);

/* Closes the lesson (progress saved, lock released, kernel stopped). */
void nb_close_lesson(notebook *nb);

/* Saves the lesson; returns 0 or -1 (a message says why). */
int nb_save(notebook *nb);

/* Returns the seconds until the recovery file is due (-1: nothing to write). */
double nb_recovery_due(const notebook *nb);

/* Writes unsaved edits to the recovery file (quietly; for hangups and autosave). */
void nb_save_recovery(notebook *nb);

/* Removes the recovery file (the edits were saved or thrown away). */
void nb_discard_recovery(notebook *nb);

/* Answers "restore unsaved edits?". */
void nb_restore_answer(notebook *nb, int yes);

/* Returns 1 when the notebook may look for outside changes now. */
int nb_may_look(const notebook *nb);

/* Acts on a change of the lesson file on disk: reloads, or asks first. */
void nb_changed_outside(notebook *nb);

/* Reloads the cells the student has not edited from the file on disk. */
void nb_reload(notebook *nb);

/* Returns 1 when the lesson is open elsewhere (read-only here). */
int nb_read_only(const notebook *nb);

/* --- run.c ----------------------------------------------------------------- */

/*
** How cell i is folded: 0 shown in full; else the one line it shows, one
** of enum nb_fold.  Hints, solutions and source_hidden cells start folded.
*/
enum nb_fold { NB_OPEN, NB_HINT, NB_SOL_LATER, NB_SOL, NB_HIDDEN, NB_SETUP };
int nb_folded(const notebook *nb, size_t i);

/*
** h / S: shows (or hides again) the hint or the solution of the exercise
** around the current cell (`flag` LESSON_HINT or LESSON_SOLUTION).  A
** solution opens only after the exercise's check has run once.  Each
** reveal is kept in the progress.  Returns 0 when there was none.
*/
int nb_reveal(notebook *nb, unsigned flag);

/*
** Cell i failed on a nil (a name no run defined, most likely): when code
** cells above it have not run in this kernel's life, says which in one
** more line of its error (block extra).
*/
void nb_hint_not_run(notebook *nb, size_t i);

/* After check cell i passed exercise `name`: notes whether its solution was shown. */
void nb_passed(notebook *nb, size_t i, const char *name);

/* Starts cell i (marking it running); returns 0, or -1 when nothing started. */
int nb_run_cell(notebook *nb, size_t i);

/* Runs every code cell from the first (queued). */
void nb_run_all(notebook *nb);

/* Runs the setup cells (tags=["setup"]), queued, as the lesson opens. */
void nb_run_setup(notebook *nb);

/* Asks the running cell to stop and clears the queue. */
void nb_interrupt(notebook *nb);

/* Acts on what the kernel sent; lets a waiting frame go on when its time has come. */
void nb_run_tick(notebook *nb, klink_event ev);

/*
** Returns the frame the running cell shows: the frames it has reached,
** and one more once the outputs of the next one arrive (a long frame's
** progress line comes before its frame() does).  0: none yet.
*/
unsigned long nb_run_frame(const notebook *nb);

/* Returns the seconds until the running cell's next frame may start (0: now, -1: none waits). */
double nb_run_wait(const notebook *nb);

/* Restarts the kernel (outputs stay on screen). */
void nb_restart(notebook *nb);

/* Clears cell i's outputs. */
void nb_clear_outputs(notebook *nb, size_t i);

/* `.`: one frame; idle on a code cell, starts it paused at its first frame. */
void nb_step(notebook *nb);

/* --- scrub.c --------------------------------------------------------------- */

/* Returns the outputs cell c shows: a past frame's, or the live ones. */
const blocklist *nb_shown(const cellview *c);

/* Records running cell i's outputs at the frame the kernel waits at. */
void nb_frames_record(notebook *nb, size_t i);

/* Frees cell c's frames (a new run, cleared outputs, a freed view). */
void nb_frames_free(cellview *c);

/* Every cell back to its live outputs (a key that runs or edits). */
void nb_frames_live(notebook *nb);

/* Returns 0 for a request that runs or edits (it returns the cells to live), else 1. */
int nb_frames_keeps(enum ui_req req);

/* Carries out [ ] { } Home End on the current cell; returns 0 when req was not one (or Home/End move). */
int nb_frames_request(notebook *nb, enum ui_req req);

/* Writes "frame 20/30" into buf and returns 1 while c shows a past frame; else 0. */
int nb_frames_label(const cellview *c, char *buf, size_t size);

/* Adds "frame 20/30" to the status bar while the current cell shows a past frame. */
void nb_frames_status(notebook *nb, app_status *st);

/* --- search.c -------------------------------------------------------------- */

/* Finds the next (dir > 0) or previous match of the query; returns 1 when found. */
int nb_find(notebook *nb, int dir);

/* --- editor.c -------------------------------------------------------------- */

/* Opens the editor over nb on the current cell. */
void editor_open(notebook *nb);

/* Returns the cell being edited, or NB_NONE. */
size_t editor_cell(const struct editor *e);

/* Copies the editor's text into the lesson when it changed. */
void editor_sync(struct editor *e);

/* Appends the editor's lines (numbered, highlighted, scrolled) for width columns. */
void editor_render(struct editor *e, st_text *out, size_t width);

/* Edits the current cell in $VISUAL / $EDITOR (not in restricted mode). */
void editor_external(notebook *nb);

/*
** Returns cell i's text with its undo history, made on first use and
** kept for the session (a bounded number of cells, each a bounded size).
** A source changed outside the editor since becomes one undo step, so
** Ctrl-Z still reaches the earlier versions.  NULL when out of memory.
*/
textbuf *nb_cell_text(notebook *nb, size_t i);

/* --- classroom.c ----------------------------------------------------------- */

/* F (follow the teacher), T (take the teacher's cell), P (the teacher offers this cell). */
void nb_class_request(notebook *nb, enum ui_req req);

#endif
