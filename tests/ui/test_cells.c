/*
** test_cells.c — Jupyter's command-mode keys and what the notebook keeps
** of a cell, without a terminal: a/b, d d and z (u too), c/x/v/V, y/m,
** Ctrl-R and r (run and go on), O clears, Ctrl-F/B/D/U page as in less;
** undo that survives leaving and re-entering the editor (and the bound on
** the histories kept); D resets a cell to the bundled lesson's version and
** Ctrl-Z in the editor takes that back; and the hint under an error about
** a nil when cells above have not run in this kernel's life.
*/
#include <sys/stat.h>

#include "screen_harness.h"

#define F "tests/ui/fixtures"

static const char sums[] =
	"-- %% [markdown]\n-- # Sums\n\n"
	"-- %% Data\nxs = {1, 2, 3}\n\n"
	"-- %% [markdown]\n-- Adding them up.\n\n"
	"-- %% Scale, with a title long enough to be shortened\nk = 10\n\n"
	"-- %% Sum\nlocal s = 0\nfor _, v in ipairs(xs) do s = s + v * k end\nprint(\"sum\", s)\n";

/* Row y without the current cell's bar: what the cell shows there. */
static const char *content(app *a, int y)
{
	const char *r = h_row(a, y);
	if (strncmp(r, "\xe2\x96\x8c", 3) == 0)
		return r + 3;
	return *r ? r + 1 : r;
}

static void jupyter_keys(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("keys.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j a");
	h_ok(a, strstr(h_row(a, -2), "cell 2/6") && h_has(a, "empty code cell"), "a adds a cell above");
	h_keys(a, "d d");
	h_ok(a, strstr(h_row(a, -2), "cell 2/5") && strstr(h_row(a, -1), "z brings it back"),
	     "d d deletes it and says z brings it back");
	h_keys(a, "z");
	h_ok(a, strstr(h_row(a, -2), "cell 2/6"), "z brings the deleted cell back");
	h_keys(a, "d d j x");
	h_ok(a, strstr(h_row(a, -2), "cell 3/4") && !h_has(a, "A table") &&
	        strstr(h_row(a, -1), "Cell cut: v pastes it"), "x cuts the cell");
	h_keys(a, "G v");
	h_ok(a, strstr(h_row(a, -2), "cell 5/5") && h_has(a, "A table"), "v pastes the cut cell below");
	h_keys(a, "g V");
	h_ok(a, strstr(h_row(a, -2), "cell 1/6") && strstr(content(a, 0), "[ ] A table"),
	     "V pastes it above the current cell");
	h_keys(a, "c j j v");
	h_ok(a, strstr(h_row(a, -2), "cell 4/7"), "c copies, v pastes below");
	h_keys(a, "m");
	h_ok(a, strstr(h_row(a, -1), "prose now") && !h_has(a, "[ ] A table\n") , "m makes it prose");
	h_keys(a, "y");
	h_ok(a, strstr(h_row(a, -1), "code now"), "y makes it code");
	h_keys(a, "y");
	h_ok(a, strstr(h_row(a, -1), "code already"), "y on code leaves it code");
	h_keys(a, "g C-r");
	h_settle(a);
	h_ok(a, strstr(h_row(a, -2), "cell 2/7") && h_has(a, "[1] A table"),
	     "Ctrl-R runs the cell and goes to the next");
	h_keys(a, "C-r");
	h_ok(a, strstr(h_row(a, -2), "cell 3/7"), "Ctrl-R on prose moves on");
	h_keys(a, "C-r");
	h_settle(a);
	h_ok(a, h_has(a, "x is 42") && strstr(h_row(a, -2), "cell 4/7"), "and again on the next code cell");
	h_keys(a, "k O");
	h_ok(a, !h_has(a, "x is 42"), "O clears the cell's outputs");
	h_keys(a, "r");
	h_settle(a);
	h_ok(a, h_has(a, "x is 42") && strstr(h_row(a, -2), "cell 4/7"), "r does what Ctrl-R does");
	h_keys(a, "c");
	h_ok(a, h_has(a, "x is 42") && strstr(h_row(a, -1), "Cell copied"), "c copies: the outputs stay");
	h_keys(a, "0 0");
	h_ok(a, h_has(a, "Kernel restarted"), "0 0 restarts the kernel");
	h_keys(a, "q y");
	ok(app_done(a), "q y quits");
	app_free(a);
}

