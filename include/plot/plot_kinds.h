/*
** plot_kinds.h — the kinds of figure element, one line each.
**
** This list is the only place a kind is named.  From it come the enum
** below, src/plot's table of operations (src/plot/plot_elems.c; each
** kind's ops, plot__kind_<name>, live in a file of their own or of their
** family) and the bindings' table of Lua readers (src/lua/lelem.c:
** add_<name> reads fig:<name>(...), set_<name> reads h:set(...)).  Adding
** an element is one line here plus its file in src/plot (and its readers
** where its arguments are its own); docs/architecture.md walks through a
** histogram.
**
** X(KIND, name): PLOT_<KIND> is its number, `name` its name in Lua
** (fig:<name>, h.kind) and in messages.  The numbers travel in the
** protocol, so a new kind goes at the end.  What each kind is made of
** (the parts of plot_data it reads, plot.h):
**   scatter   points x, y (n of them) and hue (may be NULL)
**   line      points y, and x (NULL: 0, 1, ..., n-1)
**   boundary  num[0..2]: w1, w2, b of the line w1*x + w2*y + b = 0
**   hline     num[0]: y = v            vline   num[0]: x = v
**   regions   grid and cls: a class per grid sample
**   hist      the n values x, counted in num[0] equal bins (1..PLOT_MAX_BINS)
*/
#ifndef NNBOOK_PLOT_KINDS_H
#define NNBOOK_PLOT_KINDS_H

#define PLOT_KINDS(X) \
	X(SCATTER, scatter) \
	X(LINE, line) \
	X(BOUNDARY, boundary) \
	X(HLINE, hline) \
	X(VLINE, vline) \
	X(REGIONS, regions) \
	X(HIST, hist)

typedef enum plot_kind {
#define PLOT_KIND_ENUM(K, name) PLOT_##K,
	PLOT_KINDS(PLOT_KIND_ENUM)
#undef PLOT_KIND_ENUM
	PLOT_NKINDS
} plot_kind;

/* A histogram has at most this many bins. */
#define PLOT_MAX_BINS 1000

#endif
