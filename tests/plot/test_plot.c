/*
** test_plot.c — figures: the model, the axis mapping and ticks, drawing
** properties and robustness (the golden renders: test_plot_golden.c).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "strbuf.h"
#include "mem.h"
#include "plot.h"
#include "tap.h"

static const char *mode_name[3] = {"braille", "block", "ascii"};

/* Renders f and returns the text (free()), keeping the lines in *t when t is given. */
static char *render(plot_fig *f, size_t w, size_t h, canvas_mode m, int color, int ansi)
{
	st_text t = ST_TEXT_INIT;
	plot_render(f, w, h, m, color, &t);
	strbuf sb = STRBUF_INIT;
	st_text_utf8(&sb, &t, ansi);
	st_free(&t);
	return sb_take(&sb);
}

/* Returns line k (0-based) of s in buf. */
static const char *line_of(const char *s, size_t k, char *buf, size_t sz)
{
	for (size_t i = 0; i < k && s; i++) {
		s = strchr(s, '\n');
		if (s)
			s++;
	}
	if (!s)
		return "";
	size_t n = strcspn(s, "\n");
	if (n >= sz)
		n = sz - 1;
	memcpy(buf, s, n);
	buf[n] = 0;
	return buf;
}

/* --- mapping and ticks --------------------------------------------------------------- */

static void test_mapping(void)
{
	plot_fig *f = plot_fig_new();
	double x[2] = {-3, 7}, y[2] = {10, 20};
	plot_scatter(f, x, y, NULL, 2, NULL, NULL);
	plot_set_xlim(f, -3, 7);
	plot_set_ylim(f, 10, 20);
	for (int m = 0; m < 3; m++) {
		plot_layout L;
		plot_layout_compute(f, 80, 20, (canvas_mode)m, &L);
		ok(plot_layout_px(&L, -3) == 0, "%s: x minimum maps to the first pixel", mode_name[m]);
		ok(plot_layout_px(&L, 7) == (long)L.xres - 1, "%s: x maximum maps to the last pixel", mode_name[m]);
		ok(plot_layout_py(&L, 20) == 0 && plot_layout_py(&L, 10) == (long)L.yres - 1,
		   "%s: y maximum at the top, minimum at the bottom", mode_name[m]);
		ok(plot_layout_px(&L, 7.5) == -1 && plot_layout_px(&L, NAN) == -1, "%s: outside is -1", mode_name[m]);
		/* the rendered points sit in the first and last plot columns */
		char *s = render(f, 80, 20, (canvas_mode)m, 0, 0);
		char buf[1024];
		const char *top = line_of(s, L.plot_y, buf, sizeof buf);
		const char *glyph = m == 2 ? "x" : "\u25b2";
		const char *hit = strstr(top, m == 2 ? "o" : "\u25cf");
		(void)glyph;
		/* the point (7, 20) is top right: the last column of the first plot row */
		size_t cols = 0;
		for (const char *p = top; *p; p++)
			cols += (*p & 0xC0) != 0x80;
		ok(hit != NULL && cols == L.plot_x + L.plot_w, "%s: max point in the last plot column", mode_name[m]);
		const char *bot = line_of(s, L.plot_y + L.plot_h - 1, buf, sizeof buf);
		size_t col = 0;
		const char *p = bot;
		for (; *p && strncmp(p, m == 2 ? "o" : "\u25cf", m == 2 ? 1 : 3) != 0; p++)
			col += (*p & 0xC0) != 0x80;
		ok(*p && col == L.plot_x, "%s: min point in the first plot column (col %zu, want %zu)",
		   mode_name[m], col, L.plot_x);
		free(s);
	}
	plot_fig_unref(f);
}

/* Are the ticks evenly spaced by a 1-2-5 step, each a multiple of it? */
static int nice_ticks(const plot_axis *a)
{
	if (a->nticks < 2)
		return 0;
	double diff = a->ticks[1] - a->ticks[0];
	double e = pow(10.0, floor(log10(diff) + 1e-9)), m = round(diff / e);
	if (fabs(diff / e - m) > 1e-6 || (m != 1 && m != 2 && m != 5))
		return 0;
	double step = m * e;
	for (size_t i = 0; i < a->nticks; i++) {
		double q = a->ticks[i] / step;
		if (fabs(q - round(q)) > 1e-6 * (fabs(q) > 1 ? fabs(q) : 1))
			return 0;
		if (i && fabs(a->ticks[i] - a->ticks[i - 1] - step) > step * 1e-6)
			return 0;
	}
	return 1;
}

