/*
** lperceptron_int.h — nn.Perceptron, the classic learning rule of seed 003.
*/
#ifndef NNBOOK_LPERCEPTRON_H
#define NNBOOK_LPERCEPTRON_H

#include <lua.h>

#include "lkit_int.h"

/* The perceptron type (a box of an nn_perceptron). */
extern const lkit_type lperceptron_type;

/* Sets nn.Perceptron in the table at nn. */
void lperceptron_open(lua_State *L, int nn);

#endif
