/*
** keys.h — nnbook's key codes, the requests keys stand for, and the key
** table.
**
** A key code is a character (Unicode), a character typed after Esc
** (UK_ALT | c), or one of the UK_* codes below: the terminal (term.c) turns
** what curses reads into these, so nothing above it needs curses' KEY_*
** names.  Each row of the key table (keys.c) says which screens a key
** works on (their keymap bits), the request it makes and its help text;
** the dispatcher, the `?` screen, the hint line and docs/keys.md all read
** that one table, so help can never disagree with what the keys do.
*/
#ifndef NNBOOK_KEYS_H
#define NNBOOK_KEYS_H

#include <stddef.h>

#include "strbuf.h"
#include "styled.h"

#define UK_FN        0x1000000        /* a key that is not a character */
#define UK_ALT       0x2000000        /* or'ed into a character typed just after Esc */
#define UK_CTRL(c)   ((c) & 0x1f)
#define UK_ESC       27

/*
** The function keys nnbook knows.  Another function key arrives as
** UK_FN | the terminal's own number: it does nothing but say so.
*/
enum {
	UK_DOWN = UK_FN | 0x1001, UK_UP, UK_LEFT, UK_RIGHT, UK_PGDN, UK_PGUP, UK_HOME, UK_END,
	UK_BACKSPACE, UK_DELETE, UK_BTAB, UK_F1,
	UK_CLEFT, UK_CRIGHT, UK_CHOME, UK_CEND,   /* Ctrl+Left and friends */
	UK_PASTE_BEGIN, UK_PASTE_END,             /* bracketed paste: ESC [ 200 ~ and 201 ~ */
	UK_FOCUS_IN, UK_FOCUS_OUT,                /* the terminal got (lost) the focus */
	UK_RESIZE                                 /* the terminal changed its size */
};

/* The keymaps: one bit per screen; a screen's ops name its bit. */
enum { KM_NOTEBOOK = 1, KM_BROWSER = 2, KM_HELP = 4, KM_EDITOR = 8 };

/* What a key asks for. */
enum ui_req {
	REQ_NONE,
	/* moving */
	REQ_NEXT, REQ_PREV, REQ_PGDN, REQ_PGUP, REQ_HALF_DN, REQ_HALF_UP, REQ_FIRST, REQ_LAST,
	REQ_SEARCH, REQ_SNEXT, REQ_SPREV,
	/* running */
	REQ_RUN, REQ_RUN_NEXT, REQ_RUN_ALL, REQ_INTERRUPT, REQ_RESTART, REQ_CLEAR,
	/* training */
	REQ_PLAY, REQ_STEP, REQ_FASTER, REQ_SLOWER,
	REQ_FOLLOW,
	/* cells and files */
	REQ_EDIT, REQ_EXTERNAL, REQ_ADD_ABOVE, REQ_ADD_BELOW, REQ_DELETE, REQ_UNDO,
	REQ_MOVE_UP, REQ_MOVE_DOWN, REQ_CODE, REQ_PROSE, REQ_COPY, REQ_CUT, REQ_PASTE,
	REQ_PASTE_ABOVE, REQ_CELL_RESET, REQ_SAVE,
	/* other */
	REQ_FOLD, REQ_HINT, REQ_SOLUTION, REQ_HELP, REQ_REDRAW, REQ_SUSPEND, REQ_QUIT, REQ_BACK,
	/* browser */
	REQ_OPEN, REQ_RESET, REQ_BRING_BACK,
	/* editor */
	REQ_ED_LEAVE, REQ_ED_RUN, REQ_ED_SAVE, REQ_ED_UNDO, REQ_ED_REDO,
	REQ_ED_LEFT, REQ_ED_RIGHT, REQ_ED_UP, REQ_ED_DOWN, REQ_ED_HOME, REQ_ED_END,
	REQ_ED_WLEFT, REQ_ED_WRIGHT, REQ_ED_PGUP, REQ_ED_PGDN, REQ_ED_TOP, REQ_ED_BOTTOM,
	REQ_ED_BACKSPACE, REQ_ED_DELETE, REQ_ED_ENTER, REQ_ED_TAB, REQ_ED_DEDENT,
	REQ_ED_PASTE_BEGIN, REQ_ED_PASTE_END
};

/* The most keys one row of the key table binds. */
#define KEYS_PER_ROW 4

/* One row of the key table. */
typedef struct keydef {
	unsigned char keymaps;  /* KM_* bits */
	unsigned char group;    /* the help screen's section */
	unsigned char twice;    /* pressed twice in a row (d d) */
	enum ui_req req;
	int keys[KEYS_PER_ROW]; /* 0 ends the list */
	const char *help;       /* NULL: not listed */
	const char *hint;       /* the word in the one-line hint; NULL: not there */
} keydef;

/* Returns the row binding key in keymap, or NULL. */
const keydef *keys_lookup(unsigned keymap, int key);

/* Returns the request key makes in keymap (REQ_NONE: none). */
enum ui_req keys_request(unsigned keymap, int key);

/* Writes a key's name ("j", "Ctrl-E", "Down", "Alt-b") into buf. */
void keys_label(int key, char *buf, size_t size);

/*
** Writes the one-line hint of keymap's main keys into buf, at most width
** columns: when they do not all fit, words go from the end, but the last
** two always stay (the notebook's `? help` and `q quit`).
*/
void keys_hint(unsigned keymap, char *buf, size_t size, int width);

/* Appends the help screen's lines (every group, from the table) to t. */
void keys_help_text(st_text *t);

/* Appends the key table as Markdown (docs/keys.md) to sb. */
void keys_markdown(strbuf *sb);

/* Returns 1 when key is a character to type (not a function key, not Alt+key). */
int keys_is_text(int key);

#endif
