/*
** lessontool_int.h — `nnbook --new NAME`: a lesson template for a teacher
** (`--check` is transcript_check, in transcript.h).
*/
#ifndef NNBOOK_LESSONTOOL_H
#define NNBOOK_LESSONTOOL_H

/*
** Writes the template NAME.lua (".lua" added when missing) in the current
** folder, never over an existing file.  Returns the exit status (0, or 2
** after a message on stderr).  main refuses it in restricted mode.
*/
int lessontool_new(const char *name);

#endif
