/*
** test_exercise.c — an exercise's hint and solution cells in the notebook:
** folded to one line, never run by R, `h` shows the hint, `S` the
** solution only after a first checked attempt (a check run on an edited
** exercise, kept in the progress), the reveals kept in the progress and
** shown again when the lesson is opened again, and a check passed with
** the solution shown says so (and the progress file too).
*/
#include <sys/stat.h>

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
	h_ok(a, strstr(h_row(a, -1), "The solution opens after a first attempt: edit the exercise, run its check"),
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
	h_ok(a, strstr(h_row(a, -1), "The solution opens after a first attempt") &&
	     !h_has(a, "x = 2 "), "R checked the exercise as the lesson gave it: S does not open yet");
	h_keys(a, "g j e End");
	h_type(a, "\nx = 3");
	h_keys(a, "Escape Enter");
	h_settle(a);
	h_keys(a, "j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "\xe2\x9c\x97 x is 2\n") && h_has(a, "  x is 3\n"),
	     "the student's own attempt fails its check");
	h_keys(a, "S");
	h_ok(a, h_has(a, "x = 2 ") && h_has(a, "one plus one"),
	     "after a checked attempt, S shows the solution");
	h_keys(a, "Enter");
	h_settle(a);
	h_keys(a, "k k Enter");
	h_settle(a);
	h_golden(a, "exercise_solved", "the solution run, the check passed with the solution shown");
	h_ok(a, h_has(a, "\xe2\x9c\x93 x is 2") && h_has(a, "passed with the solution shown"),
	     "the verdict says it was passed with the solution shown");
	h_keys(a, "q y");
	app_free(a);
	ok(h_file_has(h_path("state/nnbook/progress/exercise.txt"),
	              "shown Hint 1\nattempted Check 1\nshown Solution 1\npassed-with-solution x is 2\n"),
	   "the progress file keeps the reveals, the attempt and how the exercise was passed");

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

/*
** An attempt is a check run on an exercise the student changed: R on a
** bundled lesson as it came opens no solution; an edit and its check do,
** and the attempt is kept in the progress, so the lesson opened again
** opens the solution without another check.
*/
static void attempt_needs_a_change(void)
{
	char path[PATH_MAX];
	mkdir(h_path("bundled"), 0755);
	h_copy(F "/exercise.lua", h_path("bundled/exercise-b.lua"));
	setenv("NNBOOK_LESSONS", h_path("bundled"), 1);
	snprintf(path, sizeof path, "%s", h_path("bundled/exercise-b.lua"));
	app *a = h_open(24, 80, path);
	if (!a)
		return;
	h_keys(a, "R");
	h_settle(a);
	h_keys(a, "g j j S");
	h_ok(a, strstr(h_row(a, -1), "The solution opens after a first attempt") &&
	     h_has(a, "available after your first checked attempt"),
	     "after R on the lesson as it came, S says the solution is not open yet");
	h_keys(a, "Enter");
	h_settle(a);
	h_keys(a, "S");
	h_ok(a, strstr(h_row(a, -1), "The solution opens after a first attempt") && !h_has(a, "x = 2 "),
	     "the check run again on the unchanged exercise opens nothing either");
	h_keys(a, "k e End");
	h_type(a, "\nx = 3");
	h_keys(a, "Escape j S");
	h_ok(a, strstr(h_row(a, -1), "The solution opens after a first attempt"),
	     "an edit alone is not an attempt: its check has not run");
	h_keys(a, "Enter");
	h_settle(a);
	h_ok(a, h_has(a, "  x is 1\n") && h_has(a, "solution \xe2\x80\x94 S shows it"),
	     "the check run on the edited exercise is an attempt: the solution may open");
	h_keys(a, "q y");
	app_free(a);
	ok(h_file_has(h_path("state/nnbook/progress/exercise-b.txt"), "attempted Check 1\n"),
	   "the progress file keeps the attempt");
	a = h_open(24, 80, path);
	if (!a)
		return;
	h_keys(a, "g j j S");
	h_ok(a, h_has(a, "x = 2 ") && h_has(a, "one plus one"),
	     "opened again, without the edit, S opens the solution: the attempt was kept");
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

/*
** Ctrl-R on a check moves the cursor to the hint below while the view
** follows the check's output; once the check has ended, the cursor's cell
** is on screen too (it was left below the view).
*/
static void run_next_shows_cursor(void)
{
	app *a = h_open(12, 80, F "/exercise.lua");
	if (!a)
		return;
	h_keys(a, "g j j C-r");
	h_settle(a);
	h_ok(a, strstr(h_row(a, -2), "cell 4/6") && h_has(a, "Stuck? h shows a hint") &&
	     strstr(h_row(a, -3), "\xe2\x96\x8c "),
	     "after Ctrl-R on a check, its verdict and the selected hint are both on screen");
	app_free(a);
}

/*
** b on a check (a scratch cell below it, as in Jupyter) or v there adds
** the cell after the exercise's hint and solution, which stay the
** exercise's: h still shows the hint.
*/
static void add_below_check(void)
{
	app *a = h_open(24, 80, F "/exercise.lua");
	if (!a)
		return;
	h_keys(a, "g j j b");
	h_ok(a, strstr(h_row(a, -2), "cell 6/7"), "b on the check adds the cell after its hint and solution");
	h_keys(a, "g j j c v");
	h_ok(a, strstr(h_row(a, -2), "cell 6/10"),
	     "v on the check pastes after them too (c copied the check with them)");
	h_keys(a, "g j h");
	h_ok(a, strstr(h_row(a, -2), "cell 4/10") && strstr(h_row(a, -1), "Hint 1"),
	     "h on the exercise still acts on its hint");
	h_keys(a, "q y");
	app_free(a);
}

/* Returns 1 when each of the words is on screen after the one before it. */
static int in_order(app *a, const char *const *words)
{
	const char *at = h_screen(a);
	for (; *words && at; words++)
		if ((at = strstr(at, *words)) != NULL)
			at += strlen(*words);
	return at != NULL;
}

#define ORDER(...) in_order(a, (const char *const[]){__VA_ARGS__, NULL})
#define EX "Exercise 1: double it"
#define CH "[ ] Check 1"
#define HI "hint \xe2\x80\x94 h shows it"
#define SO "Solution 1"
#define SE "[ ] Setup"

/*
** J / K, d d, x, z, c and v on a check act on it with its hint and solution
** cells; a hint or solution moves only among them.  Each step is checked
** by the order of the cells on screen (the lesson fits at 80x24).
*/
static void check_keeps_its_help(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("group.lua"));
	h_copy(F "/exercise.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "g j j K");
	h_ok(a, ORDER(CH, HI, SO, EX, SE) && strstr(h_row(a, -2), "cell 2/6"),
	     "K on a check moves it above the exercise with its hint and solution");
	h_keys(a, "J J");
	h_ok(a, ORDER(EX, SE, CH, HI, SO) && strstr(h_row(a, -2), "cell 4/6"),
	     "J moves the three past one cell at a time, the exercise, then the setup cell");
	h_keys(a, "K k");
	h_ok(a, ORDER(EX, CH, HI, SO, SE) && strstr(h_row(a, -2), "cell 2/6"), "K brings them back");
	h_keys(a, "J");
	h_ok(a, ORDER(CH, HI, SO, EX, SE) && strstr(h_row(a, -2), "cell 5/6"),
	     "J on the exercise jumps over the check with its hint and solution");
	h_keys(a, "K");
	h_ok(a, ORDER(EX, CH, HI, SO, SE) && strstr(h_row(a, -2), "cell 2/6"),
	     "K on the cell below them jumps over the three too");
	h_keys(a, "j j K");
	h_ok(a, ORDER(EX, CH, HI, SO, SE) && strstr(h_row(a, -1), "stay with their check") &&
	     strstr(h_row(a, -2), "cell 4/6"), "K on the hint does not take it above its check");
	h_keys(a, "J");
	h_ok(a, ORDER(EX, CH, SO, HI, SE) && strstr(h_row(a, -2), "cell 5/6"),
	     "J on the hint trades places with the solution");
	h_keys(a, "J");
	h_ok(a, ORDER(EX, CH, SO, HI, SE) && strstr(h_row(a, -1), "stay with their check"),
	     "J on the last of them does not take it past the group");
	h_keys(a, "K g j j d d");
	h_ok(a, ORDER(EX, SE) && !h_has(a, CH) && !h_has(a, HI) && !h_has(a, SO) &&
	     strstr(h_row(a, -2), "cell 3/3") && strstr(h_row(a, -1), "z brings them back"),
	     "d d on the check deletes its hint and solution too");
	h_keys(a, "z");
	h_ok(a, ORDER(EX, CH, HI, SO, SE) && strstr(h_row(a, -2), "cell 3/6"),
	     "z brings the three back, the hint still a hint");
	h_keys(a, "x G v");
	h_ok(a, ORDER(EX, SE, CH, HI, SO) && strstr(h_row(a, -2), "cell 4/6"),
	     "x cuts the check with its hint and solution, v pastes the three");
	h_keys(a, "c g v");
	h_ok(a, strstr(h_row(a, -2), "cell 2/9") && h_has(a, "solution \xe2\x80\x94 available after"),
	     "c copies the three; v pastes them, hint and solution folded");
	h_keys(a, "g j h");
	h_ok(a, h_has(a, "Two is one plus one."), "h on the exercise still finds a hint of its own");
	h_keys(a, "q y");
	app_free(a);
}

int main(void)
{
	h_setup();
	folded_until_asked();
	attempt_needs_a_change();
	plain_check_keeps_working();
	run_next_shows_cursor();
	add_below_check();
	check_keeps_its_help();
	return tap_done();
}
