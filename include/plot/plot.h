/*
** plot.h — figures: the data of a plot, and its drawing as styled text.
**
** A figure keeps its data (points, lines, regions) rather than pixels, so
** it re-renders at any size after a terminal resize, and the screen and
** the headless transcript draw it with the same code.  Everything a figure
** holds is charged to the lesson's memory budget (mem.h); a lesson may
** scatter a million points and gets PLOT_ENOMEM, not a crash, past it.
**
** Both a Lua handle and an output block hold a figure, so it is reference
** counted; its version grows on every change so a viewer redraws only when
** something changed.
**
** Elements are addressed by id: ids are never reused within a figure, so a
** handle kept across plot_clear() fails cleanly with PLOT_ENOELEM.
**
** Drawing order and colours: decision regions lie behind everything, then
** come lines, bars and reference lines, and the markers of scatters on top
** (a point is never hidden by a line through it); within each of these
** layers elements are drawn in the order they were added, and in a cell
** where two meet the later one wins (canvas.h).  Class k of a scatter's hue
** (and of regions) gets palette colour ST_C1 + k % 8 and glyph k % 8 (● ▲ ■
** ◆ ▼ × + ★, in ASCII o x + * # @ % &); every other series takes the next
** colour and glyph after the highest class in use.  With colour off, line
** series differ by dash pattern (ASCII: by glyph) and regions by shading,
** so no meaning rests on colour alone.
*/
#ifndef NNBOOK_PLOT_H
#define NNBOOK_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "plot_kinds.h"
#include "styled.h"
#include "wire.h"

typedef struct plot_fig plot_fig;

/* An element of a figure; 0 is never a valid id. */
typedef unsigned long plot_id;

/* Status codes. */
enum {
	PLOT_OK = 0,
	PLOT_ENOMEM,   /* over the memory budget */
	PLOT_EARG,     /* a bad argument (NULL data, NaN limits, lo >= hi, ...) */
	PLOT_ENOELEM,  /* no such element (removed, or cleared away) */
	PLOT_EKIND,    /* the element is of another kind for this operation */
	PLOT_ETOOBIG   /* more points than size_t arithmetic allows */
};

/* Returns a static English message for a PLOT_* status. */
const char *plot_strerror(int status);

/* Returns the static name of a kind ("scatter", ...; plot_kinds.h), or "?" out of range. */
const char *plot_kind_name(plot_kind kind);

/* Figures are clamped to this many columns and rows when rendered. */
#define PLOT_MAX_W 500
#define PLOT_MAX_H 200

/* Scatter markers (plot_style.marker): automatic, sub-cell dots, or any glyph. */
#define PLOT_MARKER_AUTO 0u
#define PLOT_MARKER_DOT  1u

/* Line dash styles (plot_style.dash). */
enum { PLOT_SOLID = 0, PLOT_DASHED = 1, PLOT_DOTTED = 2 };

/* How an element looks; a NULL style means all defaults. */
typedef struct plot_style {
	const char *label;               /* legend text; NULL or "": no entry */
	int color;                       /* an st_color (ST_C1..ST_C8, ST_AXIS, ...); 0: automatic */
	uint32_t marker;                 /* scatter: PLOT_MARKER_AUTO, _DOT, or a width-1 glyph */
	int dash;                        /* lines: PLOT_SOLID, PLOT_DASHED, PLOT_DOTTED */
	const char *const *class_names;  /* scatter with hue: legend names of classes 0.. */
	size_t nclass_names;
} plot_style;

/* --- figures -------------------------------------------------------------- */

/* Returns a new empty figure holding one reference, or NULL when out of memory. */
plot_fig *plot_fig_new(void);

/* Adds a reference. */
void plot_fig_ref(plot_fig *f);

/* Drops a reference; the last one frees the figure.  NULL is a no-op. */
void plot_fig_unref(plot_fig *f);

/* Returns a counter that grows whenever anything in the figure changes. */
unsigned long plot_fig_version(const plot_fig *f);

/* Returns the number of references held. */
int plot_fig_refs(const plot_fig *f);

/* Returns the title (owned by f; NULL: none), and the height set (0: automatic). */
const char *plot_fig_title(const plot_fig *f);
size_t plot_fig_height(const plot_fig *f);

