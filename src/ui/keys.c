/*
** keys.c — the key table, the dispatcher, the help screen and the hint.
**
** Every key is a row of one table: which screen, which keys, the request,
** the help text.  The dispatcher looks keys up here, the help screen (`?`)
** and docs/keys.md are printed from here, so help can never disagree with
** what the keys do.  Keys follow Jupyter's command mode and less; every
** Ctrl chord has a plain key too, since many terminals cannot send them.
*/
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "ui.h"

enum { S_NB = 1, S_BR = 2, S_HE = 4, S_ED = 8 };
enum { G_MOVE, G_RUN, G_TRAIN, G_CELLS, G_OTHER, G_BROWSER, G_HELP, G_EDIT, G_COUNT };

static const char *const group_names[G_COUNT] = {
	"Moving", "Running", "Training animations", "Cells and files", "Other",
	"Lesson browser", "Help screen", "Cell editor"
};

#define FN(k) ((k) | UI_KEY_FN)
#define C(c) UI_KEY_CTRL(c)
#define ALT(c) ((c) | UI_KEY_ALT)

typedef struct keydef {
	unsigned char screens, group;
	unsigned char twice;   /* pressed twice in a row (d d) */
	enum ui_req req;
	int keys[3];           /* 0 ends the list */
	const char *help;      /* NULL: not listed */
	const char *hint;      /* the word in the one-line hint; NULL: not there */
} keydef;

