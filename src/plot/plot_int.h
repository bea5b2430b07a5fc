/*
** plot_int.h — the inside of a figure, shared by the files of src/plot.
**
** A figure holds elements; what an element does depends on its kind, and
** each kind is a table of operations (plot_kind_ops) in a file of its own
** or of its family.  The rest of src/plot reaches the kinds only through
** the table, so calls go one way (`nm` on the objects shows it):
**
**   plot_render.c   assembles the lines      -> layout, elements, legend
**   plot_layout.c   sizes, places the legend, -> axes, elements, legend
**                   keeps a render's layout
**   plot_elems.c    every element, by kind   -> the kinds (its table)
**   plot.c          the model                -> the kinds
**   plot_wire.c     the protocol             -> plot.c, the kinds
**   the kinds       plot_points.c, plot_refline.c, plot_regions.c, ...
**                                   -> plot_axes.c, plot_look.c, plot_data.c
**   plot_legend.c   legend geometry, drawing (calls nothing above)
**   plot_axes.c     mapping, ranges, ticks   (calls nothing above)
**   plot_look.c     palettes, dashes, legend samples (calls nothing above)
**   plot_data.c     the arrays elements are made of  (calls nothing above)
*/
#ifndef NNBOOK_PLOT_INT_H
#define NNBOOK_PLOT_INT_H

#include <math.h>

#include "plot.h"
#include "strbuf.h"

typedef struct plot_elem {
	plot_kind kind;
	plot_id id;
	unsigned long ver;      /* the figure's version when this element last changed */
	char *label;            /* NULL: no legend entry */
	int color;              /* 0: automatic */
	uint32_t marker;
	int dash;
	char **names;           /* class names (scatter with hue) */
	size_t nnames;
	void *data;             /* the kind's own data (its ops make and free it) */
} plot_elem;

/*
** What a figure remembers of its last render's layout (plot_layout.c), so
** the next render at the same size keeps the plot and the legend in place.
*/
typedef struct plot_memo {
	int valid;
	size_t width, height;     /* the render's size, after the figure's own and the clamps */
	canvas_mode mode;
	uint64_t settings;        /* a hash of the title, labels, size, limits, scales, legend */
	int has_data, notes;      /* some data was shown; the note row was */
	size_t nent;              /* legend entries */
	double x[2], y[2];        /* the data's extent seen so far, in axis units */
	size_t label_w;           /* the y tick labels' column */
	int legend;               /* where the legend went, and its size */
	size_t legend_rows, legend_w;
} plot_memo;

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
	plot_memo memo;         /* the render's, not the model's: no version, not sent */
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

/* --- extents (plot_axes.c) ---------------------------------------------------- */

typedef struct plot_extent {
	double lo, hi;
	int any;
	int floor;     /* something stands on 0 (bars): a range starting there gets no margin under it */
} plot_extent;

/* What a figure's data spans in axis units (log10 on a log axis), and what it cannot show. */
typedef struct plot_extents {
	int xlog, ylog;
	plot_extent x, y;
	size_t skipped;            /* NaN, inf or huge values */
	size_t nonpos_x, nonpos_y; /* values <= 0 on a log axis */
} plot_extents;

static inline void plot__grow(plot_extent *e, double t)
{
	if (!e->any) {
		e->lo = e->hi = t;
		e->any = 1;
	} else if (t < e->lo) {
		e->lo = t;
	} else if (t > e->hi) {
		e->hi = t;
	}
}

/* Widens x by the point (x, y) when the axes can show it, else counts why not. */
static inline void plot__extent_point(plot_extents *x, double px, double py)
{
	if (!isfinite(px) || !isfinite(py) || fabs(px) > PLOT_HUGE || fabs(py) > PLOT_HUGE) {
		x->skipped++;
		return;
	}
	if (x->xlog && px <= 0) {
		x->nonpos_x++;
		return;
	}
	if (x->ylog && py <= 0) {
		x->nonpos_y++;
		return;
	}
	plot__grow(&x->x, x->xlog ? log10(px) : px);
	plot__grow(&x->y, x->ylog ? log10(py) : py);
}

/* Returns v in axis units (log10 on a log axis), NaN when the axis cannot show it. */
double plot__tval(int lg, double v);

/* --- mapping (plot_axes.c) ---------------------------------------------------- */

/* Map data values to plot pixels as doubles (NaN when not showable). */
double plot__fx(const plot_layout *L, double x);
double plot__fy(const plot_layout *L, double y);

/* Map axis units straight to pixels, without the data-value guards. */
double plot__tx(const plot_layout *L, double t);
double plot__ty(const plot_layout *L, double t);

