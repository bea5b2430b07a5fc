/*
** lread_int.h — reading what a lesson gives a figure: coordinates as nn
** arrays or Lua tables, class labels (numbers, one-hot rows, strings) and
** styles (label, colour, marker, dash, class names); and what a figure asks
** of the lesson's functions and models: f(x) sampled along the x range, the
** classes of a model, f(x, y) or a perceptron on the region grid, the line
** a neuron draws.
**
** Lua tables are converted to arrays on the Lua stack and scratch is Lua
** userdata, so an error half-way leaks nothing; what they return stays
** valid while the stack holds what they pushed.
*/
#ifndef NNBOOK_LREAD_H
#define NNBOOK_LREAD_H

#include <lua.h>

#include "matrix.h"
#include "plot.h"

/* Returns 1 when the value at idx is data (an array, or a table with an element 1). */
int lread_is_data(lua_State *L, int idx);

/* Returns the array at idx, converting a Lua table in place; raises naming fname/what. */
mat *lread_data(lua_State *L, int idx, const char *fname, const char *what);

/* Returns the n values of a 1-D array, one row or column, or a table of numbers at idx. */
const double *lread_vec(lua_State *L, int idx, const char *fname, const char *what, size_t *n);

/*
** Reads the points of a scatter or line from arguments 2 and 3 (the
** caller set the stack to 4 values) into d->x, d->y, d->n: x and y, one
** (n, 2) array, or (yonly) y alone against x = 1..n.  Scratch goes on
** top.  Returns the index of the options argument.
*/
int lread_points(lua_State *L, const char *fname, int yonly, plot_data *d);

/*
** Reads hue labels for n points at idx into a pushed int array: class
** numbers, one-hot rows (argmax) or strings (classes in order of first
** appearance; *names gets the index of a table of them, else 0).
*/
int *lread_hue(lua_State *L, int idx, size_t n, const char *fname, int *names);

/*
** Fills *s from the options at idx (0: none): label, color, marker, dash
** or linestyle, classes.  Pushes one value, a table that keeps the strings
** *s points to alive: leave it on the stack while *s is in use.
*/
void lread_style(lua_State *L, int idx, const char *fname, plot_style *s);

/* Sets s's class names from the list at idx; the anchor table (from lread_style) keeps them. */
void lread_class_names(lua_State *L, int idx, int anchor, const char *fname, plot_style *s);

/* --- what a figure asks of the lesson's functions and models ------------------- */

/* The x range the figure shows now (xlim, the data's range, else 0..1) and its log flag. */
void lread_xrange(lua_State *L, const plot_fig *f, const char *fname, double *lo, double *hi,
                    int *lg);

/* Reads from=, to= (default: the x range), n= (200) of the options at o. */
void lread_fn_range(lua_State *L, int o, const plot_fig *f, const char *fname, double *from,
                      double *to, size_t *n, int *lg);

/* Calls the function at fn at n points over [from, to] (log-spaced when lg) into xs, ys. */
void lread_fn(lua_State *L, int fn, double from, double to, size_t n, int lg,
                const char *fname, double *xs, double *ys);

/*
** Reads w1*x + w2*y + b = 0 from the arguments at idx: three numbers, a
** perceptron, a Dense layer or a one-layer model.  Returns the next index.
*/
int lread_boundary(lua_State *L, int idx, const char *fname, double w[3]);

/*
** Samples a model, f(x, y) or a perceptron at idx src on f's region grid
** (stored in *g); pushes and returns the classes.
*/
int *lread_regions(lua_State *L, int src, plot_fig *f, double thr, const char *fname,
                     plot_grid *g);

#endif
