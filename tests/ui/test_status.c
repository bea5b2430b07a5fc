/*
** test_status.c — the two bottom lines and the help screen at small
** widths, without a terminal: the status bar laid out by priority (a long
** title shrinks with "…" while EDITING, the cell and the state stay whole,
** at 80 and 40 columns), "your copy" only when the student's copy exists,
** the state of one lesson not shown in the next one opened, help lines cut
** with "…", the hint keeping `q quit`, and q with unsaved edits on a
** terminal too small to draw: the question is shown and answered.
*/
#include <sys/stat.h>

#include "screen_harness.h"

#define F "tests/ui/fixtures"
#define ELL "\xe2\x80\xa6"

static const char long_lesson[] =
	"-- ---\n"
	"-- title: A lesson whose title is far too long for any status bar at eighty columns\n"
	"-- ---\n\n"
	"-- %% [markdown]\n-- # Long\n\n"
	"-- %% First\nx = 1\n\n"
	"-- %% Second\nprint(x)\n";

/* Returns 1 when the status bar row is the title cut with "…", then exactly `right` at the end. */
static int bar_is(app *a, const char *title_start, const char *right)
{
	const char *row = h_row(a, -2), *ell = strstr(row, ELL);
	size_t rn = strlen(row), n = strlen(right);
	return strncmp(row + 1, title_start, strlen(title_start)) == 0 && ell &&
	       rn >= n && strcmp(row + rn - n, right) == 0 && ell <= row + rn - n;
}

static void long_title(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("long.lua"));
	h_write(w, long_lesson);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_ok(a, bar_is(a, "A lesson whose title", "cell 1/3  idle  10 fps"),
	     "80 columns: the long title ends in an ellipsis, the cell and state stay whole");
	h_keys(a, "j e");
	h_ok(a, bar_is(a, "A lesson whose", "EDITING  cell 2/3  idle  10 fps"),
	     "EDITING: the title gives way, nothing else is cut");
	h_keys(a, "M-> Enter");
	h_type(a, "y = 2");
	h_ok(a, bar_is(a, "A lesson whose", ELL " [+]  EDITING  cell 2/3  idle  10 fps"),
	     "an unsaved edit: [+] right after the shortened title");
	app_resize(a, 12, 40);
	const char *row = h_row(a, -2);
	h_ok(a, strstr(row, ELL " [+]  EDITING  cell 2/3  idle") && !strstr(row, "fps"),
	     "40 columns: the speed goes first, the mode, cell and state stay");
	app_resize(a, 24, 80);
	h_keys(a, "Escape");
	h_keys(a, "C-r");
	h_settle(a);
	h_ok(a, bar_is(a, "A lesson whose", ELL " [+]  cell 3/3  idle  10 fps"),
	     "back in the notebook: no EDITING");
	h_keys(a, "q y");
	ok(app_done(a), "q y quits without saving");
	app_free(a);
}

/* A folder of bundled lessons (NNBOOK_LESSONS) with two lessons. */
static void bundled_folder(void)
{
	mkdir(h_path("bundled"), 0755);
	h_copy(F "/basic.lua", h_path("bundled/01-basic.lua"));
	h_copy(F "/browse/01-first.lua", h_path("bundled/02-first.lua"));
	setenv("NNBOOK_LESSONS", h_path("bundled"), 1);
}

static void your_copy(void)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s", h_path("bundled/01-basic.lua"));
	app *a = h_open(24, 80, path);
	if (!a)
		return;
	h_ok(a, !strstr(h_row(a, -2), "your copy"), "a bundled lesson without a copy: no \"your copy\"");
	h_keys(a, "j e End");
	h_type(a, " -- mine");
	h_keys(a, "Escape");
	h_ok(a, !strstr(h_row(a, -2), "your copy"), "an unsaved edit makes no copy yet");
	h_keys(a, "s");
	h_ok(a, strstr(h_row(a, -1), "Saved to your copy") && strstr(h_row(a, -2), "your copy"),
	     "saved: the copy exists now, and the bar says so");
	h_keys(a, "q");
	app_free(a);
	a = h_open(24, 80, NULL);
	if (!a)
		return;
	h_keys(a, "Enter");
	h_ok(a, strstr(h_row(a, -2), "your copy") && h_has(a, "-- mine"),
	     "the browser opens the copy: \"your copy\"");
	h_keys(a, "q j Enter");
	h_ok(a, h_has(a, "The first lesson") && !strstr(h_row(a, -2), "your copy"),
	     "the other bundled lesson has no copy: no \"your copy\"");
	app_free(a);
}