static void paging(void)
{
	app *a = h_open(24, 80, "lessons/02-gradient-descent.lua");
	if (!a)
		return;
	h_keys(a, "g");
	char top[512], mid[512];
	snprintf(top, sizeof top, "%s", content(a, 0));
	snprintf(mid, sizeof mid, "%s", content(a, 11));
	h_keys(a, "C-d");
	h_ok(a, strcmp(content(a, 0), mid) == 0, "Ctrl-D scrolls half a page (11 of 22 rows)");
	h_keys(a, "C-u");
	h_ok(a, strcmp(content(a, 0), top) == 0, "Ctrl-U scrolls back half a page");
	h_keys(a, "C-f");
	h_ok(a, strcmp(content(a, 0), top) != 0 && strcmp(content(a, 0), mid) != 0,
	     "Ctrl-F scrolls a page");
	char page[512];
	snprintf(page, sizeof page, "%s", content(a, 0));
	h_keys(a, "C-b");
	h_ok(a, strcmp(content(a, 0), top) == 0, "Ctrl-B scrolls back a page");
	h_keys(a, "Space");
	h_ok(a, strcmp(content(a, 0), page) == 0, "Space pages as Ctrl-F does");
	h_keys(a, "w");
	h_ok(a, strcmp(content(a, 0), top) == 0, "w pages back as Ctrl-B does");
	app_free(a);
}

static void undo_survives(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("undo.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j e M-> Enter");
	h_type(a, "first_edit = 1");
	h_keys(a, "Escape");
	h_ok(a, h_has(a, "first_edit = 1") && !h_has(a, "EDITING"), "typed, and the editor left");
	h_keys(a, "e C-z");
	h_ok(a, !h_has(a, "first_edit"), "back in the editor, Ctrl-Z undoes the typing of before");
	h_keys(a, "C-y");
	h_ok(a, h_has(a, "first_edit = 1"), "and Ctrl-Y redoes it");
	h_keys(a, "End Enter");
	h_type(a, "second_edit = 2");
	h_keys(a, "Escape j e M-> Enter");
	h_type(a, "other_cell = 3");
	h_keys(a, "Escape k e C-z");
	h_ok(a, !h_has(a, "second_edit") && h_has(a, "first_edit") && h_has(a, "other_cell"),
	     "each cell keeps its own history: Ctrl-Z here undoes this cell's last edit");
	h_keys(a, "C-z C-z C-z C-z");
	h_ok(a, !h_has(a, "first_edit") && h_has(a, "print(\"x is\", x)\n\n") &&
	        strstr(h_row(a, -1), "Nothing to undo"),
	     "undo goes back across both editing sessions to the cell as it was, and no further");
	h_keys(a, "Escape j e C-z");
	h_ok(a, !h_has(a, "other_cell"), "the other cell undoes its own edit");
	h_keys(a, "Escape");
	app_free(a);
}

/* A lesson of n code cells "c1" .. "cn". */
static void many_cells(const char *path, int n)
{
	strbuf sb = STRBUF_INIT;
	for (int i = 1; i <= n; i++)
		sb_addf(&sb, "-- %%%% c%d\nv%d = %d\n\n", i, i, i);
	h_write(path, sb_str(&sb));
	sb_free(&sb);
}

static void histories_bounded(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("many.lua"));
	many_cells(w, 34);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	for (int i = 0; i < 33; i++) {
		h_keys(a, "e End");
		h_type(a, " + 0");
		h_keys(a, "Escape j");
	}
	h_keys(a, "g j e C-z");
	h_ok(a, h_has(a, "v2 = 2\n") && !h_has(a, "v2 = 2 + 0"),
	     "33 cells edited: the second one still undoes");
	h_keys(a, "Escape g e C-z");
	h_ok(a, h_has(a, "v1 = 1 + 0") && strstr(h_row(a, -1), "Nothing to undo"),
	     "32 histories at most: cell 1, edited longest ago, forgot its own");
	h_keys(a, "Escape");
	app_free(a);
}