static void test_ticks(void)
{
	static const double ranges[][2] = {
		{0, 1}, {-2.3, 7.9}, {1e-5, 3e-5}, {12345, 12346}, {-1e6, 1e6}, {-0.004, 0.0031},
		{0.1, 0.2}, {-50, -49.5}, {1e9, 5e9}, {3, 3.0001},
	};
	static const size_t widths[] = {80, 40, 120, 24};
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
		for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
			plot_fig *f = plot_fig_new();
			plot_set_xlim(f, ranges[r][0], ranges[r][1]);
			plot_set_ylim(f, ranges[r][0], ranges[r][1]);
			plot_layout L;
			plot_layout_compute(f, widths[w], 0, CANVAS_BRAILLE, &L);
			int inside = 1;
			for (size_t i = 0; i < L.x.nticks; i++)
				inside &= L.x.ticks[i] >= L.x.lo - 1e-9 * fabs(L.x.lo) && L.x.ticks[i] <= L.x.hi + 1e-9 * fabs(L.x.hi);
			for (size_t i = 0; i < L.y.nticks; i++)
				inside &= L.y.ticks[i] >= L.y.lo - 1e-9 * fabs(L.y.lo) && L.y.ticks[i] <= L.y.hi + 1e-9 * fabs(L.y.hi);
			ok(inside, "[%g, %g] at %zu: ticks inside the range", ranges[r][0], ranges[r][1], widths[w]);
			/* at 24 columns five-character labels may leave room for one tick only */
			int nice = (nice_ticks(&L.x) || (widths[w] < 40 && L.x.nticks == 1)) &&
			           (nice_ticks(&L.y) || (widths[w] < 40 && L.y.nticks == 1));
			ok(nice, "[%g, %g] at %zu: >= 2 nice ticks on both axes (%zu, %zu)",
			   ranges[r][0], ranges[r][1], widths[w], L.x.nticks, L.y.nticks);
			/* the label row holds exactly the labels, in order, apart */
			plot_line(f, ranges[r], ranges[r], 2, NULL, NULL);
			char *s = render(f, widths[w], 0, CANVAS_BRAILLE, 0, 0);
			char buf[1024];
			plot_layout_compute(f, widths[w], 0, CANVAS_BRAILLE, &L);
			line_of(s, (size_t)L.xticks_row, buf, sizeof buf);
			int same = 1;
			char *save, *tok = strtok_r(buf, " ", &save);
			for (size_t i = 0; i < L.x.nticks; i++, tok = strtok_r(NULL, " ", &save))
				same &= tok && strcmp(tok, L.x.labels[i]) == 0;
			same &= tok == NULL;
			ok(same, "[%g, %g] at %zu: x labels do not overlap", ranges[r][0], ranges[r][1], widths[w]);
			int rows_ok = 1;
			size_t seen = 0;
			for (size_t row = 0; row < L.plot_h; row++) {
				line_of(s, L.plot_y + row, buf, sizeof buf);
				buf[L.plot_x - 1] = 0;
				tok = strtok_r(buf, " ", &save);
				if (tok) {
					rows_ok &= seen < L.y.nticks && strcmp(tok, L.y.labels[L.y.nticks - 1 - seen]) == 0;
					seen++;
				}
			}
			ok(rows_ok && seen == L.y.nticks, "[%g, %g] at %zu: y labels one per row, top down",
			   ranges[r][0], ranges[r][1], widths[w]);
			free(s);
			plot_fig_unref(f);
		}
	}
	/* labels are compact */
	plot_fig *f = plot_fig_new();
	plot_set_xlim(f, -2.2, 2.2);
	plot_set_ylim(f, 0, 40000);
	plot_layout L;
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	is_str(L.x.labels[0], "-2", "integer ticks print without decimals");
	int half = 0;
	plot_set_xlim(f, 0, 1.2);
	plot_layout_compute(f, 30, 0, CANVAS_BRAILLE, &L);
	for (size_t i = 0; i < L.x.nticks; i++)
		half |= strcmp(L.x.labels[i], "0.5") == 0 || strcmp(L.x.labels[i], "0.4") == 0;
	ok(half, "fractional ticks print with the step's decimals");
	plot_set_ylim(f, 0, 2e5);
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	ok(strchr(L.y.labels[L.y.nticks - 1], 'e') != NULL, "big values use exponents (%s)", L.y.labels[L.y.nticks - 1]);
	plot_fig_unref(f);
}

