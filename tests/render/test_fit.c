/*
** test_fit.c — a cell's outputs fitted into rows (fit.h): the rows are
** kept, no block is cut (a figure keeps its title and axes or becomes one
** summary line, a table its header and newest rows, text its newest lines
** while live and its first and last once finished), a figure and a table
** stand side by side when asked and wide enough, and no limit shows all.
*/
#include <stdio.h>
#include <string.h>

#include "block.h"
#include "fit.h"
#include "plot.h"
#include "strbuf.h"
#include "table.h"
#include "tap.h"

static blocklist bl = BLOCKLIST_INIT;
static strbuf text = STRBUF_INIT;

/* A training cell's outputs: a figure (height 14), a table of `rows` rows, then text lines. */
static void outputs(int rows, int lines)
{
	static double y[50];
	blocklist_clear(&bl);
	plot_fig *f = plot_fig_new();
	for (int i = 0; i < 50; i++)
		y[i] = 1.0 / (i + 1);
	plot_set_title(f, "loss");
	plot_set_size(f, 0, 14);
	plot_line(f, NULL, y, 50, NULL, NULL);
	blocklist_add_obj(&bl, BLOCK_FIGURE, f);
	const char *names[] = {"epoch", "loss"}, *fmts[] = {"%d", "%.4f"};
	tbl *t;
	tbl_new(names, fmts, 2, &t);
	blocklist_add_obj(&bl, BLOCK_TABLE, t);
	for (int e = 1; e <= rows; e++) {
		tbl_value v[2] = {{TBL_INT, e, NULL}, {TBL_NUM, 1.0 / e, NULL}};
		tbl_add(t, v, 2);
	}
	char buf[32];
	for (int k = 1; k <= lines; k++) {
		snprintf(buf, sizeof buf, "line %d\n", k);
		blocklist_text(&bl, buf, strlen(buf));
	}
}

/* Fits the outputs into rows at width (live or not, side by side or not); returns the rows drawn. */
static size_t fit(size_t rows, size_t width, int live, int side, size_t *hidden)
{
	render_opts o;
	render_defaults(&o, width);
	fit_opts f = {rows, live, 0, 0, side, "o", NULL, NULL};
	st_text out = ST_TEXT_INIT;
	*hidden = fit_outputs(&bl, &o, &f, &out);
	sb_clear(&text);
	st_text_utf8(&text, &out, 0);
	size_t n = out.n;
	st_free(&out);
	return n;
}

static int has(const char *s)
{
	return strstr(sb_str(&text), s) != NULL;
}

int main(void)
{
	size_t hidden, n;
	outputs(100, 30);
	n = fit(21, 78, 1, 0, &hidden);
	ok(n <= 21, "live in 21 rows: %zu rows", n);
	ok(has("loss\n") && has("\xe2\x94\x94\xe2\x94\x80"), "the figure keeps its title and its x axis");
	ok(has("epoch    loss") && has("earlier rows") && has("  100  0.0100\n"),
	   "the table keeps its header, counts its earlier rows and shows the newest");
	ok(has("line 30\n") && !has("line 1\n") && has("earlier line"), "live text shows its newest lines");
	ok(hidden > 0, "rows are folded away (%zu)", hidden);

	n = fit(10, 78, 0, 0, &hidden);
	ok(n <= 10 && has("\xe2\x96\xb8 figure: loss \xe2\x80\x94 o shows it"),
	   "finished in 10 rows: the figure is one summary line (%zu rows)", n);
	ok(has("epoch    loss") && has("  100  0.0100\n"), "and the table keeps header and newest row");

	n = fit(21, 78, 0, 0, &hidden);
	ok(n <= 21 && has("line 1\n") && has("line 30\n") && has("lines (o shows them)"),
	   "finished text keeps its first and last lines, the middle counted");
	ok(has("\xe2\x94\x94\xe2\x94\x80"), "a finished figure with room stays whole");

	fit(30, 118, 1, 1, &hidden);
	int beside = 0;
	for (const char *s = sb_str(&text); (s = strstr(s, "epoch    loss")); s++)
		beside |= s > sb_str(&text) && s[-1] == ' ' && strchr(sb_str(&text), '\n') > s;
	ok(beside, "at 118 columns the table stands beside the figure, on its first row");

	n = fit(0, 78, 0, 0, &hidden);
	ok(hidden == 0 && has("    1  1.0000\n") && has("line 15\n") && n > 120,
	   "no row limit: everything is shown (%zu rows)", n);

	outputs(3, 0);
	n = fit(21, 78, 1, 0, &hidden);
	ok(hidden == 0 && has("    1  1.0000\n") && has("    3  0.3333\n"), "what fits is not folded");
	blocklist_clear(&bl);
	sb_free(&text);
	return tap_done();
}