static void reset_cell(void)
{
	mkdir(h_path("bundled"), 0755);
	h_copy(F "/basic.lua", h_path("bundled/01-basic.lua"));
	setenv("NNBOOK_LESSONS", h_path("bundled"), 1);
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s", h_path("bundled/01-basic.lua"));
	app *a = h_open(24, 80, path);
	if (!a)
		return;
	h_keys(a, "j e End");
	h_type(a, " -- mine");
	h_keys(a, "Escape D");
	h_ok(a, strstr(h_row(a, -1), "Reset cell 2 \"Arithmetic\" as in the original lesson? y/n"),
	     "D asks before resetting the cell");
	h_keys(a, "n");
	h_ok(a, h_has(a, "-- mine"), "n keeps the student's version");
	h_keys(a, "D y");
	h_ok(a, !h_has(a, "-- mine") && h_has(a, "x = 6 * 7\n") && strstr(h_row(a, -1), "as in the original again"),
	     "y puts the bundled lesson's version back");
	h_keys(a, "e C-z");
	h_ok(a, h_has(a, "-- mine"), "in the editor Ctrl-Z brings the student's version back");
	h_keys(a, "Escape D y m D");
	h_ok(a, strstr(h_row(a, -1), "Reset cell 2"), "a cell made prose is still found by its title");
	h_keys(a, "y");
	h_ok(a, h_has(a, "[ ] Arithmetic") && !h_has(a, "-- mine"), "and comes back as code");
	h_keys(a, "D");
	h_ok(a, strstr(h_row(a, -1), "as in the original lesson already"), "an unchanged cell has nothing to reset");
	h_keys(a, "b D");
	h_ok(a, strstr(h_row(a, -1), "not in the original lesson"), "a cell added here matches nothing");
	h_keys(a, "d d g e");
	h_type(a, "Changed prose. ");
	h_keys(a, "Escape D y");
	h_ok(a, !h_has(a, "Changed prose") && h_has(a, "A small lesson"), "a prose cell is reset too");
	h_keys(a, "q y");
	app_free(a);
	a = h_open(24, 80, F "/basic.lua");
	if (!a)
		return;
	h_keys(a, "j D");
	h_ok(a, strstr(h_row(a, -1), "not a bundled one"), "a lesson that is not bundled has no original");
	app_free(a);
}

static void not_run_hint(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("sums.lua"));
	h_write(w, sums);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "G Enter");
	h_settle(a);
	h_ok(a, h_has(a, "attempt to index a nil value\n"), "the kernel's own error text is there, unchanged");
	h_ok(a, h_has(a, "Not run yet above: 2 \"Data\", 4 \"Scale, with a tit\xe2\x80\xa6\". "
	                 "R runs all, or Ctrl-R") && h_has(a, "from the top.\n"),
	     "the error says which cells above have not run, titles shortened, and how to run them");
	h_keys(a, "g C-r C-r");
	h_settle(a);
	h_keys(a, "G Enter");
	h_settle(a);
	h_ok(a, h_has(a, "Not run yet above: 4 \"Scale"), "after the first code cell ran, only the other one is named");
	h_keys(a, "R");
	h_settle(a);
	h_ok(a, h_has(a, "sum\t60") || h_has(a, "sum 60"), "R runs every cell: no error");
	h_ok(a, !h_has(a, "Not run yet"), "and no hint");
	h_keys(a, "0 0 G Enter");
	h_settle(a);
	h_ok(a, h_has(a, "Not run yet above: 2 \"Data\", 4"), "after a restart the cells above count as not run");
	app_free(a);
	/* basic.lua's fourth cell calls error("boom") with cell 2 not run */
	a = h_open(24, 80, F "/basic.lua");
	if (!a)
		return;
	h_keys(a, "j j j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "boom") && !h_has(a, "Not run yet"),
	     "an error not about a nil says what went wrong itself: no hint");
	app_free(a);
}

int main(void)
{
	h_setup();
	jupyter_keys();
	paging();
	undo_survives();
	histories_bounded();
	reset_cell();
	not_run_hint();
	return tap_done();
}
