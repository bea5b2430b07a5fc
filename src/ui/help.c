/*
** help.c — the help screen: every key, made from the key table (keys.c),
** so it can never disagree with what the keys do.  It opens over the
** screen `?` was pressed on and gives it back on q, ? or Esc.
*/
#include <stdio.h>
#include <stdlib.h>

#include "screen_int.h"

typedef struct help {
	screen base;
	long top;        /* the first line shown */
} help;

static void op_draw(screen *s, grid *g)
{
	help *h = (help *)s;
	st_text t = ST_TEXT_INIT;
	int vr = app_view_rows(s->app), cols = app_cols(s->app);
	keys_help_text(&t);
	long max = (long)t.n - vr;
	if (h->top > max)
		h->top = max;
	if (h->top < 0)
		h->top = 0;
	for (int r = 0; r < vr; r++) {
		size_t y = (size_t)h->top + (size_t)r;
		grid_line_fit(g, r, 1, y < t.n ? &t.lines[y] : NULL, (size_t)(cols - 1));
	}
	st_free(&t);
}

static void op_status(screen *s, app_status *st)
{
	(void)s;
	snprintf(st->title, sizeof st->title, "nnbook help: every key");
}

static void op_request(screen *s, enum ui_req req)
{
	help *h = (help *)s;
	long vr = app_view_rows(s->app);
	switch (req) {
	case REQ_NEXT: h->top++; break;
	case REQ_PREV: h->top--; break;
	case REQ_PGDN: h->top += vr - 1; break;
	case REQ_PGUP: h->top -= vr - 1; break;
	case REQ_HALF_DN: h->top += vr / 2; break;
	case REQ_HALF_UP: h->top -= vr / 2; break;
	case REQ_FIRST: h->top = 0; break;
	case REQ_LAST: h->top = 1 << 20; break;   /* drawing clamps */
	case REQ_BACK: app_pop(s->app); return;
	default: break;
	}
	if (h->top < 0)
		h->top = 0;
}

static void op_close(screen *s)
{
	free(s);
}

static const screen_ops help_ops = {
	.name = "help", .keymap = KM_HELP,
	.draw = op_draw, .status = op_status, .request = op_request, .close = op_close,
};

screen *help_new(app *a)
{
	return screen_alloc(a, &help_ops, sizeof(help));
}