static const keydef table[] = {
	{S_NB, G_MOVE, 0, REQ_NEXT, {'j', FN(KEY_DOWN)}, "next cell", "move"},
	{S_NB, G_MOVE, 0, REQ_PREV, {'k', FN(KEY_UP)}, "previous cell", NULL},
	{S_NB, G_MOVE, 0, REQ_PGDN, {' ', FN(KEY_NPAGE)}, "scroll a page down", NULL},
	{S_NB, G_MOVE, 0, REQ_PGUP, {'w', FN(KEY_PPAGE), FN(KEY_BACKSPACE)}, "scroll a page up", NULL},
	{S_NB, G_MOVE, 0, REQ_FIRST, {'g', FN(KEY_HOME)}, "first cell", NULL},
	{S_NB, G_MOVE, 0, REQ_LAST, {'G', FN(KEY_END)}, "last cell", NULL},
	{S_NB, G_MOVE, 0, REQ_SEARCH, {'/'}, "search cells and outputs", NULL},
	{S_NB, G_MOVE, 0, REQ_SNEXT, {'n'}, "next match", NULL},
	{S_NB, G_MOVE, 0, REQ_SPREV, {'N'}, "previous match", NULL},

	{S_NB, G_RUN, 0, REQ_RUN, {'\n', C('e')}, "run the cell", "run"},
	{S_NB, G_RUN, 0, REQ_RUN_NEXT, {'r', C('r')}, "run the cell and go to the next", NULL},
	{S_NB, G_RUN, 0, REQ_RUN_ALL, {'R'}, "run all cells from the top", "run all"},
	{S_NB, G_RUN, 1, REQ_INTERRUPT, {'i', C('c')}, "interrupt the running cell (i twice, or Ctrl-C)", NULL},
	{S_NB, G_RUN, 1, REQ_RESTART, {'0'}, "restart the kernel (0 twice)", NULL},
	{S_NB, G_RUN, 0, REQ_CLEAR, {'c'}, "clear the cell's outputs", NULL},

	{S_NB, G_TRAIN, 0, REQ_PLAY, {'p'}, "play / pause frames", "play"},
	{S_NB, G_TRAIN, 0, REQ_STEP, {'.'}, "one frame (pauses first)", "step"},
	{S_NB, G_TRAIN, 0, REQ_FASTER, {'+', '='}, "faster", NULL},
	{S_NB, G_TRAIN, 0, REQ_SLOWER, {'-', '_'}, "slower", NULL},

	{S_NB, G_CELLS, 0, REQ_EDIT, {'e'}, "edit the cell here", "edit"},
	{S_NB, G_CELLS, 0, REQ_EXTERNAL, {'E'}, "edit the cell in $VISUAL / $EDITOR (not in restricted mode)", NULL},
	{S_NB, G_CELLS, 0, REQ_ADD_ABOVE, {'a'}, "add a code cell above", NULL},
	{S_NB, G_CELLS, 0, REQ_ADD_BELOW, {'b'}, "add a code cell below", NULL},
	{S_NB, G_CELLS, 1, REQ_DELETE, {'d'}, "delete the cell (d twice)", NULL},
	{S_NB, G_CELLS, 0, REQ_UNDO, {'u'}, "bring back the last deleted cell", NULL},
	{S_NB, G_CELLS, 0, REQ_MOVE_UP, {'K'}, "move the cell up", NULL},
	{S_NB, G_CELLS, 0, REQ_MOVE_DOWN, {'J'}, "move the cell down", NULL},
	{S_NB, G_CELLS, 0, REQ_KIND, {'m'}, "switch the cell between code and prose", NULL},
	{S_NB, G_CELLS, 0, REQ_COPY, {'y'}, "copy the cell", NULL},
	{S_NB, G_CELLS, 0, REQ_PASTE, {'v'}, "paste the copied cell below", NULL},
	{S_NB, G_CELLS, 0, REQ_SAVE, {'s', C('s')}, "save the lesson", "save"},

	{S_NB, G_OTHER, 0, REQ_FOLD, {'o'}, "fold / unfold long outputs", NULL},
	{S_NB, G_OTHER, 0, REQ_SOLUTION, {'S'}, "show / hide the solution of a failed check", NULL},
	{S_NB | S_BR, G_OTHER, 0, REQ_HELP, {'?', FN(KEY_F(1))}, "this help", "help"},
	{S_NB | S_BR, G_OTHER, 0, REQ_REDRAW, {C('l')}, "redraw the screen", NULL},
	{S_NB | S_BR, G_OTHER, 0, REQ_SUSPEND, {C('z')}, "suspend (not in restricted mode)", NULL},
	{S_NB, G_OTHER, 0, REQ_QUIT, {'q'}, "quit (back to the browser when it opened the lesson)", "quit"},

	{S_BR, G_BROWSER, 0, REQ_NEXT, {'j', FN(KEY_DOWN)}, "next lesson", "move"},
	{S_BR, G_BROWSER, 0, REQ_PREV, {'k', FN(KEY_UP)}, "previous lesson", NULL},
	{S_BR, G_BROWSER, 0, REQ_FIRST, {'g', FN(KEY_HOME)}, "first lesson", NULL},
	{S_BR, G_BROWSER, 0, REQ_LAST, {'G', FN(KEY_END)}, "last lesson", NULL},
	{S_BR, G_BROWSER, 0, REQ_OPEN, {'\n', 'l', FN(KEY_RIGHT)}, "open the lesson", "open"},
	{S_BR, G_BROWSER, 0, REQ_RESET, {'D'}, "reset to the original, keeping your copy as a backup", NULL},
	{S_BR, G_BROWSER, 0, REQ_BRING_BACK, {'U'}, "bring back the last backup (a newer copy is kept too)", NULL},
	{S_BR, G_BROWSER, 0, REQ_QUIT, {'q'}, "quit", "quit"},

	{S_HE, G_HELP, 0, REQ_NEXT, {'j', FN(KEY_DOWN)}, "scroll down", "move"},
	{S_HE, G_HELP, 0, REQ_PREV, {'k', FN(KEY_UP)}, "scroll up", NULL},
	{S_HE, G_HELP, 0, REQ_PGDN, {' ', FN(KEY_NPAGE)}, "page down", NULL},
	{S_HE, G_HELP, 0, REQ_PGUP, {'w', FN(KEY_PPAGE)}, "page up", NULL},
	{S_HE, G_HELP, 0, REQ_FIRST, {'g', FN(KEY_HOME)}, "top", NULL},
	{S_HE, G_HELP, 0, REQ_LAST, {'G', FN(KEY_END)}, "bottom", NULL},
	{S_HE, G_HELP, 0, REQ_BACK, {'q', '?', 27}, "close the help", "close"},

	{S_ED, G_EDIT, 0, REQ_ED_LEAVE, {27}, "leave the editor (the cell re-renders)", "done"},
	{S_ED, G_EDIT, 0, REQ_ED_RUN, {C('e')}, "run the cell without leaving", "run"},
	{S_ED, G_EDIT, 0, REQ_ED_SAVE, {C('s')}, "save the lesson", "save"},
	{S_ED, G_EDIT, 0, REQ_ED_UNDO, {C('z'), ALT('u')}, "undo", "undo"},
	{S_ED, G_EDIT, 0, REQ_ED_REDO, {C('y'), ALT('r')}, "redo", "redo"},
	{S_ED, G_EDIT, 0, REQ_ED_LEFT, {FN(KEY_LEFT)}, "character left", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_RIGHT, {FN(KEY_RIGHT)}, "character right", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_UP, {FN(KEY_UP)}, "line up", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_DOWN, {FN(KEY_DOWN)}, "line down", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_WLEFT, {UI_K_CLEFT, ALT('b')}, "word left", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_WRIGHT, {UI_K_CRIGHT, ALT('f')}, "word right", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_HOME, {FN(KEY_HOME), C('a')}, "start of the line", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_END, {FN(KEY_END), ALT('e')}, "end of the line", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_TOP, {UI_K_CHOME, ALT('<')}, "start of the cell", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_BOTTOM, {UI_K_CEND, ALT('>')}, "end of the cell", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_PGUP, {FN(KEY_PPAGE)}, "page up", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_PGDN, {FN(KEY_NPAGE)}, "page down", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_BACKSPACE, {FN(KEY_BACKSPACE)}, "delete before the cursor", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_DELETE, {FN(KEY_DC), C('d')}, "delete under the cursor", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_ENTER, {'\n'}, "new line, keeping the indent", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_TAB, {'\t'}, "indent", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_DEDENT, {FN(KEY_BTAB)}, "unindent", NULL},
	{S_ED, 0, 0, REQ_ED_PASTE_BEGIN, {UI_K_PASTE_BEGIN}, NULL, NULL},
	{S_ED, 0, 0, REQ_ED_PASTE_END, {UI_K_PASTE_END}, NULL, NULL},
};

