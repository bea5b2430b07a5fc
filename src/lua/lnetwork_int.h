/*
** lnetwork_int.h — plot.network: a drawing of a network's layers (NNV in the
** notebooks), from layer sizes, layer specs or a model.
*/
#ifndef NNBOOK_LNETWORK_H
#define NNBOOK_LNETWORK_H

#include <stddef.h>

#include <lua.h>

#include "plot.h"

/*
** plot.network{2, 4, 4, 2, activations = {...}} or plot.network(model):
** a diagram ("plot.Network"), shown in the cell's output when made.
*/
int lnetwork_new(lua_State *L);

/* At frame(): the networks with maps sample their models again where they changed. */
void lnetwork_frame(lua_State *L);

/* Reads unit = {layer, k} (1-based) of the options table at o (0: none) into unit; unit stays as it was without one. */
void lnetwork_unit_opt(lua_State *L, int o, const char *fname, size_t unit[2]);

/*
** Fills cls (g->nx * g->ny) with one unit's map over g, for fig:regions(m,
** {unit = {layer, k}}) (1-based): class 1 where the unit is on (above 0;
** above 0.5 for sigmoid and softmax), class 0 where it is off (a ReLU's
** flat side).  The model is at idx.
*/
void lnetwork_unit_classes(lua_State *L, int idx, const size_t unit[2], const plot_grid *g,
                           const char *fname, int *cls);

#endif
