/*
** test_diagram_maps.c — a network diagram with maps (plot.network{model =
** m}): each unit's output over the plane, connections by weight, the
** decision; what it refuses, the protocol both ways (an update keeps the
** object), memory, and golden renders at 80 and 120 columns, UTF-8 and
** ASCII, with and without colour.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "golden.h"
#include "mem.h"
#include "tap.h"

/* A 2-4-4-2 network like lesson 5's. */
static const diagram_layer net2442[4] = {
	{2, "input", 0}, {4, "hidden 1\n(relu)", 0}, {4, "hidden 2\n(relu)", 0}, {2, "output\n(softmax)", 0}
};

#define NU (2 + 4 + 4 + 2)
#define NW (2 * 4 + 4 * 4 + 4 * 2)

static double act[NU * DIAGRAM_MAP_N], weights[NW];
static int decision[DIAGRAM_MAP_N];

/*
** Made-up maps with the shapes a trained XOR network has: the inputs x
** and y, four ReLU lines at 45-degree steps (the last one dead), their
** sums, two outputs that split the quarters.  `t` turns the lines.
*/
static void make_maps(double t, diagram_maps *m)
{
	for (size_t p = 0; p < DIAGRAM_MAP_N; p++) {
		double x = -3 + 6 * ((double)(p % DIAGRAM_MAP_W) + 0.5) / DIAGRAM_MAP_W;
		double y = 3 - 6 * ((double)(p / DIAGRAM_MAP_W) + 0.5) / DIAGRAM_MAP_H;
		double *a = act + p;
		a[0] = x;
		a[DIAGRAM_MAP_N] = y;
		for (int u = 0; u < 4; u++) {
			double th = u * M_PI / 4 + t, v = cos(th) * x + sin(th) * y - 0.5;
			a[(2 + u) * DIAGRAM_MAP_N] = u == 3 ? 0 : v > 0 ? v : 0;
			double w = sin(th) * x - cos(th) * y;
			a[(6 + u) * DIAGRAM_MAP_N] = w > 0 ? w : 0;
		}
		double s = 1 / (1 + exp(-x * y));
		a[10 * DIAGRAM_MAP_N] = s;
		a[11 * DIAGRAM_MAP_N] = 1 - s;
		decision[p] = x * y > 0 ? 0 : 1;
	}
	for (int i = 0; i < NW; i++)
		weights[i] = sin(1.7 * i + t) * (i % 5 + 1);
	*m = (diagram_maps){{-3, 3, -3, 3}, act, weights, decision};
}

static char *render(const diagram *d, size_t w, canvas_mode mode, int color, size_t *maxw)
{
	st_text t = ST_TEXT_INIT;
	diagram_render(d, w, mode, color, &t);
	*maxw = 0;
	for (size_t i = 0; i < t.n; i++)
		*maxw = t.lines[i].len > *maxw ? t.lines[i].len : *maxw;
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, &t, 0);
	st_free(&t);
	return sb_take(&sb);
}

static void test_maps(void)
{
	size_t base = mem_used(), w;
	diagram *d;
	diagram_maps m;
	make_maps(0, &m);
	diagram_new(net2442, 4, &d);
	unsigned long v0 = diagram_version(d);
	ok(!diagram_has_maps(d), "a diagram starts without maps");
	ok(diagram_set_maps(d, &m) == DIAGRAM_OK && diagram_has_maps(d), "maps set");
	ok(diagram_version(d) > v0, "setting maps changes the version");
	ok(mem_used() > base + NU * DIAGRAM_MAP_N, "the maps are charged (%zu bytes)", mem_used() - base);

	char *s = render(d, 80, CANVAS_BRAILLE, 0, &w);
	ok(w <= 80, "fits 80 columns (%zu)", w);
	ok(strstr(s, "decision") && strstr(s, "hidden 1") && strstr(s, "above 0") && strstr(s, "below 0"),
	   "titles, the decision and the legend");
	ok(strstr(s, "\xe2\x96\x93") && strstr(s, "\xe2\x97\x8f"), "strong positive (▓) and negative (●) glyphs");
	ok(strstr(s, " 0 ") != NULL, "the dead unit shows 0");
	free(s);
	s = render(d, 120, CANVAS_ASCII, 0, &w);
	int ascii = 1;
	for (const char *p = s; *p; p++)
		ascii &= (unsigned char)*p < 128;
	ok(w <= 120 && ascii && strchr(s, '#') && strchr(s, '='), "ASCII at 120: only ASCII, # above and = below 0");
	free(s);
	for (size_t cols = 60; cols <= 100; cols++) {   /* a notebook's width: the terminal's less its gutter */
		s = render(d, cols, CANVAS_BRAILLE, 0, &w);
		int whole = strstr(s, "decision") && w <= cols;
		free(s);
		if (!whole) {
			ok(0, "at %zu columns the last title is cut or the drawing too wide", cols);
			break;
		}
		if (cols == 100)
			ok(1, "from 60 to 100 columns every title stays whole, inside the width");
	}
	s = render(d, 20, CANVAS_BRAILLE, 0, &w);
	ok(strstr(s, "too narrow") != NULL, "too narrow says so");
	free(s);

	diagram_maps bad = m;
	bad.plane[1] = bad.plane[0];
	ok(diagram_set_maps(d, &bad) == DIAGRAM_EARG, "an empty plane is refused");
	bad = m;
	bad.plane[2] = NAN;
	ok(diagram_set_maps(d, &bad) == DIAGRAM_EARG, "a NaN plane is refused");
	diagram_layer wide[2] = {{2, NULL, 0}, {65, NULL, 0}};
	diagram *dw;
	diagram_new(wide, 2, &dw);
	ok(diagram_set_maps(dw, &m) == DIAGRAM_EARG, "a layer of 65 units is not mapped");
	diagram_unref(dw);
	diagram_unref(d);
	ok(mem_used() == base, "nothing stays charged");
}