static void test_log(void)
{
	plot_fig *f = plot_fig_new();
	double x[5] = {1, 10, 100, 1000, -5}, y[5] = {1, 0.1, 0.01, 0.001, 1};
	plot_line(f, x, y, 5, NULL, NULL);
	plot_set_log(f, 1, 1);
	plot_layout L;
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	ok(L.x.log && L.y.log, "both axes logarithmic");
	ok(L.nonpos_x == 1, "the point at x = -5 is counted, not drawn");
	int decades = L.x.nticks >= 2;
	for (size_t i = 0; i < L.x.nticks; i++) {
		double e = log10(L.x.ticks[i]);
		decades &= fabs(e - round(e)) < 1e-9;
	}
	ok(decades, "log ticks at powers of ten");
	is_str(L.x.labels[0], "1", "decade labels are plain for small exponents");
	ok(labs((plot_layout_px(&L, 10) - plot_layout_px(&L, 1)) - (plot_layout_px(&L, 100) - plot_layout_px(&L, 10))) <= 1,
	   "decades are equally spaced");
	char *s = render(f, 80, 0, CANVAS_BRAILLE, 0, 0);
	ok(strstr(s, "not shown on the log x axis") != NULL, "a note says values were left out");
	free(s);
	plot_fig_unref(f);

	f = plot_fig_new();
	double big[2] = {1e-8, 1e8};
	plot_line(f, big, big, 2, NULL, NULL);
	plot_set_log(f, 1, 1);
	plot_layout_compute(f, 80, 0, CANVAS_ASCII, &L);
	int exp_label = 0;
	for (size_t i = 0; i < L.x.nticks; i++)
		exp_label |= strchr(L.x.labels[i], 'e') != NULL;
	ok(exp_label, "ASCII log labels use 1e+08 style");
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	int sup = 0;
	for (size_t i = 0; i < L.x.nticks; i++)
		sup |= strstr(L.x.labels[i], "10\u2070") != NULL || strstr(L.x.labels[i], "\u2078") != NULL ||
		       strstr(L.x.labels[i], "\u207b") != NULL;
	ok(sup, "UTF-8 log labels use superscripts (10⁸)");
	plot_fig_unref(f);

	f = plot_fig_new(); /* a log axis over less than a decade */
	double xs[2] = {2, 7}, ys[2] = {3, 4};
	plot_line(f, xs, ys, 2, NULL, NULL);
	plot_set_log(f, 1, 1);
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	ok(L.x.nticks >= 2 && L.y.nticks >= 2, "narrow log ranges still get ticks (%zu, %zu)", L.x.nticks, L.y.nticks);
	plot_fig_unref(f);
}

/* --- drawing properties ------------------------------------------------------------------ */

