/*
** test_files.c — the files side of the notebook, without a terminal:
** changes made to the lesson outside (reload, outputs kept, conflicts
** asked), the recovery copy written a few seconds after an edit and
** offered at the next start, a second notebook on the same lesson opening
** read-only, a save that goes on when the "~" backup's name is taken, a
** bundled lesson saved to the student's copy with an exercise check and
** its solution, and the browser's reset (D) and bring back (U), which
** never lose a copy.
*/
#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <sys/stat.h>

#include "screen_harness.h"
#include "session.h"

#define F "tests/ui/fixtures"

/*
** Replaces the first `from` in the file at path by `to`, as an editor in
** another pane would, and gives the file a modification time of its own
** (a later second: the change cannot hide in the clock's granularity).
*/
static void change_outside(const char *path, const char *from, const char *to)
{
	static int later;
	FILE *f = fopen(path, "rb");
	strbuf in = STRBUF_INIT, out = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&in, buf, n);
	if (f)
		fclose(f);
	const char *at = strstr(sb_str(&in), from);
	if (at) {
		sb_addn(&out, in.s, (size_t)(at - in.s));
		sb_adds(&out, to);
		sb_adds(&out, at + strlen(from));
		h_write(path, sb_str(&out));
	}
	struct timespec t[2];
	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec += ++later;
	t[1] = t[0];
	utimensat(AT_FDCWD, path, t, 0);
	sb_free(&in);
	sb_free(&out);
}

/* Returns the path of the first file matching pattern (static), or NULL. */
static const char *first_match(const char *pattern)
{
	static char path[PATH_MAX];
	glob_t g;
	int found = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0;
	if (found)
		snprintf(path, sizeof path, "%s", g.gl_pathv[0]);
	globfree(&g);
	return found ? path : NULL;
}

static void outside_changes(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("ext.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j j Enter");
	h_settle(a);
	h_ok(a, h_has(a, "0.200"), "the table cell ran");
	change_outside(w, "x = 6 * 7", "x = 6 * 8");
	h_keys(a, "k");
	h_ok(a, strstr(h_row(a, -1), "reloaded"), "a change on disk is noticed at the next key and reloaded");
	h_ok(a, h_has(a, "x = 6 * 8"), "the changed cell shows the new text");
	h_ok(a, h_has(a, "0.200"), "the outputs of unchanged cells are kept");
	h_keys(a, "e M-> Enter");
	h_type(a, "y = 1");
	h_keys(a, "Escape");
	change_outside(w, "print(\"after the error, x is\", x)", "print(\"changed outside\")");
	h_keys(a, "j");
	h_ok(a, strstr(h_row(a, -1), "The lesson changed on disk. Reload"),
	     "with unsaved edits, a change on disk asks before reloading");
	h_keys(a, "y");
	h_ok(a, strstr(h_row(a, -1), "kept your version"), "y reloads the other cells and keeps the student's version");
	h_keys(a, "g");
	int edit = h_has(a, "y = 1");
	h_keys(a, "G");
	h_ok(a, edit && h_has(a, "print(\"changed outside\")"), "both the edit and the outside change are on screen");
	h_keys(a, "s");
	ok(h_file_has(w, "y = 1") && h_file_has(w, "print(\"changed outside\")"), "saving writes the merge");
	change_outside(w, "y = 1", "y = 2");
	app_key(a, UK_FOCUS_IN);
	h_ok(a, strstr(h_row(a, -1), "reloaded") && h_has(a, "y = 2"),
	     "coming back to the terminal (focus) is a moment to look too");
	app_free(a);
}