static void state_per_lesson(void)
{
	app *a = h_open(24, 80, NULL);
	if (!a)
		return;
	h_keys(a, "Enter R");
	h_settle(a);
	h_ok(a, strstr(h_row(a, -2), "cell 4/5  error"), "a cell failed: the lesson's state is error");
	h_keys(a, "q j Enter");
	h_ok(a, h_has(a, "The first lesson") && strstr(h_row(a, -2), "idle") &&
	        !strstr(h_row(a, -2), "error"),
	     "the next lesson opened is idle: the error stayed with its lesson");
	h_keys(a, "q k Enter");
	h_ok(a, strstr(h_row(a, -2), "idle"), "and the first lesson, opened again, starts idle with a new kernel");
	app_free(a);
}

/* Returns 1 when every row of the screen but the last two is at most width columns. */
static int rows_within(app *a, int width)
{
	const char *s = h_screen(a);
	for (int r = 0; r < 22 && *s; r++) {
		size_t n = strcspn(s, "\n");
		if ((int)utf8_width(s, n) > width)
			return 0;
		s += n + (s[n] == '\n');
	}
	return 1;
}

static void help_ellipsis(void)
{
	app *a = h_open(24, 80, F "/basic.lua");
	if (!a)
		return;
	h_keys(a, "?");
	for (int k = 0; k < 2 && !h_has(a, "  E "); k++)
		h_keys(a, "Space");
	h_ok(a, h_has(a, "(not in restricted mode)\n"), "80 columns: the E row is whole");
	app_resize(a, 24, 60);
	h_keys(a, "g");
	int cut = 0, bad = 0;
	for (int page = 0; page < 12; page++) {
		const char *s = h_screen(a);
		for (int r = 0; r < 22 && *s; r++) {
			size_t n = strcspn(s, "\n");
			/* a row as wide as the help area was cut: it must end in the ellipsis */
			if (utf8_width(s, n) >= 60) {
				cut++;
				bad += n < 3 || memcmp(s + n - 3, ELL, 3) != 0;
			}
			s += n + (s[n] == '\n');
		}
		h_keys(a, "Space");
	}
	h_ok(a, cut > 0 && bad == 0, "60 columns: %d help rows cut, every one ends in \"…\"", cut);
	h_ok(a, rows_within(a, 60), "and none runs past the edge");
	h_keys(a, "q");
	app_resize(a, 24, 80);
	h_ok(a, strstr(h_row(a, -1), "? help  q quit"), "80 columns: the hint ends with ? help and q quit");
	app_resize(a, 12, 40);
	h_ok(a, strstr(h_row(a, -1), "? help  q quit") && strlen(h_row(a, -1)) <= 40,
	     "40 columns: words give way, ? help and q quit stay");
	app_free(a);
}

static void too_small_quit(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("small.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j e End");
	h_type(a, " -- unsaved");
	h_keys(a, "Escape");
	app_resize(a, 5, 20);
	h_ok(a, h_has(a, "needs 40x10"), "too small: the notice");
	h_keys(a, "q");
	h_ok(a, h_has(a, "Quit") && h_has(a, "anyway?") && h_has(a, "(y/n)"),
	     "q with unsaved edits: the question is on the screen, wrapped to its width");
	h_keys(a, "j");
	h_ok(a, h_has(a, "anyway?") && !app_done(a), "another key does not answer it");
	h_keys(a, "n");
	h_ok(a, h_has(a, "needs 40x10") && !app_done(a), "n: back to the notice, nothing quit");
	h_keys(a, "q y");
	ok(app_done(a), "q y quits");
	app_free(a);
	ok(!h_file_has(w, "-- unsaved"), "the unsaved edit was not written");
}

int main(void)
{
	h_setup();
	long_title();
	bundled_folder();
	your_copy();
	state_per_lesson();
	help_ellipsis();
	too_small_quit();
	return tap_done();
}
