/*
** lsample_int.h — what a figure asks of a lesson's functions and models:
** f(x) sampled along the x range, the classes of a model, f(x, y) or a
** perceptron on a figure's region grid, and the line a neuron draws.
*/
#ifndef NNBOOK_LSAMPLE_H
#define NNBOOK_LSAMPLE_H

#include <lua.h>

#include "plot.h"

/* The x range the figure shows now (xlim, the data's range, else 0..1) and its log flag. */
void lsample_xrange(lua_State *L, const plot_fig *f, const char *fname, double *lo, double *hi,
                    int *lg);

/* Reads from=, to= (default: the x range), n= (200) of the options at o. */
void lsample_fn_range(lua_State *L, int o, const plot_fig *f, const char *fname, double *from,
                      double *to, size_t *n, int *lg);

/* Calls the function at fn at n points over [from, to] (log-spaced when lg) into xs, ys. */
void lsample_fn(lua_State *L, int fn, double from, double to, size_t n, int lg,
                const char *fname, double *xs, double *ys);

/*
** Reads w1*x + w2*y + b = 0 from the arguments at idx: three numbers, a
** perceptron, a Dense layer or a one-layer model.  Returns the next index.
*/
int lsample_boundary(lua_State *L, int idx, const char *fname, double w[3]);

/*
** Samples a model, f(x, y) or a perceptron at idx src on f's region grid
** (stored in *g); pushes and returns the classes.
*/
int *lsample_regions(lua_State *L, int src, plot_fig *f, double thr, const char *fname,
                     plot_grid *g);

#endif
