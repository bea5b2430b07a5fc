/*
** test_plot_golden.c — the notebooks' figures rendered at 80, 40 and 120
** columns in braille, half blocks and ASCII, with and without colour,
** compared with tests/golden/plot/ (NNBOOK_UPDATE_GOLDEN=1 rewrites them).
*/
#include "figures.h"
#include "golden.h"
#include "tap.h"

static const char *mode_name[3] = {"braille", "block", "ascii"};

static void goldens(void)
{
	static const size_t widths[3] = {80, 40, 120};
	static const char *const kinds[4] = {"scatter", "lines", "loss", "regions"};
	for (int k = 0; k < 4; k++)
		for (int wi = 0; wi < 3; wi++)
			for (int m = 0; m < 3; m++) {
				plot_fig *f = k == 0 ? fig_scatter() : k == 1 ? fig_lines() : k == 2 ? fig_loss()
				            : fig_regions(widths[wi], 0, (canvas_mode)m);
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
