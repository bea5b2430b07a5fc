/*
** app.c — the app: the stack of screens, what screens share, keys to
** requests, and frames.
**
** A key goes, in this order, to the question on the bottom line, to the
** top screen's text input (the editor), or through the key table to a
** request: the app's own (help, redraw, suspend) or the top screen's.  A
** frame clears the grid, lets the top screen draw its rows, draws the two
** bottom lines and hands the grid to the terminal.  Nothing here knows
** which screens exist: what a screen can do is in its ops.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_int.h"
#include "vec.h"

void app_defaults(app_opts *o)
{
	memset(o, 0, sizeof *o);
}

app *app_new(const app_opts *o, int rows, int cols, char *err, size_t errsize)
{
	app *a = calloc(1, sizeof *a);
	if (!a || !(a->st = store_new(o->restricted))) {
		free(a);
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	if (o->member && store_set_member(a->st, o->member) != STORE_OK) {
		store_free(a->st);
		free(a);
		snprintf(err, errsize, "not a class member's name: %s", o->member);
		return NULL;
	}
	a->opts = *o;
	if (app_class_open(a) != 0) {
		store_free(a->st);
		free(a);
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	a->utf8 = !o->ascii;
	a->color = 1;
	a->g.utf8 = a->utf8;
	app_resize(a, rows, cols);
	return a;
}

/* Closes every screen, top first, without waking the ones below. */
static void close_all(app *a)
{
	while (a->n) {
		screen *s = a->stack[--a->n];
		bottom_forget(a, s);
		s->ops->close(s);
	}
}

void app_free(app *a)
{
	if (!a)
		return;
	for (size_t i = a->n; i-- > 0;)
		if (a->stack[i]->ops->rescue)
			a->stack[i]->ops->rescue(a->stack[i]);
	term_close(a->term);
	a->term = NULL;
	close_all(a);
	app_class_close(a);
	app_kernel_stop(a);
	vec_free(a->stack, VEC_PLAIN);
	grid_free(&a->g);
	store_free(a->st);
	free(a);
}

int app_start(app *a, const char *path, char *err, size_t errsize)
{
	screen *s = path ? notebook_new(a, path, NULL, err, errsize)
	          : a->opts.teacher ? dashboard_new(a) : browser_new(a);
	if (!s || app_push(a, s) != 0) {
		if (!s && path)
			return -1;   /* err says why */
		snprintf(err, errsize, "out of memory");
		return -1;
	}
	return 0;
}

void *screen_alloc(app *a, const screen_ops *ops, size_t size)
{
	screen *s = calloc(1, size);
	if (s) {
		s->ops = ops;
		s->app = a;
	}
	return s;
}

screen *app_top(const app *a)
{
	return a->n ? a->stack[a->n - 1] : NULL;
}

int app_push(app *a, screen *s)
{
	if (vec_grow(&a->stack, &a->cap, a->n + 1, sizeof *a->stack, VEC_PLAIN) != 0) {
		s->ops->close(s);
		app_message(a, 1, "Not enough memory");
		return -1;
	}
	a->stack[a->n++] = s;
	if (s->ops->open)
		s->ops->open(s);
	a->dirty = 1;
	return 0;
}

void app_pop(app *a)
{
	if (!a->n)
		return;
	screen *s = a->stack[--a->n];
	bottom_forget(a, s);
	s->ops->close(s);
	screen *top = app_top(a);
	if (!top)
		a->quit = 1;
	else if (top->ops->resume)
		top->ops->resume(top);
	a->dirty = 1;
}

void app_quit(app *a)
{
	a->quit = 1;
}

int app_done(const app *a)
{
	return a->quit;
}

/* --- what screens share ----------------------------------------------------- */

const app_opts *app_options(const app *a) { return &a->opts; }
store *app_store(app *a) { return a->st; }
int app_view_rows(const app *a) { return a->rows > 2 ? a->rows - 2 : 1; }
int app_cols(const app *a) { return a->cols; }
int app_utf8(const app *a) { return a->utf8; }
int app_color(const app *a) { return a->color; }
void app_dirty(app *a) { a->dirty = 1; }
void app_advance_clock(app *a, double seconds) { a->clock_skew += seconds; }