#define NTABLE (sizeof table / sizeof table[0])

/* ncurses' codes for keys that have no KEY_* name (0: this terminal has none). */
static int k_cleft, k_cright, k_chome, k_cend;

void ui_keys_init(void)
{
	k_cleft = key_defined("\033[1;5D");
	k_cright = key_defined("\033[1;5C");
	k_chome = key_defined("\033[1;5H");
	k_cend = key_defined("\033[1;5F");
	define_key("\033[200~", 0x1005 + KEY_MAX);
	define_key("\033[201~", 0x1006 + KEY_MAX);
	define_key("\033[I", 0x1007 + KEY_MAX);
	define_key("\033[O", 0x1008 + KEY_MAX);
}

int ui_key_code(int ch, int fn)
{
	if (!fn) {
		if (ch == '\r')
			return '\n';
		if (ch == 127 || ch == 8)
			return FN(KEY_BACKSPACE);
		return ch;
	}
	if (ch == KEY_ENTER)
		return '\n';
	if (ch > 0 && (ch == k_cleft || ch == k_cright || ch == k_chome || ch == k_cend))
		return ch == k_cleft ? UI_K_CLEFT : ch == k_cright ? UI_K_CRIGHT
		     : ch == k_chome ? UI_K_CHOME : UI_K_CEND;
	if (ch == 0x1005 + KEY_MAX)
		return UI_K_PASTE_BEGIN;
	if (ch == 0x1006 + KEY_MAX)
		return UI_K_PASTE_END;
	if (ch == 0x1007 + KEY_MAX)
		return UI_K_FOCUS_IN;
	if (ch == 0x1008 + KEY_MAX)
		return UI_K_FOCUS_OUT;
	return FN(ch);
}

