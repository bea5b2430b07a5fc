/*
** test_plot_golden.c — the notebooks' figures rendered at 80, 40 and 120
** columns in braille, half blocks and ASCII, with and without colour,
** compared with tests/golden/plot/ (NNBOOK_UPDATE_GOLDEN=1 rewrites them).
*/
#include "figures.h"
#include "golden.h"
#include "tap.h"

static const char *mode_name[3] = {"braille", "block", "ascii"};

/* A histogram of two bumps of samples, as a lesson shows its data. */
static plot_fig *fig_hist(void)
{
	enum { N = 600 };
	double v[N];
	seed = 11;
	for (int i = 0; i < N; i++)
		v[i] = i % 3 ? 1.5 + 0.4 * gauss() : -1 + 0.6 * gauss();
	plot_fig *f = plot_fig_new();
	plot_style s = {0};
	s.label = "samples";
	plot_data d = {.x = v, .n = N, .num = {16}};
	plot_add(f, PLOT_HIST, &d, &s, NULL);
	plot_set_title(f, "a histogram");
	plot_set_xlabel(f, "value");
	return f;
}

static void goldens(void)
{
	static const size_t widths[3] = {80, 40, 120};
	static const char *const kinds[5] = {"scatter", "lines", "loss", "regions", "hist"};
	for (int k = 0; k < 5; k++)
		for (int wi = 0; wi < 3; wi++)
			for (int m = 0; m < 3; m++) {
				plot_fig *f = k == 0 ? fig_scatter() : k == 1 ? fig_lines() : k == 2 ? fig_loss()
				            : k == 3 ? fig_regions(widths[wi], 0, (canvas_mode)m) : fig_hist();
				for (int color = 0; color < 2; color++) {
					char base[64];
					snprintf(base, sizeof base, "%s_w%zu_%s%s", kinds[k], widths[wi], mode_name[m],
					         color ? "_color" : "");
					st_text t = ST_TEXT_INIT;
					plot_render(f, widths[wi], 0, (canvas_mode)m, color, &t);
					golden_text("plot", base, &t, color);
					st_free(&t);
				}
				plot_fig_unref(f);
			}
}

int main(void)
{
	goldens();
	return tap_done();
}
