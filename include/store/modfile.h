/*
** modfile.h — reading a lesson's own Lua module for require().
**
** require("data.points") in a lesson at lessons/x.lua reads
** lessons/data/points.lua and nothing else: each step below the lesson's
** folder is opened without following symlinks (a symlinked directory or
** file that could lead out of the folder is refused), the file must be a
** regular file (a FIFO or device is refused without blocking on it) and
** at most MODFILE_MAX bytes.  In the notebook the front end does this for
** the kernel process, which may open no file at all.
*/
#ifndef NNBOOK_MODFILE_H
#define NNBOOK_MODFILE_H

#include "strbuf.h"

#define MODFILE_MAX ((size_t)4 << 20)

/* Returns 1 when name is a module name: letters, digits, '_', and '.' between parts. */
int modfile_name_ok(const char *name);

/*
** Reads module `name` from the folder `dir` (NULL: there is none).
** Appends its source to src and its path to path and returns 0; or
** returns -1 with the reason ("module 'x' not found (looked for d/x.lua)")
** in path.
*/
int modfile_read(const char *dir, const char *name, strbuf *src, strbuf *path);

#endif
