/*
** diagram.c — network diagrams: columns of units joined by lines; the
** maps a diagram of a model may hold, and the protocol.
*/
#include "diagram_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "utf8.h"
#include "wire.h"

int diagram_new(const diagram_layer *layers, size_t n, diagram **out)
{
	*out = NULL;
	if (!layers || n == 0 || n > DIAGRAM_MAX_LAYERS)
		return DIAGRAM_EARG;
	for (size_t i = 0; i < n; i++)
		if (layers[i].units == 0)
			return DIAGRAM_EARG;
	diagram *d = mem_calloc(1, sizeof *d);
	if (!d)
		return DIAGRAM_ENOMEM;
	d->refs = 1;
	d->version = 1;
	d->layers = mem_calloc(n, sizeof *d->layers);
	if (!d->layers) {
		mem_free(d);
		return DIAGRAM_ENOMEM;
	}
	d->n = n;
	for (size_t i = 0; i < n; i++) {
		d->layers[i].units = layers[i].units;
		d->layers[i].color = layers[i].color > 0 && layers[i].color < ST_NCOLORS ? layers[i].color : 0;
		if (layers[i].title && !(d->layers[i].title = mem_strdup(layers[i].title))) {
			diagram_unref(d);
			return DIAGRAM_ENOMEM;
		}
	}
	*out = d;
	return DIAGRAM_OK;
}

void diagram_ref(diagram *d)
{
	if (d)
		d->refs++;
}

void diagram_unref(diagram *d)
{
	if (!d || --d->refs > 0)
		return;
	for (size_t i = 0; i < d->n; i++)
		mem_free(d->layers[i].title);
	mem_free(d->layers);
	mem_free(d->act);
	mem_free(d);
}

unsigned long diagram_version(const diagram *d) { return d->version; }
int diagram_has_maps(const diagram *d) { return d->act != NULL; }

/* Scales v[0..n) to -127..127 of its largest magnitude (NaN: 0) into q. */
static void quantize(const double *v, size_t n, signed char *q)
{
	double big = 0;
	for (size_t i = 0; i < n; i++)
		if (fabs(v[i]) > big && isfinite(v[i]))
			big = fabs(v[i]);
	for (size_t i = 0; i < n; i++)
		q[i] = (signed char)(big > 0 && isfinite(v[i]) ? lround(127 * v[i] / big) : 0);
}

/* The units and weights maps need; 0 when a layer is too long to map. */
static int map_sizes(const diagram *d, size_t *nunits, size_t *nweights)
{
	*nunits = *nweights = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (d->layers[i].units > DIAGRAM_MAX_MAP_UNITS)
			return 0;
		*nunits += d->layers[i].units;
		if (i)
			*nweights += d->layers[i - 1].units * d->layers[i].units;
	}
	return 1;
}

int diagram_set_maps(diagram *d, const diagram_maps *m)
{
	size_t nu, nw;
	const double *p = m->plane;
	if (!map_sizes(d, &nu, &nw) || !m->act || (nw && !m->weights) || !isfinite(p[0]) ||
	    !isfinite(p[1]) || !isfinite(p[2]) || !isfinite(p[3]) || !(p[0] < p[1]) || !(p[2] < p[3]))
		return DIAGRAM_EARG;
	if (!d->act) {
		signed char *b = mem_alloc(nu * DIAGRAM_MAP_N + nw + DIAGRAM_MAP_N);
		if (!b)
			return DIAGRAM_ENOMEM;
		d->act = b;
		d->weights = b + nu * DIAGRAM_MAP_N;
		d->decision = d->weights + nw;
		d->nunits = nu;
		d->nweights = nw;
	}
	for (size_t u = 0; u < nu; u++)
		quantize(m->act + u * DIAGRAM_MAP_N, DIAGRAM_MAP_N, d->act + u * DIAGRAM_MAP_N);
	for (size_t i = 1, at = 0; i < d->n; i++) {
		size_t k = d->layers[i - 1].units * d->layers[i].units;
		quantize(m->weights + at, k, d->weights + at);
		at += k;
	}
	for (size_t i = 0; i < DIAGRAM_MAP_N; i++) {
		int c = m->decision ? m->decision[i] : -1;
		d->decision[i] = (signed char)(c < 0 ? -1 : c > 126 ? 126 : c);
	}
	memcpy(d->plane, p, sizeof d->plane);
	d->version++;
	return DIAGRAM_OK;
}
int diagram_refs(const diagram *d) { return d->refs; }
size_t diagram_nlayers(const diagram *d) { return d->n; }
size_t diagram_units(const diagram *d, size_t i) { return i < d->n ? d->layers[i].units : 0; }

