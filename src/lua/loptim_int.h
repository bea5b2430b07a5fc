/*
** loptim_int.h — the optimizers (nn.optimizers.SGD, RMSprop, Adam) and the
** options model:compile takes of them.
*/
#ifndef NNBOOK_LOPTIM_H
#define NNBOOK_LOPTIM_H

#include <lua.h>

#include "loss.h"
#include "optimizer.h"

/* Sets nn.optimizers in the table at nn. */
void loptim_open(lua_State *L, int nn);

/*
** Reads compile's options at o (0: none): `optimizer` (a name or an
** nn.optimizers object; RMSprop by default, as Keras) into *opt, and
** `keras` ("2.2", "2.4" by default, "2.11"), which picks the binary
** cross-entropy's form in *loss and where RMSprop adds its epsilon.
*/
void loptim_compile(lua_State *L, int o, nn_loss *loss, nn_optim *opt);

#endif
