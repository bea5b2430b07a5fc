/*
** test_render_fig.c — how big a figure block is drawn: the rows a view
** gives it (render_opts.fig_rows, plot_fit), its own size as an upper
** bound, and a readable width on a wide view.
*/
#include "block.h"
#include "plot.h"
#include "render.h"
#include "tap.h"

/* A small figure: a line, a title and an x label; w x h its own size (0: automatic). */
static plot_fig *figure(size_t w, size_t h)
{
	static const double x[4] = {0, 1, 2, 3}, y[4] = {1, 3, 2, 4};
	plot_fig *f = plot_fig_new();
	plot_line(f, x, y, 4, NULL, NULL);
	plot_set_title(f, "a figure");
	plot_set_xlabel(f, "step");
	plot_set_size(f, w, h);
	return f;
}

/* Renders f as a block at width columns with fig_rows rows; returns its lines and widest line. */
static size_t draw(plot_fig *f, size_t width, size_t rows, size_t *widest)
{
	blocklist bl = {0};
	plot_fig_ref(f);
	block *b = blocklist_add_obj(&bl, BLOCK_FIGURE, f);
	render_opts o;
	render_defaults(&o, width);
	o.fig_rows = rows;
	st_text t = ST_TEXT_INIT;
	if (b)
		render_block(b, &o, &t);
	size_t n = t.n;
	*widest = 0;
	for (size_t i = 0; i < t.n; i++)
		if (t.lines[i].len > *widest)
			*widest = t.lines[i].len;
	st_free(&t);
	blocklist_clear(&bl);
	return n;
}

static void test_fit(void)
{
	plot_fig *a = figure(0, 0), *h14 = figure(0, 14), *w50 = figure(50, 0), *w150 = figure(150, 0);
	size_t w, h;
	plot_fit(a, 80, 0, &w, &h);
	ok(w == 80 && h == 0, "no budget: the width, and the automatic height left to plot_render");
	plot_fit(a, 200, 0, &w, &h);
	ok(w == PLOT_READABLE_W, "a wide view: a figure without a width is at most %d wide (%zu)",
	   PLOT_READABLE_W, w);
	plot_fit(w150, 200, 0, &w, &h);
	ok(w == 150, "a figure's own width is kept when it fits (%zu)", w);
	plot_fit(w150, 120, 0, &w, &h);
	ok(w == 120, "... and cut to the view (%zu)", w);
	plot_fit(w50, 200, 0, &w, &h);
	ok(w == 50, "a narrow figure keeps its width (%zu)", w);
	plot_fit(a, 80, 20, &w, &h);
	ok(w == 80 && h == 20, "a budget of 20 rows: a figure without a height fills it (%zu)", h);
	plot_fit(a, 80, 40, &w, &h);
	ok(h == 22, "40 rows at 80 columns: no taller than the aspect allows, 80 / 3.5 (%zu)", h);
	plot_fit(a, 80, 5, &w, &h);
	ok(h == PLOT_FIT_MIN_H, "5 rows: at least %d (%zu)", PLOT_FIT_MIN_H, h);
	plot_fit(a, 30, 60, &w, &h);
	ok(h == PLOT_FIT_MIN_H, "a narrow view: the aspect's 8 rows (%zu)", h);
	plot_fit(a, 200, 33, &w, &h);
	ok(w == PLOT_READABLE_W && h == 28, "200x60 with 33 rows: %d columns by 28 rows (%zux%zu)",
	   PLOT_READABLE_W, w, h);
	plot_fit(a, 120, 12, &w, &h);
	ok(w == PLOT_READABLE_W && h == 12, "120 columns and 12 rows: the budget (%zux%zu)", w, h);
	plot_fit(h14, 80, 22, &w, &h);
	ok(h == 14, "a height that fits is kept (%zu)", h);
	plot_fit(h14, 80, 11, &w, &h);
	ok(h == 11, "a height that does not fit is shrunk to the rows (%zu)", h);
	plot_fit(h14, 80, 5, &w, &h);
	ok(h == 8, "... but not under 8 (%zu)", h);
	plot_fig_unref(a);
	plot_fig_unref(h14);
	plot_fig_unref(w50);
	plot_fig_unref(w150);
}

static void test_blocks(void)
{
	plot_fig *a = figure(0, 0), *h14 = figure(0, 14);
	size_t widest;
	ok(draw(h14, 80, 0, &widest) == 14 && widest <= 80,
	   "a transcript (no budget) keeps the figure's own height");
	ok(draw(a, 80, 0, &widest) == 22, "... and the automatic one, width / 3.5");
	ok(draw(a, 200, 0, &widest) == 24 && widest <= PLOT_READABLE_W,
	   "a 200-column transcript draws at most %d columns wide (%zu)", PLOT_READABLE_W, widest);
	ok(draw(a, 80, 12, &widest) == 12, "a budget of 12 rows gives a figure without a height 12");
	ok(draw(a, 200, 33, &widest) == 28 && widest == PLOT_READABLE_W,
	   "200x60: a figure without a height grows with the budget, 28 rows by %d columns",
	   PLOT_READABLE_W);
	ok(draw(h14, 80, 22, &widest) == 14, "a height of 14 fits in 22 rows");
	ok(draw(h14, 80, 10, &widest) == 10, "and shrinks to a 10-row budget");
	ok(draw(h14, 200, 58, &widest) == 14 && widest == PLOT_READABLE_W,
	   "200x60: 14 rows by %d columns, not a 195x14 strip (%zu wide)", PLOT_READABLE_W, widest);
	plot_fig_unref(a);
	plot_fig_unref(h14);
}

int main(void)
{
	test_fit();
	test_blocks();
	return tap_done();
}