/* Set the title and axis labels (NULL or "" removes).  Return PLOT_OK or PLOT_ENOMEM. */
int plot_set_title(plot_fig *f, const char *s);
int plot_set_xlabel(plot_fig *f, const char *s);
int plot_set_ylabel(plot_fig *f, const char *s);

/* Sets the figure's size in characters; 0 = automatic (see plot_render). */
void plot_set_size(plot_fig *f, size_t width, size_t height);

/*
** Fixes an axis range to [lo, hi] (no padding).  Returns PLOT_EARG unless
** both are finite and lo < hi (and positive on a log axis when rendered:
** a limit a log axis cannot show is ignored).
*/
int plot_set_xlim(plot_fig *f, double lo, double hi);
int plot_set_ylim(plot_fig *f, double lo, double hi);

/* Returns an axis to automatic ranging. */
void plot_unset_xlim(plot_fig *f);
void plot_unset_ylim(plot_fig *f);

/* Makes the x and y axes logarithmic (1) or linear (0). */
void plot_set_log(plot_fig *f, int xlog, int ylog);

/* Removes every element (title, labels, limits and scales stay). */
void plot_clear(plot_fig *f);

/* Returns the number of elements. */
size_t plot_count(const plot_fig *f);

/* --- elements --------------------------------------------------------------
** Each add copies the data into the figure and stores the new element's id
** in *id (id may be NULL).  They return PLOT_OK, PLOT_EARG, PLOT_ETOOBIG or
** PLOT_ENOMEM; on failure the figure is unchanged.  NaN and inf values are
** kept and skipped when drawing.
*/

/*
** A sampling grid: nx x ny samples over the data rectangle [x0, x1] x
** [y0, y1], sample (i, j) at the centre of its grid cell, j = 0 at the
** bottom (y0).  On a log axis the cells are equal in log10 space.
*/
typedef struct plot_grid {
	double x0, x1, y0, y1;
	size_t nx, ny;
	int xlog, ylog;
} plot_grid;

/*
** What an element is made of.  A kind reads only its parts (its line in
** plot_kinds.h says which) and copies them: the caller keeps its arrays.
*/
typedef struct plot_data {
	const double *x, *y;      /* points (or values), n of them */
	const int *hue;           /* a class per point, or NULL */
	size_t n;
	double num[3];            /* numbers: a line's coefficients, a value, a count */
	const plot_grid *grid;    /* a sampled grid and its classes */
	const int *cls;
} plot_data;

/* Adds an element of `kind` made of d; the typed adds below are shorthands for it. */
int plot_add(plot_fig *f, plot_kind kind, const plot_data *d, const plot_style *style,
             plot_id *id);

/*
** A scatter of n points.  hue (may be NULL) gives each point a class: its
** colour, glyph and legend entry (named by style->class_names, else by the
** number); points with a negative class are skipped.  Without hue the
** scatter is one series with style->label as its legend entry.  In a cell
** holding points of several classes, the class with the most points there
** is shown (ties: the smaller class).
*/
int plot_scatter(plot_fig *f, const double *x, const double *y, const int *hue,
                 size_t n, const plot_style *style, plot_id *id);

/* A line through n points in order (x NULL: 0, 1, ..., n-1); NaN breaks it. */
int plot_line(plot_fig *f, const double *x, const double *y, size_t n,
              const plot_style *style, plot_id *id);

/*
** Keras' training history as two lines, "loss" and (when nval > 0)
** "val_loss", against epochs 1..n; sets the x label to "epoch" when the
** figure has none.  ids[0] and ids[1] (ids may be NULL) get the lines' ids
** (ids[1] = 0 without val_loss).
*/
int plot_loss(plot_fig *f, const double *loss, size_t n, const double *val_loss,
              size_t nval, plot_id ids[2]);

/*
** The line w1*x + w2*y + b = 0 a neuron separates with: vertical when
** w2 == 0, nothing when both are 0.  It spans the whole plot and does not
** widen the axes.
*/
int plot_boundary(plot_fig *f, double w1, double w2, double b,
                  const plot_style *style, plot_id *id);

/* Horizontal (y = v) and vertical (x = v) reference lines; default colour ST_AXIS. */
int plot_hline(plot_fig *f, double v, const plot_style *style, plot_id *id);
int plot_vline(plot_fig *f, double v, const plot_style *style, plot_id *id);

/* Return the data coordinates of the centre of column i and row j of g. */
double plot_grid_x(const plot_grid *g, size_t i);
double plot_grid_y(const plot_grid *g, size_t j);

