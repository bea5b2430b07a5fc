/*
** keys.c — the key table, and what is made from it: the lookup, the
** help screen's text, the hint line and docs/keys.md.
**
** Every key is a row of one table: which screens (keymaps), which keys,
** the request, the help text.  Keys follow Jupyter's command mode where it
** has them (a/b, d d, z, c/x/v, y/m, 0 0, i i; Ctrl-R for its Shift-Enter,
** which terminals cannot tell from Enter) and less and vim for scrolling
** (Space/w, Ctrl-F/B/D/U); every Ctrl chord has a plain key too, since
** some terminals cannot send them.  Adding a key is adding a row (and, for a new request, a case
** in the screen's request function).
*/
#include "keys.h"

#include <stdio.h>
#include <string.h>

enum { S_NB = KM_NOTEBOOK, S_BR = KM_BROWSER, S_HE = KM_HELP, S_ED = KM_EDITOR };
enum { G_MOVE, G_RUN, G_TRAIN, G_CELLS, G_OTHER, G_BROWSER, G_HELP, G_EDIT, G_COUNT };

static const char *const group_names[G_COUNT] = {
	"Moving", "Running", "Training animations", "Cells and files", "Other",
	"Lesson browser", "Help screen", "Cell editor"
};

/* The order of the help screen and docs/keys.md: a group, for the keymaps shown. */
static const struct { int g, keymaps; } order[] = {
	{G_MOVE, S_NB}, {G_RUN, S_NB}, {G_TRAIN, S_NB}, {G_CELLS, S_NB},
	{G_EDIT, S_ED}, {G_OTHER, S_NB | S_BR}, {G_BROWSER, S_BR}, {G_HELP, S_HE},
};

#define C(c) UK_CTRL(c)
#define ALT(c) ((c) | UK_ALT)

