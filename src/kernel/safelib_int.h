/*
** safelib_int.h — the library functions lessons get in place of Lua's own
** where Lua's would let a cell escape the kernel's interrupt (kernel layer).
**
** Lua's count hook only runs between VM instructions, so a cell stuck inside
** one C call (a pattern that backtracks for years, table.move over 2^40
** slots, a sort of a table whose __len lies) could never be stopped.  The
** replacements do the same work in the same order as Lua 5.4's own code
** (adapted from lstrlib.c and ltablib.c, Copyright (C) 1994-2022 Lua.org,
** PUC-Rio, MIT licence), and call cancel_check() every SAFELIB_TICK units
** of work; when it says stop they raise cancel_message() as a Lua error.
**
** The coroutine and xpcall wrappers keep lesson code from running where
** Lua has switched hooks off: an error raised by the kernel's hook leaves
** the thread it kills with hooks disabled, and Lua would then run a
** message handler or a coroutine's __close methods there.
*/
#ifndef NNBOOK_SAFELIB_H
#define NNBOOK_SAFELIB_H

#include <stddef.h>

#include <lua.h>

/* Units of work (characters scanned, elements moved) between two checks. */
#define SAFELIB_TICK 4096

/* Raises cancel_message() as a Lua error when cancel_check() says stop. */
void safelib_check(lua_State *L);

/* Adds `work` to *acc and checks once it passes SAFELIB_TICK. */
static inline void safelib_tick(lua_State *L, size_t *acc, size_t work)
{
	*acc += work;
	if (*acc >= SAFELIB_TICK) {
		*acc = 0;
		safelib_check(L);
	}
}

/*
** Sets the interruptible rep, find, match, gmatch and gsub in the table at
** idx (a copy of the string library).
*/
void safelib_string(lua_State *L, int idx);

/* Sets the interruptible insert, remove, move, concat and sort in the table at idx. */
void safelib_table(lua_State *L, int idx);

/*
** Sets create, wrap, resume and close in the table at idx (a copy of the
** coroutine library): they refuse to start or resume a coroutine once a
** stop was asked for, and never close a coroutine that a stop killed.
*/
void safelib_coroutine(lua_State *L, int idx);

/* Sets xpcall in the environment at idx: the handler is skipped for a stop. */
void safelib_base(lua_State *L, int idx);

#endif