static int count_str(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void test_majority(void)
{
	/* majority rule: 3 points of class 1, 1 of class 0 in one cell */
	plot_fig *f = plot_fig_new();
	double x[6] = {0, 0, 0, 0, -10, 10}, y[6] = {0, 0, 0, 0, -10, 10};
	int hue[6] = {0, 1, 1, 1, 0, 0};
	plot_scatter(f, x, y, hue, 6, NULL, NULL);
	char *s = render(f, 60, 20, CANVAS_ASCII, 0, 0);
	ok(count_str(s, "x") == 1 + 1 && count_str(s, "o") == 2 + 1,
	   "a shared cell shows its majority class (x), legend included");
	free(s);
	plot_fig_unref(f);
}

static void test_boundaries(void)
{
	/* boundaries: vertical when w2 == 0, none when both are 0 */
	plot_fig *f = plot_fig_new();
	plot_set_xlim(f, -1, 1);
	plot_set_ylim(f, -1, 1);
	plot_id b, out;
	plot_hline(f, 100, NULL, &out); /* drawable, but off the plot */
	char *empty = render(f, 40, 12, CANVAS_ASCII, 0, 0);
	plot_remove(f, out);
	plot_boundary(f, 0, 0, 1, NULL, &b);
	char *s = render(f, 40, 12, CANVAS_ASCII, 0, 0);
	is_str(s, empty, "w1 = w2 = 0 draws nothing");
	free(s);
	plot_set_boundary(f, b, 1, 0, 0);
	s = render(f, 40, 12, CANVAS_ASCII, 0, 0);
	plot_layout L;
	plot_layout_compute(f, 40, 12, CANVAS_ASCII, &L);
	long col = (long)L.plot_x + plot_layout_px(&L, 0);
	int vertical = 1;
	char buf[256];
	for (size_t r = 0; r < L.plot_h; r++)
		vertical &= line_of(s, L.plot_y + r, buf, sizeof buf)[col] == '|';
	ok(vertical, "w2 = 0 draws a vertical line at x = -b/w1 through every row");
	free(s);
	plot_set_boundary(f, b, 1, 0.25, 0);
	s = render(f, 40, 12, CANVAS_ASCII, 0, 0);
	ok(count_str(s, "\\") >= (int)L.plot_h / 2, "x + y/4 = 0 falls to the right");
	free(s);
	plot_set_boundary(f, b, 1e-300, 1, 1e300);
	free(render(f, 40, 12, CANVAS_BRAILLE, 0, 0));
	plot_set_boundary(f, b, 1, 1e-300, 0);
	free(render(f, 40, 12, CANVAS_BRAILLE, 0, 0));
	ok(1, "extreme boundary coefficients do not crash");
	free(empty);
	plot_fig_unref(f);
}

static void test_colour(void)
{
	/* colour off: no colour anywhere; ASCII mode: nothing but ASCII */
	plot_fig *f = fig_scatter();
	st_text t = ST_TEXT_INIT;
	plot_render(f, 80, 0, CANVAS_BRAILLE, 0, &t);
	int colourless = 1;
	for (size_t i = 0; i < t.n; i++)
		for (size_t k = 0; k < t.lines[i].len; k++)
			colourless &= t.lines[i].cells[k].style.fg == 0 && t.lines[i].cells[k].style.bg == 0;
	ok(colourless, "colour off: every cell has default colours");
	st_free(&t);
	char *s = render(f, 80, 0, CANVAS_ASCII, 1, 0);
	int ascii = 1;
	for (const char *p = s; *p; p++)
		ascii &= (unsigned char)*p < 128;
	ok(ascii, "ASCII mode writes only ASCII");
	ok(strstr(s, "o  0") && strstr(s, "x  1"), "the ASCII legend explains the class glyphs");
	free(s);
	s = render(f, 80, 0, CANVAS_BRAILLE, 1, 0);
	ok(strstr(s, "\u25cf  0") && strstr(s, "\u25b2  1") && strstr(s, "neuron"), "legend: a glyph per class and the line's label");
	free(s);
	plot_fig_unref(f);

	/* lines without colour differ by dashes (UTF-8) or glyphs (ASCII) */
	f = fig_lines();
	s = render(f, 80, 0, CANVAS_ASCII, 0, 0);
	ok(strstr(s, "-- sigmoid") && strstr(s, ":: tanh"), "ASCII without colour: the second line is drawn with ':'");
	free(s);
	s = render(f, 80, 0, CANVAS_BRAILLE, 0, 0);
	ok(strstr(s, "\u2500\u2500 sigmoid") && strstr(s, "\u254c\u254c tanh"), "UTF-8 without colour: the second line is dashed");
	free(s);
	s = render(f, 80, 0, CANVAS_BRAILLE, 1, 0);
	ok(strstr(s, "\u2500\u2500 tanh") != NULL, "with colour both lines are solid");
	free(s);
	plot_fig_unref(f);
}

static void test_region_grid(void)
{
	plot_layout L;
	plot_fig *f;
	/* the region grid gives each plot cell one sample */
	for (int m = 0; m < 3; m++) {
		f = fig_regions(80, 0, (canvas_mode)m);
		plot_grid g;
		ok(plot_region_grid(f, 80, 0, (canvas_mode)m, &g) == PLOT_OK, "%s: region grid", mode_name[m]);
		plot_layout_compute(f, 80, 0, (canvas_mode)m, &L);
		int sw = m == 0 ? 2 : 1, rows = m == 1 ? 2 : 1;
		ok(g.nx == L.plot_w && g.ny == L.plot_h * (size_t)rows, "%s: %zux%zu samples for %zux%zu cells",
		   mode_name[m], g.nx, g.ny, L.plot_w, L.plot_h);
		int each = 1;
		for (size_t i = 0; i < g.nx; i++)
			each &= plot_layout_px(&L, plot_grid_x(&g, i)) / sw == (long)i;
		for (size_t j = 0; j < g.ny; j++) {
			long py = plot_layout_py(&L, plot_grid_y(&g, j));
			long cell = m == 1 ? py : py / (m == 0 ? 4 : 1);
			each &= cell == (long)(g.ny - 1 - j);
		}
		ok(each, "%s: sample (i, j) lies in plot column i, row ny-1-j", mode_name[m]);
		plot_fig_unref(f);
	}
	/* regions sampled for 80 columns still draw at 40 (nearest sample) */
	f = fig_regions(80, 0, CANVAS_BLOCK);
	char *s = render(f, 40, 0, CANVAS_BRAILLE, 0, 0);
	ok(count_str(s, "\u00b7") > 40, "regions resample at another size");
	free(s);
	plot_fig_unref(f);
}

/* --- the model: handles, versions, references, memory -------------------------------------- */

static void test_model(void)
{
	size_t base = mem_used();
	plot_fig *f = plot_fig_new();
	unsigned long v0 = plot_fig_version(f);
	double x[3] = {1, 2, 3}, y[3] = {3, 1, 2};
	plot_id a, b, c;
	ok(plot_scatter(f, x, y, NULL, 3, NULL, &a) == PLOT_OK && a != 0, "scatter added");
	ok(plot_fig_version(f) > v0, "adding changes the version");
	ok(plot_line(f, NULL, y, 3, NULL, &b) == PLOT_OK && b != a, "line with x = 0..n-1");
	ok(plot_hline(f, 2, NULL, &c) == PLOT_OK, "hline");
	unsigned long v1 = plot_fig_version(f);
	ok(plot_set_data(f, a, y, x, NULL, 3) == PLOT_OK && plot_fig_version(f) > v1, "set_data changes the version");
	ok(plot_set_data(f, c, x, y, NULL, 3) == PLOT_EKIND, "set_data on an hline: PLOT_EKIND");
	ok(plot_set_value(f, c, 5) == PLOT_OK, "move the hline");
	ok(plot_set_boundary(f, c, 1, 1, 1) == PLOT_EKIND, "set_boundary on an hline: PLOT_EKIND");
	ok(plot_set_label(f, b, "line") == PLOT_OK && plot_set_label(f, b, NULL) == PLOT_OK, "labels set and cleared");
	ok(plot_remove(f, b) == PLOT_OK && plot_count(f) == 2, "remove");
	ok(plot_remove(f, b) == PLOT_ENOELEM, "removing twice: PLOT_ENOELEM");
	plot_clear(f);
	ok(plot_count(f) == 0, "clear removes everything");
	ok(plot_set_data(f, a, x, y, NULL, 3) == PLOT_ENOELEM && plot_set_value(f, c, 1) == PLOT_ENOELEM &&
	   plot_set_label(f, a, "x") == PLOT_ENOELEM, "handles fail cleanly after clear");
	plot_id d;
	plot_scatter(f, x, y, NULL, 3, NULL, &d);
	ok(d != a && d != b && d != c, "ids are never reused");
	ok(plot_set_xlim(f, 1, 1) == PLOT_EARG && plot_set_xlim(f, NAN, 1) == PLOT_EARG &&
	   plot_set_ylim(f, 2, INFINITY) == PLOT_EARG, "bad limits are refused");
	ok(plot_scatter(f, NULL, y, NULL, 3, NULL, NULL) == PLOT_EARG, "scatter without x: PLOT_EARG");
	plot_grid g = {0, 1, 0, 1, 0, 2, 0, 0};
	int cls[4] = {0};
	ok(plot_regions(f, &g, cls, NULL, NULL) == PLOT_EARG, "an empty region grid: PLOT_EARG");
	ok(strcmp(plot_strerror(PLOT_ENOELEM), "the plot element no longer exists") == 0, "plot_strerror");

	plot_fig_ref(f);
	plot_fig_unref(f);
	ok(plot_count(f) == 1, "a second reference keeps the figure");
	plot_fig_unref(f);
	plot_fig_unref(NULL);
	ok(mem_used() == base, "everything charged is given back (%zu vs %zu)", mem_used(), base);

	/* the budget: a million points over it gives PLOT_ENOMEM and no change */
	f = plot_fig_new();
	plot_scatter(f, x, y, NULL, 3, NULL, &a);
	unsigned long v = plot_fig_version(f);
	size_t n = 1000000;
	double *big = calloc(n, sizeof *big);
	mem_set_limit(mem_used() + 8 * 1000000 + 1000);
	ok(plot_scatter(f, big, big, NULL, n, NULL, NULL) == PLOT_ENOMEM, "over budget: PLOT_ENOMEM");
	ok(plot_set_data(f, a, big, big, NULL, n) == PLOT_ENOMEM, "replacing data over budget: PLOT_ENOMEM");
	ok(plot_count(f) == 1 && plot_fig_version(f) == v, "the figure is unchanged");
	mem_set_limit(0);
	ok(plot_scatter(f, big, big, NULL, n, NULL, NULL) == PLOT_OK, "a million points fit without a limit");
	free(big);
	char *s = render(f, 80, 0, CANVAS_BRAILLE, 1, 0);
	ok(s != NULL, "a million points render");
	free(s);
	plot_fig_unref(f);
	ok(mem_used() == base, "and are given back");
}

/* --- robustness ------------------------------------------------------------------------------ */

static int lines_fit(const char *s, size_t w, size_t h)
{
	size_t lines = 0;
	while (*s) {
		size_t cols = 0;
		for (; *s && *s != '\n'; s++)
			cols += (*s & 0xC0) != 0x80;
		if (cols > w)
			return 0;
		lines++;
		if (*s)
			s++;
	}
	return lines <= h;
}

static void test_robust(void)
{
	plot_fig *f = plot_fig_new();
	char *s = render(f, 80, 0, CANVAS_BRAILLE, 1, 0);
	ok(strstr(s, "no data") != NULL, "an empty figure says so");
	ok(lines_fit(s, 80, 22), "an empty figure is 80x22 at most");
	free(s);

	double one = 2.5;
	plot_scatter(f, &one, &one, NULL, 1, NULL, NULL);
	plot_layout L;
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	ok(L.x.lo < 2.5 && L.x.hi > 2.5 && L.y.lo < 2.5 && L.y.hi > 2.5, "one point: a window around it");
	s = render(f, 80, 0, CANVAS_BRAILLE, 0, 0);
	ok(count_str(s, "\u25cf") == 1, "one point: one glyph");
	free(s);
	plot_fig_unref(f);

	f = plot_fig_new();
	double same[4] = {0, 0, 0, 0};
	plot_line(f, same, same, 4, NULL, NULL);
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	ok(L.x.lo < 0 && L.x.hi > 0 && L.x.nticks >= 2, "all points equal (0): the range opens");
	plot_fig_unref(f);

	f = plot_fig_new();
	double xs[6] = {1, NAN, 3, INFINITY, 5, 6}, ys[6] = {1, 2, -INFINITY, 4, NAN, 1e305};
	plot_line(f, xs, ys, 6, NULL, NULL);
	plot_scatter(f, xs, ys, NULL, 6, NULL, NULL);
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	ok(L.skipped == 10 && isfinite(L.y.hi) && L.y.hi < 10, "NaN, inf and huge values are skipped (%zu)", L.skipped);
	s = render(f, 80, 0, CANVAS_ASCII, 0, 0);
	ok(strstr(s, "10 points with NaN or inf skipped") != NULL, "and noted");
	free(s);
	plot_fig_unref(f);

	f = plot_fig_new();
	double neg[3] = {-1, 0, -3};
	plot_line(f, neg, neg, 3, NULL, NULL);
	plot_set_log(f, 1, 0);
	s = render(f, 80, 0, CANVAS_BRAILLE, 0, 0);
	ok(strstr(s, "3 points with values") && strstr(s, "no data"), "a log axis with only values <= 0");
	free(s);
	plot_set_xlim(f, -1, 1);
	free(render(f, 80, 0, CANVAS_BRAILLE, 0, 0));
	ok(1, "a log axis with a negative limit ignores the limit");
	plot_fig_unref(f);
}

static void test_sizes(void)
{
	plot_layout L;
	char *s;
	plot_fig *f = fig_scatter();
	static const size_t sizes[][2] = {{1, 1}, {0, 0}, {2, 1}, {5, 3}, {10, 2}, {12, 4}, {20, 5},
	                                  {3, 40}, {40, 1}, {100000, 100000}, {500, 200}};
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		for (int m = 0; m < 3; m++) {
			size_t w = sizes[i][0], h = sizes[i][1];
			s = render(f, w, h, (canvas_mode)m, 1, 0);
			size_t ew = w ? (w > PLOT_MAX_W ? PLOT_MAX_W : w) : 80;
			size_t eh = h ? (h > PLOT_MAX_H ? PLOT_MAX_H : h) : 24;
			ok(s && lines_fit(s, ew, eh), "%zux%zu %s: fits in %zux%zu", w, h, mode_name[m], ew, eh);
			free(s);
		}
	}
	s = render(f, 100000, 100000, CANVAS_BRAILLE, 0, 0);
	ok(count_str(s, "\n") == PLOT_MAX_H, "huge sizes are clamped to %d rows", PLOT_MAX_H);
	free(s);
	s = render(f, 1, 1, CANVAS_BRAILLE, 0, 0);
	ok(strlen(s) > 1, "1x1 still says something");
	free(s);
	plot_set_size(f, 50, 10);
	plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
	ok(L.width == 50 && L.height == 10, "the figure's own size is used when smaller");
	plot_layout_compute(f, 30, 0, CANVAS_BRAILLE, &L);
	ok(L.width == 30, "and narrowed to the renderer's width");
	plot_fig_unref(f);

	/* element counts beyond the stack buffers */
	f = plot_fig_new();
	for (int i = 0; i < 100; i++) {
		double v = i;
		plot_style st = {0};
		st.label = "a label";
		plot_hline(f, v, &st, NULL);
	}
	s = render(f, 80, 0, CANVAS_BRAILLE, 1, 0);
	ok(s != NULL, "100 labelled elements render");
	free(s);
	plot_fig_unref(f);
}

