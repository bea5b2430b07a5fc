/*
** lnetwork_int.h — plot.network: a drawing of a network's layers (NNV in the
** notebooks), from layer sizes, layer specs or a model.
*/
#ifndef NNBOOK_LNETWORK_H
#define NNBOOK_LNETWORK_H

#include <lua.h>

/*
** plot.network{2, 4, 4, 2, activations = {...}} or plot.network(model):
** a diagram ("plot.Network"), shown in the cell's output when made.
*/
int lnetwork_new(lua_State *L);

#endif