/* Sets an axis' range: the limit if usable, else the extent padded by 5% (not under a floor). */
void plot__set_range(plot_axis *a, int lg, int has_lim, const double lim[2], plot_extent e);

/* Chooses an axis' ticks for L's plot area; an axis where nothing fits gets none. */
void plot__pick_ticks(plot_layout *L, int is_x, int ascii);

/* --- how elements look (plot_look.c) --------------------------------------------- */

/* How an element is drawn: colour, glyph, line pattern. */
typedef struct plot_look {
	uint8_t color;
	uint32_t glyph;       /* scatter glyph; for ASCII lines without colour, their glyph */
	unsigned pattern;     /* canvas dash pattern */
	int dots;             /* scatter drawn as sub-cell dots */
	int slot;             /* series slot (colour/glyph index) for non-hue series */
} plot_look;

/* What a look depends on beyond its element: the render, and the series before it. */
typedef struct plot_look_ctx {
	canvas_mode mode;
	int color;                    /* colours are shown */
	size_t cells;                 /* cells in the plot area */
	size_t count[PLOT_NKINDS];    /* elements of each kind in the figure */
	size_t seen[PLOT_NKINDS];     /* of them, those before this element */
	int slot;                     /* the next free series slot */
	int nline;                    /* lines so far: their dashes (or glyphs) without colour */
} plot_look_ctx;

/* The glyph and colour of hue class k. */
uint32_t plot__class_glyph(int k, canvas_mode mode);
uint8_t plot__class_color(int k);

/* The dash pattern of style 0..3 (solid, dashed, dotted, dash-dot) in mode. */
unsigned plot__pattern(canvas_mode mode, int style);

/* A series takes the next slot: its colour (the element's, else the slot's) goes in l. */
void plot__look_series(const plot_elem *e, plot_look_ctx *c, plot_look *l);

/* A line series: a slot, and its dashes (or ASCII glyph) when colour cannot tell it apart. */
void plot__look_line(const plot_elem *e, plot_look_ctx *c, plot_look *l);

/* Draws a line between pixel positions with l's colour, dashes and (ASCII without colour) glyph. */
void plot__segment(canvas *c, const plot_look *l, double x0, double y0, double x1, double y1);

/* A legend entry. */
typedef struct plot_entry {
	uint32_t sample[2];
	uint8_t color;
	const char *text;     /* points into an element, or into num */
	char num[24];
} plot_entry;

#define PLOT_MAX_ENTRIES 16

/* Appends an entry; returns 0 (and adds nothing) when the legend is full. */
int plot__entry(plot_entry *e, size_t *n, uint32_t a, uint32_t b, uint8_t color, const char *text);

/* Appends e's label (if any) with a line sample drawn in l; returns 0 when full. */
int plot__entry_line(const plot_elem *e, const plot_look *l, canvas_mode mode,
                     plot_entry *ent, size_t *n);

/* --- the kinds --------------------------------------------------------------------- */

/* Where a kind's elements lie: the lower layers are drawn first, so covered by the upper ones. */
enum { PLOT_LAYER_MID = 0, PLOT_LAYER_BACK = -1, PLOT_LAYER_TOP = 1 };

/*
** What a kind does.  The optional entries may be NULL: free (one block),
** extent and fallback (it widens nothing), classes (it uses none), look
** (solid, default colour), legend (no entry), largest (0).
*/
typedef struct plot_kind_ops {
	/* 1: spans the whole plot and does not widen the axes; drawn without data */
	int spans;
	/* Its layer: PLOT_LAYER_BACK (regions), _MID (lines, bars, reference
	** lines; the default) or _TOP (markers).  Layers are drawn back to
	** front; within one, elements in the order they were added. */
	int layer;
	/* Makes *data from d for a `kind` element; PLOT_OK, _EARG, _ETOOBIG or _ENOMEM */
	int (*make)(void **data, plot_kind kind, const plot_data *d);
	/* Frees what make (or decode, even half done) made; NULL: its data is one block (mem_free) */
	void (*free)(void *data);
	/* Widens x by what the axes must show */
	void (*extent)(const plot_elem *e, plot_extents *x);
	/* The range it shows when nothing has data (regions); returns 0 for none */
	int (*fallback)(const plot_elem *e, int xlog, int ylog, plot_extent *ex, plot_extent *ey);
	/* The highest class its classes use (at most 7 is looked for), or -1 */
	int (*classes)(const plot_elem *e);
	/* Fills l (zeroed, solid) for e drawn in c's render */
	void (*look)(const plot_elem *e, plot_look_ctx *c, plot_look *l);
	/* Draws e on c (sized L->plot_w x L->plot_h in L->mode); PLOT_OK or PLOT_ENOMEM */
	int (*draw)(const plot_elem *e, const plot_layout *L, const plot_look *l, canvas *c, int color);
	/* Appends e's legend entries; returns 0 when the legend is full */
	int (*legend)(const plot_elem *e, const plot_look *l, canvas_mode mode, plot_entry *ent,
	              size_t *n);
	/* The largest count its encoding holds: over UINT32_MAX it cannot be sent */
	size_t (*largest)(const plot_elem *e);
	/* Appends e's data to sb (the style went first) */
	void (*encode)(const plot_elem *e, strbuf *sb);
	/* Reads e's data into e->data; PLOT_OK, PLOT_EARG (malformed) or PLOT_ENOMEM */
	int (*decode)(plot_elem *e, wire_rd *r);
} plot_kind_ops;

