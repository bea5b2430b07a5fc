/*
** ltable_int.h — live tables (table.new) and training progress lines
** (nn.progress), the per-epoch output of a lesson, shown when made and
** growing in the cell's output while the cell runs.
*/
#ifndef NNBOOK_LTABLE_H
#define NNBOOK_LTABLE_H

#include <lua.h>

/* Sets table.new, nn.progress and nn._ui (model:fit's table and progress) in the environment at env. */
void ltable_open(lua_State *L, int env);

#endif
