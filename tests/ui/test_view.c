/*
** test_view.c — the notebook view while cells run and once they have
** ended, on the bundled lessons: live outputs fitted to the screen (a
** training cell's figure and table together at 80x24, side by side from
** 120 columns), folding that never cuts a block, follow mode and its
** keys, and a resize while a cell plays.  Timing checks are in
** test_pacing.c.
*/
#include "screen_harness.h"

#define F "tests/ui/fixtures"
#define L2 "lessons/02-gradient-descent.lua"
#define L3 "lessons/03-sigmoid-neuron.lua"
#define L5 "lessons/05-xor-hidden-layer.lua"

/* The number after `label` on screen, or -1. */
static long number_after(app *a, const char *label)
{
	const char *s = strstr(h_screen(a), label);
	return s ? strtol(s + strlen(label), NULL, 10) : -1;
}

/* Presses r (run, go on) until the status bar says "cell n/"; 1 when it does. */
static int run_to(app *a, int n)
{
	char want[32];
	snprintf(want, sizeof want, "cell %d/", n);
	for (int k = 0; k < 60 && !strstr(h_row(a, -2), want); k++) {
		h_keys(a, "r");
		if (!h_settle(a))
			return 0;
	}
	return strstr(h_row(a, -2), want) != NULL;
}

/* Starts the current cell paused and steps it to frame n; 1 when it is there. */
static int start_at_frame(app *a, long n)
{
	char want[48];
	h_keys(a, "p Enter");
	if (!h_wait(a, "paused, frame", 20))
		return 0;
	for (long k = number_after(a, "paused, frame "); k >= 0 && k < n; k++)
		h_keys(a, ".");
	snprintf(want, sizeof want, "paused, frame %ld", n);
	return h_wait(a, want, 20);
}

/* Plays the paused cell to its end at full speed; 1 when it ended. */
static int play_to_end(app *a)
{
	h_keys(a, "+ + + + + + + + p");
	return h_settle(a);
}

/* Returns 1 when a screen row starts (after the bar) with text. */
static int row_starts(app *a, const char *text)
{
	for (const char *s = h_screen(a); s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL)
		if (strncmp(s, "\xe2\x96\x8c ", 4) == 0 && strncmp(s + 4, text, strlen(text)) == 0)
			return 1;
	return 0;
}

/* Returns 1 when one screen row holds both texts (side by side). */
static int row_has_both(app *a, const char *x, const char *y)
{
	for (const char *s = h_screen(a); s && *s;) {
		const char *nl = strchr(s, '\n'), *p = strstr(s, x), *q = strstr(s, y);
		if (p && q && (!nl || (p < nl && q < nl)))
			return 1;
		s = nl ? nl + 1 : NULL;
	}
	return 0;
}

/* Lets the app work until the status bar's frame passes n; returns the frame, or -1. */
static long frame_past(app *a, const char *label, long n, double seconds)
{
	double end = h_clock() + seconds;
	long f;
	while ((f = number_after(a, label)) <= n && h_clock() < end)
		app_turn(a, 10);
	return f > n ? f : -1;
}

/* The figure's axes: its bottom corner and its tick labels' row are on screen. */
static int axes_whole(app *a)
{
	return h_has(a, "\xe2\x94\x94\xe2\x94\xac") && h_has(a, "-3 ");
}

/* Lesson 5's training cell at 80x24: mid-run, finished, and at 120x40 and 200x60. */
static void training(void)
{
	app *a = h_open(24, 80, L5);
	if (!a)
		return;
	h_keys(a, "j j");
	if (!h_ok(a, run_to(a, 10), "lesson 5: the cells before the training ran") ||
	    !h_ok(a, start_at_frame(a, 60), "the training cell stepped to frame 60")) {
		app_free(a);
		return;
	}
	h_golden(a, "view_train_live", "80x24, mid-run: the code folds to its title, figure and table fit");
	h_ok(a, axes_whole(a) && h_has(a, "what the network answers"), "the whole figure is on screen");
	h_ok(a, h_has(a, "epoch    loss") && h_has(a, "57 earlier rows") && row_starts(a, "   60  "),
	     "the table's header, its earlier rows counted and the newest row are on screen with it");
	app_resize(a, 40, 120);
	h_golden(a, "view_train_120", "120x40, mid-run: the table stands beside the figure");
	h_ok(a, row_has_both(a, "2\xe2\x94\xa4", "earlier rows") && row_has_both(a, "-3 ", "   60  0.0677"),
	     "the table's header, earlier rows and newest row stand beside the figure");
	app_resize(a, 60, 200);
	h_golden(a, "view_train_200", "200x60, mid-run: figure at the measure, the table beside it");
	app_resize(a, 24, 80);
	h_ok(a, play_to_end(a), "played to its end");
	h_golden(a, "view_train_done", "80x24, finished: figure whole, table folded, the result in view");
	h_ok(a, axes_whole(a) && row_starts(a, "  200  ") && h_has(a, "loss after epoch 1"),
	     "nothing is cut: the figure, the newest row and the last line");
	app_free(a);
}