/* --- histograms ------------------------------------------------------------------------------ */

/* The number of cells of column col (of the text s) that show c. */
static int column_count(const char *s, size_t col, char c)
{
	int n = 0;
	for (const char *line = s; *line; ) {
		size_t len = strcspn(line, "\n");
		n += col < len && line[col] == c;
		line += len + (line[len] == '\n');
	}
	return n;
}

/* Adds a histogram of n values in `bins` bins; returns the status. */
static int hist(plot_fig *f, const double *v, size_t n, double bins, const char *label, plot_id *id)
{
	plot_data d = {.x = v, .n = n, .num = {bins}};
	plot_style s = {0};
	s.label = label;
	return plot_add(f, PLOT_HIST, &d, &s, id);
}

static void test_hist(void)
{
	size_t base = mem_used();
	plot_fig *f = plot_fig_new();
	double v[7] = {1, 2, 2, 3, 3, 3, NAN};
	plot_id h;
	ok(hist(f, v, 7, 3, NULL, &h) == PLOT_OK, "a histogram of 7 values in 3 bins");
	ok(strcmp(plot_kind_name(PLOT_HIST), "hist") == 0, "its kind's name is hist");
	plot_layout L;
	plot_layout_compute(f, 40, 12, CANVAS_ASCII, &L);
	ok(L.y.lo == 0 && L.y.hi > 3 && L.x.lo < 1 && L.x.hi > 3, "the axes show 0..3 counts over 1..3");
	ok(L.skipped == 1, "the NaN is not counted, and noted");
	char *s = render(f, 40, 12, CANVAS_ASCII, 0, 0);
	int heights[3];
	for (int i = 0; i < 3; i++)
		heights[i] = column_count(s, L.plot_x + (size_t)plot_layout_px(&L, 1 + 2.0 / 3 * (i + 0.5)), '#');
	ok(heights[0] > 0 && heights[1] > heights[0] && heights[2] > heights[1] &&
	   heights[2] == (int)L.plot_h, "bars rise with their counts, the highest to the top (%d, %d, %d)",
	   heights[0], heights[1], heights[2]);
	ok(strstr(s, "1 point with NaN or inf skipped") != NULL, "the note counts the NaN");
	free(s);
	unsigned long ver = plot_fig_version(f);
	double w[4] = {5, 5, 5, 5};
	plot_data d = {.x = w, .n = 4, .num = {2}};
	ok(plot_set(f, h, &d) == PLOT_OK && plot_fig_version(f) > ver, "plot_set gives it new values");
	plot_layout_compute(f, 40, 12, CANVAS_ASCII, &L);
	ok(L.x.lo < 4.5 && L.x.hi > 5.5 && L.y.hi > 4, "equal values: one unit around them, 4 counted");
	ok(plot_set_data(f, h, w, w, NULL, 4) == PLOT_EKIND, "set_data on a histogram: PLOT_EKIND");
	ok(hist(f, v, 7, 0, NULL, NULL) == PLOT_EARG && hist(f, v, 7, 2.5, NULL, NULL) == PLOT_EARG &&
	   hist(f, v, 7, PLOT_MAX_BINS + 1, NULL, NULL) == PLOT_EARG && hist(f, NULL, 3, 2, NULL, NULL) == PLOT_EARG,
	   "bins must be a whole number 1..%d, and values given", PLOT_MAX_BINS);
	ok(hist(f, NULL, 0, 4, "none", NULL) == PLOT_OK, "no values: a histogram of nothing");
	s = render(f, 60, 12, CANVAS_BRAILLE, 1, 0);
	ok(strstr(s, "\u2588\u2588 none") != NULL, "the legend shows a bar's block");
	free(s);
	plot_fig_unref(f);

	f = plot_fig_new();
	hist(f, NULL, 0, 4, NULL, NULL);
	s = render(f, 40, 12, CANVAS_ASCII, 0, 0);
	ok(strstr(s, "no data") != NULL, "a histogram of nothing alone: no data");
	free(s);
	plot_fig_unref(f);
	ok(mem_used() == base, "everything charged is given back");
}

