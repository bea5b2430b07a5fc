/*
** term_int.h — the real terminal: the one part of nnbook that speaks curses.
**
** It starts curses (newterm) and gives the terminal back on every way out
** (a normal end, a hangup, a crash), turns what curses reads into nnbook's
** key codes (keys.h), and copies a grid (grid.h) to the screen: only the
** cells that changed since the last frame, in the colours of their roles,
** with one doupdate.  It also owns the signals: their handlers only set a
** flag and wake the main loop through a pipe (term_wake_fd).
*/
#ifndef NNBOOK_TERM_H
#define NNBOOK_TERM_H

#include "grid.h"

typedef struct term term;

/*
** Installs the signal handlers and starts curses on stdin/stdout.  Returns
** the terminal, or NULL after telling the user on stderr why it cannot be
** used (not a tty, TERM unset, dumb or unknown, no cursor addressing).
** restricted: ^Z never suspends.  Free with term_close.
*/
term *term_open(int restricted);

/* Gives the terminal back as it was found; NULL is a no-op. */
void term_close(term *t);

/* Puts the terminal's size in *rows, *cols. */
void term_size(const term *t, int *rows, int *cols);

/* Returns the colours the terminal shows: 0 none (or NO_COLOR), 8, or 256. */
int term_colors(const term *t);

/* Copies what changed in g to the screen, with one doupdate. */
void term_show(term *t, const grid *g);

/* The next term_show clears the terminal and sends every cell (^L, resize, resume). */
void term_redraw(term *t);

/*
** Reads one key without waiting; returns 1 with the code in *key, or 0
** when there is none.
*/
int term_key(term *t, int *key);

/* Returns 1 when the terminal is gone (hung up, closed). */
int term_lost(const term *t);

/* Suspends the program (^Z) and comes back redrawn. */
void term_suspend(term *t);

/* Hands the terminal to another program (an editor) and takes it back. */
void term_pause(term *t);
void term_resume(term *t);

/* The descriptor the signal handlers write to (poll it for POLLIN), and drains it. */
int term_wake_fd(void);
void term_wake_drain(void);

/* Returns 1 when a Ctrl-C came since the last call, and forgets it. */
int term_sigint_take(void);

/* Returns 1 when a Ctrl-C came and was not taken yet. */
int term_sigint_pending(void);

/* Returns the signal that hung us up (SIGHUP, SIGTERM, SIGQUIT), or 0. */
int term_hangup(void);

#endif
