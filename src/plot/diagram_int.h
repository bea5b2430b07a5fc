/*
** diagram_int.h — the inside of a network diagram, shared by diagram.c
** (the model, plain drawing, protocol) and diagram_maps.c (drawing a
** diagram with maps).
*/
#ifndef NNBOOK_DIAGRAM_INT_H
#define NNBOOK_DIAGRAM_INT_H

#include "diagram.h"


typedef struct dlayer {
	size_t units;
	char *title;   /* may be NULL */
	int color;
} dlayer;

struct diagram {
	int refs;
	unsigned long version;
	size_t n;
	dlayer *layers;
	/* the maps (NULL: none), all in one charged block */
	signed char *act;      /* per unit of every layer: DIAGRAM_MAP_N outputs, -127..127 of its largest */
	signed char *weights;  /* per layer after the input: units[i-1] * units[i], -127..127 of its largest */
	signed char *decision; /* DIAGRAM_MAP_N classes (-1: none) */
	size_t nunits, nweights;
	double plane[4];
};

/* Draws a diagram that has maps (diagram_render's contract). */
int diagram__render_maps(const diagram *d, size_t width, canvas_mode mode, int color, st_text *out);

#endif