/* --- drawing ------------------------------------------------------------------ */

#define MAX_LINES 8     /* title lines per layer, including the unit count */
#define LINE_BYTES 160

typedef struct column {
	char lines[MAX_LINES][LINE_BYTES];
	size_t nlines;
	size_t slots;       /* rows of units drawn (an ellipsis is one) */
	long x;             /* the column's cell */
} column;

static size_t width_of(const char *s) { return utf8_width(s, strlen(s)); }

/* Splits a layer's title into lines (and the count line) fitted to maxw. */
static void title_lines(const dlayer *l, column *c, size_t maxw, int ascii)
{
	c->nlines = 0;
	const char *s = l->title;
	while (s && *s && c->nlines < MAX_LINES - 1) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		canvas_fit(c->lines[c->nlines++], LINE_BYTES, s, n, maxw, ascii);
		s = nl ? nl + 1 : s + n;
	}
	if (l->units > DIAGRAM_MAX_SHOWN) {
		char count[48];
		snprintf(count, sizeof count, "(%zu units)", l->units);
		canvas_fit(c->lines[c->nlines++], LINE_BYTES, count, strlen(count), maxw, ascii);
	}
}

static uint8_t layer_color(const diagram *d, size_t i)
{
	if (d->layers[i].color)
		return (uint8_t)d->layers[i].color;
	return i == 0 ? ST_C2 : i + 1 == d->n ? ST_C3 : ST_C1;
}

/* Slot k of a layer: a unit (its index), or -1 for the ellipsis. */
static long slot_unit(const dlayer *l, size_t k)
{
	if (l->units <= DIAGRAM_MAX_SHOWN)
		return (long)k;
	size_t half = (DIAGRAM_MAX_SHOWN - 1) / 2;
	if (k < half)
		return (long)k;
	if (k == half)
		return -1;
	return (long)(l->units - (2 * half + 1 - k));
}

/* A render's geometry: the columns, their spacing, the canvas they fill. */
typedef struct shape {
	column *col;
	size_t tw;          /* title width */
	size_t sp;          /* columns from one layer to the next */
	size_t cw, ch;      /* canvas size in cells */
	size_t hn;          /* rows of units (a unit, then a gap) */
} shape;

/* The widest title decides the spacing; titles are cut when it cannot. */
static void spacing(const diagram *d, size_t width, int ascii, shape *s)
{
	size_t tw = 1, n = d->n, sp = 0;
	for (size_t i = 0; i < n; i++) {
		title_lines(&d->layers[i], &s->col[i], 1000, ascii);
		for (size_t k = 0; k < s->col[i].nlines; k++)
			if (width_of(s->col[i].lines[k]) > tw)
				tw = width_of(s->col[i].lines[k]);
	}
	if (n > 1) {
		sp = tw + 3 > 20 ? tw + 3 : 20;
		if ((n - 1) * sp + tw > width)
			sp = width > tw ? (width - tw) / (n - 1) : 0;
		if (sp < 6) {
			sp = (width - 1) / (n - 1);
			if (sp > 6)
				sp = 6;
		}
		if (sp < tw + 1)
			tw = sp > 1 ? sp - 1 : 1;
	}
	s->tw = tw > width ? width : tw;
	s->sp = sp;
}

/* Places each column and its titles cut to the title width; sizes the canvas. */
static void place_columns(const diagram *d, size_t width, int ascii, shape *s)
{
	size_t n = d->n, x0 = (s->tw - 1) / 2, slots = 1, nlines = 0;
	s->cw = x0 + (n - 1) * s->sp + s->tw / 2 + 1;
	if (s->cw > width)
		s->cw = width;
	for (size_t i = 0; i < n; i++) {
		column *c = &s->col[i];
		title_lines(&d->layers[i], c, s->tw, ascii);
		c->x = (long)(x0 + i * s->sp);
		c->slots = d->layers[i].units > DIAGRAM_MAX_SHOWN ? DIAGRAM_MAX_SHOWN - 1 : d->layers[i].units;
		if (c->slots > slots)
			slots = c->slots;
		if (c->nlines > nlines)
			nlines = c->nlines;
	}
	s->hn = 2 * slots - 1;
	s->ch = s->hn + (nlines ? nlines + 1 : 0);
}

