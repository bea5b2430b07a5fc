/*
** ui.h — the ncurses interface's private state, shared by the files of src/ui.
**
** One `ui` holds everything the screen shows: the open lesson and its
** kernel, one cellview per cell (outputs, run state, render caches), the
** scroll position, the run queue and animation mode, and what the bottom
** lines say.  Keys become requests (keys.c); requests change the state;
** the main loop (app.c) redraws what changed with one doupdate.
** Only this layer includes <curses.h>.
*/
#ifndef NNBOOK_UI_H
#define NNBOOK_UI_H

#include <stddef.h>
#include <time.h>

#include "app.h"
#include "block.h"
#include "klink.h"
#include "lesson.h"
#include "store.h"
#include "strbuf.h"
#include "styled.h"

/* The smallest screen the notebook draws itself on. */
#define UI_MIN_COLS 40
#define UI_MIN_ROWS 10

/* Columns left of every cell: the current-cell bar and a space. */
#define UI_GUTTER 2

/* What a code cell has been through. */
enum cell_state {
	CS_NEW,          /* never run */
	CS_QUEUED,       /* waiting in a run-all */
	CS_RUNNING,
	CS_DONE,
	CS_ERROR,
	CS_INTERRUPTED
};

/* One cell as the screen sees it.  Heap-allocated, so a moved cell keeps its outputs. */
typedef struct cellview {
	blocklist out;           /* the outputs; the kernel appends while it runs */
	enum cell_state state;
	enum cell_state qprev;   /* the state a queued cell goes back to when the queue is dropped */
	unsigned long count;     /* Jupyter's [n]; 0 never run */
	double seconds;          /* running time of the last run */
	int expanded;            /* `o`: every output line shown */
	int reveal;              /* show the solutions of this cell's exercise checks */
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
	size_t out_hidden;       /* lines folded away ("+N lines") */
	size_t height;           /* lines this cell takes, separator included */
} cellview;

/* The screens. */
enum ui_screen { SCR_BROWSER, SCR_NOTEBOOK, SCR_HELP, SCR_EDIT };

/* What a key asks for (keys.c maps keys to these; help is made from the same table). */
enum ui_req {
	REQ_NONE,
	/* moving */
	REQ_NEXT, REQ_PREV, REQ_PGDN, REQ_PGUP, REQ_FIRST, REQ_LAST,
	REQ_SEARCH, REQ_SNEXT, REQ_SPREV,
	/* running */
	REQ_RUN, REQ_RUN_NEXT, REQ_RUN_ALL, REQ_INTERRUPT, REQ_RESTART, REQ_CLEAR,
	/* training */
	REQ_PLAY, REQ_STEP, REQ_FASTER, REQ_SLOWER,
	/* cells and files */
	REQ_EDIT, REQ_EXTERNAL, REQ_ADD_ABOVE, REQ_ADD_BELOW, REQ_DELETE, REQ_UNDO,
	REQ_MOVE_UP, REQ_MOVE_DOWN, REQ_KIND, REQ_COPY, REQ_PASTE, REQ_SAVE,
	/* other */
	REQ_FOLD, REQ_SOLUTION, REQ_HELP, REQ_REDRAW, REQ_SUSPEND, REQ_QUIT, REQ_BACK,
	/* browser */
	REQ_OPEN, REQ_RESET, REQ_BRING_BACK,
	/* editor */
	REQ_ED_LEAVE, REQ_ED_RUN, REQ_ED_SAVE, REQ_ED_UNDO, REQ_ED_REDO,
	REQ_ED_LEFT, REQ_ED_RIGHT, REQ_ED_UP, REQ_ED_DOWN, REQ_ED_HOME, REQ_ED_END,
	REQ_ED_WLEFT, REQ_ED_WRIGHT, REQ_ED_PGUP, REQ_ED_PGDN, REQ_ED_TOP, REQ_ED_BOTTOM,
	REQ_ED_BACKSPACE, REQ_ED_DELETE, REQ_ED_ENTER, REQ_ED_TAB, REQ_ED_DEDENT,
	REQ_ED_PASTE_BEGIN, REQ_ED_PASTE_END
};