static const keydef table[] = {
	{S_NB, G_MOVE, 0, REQ_NEXT, {'j', UK_DOWN}, "next cell", "move"},
	{S_NB, G_MOVE, 0, REQ_PREV, {'k', UK_UP}, "previous cell", NULL},
	{S_NB, G_MOVE, 0, REQ_PGDN, {' ', UK_PGDN, C('f')}, "scroll a page down", NULL},
	{S_NB, G_MOVE, 0, REQ_PGUP, {'w', UK_PGUP, UK_BACKSPACE, C('b')}, "scroll a page up", NULL},
	{S_NB, G_MOVE, 0, REQ_HALF_DN, {C('d')}, "scroll half a page down", NULL},
	{S_NB, G_MOVE, 0, REQ_HALF_UP, {C('u')}, "scroll half a page up", NULL},
	{S_NB, G_MOVE, 0, REQ_FIRST, {'g', UK_HOME}, "first cell", NULL},
	{S_NB, G_MOVE, 0, REQ_LAST, {'G', UK_END}, "last cell", NULL},
	{S_NB, G_MOVE, 0, REQ_SEARCH, {'/'}, "search cells and outputs", NULL},
	{S_NB, G_MOVE, 0, REQ_SNEXT, {'n'}, "next match", NULL},
	{S_NB, G_MOVE, 0, REQ_SPREV, {'N'}, "previous match", NULL},

	{S_NB, G_RUN, 0, REQ_RUN, {'\n', C('e')}, "run the cell", "run"},
	{S_NB, G_RUN, 0, REQ_RUN_NEXT, {C('r'), 'r'}, "run the cell, go to the next (Jupyter's Shift-Enter)", NULL},
	{S_NB, G_RUN, 0, REQ_RUN_ALL, {'R'}, "run all cells from the top", "run all"},
	{S_NB, G_RUN, 1, REQ_INTERRUPT, {'i', C('c')}, "interrupt the running cell (i twice, or Ctrl-C)", NULL},
	{S_NB, G_RUN, 1, REQ_RESTART, {'0'}, "restart the kernel (0 twice)", NULL},
	{S_NB, G_RUN, 0, REQ_CLEAR, {'O'}, "clear the cell's outputs (o folds them)", NULL},

	{S_NB, G_TRAIN, 0, REQ_PLAY, {'p'}, "play / pause frames", "play"},
	{S_NB, G_TRAIN, 0, REQ_STEP, {'.'}, "one frame (pauses first)", "step"},
	{S_NB, G_TRAIN, 0, REQ_FASTER, {'+', '='}, "faster", NULL},
	{S_NB, G_TRAIN, 0, REQ_SLOWER, {'-', '_'}, "slower", NULL},
	{S_NB, G_TRAIN, 0, REQ_FOLLOW, {'f'}, "follow the running cell's newest output (scrolling pauses it; G on the running cell too)", NULL},

	{S_NB, G_CELLS, 0, REQ_EDIT, {'e'}, "edit the cell here (its undo history is kept)", "edit"},
	{S_NB, G_CELLS, 0, REQ_EXTERNAL, {'E'}, "edit in $VISUAL / $EDITOR (not in restricted mode)", NULL},
	{S_NB, G_CELLS, 0, REQ_ADD_ABOVE, {'a'}, "add a code cell above", NULL},
	{S_NB, G_CELLS, 0, REQ_ADD_BELOW, {'b'}, "add a code cell below", NULL},
	{S_NB, G_CELLS, 1, REQ_DELETE, {'d'}, "delete the cell (d twice)", NULL},
	{S_NB, G_CELLS, 0, REQ_UNDO, {'z', 'u'}, "bring back the last deleted cell", NULL},
	{S_NB, G_CELLS, 0, REQ_COPY, {'c'}, "copy the cell", NULL},
	{S_NB, G_CELLS, 0, REQ_CUT, {'x'}, "cut the cell (v pastes it)", NULL},
	{S_NB, G_CELLS, 0, REQ_PASTE, {'v'}, "paste the copied cell below", NULL},
	{S_NB, G_CELLS, 0, REQ_PASTE_ABOVE, {'V'}, "paste the copied cell above", NULL},
	{S_NB, G_CELLS, 0, REQ_CODE, {'y'}, "make the cell code", NULL},
	{S_NB, G_CELLS, 0, REQ_PROSE, {'m'}, "make the cell prose (Markdown)", NULL},
	{S_NB, G_CELLS, 0, REQ_MOVE_UP, {'K'}, "move the cell up", NULL},
	{S_NB, G_CELLS, 0, REQ_MOVE_DOWN, {'J'}, "move the cell down", NULL},
	{S_NB, G_CELLS, 0, REQ_CELL_RESET, {'D'}, "reset a bundled lesson's cell to its original (asks)", NULL},
	{S_NB, G_CELLS, 0, REQ_SAVE, {'s', C('s')}, "save the lesson", "save"},

	{S_NB, G_OTHER, 0, REQ_FOLD, {'o'}, "fold / unfold long outputs", NULL},
	{S_NB, G_OTHER, 0, REQ_HINT, {'h'}, "show / hide the exercise's hint", NULL},
	{S_NB, G_OTHER, 0, REQ_SOLUTION, {'S'}, "show / hide the exercise's solution (after a first checked attempt)", NULL},
	{S_NB | S_BR, G_OTHER, 0, REQ_HELP, {'?', UK_F1}, "this help", "help"},
	{S_NB | S_BR, G_OTHER, 0, REQ_REDRAW, {C('l')}, "redraw the screen", NULL},
	{S_NB | S_BR, G_OTHER, 0, REQ_SUSPEND, {C('z')}, "suspend (not in restricted mode)", NULL},
	{S_NB, G_OTHER, 0, REQ_QUIT, {'q'}, "quit (back to the browser when it opened the lesson)", "quit"},

	{S_BR, G_BROWSER, 0, REQ_NEXT, {'j', UK_DOWN}, "next lesson", "move"},
	{S_BR, G_BROWSER, 0, REQ_PREV, {'k', UK_UP}, "previous lesson", NULL},
	{S_BR, G_BROWSER, 0, REQ_FIRST, {'g', UK_HOME}, "first lesson", NULL},
	{S_BR, G_BROWSER, 0, REQ_LAST, {'G', UK_END}, "last lesson", NULL},
	{S_BR, G_BROWSER, 0, REQ_OPEN, {'\n', 'l', UK_RIGHT}, "open the lesson", "open"},
	{S_BR, G_BROWSER, 0, REQ_RESET, {'D'}, "reset to the original, keeping your copy as a backup", NULL},
	{S_BR, G_BROWSER, 0, REQ_BRING_BACK, {'U'}, "bring back the last backup (a newer copy is kept too)", NULL},
	{S_BR, G_BROWSER, 0, REQ_QUIT, {'q'}, "quit", "quit"},

	{S_HE, G_HELP, 0, REQ_NEXT, {'j', UK_DOWN}, "scroll down", "move"},
	{S_HE, G_HELP, 0, REQ_PREV, {'k', UK_UP}, "scroll up", NULL},
	{S_HE, G_HELP, 0, REQ_PGDN, {' ', UK_PGDN, C('f')}, "page down", NULL},
	{S_HE, G_HELP, 0, REQ_PGUP, {'w', UK_PGUP, C('b')}, "page up", NULL},
	{S_HE, G_HELP, 0, REQ_HALF_DN, {C('d')}, "half a page down", NULL},
	{S_HE, G_HELP, 0, REQ_HALF_UP, {C('u')}, "half a page up", NULL},
	{S_HE, G_HELP, 0, REQ_FIRST, {'g', UK_HOME}, "top", NULL},
	{S_HE, G_HELP, 0, REQ_LAST, {'G', UK_END}, "bottom", NULL},
	{S_HE, G_HELP, 0, REQ_BACK, {'q', '?', 27}, "close the help", "close"},

	{S_ED, G_EDIT, 0, REQ_ED_LEAVE, {27}, "leave the editor (the cell re-renders)", "done"},
	{S_ED, G_EDIT, 0, REQ_ED_RUN, {C('e')}, "run the cell without leaving", "run"},
	{S_ED, G_EDIT, 0, REQ_ED_SAVE, {C('s')}, "save the lesson", "save"},
	{S_ED, G_EDIT, 0, REQ_ED_UNDO, {C('z'), ALT('u')}, "undo", "undo"},
	{S_ED, G_EDIT, 0, REQ_ED_REDO, {C('y'), ALT('r')}, "redo", "redo"},
	{S_ED, G_EDIT, 0, REQ_ED_LEFT, {UK_LEFT}, "character left", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_RIGHT, {UK_RIGHT}, "character right", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_UP, {UK_UP}, "line up", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_DOWN, {UK_DOWN}, "line down", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_WLEFT, {UK_CLEFT, ALT('b')}, "word left", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_WRIGHT, {UK_CRIGHT, ALT('f')}, "word right", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_HOME, {UK_HOME, C('a')}, "start of the line", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_END, {UK_END, ALT('e')}, "end of the line", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_TOP, {UK_CHOME, ALT('<')}, "start of the cell", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_BOTTOM, {UK_CEND, ALT('>')}, "end of the cell", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_PGUP, {UK_PGUP}, "page up", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_PGDN, {UK_PGDN}, "page down", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_BACKSPACE, {UK_BACKSPACE}, "delete before the cursor", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_DELETE, {UK_DELETE, C('d')}, "delete under the cursor", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_ENTER, {'\n'}, "new line, keeping the indent", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_TAB, {'\t'}, "indent", NULL},
	{S_ED, G_EDIT, 0, REQ_ED_DEDENT, {UK_BTAB}, "unindent", NULL},
	{S_ED, 0, 0, REQ_ED_PASTE_BEGIN, {UK_PASTE_BEGIN}, NULL, NULL},
	{S_ED, 0, 0, REQ_ED_PASTE_END, {UK_PASTE_END}, NULL, NULL},
};