/*
** Fills *g with the grid that gives each plot cell (each half cell in block
** mode) of the figure rendered at width x height in `mode` exactly one
** sample.  Sample a model at plot_grid_x/y and pass the classes to
** plot_regions.  Returns PLOT_OK, or PLOT_EARG when the figure is too
** small to draw at that size (g->nx = g->ny = 0).
*/
int plot_region_grid(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                     plot_grid *g);

/*
** Decision regions: cls[j * g->nx + i] is the class of grid sample (i, j)
** (negative: none), drawn as cell backgrounds behind everything.  Regions
** do not widen the axes; rendered at another size they are resampled
** (nearest sample).
*/
int plot_regions(plot_fig *f, const plot_grid *g, const int *cls,
                 const plot_style *style, plot_id *id);

/* --- changing elements -----------------------------------------------------
** All return PLOT_OK, PLOT_ENOELEM for an id the figure no longer has,
** PLOT_EKIND when the element is of another kind, PLOT_EARG or PLOT_ENOMEM
** (the element is then unchanged).
*/

/* Replaces an element's data by d, read as its kind reads it (never PLOT_EKIND). */
int plot_set(plot_fig *f, plot_id id, const plot_data *d);

/* Replaces a scatter's or line's points (hue only for scatters; x NULL: 0..n-1 for lines). */
int plot_set_data(plot_fig *f, plot_id id, const double *x, const double *y,
                  const int *hue, size_t n);

/* Moves a boundary line. */
int plot_set_boundary(plot_fig *f, plot_id id, double w1, double w2, double b);

/* Moves a reference line. */
int plot_set_value(plot_fig *f, plot_id id, double v);

/* Replaces a regions element's grid and classes. */
int plot_set_regions(plot_fig *f, plot_id id, const plot_grid *g, const int *cls);

/* Changes an element's legend label (NULL or "": none). */
int plot_set_label(plot_fig *f, plot_id id, const char *label);

/* Replaces an element's whole style (label, colour, marker, dash, class names). */
int plot_set_style(plot_fig *f, plot_id id, const plot_style *style);

/* Removes an element. */
int plot_remove(plot_fig *f, plot_id id);

/* --- drawing -------------------------------------------------------------- */

#define PLOT_MAX_TICKS 24

/* One axis as drawn. */
typedef struct plot_axis {
	double lo, hi;          /* the range shown, in data units */
	double tlo, thi;        /* the same in axis units (log10 of them on a log axis) */
	int log;                /* log10 scale */
	size_t nticks;
	double ticks[PLOT_MAX_TICKS];      /* tick values, ascending */
	char labels[PLOT_MAX_TICKS][16];   /* their labels (UTF-8) */
	size_t pos[PLOT_MAX_TICKS];        /* plot column (x) or row (y) of each tick */
} plot_axis;

/*
** Where a legend goes: inside a corner of the plot that no data touches
** (upper right first, then upper left, lower right, lower left), else
** outside it, below (in rows under the x label) or at the right (a column
** beside the plot rows), whichever leaves the plot more of its cells.
** With no room for either the legend is left out: it never covers data.
*/
enum { PLOT_LEGEND_NONE, PLOT_LEGEND_NE, PLOT_LEGEND_NW, PLOT_LEGEND_SE,
       PLOT_LEGEND_SW, PLOT_LEGEND_BELOW, PLOT_LEGEND_RIGHT };

/* Columns between the plot and a legend at its right. */
#define PLOT_LEGEND_GAP 2

/* A figure's layout at one size: what plot_render draws where. */
typedef struct plot_layout {
	size_t width, height;   /* the whole figure, in cells */
	size_t plot_x, plot_y;  /* top-left cell of the plot area in the output */
	size_t plot_w, plot_h;  /* the plot area in cells; 0 x 0 when too small */
	canvas_mode mode;
	size_t xres, yres;      /* the plot area in pixels */
	plot_axis x, y;
	int legend;             /* PLOT_LEGEND_* */
	size_t legend_rows;     /* rows below the plot when legend == PLOT_LEGEND_BELOW */
	size_t legend_w;        /* columns of the entries inside a corner or at the right
	                           (the right one takes PLOT_LEGEND_GAP more) */
	int title_row, ylabel_row, xaxis_row, xticks_row, xlabel_row, notes_row; /* -1: absent */
	size_t skipped;         /* points not shown: NaN/inf (or huge) values */
	size_t nonpos_x, nonpos_y; /* points not shown: <= 0 on a log axis */
	int has_data;           /* some point or line can be drawn */
} plot_layout;

