/*
** nbout_int.h — the transcript's outputs as a notebook's (`--format ipynb`).
*/
#ifndef NNBOOK_NBOUT_INT_H
#define NNBOOK_NBOUT_INT_H

#include "block.h"
#include "ipynb.h"
#include "render.h"

/*
** Appends the outputs in bl to nb's last code cell, drawn with ro where
** they are drawings.  Returns IPYNB_OK or IPYNB_ENOMEM.
*/
int nbout_outputs(ipynb_out *nb, const blocklist *bl, const render_opts *ro);

#endif
