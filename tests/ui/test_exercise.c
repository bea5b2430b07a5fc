/*
** test_exercise.c — an exercise's hint and solution cells in the notebook:
** folded to one line, never run by R, `h` shows the hint, `S` the
** solution only after a first checked attempt, the reveals kept in the
** progress and shown again when the lesson is opened again, and a check
** passed with the solution shown says so (and the progress file too).
*/
#include "screen_harness.h"

#define F "tests/ui/fixtures"

static void folded_until_asked(void)
{
	app *a = h_open(24, 80, F "/exercise.lua");
	if (!a)
		return;
	h_golden(a, "exercise_folded", "hint and solution cells show one line each");
	h_ok(a, !h_has(a, "one plus one"), "neither the hint nor the solution is on screen");
	h_keys(a, "j S");
	h_ok(a, strstr(h_row(a, -1), "The solution opens after your first checked attempt"),
	     "S before the check has run says why the solution stays folded");
	h_ok(a, !h_has(a, "one plus one"), "... and it stays folded");
	h_keys(a, "R");
	h_settle(a);
	h_ok(a, h_has(a, "\xe2\x9c\x97 x is 2") && h_has(a, "Stuck? h shows a hint; S the solution."),
	     "R runs the exercise and its check, which fails and points at h and S");
	h_ok(a, h_has(a, "[ ] Solution 1"), "R does not run the solution cell");
	h_keys(a, "G");
	h_ok(a, h_has(a, "the hidden cell ran 42") && h_has(a, "hidden \xe2\x80\x94 h shows it") &&
	     !h_has(a, "secret = 41"), "a source_hidden cell runs in R, its source folded");
	h_keys(a, "h");
	h_ok(a, h_has(a, "secret = 41"), "h on it shows its source");
	h_keys(a, "g h");
	h_ok(a, h_has(a, "Two is one plus one."), "h shows the hint of the exercise at the cursor");
	h_keys(a, "S");
	h_ok(a, h_has(a, "x = 2 ") && h_has(a, "one plus one"),
	     "after the check has run, S shows the solution");
	h_keys(a, "Enter");
	h_settle(a);
	h_keys(a, "k k Enter");
	h_settle(a);
	h_golden(a, "exercise_solved", "the solution run, the check passed with the solution shown");
	h_ok(a, h_has(a, "\xe2\x9c\x93 x is 2") && h_has(a, "passed with the solution shown"),
	     "the verdict says it was passed with the solution shown");
	h_keys(a, "q");
	app_free(a);
	ok(h_file_has(h_path("state/nnbook/progress/exercise.txt"),
	              "shown Hint 1\nshown Solution 1\npassed-with-solution x is 2\n"),
	   "the progress file keeps the reveals and how the exercise was passed");

	a = h_open(24, 80, F "/exercise.lua");
	if (!a)
		return;
	h_keys(a, "G");
	h_ok(a, h_has(a, "Two is one plus one.") && h_has(a, "one plus one"),
	     "opened again, the hint and the solution the student saw are shown");
	h_keys(a, "k S");
	h_ok(a, !h_has(a, "x = 2 ") && h_has(a, "S shows it"), "S folds a shown solution again");
	app_free(a);
}

static void plain_check_keeps_working(void)
{
	app *a = h_open(24, 80, F "/basic.lua");
	if (!a)
		return;
	h_keys(a, "h");
	h_ok(a, strstr(h_row(a, -1), "No hint here"), "h where there is no exercise says so");
	app_free(a);
}

int main(void)
{
	h_setup();
	folded_until_asked();
	plain_check_keeps_working();
	return tap_done();
}
