/*
** plot_axes.c — the axes: data values to pixels, ranges, nice ticks and
** their labels.  The layout (plot_layout.c) decides where the axes go;
** this file only measures and maps, and calls nothing above it.
*/
#include "plot_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

/* --- mapping ------------------------------------------------------------------ */

double plot__tval(int lg, double v)
{
	if (!isfinite(v) || fabs(v) > PLOT_HUGE)
		return NAN;
	if (lg)
		return v > 0 ? log10(v) : NAN;
	return v;
}

double plot__tx(const plot_layout *L, double t)
{
	return (t - L->x.tlo) / (L->x.thi - L->x.tlo) * (double)(L->xres > 1 ? L->xres - 1 : 0);
}

double plot__ty(const plot_layout *L, double t)
{
	return (L->y.thi - t) / (L->y.thi - L->y.tlo) * (double)(L->yres > 1 ? L->yres - 1 : 0);
}

double plot__fx(const plot_layout *L, double x)
{
	return plot__tx(L, plot__tval(L->x.log, x));
}

double plot__fy(const plot_layout *L, double y)
{
	return plot__ty(L, plot__tval(L->y.log, y));
}

static long to_pixel(double p, size_t res)
{
	if (!(p >= -0.5 && p < (double)res - 0.5 + 1e-9))
		return -1;
	long r = (long)floor(p + 0.5);
	return r >= (long)res ? (long)res - 1 : r;
}

long plot_layout_px(const plot_layout *L, double x)
{
	return L->plot_w ? to_pixel(plot__fx(L, x), L->xres) : -1;
}

long plot_layout_py(const plot_layout *L, double y)
{
	return L->plot_h ? to_pixel(plot__fy(L, y), L->yres) : -1;
}

/* --- ranges ------------------------------------------------------------------- */

void plot__set_range(plot_axis *a, int lg, int has_lim, const double lim[2], plot_extent e)
{
	a->log = lg;
	double lo, hi;
	if (has_lim && (!lg || (lim[0] > 0 && lim[1] > 0))) {
		lo = lg ? log10(lim[0]) : lim[0];
		hi = lg ? log10(lim[1]) : lim[1];
	} else if (e.any) {
		lo = e.lo;
		hi = e.hi;
		double mag = fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi);
		if (hi - lo <= mag * 1e-12) {
			/* all equal: open a window around the value */
			double d = lg ? 0.5 : (mag > 0 ? mag * 0.1 : 1.0);
			lo -= d;
			hi += d;
		} else {
			double pad = (hi - lo) * 0.05;
			lo -= e.floor && lo == 0 ? 0 : pad;   /* bars stand on 0: no margin under it */
			hi += pad;
		}
	} else {
		lo = 0;
		hi = 1;
	}
	if (!(hi > lo)) { /* denormal corner cases */
		lo -= 1;
		hi += 1;
	}
	a->tlo = lo;
	a->thi = hi;
	a->lo = lg ? pow(10.0, lo) : lo;
	a->hi = lg ? pow(10.0, hi) : hi;
}

/* --- tick labels --------------------------------------------------------------- */

static const char *const superscript[] = {
	"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
	"\u2075", "\u2076", "\u2077", "\u2078", "\u2079"
};

/* 10^e as a label: plain for small exponents, else 10⁻⁵ (ASCII: 1e-05). */
static void decade_label(char *buf, size_t sz, int e, int ascii)
{
	if (e >= -3 && e <= 4) {
		snprintf(buf, sz, "%.*f", e < 0 ? -e : 0, pow(10.0, e));
		return;
	}
	if (ascii) {
		snprintf(buf, sz, "1e%+03d", e);
		return;
	}
	char digits[12];
	snprintf(digits, sizeof digits, "%d", e < 0 ? -e : e);
	snprintf(buf, sz, "10%s", e < 0 ? "\u207b" : "");
	for (const char *d = digits; *d; d++)
		if (strlen(buf) + 4 < sz)
			strcat(buf, superscript[*d - '0']);
}

