/*
** test_flows.c — running lessons with keys, without a terminal: run all,
** `i i` on an endless loop and the next cell, play / pause / step a
** training animation one frame at a time (five `.` at once step five),
** the speed, search, clearing, restarting, folding long outputs, a
** lesson's own module, and lesson 1 run to its end.
*/
#include <sys/stat.h>

#include "screen_harness.h"

#define F "tests/ui/fixtures"

/* The number after `words` on screen ("paused at frame 12" -> 12), or -1. */
static long number_after(app *a, const char *words)
{
	const char *p = strstr(h_screen(a), words);
	return p ? strtol(p + strlen(words), NULL, 10) : -1;
}

/* Returns 1 when a row of the screen is the current cell's table row "▌   n   <number>". */
static int newest_row(app *a, long n)
{
	const char *s = h_screen(a);
	while ((s = strstr(s, "\xe2\x96\x8c"))) {
		long got;
		double v;
		int end = 0;
		if (sscanf(s + 3, " %ld %lf%n", &got, &v, &end) == 2 && got == n &&
		    (s[3 + end] == '\n' || !s[3 + end]))
			return 1;
		s += 3;
	}
	return 0;
}

/* Lets the app work for seconds. */
static void idle_for(app *a, double seconds)
{
	double end = h_clock() + seconds;
	while (h_clock() < end)
		app_turn(a, 10);
}

static void run_all(void)
{
	app *a = h_open(24, 80, F "/basic.lua");
	if (!a)
		return;
	h_keys(a, "R");
	h_settle(a);
	h_ok(a, h_has(a, "in main chunk"), "R runs the cells in order up to the failing one");
	h_ok(a, strstr(h_row(a, -2), "cell 4/5  error"), "the status bar says error and shows the failing cell");
	h_keys(a, "j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "after the error, x is 42"),
	     "the next cell still runs and sees the variables of the earlier ones");
	h_keys(a, "q");
	ok(app_done(a), "q quits");
	app_free(a);
}

