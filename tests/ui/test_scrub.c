/*
** test_scrub.c — stepping back through a finished or paused cell's frames,
** without a terminal: in a 30-frame cell, ten `[` show epoch 20 ("frame
** 20/30", the table's newest row 20, a golden screen); `]` `{` `}` Home
** End move and come back to live; a key that runs or edits returns to
** live; a cell without frames or still playing says why; a paused cell
** steps back and `.` goes on.
**
** With NNBOOK_BENCH=1 it measures instead (make bench): the time one step
** takes to redraw at 80x24 on lesson 5's training cell, and how much
** recording the frames slows that cell at top speed (NNBOOK_NO_HISTORY=1
** turns recording off for the comparison).
*/
#include <stdlib.h>

#include "lesson.h"
#include "screen_harness.h"

static const char thirty[] =
	"-- title: thirty frames\n\n"
	"-- %% no frames\nx = 1\n\n"
	"-- %% thirty frames\n"
	"t = table.new{'epoch', 'loss', formats = {'%d', '%.3f'}}\n"
	"for e = 1, 30 do\n  t:add{e, 1 / e}\n  frame()\nend\n\n"
	"-- %% slow\nfor e = 1, 1000 do frame() t:add{e, 0} end\n";

/* Returns the newest epoch the screen's table shows: its last row "  NN  D.DDD". */
static long newest_row(app *a)
{
	const char *p = h_screen(a);
	long last = -1;
	while (*p) {
		size_t n = strcspn(p, "\n");
		char line[256], tail;
		long e;
		double v;
		snprintf(line, sizeof line, "%.*s", (int)(n < 255 ? n : 255), p);
		const char *q = strncmp(line, "\xe2\x96\x8c", 3) == 0 ? line + 3 : line;   /* the cell bar */
		if (sscanf(q, "%ld %lf%c", &e, &v, &tail) == 2 && strchr(q, '.'))
			last = e;
		p += n + (p[n] == '\n');
	}
	return last;
}

/* Opens the lesson at top speed on the 30-frame cell and runs it to the end. */
static app *ran_thirty(void)
{
	h_write(h_path("thirty.lua"), thirty);
	app *a = h_open(24, 80, h_path("thirty.lua"));
	if (!a)
		return NULL;
	h_keys(a, "+ + + + + + + + j j");
	h_keys(a, "Enter");
	h_settle(a);
	return a;
}

static void back_ten(void)
{
	app *a = ran_thirty();
	if (!a)
		return;
	h_ok(a, newest_row(a) == 30 && !strstr(h_row(a, -2), "frame"), "the cell ended at epoch 30, live");
	h_keys(a, "[");
	h_ok(a, strstr(h_row(a, -1), "Stepping back") && strstr(h_row(a, -1), "live") &&
	     !strstr(h_row(a, -1), "\xe2\x80\xa6"), "the first [ tells the keys in full at 80 columns: %s",
	     h_row(a, -1));
	h_keys(a, "[ [ [ [ [ [ [ [ [");
	h_ok(a, strstr(h_row(a, -2), "frame 20/30") != NULL, "ten [ later the status says frame 20/30");
	h_ok(a, newest_row(a) == 20, "and the table's newest row is epoch 20 (got %ld)", newest_row(a));
	h_golden(a, "scrub_frame20", "stepped back ten frames in a 30-frame cell");
	h_keys(a, "]");
	h_ok(a, strstr(h_row(a, -2), "frame 21/30") && newest_row(a) == 21, "] steps one forward");
	h_keys(a, "{");
	h_ok(a, strstr(h_row(a, -2), "frame 11/30") && newest_row(a) == 11, "{ steps ten back");
	h_keys(a, "}");
	h_ok(a, strstr(h_row(a, -2), "frame 21/30") && newest_row(a) == 21, "} ten forward");
	h_keys(a, "Home");
	h_ok(a, strstr(h_row(a, -2), "frame 1/30") && newest_row(a) == 1, "Home: the first frame");
	h_keys(a, "End");
	h_ok(a, !strstr(h_row(a, -2), "frame") && newest_row(a) == 30, "End: live again");
	h_keys(a, "Home");
	h_ok(a, strstr(h_row(a, -2), "cell 1/4") && !strstr(h_row(a, -2), "frame"),
	     "Home on a live cell still goes to the first cell");
	app_free(a);
}

static void back_to_live(void)
{
	app *a = ran_thirty();
	if (!a)
		return;
	h_keys(a, "[ [ [");
	h_keys(a, "e");
	h_ok(a, newest_row(a) == 30 && strstr(h_row(a, -2), "EDITING") && !strstr(h_row(a, -2), "frame"),
	     "e (edit) shows the live outputs");
	h_keys(a, "Escape");
	h_keys(a, "[ [ [ k");
	h_ok(a, strstr(h_row(a, -2), "cell 2/4") && !strstr(h_row(a, -2), "frame"),
	     "moving to another cell keeps the step, the status speaks of the current cell");
	h_ok(a, h_has(a, "thirty frames \xe2\x94\x80") && h_has(a, "\xe2\x94\x80 frame 27/30"),
	     "the stepped cell's header says which frame it shows");
	h_keys(a, "j");
	h_ok(a, strstr(h_row(a, -2), "frame 27/30") != NULL, "back on it: still frame 27");
	h_keys(a, "Enter");
	h_settle(a);
	h_ok(a, newest_row(a) == 30 && !strstr(h_row(a, -2), "frame"), "running it again: live");
	h_keys(a, "[ ] ]");
	h_ok(a, !strstr(h_row(a, -2), "frame") && newest_row(a) == 30, "] past the last frame: live");
	h_keys(a, "k [");
	h_ok(a, strstr(h_row(a, -1), "No frames to step through") && !strstr(h_row(a, -1), "\xe2\x80\xa6"),
	     "a cell without frames says so, in full at 80 columns: %s", h_row(a, -1));
	h_keys(a, "j j Enter");
	h_ok(a, h_wait(a, "playing", 3), "the slow cell plays");
	h_keys(a, "[");
	h_ok(a, strstr(h_row(a, -1), "still running") != NULL, "[ on a playing cell: pause first");
	h_keys(a, "p");
	h_ok(a, h_wait(a, "paused, frame", 3), "paused");
	h_keys(a, "[");
	h_ok(a, strstr(h_row(a, -2), "frame ") && strstr(h_row(a, -2), "paused"),
	     "a paused cell steps back: %s", h_row(a, -2));
	h_keys(a, ".");
	h_ok(a, !strstr(h_row(a, -2), "/") || !strstr(h_row(a, -2), "idle"), ". goes on from live");
	app_sigint(a);
	h_settle(a);
	app_free(a);
}

