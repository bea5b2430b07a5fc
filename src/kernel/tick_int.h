/*
** tick_int.h — the kernel's tick (kernel layer): a timer of the process's
** CPU time that sets the Lua hook on the thread running lesson code.
**
** Any hook makes Lua 5.4's VM check it before every instruction, so the
** kernel keeps none while a slice runs and lets this timer set one every
** TICK_US of CPU (SIGVTALRM, ITIMER_VIRTUAL: the real-time timer and
** SIGALRM stay free for the program that embeds the kernel).  The hook
** takes itself off when it has looked.  The timer runs from the first
** slice on; a tick between slices is kept for the next one (as a count
** hook of TICK_LATE_COUNT instructions), so a cell that yields often
** (frame() after frame()) is still looked at.
*/
#ifndef NNBOOK_TICK_INT_H
#define NNBOOK_TICK_INT_H

#include <lua.h>

#define TICK_US 4000   /* microseconds of CPU between two looks */
#define TICK_LATE_COUNT 1000   /* instructions before a tick kept from between slices is seen */

/*
** A slice of `owner` (a kernel) runs co: ticks set hook (count 1) on the
** running thread.  Returns 0, or -1 when the timer cannot be armed here
** (the caller then keeps a count hook).
*/
int tick_start(const void *owner, lua_Hook hook, lua_State *co);

/* The slice is over: ticks until the next one are only remembered. */
void tick_stop(void);

/* Stops the timer (a kernel freed). */
void tick_off(void);

/* Returns the thread running lesson code in owner's slice, or NULL. */
lua_State *tick_running(const void *owner);

/* Makes co the running thread (safeco's resume); returns the one before. */
lua_State *tick_set_running(lua_State *co);

#endif