/*
** Computes f's layout for a render at width x height (see plot_render for
** the meaning of 0), afresh: as the first render at that size would lay
** it out, whatever earlier renders kept.  Returns PLOT_OK, or PLOT_ENOMEM.
*/
int plot_layout_compute(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                        plot_layout *L);

/* Return the plot pixel a data value maps to (-1 when it cannot be shown). */
long plot_layout_px(const plot_layout *L, double x);
long plot_layout_py(const plot_layout *L, double y);

/*
** Appends the figure drawn in at most `width` columns (the figure's own
** width when it has a smaller one; 0: its own width, else 80) and `height`
** rows (0: the figure's own height, else automatic: width/3.5 clamped to
** 8..24), both clamped to PLOT_MAX_*, to out.  The height counts every
** line: title, plot, axes, labels, legend and notes.  `mode` picks braille,
** half blocks or ASCII (ASCII also makes the frame and markers ASCII);
** `color` 0 drops colours.  A figure too small to draw becomes a one-line
** note.  Returns PLOT_OK, or PLOT_ENOMEM (out->failed may also be set).
**
** A figure keeps the layout of its last render, so an animation holds
** still: rendered again at the same size and mode while only its elements
** changed, the plot area keeps its place and size and the legend its place
** (the plot no longer jumps, the legend no longer hops between corners),
** and the axes keep the range they showed, widening only to take in data
** that leaves it.  A new size, mode, title, label, limit or scale lays the
** figure out afresh, and so do data appearing in an empty figure, a note
** row coming or going and a change in the legend's entries (a label).  Data
** that moves into the legend's corner later is drawn under the legend; the
** y tick labels' column only ever widens.  Each figure remembers one
** layout: views drawing it at two sizes in turn lay it out each time.
*/
int plot_render(plot_fig *f, size_t width, size_t height, canvas_mode mode,
                int color, st_text *out);

/*
** As plot_render, but laid out afresh and remembering nothing: what the
** figure looks like now, as a first render shows it (fig:render in Lua).
*/
int plot_render_once(const plot_fig *f, size_t width, size_t height, canvas_mode mode,
                     int color, st_text *out);

/* A figure without a width of its own draws at most this wide (plot_fit). */
#define PLOT_READABLE_W 100

/* A figure given a budget is not drawn shorter than this, unless its own height is. */
#define PLOT_FIT_MIN_H 8

/*
** The size f takes in a view `width` columns wide that gives it a budget
** of `rows` rows (0: no budget, as in a transcript), in *w and *h for
** plot_render.  The view decides the budget (its share of the window,
** recomputed on a resize); this decides what the figure makes of it:
**  - *w: the figure's own width, cut to the view; without one the view's
**    width, at most PLOT_READABLE_W (at 200 columns a figure is not a
**    195-column strip);
**  - no budget: *h = 0, so plot_render uses the figure's own height, else
**    width / 3.5 clamped to 8..24;
**  - a budget: the figure's own height is an upper bound (shrunk to the
**    budget, never under PLOT_FIT_MIN_H); a figure without one fills the
**    budget up to *w / 3.5 rows, a sensible aspect (taller, the plot would
**    be a narrow tower), and at least PLOT_FIT_MIN_H.
** The same figure, width and budget always give the same size, so a live
** figure keeps its size from frame to frame.
*/
void plot_fit(const plot_fig *f, size_t width, size_t rows, size_t *w, size_t *h);

/* --- the protocol (wire.h) -------------------------------------------------
** The kernel process sends figures to the front end as data.
*/

/*
** Appends f for a receiver whose copy is at version *cursor (0: it has
** none): the figure's settings and the elements changed since, the others
** by id only.  Sets *cursor to f's version.  Returns PLOT_OK, PLOT_ENOMEM
** (sb failed) or PLOT_ETOOBIG (an element with more than 2^32 points).
*/
int plot_encode(const plot_fig *f, unsigned long *cursor, strbuf *sb);

/*
** Applies an encoded figure to f (a new figure for the first message).
** Returns PLOT_OK, PLOT_EARG for a malformed message (f is then
** unchanged), or PLOT_ENOMEM.
*/
int plot_decode(plot_fig *f, wire_rd *r);

#endif