/* Stepping back through the paused cell the view follows, then playing on: it is still followed. */
static void paused_follows(void)
{
	h_write(h_path("slow.lua"), "-- title: slow\n\n-- %% slow\n"
	        "t = table.new{'epoch', 'loss'}\nfor e = 1, 1000 do t:add{e, 0} frame() end\n");
	app *a = h_open(24, 80, h_path("slow.lua"));
	if (!a)
		return;
	h_keys(a, "j Enter");
	h_ok(a, h_wait(a, "playing, frame 5", 5), "the slow cell plays");
	h_keys(a, "p");
	h_ok(a, h_wait(a, "paused, frame", 3), "paused");
	h_keys(a, "[ [");
	h_ok(a, strstr(h_row(a, -2), "/"), "it steps back: %s", h_row(a, -2));
	h_ok(a, strstr(h_row(a, -2), "paused, frame") && !strstr(h_row(a, -2), "f follows"),
	     "stepping back through the followed cell keeps following it: %s", h_row(a, -2));
	h_keys(a, "p");
	h_ok(a, h_wait(a, "playing", 3) && !strstr(h_row(a, -2), "following paused"),
	     "p plays on, still followed: %s", h_row(a, -2));
	app_sigint(a);
	h_settle(a);
	app_free(a);
}

/* --- make bench ------------------------------------------------------------------ */

#define L5 "lessons/05-xor-hidden-layer.lua"

/* Returns the 1-based number of lesson 5's training cell (0: not found). */
static size_t training_cell(void)
{
	lesson *L;
	char err[256];
	size_t found = 0;
	if (lesson_load(L5, &L, err, sizeof err) != LESSON_OK)
		return 0;
	for (size_t i = 0; i < lesson_ncells(L) && !found; i++) {
		const char *t = lesson_cell_at(L, i)->title;
		if (t && strcmp(t, "Training for 200 epochs") == 0)
			found = i + 1;
	}
	lesson_free(L);
	return found;
}

/* Returns the current cell's number from the status bar ("cell N/M"). */
static size_t current_cell(app *a)
{
	const char *s = strstr(h_row(a, -2), "cell ");
	return s ? (size_t)strtoul(s + 5, NULL, 10) : 0;
}

/* Runs lesson 5's cells up to its training at top speed; returns the training's seconds. */
static double train_lesson5(app **out)
{
	size_t want = training_cell();
	app *a = h_open(24, 80, L5);
	*out = a;
	if (!a || !want)
		return -1;
	h_keys(a, "+ + + + + + + + g");   /* top speed, from the first cell (the last visit is kept) */
	for (int i = 0; i < 60 && current_cell(a) < want; i++) {
		h_keys(a, "C-r");
		h_settle(a);
	}
	double t0 = h_clock();
	h_keys(a, "Enter");
	h_settle(a);
	return h_clock() - t0;
}

static void bench(void)
{
	app *a = NULL;
	double with = 1e9, without = 1e9;
	for (int k = 0; k < 5; k++) {   /* best of five each, taken in turns: the machine is shared */
		setenv("NNBOOK_NO_HISTORY", "1", 1);
		double t = train_lesson5(&a);
		without = t < without ? t : without;
		app_free(a);
		unsetenv("NNBOOK_NO_HISTORY");
		t = train_lesson5(&a);
		with = t < with ? t : with;
		if (k < 4)
			app_free(a);
	}
	ok(a && with > 0.05 && without > 0.05 && strstr(h_screen(a), "loss after epoch 1"),
	   "lesson 5's training ran to its end each time");
	printf("c scrub_record_slowdown time_s=%.4f with_s=%.3f without_s=%.3f\n",
	       without > 0 ? (with - without) / without : 0, with, without);
	double worst = 0, sum = 0;
	int n = 0;
	for (int i = 0; i < 60; i++) {
		double t0 = h_clock();
		h_keys(a, i < 30 ? "[" : "]");
		app_frame(a);
		double dt = h_clock() - t0;
		worst = dt > worst ? dt : worst;
		sum += dt;
		n++;
		if (i == 29)
			ok(strstr(h_row(a, -2), "frame 170/200") != NULL, "30 [ reach frame 170/200: %s", h_row(a, -2));
	}
	ok(strstr(h_row(a, -2), "frame") == NULL && n == 60, "stepped back and forth to live");
	printf("c scrub_step time_s=%.6f worst_s=%.6f steps=%d\n", sum / n, worst, n);
	app_free(a);
}

int main(void)
{
	h_setup();
	if (getenv("NNBOOK_BENCH")) {
		bench();
		return tap_done();
	}
	back_ten();
	back_to_live();
	paused_follows();
	return tap_done();
}