/* A histogram goes through the protocol and draws the same on the other side. */
static void test_hist_wire(void)
{
	plot_fig *f = plot_fig_new();
	double v[100];
	for (int i = 0; i < 100; i++)
		v[i] = (i * 37 % 100) / 10.0;
	hist(f, v, 100, 7, "tens", NULL);
	strbuf sb = STRBUF_INIT;
	unsigned long cursor = 0;
	ok(plot_encode(f, &cursor, &sb) == PLOT_OK, "a histogram encodes");
	plot_fig *g = plot_fig_new();
	wire_rd r;
	wire_init(&r, sb.s, sb.len);
	ok(plot_decode(g, &r) == PLOT_OK, "and decodes");
	char *a = render(f, 60, 14, CANVAS_BRAILLE, 1, 1), *b = render(g, 60, 14, CANVAS_BRAILLE, 1, 1);
	is_str(b, a, "the copy draws as the original");
	free(a);
	free(b);
	int refused = 1;
	for (size_t cut = 0; cut < sb.len; cut += 7) {
		plot_fig *h = plot_fig_new();
		wire_init(&r, sb.s, cut);
		refused &= plot_decode(h, &r) == PLOT_EARG && plot_count(h) == 0;
		plot_fig_unref(h);
	}
	ok(refused, "a message cut short anywhere is refused");
	sb_free(&sb);
	plot_fig_unref(f);
	plot_fig_unref(g);
}