/* Encodes d; returns the bytes in sb. */
static void encode(const diagram *d, strbuf *sb)
{
	unsigned long cursor = 0;
	sb_clear(sb);
	diagram_encode(d, &cursor, sb);
}

static int decode(diagram **d, const strbuf *sb)
{
	wire_rd r;
	wire_init(&r, sb->s, sb->len);
	return diagram_decode(d, &r);
}

static void test_wire(void)
{
	size_t base = mem_used(), w;
	diagram *d, *copy = NULL;
	diagram_maps m;
	strbuf sb = STRBUF_INIT;
	diagram_new(net2442, 4, &d);
	make_maps(0, &m);
	diagram_set_maps(d, &m);
	encode(d, &sb);
	ok(decode(&copy, &sb) == DIAGRAM_OK && diagram_has_maps(copy), "a diagram with maps travels");
	char *a = render(d, 80, CANVAS_BRAILLE, 1, &w), *b = render(copy, 80, CANVAS_BRAILLE, 1, &w);
	ok(strcmp(a, b) == 0, "and draws the same");
	free(a);
	free(b);

	diagram *held = copy;
	unsigned long v = diagram_version(copy);
	make_maps(0.7, &m);
	diagram_set_maps(d, &m);
	encode(d, &sb);
	ok(decode(&copy, &sb) == DIAGRAM_OK && copy == held && diagram_version(copy) > v,
	   "an update changes the same object, and its version");
	a = render(d, 120, CANVAS_ASCII, 0, &w);
	b = render(copy, 120, CANVAS_ASCII, 0, &w);
	ok(strcmp(a, b) == 0, "the updated maps draw as the sender's");
	free(a);

	strbuf cut = STRBUF_INIT;
	sb_addn(&cut, sb.s, sb.len - 1);
	v = diagram_version(copy);
	ok(decode(&copy, &cut) == DIAGRAM_EARG, "a message cut short is refused");
	sb_clear(&cut);
	sb_addn(&cut, sb.s, sb.len);
	cut.s[cut.len - 1] = 127;   /* a decision class out of range */
	ok(decode(&copy, &cut) == DIAGRAM_EARG, "a bad class is refused");
	diagram *other;
	diagram_layer l3[3] = {{2, NULL, 0}, {3, NULL, 0}, {1, NULL, 0}};
	diagram_new(l3, 3, &other);
	encode(other, &cut);
	ok(decode(&copy, &cut) == DIAGRAM_EARG, "an update with other layers is refused");
	char *c = render(copy, 120, CANVAS_ASCII, 0, &w);
	ok(diagram_version(copy) == v && strcmp(b, c) == 0, "and leaves the diagram as it was");
	free(b);
	free(c);
	sb_free(&cut);
	sb_free(&sb);
	diagram_unref(other);
	diagram_unref(copy);
	diagram_unref(d);
	ok(mem_used() == base, "nothing stays charged");
}

static void goldens(void)
{
	static const size_t widths[2] = {80, 120};
	static const canvas_mode modes[2] = {CANVAS_BRAILLE, CANVAS_ASCII};
	diagram *d;
	diagram_maps m;
	make_maps(0.3, &m);
	diagram_new(net2442, 4, &d);
	diagram_set_maps(d, &m);
	for (int wi = 0; wi < 2; wi++)
		for (int mi = 0; mi < 2; mi++)
			for (int color = 0; color < 2; color++) {
				char base[64];
				snprintf(base, sizeof base, "diagram_maps_w%zu_%s%s", widths[wi],
				         mi ? "ascii" : "utf8", color ? "_color" : "");
				st_text t = ST_TEXT_INIT;
				diagram_render(d, widths[wi], modes[mi], color, &t);
				golden_text("plot", base, &t, color);
				st_free(&t);
			}
	diagram_unref(d);
}

int main(void)
{
	test_maps();
	test_wire();
	goldens();
	return tap_done();
}
