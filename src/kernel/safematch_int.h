/*
** safematch_int.h — Lua 5.4's pattern matcher, made interruptible; shared
** by safematch.c (the matcher) and safestr.c (find, match, gmatch, gsub).
**
** The code is lstrlib.c's (Lua 5.4.4, Copyright (C) 1994-2022 Lua.org,
** PUC-Rio, MIT licence), so patterns mean exactly what the manual says.
** The one addition is `work`: every call of the matcher and every
** character a repetition or %b scans is counted, and each SAFELIB_TICK of
** them cancel_check() is asked whether to stop.  Backtracking can take
** exponential time ("a*a*a*...b" on a long run of a's); it cannot be
** bounded up front without refusing patterns Lua accepts, so it is made
** stoppable instead: Ctrl-C and the time limit end it within milliseconds.
*/
#ifndef NNBOOK_SAFEMATCH_INT_H
#define NNBOOK_SAFEMATCH_INT_H

#include <stddef.h>

#include <lua.h>

#define SM_MAXCAPTURES 32 /* LUA_MAXCAPTURES */
#define SM_MAXCCALLS 200  /* recursion depth before "pattern too complex" */
#define SM_CAP_UNFINISHED (-1)
#define SM_CAP_POSITION (-2)
#define SM_ESC '%'
#define SM_SPECIALS "^$*+?.([%-"

typedef struct sm_state {
	const char *src_init;  /* the subject */
	const char *src_end;   /* its end */
	const char *p_end;     /* the pattern's end */
	lua_State *L;
	int matchdepth;        /* recursion left */
	unsigned char level;   /* captures, finished or not */
	size_t work;           /* work since the last cancel check */
	struct {
		const char *init;
		ptrdiff_t len;
	} capture[SM_MAXCAPTURES];
} sm_state;

/* Prepares ms for subject s (ls bytes) and pattern p (lp bytes). */
void sm_prepare(sm_state *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp);

/* Forgets the captures before a new attempt. */
void sm_reset(sm_state *ms);

/* Returns the end of a match of p at s, or NULL (Lua's `match`). */
const char *sm_match(sm_state *ms, const char *s, const char *p);

/*
** Returns capture i's length and start (*cap); a position capture pushes
** its value and returns SM_CAP_POSITION.  With no captures, i == 0 is the
** whole match s..e.
*/
ptrdiff_t sm_get_capture(sm_state *ms, int i, const char *s, const char *e, const char **cap);

/* Pushes capture i (see sm_get_capture). */
void sm_push_capture(sm_state *ms, int i, const char *s, const char *e);

/* Pushes all captures (the whole match when there are none); returns how many. */
int sm_push_captures(sm_state *ms, const char *s, const char *e);

#endif