/* Every unit to every unit of the next layer, from cell edge to cell edge. */
static void draw_edges(const diagram *d, const shape *s, canvas *c)
{
	int sw = canvas_subw(canvas_get_mode(c)), sh = canvas_subh(canvas_get_mode(c));
	const column *col = s->col;
	for (size_t i = 0; i + 1 < d->n; i++) {
		size_t ta = (s->hn - (2 * col[i].slots - 1)) / 2, tb = (s->hn - (2 * col[i + 1].slots - 1)) / 2;
		for (size_t a = 0; a < col[i].slots; a++) {
			if (slot_unit(&d->layers[i], a) < 0)
				continue;
			for (size_t b = 0; b < col[i + 1].slots; b++) {
				if (slot_unit(&d->layers[i + 1], b) < 0)
					continue;
				double ya = (double)(ta + 2 * a) * sh + (sh - 1) / 2.0;
				double yb = (double)(tb + 2 * b) * sh + (sh - 1) / 2.0;
				double xa = (double)(col[i].x + 1) * sw, xb = (double)col[i + 1].x * sw - 1;
				canvas_line(c, xa, ya, xb, yb, ST_AXIS, CANVAS_SOLID);
			}
		}
	}
}

/* The units as circles (an ellipsis for the hidden ones), the titles under them. */
static void draw_units(const diagram *d, const shape *s, int ascii, canvas *c)
{
	for (size_t i = 0; i < d->n; i++) {
		const column *col = &s->col[i];
		size_t top = (s->hn - (2 * col->slots - 1)) / 2;
		uint8_t fg = layer_color(d, i);
		for (size_t k = 0; k < col->slots; k++) {
			long u = slot_unit(&d->layers[i], k);
			uint32_t g = u < 0 ? (ascii ? ':' : 0x22EE) : (ascii ? 'O' : 0x25CF);
			canvas_glyph(c, col->x, (long)(top + 2 * k), g, u < 0 ? ST_MUTED : fg, 0);
		}
		for (size_t k = 0; k < col->nlines; k++) {
			long w = (long)width_of(col->lines[k]);
			long start = col->x - (w - 1) / 2;
			if (start + w > (long)s->cw)
				start = (long)s->cw - w;
			if (start < 0)
				start = 0;
			canvas_text(c, start, (long)(s->hn + 1 + k), col->lines[k], 0, 0);
		}
	}
}

/* The one line a diagram too narrow to draw becomes. */
static void too_narrow(const diagram *d, size_t width, int ascii, int color, st_text *out)
{
	st_line *l = st_newline(out);
	char msg[64], buf[LINE_BYTES];
	snprintf(msg, sizeof msg, "[network: %zu layers, too narrow to draw]", d->n);
	canvas_fit(buf, sizeof buf, msg, strlen(msg), width, ascii);
	st_puts(out, l, buf, strlen(buf), st_mk(color ? ST_MUTED : 0, 0, 0));
}

int diagram_render(const diagram *d, size_t width, canvas_mode mode, int color, st_text *out)
{
	int ascii = mode == CANVAS_ASCII;
	width = width < 1 ? 1 : width > CANVAS_MAX_W ? CANVAS_MAX_W : width;
	if (d->act)
		return diagram__render_maps(d, width, mode, color, out);
	/* scratch for one render: plain malloc, as drawing must work at the budget's limit */
	shape s = {0};
	if (!(s.col = calloc(d->n, sizeof *s.col)))
		return DIAGRAM_ENOMEM;
	spacing(d, width, ascii, &s);
	canvas *c = NULL;
	if (d->n > 1 && s.sp < 3) {
		too_narrow(d, width, ascii, color, out);
	} else {
		place_columns(d, width, ascii, &s);
		if (!(c = canvas_new(s.cw, s.ch, mode))) {
			free(s.col);
			return DIAGRAM_ENOMEM;
		}
		draw_edges(d, &s, c);
		draw_units(d, &s, ascii, c);
		for (size_t r = 0; r < s.ch; r++)
			canvas_row(c, r, color, out, st_newline(out));
	}
	canvas_free(c);
	free(s.col);
	return out->failed ? DIAGRAM_ENOMEM : DIAGRAM_OK;
}

/* --- the protocol ------------------------------------------------------------ */

int diagram_encode(const diagram *d, unsigned long *cursor, strbuf *sb)
{
	wire_u32(sb, (uint32_t)d->n);
	for (size_t i = 0; i < d->n; i++) {
		wire_u64(sb, d->layers[i].units);
		wire_cstr(sb, d->layers[i].title);
		wire_u8(sb, (unsigned)d->layers[i].color);
	}
	wire_u8(sb, d->act != NULL);
	if (d->act) {
		for (int i = 0; i < 4; i++)
			wire_f64(sb, d->plane[i]);
		wire_str(sb, (const char *)d->act, d->nunits * DIAGRAM_MAP_N + d->nweights + DIAGRAM_MAP_N);
	}
	if (sb->failed)
		return DIAGRAM_ENOMEM;
	*cursor = d->version;
	return DIAGRAM_OK;
}