/* Labels for evenly stepped values: decimals from the step; 1e+05 style for big or tiny. */
static void linear_labels(plot_axis *a, double step)
{
	double maxabs = 0;
	for (size_t i = 0; i < a->nticks; i++)
		if (fabs(a->ticks[i]) > maxabs)
			maxabs = fabs(a->ticks[i]);
	int ks = (int)floor(log10(step) + 1e-9);
	int d = ks < 0 ? -ks : 0;
	int expo = maxabs >= 1e5 || d > 4;
	int md = 0;
	if (expo && maxabs > 0) {
		int E = (int)floor(log10(maxabs) + 1e-9);
		md = E - ks > 0 ? E - ks : 0;
		if (md > 6)
			md = 6;
	}
	for (size_t i = 0; i < a->nticks; i++) {
		double v = a->ticks[i];
		char *buf = a->labels[i];
		if (v == 0)
			snprintf(buf, sizeof a->labels[i], "0");
		else if (expo)
			snprintf(buf, sizeof a->labels[i], "%.*e", md, v);
		else
			snprintf(buf, sizeof a->labels[i], "%.*f", d > 10 ? 10 : d, v);
	}
}

/* Labels for 1/2/5 x 10^e ticks on a log axis. */
static void log_labels(plot_axis *a, int ascii)
{
	for (size_t i = 0; i < a->nticks; i++) {
		double v = a->ticks[i];
		int e = (int)floor(log10(v) + 1e-9);
		double m = v / pow(10.0, e);
		char *buf = a->labels[i];
		size_t sz = sizeof a->labels[i];
		if (fabs(m - 1) < 1e-9)
			decade_label(buf, sz, e, ascii);
		else if (e >= -4 && e <= 4)
			snprintf(buf, sz, "%.*f", e < 0 ? -e : 0, v);
		else
			snprintf(buf, sz, "%.0fe%+03d", m, e);
	}
}

/* --- choosing ticks --------------------------------------------------------------- */

typedef struct axis_ctx {
	plot_layout *L;
	int is_x;
	size_t maxcount;
	int ascii;
	long gap;         /* y: rows from one tick to the next, at least */
} axis_ctx;

/* The plot column (x) or row (y) a tick value falls in, or -1. */
static long tick_pos(const axis_ctx *c, double v)
{
	const plot_layout *L = c->L;
	if (c->is_x) {
		long p = plot_layout_px(L, v);
		return p < 0 ? -1 : p / canvas_subw(L->mode);
	}
	long p = plot_layout_py(L, v);
	return p < 0 ? -1 : p / canvas_subh(L->mode);
}

/*
** Fills positions and checks that the labels fit: x labels must not touch
** (two blank columns between them, all inside the figure's width), y ticks
** need distinct rows, with a blank row between them on a tall enough plot.
*/
static int ticks_fit(const axis_ctx *c, plot_axis *a)
{
	const plot_layout *L = c->L;
	long prev_end = -1000000, prev_row = -1000000;
	if (a->nticks > c->maxcount)
		return 0;
	for (size_t i = 0; i < a->nticks; i++) {
		long p = tick_pos(c, a->ticks[i]);
		if (p < 0)
			return 0;
		a->pos[i] = (size_t)p;
		size_t w = utf8_width(a->labels[i], strlen(a->labels[i]));
		if (c->is_x) {
			if (w > L->width)
				return 0;
			long start = (long)L->plot_x + p - (long)w / 2;
			if (start < 0)
				start = 0;
			if (start + (long)w > (long)L->width)
				start = (long)L->width - (long)w;
			if (start < prev_end + 2)
				return 0;
			prev_end = start + (long)w;
		} else {
			if (i > 0 && labs(p - prev_row) < c->gap)
				return 0;
			prev_row = p;
		}
	}
	return 1;
}

/* Evenly stepped ticks inside [lo, hi] (data units); returns 0 if too many. */
static int gen_linear(plot_axis *a, double lo, double hi, double step)
{
	double i0 = ceil(lo / step - 1e-9), i1 = floor(hi / step + 1e-9);
	/* past 2^52 steps from 0 (xlim{1, 1 + 2^-52}) i + 1 == i, and a loop
	** over i would never end: such a step cannot make distinct ticks */
	if (!(i1 - i0 + 1 <= PLOT_MAX_TICKS) || !(fabs(i0) < 0x1p52 && fabs(i1) < 0x1p52))
		return 0;
	a->nticks = 0;
	for (double i = i0; i <= i1; i++) {
		double v = i * step;
		if (fabs(v) < step * 1e-9)
			v = 0;
		if (a->log && v <= 0)
			continue;
		a->ticks[a->nticks++] = v;
	}
	return 1;
}

