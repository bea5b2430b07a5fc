/*
** app_int.h — the app's own state, shared by app.c (the stack, keys and
** frames), bottom.c (the two bottom lines) and loop.c (the terminal's
** main loop).  Screens see none of it: they use screen.h.
*/
#ifndef NNBOOK_APP_INT_H
#define NNBOOK_APP_INT_H

#include "screen_int.h"
#include "term_int.h"

/* The smallest terminal the screens draw themselves on. */
#define APP_MIN_COLS 40
#define APP_MIN_ROWS 10

/* What the bottom line is asking. */
enum { ASK_NONE, ASK_YES_NO, ASK_TEXT };

typedef struct app_question {
	int kind;            /* ASK_* */
	screen *owner;       /* who gets the answer */
	int id;              /* the owner's name for the question */
	const char *text;
	int must;            /* y or n only: Esc and q do not mean no */
	char input[128];     /* what is typed (ASK_TEXT) */
	size_t ilen;
} app_question;

struct app {
	app_opts opts;
	store *st;
	term *term;               /* NULL: no terminal (tests) */
	grid g;
	int rows, cols;
	int too_small;
	int utf8, color;
	klink *k;                 /* the kernel of the open lesson, or NULL */
	screen **stack;           /* stack[n - 1] is on top */
	size_t n, cap;

	/* the bottom lines */
	char msg[256];            /* a message instead of the key hint */
	int msg_error;
	app_question ask;
	int pending;              /* first key of a two-key command (d d), or 0 */

	/* frames */
	int dirty;                /* something changed: draw */
	int key_seen;             /* a key came: draw now, not at the next 1/30 s */
	int full_redraw;          /* clear the terminal too (resize, ^L) */
	double last_draw;
	double clock_skew;        /* app_advance_clock */
	int quit;
	int exit_status;
};

/* Returns the top screen, or NULL. */
screen *app_top(const app *a);

/* --- bottom.c ------------------------------------------------------------- */

/* Draws the status bar and the hint / message / question line. */
void bottom_draw(app *a, grid *g);

/* Draws the question asked on a terminal too small for the screens, wrapped over its rows. */
void bottom_draw_small(app *a, grid *g);

/* Handles a key while the bottom line asks something. */
void bottom_key(app *a, int key);

/* Forgets a question whose owner closes. */
void bottom_forget(app *a, const screen *owner);

#endif