static int screen_bit(const ui *u)
{
	switch (u->screen) {
	case SCR_BROWSER: return S_BR;
	case SCR_HELP: return S_HE;
	case SCR_EDIT: return S_ED;
	default: return S_NB;
	}
}

static const keydef *lookup(const ui *u, int key)
{
	int bit = screen_bit(u);
	for (size_t i = 0; i < NTABLE; i++) {
		if (!(table[i].screens & bit))
			continue;
		for (int j = 0; j < 3 && table[i].keys[j]; j++)
			if (table[i].keys[j] == key)
				return &table[i];
	}
	return NULL;
}

enum ui_req ui_key_request(const ui *u, int key)
{
	const keydef *d = lookup(u, key);
	return d ? d->req : REQ_NONE;
}

/* Writes a key's name ("j", "Ctrl-E", "Down", "Alt-b") into buf. */
static void key_label(int key, char *buf, size_t size)
{
	static const struct { int key; const char *name; } names[] = {
		{'\n', "Enter"}, {' ', "Space"}, {27, "Esc"}, {'\t', "Tab"},
		{FN(KEY_DOWN), "Down"}, {FN(KEY_UP), "Up"}, {FN(KEY_LEFT), "Left"},
		{FN(KEY_RIGHT), "Right"}, {FN(KEY_NPAGE), "PgDn"}, {FN(KEY_PPAGE), "PgUp"},
		{FN(KEY_HOME), "Home"}, {FN(KEY_END), "End"}, {FN(KEY_BACKSPACE), "Backspace"},
		{FN(KEY_DC), "Delete"}, {FN(KEY_BTAB), "Shift-Tab"}, {FN(KEY_F(1)), "F1"},
		{UI_K_CLEFT, "Ctrl-Left"}, {UI_K_CRIGHT, "Ctrl-Right"},
		{UI_K_CHOME, "Ctrl-Home"}, {UI_K_CEND, "Ctrl-End"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return;
		}
	if (key & UI_KEY_ALT)
		snprintf(buf, size, "Alt-%c", key & 0x7f);
	else if (key > 0 && key < 32)
		snprintf(buf, size, "Ctrl-%c", key + 64);
	else
		snprintf(buf, size, "%c", key & 0x7f);
}

/* Writes the keys of row d, joined by ", ", into buf. */
static void row_keys(const keydef *d, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int j = 0; j < 3 && d->keys[j]; j++) {
		char name[32];
		key_label(d->keys[j], name, sizeof name);
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s%s", j ? ", " : "", name,
		                      d->twice && j == 0 ? " " : "");
		if (d->twice && j == 0)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s", name);
		if (n >= size)
			break;
	}
}

void ui_key_hint(const ui *u, char *buf, size_t size)
{
	int bit = screen_bit(u);
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < NTABLE && n < size; i++) {
		const keydef *d = &table[i];
		if (!(d->screens & bit) || !d->hint)
			continue;
		char name[32];
		if (d->req == REQ_NEXT)
			snprintf(name, sizeof name, "j/k");
		else
			key_label(d->keys[0], name, sizeof name);
		n += (size_t)snprintf(buf + n, size - n, "%s%s %s", n ? "  " : " ", name, d->hint);
	}
}

/* Appends the help of the rows for `bit` in group g: "  keys   what". */
static void group_lines(int g, int bit, st_text *t)
{
	for (size_t i = 0; i < NTABLE; i++) {
		const keydef *d = &table[i];
		if (d->group != g || !(d->screens & bit) || !d->help)
			continue;
		char keys[80], line[200];
		row_keys(d, keys, sizeof keys);
		snprintf(line, sizeof line, "  %-22s %s", keys, d->help);
		st_line *l = st_newline(t);
		if (l)
			st_puts(t, l, line, strlen(line), st_mk(ST_DEFAULT, ST_DEFAULT, 0));
	}
}

