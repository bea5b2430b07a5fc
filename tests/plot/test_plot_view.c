/*
** test_plot_view.c — figures as a student reads them: markers above the
** lines that would hide them, a legend that covers no data, and a layout
** that holds still while an animation changes the elements.
*/
#include <string.h>

#include "figures.h"
#include "plot.h"
#include "strbuf.h"
#include "tap.h"

#ifndef PLOT_LEGEND_RIGHT
#define PLOT_LEGEND_RIGHT 99 /* OLDCODE */
#endif

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

/* 1 when a and b hold the same text (code points, lines). */
static int st_equal(const st_text *a, const st_text *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++) {
		if (a->lines[i].len != b->lines[i].len)
			return 0;
		for (size_t j = 0; j < a->lines[i].len; j++)
			if (a->lines[i].cells[j].cp != b->lines[i].cells[j].cp)
				return 0;
	}
	return 1;
}

/* The code point at (row, col), a space past the end of a line. */
static uint32_t cell_at(const st_text *t, size_t row, size_t col)
{
	if (row >= t->n || col >= t->lines[row].len)
		return ' ';
	return t->lines[row].cells[col].cp;
}

/* Finds the line holding text s (ASCII) and its column; 0 when there is none. */
static int find_text(const st_text *t, const char *s, size_t *row, size_t *col)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j + n <= t->lines[i].len; j++) {
			size_t k = 0;
			while (k < n && t->lines[i].cells[j + k].cp == (uint32_t)(unsigned char)s[k])
				k++;
			if (k == n) {
				*row = i;
				*col = j;
				return 1;
			}
		}
	return 0;
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

/* --- the legend ---------------------------------------------------------------- */

/* Points in the four corners of the plot and one in the middle, labelled or not. */
static plot_fig *fig_corners(int labelled)
{
	static const double x[5] = {0, 10, 0, 10, 5}, y[5] = {0, 0, 10, 10, 5};
	plot_fig *f = plot_fig_new();
	plot_style s = {0};
	s.label = labelled ? "samples" : NULL;
	plot_scatter(f, x, y, NULL, 5, &s, NULL);
	s.label = labelled ? "a fit" : NULL;
	static const double lx[2] = {0, 10}, ly[2] = {1, 9};
	plot_line(f, lx, ly, 2, &s, NULL);
	plot_set_title(f, "edges");
	return f;
}

static void test_legend_outside(void)
{
	for (int m = 0; m < 3; m++) {
		plot_fig *f = fig_corners(1);
		plot_layout L;
		plot_layout_compute(f, 60, 16, (canvas_mode)m, &L);
		ok(L.legend == PLOT_LEGEND_BELOW || L.legend == PLOT_LEGEND_RIGHT,
		   "%s: every corner holds a point: the legend goes outside the plot (%d)", mode_name[m],
		   L.legend);
		st_text t;
		draw(f, 60, 16, (canvas_mode)m, 1, &t);
		uint32_t marker = m == CANVAS_ASCII ? 'o' : 0x25CF;
		size_t r, c;
		ok(count_cp(&t, marker) == 5 + 1 && find_text(&t, "samples", &r, &c) &&
		   find_text(&t, "a fit", &r, &c),
		   "%s: the five points and the legend both show", mode_name[m]);
		st_free(&t);
		plot_fig_unref(f);
	}
}

/* Random clouds and lines with labels (or the same without): a test figure. */
static plot_fig *fig_random(unsigned long long s, int labelled)
{
	enum { N = 40 };
	double x[N], y[N];
	seed = s;
	plot_fig *f = plot_fig_new();
	int clouds = 1 + (int)(uni() * 4);
	for (int k = 0; k < clouds; k++) {
		double cx = uni() * 10, cy = uni() * 10, r = 0.3 + uni() * 3;
		for (int i = 0; i < N; i++) {
			x[i] = cx + r * gauss();
			y[i] = cy + r * gauss();
		}
		plot_style st = {0};
		st.label = labelled ? "cloud" : NULL;
		plot_scatter(f, x, y, NULL, N, &st, NULL);
	}
	if (uni() < 0.6) {
		plot_style st = {0};
		st.label = labelled ? "guess" : NULL;
		plot_boundary(f, uni() - 0.5, uni() - 0.5, uni() * 4, &st, NULL);
	}
	return f;
}