/* Key codes beyond ncurses' own: Alt+key, and bracketed paste's markers. */
#define UI_KEY_FN      0x1000000          /* or'ed into KEY_* codes in the key table */
#define UI_KEY_ALT     0x2000000          /* or'ed into a character typed after Esc */
#define UI_KEY_CTRL(c) ((c) & 0x1f)
#define UI_K_CLEFT       (UI_KEY_FN | 0x1001)   /* Ctrl+Left and friends (kLFT5 ...) */
#define UI_K_CRIGHT      (UI_KEY_FN | 0x1002)
#define UI_K_CHOME       (UI_KEY_FN | 0x1003)
#define UI_K_CEND        (UI_KEY_FN | 0x1004)
#define UI_K_PASTE_BEGIN (UI_KEY_FN | 0x1005)   /* ESC [ 200 ~ */
#define UI_K_PASTE_END   (UI_KEY_FN | 0x1006)   /* ESC [ 201 ~ */
#define UI_K_FOCUS_IN    (UI_KEY_FN | 0x1007)   /* ESC [ I: the terminal got the focus */
#define UI_K_FOCUS_OUT   (UI_KEY_FN | 0x1008)   /* ESC [ O */

/* What the bottom line is asking. */
enum ui_prompt {
	PR_NONE, PR_SEARCH, PR_QUIT, PR_RESTART, PR_RELOAD, PR_RESTORE,
	PR_RESET,        /* browser D: reset to the original, the copy kept as a backup */
	PR_BRING_BACK    /* browser U over a newer copy: that copy becomes a backup too */
};

/* An entry of the lesson browser. */
typedef struct ui_entry {
	char *path;      /* what Enter opens: the user's copy when there is one */
	char *orig;      /* the bundled original, or NULL for the user's own lessons */
	char *title;
	char *source;    /* the lesson's `source:` line, or "" */
	int user_copy;   /* path is the user's copy of orig */
	size_t ncells, last_cell, nchecks, passed;
	int has_progress;
	int has_backup;  /* a reset kept a backup of this lesson's copy (U brings it back) */
} ui_entry;

struct ui_edit;  /* edit.c */

typedef struct ui {
	app_opts opts;
	int utf8, color, colors256;
	int rows, cols;
	int too_small;
	enum ui_screen screen, back;   /* back: where help / the editor return */

	/* the browser */
	ui_entry *entries;
	size_t nentries, bsel, btop;
	int from_browser;              /* q in the notebook goes back to the browser */

	/* the open lesson */
	char *path;                    /* as given, for messages and saving */
	char *save_path;               /* where a save goes (the user copy of a read-only lesson) */
	lesson *L;
	klink *k;                      /* the link to the lesson's kernel process */
	cellview **cv;
	size_t ncv;
	size_t cur;                    /* the current cell */
	long top;                      /* the document line at the top of the screen */
	size_t *tops;                  /* the document line each cell starts at (ui_layout) */
	size_t total;                  /* the document's lines */
	int follow;                    /* keep the running cell's newest output in view */
	size_t follow_cell;            /* the cell follow keeps in view (the last one run) */
	int modified;                  /* unsaved edits */
	int read_only;                 /* open elsewhere: no saving */
	struct timespec mtime;         /* the lesson file's mtime when loaded or saved */
	struct timespec mtime_seen;    /* ... and when we last looked */
	double ext_checked;            /* when the file was last checked for outside changes */
	int clip_kind;                 /* the copied cell: kind, title, source */
	char *clip_title, *clip_src;
	size_t clip_len;
	int has_clip;
	cellview *del_cv;              /* the last deleted cell, for undo */
	char *del_title, *del_src;
	size_t del_len, del_at;
	int del_kind;

	/* files (store.h) */
	store *st;
	store_lock *lock;
	int save_flags;                /* STORE_BUNDLED for bundled lessons */
	int save_where;                /* STORE_IN_PLACE or STORE_USER_COPY */
	char *lname;                   /* the lesson's name, for progress */
	store_progress prog;
	strbuf recovered;              /* unsaved edits found at open, waiting for an answer */
	int rec_dirty;                 /* edits since the recovery file was written */
	double rec_last;               /* when it was written */

	/* running */
	size_t running;                /* the running cell, or (size_t)-1 */
	int run_all;                   /* go on with the next code cell when one finishes */
	int run_next;                  /* Ctrl-R: move on after the run */
	int paused;                    /* step mode: frames wait for `.` */
	int at_frame;                  /* the running cell is waiting at a frame() */
	unsigned steps;                /* `.` presses not yet used: frames to go on by, then wait */
	double frame_due;              /* play mode: when the next frame may start */
	int speed;                     /* index into the speed table */
	int interrupted;               /* an interrupt was asked for this run */
	int last_error;                /* how the last run ended: 0 fine, 1 an error, 2 interrupted */
	double run_start;

	/* search */
	char query[128];
	size_t qlen;
	int has_match;
	size_t m_cell, m_line, m_col, m_len;   /* the match shown */

	/* the bottom lines */
	enum ui_prompt prompt;
	char input[128];               /* what is typed at a prompt */
	size_t ilen;
	char msg[256];                 /* a message instead of the key hint */
	int msg_error;
	int pending;                   /* first key of a two-key command, or 0 */

	/* help */
	long help_top;

	/* the editor */
	struct ui_edit *ed;

	/* drawing */
	int cursor_y, cursor_x;        /* where the terminal cursor goes (-1: hidden) */
	int dirty;                     /* something changed: redraw */
	int key_seen;                  /* a key came: redraw now, not at the next 1/30 s */
	int full_redraw;               /* clear the terminal too (resize, ^L) */
	double last_draw;
	int quit;
	int exit_status;
} ui;