/* Builds the help screen's lines from the table. */
static void help_text(st_text *t)
{
	static const struct { int g, bit; } order[] = {
		{G_MOVE, S_NB}, {G_RUN, S_NB}, {G_TRAIN, S_NB}, {G_CELLS, S_NB},
		{G_EDIT, S_ED}, {G_OTHER, S_NB | S_BR}, {G_BROWSER, S_BR}, {G_HELP, S_HE},
	};
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		st_line *l = st_newline(t);
		if (l)
			st_puts(t, l, group_names[order[k].g], strlen(group_names[order[k].g]),
			        st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
		group_lines(order[k].g, order[k].bit, t);
		st_newline(t);
	}
}

void ui_draw_help(ui *u)
{
	st_text t = ST_TEXT_INIT;
	int vr = ui_view_rows(u);
	help_text(&t);
	erase();
	long max = (long)t.n - vr;
	if (u->help_top > max)
		u->help_top = max;
	if (u->help_top < 0)
		u->help_top = 0;
	for (int r = 0; r < vr; r++) {
		size_t y = (size_t)u->help_top + (size_t)r;
		ui_draw_line(u, r, 1, y < t.n ? &t.lines[y] : NULL, (size_t)(u->cols - 1), 0);
	}
	st_free(&t);
}

void ui_keys_markdown(strbuf *sb)
{
	st_text t = ST_TEXT_INIT;
	static const struct { int g, bit; } order[] = {
		{G_MOVE, S_NB}, {G_RUN, S_NB}, {G_TRAIN, S_NB}, {G_CELLS, S_NB},
		{G_EDIT, S_ED}, {G_OTHER, S_NB | S_BR}, {G_BROWSER, S_BR}, {G_HELP, S_HE},
	};
	sb_adds(sb, "# nnbook keys\n\n"
	        "Generated from the key table in `src/ui/keys.c` (the `?` help screen\n"
	        "shows the same list); regenerate with `NNBOOK_KEYS_MD=1 build/nnbook > docs/keys.md`.\n"
	        "A key written twice (`d d`) is pressed twice in a row.\n");
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		sb_addf(sb, "\n## %s\n\n| keys | what they do |\n| --- | --- |\n",
		        group_names[order[k].g]);
		for (size_t i = 0; i < NTABLE; i++) {
			const keydef *d = &table[i];
			if (d->group != order[k].g || !(d->screens & order[k].bit) || !d->help)
				continue;
			char keys[80];
			row_keys(d, keys, sizeof keys);
			sb_addf(sb, "| `%s` | %s |\n", keys, d->help);
		}
	}
	st_free(&t);
}

void ui_key(ui *u, int key)
{
	if (u->prompt != PR_NONE) {
		ui_prompt_key(u, key);
		return;
	}
	if (u->screen == SCR_EDIT) {
		ui_edit_key(u, key);
		return;
	}
	u->msg[0] = '\0';
	const keydef *d = lookup(u, key);
	if (!d && (key & UI_KEY_ALT)) {
		/* Esc does nothing here: Esc then a key typed quickly is that key */
		key &= ~UI_KEY_ALT;
		d = lookup(u, key);
	}
	if (u->pending) {
		int first = u->pending;
		u->pending = 0;
		if (key == first && d && d->twice) {
			ui_do(u, d->req);
			return;
		}
	}
	if (!d) {
		char name[32];
		key_label(key, name, sizeof name);
		if (!(key & UI_KEY_FN) || (key & ~UI_KEY_FN) != KEY_RESIZE)
			ui_message(u, 0, "%s does nothing here: ? lists the keys", name);
		return;
	}
	if (d->twice && key >= ' ') {
		/* a destructive key waits for itself once more */
		u->pending = key;
		ui_message(u, 0, "press %c again to %s", key, d->help);
		return;
	}
	ui_do(u, d->req);
}
