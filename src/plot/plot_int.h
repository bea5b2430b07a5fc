/*
** plot_int.h — the inside of a figure, shared by plot.c (the model),
** plot_axes.c (ranges, ticks, layout), plot_legend.c (series colours,
** legend) and plot_draw.c (rasterising, assembling the lines).
*/
#ifndef NNBOOK_PLOT_INT_H
#define NNBOOK_PLOT_INT_H

#include "plot.h"

enum plot_kind { EL_SCATTER, EL_LINE, EL_BOUNDARY, EL_HLINE, EL_VLINE, EL_REGIONS };

typedef struct plot_elem {
	int kind;
	plot_id id;
	unsigned long ver;      /* the figure's version when this element last changed */
	char *label;            /* NULL: no legend entry */
	int color;              /* 0: automatic */
	uint32_t marker;
	int dash;
	char **names;           /* class names (scatter with hue) */
	size_t nnames;
	size_t n;               /* scatter, line: points */
	double *x, *y;
	int *hue;               /* scatter: classes, or NULL */
	double w1, w2, b;       /* boundary; hline/vline keep their value in w1 */
	plot_grid grid;         /* regions */
	int *cls;
} plot_elem;

struct plot_fig {
	int refs;
	unsigned long version;
	plot_id next_id;
	char *title, *xlabel, *ylabel;
	size_t width, height;
	int has_xlim, has_ylim;
	double xlim[2], ylim[2];
	int xlog, ylog;
	plot_elem **el;
	size_t n, cap;
};

/*
** Bumps the figure's version and stamps e (NULL: a figure-level change)
** with it, so the protocol can send only the elements that changed.
*/
void plot__changed(plot_fig *f, plot_elem *e);

/* Frees an element and everything it owns; NULL is a no-op. */
void plot__elem_free(plot_elem *e);

/* Values beyond this are treated like inf: they would overflow the mapping. */
#define PLOT_HUGE 1e300

/* How each element is drawn: colour, glyph, line pattern (plot_legend.c). */
typedef struct plot_look {
	uint8_t color;
	uint32_t glyph;       /* scatter glyph; for ASCII lines without colour, their glyph */
	unsigned pattern;     /* canvas dash pattern */
	int dots;             /* scatter drawn as sub-cell dots */
	int slot;             /* series slot (colour/glyph index) for non-hue series */
} plot_look;

/* Fills look[i] for every element of f as drawn in mode, with or without colour. */
void plot__looks(const plot_fig *f, canvas_mode mode, int color, size_t cells, plot_look *look);

/* The glyph and colour of hue class k. */
uint32_t plot__class_glyph(int k, canvas_mode mode);
uint8_t plot__class_color(int k);

/* A legend entry. */
typedef struct plot_entry {
	uint32_t sample[2];
	uint8_t color;
	const char *text;     /* points into an element, or into num */
	char num[24];
} plot_entry;

#define PLOT_MAX_ENTRIES 16

/* Fills up to PLOT_MAX_ENTRIES legend entries; returns how many. */
size_t plot__entries(const plot_fig *f, const plot_look *look, canvas_mode mode,
                     plot_entry *e);

/* The columns a legend of these entries takes inside the plot (no padding). */
size_t plot__legend_width(const plot_entry *e, size_t n, size_t maxw);

/* The rows a legend below the plot takes at width w. */
size_t plot__legend_below_rows(const plot_entry *e, size_t n, size_t w);

/* Draws the legend into the plot area (corner placement) on c. */
void plot__legend_inside(canvas *c, int where, const plot_entry *e, size_t n, int color);

/* Appends the legend below the plot: rows of entries, centred in width w. */
void plot__legend_below(st_text *t, const plot_entry *e, size_t n, size_t w, int color,
                        int ascii);

/* Copies s cut to maxw columns (ending in an ellipsis when cut) into buf. */
void plot__fit(char *buf, size_t sz, const char *s, size_t maxw, int ascii);

/* Maps data values to plot pixels as doubles (NaN when not showable). */
double plot__fx(const plot_layout *L, double x);
double plot__fy(const plot_layout *L, double y);

/* Draws every element of f onto c (sized L->plot_w x L->plot_h in L->mode). */
int plot__draw(const plot_fig *f, const plot_layout *L, const plot_look *look,
               canvas *c, int color);

/* Chooses the legend corner, or PLOT_LEGEND_BELOW, from what L's plot holds. */
int plot__place_legend(const plot_fig *f, const plot_layout *L, size_t bw, size_t bh);

#endif