/*
** Wherever the legend goes, it hides nothing: drawn inside a corner, every
** cell the same figure without labels shows is shown unchanged.
*/
static void test_legend_hides_nothing(void)
{
	size_t inside = 0, outside = 0, hidden = 0;
	for (unsigned long long s = 1; s <= 60; s++)
		for (int m = 0; m < 3; m++) {
			plot_fig *f = fig_random(s, 1), *g = fig_random(s, 0);
			plot_layout L, G;
			plot_layout_compute(f, 70, 16, (canvas_mode)m, &L);
			plot_layout_compute(g, 70, 16, (canvas_mode)m, &G);
			if (L.legend == PLOT_LEGEND_BELOW || L.legend == PLOT_LEGEND_RIGHT) {
				outside++;
			} else if (L.legend != PLOT_LEGEND_NONE) {
				inside++;
				st_text a, b;
				draw(f, 70, 16, (canvas_mode)m, 0, &a);
				draw(g, 70, 16, (canvas_mode)m, 0, &b);
				for (size_t r = 0; r < L.plot_h; r++)
					for (size_t c = 0; c < L.plot_w; c++) {
						uint32_t want = cell_at(&b, G.plot_y + r, G.plot_x + c);
						if (want != ' ' && cell_at(&a, L.plot_y + r, L.plot_x + c) != want)
							hidden++;
					}
				st_free(&a);
				st_free(&b);
			}
			plot_fig_unref(f);
			plot_fig_unref(g);
		}
	ok(inside > 20 && outside > 3, "random figures put their legend inside (%zu) and outside (%zu)",
	   inside, outside);
	ok(hidden == 0, "a legend inside a corner covers no data (%zu cells hidden)", hidden);
}

/* --- a layout that holds still ---------------------------------------------------- */

/* Where the plot and the legend are in a render: the axis corner and the label's cell. */
typedef struct where {
	size_t axis_row, axis_col, leg_row, leg_col;
	int found;
} where;

/* The x axis: a corner followed by at least ten rule or tick cells to the end of its line. */
static int find_axis(const st_text *t, int ascii, size_t *row, size_t *col)
{
	uint32_t corner = ascii ? '+' : 0x2514, rule = ascii ? '-' : 0x2500, tick = ascii ? '+' : 0x252C;
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->lines[i].len; j++) {
			if (t->lines[i].cells[j].cp != corner)
				continue;
			size_t k = j + 1;
			while (k < t->lines[i].len &&
			       (t->lines[i].cells[k].cp == rule || t->lines[i].cells[k].cp == tick))
				k++;
			if (k == t->lines[i].len && k - j > 10) {
				*row = i;
				*col = j;
				return 1;
			}
		}
	return 0;
}

static where where_of(const st_text *t, const char *label, int ascii)
{
	where w = {0};
	w.found = find_axis(t, ascii, &w.axis_row, &w.axis_col) &&
	          find_text(t, label, &w.leg_row, &w.leg_col);
	return w;
}

static int same_where(where a, where b)
{
	return a.found && b.found && a.axis_row == b.axis_row && a.axis_col == b.axis_col &&
	       a.leg_row == b.leg_row && a.leg_col == b.leg_col;
}

/*
** A training figure: the data in the lower left, a guess that moves.  Stage
** 1 adds points in the upper right (where the legend first went) and moves
** the guess into a narrower range, so a fresh layout would differ.
*/
static plot_fig *fig_training(int stage, plot_id *guess)
{
	static const double x[6] = {0, 1, 2, 3, 1.5, 0.5}, y[6] = {0, 0.5, 1.5, 1, 2, 1.2};
	static const double gx[2] = {0, 10};
	double g0[2] = {-120, 130}, g1[2] = {0.5, 3};
	plot_fig *f = plot_fig_new();
	plot_style s = {0};
	s.label = "samples";
	plot_scatter(f, x, y, NULL, 6, &s, NULL);
	s.label = "guess";
	plot_line(f, gx, g0, 2, &s, guess);
	plot_set_title(f, "training");
	if (stage >= 1) {
		static const double nx[3] = {9, 9.5, 10}, ny[3] = {120, 125, 128};
		plot_scatter(f, nx, ny, NULL, 3, NULL, NULL);
		plot_set_data(f, *guess, gx, g1, NULL, 2);
	}
	return f;
}

