/*
** app.h — the interactive program: lesson browser and notebook.
**
** app_main is what the command line calls.  The rest drives an app
** without a terminal, as the screen tests do (tests/ui/screen_harness.h):
** make one at a fixed size, start it on a lesson or the browser, feed it
** keys, let its kernel work (app_turn), draw a frame and read the grid.
*/
#ifndef NNBOOK_APP_H
#define NNBOOK_APP_H

#include <stddef.h>

#include "grid.h"

typedef struct app_opts {
	int ascii;          /* --ascii: no braille, box drawing or other UTF-8 glyphs */
	size_t mem_limit;   /* bytes per lesson; 0 = the kernel's default */
	int restricted;     /* --restricted (or SSH_ORIGINAL_COMMAND): see docs/teaching-server.md */
	const char *member; /* --student/--teacher NAME: a member of a class sharing this account */
	int teacher;        /* --teacher: the class's dashboard first (docs/classroom.md) */
} app_opts;

typedef struct app app;

/* Fills *o with the defaults. */
void app_defaults(app_opts *o);

/*
** Runs the interactive program on the lesson at path, or the lesson
** browser when path is NULL.  Returns the process exit status (0, or 2
** when the terminal cannot be used or the lesson cannot be opened).
*/
int app_main(const char *path, const app_opts *o);


/* --- an app without a terminal (tests) ---------------------------------- */

/*
** Returns a new app of rows x cols without a terminal (colours: 256, UTF-8
** unless o->ascii), or NULL with a message in err.  Free with app_free.
*/
app *app_new(const app_opts *o, int rows, int cols, char *err, size_t errsize);

/* Ends the app as the program does (unsaved edits go to the recovery file), frees it; NULL: no-op. */
void app_free(app *a);

/* Opens the lesson at path (NULL: the browser); returns 0, or -1 with a message in err. */
int app_start(app *a, const char *path, char *err, size_t errsize);

/* The terminal changed its size. */
void app_resize(app *a, int rows, int cols);

/* Handles one key code (keys.h), as typed. */
void app_key(app *a, int key);

/* A Ctrl-C came (the signal, in the program). */
void app_sigint(app *a);

/*
** One turn of the main loop without its sleep: takes what the kernel sent
** (waiting up to ms for it), lets frames go on, writes the recovery file
** when due.
*/
void app_turn(app *a, int ms);

/* Returns 1 while a cell runs in the kernel. */
int app_busy(const app *a);

/* Returns 1 when the program would end now (q on the last screen). */
int app_done(const app *a);

/* Draws a frame and returns the grid it drew (owned by a). */
const grid *app_frame(app *a);

/* Moves the app's clock on by seconds (recovery and frame delays without waiting). */
void app_advance_clock(app *a, double seconds);

#endif