/*
** The smallest 1-2-5 step whose ticks fit.  Passes, in order: two or more
** ticks within the density target; two or more with only the no-overlap
** rule (a short range of long labels); two or more on adjacent rows (a
** short plot); then a single tick.  Returns 1 when found.
*/
static int pick_linear(const axis_ctx *c, plot_axis *a, double lo, double hi)
{
	double span = hi - lo;
	if (!(span > 0) || !isfinite(span))
		return 0;
	static const double mant[3] = {1, 2, 5};
	/* span / maxcount underflows to 0 for a span of a few denormals
	** (xlim{0, 5e-324}): log10 gives -inf, which no int holds.  Steps
	** below 1e-330 are 0 anyway, so start the search there. */
	double q = floor(log10(span / (double)(c->maxcount ? c->maxcount : 1))) - 1;
	int k0 = q < -330 ? -330 : q > 310 ? 310 : (int)q;
	for (int pass = 0; pass < 4; pass++) {
		axis_ctx cc = *c;
		size_t least = pass < 3 ? 2 : 1;
		if (pass == 1)
			cc.maxcount = PLOT_MAX_TICKS;
		if (pass == 2)
			cc.gap = 1;
		for (int k = k0 - (pass == 1); k <= k0 + 8; k++) {
			for (int m = 0; m < 3; m++) {
				double step = mant[m] * pow(10.0, k);
				if (!gen_linear(a, lo, hi, step) || a->nticks < least)
					continue;
				linear_labels(a, step);
				if (ticks_fit(&cc, a))
					return 1;
			}
		}
	}
	return 0;
}

/* Log axis: decades (every 1, 2, 3, 5, 10... of them), else 1-2-5 values, else linear. */
static int pick_log(const axis_ctx *c, plot_axis *a)
{
	int e0 = (int)ceil(a->tlo - 1e-9), e1 = (int)floor(a->thi + 1e-9);
	static const int every[] = {1, 2, 3, 5, 10, 20, 50, 100};
	if (e1 - e0 + 1 >= 2) {
		for (size_t s = 0; s < sizeof every / sizeof every[0]; s++) {
			a->nticks = 0;
			for (int e = e0; e <= e1 && a->nticks < PLOT_MAX_TICKS; e++)
				if ((e % every[s] + every[s]) % every[s] == 0)
					a->ticks[a->nticks++] = pow(10.0, e);
			if (a->nticks < 1 || (a->nticks < 2 && s == 0))
				continue;
			log_labels(a, c->ascii);
			if (ticks_fit(c, a))
				return 1;
		}
	}
	static const double m125[3] = {1, 2, 5};
	a->nticks = 0;
	for (int e = e0 - 1; e <= e1 && a->nticks < PLOT_MAX_TICKS; e++)
		for (int m = 0; m < 3 && a->nticks < PLOT_MAX_TICKS; m++) {
			double v = m125[m] * pow(10.0, e), t = log10(v);
			if (t >= a->tlo - 1e-9 && t <= a->thi + 1e-9)
				a->ticks[a->nticks++] = v;
		}
	if (a->nticks >= 2) {
		log_labels(a, c->ascii);
		if (ticks_fit(c, a))
			return 1;
	}
	return pick_linear(c, a, a->lo, a->hi);
}

void plot__pick_ticks(plot_layout *L, int is_x, int ascii)
{
	plot_axis *a = is_x ? &L->x : &L->y;
	axis_ctx c = {L, is_x, 2, ascii, L->plot_h >= 4 ? 2 : 1};
	if (is_x)
		c.maxcount = L->plot_w / 10 + 1;
	else
		c.maxcount = L->plot_h / 4 + 1;
	if (c.maxcount < 3)
		c.maxcount = 3;
	if (c.maxcount > PLOT_MAX_TICKS)
		c.maxcount = PLOT_MAX_TICKS;
	int ok = a->log ? pick_log(&c, a) : pick_linear(&c, a, a->lo, a->hi);
	if (!ok)
		a->nticks = 0;
}
