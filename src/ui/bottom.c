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
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app_int.h"
#include "utf8.h"

/* The shortest a title shrinks to before status parts start to go: a fifth of the bar, 6 to 16. */
#define TITLE_MIN(cols) ((cols) / 5 < 6 ? 6 : (cols) / 5 > 16 ? 16 : (cols) / 5)

void app_status_add(app_status *st, int prio, const char *fmt, ...)
{
	va_list ap;
	if (st->n >= APP_STATUS_PARTS)
		return;
	va_start(ap, fmt);
	vsnprintf(st->part[st->n].text, sizeof st->part[0].text, fmt, ap);
	va_end(ap);
	st->part[st->n++].prio = prio;
}

static int width_of(const char *s)
{
	return (int)utf8_width(s, strlen(s));
}

/* Drops the rightmost part of the lowest priority; returns 0 when none is left. */
static int drop_one(app_status *st)
{
	int k = -1;
	for (int i = 0; i < st->n; i++)
		if (k < 0 || st->part[i].prio <= st->part[k].prio)
			k = i;
	if (k < 0)
		return 0;
	memmove(&st->part[k], &st->part[k + 1], (size_t)(st->n - k - 1) * sizeof st->part[0]);
	st->n--;
	return 1;
}

/*
** The status bar on row y, laid out by priority: the title shrinks to
** TITLE_MIN columns (ending in "…") before any part goes; then the parts
** of the lowest priority go until the rest fits.
*/
static void status_bar(app *a, grid *g, int y)
{
	app_status st;
	char right[APP_STATUS_PARTS * 66 + 2];
	st_style bar = GRID_ATTR(ST_REVERSE);
	screen *top = app_top(a);
	memset(&st, 0, sizeof st);
	top->ops->status(top, &st);
	int mark = st.mark[0] ? 1 + width_of(st.mark) : 0, tw = width_of(st.title), room;
	for (;;) {
		size_t n = 0;
		right[0] = '\0';
		for (int i = 0; i < st.n; i++)
			n += (size_t)snprintf(right + n, sizeof right - n, "%s%s", i ? "  " : "",
			                      st.part[i].text);
		int rw = st.n ? width_of(right) + 1 : 0;
		room = a->cols - 1 - mark - rw - (st.n ? 2 : 0);
		if (room >= (tw < TITLE_MIN(a->cols) ? tw : TITLE_MIN(a->cols)) || !drop_one(&st))
			break;
	}
	grid_fill(g, y, 0, a->cols, bar);
	int x = 1 + grid_puts_fit(g, y, 1, st.title, room, bar);
	if (mark && x + mark <= a->cols)
		grid_puts(g, y, x + 1, st.mark, mark - 1, bar);
	if (st.n) {
		int rw = width_of(right);
		grid_puts(g, y, a->cols - rw - 1 > 0 ? a->cols - rw - 1 : 0, right, rw, bar);
	}
}

/* A question on a screen too small for the screens: its words wrapped over the rows. */
void bottom_draw_small(app *a, grid *g)
{
	const char *s = a->ask.text;
	int y = 0, x = 0;
	while (*s && y < a->rows) {
		size_t n = strcspn(s, " ");
		int w = (int)utf8_width(s, n);
		if (x && x + w > a->cols) {
			y++;
			x = 0;
		}
		char word[160];
		snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), s);
		x += grid_puts(g, y, x, word, a->cols - x, GRID_ATTR(ST_BOLD)) + 1;
		s += n;
		while (*s == ' ')
			s++;
	}
	size_t len = strlen(a->ask.text);
	if (x && len && a->ask.text[len - 1] != ' ')
		x--;   /* the search's "/" and what is typed after it touch */
	if (a->ask.kind == ASK_TEXT) {
		a->ask.input[a->ask.ilen] = '\0';
		x += grid_puts(g, y, x, a->ask.input, a->cols - x, GRID_PLAIN);
	}
	grid_cursor(g, y < a->rows ? y : a->rows - 1, x, a->ask.kind == ASK_TEXT);
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
		x = grid_puts_fit(g, y, 0, a->msg, a->cols,
		                  a->msg_error ? st_mk(ST_ERROR, ST_DEFAULT, ST_BOLD) : GRID_ATTR(ST_BOLD));
	} else {
		keys_hint(app_top(a)->ops->keymap, hint, sizeof hint, a->cols);
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
