/*
** bench_plot.c — how long figures take to draw.
**
**   scatter   10,000 points of two classes and a decision line, rendered
**             into an 80x20 figure (target: < 2 ms);
**   regions   the decision regions of a 2-4-4-2 network over 80x20 cells:
**             the grid sampled with nn_model_predict_row, then rendered
**             with the points (target: < 5 ms).
**
** Prints, as bench/run.sh reads them, one line per workload:
**   nnbook plot_scatter time_s=T points=10000 size=80x20 braille_ms=.. block_ms=.. ascii_ms=..
** where T is the slowest mode's best-of-N time.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "model.h"
#include "plot.h"
#include "rng.h"

#define RUNS 50

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Two gaussian clouds (numpy's generator) and their classes, as in seed 004's plots. */
static void make_points(rng *r, double *x, double *y, int *hue, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		x[i] = rng_standard_normal(r);
		y[i] = rng_standard_normal(r);
		hue[i] = x[i] * y[i] <= 0;
	}
}

static const char *const mode_name[3] = {"braille", "block", "ascii"};

static double bench_scatter(plot_fig *f, canvas_mode mode)
{
	double best = 1e9;
	for (int k = 0; k < RUNS; k++) {
		st_text t = ST_TEXT_INIT;
		double t0 = now_ms();
		plot_render(f, 80, 20, mode, 1, &t);
		double dt = now_ms() - t0;
		st_free(&t);
		if (dt < best)
			best = dt;
	}
	return best;
}

/* Samples the network on the figure's grid (argmax of its outputs) and renders. */
static double bench_regions(plot_fig *f, nn_model *m, canvas_mode mode, plot_id *rid)
{
	double best = 1e9;
	int *cls = NULL;
	for (int k = 0; k < RUNS; k++) {
		st_text t = ST_TEXT_INIT;
		double t0 = now_ms();
		plot_grid g;
		int *c = NULL;
		if (plot_region_grid(f, 80, 20, mode, &g) != PLOT_OK ||
		    !(c = realloc(cls, g.nx * g.ny * sizeof *c))) {
			free(cls);
			return -1;
		}
		cls = c;
		for (size_t j = 0; j < g.ny; j++)
			for (size_t i = 0; i < g.nx; i++) {
				double in[2] = {plot_grid_x(&g, i), plot_grid_y(&g, j)}, out[2];
				nn_model_predict_row(m, in, out);
				cls[j * g.nx + i] = out[1] > out[0];
			}
		int rc = *rid ? plot_set_regions(f, *rid, &g, cls) : plot_regions(f, &g, cls, NULL, rid);
		if (rc != PLOT_OK) {
			free(cls);
			return -1;
		}
		plot_render(f, 80, 20, mode, 1, &t);
		double dt = now_ms() - t0;
		st_free(&t);
		if (dt < best)
			best = dt;
	}
	free(cls);
	return best;
}

int main(void)
{
	enum { N = 10000 };
	static double x[N], y[N];
	static int hue[N];
	rng r;
	rng_seed(&r, 0);
	make_points(&r, x, y, hue, N);

	plot_fig *f = plot_fig_new();
	nn_model *m = nn_model_new();
	if (!f || !m || plot_scatter(f, x, y, hue, N, NULL, NULL) != PLOT_OK ||
	    plot_boundary(f, 0.8, 1.3, -0.2, NULL, NULL) != PLOT_OK) {
		fprintf(stderr, "bench_plot: setup failed\n");
		return 1;
	}
	double ms[3], worst = 0;
	for (int k = 0; k < 3; k++) {
		ms[k] = bench_scatter(f, (canvas_mode)k);
		worst = ms[k] > worst ? ms[k] : worst;
	}
	printf("nnbook plot_scatter time_s=%.6f points=%d size=80x20 %s_ms=%.3f %s_ms=%.3f %s_ms=%.3f runs=%d\n",
	       worst / 1e3, N, mode_name[0], ms[0], mode_name[1], ms[1], mode_name[2], ms[2], RUNS);

	/* the seed 004 network: 2 inputs, relu 4, relu 4, softmax 2 (glorot weights) */
	if (nn_model_add_dense(m, 4, NN_ACT_RELU, 2, &r) != NN_OK ||
	    nn_model_add_dense(m, 4, NN_ACT_RELU, 0, &r) != NN_OK ||
	    nn_model_add_dense(m, 2, NN_ACT_SOFTMAX, 0, &r) != NN_OK) {
		fprintf(stderr, "bench_plot: model setup failed\n");
		return 1;
	}
	worst = 0;
	for (int k = 0; k < 3; k++) {
		plot_id rid = 0;
		ms[k] = bench_regions(f, m, (canvas_mode)k, &rid);
		if (ms[k] < 0) {
			fprintf(stderr, "bench_plot: regions failed\n");
			return 1;
		}
		worst = ms[k] > worst ? ms[k] : worst;
		plot_remove(f, rid);
	}
	printf("nnbook plot_regions time_s=%.6f net=2-4-4-2 points=%d size=80x20 %s_ms=%.3f %s_ms=%.3f %s_ms=%.3f runs=%d\n",
	       worst / 1e3, N, mode_name[0], ms[0], mode_name[1], ms[1], mode_name[2], ms[2], RUNS);
	nn_model_free(m);
	plot_fig_unref(f);
	return 0;
}