/* Whether an axis' ticks are increasing and inside its range. */
static int ticks_sane(const plot_axis *a)
{
	for (size_t i = 0; i < a->nticks; i++)
		if (!(a->ticks[i] >= a->lo && a->ticks[i] <= a->hi) || (i && !(a->ticks[i] > a->ticks[i - 1])))
			return 0;
	return a->nticks <= PLOT_MAX_TICKS;
}

/*
** Ranges of a few denormals or a few ulps: span / count underflowed to 0
** and log10(0) went into an int (UBSan), and past 2^52 steps from zero the
** tick loop's i + 1 == i never ended (writing past the ticks array).
*/
static void test_tiny_ranges(void)
{
	static const double r[][2] = {{0, 5e-324}, {5e-324, 1e-323}, {-5e-324, 5e-324}, {0, 1e-320},
	                              {1, 1 + 0x1p-52}, {1e15, 1e15 + 0.125}, {-1e300, 1e300}};
	for (size_t i = 0; i < sizeof r / sizeof r[0]; i++) {
		for (int lg = 0; lg < 2; lg++) {
			plot_fig *f = plot_fig_new();
			plot_set_log(f, lg, lg);
			plot_set_xlim(f, r[i][0], r[i][1]);
			plot_set_ylim(f, r[i][0], r[i][1]);
			plot_scatter(f, r[i], r[i], NULL, 2, NULL, NULL);
			plot_layout L;
			plot_layout_compute(f, 80, 0, CANVAS_BRAILLE, &L);
			char *s = render(f, 80, 0, CANVAS_BRAILLE, 0, 0);
			ok(s && ticks_sane(&L.x) && ticks_sane(&L.y), "%s range {%g, %.17g}: ticks in order (%zu, %zu)",
			   lg ? "log" : "linear", r[i][0], r[i][1], L.x.nticks, L.y.nticks);
			free(s);
			plot_fig_unref(f);
		}
	}
}

int main(void)
{
	test_mapping();
	test_ticks();
	test_log();
	test_majority();
	test_boundaries();
	test_colour();
	test_region_grid();
	test_model();
	test_robust();
	test_sizes();
	test_tiny_ranges();
	test_hist();
	test_hist_wire();
	return tap_done();
}