static void recovery(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("auto.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j e M-> Enter");
	app_turn(a, 0);   /* the first edit is written at once */
	h_type(a, "print(\"autosaved\")");
	app_turn(a, 0);
	const char *rec = first_match(h_path("state/nnbook/recovery/auto-*.lua"));
	ok(rec && !h_file_has(rec, "autosaved"), "the next edits wait a few seconds for the recovery file");
	app_advance_clock(a, 4);
	app_turn(a, 0);
	rec = first_match(h_path("state/nnbook/recovery/auto-*.lua"));
	ok(rec && h_file_has(rec, "print(\"autosaved\")"),
	   "an edit reaches the recovery file within a few seconds, without saving");
	app *b = h_open(24, 80, w);
	if (b) {
		h_ok(b, strstr(h_row(b, -1), "is open in another nnbook: read-only here"),
		     "a second notebook on the lesson says it is open elsewhere");
		h_ok(b, strstr(h_row(b, -2), "read-only"), "and its status bar says read-only");
		h_keys(b, "e");
		h_ok(b, strstr(h_row(b, -1), "read-only here") && !h_has(b, "EDITING"), "and refuses to edit it");
		h_keys(b, "s");
		h_ok(b, strstr(h_row(b, -1), "Not saved: this lesson is open in another nnbook"), "or to save it");
		app_free(b);
	}
	h_keys(a, "C-s");
	ok(rec && access(rec, F_OK) != 0, "saving removes the recovery file");
	h_type(a, " -- lost?");
	app_free(a);   /* as on a hangup: the unsaved edit goes to the recovery file first */
	ok(!h_file_has(w, "lost?"), "the program ending kept the lesson file as saved");
	a = h_open(24, 80, w);
	if (!a)
		return;
	h_ok(a, strstr(h_row(a, -1), "Unsaved edits from a previous session were found. Restore them? (y/n)"),
	     "the next start offers to restore the edits");
	h_keys(a, "Escape q");
	h_ok(a, strstr(h_row(a, -1), "Restore them?"), "Esc and q do not throw them away");
	h_keys(a, "y");
	h_ok(a, h_has(a, "lost?") && h_has(a, "[+]"), "y brings them back, as unsaved edits");
	h_keys(a, "q y");
	app_free(a);
}

static void backup_in_the_way(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("shared.lua"));
	h_copy(F "/basic.lua", w);
	mkdir(h_path("shared.lua~"), 0755);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j e M-> Enter");
	h_type(a, "edited = 1");
	h_keys(a, "Escape s");
	h_ok(a, strstr(h_row(a, -1), "Saved, but the backup shared.lua~ could not be written: it is a folder"),
	     "a folder at the backup's name: saved all the same, and the message says no backup");
	struct stat sb;
	ok(h_file_has(w, "edited = 1") && stat(h_path("shared.lua~"), &sb) == 0 && S_ISDIR(sb.st_mode),
	   "the file has the edit and the folder is left alone");
	app_free(a);
}

/* Deletes the first line of the current cell's text (Ctrl-A then Ctrl-D ten times). */
static void delete_answer(app *a)
{
	h_keys(a, "C-a C-d C-d C-d C-d C-d C-d C-d C-d C-d C-d");
}

static void bundled(void)
{
	mkdir(h_path("bundled"), 0755);
	h_copy(F "/browse/01-first.lua", h_path("bundled/01-first.lua"));
	h_copy(F "/browse/02-second.lua", h_path("bundled/02-second.lua"));
	h_copy(F "/browse/03-third.lua", h_path("bundled/03-third.lua"));
	setenv("NNBOOK_LESSONS", h_path("bundled"), 1);
	app *a = h_open(24, 80, NULL);
	if (!a)
		return;
	h_keys(a, "Enter R");
	h_settle(a);
	h_ok(a, h_has(a, "the answer is 42"), "run all shows the exercise check");
	h_ok(a, h_has(a, "S shows a solution"), "a failed check offers its solution");
	h_keys(a, "S");
	h_ok(a, h_has(a, "answer = 42"), "S reveals the solution");
	h_keys(a, "k e");
	delete_answer(a);
	h_type(a, "answer = 42");
	h_keys(a, "Escape R");
	h_settle(a);
	h_ok(a, h_has(a, "\xe2\x9c\x93 the answer is 42"), "after the fix the check passes");
	h_keys(a, "s");
	h_ok(a, strstr(h_row(a, -1), "Saved to your copy"), "a bundled lesson is saved to the user's copy");
	ok(h_file_has(h_path("bundled/01-first.lua"), "\nanswer = 0\n") &&
	   h_file_has(h_path("data/nnbook/lessons/01-first.lua"), "\nanswer = 42\n"),
	   "the bundled file is unchanged; the copy in the data folder has the edit");
	h_keys(a, "q");
	const char *row = h_row(a, 2);
	h_ok(a, strstr(row, "The first lesson") && strstr(row, "your copy") && strstr(row, "1/1"),
	     "the browser lists the user's copy in place of the original, with the passed exercise");
	app_free(a);
}