#define PLOT_KIND_OPS(K, name) extern const plot_kind_ops plot__kind_##name;
PLOT_KINDS(PLOT_KIND_OPS)
#undef PLOT_KIND_OPS

/* The ops of every kind, by number (plot_elems.c). */
extern const plot_kind_ops *const plot__kinds[PLOT_NKINDS];

/* Frees data made for a `kind` element (NULL is a no-op). */
void plot__free_data(plot_kind kind, void *data);

/* --- element data (plot_data.c) ------------------------------------------------------ */

/*
** Copy n doubles (src NULL: 0, 1, ..., n-1) or ints (src NULL: *out =
** NULL) into charged memory in *out, the caller's to mem_free.  Return
** PLOT_OK, PLOT_ETOOBIG or PLOT_ENOMEM.
*/
int plot__copy_doubles(double **out, const double *src, size_t n);
int plot__copy_ints(int **out, const int *src, size_t n);

/*
** Read n doubles or int32s of a message into charged memory in *out (the
** caller's to mem_free, even on failure).  n must have been checked
** against the bytes left.  Return PLOT_OK, PLOT_EARG or PLOT_ENOMEM.
*/
int plot__read_doubles(wire_rd *r, double **out, size_t n);
int plot__read_ints(wire_rd *r, int **out, size_t n);

/* --- every element, through its kind (plot_elems.c) ---------------------------------- */

/* Fills look[i] for every element of f as drawn in mode, with or without colour. */
void plot__looks(const plot_fig *f, canvas_mode mode, int color, size_t cells, plot_look *look);

/* Fills up to PLOT_MAX_ENTRIES legend entries; returns how many. */
size_t plot__entries(const plot_fig *f, const plot_look *look, canvas_mode mode, plot_entry *e);

/* Draws every element of f onto c (sized L->plot_w x L->plot_h in L->mode), layer by layer. */
int plot__draw(const plot_fig *f, const plot_layout *L, const plot_look *look, canvas *c, int color);

/*
** Fills x with the extent of f's data and what of it cannot be shown.
** Returns 1 when there is data; without, the extent is the decision
** regions' (the last ones added), if any.
*/
int plot__extent(const plot_fig *f, plot_extents *x);

/* Returns 1 when some element is drawn whatever the data (a boundary, a reference line, regions). */
int plot__spans(const plot_fig *f);

/*
** Looks for f's elements: a stack buffer for up to 64, else malloc'd
** (plain memory: a render works at the budget's limit).  Returns NULL
** when out of memory; release with plot__looks_free.
*/
plot_look *plot__looks_alloc(const plot_fig *f, plot_look *buf);
void plot__looks_free(plot_look *look, plot_look *buf);

/* --- the layout (plot_layout.c) ------------------------------------------------------ */

/*
** Computes f's layout for a render at width x height (plot_render): with m,
** keeping the layout m remembers when it is still valid (plot_memo), and
** remembering this one in m.  Returns PLOT_OK, or PLOT_ENOMEM.
*/
int plot__layout(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                 plot_memo *m, plot_layout *L);

/* --- the legend (plot_legend.c) ------------------------------------------------------ */

/* The columns a legend of these entries takes inside the plot (no padding). */
size_t plot__legend_width(const plot_entry *e, size_t n, size_t maxw);

/* The rows a legend below the plot takes at width w. */
size_t plot__legend_below_rows(const plot_entry *e, size_t n, size_t w);

/* Draws the legend, bw columns wide, into the plot area's corner `where` on c. */
void plot__legend_inside(canvas *c, int where, size_t bw, const plot_entry *e, size_t n,
                         int color);

/* Appends legend entry i (if any) at the right of a plot row: a gap, then bw columns. */
void plot__legend_right(st_text *t, st_line *l, size_t i, size_t bw, const plot_entry *e,
                        size_t n, int color, int ascii);

/* Appends the legend below the plot: rows of entries, centred in width w. */
void plot__legend_below(st_text *t, const plot_entry *e, size_t n, size_t w, int color,
                        int ascii);

#endif
