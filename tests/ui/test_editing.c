/*
** test_editing.c — editing in the app, without a terminal: type into a
** cell, undo, redo, run from the editor, save, reopen and see the edit;
** the saved file differs from the original only in the edited cell's
** lines; quitting with unsaved edits asks; cell operations (add, delete
** and undo, move, kind, copy/paste); long lines, wide characters, Tab,
** a bracketed paste; Esc typed quickly before a key; the cell in $EDITOR.
*/
#include "screen_harness.h"

#define F "tests/ui/fixtures"

/* Reads the file at path into a new string (free it), or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	if (!f)
		return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	sb_addn(&sb, "", 0);
	return sb_take(&sb);
}

/* Counts the occurrences of what in s. */
static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; p && (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* Returns 1 when the file at path is the original basic.lua with `line` after "print("x is", x)". */
static int only_added(const char *path, const char *line)
{
	char *got = slurp(path), *orig = slurp(F "/basic.lua");
	const char *anchor = "print(\"x is\", x)\n";
	char *at = orig ? strstr(orig, anchor) : NULL;
	int same = 0;
	if (got && at) {
		strbuf want = STRBUF_INIT;
		size_t head = (size_t)(at - orig) + strlen(anchor);
		sb_addn(&want, orig, head);
		sb_adds(&want, line);
		sb_adds(&want, orig + head);
		same = strcmp(sb_str(&want), got) == 0;
		sb_free(&want);
	}
	free(got);
	free(orig);
	return same;
}

static void type_undo_save(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("lesson.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j e");
	h_ok(a, strstr(h_row(a, -2), "EDITING  cell 2/5"), "e opens the editor on the current cell");
	h_ok(a, strstr(h_row(a, -1), "Editing: Esc leaves"), "and says how to leave");
	h_keys(a, "M-> Enter");
	h_type(a, "print(\"edited\", x + 1)");
	h_ok(a, h_has(a, "14 print(\"edited\", x + 1)"), "typed text appears in the cell, with its file line number");
	h_keys(a, "End");   /* a cursor move ends the undo step of the typing before */
	h_type(a, " -- zzz");
	h_ok(a, h_has(a, "zzz"), "more typing");
	h_keys(a, "C-z");
	h_ok(a, !h_has(a, "zzz"), "Ctrl-Z undoes the last typing");
	h_keys(a, "C-y");
	h_ok(a, h_has(a, "zzz"), "Ctrl-Y redoes it");
	h_keys(a, "C-z");
	h_ok(a, !h_has(a, "zzz") && h_has(a, "x + 1)"), "and Ctrl-Z undoes it again");
	h_keys(a, "C-e");
	h_settle(a);
	h_ok(a, h_has(a, "edited 43"), "Ctrl-E runs the cell without leaving the editor");
	h_ok(a, h_has(a, "EDITING"), "the editor is still open after the run");
	h_ok(a, h_has(a, "[+]"), "the status bar shows unsaved edits");
	h_keys(a, "C-s");
	h_ok(a, strstr(h_row(a, -1), "Saved"), "Ctrl-S saves");
	h_ok(a, !h_has(a, "[+]"), "the unsaved marker goes away");
	h_keys(a, "Escape");
	h_ok(a, !h_has(a, "EDITING"), "Esc leaves the editor");
	h_keys(a, "q");
	ok(app_done(a), "q quits at once when everything is saved");
	app_free(a);
	ok(only_added(w, "print(\"edited\", x + 1)\n"), "the file changed only by the edited cell's new line");
	char *bak = slurp(h_path("lesson.lua~")), *orig = slurp(F "/basic.lua");
	ok(bak && orig && strcmp(bak, orig) == 0, "the first save kept a ~ backup of the original");
	free(bak);
	free(orig);
}

static void reopen_and_quit(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("lesson.lua"));
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_ok(a, h_has(a, "print(\"edited\", x + 1)"), "reopened, the edit is there");
	h_ok(a, strstr(h_row(a, -2), "cell 2/5"), "the lesson reopens at the cell where the student left");
	h_keys(a, "e End");
	h_type(a, " -- more");
	h_keys(a, "Escape q");
	h_ok(a, strstr(h_row(a, -1), "Unsaved changes. Quit anyway?"), "q with unsaved edits asks");
	h_keys(a, "x");
	h_ok(a, strstr(h_row(a, -1), "Quit anyway?"), "another key does not answer");
	h_keys(a, "n");
	h_ok(a, !h_has(a, "Quit anyway") && !app_done(a), "n keeps the notebook open");
	h_keys(a, "q y");
	ok(app_done(a), "y quits");
	app_free(a);
	ok(!h_file_has(w, "-- more"), "the unsaved edit was not written");
}

