/*
** lmodel_int.h — Keras-like networks: nn.Dense, nn.Sequential, its layers
** (model.layers[i]) and the optimizers.
*/
#ifndef NNBOOK_LMODEL_H
#define NNBOOK_LMODEL_H

#include <lua.h>

#include "model.h"

/* Sets nn.Dense, nn.Sequential, nn.optimizers and nn._model_methods in the table at nn. */
void lmodel_open(lua_State *L, int nn);

/* Return 1 when the value at idx is a model (a layer of one), else 0. */
int lmodel_is(lua_State *L, int idx);
int lmodel_is_layer(lua_State *L, int idx);

/* Returns the model at idx (owned by its handle), raising a type error otherwise. */
nn_model *lmodel_check(lua_State *L, int idx);

/* Returns the model at idx, or NULL when it is not a model or has been closed (no error). */
nn_model *lmodel_test(lua_State *L, int idx);

#endif
