/*
** bottom.c — the two bottom lines: the status bar, and below it the key
** hint, a message, or a question being answered.
**
** The status bar answers "where am I and what is the kernel doing" at a
** glance; its words come from the top screen (its status op).  The line
** under it shows the main keys of the top screen until something has to be
** said (an error, "saved"), and then the message until the next key.  A
** question (y/n, or the search's text) takes the keys until it is answered,
** and the answer goes back to the screen that asked.
*/
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "utf8.h"

/* The status bar on row y: left part, and the right part when it fits. */
static void status_bar(app *a, grid *g, int y)
{
	char left[256], right[160];
	st_style bar = GRID_ATTR(ST_REVERSE);
	screen *top = app_top(a);
	left[0] = right[0] = '\0';
	top->ops->status(top, left, sizeof left, right, sizeof right);
	grid_fill(g, y, 0, a->cols, bar);
	/* the state on the right matters more than the whole title: the title gives way */
	int rw = (int)strlen(right), fits = rw <= a->cols - 12;
	grid_puts(g, y, 0, left, a->cols - (fits ? rw + 1 : 0), bar);
	if (fits)
		grid_puts(g, y, a->cols - rw, right, rw, bar);
}

void bottom_draw(app *a, grid *g)
{
	char hint[512];
	int y = a->rows - 2, x;
	if (y < 0)
		return;
	status_bar(a, g, y);
	y = a->rows - 1;
	if (a->ask.kind != ASK_NONE) {
		x = grid_puts(g, y, 0, a->ask.text, a->cols, GRID_ATTR(ST_BOLD));
		if (a->ask.kind == ASK_TEXT) {
			a->ask.input[a->ask.ilen] = '\0';
			x += grid_puts(g, y, x, a->ask.input, a->cols - x - 1, GRID_PLAIN);
		}
		if (a->ask.kind == ASK_TEXT || !g->cur_on)
			grid_cursor(g, y, x, a->ask.kind == ASK_TEXT);
		return;
	}
	if (a->msg[0]) {
		x = grid_puts(g, y, 0, a->msg, a->cols,
		              a->msg_error ? st_mk(ST_ERROR, ST_DEFAULT, ST_BOLD) : GRID_ATTR(ST_BOLD));
	} else {
		keys_hint(app_top(a)->ops->keymap, hint, sizeof hint);
		x = grid_puts(g, y, 0, hint, a->cols, st_mk(ST_MUTED, ST_DEFAULT, 0));
	}
	if (!g->cur_on)
		grid_cursor(g, y, x, 0);   /* where curses leaves it after the last write */
}

void bottom_forget(app *a, const screen *owner)
{
	if (a->ask.kind != ASK_NONE && a->ask.owner == owner)
		a->ask.kind = ASK_NONE;
}

/* Closes the question and gives the answer to its owner. */
static void answer(app *a, int yes, const char *text)
{
	screen *s = a->ask.owner;
	int id = a->ask.id;
	a->ask.kind = ASK_NONE;
	if (s->ops->answer)
		s->ops->answer(s, id, yes, text);
}

/* Typing at a text question (the search). */
static void text_key(app *a, int key)
{
	app_question *q = &a->ask;
	if (key == UK_ESC) {
		q->kind = ASK_NONE;
	} else if (key == '\n') {
		q->input[q->ilen] = '\0';
		answer(a, 1, q->input);
	} else if (key == UK_BACKSPACE) {
		/* drop one whole UTF-8 character */
		while (q->ilen && ((unsigned char)q->input[q->ilen - 1] & 0xc0) == 0x80)
			q->ilen--;
		if (q->ilen)
			q->ilen--;
		else
			q->kind = ASK_NONE;
	} else if (keys_is_text(key)) {
		char buf[4];
		size_t n = utf8_encode((uint32_t)key, buf);
		if (q->ilen + n < sizeof q->input) {
			memcpy(q->input + q->ilen, buf, n);
			q->ilen += n;
		}
	}
}

void bottom_key(app *a, int key)
{
	a->dirty = 1;
	if (a->ask.kind == ASK_TEXT) {
		text_key(a, key);
		return;
	}
	int yes = key == 'y' || key == 'Y', no = key == 'n' || key == 'N';
	/* a y/n question waits for y or n; Esc and q mean no, except where
	** no would throw away work from an earlier session */
	if (!yes && !no && (a->ask.must || (key != UK_ESC && key != 'q')))
		return;
	answer(a, yes, NULL);
}