#define NTABLE (sizeof table / sizeof table[0])
#define NORDER (sizeof order / sizeof order[0])

const keydef *keys_lookup(unsigned keymap, int key)
{
	for (size_t i = 0; i < NTABLE; i++) {
		if (!(table[i].keymaps & keymap))
			continue;
		for (int j = 0; j < KEYS_PER_ROW && table[i].keys[j]; j++)
			if (table[i].keys[j] == key)
				return &table[i];
	}
	return NULL;
}

enum ui_req keys_request(unsigned keymap, int key)
{
	const keydef *d = keys_lookup(keymap, key);
	return d ? d->req : REQ_NONE;
}

int keys_is_text(int key)
{
	return key >= ' ' && key != 127 && !(key & (UK_FN | UK_ALT)) && key < 0x110000;
}

void keys_label(int key, char *buf, size_t size)
{
	static const struct { int key; const char *name; } names[] = {
		{'\n', "Enter"}, {' ', "Space"}, {UK_ESC, "Esc"}, {'\t', "Tab"},
		{UK_DOWN, "Down"}, {UK_UP, "Up"}, {UK_LEFT, "Left"},
		{UK_RIGHT, "Right"}, {UK_PGDN, "PgDn"}, {UK_PGUP, "PgUp"},
		{UK_HOME, "Home"}, {UK_END, "End"}, {UK_BACKSPACE, "Backspace"},
		{UK_DELETE, "Delete"}, {UK_BTAB, "Shift-Tab"}, {UK_F1, "F1"},
		{UK_CLEFT, "Ctrl-Left"}, {UK_CRIGHT, "Ctrl-Right"},
		{UK_CHOME, "Ctrl-Home"}, {UK_CEND, "Ctrl-End"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "%s", names[i].name);
			return;
		}
	if (key & UK_ALT)
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
	for (int j = 0; j < KEYS_PER_ROW && d->keys[j]; j++) {
		char name[32];
		keys_label(d->keys[j], name, sizeof name);
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s%s", j ? ", " : "", name,
		                      d->twice && j == 0 ? " " : "");
		if (d->twice && j == 0)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s", name);
		if (n >= size)
			break;
	}
}