static void test_stable_layout(void)
{
	for (int m = 0; m < 3; m++) {
		canvas_mode mode = (canvas_mode)m;
		int ascii = mode == CANVAS_ASCII;
		plot_id guess;
		plot_fig *f = fig_training(0, &guess);
		st_text a, b;
		draw(f, 70, 16, mode, 0, &a);
		where before = where_of(&a, "guess", ascii);
		/* the next frames: points where the legend is, the guess in a narrower range */
		static const double nx[3] = {9, 9.5, 10}, ny[3] = {120, 125, 128};
		static const double gx[2] = {0, 10}, g1[2] = {0.5, 3};
		plot_scatter(f, nx, ny, NULL, 3, NULL, NULL);
		plot_set_data(f, guess, gx, g1, NULL, 2);
		plot_layout fresh0, fresh1;
		plot_id g2;
		plot_fig *f0 = fig_training(0, &g2), *f1 = fig_training(1, &g2);
		plot_layout_compute(f0, 70, 16, mode, &fresh0);
		plot_layout_compute(f1, 70, 16, mode, &fresh1);
		ok(fresh0.legend != fresh1.legend || fresh0.plot_x != fresh1.plot_x ||
		   fresh0.plot_h != fresh1.plot_h,
		   "%s: laid out afresh, the second frame would move the legend or the plot", mode_name[m]);
		draw(f, 70, 16, mode, 0, &b);
		where after = where_of(&b, "guess", ascii);
		ok(same_where(before, after) && a.n == b.n,
		   "%s: rendered again at the same size, the plot and the legend stay put "
		   "(axis %zu,%zu -> %zu,%zu; legend %zu,%zu -> %zu,%zu; %zu -> %zu lines)", mode_name[m],
		   before.axis_row, before.axis_col, after.axis_row, after.axis_col, before.leg_row,
		   before.leg_col, after.leg_row, after.leg_col, a.n, b.n);
		st_free(&b);
		/* a resize, or new limits, lays the figure out afresh */
		st_text c;
		draw(f, 76, 18, mode, 0, &b);
		draw(f1, 76, 18, mode, 0, &c);
		ok(st_equal(&b, &c), "%s: a resize lays the figure out as a fresh one", mode_name[m]);
		st_free(&b);
		st_free(&c);
		plot_set_xlabel(f, "epoch");
		plot_set_xlabel(f1, "epoch");
		draw(f, 76, 18, mode, 0, &b);
		plot_fig *f2 = fig_training(1, &g2);
		plot_set_xlabel(f2, "epoch");
		draw(f2, 76, 18, mode, 0, &c);
		ok(st_equal(&b, &c), "%s: a new label lays the figure out as a fresh one", mode_name[m]);
		st_free(&a);
		st_free(&b);
		st_free(&c);
		plot_fig_unref(f);
		plot_fig_unref(f0);
		plot_fig_unref(f1);
		plot_fig_unref(f2);
	}
}

/*
** A guess that sweeps across the plot with the limits fixed, as a training
** cell draws it frame after frame: through no corner, then two, then the
** other two, then all four.  Laid out afresh each frame the legend would
** hop from corner to corner and finally drop below the plot, taking rows
** from it; the first frame's place holds for all of them.
*/
static void test_sweep_holds_still(void)
{
	static const double px[3] = {4, 5, 6}, py[3] = {5, 4.5, 5.5};
	static const double sweep[4][2][4] = {
		{{0, 10, 10, 10}, {5, 5, 5, 5}},
		{{0, 10, 10, 10}, {0, 10, 10, 10}},
		{{0, 10, 10, 10}, {10, 0, 0, 0}},
		{{0, 10, 0, 10}, {0, 10, 10, 0}},
	};
	for (int m = 0; m < 3; m++) {
		canvas_mode mode = (canvas_mode)m;
		plot_fig *f = plot_fig_new();
		plot_style s = {0};
		plot_id guess;
		s.label = "samples";
		plot_scatter(f, px, py, NULL, 3, &s, NULL);
		s.label = "guess";
		plot_line(f, sweep[0][0], sweep[0][1], 4, &s, &guess);
		plot_set_xlim(f, 0, 10);
		plot_set_ylim(f, 0, 10);
		st_text t;
		draw(f, 70, 16, mode, 0, &t);
		where first = where_of(&t, "guess", mode == CANVAS_ASCII);
		size_t lines = t.n, moved = 0, hops = 0;
		st_free(&t);
		int first_legend = -1;
		for (int k = 0; k < 4; k++) {
			plot_set_data(f, guess, sweep[k][0], sweep[k][1], NULL, 4);
			plot_layout fresh;
			plot_layout_compute(f, 70, 16, mode, &fresh);
			if (first_legend < 0)
				first_legend = fresh.legend;
			hops += fresh.legend != first_legend;
			draw(f, 70, 16, mode, 0, &t);
			moved += !same_where(first, where_of(&t, "guess", mode == CANVAS_ASCII)) ||
			         t.n != lines;
			st_free(&t);
		}
		ok(hops >= 2, "%s: laid out afresh, the legend would move in %zu of 4 frames",
		   mode_name[m], hops);
		ok(moved == 0, "%s: the plot and the legend hold still in all 4 frames (%zu moved)",
		   mode_name[m], moved);
		plot_fig_unref(f);
	}
}