/* Reads the layers of a message into layers[] and titles[] (charged copies). */
static int get_layers(wire_rd *r, diagram_layer *layers, char **titles, size_t *np)
{
	size_t n = wire_get_u32(r);
	int rc = DIAGRAM_OK;
	if (n == 0 || n > DIAGRAM_MAX_LAYERS)
		wire_fail(r);
	for (size_t i = 0; i < n && !r->err && rc == DIAGRAM_OK; i++) {
		size_t len;
		layers[i].units = (size_t)wire_get_u64(r);
		const char *s = wire_get_str(r, &len);
		layers[i].color = (int)wire_get_u8(r);
		layers[i].title = NULL;
		if (r->err || (s && memchr(s, 0, len)) || layers[i].color >= ST_NCOLORS) {
			wire_fail(r);
		} else if (len) {
			if (!(titles[i] = mem_alloc(len + 1)))
				rc = DIAGRAM_ENOMEM;
			else
				memcpy(titles[i], s, len), titles[i][len] = '\0';
			layers[i].title = titles[i];
		}
	}
	*np = r->err ? 0 : n;
	return rc != DIAGRAM_OK ? rc : r->err ? DIAGRAM_EARG : DIAGRAM_OK;
}

/* Reads the maps of a message into d (made from the same message's layers). */
static int get_maps(wire_rd *r, diagram *d)
{
	unsigned has = wire_get_u8(r);
	size_t nu, nw, len;
	if (has > 1 || r->err)
		return DIAGRAM_EARG;
	if (!has)
		return wire_done(r) ? DIAGRAM_OK : DIAGRAM_EARG;
	double plane[4];
	for (int i = 0; i < 4; i++)
		plane[i] = wire_get_f64(r);
	const char *s = wire_get_str(r, &len);
	if (!map_sizes(d, &nu, &nw) || r->err || !wire_done(r) ||
	    len != nu * DIAGRAM_MAP_N + nw + DIAGRAM_MAP_N || !(plane[0] < plane[1]) ||
	    !(plane[2] < plane[3]) || !isfinite(plane[0] + plane[1] + plane[2] + plane[3]))
		return DIAGRAM_EARG;
	for (size_t i = len - DIAGRAM_MAP_N; i < len; i++)
		if (s[i] < -1 || s[i] > 126)
			return DIAGRAM_EARG;
	if (!(d->act = mem_alloc(len)))
		return DIAGRAM_ENOMEM;
	memcpy(d->act, s, len);
	d->weights = d->act + nu * DIAGRAM_MAP_N;
	d->decision = d->weights + nw;
	d->nunits = nu;
	d->nweights = nw;
	memcpy(d->plane, plane, sizeof plane);
	return DIAGRAM_OK;
}

/* Makes *dp take the maps of fresh (same layers), keeping its own pointer. */
static int take_maps(diagram *d, diagram *fresh)
{
	if (fresh->n != d->n)
		return DIAGRAM_EARG;
	for (size_t i = 0; i < d->n; i++)
		if (fresh->layers[i].units != d->layers[i].units)
			return DIAGRAM_EARG;
	signed char *a = d->act;
	d->act = fresh->act;
	d->weights = fresh->weights;
	d->decision = fresh->decision;
	d->nunits = fresh->nunits;
	d->nweights = fresh->nweights;
	memcpy(d->plane, fresh->plane, sizeof d->plane);
	fresh->act = a;
	d->version++;
	return DIAGRAM_OK;
}

int diagram_decode(diagram **dp, wire_rd *r)
{
	diagram_layer layers[DIAGRAM_MAX_LAYERS] = {{0}};
	char *titles[DIAGRAM_MAX_LAYERS] = {0};
	diagram *d = NULL;
	size_t n = 0;
	int rc = get_layers(r, layers, titles, &n);
	if (rc == DIAGRAM_OK)
		rc = diagram_new(layers, n, &d);
	if (rc == DIAGRAM_OK)
		rc = get_maps(r, d);
	if (rc == DIAGRAM_OK && *dp)
		rc = take_maps(*dp, d);
	if (rc == DIAGRAM_OK && !*dp) {
		*dp = d;
		d = NULL;
	}
	diagram_unref(d);
	for (size_t i = 0; i < DIAGRAM_MAX_LAYERS; i++)
		mem_free(titles[i]);
	return rc;
}