static void interrupt(void)
{
	app *a = h_open(24, 80, F "/loop.lua");
	if (!a)
		return;
	app_sigint(a);
	h_ok(a, h_has(a, "Nothing is running (Ctrl-C stops a running cell; q quits)"),
	     "Ctrl-C while idle only says that nothing runs");
	h_keys(a, "i i");
	h_ok(a, strstr(h_row(a, -1), "Nothing is running"), "i i while idle only says that nothing runs");
	h_keys(a, "i");
	h_ok(a, strstr(h_row(a, -1), "press i again to interrupt"), "a single i asks for a second one");
	h_keys(a, "Escape Enter");
	h_ok(a, h_wait(a, "running", 3), "the endless loop runs");
	idle_for(a, 0.15);   /* an interrupt before the kernel starts the cell is lost (serve.c) */
	h_keys(a, "i i");
	h_ok(a, h_wait(a, "Interrupted: the kernel keeps its variables", 3), "i i stops a running cell");
	h_ok(a, strstr(h_screen(a), "[1] Forever") && strstr(h_row(a, 0), "interrupted"),
	     "the cell header shows the interrupted state");
	h_ok(a, strstr(h_row(a, -2), "interrupted"), "the status bar says interrupted, not error");
	h_keys(a, "j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "next cell ran, n > 0: true"), "the next cell runs and the state survived");
	h_keys(a, "k Enter");
	h_wait(a, "running", 3);
	idle_for(a, 0.15);
	app_sigint(a);
	h_ok(a, h_wait(a, "Interrupted", 3), "Ctrl-C stops it too");
	app_free(a);
}

static void steps(app *a, long f0)
{
	int good = 1;
	for (long k = 1; k <= 3; k++) {
		char want[64];
		h_keys(a, ".");
		snprintf(want, sizeof want, "paused at frame %ld", f0 + k);
		good &= h_wait(a, want, 3);
		good &= newest_row(a, f0 + k);   /* the newest table row is the epoch of that frame */
		snprintf(want, sizeof want, "paused, frame %ld", f0 + k);
		good &= strstr(h_row(a, -2), want) != NULL;   /* the status bar agrees */
	}
	idle_for(a, 0.2);
	h_ok(a, good && number_after(a, "paused at frame ") == f0 + 3,
	     "each . advances exactly one frame and one epoch (%ld -> %ld)", f0, f0 + 3);
}

static void animation(void)
{
	app *a = h_open(24, 80, F "/training.lua");
	if (!a)
		return;
	h_keys(a, "Enter");
	h_ok(a, h_wait(a, "playing", 3), "a cell calling frame() plays");
	h_keys(a, "p");
	h_ok(a, h_wait(a, "paused at frame", 3), "p pauses at the next frame");
	long f0 = number_after(a, "paused at frame ");
	idle_for(a, 0.2);
	h_ok(a, f0 > 0 && number_after(a, "paused at frame ") == f0, "paused, the frame stays at %ld", f0);
	steps(a, f0);
	h_keys(a, "p");
	h_ok(a, h_wait(a, "playing", 3), "p plays again");
	h_keys(a, "+");
	h_ok(a, strstr(h_row(a, -2), "20 fps"), "+ speeds the animation up");
	h_keys(a, "- -");
	h_ok(a, strstr(h_row(a, -2), " 5 fps"), "- slows it down");
	h_keys(a, "- - - -");
	h_ok(a, strstr(h_row(a, -2), "0.5 fps") && strstr(h_row(a, -1), "Already the slowest"),
	     "the slowest speed says so");
	app_sigint(a);
	h_ok(a, h_wait(a, "interrupted", 3), "Ctrl-C stops the animation");
	app_free(a);
}

/* Frames that change nothing on screen are not paced; frames that do are. */
static void quiet_frames(void)
{
	h_write(h_path("quiet.lua"),
	        "-- %% quiet\nfor i = 1, 500 do frame() end\nprint('quiet ' .. 'finished')\n\n"
	        "-- %% loud\nt = table.new{'i'}\nfor i = 1, 30 do t:add{i} frame() end\n"
	        "print('loud ' .. 'finished')\n");
	app *a = h_open(24, 80, h_path("quiet.lua"));
	if (!a)
		return;
	double t0 = h_clock();
	h_keys(a, "Enter");
	int done = h_wait(a, "quiet finished", 20);
	double took = h_clock() - t0;
	h_ok(a, done && took < 2, "500 frames that change nothing run at full speed (%.2f s)", took);
	h_settle(a);   /* the text shows a moment before the cell ends */
	h_keys(a, "j Enter");
	t0 = h_clock();
	done = h_wait(a, "loud finished", 20);
	took = h_clock() - t0;
	h_ok(a, done && took > 2, "30 frames that add table rows are paced at 10 fps (%.2f s)", took);
	app_free(a);
}

static void search(void)
{
	app *a = h_open(24, 80, F "/basic.lua");
	if (!a)
		return;
	h_keys(a, "/ after");
	h_ok(a, strstr(h_row(a, -1), "/after"), "/ asks for the text on the bottom line");
	h_keys(a, "Enter");
	h_ok(a, strstr(h_row(a, -2), "cell 5/5"), "/ finds text in a later cell and makes it current");
	h_keys(a, "/ outer Enter");
	h_ok(a, strstr(h_row(a, -2), "cell 4/5"), "a second search finds the next cell");
	h_keys(a, "n");
	h_ok(a, strstr(h_row(a, -2), "cell 4/5"), "n goes to the next match");
	h_keys(a, "N N");
	h_ok(a, strstr(h_row(a, -2), "cell 4/5"), "N goes back to the one before");
	h_keys(a, "/ nosuchthing Enter");
	h_ok(a, strstr(h_row(a, -1), "Not found: nosuchthing"), "a search without a match says so");
	h_keys(a, "/ abc BSpace BSpace BSpace BSpace");
	h_ok(a, h_row(a, -1)[0] != '/', "Backspace past the start leaves the search");
	h_keys(a, "g j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "x is 42"), "the cell runs");
	h_keys(a, "O");
	h_ok(a, !h_has(a, "x is 42"), "O clears the cell's outputs");
	h_keys(a, "Enter");
	h_settle(a);
	h_keys(a, "0");
	h_ok(a, strstr(h_row(a, -1), "press 0 again to restart the kernel"), "a single 0 asks for a second one");
	h_keys(a, "0");
	h_ok(a, h_has(a, "Kernel restarted"), "0 0 restarts the kernel");
	h_keys(a, "j j j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "after the error, x is nil"), "after a restart the variables are gone");
	app_free(a);
}

static void folding(void)
{
	app *a = h_open(24, 80, F "/fold.lua");
	if (!a)
		return;
	h_keys(a, "Enter");
	h_settle(a);
	h_ok(a, h_has(a, "line 100\n") && h_has(a, "line 1\n"),
	     "a long output that has ended shows its first and its last lines");
	h_ok(a, h_has(a, "81 lines (o shows them)"), "and says how many lines are folded between");
	h_ok(a, !h_has(a, "line 50\n"), "the middle lines are folded");
	h_keys(a, "o");
	h_ok(a, h_has(a, "line 1\n") && h_has(a, "line 20\n"), "o unfolds the output, from its first line");
	h_keys(a, "o");
	h_ok(a, h_has(a, "lines (o shows them)"), "o folds it again");
	h_keys(a, "j j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "4 lines (o shows them)"), "when outputs are taller than the screen, print output folds first");
	h_ok(a, newest_row(a, 10), "the newest table row stays in view");
	h_ok(a, h_has(a, "row 1\n") && h_has(a, "row 11\n") && !h_has(a, "row 4\n"),
	     "the print output keeps its first and last lines");
	h_ok(a, h_has(a, "i  square"), "the table keeps its header");
	h_keys(a, "o");
	h_ok(a, h_has(a, "row 4\n"), "o shows the folded lines");
	h_keys(a, "j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "7 earlier rows") && h_has(a, "    3  10\n"),
	     "tables still too tall keep their header and newest rows");
	h_keys(a, "o");
	h_ok(a, !h_has(a, "earlier rows"), "o unfolds them");
	app_free(a);
}

/* Five `.` at once step five frames; a lesson's module is found; a saved copy still finds it. */
static void kernel_ux(void)
{
	mkdir(h_path("lessons"), 0755);
	h_write(h_path("lessons/01-steps.lua"),
	        "-- ---\n-- title: Steps and modules\n-- ---\n\n"
	        "-- %% animation\nfor i = 1, 1000 do print(i) frame() end\n\n"
	        "-- %% module\nlocal h = require \"helper\"\nprint(h.greet())\n");
	h_write(h_path("lessons/helper.lua"),
	        "return {greet = function() return \"hello from \" .. \"helper\" end}\n");
	setenv("NNBOOK_LESSONS", h_path("lessons"), 1);
	app *a = h_open(24, 80, NULL);
	if (!a)
		return;
	h_ok(a, h_has(a, "Steps and modules") && !h_has(a, "helper"),
	     "a module next to the lessons is not listed as a lesson");
	h_keys(a, "Enter Enter");
	h_wait(a, "frame", 3);
	h_keys(a, "p");
	h_wait(a, "paused at frame", 3);
	long f0 = number_after(a, "paused at frame ");
	h_keys(a, ". . . . .");
	char want[64];
	snprintf(want, sizeof want, "paused at frame %ld", f0 + 5);
	h_ok(a, h_wait(a, want, 3), "five . pressed at once step five frames (%ld -> %ld)", f0,
	     number_after(a, "paused at frame "));
	h_keys(a, "j Enter");
	h_ok(a, strstr(h_row(a, -1), "A cell is running"), "Enter while a cell runs says so");
	idle_for(a, 0.15);
	h_keys(a, "i i");
	h_wait(a, "Interrupted", 3);
	h_keys(a, "j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "hello from helper"), "the lesson requires its module");
	h_keys(a, "e End");
	h_type(a, " -- edited");
	h_keys(a, "Escape s");
	h_ok(a, strstr(h_row(a, -1), "Saved to your copy"), "a save of the lesson goes to the student's copy");
	h_keys(a, "q");
	h_ok(a, h_has(a, "Lessons") && h_has(a, "your copy"), "q goes back to the browser, which lists the copy");
	h_keys(a, "Enter");
	h_ok(a, strstr(h_row(a, -2), "cell 2/2"), "the copy opens where the student left");
	h_keys(a, "Enter");
	h_settle(a);
	h_ok(a, h_has(a, "hello from helper"), "the saved copy still finds the lesson's module");
	app_free(a);
	setenv("NNBOOK_LESSONS", "lessons", 1);
}

/* Lesson 1, run at full speed to its end. */
static void lesson1(void)
{
	const char *l1 = "lessons/01-perceptron.lua";
	if (access(l1, R_OK) != 0) {
		printf("# no %s: lesson 1 run skipped\n", l1);
		return;
	}
	app *a = h_open(24, 80, l1);
	if (!a)
		return;
	h_keys(a, "+ + + + + R");
	h_ok(a, strstr(h_row(a, -2), "max speed"), "+ up to max speed");
	int idle = h_settle(a);
	h_ok(a, idle && strstr(h_row(a, -2), " idle "), "R runs all of %s and the kernel goes idle", l1);
	h_ok(a, !strstr(h_row(a, -2), " error "), "no cell of %s fails", l1);
	app_free(a);
}

int main(void)
{
	h_setup();
	run_all();
	interrupt();
	animation();
	quiet_frames();
	search();
	folding();
	kernel_ux();
	lesson1();
	return tap_done();
}