/* Returns the browser's line of the first lesson. */
static const char *first_line(app *a)
{
	return h_row(a, 2);
}

static void reset_asks(app *a, const char *copy)
{
	h_keys(a, "D");
	h_ok(a, strstr(h_row(a, -1), "Reset to the original? Your copy is kept as a backup (U brings it back) y/n"),
	     "D asks before resetting, and says the copy is kept and U brings it back");
	h_golden(a, "reset_ask", "the question on the bottom line at 80x24");
	static const char *const no[] = {"n", "Escape", "q"};
	for (size_t i = 0; i < 3; i++) {
		h_keys(a, no[i]);
		h_ok(a, !h_has(a, "Reset to the original?") && h_file_has(copy, "answer = 42 -- mine") &&
		        !first_match(h_path("r/nnbook/lessons/*.reset-*")),
		     "answering %s keeps the copy where it is and makes no backup", no[i]);
		h_keys(a, "D");
	}
	h_keys(a, "y");
	h_ok(a, strstr(h_row(a, -1), "Your copy is kept as 01-first.lua.reset-1 (U brings it back)"),
	     "y resets and names the backup");
	ok(access(copy, F_OK) != 0, "the copy's name is free: the original is listed again");
	ok(h_file_has(h_path("r/nnbook/lessons/01-first.lua.reset-1"), "answer = 42 -- mine"),
	   "the backup holds the student's text, next to where the copy was");
	h_ok(a, strstr(first_line(a), "backup (U)") && !strstr(first_line(a), "your copy"),
	     "the entry shows the original, marked as having a backup");
	h_golden(a, "reset_done", "the browser after a reset at 80x24");
}

static void bring_back_newer(app *a, const char *copy)
{
	h_keys(a, "D y Enter j e");
	delete_answer(a);
	h_type(a, "answer = 7 -- newer");
	h_keys(a, "Escape s");
	h_ok(a, strstr(h_row(a, -1), "Saved to your copy"), "a new copy saved next to a backup");
	h_keys(a, "q");
	h_ok(a, strstr(first_line(a), "your copy  backup (U)"), "a new copy next to a backup: the entry shows both");
	h_keys(a, "U");
	h_ok(a, strstr(h_row(a, -1), "Bring back your backup? The copy you have now is kept as a backup y/n"),
	     "U over a newer copy asks first");
	h_keys(a, "Escape");
	h_ok(a, !h_has(a, "Bring back your backup?") && h_file_has(copy, "answer = 7 -- newer"), "Esc changes nothing");
	h_keys(a, "U y");
	h_ok(a, strstr(h_row(a, -1), "the copy you had is kept as 01-first.lua.reset-2"),
	     "y brings the backup back and names where the newer copy went");
	ok(h_file_has(copy, "answer = 42 -- mine") &&
	   h_file_has(h_path("r/nnbook/lessons/01-first.lua.reset-2"), "answer = 7 -- newer") &&
	   access(h_path("r/nnbook/lessons/01-first.lua.reset-1"), F_OK) != 0,
	   "both texts are kept: the backup as the copy, the newer copy as a backup");
	char other[256] = "";
	DIR *d = opendir(h_path("r/nnbook/lessons"));
	for (struct dirent *de; d && (de = readdir(d));)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    strncmp(de->d_name, "01-first.lua", 12) != 0)
			snprintf(other, sizeof other, "%s", de->d_name);
	if (d)
		closedir(d);
	ok(d && !other[0], "no other file appeared in the lessons folder%s%s", *other ? ": " : "", other);
}

