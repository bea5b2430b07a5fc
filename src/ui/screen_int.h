/*
** screen_int.h — a screen, and what the app does for screens.
**
** As tig's views, each screen (browser, notebook, cell editor, help) is
** its own state behind a table of operations.  The app keeps a stack of
** screens: the top one draws and gets the keys; help and the editor open
** over the notebook and give it back when they close; when the last screen
** closes the program ends.  The app owns what screens share: the terminal,
** the kernel link, the key table and the bottom lines (status bar, then a
** hint, a message or a question).  It finds what a screen can do only
** through its ops: there is no list of screens anywhere in the app.
**
** A screen's state starts with a `screen` (its ops and its app):
**
**   typedef struct help { screen base; long top; } help;
**   static const screen_ops help_ops = {.name = "help", .keymap = KM_HELP,
**       .draw = help_draw, .status = help_status, .request = help_request,
**       .close = help_close};
**
** Only draw, status, request and close are required; an op left NULL is
** not called (or, where it answers a question, answers "nothing").
*/
#ifndef NNBOOK_SCREEN_H
#define NNBOOK_SCREEN_H

#include <stddef.h>

#include "app.h"
#include "grid.h"
#include "keys.h"
#include "klink.h"
#include "store.h"

typedef struct screen screen;

/* The most parts a status bar holds on its right. */
#define APP_STATUS_PARTS 8

/*
** The status bar's words, which bottom.c lays out by priority: the title
** shrinks (ending in "…") before any part goes; when even a short title
** leaves no room, the parts of the lowest priority go first.
*/
typedef struct app_status {
	char title[160];      /* on the left */
	char mark[16];        /* right after the title, never shortened ("[+]") */
	struct {
		char text[64];
		char brief[40];   /* a shorter form, tried before the part goes ("" none) */
		int prio;         /* APP_PRIO_*: a higher one stays longer */
	} part[APP_STATUS_PARTS];   /* on the right, in the order shown */
	int n;
} app_status;

/* What a status part is worth when room is short. */
enum {
	APP_PRIO_EXTRA = 1,   /* the animation's speed */
	APP_PRIO_WHERE,       /* "your copy" */
	APP_PRIO_MODE,        /* EDITING, read-only */
	APP_PRIO_CELL,        /* "cell 3/23" */
	APP_PRIO_STATE        /* idle, running, error, paused ... */
};

