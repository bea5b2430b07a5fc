/*
** lcheck_int.h — exercise checks: check{name, passed, hint=, solution=}.
*/
#ifndef NNBOOK_LCHECK_H
#define NNBOOK_LCHECK_H

#include <lua.h>

/*
** check{name, passed, hint=, solution=} or check(name, passed [, {hint=,
** solution=} or hint]): adds the verdict block; returns the verdict.
*/
int lcheck_check(lua_State *L);

#endif