static void reset_and_bring_back(void)
{
	/* a student with a copy of the first lesson, their answer in it, and no progress yet */
	setenv("XDG_DATA_HOME", h_path("r"), 1);
	setenv("XDG_STATE_HOME", h_path("r/state"), 1);
	mkdir(h_path("r"), 0755);
	mkdir(h_path("r/nnbook"), 0755);
	mkdir(h_path("r/nnbook/lessons"), 0755);
	char copy[PATH_MAX];
	snprintf(copy, sizeof copy, "%s", h_path("r/nnbook/lessons/01-first.lua"));
	h_copy(h_path("bundled/01-first.lua"), copy);
	change_outside(copy, "\nanswer = 0\n", "\nanswer = 42 -- mine\n");
	app *a = h_open(24, 80, NULL);
	if (!a)
		return;
	h_ok(a, strstr(first_line(a), "your copy"), "the browser lists the student's copy of the first lesson");
	reset_asks(a, copy);
	h_keys(a, "Enter");
	h_ok(a, strstr(h_row(a, -2), "cell 1/3") && h_has(a, "answer = 0"), "Enter opens the original lesson");
	h_keys(a, "q U");
	h_ok(a, strstr(h_row(a, -1), "Your backup is back as your copy: Enter opens it"),
	     "U brings the backup back at once when no copy is in the way");
	ok(h_file_has(copy, "answer = 42 -- mine") &&
	   access(h_path("r/nnbook/lessons/01-first.lua.reset-1"), F_OK) != 0, "the backup is the copy again");
	h_ok(a, strstr(first_line(a), "your copy") && !strstr(first_line(a), "backup (U)"),
	     "the entry shows the copy, with no backup left");
	bring_back_newer(a, copy);
	app *b = h_open(24, 80, copy);
	h_keys(a, "D y");
	h_ok(a, strstr(h_row(a, -1), "open in another nnbook: close it there first"),
	     "D y while another notebook has the lesson open refuses, and says why");
	ok(h_file_has(copy, "answer = 42 -- mine") && access(h_path("r/nnbook/lessons/01-first.lua.reset-1"), F_OK) != 0,
	   "and changes nothing");
	app_free(b);
	h_keys(a, "j D");
	h_ok(a, strstr(h_row(a, -1), "nothing to reset"), "D on a lesson without a copy says there is nothing to reset");
	h_keys(a, "U");
	h_ok(a, strstr(h_row(a, -1), "No backup of this lesson"), "U on a lesson without a backup says so");
	h_keys(a, "q");
	ok(app_done(a), "q quits");
	app_free(a);
}

/* The store session on its own: progress at the end of a cell, changes on disk reported once. */
static void session(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("session.lua"));
	h_copy(F "/basic.lua", w);
	store *st = store_new(0);
	store_session *s = store_session_open(st, w, 0);
	ok(s && !store_session_read_only(s) && store_session_where(s) == STORE_IN_PLACE,
	   "a session on a lesson in a writable folder saves in place");
	store_session *s2 = store_session_open(st, w, 0);
	ok(s2 && store_session_read_only(s2), "a second session on it is read-only");
	store_session_close(s2, 4);
	change_outside(w, "x = 6 * 7", "x = 6 * 9");
	store_session_passed(s, "the first exercise");
	ok(store_session_cell_end(s, 3, 0) == 0, "a cell end that may not look reports nothing");
	ok(store_session_cell_end(s, 3, 1) == 1, "the next one that may look reports the change");
	ok(store_session_changed(s) == 0, "and a change is reported once");
	store_progress p;
	memset(&p, 0, sizeof p);
	ok(store_progress_load(st, "session", &p) == STORE_OK && p.cell == 3 &&
	   store_progress_passed(&p, "the first exercise"),
	   "a cell end saved the progress (the cell, the passed exercise)");
	store_progress_clear(&p);
	strbuf to = STRBUF_INIT;
	ok(store_session_save(s, "-- ---\n-- title: t\n-- ---\n", 25, &to) == STORE_OK &&
	   store_session_changed(s) == 0, "our own save is not a change made outside");
	sb_free(&to);
	store_session_close(s, 5);
	ok(store_progress_load(st, "session", &p) == STORE_OK && p.cell == 5,
	   "closing the session keeps where the student is");
	store_progress_clear(&p);
	store_free(st);
}

int main(void)
{
	h_setup();
	session();
	outside_changes();
	recovery();
	backup_in_the_way();
	bundled();
	reset_and_bring_back();
	return tap_done();
}
