/*
** test_diagram.c — network diagrams: layout limits, big layers, goldens.
*/
#include <stdlib.h>
#include <string.h>

#include "diagram.h"
#include "golden.h"
#include "mem.h"
#include "tap.h"

static const char *mode_name[3] = {"braille", "block", "ascii"};

/* Seed 001's perceptron and seed 004's 2-4-4-2 network. */
static const diagram_layer seed001[3] = {
	{3, "input", 0}, {1, "hidden 1\n(sigmoid)", 0}, {1, "output\n(sigmoid)", 0}
};
static const diagram_layer seed004[4] = {
	{2, "input", 0}, {4, "dense\n(relu)", 0}, {4, "dense\n(relu)", 0}, {2, "output\n(softmax)", 0}
};

static char *render(const diagram *d, size_t w, canvas_mode m, int color, int ansi, size_t *lines)
{
	st_text t = ST_TEXT_INIT;
	diagram_render(d, w, m, color, &t);
	size_t maxw = 0;
	for (size_t i = 0; i < t.n; i++)
		if (t.lines[i].len > maxw)
			maxw = t.lines[i].len;
	if (lines)
		*lines = t.n;
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, &t, ansi);
	st_free(&t);
	ok(maxw <= w, "%zu columns at width %zu", maxw, w);
	return sb_take(&sb);
}

static int count_str(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_layout(void)
{
	diagram *d;
	ok(diagram_new(seed001, 3, &d) == DIAGRAM_OK, "seed 001's network");
	ok(diagram_nlayers(d) == 3 && diagram_units(d, 0) == 3 && diagram_units(d, 9) == 0, "layers kept");
	size_t n;
	char *s = render(d, 80, CANVAS_BRAILLE, 0, 0, &n);
	ok(count_str(s, "\u25cf") == 5, "five units drawn");
	ok(strstr(s, "input") && strstr(s, "hidden 1") && strstr(s, "(sigmoid)"), "titles, split at \\n");
	ok(n == 5 + 1 + 2, "3 unit rows spaced by one, a gap, two title lines (%zu lines)", n);
	free(s);
	s = render(d, 40, CANVAS_ASCII, 0, 0, NULL);
	int ascii = 1;
	for (const char *p = s; *p; p++)
		ascii &= (unsigned char)*p < 128;
	ok(ascii && count_str(s, "O") == 5, "ASCII: units are O, lines - | / \\");
	free(s);
	s = render(d, 16, CANVAS_BRAILLE, 0, 0, NULL);
	ok(count_str(s, "\u25cf") == 5 && strstr(s, "\u2026"), "16 columns: still drawn, titles cut with an ellipsis");
	free(s);
	for (size_t w = 1; w < 14; w++)
		free(render(d, w, CANVAS_BRAILLE, 1, 0, NULL));
	ok(1, "widths 1..13 do not crash");
	diagram_ref(d);
	diagram_unref(d);
	ok(diagram_version(d) == 1, "a diagram never changes");
	diagram_unref(d);
	diagram_unref(NULL);

	diagram_layer big[3] = {{784, "input", 0}, {100, "hidden\n(relu)", ST_C6}, {10, "output", 0}};
	ok(diagram_new(big, 3, &d) == DIAGRAM_OK, "layers of 784, 100 and 10 units");
	s = render(d, 80, CANVAS_BRAILLE, 0, 0, &n);
	ok(count_str(s, "\u22ee") == 3 && strstr(s, "(784 units)") && strstr(s, "(100 units)") && strstr(s, "(10 units)"),
	   "big layers show an ellipsis and their count");
	ok(count_str(s, "\u25cf") == 3 * (DIAGRAM_MAX_SHOWN - 2), "and %d units each", DIAGRAM_MAX_SHOWN - 2);
	ok(n <= 24, "a big network still fits 24 rows (%zu)", n);
	free(s);
	diagram_unref(d);

	diagram_layer bad[2] = {{3, "a", 0}, {0, "b", 0}};
	ok(diagram_new(bad, 2, &d) == DIAGRAM_EARG && d == NULL, "a layer of 0 units: DIAGRAM_EARG");
	ok(diagram_new(bad, 0, &d) == DIAGRAM_EARG, "no layers: DIAGRAM_EARG");
	diagram_layer one[1] = {{2, NULL, 0}};
	ok(diagram_new(one, 1, &d) == DIAGRAM_OK, "one untitled layer");
	s = render(d, 80, CANVAS_BRAILLE, 0, 0, &n);
	ok(count_str(s, "\u25cf") == 2 && n == 3, "two units, no titles");
	free(s);
	diagram_unref(d);

	size_t base = mem_used();
	mem_set_limit(base + 16);
	ok(diagram_new(seed004, 4, &d) == DIAGRAM_ENOMEM && d == NULL, "over budget: DIAGRAM_ENOMEM");
	mem_set_limit(0);
	ok(mem_used() == base, "nothing stays charged");
}

static void goldens(void)
{
	static const size_t widths[3] = {80, 40, 120};
	const diagram_layer *nets[2] = {seed001, seed004};
	size_t sizes[2] = {3, 4};
	for (int k = 0; k < 2; k++) {
		diagram *d;
		diagram_new(nets[k], sizes[k], &d);
		for (int wi = 0; wi < 3; wi++)
			for (int m = 0; m < 3; m++)
				for (int color = 0; color < 2; color++) {
					char base[64];
					snprintf(base, sizeof base, "diagram%s_w%zu_%s%s", k ? "_2442" : "_311", widths[wi],
					         mode_name[m], color ? "_color" : "");
					st_text t = ST_TEXT_INIT;
					diagram_render(d, widths[wi], (canvas_mode)m, color, &t);
					golden_text("plot", base, &t, color);
					st_free(&t);
				}
		diagram_unref(d);
	}
}

int main(void)
{
	test_layout();
	goldens();
	return tap_done();
}