/*
** The front end draws its copy of a figure, which each frame's message
** updates in place (plot_decode): the copy holds still as the original does.
*/
static void test_mirror_holds_still(void)
{
	static const double px[3] = {4, 5, 6}, py[3] = {5, 4.5, 5.5};
	static const double gx[4][2] = {{0, 10}, {0, 10}, {0, 10}, {0, 10}};
	static const double gy[4][2] = {{5, 5}, {0, 10}, {10, 0}, {0, 10}};
	plot_fig *f = plot_fig_new(), *g = plot_fig_new();
	plot_style s = {0};
	plot_id guess, other;
	s.label = "samples";
	plot_scatter(f, px, py, NULL, 3, &s, NULL);
	s.label = "guess";
	plot_line(f, gx[0], gy[0], 2, &s, &guess);
	plot_line(f, gx[0], gy[0], 2, NULL, &other);   /* joins the guess in the last frame */
	plot_set_xlim(f, 0, 10);
	plot_set_ylim(f, 0, 10);
	strbuf sb = STRBUF_INIT;
	unsigned long cursor = 0;
	where first = {0};
	size_t lines = 0, moved = 0, decoded = 0;
	for (int k = 0; k < 4; k++) {
		plot_set_data(f, guess, gx[k], gy[k], NULL, 2);
		if (k == 3)
			plot_set_data(f, other, gx[2], gy[2], NULL, 2);
		sb_clear(&sb);
		plot_encode(f, &cursor, &sb);
		wire_rd r;
		wire_init(&r, sb.s, sb.len);
		decoded += plot_decode(g, &r) == PLOT_OK;
		st_text t;
		draw(g, 70, 16, CANVAS_BRAILLE, 0, &t);
		where w = where_of(&t, "guess", 0);
		if (k == 0) {
			first = w;
			lines = t.n;
		} else {
			moved += !same_where(first, w) || t.n != lines;
		}
		st_free(&t);
	}
	ok(decoded == 4 && first.found && moved == 0,
	   "the front end's copy, updated frame by frame, holds still (%zu of 3 frames moved)",
	   moved);
	sb_free(&sb);
	plot_fig_unref(f);
	plot_fig_unref(g);
}

/* A series renamed during an animation gets a legend wide enough for its new label. */
static void test_relabel_relayouts(void)
{
	plot_id guess;
	plot_fig *f = fig_training(0, &guess);
	st_text a, b;
	draw(f, 70, 16, CANVAS_ASCII, 0, &a);
	plot_set_label(f, guess, "guess after training");
	draw(f, 70, 16, CANVAS_ASCII, 0, &b);
	size_t r, c;
	ok(find_text(&b, "guess after training", &r, &c),
	   "a longer label is shown whole, not cut to the old legend's width");
	st_free(&a);
	st_free(&b);
	plot_fig_unref(f);
}

/*
** The axes follow the data seen so far: a point far outside widens them (it
** is drawn), one inside the range shown keeps them as they were.
*/
static void test_axes_widen_only(void)
{
	static const double x[3] = {0, 1, 2}, y[3] = {0, 4, 2};
	plot_fig *f = plot_fig_new();
	plot_id id;
	plot_line(f, x, y, 3, NULL, &id);
	st_text a, b;
	draw(f, 60, 12, CANVAS_ASCII, 0, &a);
	static const double y2[3] = {1, 2, 1.5};
	plot_set_data(f, id, x, y2, NULL, 3);
	draw(f, 60, 12, CANVAS_ASCII, 0, &b);
	size_t ra, ca, rb, cb;
	ok(find_text(&a, "4", &ra, &ca) && find_text(&b, "4", &rb, &cb) && ra == rb,
	   "data shrinking inside the range shown keeps the axes");
	st_free(&b);
	static const double x3[3] = {0, 1, 20}, y3[3] = {1, 2, 1.5};
	plot_set_data(f, id, x3, y3, NULL, 3);
	draw(f, 60, 12, CANVAS_ASCII, 0, &b);
	ok(find_text(&b, "20", &rb, &cb), "data leaving the range widens it (x now reaches 20)");
	st_free(&a);
	st_free(&b);
	plot_fig_unref(f);
}

int main(void)
{
	test_points_on_top();
	test_points_over_bars();
	test_legend_outside();
	test_legend_hides_nothing();
	test_stable_layout();
	test_sweep_holds_still();
	test_mirror_holds_still();
	test_relabel_relayouts();
	test_axes_widen_only();
	return tap_done();
}