/* Lesson 2's full-batch cell mid-run, and a resize while it plays. */
static void full_batch(void)
{
	app *a = h_open(24, 80, L2);
	if (!a)
		return;
	h_keys(a, "j");
	if (!h_ok(a, run_to(a, 6), "lesson 2: the cells before full batch ran") ||
	    !h_ok(a, start_at_frame(a, 30), "the full-batch cell stepped to frame 30")) {
		app_free(a);
		return;
	}
	h_golden(a, "view_full_batch", "80x24, mid-run: the full-batch figure and table together");
	h_ok(a, h_has(a, "full batch") && h_has(a, "step    delta") && row_starts(a, "  30  "),
	     "the figure's title, the table's header and step 30 are on screen");
	h_keys(a, "p");
	app_resize(a, 40, 120);
	long f = frame_past(a, "playing, frame ", 34, 10);
	char row[16];
	snprintf(row, sizeof row, " %ld    0.", f);
	h_ok(a, f > 0 && h_has(a, "full batch") && h_has(a, "step    delta") && h_has(a, row),
	     "a resize while playing: the view follows on, figure and table in view (frame %ld)", f);
	app_resize(a, 24, 80);
	f = frame_past(a, "playing, frame ", f, 10);
	snprintf(row, sizeof row, " %ld    0.", f);
	h_ok(a, f > 0 && h_has(a, "full batch") && h_has(a, "step    delta") && h_has(a, row),
	     "and back at 80x24 (frame %ld)", f);
	app_free(a);
}

/* The screen row that holds text, or -1. */
static int row_of(app *a, const char *text)
{
	int y = 0;
	for (const char *s = h_screen(a); s && *s; y++) {
		const char *nl = strchr(s, '\n'), *p = strstr(s, text);
		if (p && (!nl || p < nl))
			return y;
		s = nl ? nl + 1 : NULL;
	}
	return -1;
}

/* The last row of the notebook (above the status bar) as text. */
static const char *last_row(app *a)
{
	return h_row(a, -3);
}

/*
** Follow mode: the running cell's newest output stays in view; scrolling
** pauses following and says so; f, G on the running cell and a page down
** onto the growing output follow again; Space never skips past it.
*/
static void following(void)
{
	app *a = h_open(24, 80, F "/follow.lua");
	if (!a)
		return;
	h_keys(a, "j");
	if (!h_ok(a, start_at_frame(a, 40), "the ticking cell stepped to frame 40")) {
		app_free(a);
		return;
	}
	h_ok(a, strstr(last_row(a), "tick 40") && h_has(a, "Ticks") && h_has(a, "for i = 1"),
	     "the newest output is the last row; title and short code stay above it");
	h_keys(a, "w");
	h_ok(a, !h_has(a, "tick 40") && strstr(h_row(a, -2), "f follows"),
	     "a page up pauses following, and the status bar says so");
	h_keys(a, ".");
	h_wait(a, "paused, frame 41", 10);
	h_ok(a, !h_has(a, "tick 41"), "a new frame does not pull the view back");
	h_keys(a, "f");
	h_ok(a, strstr(last_row(a), "tick 41") && !strstr(h_row(a, -2), "f follows"),
	     "f follows the newest output again");
	h_keys(a, "k k G");
	h_ok(a, strstr(h_row(a, -2), "cell 3/3") && !h_has(a, "tick 41"),
	     "G off the running cell goes to the last cell");
	h_keys(a, "k G");
	h_ok(a, strstr(last_row(a), "tick 41") != NULL, "G on the running cell follows its newest output");
	h_keys(a, "g");
	int pages = 0;
	while (pages < 8 && !h_has(a, "tick 41")) {
		h_keys(a, "Space");
		pages++;
	}
	h_ok(a, strstr(last_row(a), "tick 41") && !strstr(h_row(a, -2), "f follows"),
	     "Space pages down to the growing output, stops with it on the last row and follows it");
	h_keys(a, ". . .");
	h_wait(a, "paused, frame 44", 10);
	h_ok(a, strstr(last_row(a), "tick 44") != NULL, "and the view goes on following it");
	h_keys(a, "Space");
	h_ok(a, h_has(a, "Paragraph 5 after") && strstr(h_row(a, -2), "f follows"),
	     "one more Space reads on past it, following paused");
	h_keys(a, "C-c");
	h_settle(a);
	app_free(a);
}

/* o keeps the viewport; running again keeps a cell unfolded; a finished text keeps its ends. */
static void folding(void)
{
	app *a = h_open(24, 80, F "/fold.lua");
	if (!a)
		return;
	h_keys(a, "Enter");
	h_settle(a);
	char top[256];
	snprintf(top, sizeof top, "%s", h_row(a, 0));
	h_keys(a, "o");
	h_ok(a, strcmp(h_row(a, 0), top) == 0 && h_has(a, "line 20\n"),
	     "o unfolds under the view's first line, which stays where it is");
	h_keys(a, "Enter");
	h_settle(a);
	h_ok(a, h_has(a, "line 80\n") && !h_has(a, "o shows them"),
	     "running the cell again keeps it unfolded");
	h_keys(a, "o g Space");
	int before = row_of(a, "] Short");
	h_keys(a, "o");
	h_ok(a, before > 0 && row_of(a, "] Short") == before && h_has(a, "line 99\n"),
	     "o with the view inside the outputs: what follows them stays where it was (row %d)", before);
	app_free(a);
}

/* Lesson 3's training: once finished, the table's last row (iteration 50000) is in view. */
static void lesson3(void)
{
	app *a = h_open(24, 80, L3);
	if (!a)
		return;
	h_keys(a, "j j");
	if (!h_ok(a, run_to(a, 11), "lesson 3: the cells before the training ran")) {
		app_free(a);
		return;
	}
	h_keys(a, "+ + + + + + Enter");
	h_settle(a);
	h_golden(a, "view_lesson3_done", "lesson 3's training folded once finished");
	h_ok(a, h_has(a, "iteration") && h_has(a, " 50000 ") && h_has(a, "errors per iteration"),
	     "the table's header and final 50000 row and the figure stay visible");
	app_free(a);
}

int main(void)
{
	h_setup();
	training();
	full_batch();
	following();
	folding();
	lesson3();
	return tap_done();
}