/* Appends a part (printf format) to the status bar's right side; ignored when full. */
void app_status_add(app_status *st, int prio, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Gives the last part added a shorter form (printf format), used when room is short. */
void app_status_brief(app_status *st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct screen_ops {
	const char *name;
	unsigned keymap;      /* the key table rows that apply (KM_*) */
	/* Shown for the first time: the terminal is up and has its size. */
	void (*open)(screen *s);
	/* Draws the rows above the two bottom lines (app_view_rows). */
	void (*draw)(screen *s, grid *g);
	/* Fills in the status bar's title and parts (st comes zeroed). */
	void (*status)(screen *s, app_status *st);
	/* Carries out a request of the key table. */
	void (*request)(screen *s, enum ui_req req);
	/* Text input: gets every key first (even on a screen too small); returns 1 when taken. */
	int (*key)(screen *s, int key);
	/* The terminal changed its size (every screen of the stack hears it). */
	void (*resize)(screen *s);
	/* The screen above this one closed. */
	void (*resume)(screen *s);
	/* Frees the screen (it is off the stack already). */
	void (*close)(screen *s);
	/* Each turn of the loop, with what the kernel sent (every screen of the stack). */
	void (*tick)(screen *s, klink_event ev);
	/* Returns the seconds until tick has work (-1: none). */
	double (*wait)(const screen *s);
	/* Ctrl-C; returns 1 when it stopped something. */
	int (*interrupt)(screen *s);
	/* A moment to look for changes made outside (after a key, on focus). */
	void (*outside)(screen *s);
	/* The answer to app_ask (yes) or app_prompt (text, NULL when cancelled). */
	void (*answer)(screen *s, int question, int yes, const char *text);
	/* Returns 1 when the screen holds unsaved work. */
	int (*unsaved)(const screen *s);
	/* The class's status files (CLASS_SEEN_STATUS) or the teacher's position changed. */
	void (*class_news)(screen *s, int seen);
	/* The program ends (a hangup too): keep unsaved work somewhere safe. */
	void (*rescue)(screen *s);
} screen_ops;

struct screen {
	const screen_ops *ops;
	app *app;
};

/*
** Returns a new screen's state of size bytes (a struct starting with a
** screen), zeroed, with its ops and app filled in; NULL when out of memory.
** The screen's close op frees it.
*/
void *screen_alloc(app *a, const screen_ops *ops, size_t size);

/* --- the stack ------------------------------------------------------------ */

/* Puts s on top and opens it; returns 0, or -1 (s closed) when out of memory. */
int app_push(app *a, screen *s);

/* Returns the top screen, or NULL. */
screen *app_top(const app *a);

/* Closes the top screen; the one below resumes, or the program ends. */
void app_pop(app *a);

/* Handles key by the top screen's key table alone (no question, no text input). */
void app_dispatch(app *a, int key);

/* Ends the program at the end of this turn. */
void app_quit(app *a);

/* --- what screens share --------------------------------------------------- */

const app_opts *app_options(const app *a);
store *app_store(app *a);

/* The rows screens draw in (the terminal less the two bottom lines), and the columns. */
int app_view_rows(const app *a);
int app_cols(const app *a);

/* Returns 1 when the terminal shows UTF-8, and 1 when it shows colours. */
int app_utf8(const app *a);
int app_color(const app *a);

/* Returns the app's monotonic clock in seconds. */
double app_now(const app *a);

/* Something on screen changed: draw a frame soon. */
void app_dirty(app *a);

/* --- the bottom line ------------------------------------------------------ */

/* Shows a message on the bottom line until the next key (printf format). */
void app_message(app *a, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Takes the message away (the hint shows again). */
void app_clear_message(app *a);

/* Takes the message away when it starts with prefix (one that no longer applies). */
void app_clear_message_if(app *a, const char *prefix);

/*
** Asks a yes/no question on the bottom line for s; the answer comes back
** through s's answer op.  Esc and q mean no, unless `must` (no would throw
** away work): then only y or n answer.
*/
void app_ask(app *a, screen *s, int question, const char *text, int must);

/* Asks for a line of text (the search); Enter gives it to s's answer op. */
void app_prompt(app *a, screen *s, int question, const char *text);

/* Returns 1 while the bottom line asks something. */
int app_asking(const app *a);

/* --- the kernel and the terminal ------------------------------------------ */

/* Starts the kernel process (replacing none); returns 0, or -1 with a message in err. */
int app_kernel_start(app *a, const klink_opts *o, char *err, size_t errsize);

/* Stops the kernel process. */
void app_kernel_stop(app *a);

/* Returns the link to the kernel, or NULL when none runs. */
klink *app_kernel(app *a);

/* Returns 1 when a Ctrl-C came that nobody took yet, and takes it. */
int app_sigint_take(app *a);

/* ^Z: suspends the program (a message in restricted mode). */
void app_suspend(app *a);

/* Hands the terminal to another program and back (no-ops without a terminal). */
void app_term_pause(app *a);
void app_term_resume(app *a);

/* --- the screens ---------------------------------------------------------- */

/* The lesson browser; NULL when out of memory. */
screen *browser_new(app *a);

/*
** A notebook on the lesson at path (its kernel started); `origin` (NULL:
** path itself) is the lesson it is a copy of, whose folder holds the
** modules require() finds.  Returns NULL with a message in err.
*/
screen *notebook_new(app *a, const char *path, const char *origin, char *err, size_t errsize);

/* The help screen: every key, from the key table. */
screen *help_new(app *a);

/* The teacher's dashboard (a member's store only); NULL when the class folder is unusable. */
screen *dashboard_new(app *a);

/* --- the class, for the screens (classroom.c) --------------------------------- */

/*
** Publishes where this member is: the lesson's name and title, cell k of
** N (k from 1), the state (idle, running, error, interrupted), the last
** error's first line (NULL: keep the last one), the exercises passed (one
** per line, "*" before those passed with the solution shown) and the
** cell's code.  Written at most four times a second; a no-op outside a
** class.  The teacher's session also publishes its position ("follow me").
*/
void app_class_publish(app *a, const char *lesson, const char *title, unsigned cell,
                       unsigned ncells, const char *state, const char *error,
                       const char *passed, const char *code);

/* Returns 1 when the app is a class member's session (there is a class to tell). */
int app_class_member(const app *a);

/* The teacher offers code as a cell students may insert.  A no-op for students. */
void app_class_suggest(app *a, const char *code);

/* Where the teacher is, for a student's status bar; NULL when not in a class or not known. */
struct class_follow;
const struct class_follow *app_class_teacher(const app *a);

/*
** Adds "teacher: lesson 3, cell 12 — F follows" to a student's status bar
** when the teacher is elsewhere than lesson/cell (and "T takes their
** cell" while the teacher offers one not taken yet).
*/
void app_class_status(app *a, app_status *st, const char *lesson, unsigned cell);

/*
** A student pressed F where the lesson is not open: returns 1 (once) with
** the teacher's lesson name and cell, for the browser to open.
*/
int app_class_take_follow(app *a, char *lesson, size_t size, unsigned *cell);

/* The teacher's lesson name and cell now; returns 0 when not known. */
int app_class_teacher_at(const app *a, char *lesson, size_t size, unsigned *cell);

/* Makes cell (from 1) of an open notebook the current one, shown. */
void notebook_goto(screen *s, unsigned cell);

/* Returns 1 when path is inside the bundled lessons' folder (never saved in place). */
int browser_is_bundled(const app *a, const char *path);

#endif
