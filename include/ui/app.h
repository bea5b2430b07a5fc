/*
** app.h — the interactive program: lesson browser and notebook (ncurses).
*/
#ifndef NNBOOK_APP_H
#define NNBOOK_APP_H

#include <stddef.h>

typedef struct app_opts {
	int ascii;          /* --ascii: no braille, box drawing or other UTF-8 glyphs */
	size_t mem_limit;   /* bytes per lesson; 0 = the kernel's default */
	int restricted;     /* --restricted (or SSH_ORIGINAL_COMMAND): see docs/teaching-server.md */
} app_opts;

/* Fills *o with the defaults. */
void app_defaults(app_opts *o);

/*
** Runs the interactive program on the lesson at path, or the lesson
** browser when path is NULL.  Returns the process exit status (0, or 2
** when the terminal cannot be used or the lesson cannot be opened).
*/
int app_main(const char *path, const app_opts *o);


#endif
