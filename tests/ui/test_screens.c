/*
** test_screens.c — golden screens at 80x24 and other sizes, without a
** terminal: the browser, a lesson opened, a cell run with a table, an
** error with its traceback, help, a figure, resizes to 120x40, 40x12,
** 30x10 and 20x5 (the "too small" notice), and the status bar's styles.
*/
#include "screen_harness.h"

#define F "tests/ui/fixtures"

static void browser(void)
{
	setenv("NNBOOK_LESSONS", F "/browse", 1);
	app *a = h_open(24, 80, NULL);
	if (!a)
		return;
	h_golden(a, "browser", "the browser lists the lessons with title, source and progress");
	h_ok(a, strstr(h_row(a, 4), "narrow\xe2\x80\xa6 2 cells"), "a title that does not fit ends in an ellipsis");
	h_keys(a, "j");
	h_golden(a, "browser_sel", "j moves the selection");
	h_keys(a, "G");
	h_ok(a, strstr(h_row(a, 6), "\xe2\x96\xb8 3. Third"), "G selects the last lesson");
	h_keys(a, "g ? G");
	h_ok(a, h_has(a, "Lesson browser") && h_has(a, "nnbook help"), "? opens the help over the browser");
	h_keys(a, "Escape");
	h_ok(a, h_has(a, "\xe2\x96\xb8 1. The first"), "Esc gives the browser back as it was");
	h_keys(a, "x");
	h_ok(a, strstr(h_row(a, -1), "x does nothing here: ? lists the keys"),
	     "a key that does nothing says so");
	h_keys(a, "q");
	ok(app_done(a), "q in the browser quits");
	app_free(a);
	setenv("NNBOOK_LESSONS", "lessons", 1);
}

static void basic(void)
{
	app *a = h_open(24, 80, F "/basic.lua");
	if (!a)
		return;
	h_golden(a, "opened", "a lesson opened: prose rendered, code with line numbers, status bar, hint");
	h_golden_styled(a, "opened_styles", "the same screen's colour roles and attributes", 1);
	h_keys(a, "j j Enter");
	h_settle(a);
	h_golden(a, "table", "a cell run with a table");
	h_keys(a, "j Enter");
	h_settle(a);
	h_golden(a, "error", "an error with its traceback, file and line");
	h_keys(a, "?");
	h_golden(a, "help", "? shows the help generated from the key table");
	h_keys(a, "G");
	h_ok(a, h_has(a, "close the help"), "G scrolls the help to its end");
	h_keys(a, "q");
	h_ok(a, !h_has(a, "nnbook help") && h_has(a, "cell 4/5"), "q closes the help");
	app_resize(a, 12, 40);
	h_golden(a, "resize_40x12", "at 40x12 the notebook still draws, the title giving way");
	app_resize(a, 5, 20);
	h_golden(a, "resize_20x5", "at 20x5 the too-small notice shows");
	h_keys(a, "j k ?");
	h_ok(a, h_has(a, "needs 40x10"), "a screen too small takes no keys but q");
	app_resize(a, 24, 80);
	h_ok(a, !h_has(a, "nnbook help") && h_has(a, "cell 4/5"), "back at 80x24 the notebook is as before");
	h_keys(a, "q");
	ok(app_done(a), "q quits when nothing is unsaved");
	app_free(a);
}

static void figure(void)
{
	app *a = h_open(24, 80, F "/figure.lua");
	if (!a)
		return;
	h_keys(a, "Enter");
	h_settle(a);
	h_golden(a, "figure", "a figure drawn in braille");
	app_resize(a, 40, 120);
	h_golden(a, "resize_120x40", "resize to 120x40 re-lays out and redraws the figure");
	app_resize(a, 10, 30);
	h_golden(a, "resize_30x10", "resize to 30x10 shows the too-small notice");
	app_resize(a, 24, 80);
	h_golden(a, "figure", "back to 80x24 the screen is as before");
	h_keys(a, "q");
	ok(app_done(a), "q quits");
	app_free(a);
}

/* --ascii (or a locale without UTF-8): nothing but ASCII on screen. */
static void ascii(void)
{
	app_opts o;
	app_defaults(&o);
	o.ascii = 1;
	app *a = h_open_opts(24, 80, F "/figure.lua", &o);
	if (!a)
		return;
	h_keys(a, "Enter");
	h_settle(a);
	const char *s = h_screen(a);
	int only = 1;
	for (const char *p = s; *p; p++)
		only &= (unsigned char)*p < 128;
	h_ok(a, only && strstr(s, "sigmoid"), "--ascii: the screen is ASCII only");
	h_ok(a, strstr(s, "| ") && strstr(s, "[1]"), "--ascii: the current cell's bar and the rules in ASCII");
	app_free(a);
}

int main(void)
{
	h_setup();
	browser();
	basic();
	figure();
	ascii();
	return tap_done();
}