double app_now(const app *a)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + a->clock_skew;
}

void app_message(app *a, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
	a->dirty = 1;
}

void app_clear_message(app *a)
{
	a->msg[0] = '\0';
}

void app_clear_message_if(app *a, const char *prefix)
{
	if (strncmp(a->msg, prefix, strlen(prefix)) == 0) {
		a->msg[0] = '\0';
		a->dirty = 1;
	}
}

/* Sets up a question of kind for s. */
static void question(app *a, screen *s, int kind, int id, const char *text, int must)
{
	a->ask.kind = kind;
	a->ask.owner = s;
	a->ask.id = id;
	a->ask.text = text;
	a->ask.must = must;
	a->ask.ilen = 0;
	a->dirty = 1;
}

void app_ask(app *a, screen *s, int q, const char *text, int must)
{
	question(a, s, ASK_YES_NO, q, text, must);
}

void app_prompt(app *a, screen *s, int q, const char *text)
{
	question(a, s, ASK_TEXT, q, text, 0);
}

int app_asking(const app *a)
{
	return a->ask.kind != ASK_NONE;
}

/* --- the kernel ---------------------------------------------------------------- */

int app_kernel_start(app *a, const klink_opts *o, char *err, size_t errsize)
{
	app_kernel_stop(a);
	a->k = klink_new(o, err, errsize);
	return a->k ? 0 : -1;
}

void app_kernel_stop(app *a)
{
	klink_free(a->k);
	a->k = NULL;
}

klink *app_kernel(app *a)
{
	return a->k;
}

int app_busy(const app *a)
{
	return a->k && klink_busy(a->k);
}

int app_sigint_take(app *a)
{
	(void)a;
	return term_sigint_take();
}

void app_sigint(app *a)
{
	for (size_t i = a->n; i-- > 0;)
		if (a->stack[i]->ops->interrupt && a->stack[i]->ops->interrupt(a->stack[i]))
			return;
	app_message(a, 0, "Nothing is running (Ctrl-C stops a running cell; q quits)");
}

void app_turn(app *a, int ms)
{
	klink_event ev = KL_NONE;
	if (a->k) {
		ev = klink_poll(a->k, ms);
		if (klink_changed(a->k))
			a->dirty = 1;
	}
	for (size_t i = 0; i < a->n; i++)
		if (a->stack[i]->ops->tick)
			a->stack[i]->ops->tick(a->stack[i], ev);
	app_class_turn(a);
}

/* --- the terminal ---------------------------------------------------------------- */

void app_suspend(app *a)
{
	if (a->opts.restricted) {
		app_message(a, 1, "Suspending is off in restricted mode");
		return;
	}
	if (a->term)
		term_suspend(a->term);
	a->full_redraw = 1;
	a->dirty = 1;
}

void app_term_pause(app *a)
{
	if (a->term)
		term_pause(a->term);
}

void app_term_resume(app *a)
{
	if (a->term)
		term_resume(a->term);
	a->full_redraw = 1;
}

void app_resize(app *a, int rows, int cols)
{
	if (grid_resize(&a->g, rows, cols) != 0)
		return;
	a->rows = rows;
	a->cols = cols;
	a->too_small = cols < APP_MIN_COLS || rows < APP_MIN_ROWS;
	for (size_t i = 0; i < a->n; i++)
		if (a->stack[i]->ops->resize && !a->too_small)
			a->stack[i]->ops->resize(a->stack[i]);
	a->dirty = 1;
}

/* --- keys ---------------------------------------------------------------------- */

/* Carries out a request: the app's own, or the top screen's. */
static void do_request(app *a, screen *top, enum ui_req req)
{
	a->dirty = 1;
	switch (req) {
	case REQ_HELP: {
		screen *h = help_new(a);
		if (h)
			app_push(a, h);
		return;
	}
	case REQ_REDRAW: a->full_redraw = 1; return;
	case REQ_SUSPEND: app_suspend(a); return;
	default: top->ops->request(top, req); return;
	}
}

