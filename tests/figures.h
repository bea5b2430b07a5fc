/*
** figures.h — the notebooks' figures, built from deterministic data for
** the plot tests and their golden files.
*/
#ifndef NNBOOK_TEST_FIGURES_H
#define NNBOOK_TEST_FIGURES_H

#include <math.h>
#include <stdlib.h>

#include "plot.h"

/* --- deterministic data (integer arithmetic only, so every libm agrees) ----- */

static unsigned long long seed __attribute__((unused));

static __attribute__((unused)) double uni(void)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(seed >> 11) / 9007199254740992.0;
}

/* Roughly normal: the Irwin-Hall sum of 12 uniforms. */
static __attribute__((unused)) double gauss(void)
{
	double s = 0;
	for (int i = 0; i < 12; i++)
		s += uni();
	return s - 6;
}

/* --- the notebooks' figures ------------------------------------------------------- */

/* Seed 000: two classes and the line one neuron draws between them. */
static __attribute__((unused)) plot_fig *fig_scatter(void)
{
	enum { N = 400 };
	double x[N], y[N];
	int hue[N];
	seed = 1;
	for (int i = 0; i < N; i++) {
		int c = i % 2;
		x[i] = 3.0 * c + 0.55 * gauss();
		y[i] = 3.0 * c + 0.55 * gauss();
		hue[i] = c;
	}
	plot_fig *f = plot_fig_new();
	plot_scatter(f, x, y, hue, N, NULL, NULL);
	plot_style s = {0};
	s.label = "neuron";
	plot_boundary(f, 1.0, 1.08, -3.2, &s, NULL);
	plot_set_title(f, "Separation line from the unique neuron");
	return f;
}

/* Seed 001: the sigmoid, with dashed axes at 0 (and tanh for a second line). */
static __attribute__((unused)) plot_fig *fig_lines(void)
{
	enum { N = 100 };
	double x[N], s1[N], s2[N];
	for (int i = 0; i < N; i++) {
		x[i] = -6.0 + 12.0 * i / (N - 1);
		s1[i] = 1.0 / (1.0 + exp(-x[i]));
		s2[i] = tanh(x[i]);
	}
	plot_fig *f = plot_fig_new();
	plot_style st = {0};
	st.label = "sigmoid";
	plot_line(f, x, s1, N, &st, NULL);
	st.label = "tanh";
	plot_line(f, x, s2, N, &st, NULL);
	plot_style d = {0};
	d.dash = PLOT_DASHED;
	plot_hline(f, 0, &d, NULL);
	plot_vline(f, 0, &d, NULL);
	plot_set_xlabel(f, "x");
	plot_set_ylabel(f, "sigmoid(x)");
	return f;
}

/* Seed 001/004: a training history on log-log axes. */
static __attribute__((unused)) plot_fig *fig_loss(void)
{
	enum { N = 200 };
	double loss[N], val[N];
	for (int i = 0; i < N; i++) {
		loss[i] = 2.9 / (1.0 + 0.35 * i) + 0.004;
		val[i] = 2.8 / (1.0 + 0.3 * i) + 0.012;
	}
	plot_fig *f = plot_fig_new();
	plot_loss(f, loss, N, val, N, NULL);
	plot_set_log(f, 1, 1);
	plot_set_title(f, "model loss");
	plot_set_ylabel(f, "loss");
	return f;
}

static __attribute__((unused)) int xor_class(double x, double y) { return x * y <= 0; }

/* Seed 004: XOR points over the regions a 2-4-4-2 network predicts (here: exactly XOR). */
static __attribute__((unused)) plot_fig *fig_regions(size_t width, size_t height, canvas_mode mode)
{
	enum { N = 300 };
	double x[N], y[N];
	int hue[N];
	seed = 7;
	for (int i = 0; i < N; i++) {
		x[i] = 4 * uni() - 2;
		y[i] = 4 * uni() - 2;
		hue[i] = xor_class(x[i], y[i]);
	}
	plot_fig *f = plot_fig_new();
	static const char *const names[2] = {"same sign", "opposite"};
	plot_style s = {0};
	s.class_names = names;
	s.nclass_names = 2;
	plot_id sid;
	plot_scatter(f, x, y, hue, N, &s, &sid);
	plot_grid g;
	if (plot_region_grid(f, width, height, mode, &g) == PLOT_OK) {
		int *cls = malloc(g.nx * g.ny * sizeof *cls);
		for (size_t j = 0; j < g.ny; j++)
			for (size_t i = 0; i < g.nx; i++)
				cls[j * g.nx + i] = xor_class(plot_grid_x(&g, i), plot_grid_y(&g, j));
		plot_regions(f, &g, cls, NULL, NULL);
		free(cls);
	}
	plot_set_title(f, "XOR: decision regions");
	return f;
}

#endif
