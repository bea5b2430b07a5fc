/*
** sandbox.h — the environment lesson code runs in (kernel layer).
**
** An allowlist, never a blocklist (reliability.md): base functions without
** load/loadfile/dofile/rawset/collectgarbage (load is replaced by a
** text-only version bound to the sandbox; the kernel keeps no reference to
** Lua's own), setmetatable refusing __gc (finalizers run with hooks off, so
** an endless one could never be interrupted), string without dump (removed
** from the real table too, and the string metatable hidden), table, math,
** utf8, coroutine, os.clock/time/date/difftime, require limited to nn,
** plot and Lua files in the lesson's folder, and nnbook's modules (nn,
** plot, show, frame, print).
**
** The libraries are copies the lesson owns: the kernel's own Lua code (the
** preludes, run with the real globals) never calls a function a lesson
** replaced.  Where Lua's function could run unbounded inside one C call,
** or run lesson code with hooks off, the copy holds an interruptible
** replacement (safelib.h).  Nothing private is reachable: not the real
** globals, not the registry's tables, not a metatable of nnbook's.
*/
#ifndef NNBOOK_SANDBOX_H
#define NNBOOK_SANDBOX_H

#include <lua.h>

#include "kernel.h"

/*
** Opens the libraries into the fresh state L and builds the sandbox
** environment.  require() asks fn(ud, ...) for a module's source, or
** without fn reads it from `dir`, the lesson's folder (NULL: none; see
** modfile.h).  Must run in protected mode (it allocates).
*/
void sandbox_open(lua_State *L, kernel_loader fn, void *ud, const char *dir);

/* Pushes the sandbox environment table. */
void sandbox_pushenv(lua_State *L);

/*
** Loads Lua source as a chunk bound to the sandbox: text only (a chunk
** starting with ESC is refused with a clear message), chunk name "@name",
** first_line - 1 blank lines prepended so error lines match the file.
** Pushes the function, or an error message; returns a LUA_* status.
*/
int sandbox_load(lua_State *L, const char *src, size_t len, const char *name, int first_line);

#endif