/* Marks "not running". */
#define UI_NONE ((size_t)-1)

/* --- app.c ---------------------------------------------------------------- */

/* Returns a monotonic clock in seconds. */
double ui_now(void);

/* Returns 1 when a Ctrl-C came since the last call, and forgets it. */
int ui_sigint_take(void);

/* Suspends the program (^Z) when not restricted. */
void ui_suspend(ui *u);

/* Shows a message on the bottom line until the next key (printf format). */
void ui_message(ui *u, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* --- draw.c: colours, attributes, styled text ----------------------------- */

/* Sets up colour pairs after newterm (u->color, u->colors256 decided here). */
void ui_colors_init(ui *u);

/* Returns the curses attributes (pair included) for a style. */
unsigned long ui_attr(const ui *u, st_style s);

/*
** Draws columns [from, from + width) of line l at (y, x); the rest of the
** width is cleared.  extra is or'ed into every cell's attributes.
*/
void ui_draw_line(const ui *u, int y, int x, const st_line *l, size_t width,
                  unsigned long extra);

/* Writes s (UTF-8) at (y, x) with attributes attr, at most width columns;
** returns the columns written. */
int ui_puts(const ui *u, int y, int x, const char *s, int width, unsigned long attr);

/* --- notebook.c: layout and drawing of cells ------------------------------ */

/* Returns a new view for a cell, or NULL; free with ui_cell_free. */
cellview *ui_cell_new(void);

/* Frees a view and its outputs; NULL is a no-op. */
void ui_cell_free(cellview *c);

/* The columns cells are laid out in. */
size_t ui_content_width(const ui *u);

/* Rebuilds stale caches and heights; returns the document's total lines. */
size_t ui_layout(ui *u);

/* Returns the document line where cell i starts (after ui_layout). */
size_t ui_cell_top(const ui *u, size_t i);

/* Returns the cell at document line y (the last cell past the end). */
size_t ui_cell_at_line(const ui *u, size_t y);

/* Scrolls so that cell i's first line (and as much of it as fits) is in view. */
void ui_show_cell(ui *u, size_t i);

/* Scrolls so that the end of cell i is in view (the running cell). */
void ui_follow_cell(ui *u, size_t i);

/* The rows of the notebook area (the screen less the two bottom lines). */
int ui_view_rows(const ui *u);

/*
** Returns line `line` of cell i as drawn (header, source, outputs), or NULL
** past its end.  The header line is built in a buffer the next call reuses.
*/
const st_line *ui_cell_line(ui *u, size_t i, size_t line);

/* Returns the number of lines of cell i (after ui_layout), separator excluded. */
size_t ui_cell_lines(const ui *u, size_t i);

/* Draws the notebook area. */
void ui_draw_notebook(ui *u);

/* Marks every cache stale (resize, option change). */
void ui_invalidate(ui *u);

/* --- status.c: the status bar and the hint / message / prompt line -------- */

/* Draws the two bottom lines. */
void ui_draw_status(ui *u);

/* Returns the frames per second of the speed setting (0: as fast as possible). */
double ui_speed_fps(int speed);

/* Returns the number of speed settings. */
int ui_speed_count(void);

/* The default speed setting. */
int ui_speed_default(void);

/* --- keys.c: the key table, the dispatcher, the help screen --------------- */

/* Teaches ncurses the extra keys (Ctrl+arrows, bracketed paste); after newterm. */
void ui_keys_init(void);

/*
** Turns what wget_wch returned into a key code: a character, KEY_* |
** UI_KEY_FN, or one of the UI_K_* codes; Enter, Backspace and Esc have one
** code each ('\n', KEY_BACKSPACE | UI_KEY_FN, 27).
*/
int ui_key_code(int ch, int fn);

/* Returns the request key is bound to on the current screen (REQ_NONE: none). */
enum ui_req ui_key_request(const ui *u, int key);

/* Handles one key code. */
void ui_key(ui *u, int key);

/* --- commands.c: what requests do ---------------------------------------- */

/* Carries out a request on the current screen. */
void ui_do(ui *u, enum ui_req req);

/* Handles a key while the bottom line asks something (search, y/n). */
void ui_prompt_key(ui *u, int key);

/* Leaves the notebook: back to the browser, or quits. */
void ui_leave(ui *u);

/* --- edit.c: the cell editor ---------------------------------------------- */

/* Opens the editor on the current cell. */
void ui_edit_open(ui *u);

/* Handles a key in the editor. */
void ui_edit_key(ui *u, int key);

/* Draws the notebook with the editor in place of the current cell's source. */
void ui_draw_edit(ui *u);

/* Closes the editor, keeping its text in the cell; frees it. */
void ui_edit_close(ui *u);

/* Returns the cell being edited, or UI_NONE. */
size_t ui_edit_cell(const ui *u);

/* Copies the editor's text into the lesson when it changed. */
void ui_edit_sync(ui *u);

/* Appends the editor's lines (numbered, highlighted, scrolled) for width columns. */
void ui_edit_render(ui *u, st_text *out, size_t width);

/* Edits the current cell in $VISUAL / $EDITOR (not in restricted mode). */
void ui_external_edit(ui *u);

/* Draws the help screen. */
void ui_draw_help(ui *u);

/* Writes the one-line hint of the main keys of the current screen into buf. */
void ui_key_hint(const ui *u, char *buf, size_t size);

/* Appends the key table as Markdown (docs/keys.md) to sb. */
void ui_keys_markdown(strbuf *sb);

/* --- run.c: driving the kernel ------------------------------------------- */

/* Starts cell i (marking it running); returns 0, or -1 when nothing started. */
int ui_run_cell(ui *u, size_t i);

/* Runs every code cell from the first (queued). */
void ui_run_all(ui *u);

/* Asks the running cell to stop and clears the queue. */
void ui_interrupt(ui *u);

/* Lets a cell waiting at a frame go on when its time (or its step) has come. */
void ui_run_step(ui *u);

/*
** Takes what the kernel sent, waiting up to ms milliseconds for it (0: no
** wait), and acts on frames and ends of cells.
*/
void ui_kernel_poll(ui *u, int ms);

/* Returns the seconds until the running cell's next frame may start
** (0: now, -1: no frame is waiting for its time). */
double ui_run_wait(const ui *u);

/* Restarts the kernel (outputs stay on screen). */
void ui_restart(ui *u);

/* Clears cell i's outputs. */
void ui_clear_outputs(ui *u, size_t i);

/* Acts on a Ctrl-C the signal handler saw: the running cell is asked to stop. */
void ui_sigint_seen(ui *u);

/* Records a finished cell in the user's progress (lesson.c). */
void ui_progress_cell(ui *u, size_t i);

/* --- cells.c: opening a lesson, cell operations --------------------------- */

/* Sets up what outlives a lesson (the store); returns 0, or -1 with a message. */
int ui_init(ui *u, char *err, size_t errsize);

/* Frees what ui_init made. */
void ui_fini(ui *u);

/*
** Opens the lesson at path; `origin` (NULL: path itself) is the lesson it
** is a copy of, whose folder holds the modules require() finds.  Returns
** 0, or -1 with a message in err.
*/
int ui_open(ui *u, const char *path, const char *origin, char *err, size_t errsize);

/* After the screen is up: asks about recovered edits, says "read-only". */
void ui_after_open(ui *u);

/* Closes the open lesson (asks nothing; progress is saved). */
void ui_close(ui *u);

/* Marks the lesson changed (unsaved, recovery due). */
void ui_touch(ui *u);

/* Puts path's modification time in *ts (zero when it cannot be read). */
void ui_file_mtime(const char *path, struct timespec *ts);

/* Cell operations on the current cell; each shows a message on failure. */
void ui_cell_add(ui *u, int below);
void ui_cell_delete(ui *u);
void ui_cell_undo(ui *u);
void ui_cell_move(ui *u, int dir);
void ui_cell_toggle_kind(ui *u);
void ui_cell_copy(ui *u);
void ui_cell_paste(ui *u);

/* Replaces cell i's source (from the editor); returns 0 or -1. */
int ui_cell_set_source(ui *u, size_t i, const char *s, size_t n);

/* --- files.c: saving, recovery, progress, outside changes ----------------- */

/* Saves the lesson; returns 0 or -1 (a message says why). */
int ui_save(ui *u);

/* Returns the seconds until the recovery file is due (-1: nothing to write). */
double ui_recovery_due(const ui *u);

/* Writes the recovery file when it is due. */
void ui_recovery_tick(ui *u);

/* Writes unsaved edits to the recovery file (quietly; for hangups and autosave). */
void ui_save_recovery(ui *u);

/* Removes the recovery file (the edits were saved or thrown away). */
void ui_discard_recovery(ui *u);

/* Answers the "restore unsaved edits?" question. */
void ui_restore_answer(ui *u, int yes);

/* Checks whether the lesson file changed on disk; asks to reload when it did. */
void ui_check_external(ui *u);

/* Reloads the cells the student has not edited from the file on disk. */
void ui_reload(ui *u);

/* --- browser.c ------------------------------------------------------------ */

/* Finds the lessons to list; returns 0. */
int ui_browser_scan(ui *u);

/* Frees the browser's entries. */
void ui_browser_free(ui *u);

/* Draws the browser. */
void ui_draw_browser(ui *u);

/* Opens the selected entry. */
void ui_browser_open(ui *u);

/*
** D: resets the selected lesson to its original, keeping the user's copy
** as a backup (store_reset_copy).  confirmed 0 asks first on the bottom
** line; the answer comes back with 1.
*/
void ui_browser_reset(ui *u, int confirmed);

/*
** U: brings back the selected lesson's most recent backup
** (store_restore_copy).  Asks first (confirmed 0) only when a newer copy
** is there, which then becomes a backup in turn.
*/
void ui_browser_bring_back(ui *u, int confirmed);

/* Returns 1 when path is inside the bundled lessons' folder (never saved in place). */
int ui_is_bundled(const ui *u, const char *path);

/* --- search.c ------------------------------------------------------------- */

/* Finds the next (dir > 0) or previous match of u->query from the current
** match or cell; returns 1 when one was found. */
int ui_search(ui *u, int dir);

#endif
