/*
** test_plot_view.c — figures as a student reads them: markers above the
** lines that would hide them.
*/
#include <string.h>

#include "figures.h"
#include "plot.h"
#include "tap.h"

static const char *mode_name[3] = {"braille", "block", "ascii"};

/* Renders f into *t (freed by the caller with st_free). */
static void draw(plot_fig *f, size_t w, size_t h, canvas_mode m, int color, st_text *t)
{
	*t = (st_text)ST_TEXT_INIT;
	plot_render(f, w, h, m, color, t);
}

/* Counts the cells of t showing cp. */
static size_t count_cp(const st_text *t, uint32_t cp)
{
	size_t n = 0;
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->lines[i].len; j++)
			n += t->lines[i].cells[j].cp == cp;
	return n;
}

/* --- markers on top ------------------------------------------------------------- */

/*
** Four points with a line, a boundary and reference lines through every one
** of them, all added after the points (as lesson 1 draws its AND/OR gates):
** each point still shows its marker, in every mode.
*/
static void test_points_on_top(void)
{
	static const double px[4] = {0, 0, 1, 1}, py[4] = {0, 1, 0, 1};
	static const double d1x[2] = {-0.5, 1.5}, d1y[2] = {-0.5, 1.5};
	static const double d2x[2] = {-0.5, 1.5}, d2y[2] = {1.5, -0.5};
	for (int m = 0; m < 3; m++) {
		plot_fig *f = plot_fig_new();
		plot_set_xlim(f, -0.5, 1.5);
		plot_set_ylim(f, -0.5, 1.5);
		plot_scatter(f, px, py, NULL, 4, NULL, NULL);
		plot_line(f, d1x, d1y, 2, NULL, NULL);
		plot_line(f, d2x, d2y, 2, NULL, NULL);
		plot_boundary(f, 1, 0, -1, NULL, NULL);   /* x = 1 */
		plot_hline(f, 0, NULL, NULL);
		plot_vline(f, 0, NULL, NULL);
		plot_hline(f, 1, NULL, NULL);
		st_text t;
		draw(f, 60, 14, (canvas_mode)m, 1, &t);
		uint32_t marker = m == CANVAS_ASCII ? 'o' : 0x25CF;
		ok(count_cp(&t, marker) == 4, "%s: all 4 points show above the lines drawn after them (%zu)",
		   mode_name[m], count_cp(&t, marker));
		st_free(&t);
		plot_fig_unref(f);
	}
}

/* A scatter over decision regions and under a histogram's bars stays visible. */
static void test_points_over_bars(void)
{
	double v[200], px[1] = {0.0}, py[1] = {5.0};
	for (int i = 0; i < 200; i++)
		v[i] = (i % 20) * 0.1 - 1.0;
	plot_fig *f = plot_fig_new();
	plot_scatter(f, px, py, NULL, 1, NULL, NULL);
	plot_data d = {.x = v, .n = 200, .num = {8}};
	plot_add(f, PLOT_HIST, &d, NULL, NULL);
	plot_set_ylim(f, 0, 40);
	st_text t;
	draw(f, 60, 14, CANVAS_BRAILLE, 1, &t);
	ok(count_cp(&t, 0x25CF) == 1, "a point inside a bar is drawn over it");
	st_free(&t);
	plot_fig_unref(f);
}

int main(void)
{
	test_points_on_top();
	test_points_over_bars();
	return tap_done();
}
