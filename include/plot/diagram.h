/*
** diagram.h — a drawing of a network: layers of units as circles in
** columns, every unit joined to every unit of the next layer, a title
** under each column (NNV in the notebooks).
**
** A diagram is reference counted because a Lua handle and an output block
** both hold it; its data is charged to the lesson's budget (mem.h).  Its
** layers never change.  A diagram of a model with two inputs may also hold
** **maps** (plot.network{model = m}), which do change as the model trains:
** for every unit, its output over the input plane (the thumbnails of
** TensorFlow Playground), the weights of the connections, and the
** network's decision over the plane.  It is then drawn as a row of map
** columns joined by connections styled by weight sign and size.
*/
#ifndef NNBOOK_DIAGRAM_H
#define NNBOOK_DIAGRAM_H

#include <stddef.h>

#include "canvas.h"
#include "styled.h"
#include "wire.h"

typedef struct diagram diagram;

enum {
	DIAGRAM_OK = 0,
	DIAGRAM_ENOMEM,   /* over the memory budget */
	DIAGRAM_EARG      /* no layers, a layer of 0 units, or too many layers */
};

/* At most this many layers. */
#define DIAGRAM_MAX_LAYERS 32

/* Layers longer than this show their first and last units around a "⋮". */
#define DIAGRAM_MAX_SHOWN 8

/* One layer: its units, its title ("\n" separates lines; NULL: none), its colour. */
typedef struct diagram_layer {
	size_t units;
	const char *title;
	int color;          /* an st_color; 0: automatic (input, hidden, output colours) */
} diagram_layer;

/*
** Makes a diagram of n layers (copied) in *out, holding one reference.
** Returns DIAGRAM_OK, DIAGRAM_EARG or DIAGRAM_ENOMEM (*out is then NULL).
*/
int diagram_new(const diagram_layer *layers, size_t n, diagram **out);

/* Adds a reference. */
void diagram_ref(diagram *d);

/* Drops a reference; the last one frees the diagram.  NULL is a no-op. */
void diagram_unref(diagram *d);

/* Samples per map: across (x from the plane's left) and down (y from its top). */
#define DIAGRAM_MAP_W 16
#define DIAGRAM_MAP_H 16
#define DIAGRAM_MAP_N (DIAGRAM_MAP_W * DIAGRAM_MAP_H)

/* Maps are kept for layers of at most this many units (they are kept as
** bytes: each map and each layer's weights scaled to its largest value). */
#define DIAGRAM_MAX_MAP_UNITS 64

/*
** What the maps show (every array is copied):
**   plane   the input plane: x from plane[0] to plane[1], y from plane[2] to plane[3];
**   act     for each unit of each layer in order (the input's two units
**           first: x and y themselves), DIAGRAM_MAP_W * DIAGRAM_MAP_H
**           outputs, row 0 at the top (y = plane[3]);
**   weights for each layer after the input, units[i-1] * units[i] weights
**           (from-unit major, as a Dense kernel);
**   decision DIAGRAM_MAP_W * DIAGRAM_MAP_H classes (-1: none), or NULL.
*/
typedef struct diagram_maps {
	double plane[4];
	const double *act;
	const double *weights;
	const int *decision;
} diagram_maps;

/*
** Sets (or replaces) the diagram's maps.  Returns DIAGRAM_OK, DIAGRAM_EARG
** (a layer of more than DIAGRAM_MAX_MAP_UNITS units, a plane
** that is empty or not finite) or DIAGRAM_ENOMEM (the maps stay as they were).
*/
int diagram_set_maps(diagram *d, const diagram_maps *m);

/* Returns 1 when the diagram has maps. */
int diagram_has_maps(const diagram *d);

/* Returns the version: it grows when the maps change. */
unsigned long diagram_version(const diagram *d);

/* Returns the number of references held. */
int diagram_refs(const diagram *d);

/* Returns the number of layers, and the units of layer i (0 when out of range). */
size_t diagram_nlayers(const diagram *d);
size_t diagram_units(const diagram *d, size_t i);

/*
** Appends the drawing in at most `width` columns (clamped to 1..CANVAS_MAX_W;
** it uses less when it needs less): braille (or half-block) lines between
** the units in UTF-8 modes, - | / \ in CANVAS_ASCII; `color` 0 drops
** colours.  Layers longer than DIAGRAM_MAX_SHOWN units show a "⋮" (ASCII
** ":") and their count under the title.  Titles too wide for their column
** are cut with an ellipsis.  Returns DIAGRAM_OK or DIAGRAM_ENOMEM.
*/
int diagram_render(const diagram *d, size_t width, canvas_mode mode, int color, st_text *out);

/*
** The protocol (wire.h): diagram_encode appends the layers and the maps;
** diagram_decode makes *d from a message, or updates its maps (the
** layers must be the same).
** Return DIAGRAM_OK, DIAGRAM_EARG (malformed) or DIAGRAM_ENOMEM.
*/
int diagram_encode(const diagram *d, unsigned long *cursor, strbuf *sb);
int diagram_decode(diagram **d, wire_rd *r);

#endif