static void cell_ops(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("ops.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j b");
	h_ok(a, strstr(h_row(a, -2), "cell 3/6"), "b adds a cell below and makes it current");
	h_keys(a, "d d");
	h_ok(a, strstr(h_row(a, -2), "cell 3/5"), "d d deletes it");
	h_keys(a, "d");
	h_ok(a, strstr(h_row(a, -1), "press d again"), "a single d only asks for a second one");
	h_keys(a, "d");
	h_ok(a, strstr(h_row(a, -2), "cell 3/4") && !h_has(a, "A table"),
	     "d d deleted the table cell (the current one)");
	h_keys(a, "z");
	h_ok(a, h_has(a, "A table"), "z brings the deleted cell back");
	h_keys(a, "z");
	h_ok(a, strstr(h_row(a, -1), "No deleted cell to bring back"), "a second z has nothing to bring back");
	h_keys(a, "d d u");
	h_ok(a, h_has(a, "A table"), "u is z's alias: it brings a deleted cell back too");
	h_keys(a, "K");
	h_ok(a, strstr(h_row(a, -2), "cell 2/5"), "K moves the cell up");
	h_keys(a, "m");
	h_ok(a, strstr(h_row(a, -1), "The cell is prose now"), "m turns a code cell into prose");
	h_keys(a, "m");
	h_ok(a, strstr(h_row(a, -1), "The cell is prose already"), "m on prose leaves it prose");
	h_keys(a, "y");
	h_ok(a, strstr(h_row(a, -1), "The cell is code now"), "y turns it back into code");
	h_keys(a, "c G v");
	h_ok(a, strstr(h_row(a, -2), "cell 6/6"), "c copies a cell and v pastes it below the last one");
	h_keys(a, "s q");
	ok(app_done(a), "saved, q quits");
	app_free(a);
	char *s = slurp(w);
	ok(s && count(s, "-- %% A table") == 2, "the saved lesson has the pasted copy");
	ok(s && strstr(s, "A table") < strstr(s, "Arithmetic"), "the moved cell is saved in its new place");
	free(s);
}

static void long_wide_tab_paste(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("wide.lua"));
	h_copy(F "/basic.lua", w);
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j e M-> Enter");
	h_type(a, "s = \"\xe5\x8f\x98\xe9\x87\x8f and \xe6\x95\xb0\xe6\x8d\xae\"");
	h_ok(a, h_has(a, "s = \"\xe5\x8f\x98\xe9\x87\x8f and \xe6\x95\xb0\xe6\x8d\xae\""),
	     "wide characters are typed and shown");
	h_keys(a, "Enter");
	h_type(a, "long = \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa END\"");
	h_ok(a, h_has(a, "aaa END\""), "a line longer than the screen scrolls sideways to the cursor");
	h_keys(a, "Home");
	h_ok(a, h_has(a, "15 long = \"aaa"), "Home scrolls back to the start of the line");
	h_keys(a, "Enter Tab");
	h_type(a, "tabbed = 1");
	h_ok(a, h_has(a, "16   tabbed = 1"), "Tab indents by the cell's indent unit");
	h_keys(a, "BTab");
	h_ok(a, h_has(a, "16 tabbed = 1"), "Shift-Tab takes the indent away again");
	h_keys(a, "End Enter PasteBegin");
	h_type(a, "pasted = {\n  1,\n}");
	h_keys(a, "PasteEnd");
	h_ok(a, h_has(a, "19 }"), "a bracketed paste inserts its lines as they are");
	h_ok(a, h_has(a, "18   1,\n"), "pasted lines keep their own indent (no auto-indent added)");
	h_keys(a, "C-z");
	h_ok(a, !h_has(a, "pasted = {"), "one Ctrl-Z undoes the whole paste");
	app_resize(a, 5, 20);
	h_type(a, "small = 1");
	app_resize(a, 24, 80);
	h_ok(a, h_has(a, "small = 1"), "the editor takes keys even on a screen too small to draw");
	h_keys(a, "M-j");
	h_ok(a, !h_has(a, "EDITING") && strstr(h_row(a, -2), "cell 3/5"),
	     "Esc typed quickly before j leaves the editor, and j moves on");
	h_keys(a, "C-s");
	h_ok(a, strstr(h_row(a, -1), "Saved"), "Ctrl-S saves from the notebook too");
	ok(h_file_has(w, "\xe5\x8f\x98\xe9\x87\x8f and \xe6\x95\xb0\xe6\x8d\xae"), "the wide characters are saved as UTF-8");
	app_free(a);
}

static void external(void)
{
	char w[PATH_MAX];
	snprintf(w, sizeof w, "%s", h_path("ext.lua"));
	h_copy(F "/basic.lua", w);
	setenv("EDITOR", "sed -i s/6/9/", 1);
	unsetenv("VISUAL");
	app *a = h_open(24, 80, w);
	if (!a)
		return;
	h_keys(a, "j E");
	h_ok(a, h_has(a, "x = 9 * 7"), "E edits the cell with $EDITOR and the cell shows the result");
	h_ok(a, strstr(h_row(a, -1), "Cell updated from"), "and says so");
	setenv("EDITOR", "false", 1);
	h_keys(a, "E");
	h_ok(a, strstr(h_row(a, -1), "false exited with an error: the cell is unchanged"),
	     "an editor that fails changes nothing");
	h_keys(a, "q");
	h_ok(a, strstr(h_row(a, -1), "Quit anyway"), "the change counts as an unsaved edit");
	h_keys(a, "y");
	ok(app_done(a), "y quits");
	app_free(a);
	unsetenv("EDITOR");
}

int main(void)
{
	h_setup();
	type_undo_save();
	reopen_and_quit();
	cell_ops();
	long_wide_tab_paste();
	external();
	return tap_done();
}