/* The hint's words of keymap: each row's first key (j/k for moving) and its word. */
static size_t hint_words(unsigned keymap, char words[][40], size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < NTABLE && n < max; i++) {
		const keydef *d = &table[i];
		char name[32];
		if (!(d->keymaps & keymap) || !d->hint)
			continue;
		if (d->req == REQ_NEXT)
			snprintf(name, sizeof name, "j/k");
		else
			keys_label(d->keys[0], name, sizeof name);
		snprintf(words[n++], sizeof words[0], "%s %s", name, d->hint);
	}
	return n;
}

void keys_hint(unsigned keymap, char *buf, size_t size, int width)
{
	char words[16][40];
	size_t n = hint_words(keymap, words, 16), keep = n, total = 0;
	for (size_t i = 0; i < n; i++)
		total += 2 + strlen(words[i]);
	/* too wide: the words before the last two go, from the end */
	while (keep > 2 && (int)total > width) {
		total -= 2 + strlen(words[keep - 3]);
		memmove(words[keep - 3], words[keep - 2], 2 * sizeof words[0]);
		keep--;
	}
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < keep && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? "  " : " ", words[i]);
}

/* Returns 1 when row d is listed under order[k]. */
static int listed(const keydef *d, size_t k)
{
	return d->group == order[k].g && (d->keymaps & order[k].keymaps) && d->help;
}

/* The width of the help screen's key column. */
#define KEYS_WIDTH 22

/* Appends one help line of plain text to t. */
static void help_line(st_text *t, const char *s)
{
	st_line *l = st_newline(t);
	if (l)
		st_puts(t, l, s, strlen(s), st_mk(ST_DEFAULT, ST_DEFAULT, 0));
}

void keys_help_text(st_text *t)
{
	st_style head = st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD);
	for (size_t k = 0; k < NORDER; k++) {
		const char *name = group_names[order[k].g];
		st_line *l = st_newline(t);
		if (l)
			st_puts(t, l, name, strlen(name), head);
		for (size_t i = 0; i < NTABLE; i++) {
			char keys[80], line[200];
			if (!listed(&table[i], k))
				continue;
			row_keys(&table[i], keys, sizeof keys);
			if (strlen(keys) > KEYS_WIDTH) {
				/* as a man page does: keys longer than their column get a line of their own */
				snprintf(line, sizeof line, "  %s", keys);
				help_line(t, line);
				keys[0] = '\0';
			}
			snprintf(line, sizeof line, "  %-*s %s", KEYS_WIDTH, keys, table[i].help);
			help_line(t, line);
		}
		st_newline(t);
	}
}

void keys_markdown(strbuf *sb)
{
	sb_adds(sb, "# nnbook keys\n\n"
	        "Generated from the key table in `src/ui/keys.c` (the `?` help screen\n"
	        "shows the same list); regenerate with `NNBOOK_KEYS_MD=1 build/nnbook > docs/keys.md`.\n"
	        "A key written twice (`d d`) is pressed twice in a row.\n\n"
	        "The notebook's keys are Jupyter's command-mode keys where Jupyter has\n"
	        "them. A terminal cannot tell Shift-Enter from Enter, so Jupyter's\n"
	        "Shift-Enter (run the cell and go to the next) is `Ctrl-R`, or plain `r`.\n"
	        "`c` copies a cell as in Jupyter, so clearing the outputs is `O`, next to\n"
	        "`o`, which folds them; `u` still brings back a deleted cell, as `z` does.\n"
	        "Scrolling is less's and vim's: `Space`/`w` and `Ctrl-F/B` by a page,\n"
	        "`Ctrl-D/U` by half a page.\n");
	for (size_t k = 0; k < NORDER; k++) {
		sb_addf(sb, "\n## %s\n\n| keys | what they do |\n| --- | --- |\n", group_names[order[k].g]);
		for (size_t i = 0; i < NTABLE; i++) {
			char keys[80];
			if (!listed(&table[i], k))
				continue;
			row_keys(&table[i], keys, sizeof keys);
			sb_addf(sb, "| `%s` | %s |\n", keys, table[i].help);
		}
	}
}