/* Looks key up in the top screen's keymap, with two-key commands (d d). */
static void dispatch(app *a, screen *top, int key)
{
	if (!top)
		return;
	app_clear_message(a);
	const keydef *d = keys_lookup(top->ops->keymap, key);
	if (!d && (key & UK_ALT)) {
		/* Esc does nothing here: Esc then a key typed quickly is that key */
		key &= ~UK_ALT;
		d = keys_lookup(top->ops->keymap, key);
	}
	if (a->pending) {
		int first = a->pending;
		a->pending = 0;
		if (key == first && d && d->twice) {
			do_request(a, top, d->req);
			return;
		}
	}
	if (!d) {
		char name[32];
		keys_label(key, name, sizeof name);
		app_message(a, 0, "%s does nothing here: ? lists the keys", name);
		return;
	}
	if (d->twice && key >= ' ') {
		/* a destructive key waits for itself once more */
		a->pending = key;
		app_message(a, 0, "press %c again to %s", key, d->help);
		return;
	}
	do_request(a, top, d->req);
}

void app_dispatch(app *a, int key)
{
	dispatch(a, app_top(a), key);
}

/* q on a screen too small to draw: quits, unless there is unsaved work to ask about. */
static void too_small_key(app *a, screen *top, int key)
{
	if (key != 'q')
		return;
	if (top && top->ops->unsaved && top->ops->unsaved(top))
		top->ops->request(top, REQ_QUIT);
	else
		a->quit = 1;
}

void app_key(app *a, int key)
{
	screen *top = app_top(a);
	if (key == UK_FOCUS_IN || key == UK_FOCUS_OUT) {
		/* back from another pane: has someone changed the lesson there? */
		for (size_t i = 0; key == UK_FOCUS_IN && i < a->n; i++)
			if (a->stack[i]->ops->outside)
				a->stack[i]->ops->outside(a->stack[i]);
		return;
	}
	if (!top || key == UK_RESIZE)
		return;
	if (a->too_small && !top->ops->key && a->ask.kind == ASK_NONE) {
		too_small_key(a, top, key);
		return;
	}
	if (a->ask.kind != ASK_NONE)
		bottom_key(a, key);   /* answerable at any size: the question is drawn even when too small */
	else if (!top->ops->key || !top->ops->key(top, key))
		dispatch(a, top, key);
	a->dirty = 1;
	/* no polling while idle: a key is the moment to look at the file */
	top = app_top(a);
	if (top && top->ops->outside)
		top->ops->outside(top);
}

/* --- frames ---------------------------------------------------------------------- */

/* What a terminal too small for the screens shows. */
static void draw_too_small(app *a, grid *g)
{
	char buf[96];
	snprintf(buf, sizeof buf, "nnbook needs %dx%d", APP_MIN_COLS, APP_MIN_ROWS);
	grid_puts(g, a->rows / 2 - 1, 0, buf, a->cols, GRID_ATTR(ST_BOLD));
	snprintf(buf, sizeof buf, "this is %dx%d", a->cols, a->rows);
	grid_puts(g, a->rows / 2, 0, buf, a->cols, GRID_PLAIN);
	int x = grid_puts(g, a->rows / 2 + 1, 0, "q quits", a->cols, GRID_ATTR(ST_DIM));
	grid_cursor(g, a->rows / 2 + 1, x, 0);
}

const grid *app_frame(app *a)
{
	grid *g = &a->g;
	screen *top = app_top(a);
	grid_clear(g);
	if (a->too_small && a->ask.kind != ASK_NONE) {
		bottom_draw_small(a, g);
	} else if (a->too_small) {
		draw_too_small(a, g);
	} else if (top) {
		top->ops->draw(top, g);
		bottom_draw(a, g);
	}
	if (a->term) {
		if (a->full_redraw)
			term_redraw(a->term);
		term_show(a->term, g);
	}
	a->full_redraw = 0;
	a->dirty = 0;
	a->last_draw = app_now(a);
	return g;
}
