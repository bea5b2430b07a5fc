/*
** diagram.h — a drawing of a network: layers of units as circles in
** columns, every unit joined to every unit of the next layer, a title
** under each column (NNV in the notebooks).
**
** A diagram is immutable once made; it is reference counted because a Lua
** handle and an output block both hold it.  Its data is charged to the
** lesson's budget (mem.h).
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

/* Returns the version (constant: a diagram never changes). */
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
** The protocol (wire.h): diagram_encode appends the layers; diagram_decode
** makes *d from a message (a diagram is sent once: *d must be NULL).
** Return DIAGRAM_OK, DIAGRAM_EARG (malformed) or DIAGRAM_ENOMEM.
*/
int diagram_encode(const diagram *d, unsigned long *cursor, strbuf *sb);
int diagram_decode(diagram **d, wire_rd *r);

#endif
