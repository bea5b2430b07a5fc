/*
** lrandom_int.h — nn.random (numpy's legacy random functions, and
** RandomState objects with the same methods) and what is drawn with it:
** nn.datasets (scikit-learn's make_circles, make_blobs) and
** nn.model_selection.train_test_split.
*/
#ifndef NNBOOK_LRANDOM_H
#define NNBOOK_LRANDOM_H

#include <lua.h>

#include "rng.h"

/* Sets nn.random, nn.datasets and nn.model_selection in the table at nn. */
void lrandom_open(lua_State *L, int nn);

/*
** Returns the generator for a `random_state` option at idx: the global
** one for nil, a RandomState as it is, or a fresh one seeded with the
** integer (kept in *tmp).  Raises naming fname otherwise.
*/
rng *lrandom_state(lua_State *L, int idx, rng *tmp, const char *fname);

#endif
