/*
** notebook.c — the notebook screen: its ops, its requests, its status bar
** and its questions.
**
** Requests only change state and mark the screen dirty: drawing happens
** once per turn of the main loop.  The other files of the notebook (see
** notebook_int.h) do the work: layout, cell operations, files, runs,
** search, the editor.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notebook_int.h"
#include "vec.h"

/* The notebook's questions on the bottom line. */
enum { Q_SEARCH, Q_QUIT, Q_RELOAD, Q_RESTORE, Q_RESET_CELL };

/* Frames per second of each speed setting; 0 runs frames as fast as the cell goes. */
static const double speeds[] = {0.5, 1, 2, 5, 10, 20, 30, 60, 0};
#define NSPEEDS ((int)(sizeof speeds / sizeof speeds[0]))
#define SPEED_DEFAULT 4   /* 10 frames a second: slow enough to watch a line move */

double nb_speed_fps(int speed)
{
	return speeds[speed < 0 ? 0 : speed >= NSPEEDS ? NSPEEDS - 1 : speed];
}

int nb_refuse(notebook *nb)
{
	if (nb_read_only(nb)) {
		app_message(nb->base.app, 1, "This lesson is open in another nnbook: read-only here");
		return 1;
	}
	return 0;
}

/* The kernel's state in a word or three ("playing, frame 12"). */
static void kernel_state(notebook *nb, char *buf, size_t size)
{
	klink *k = app_kernel(nb->base.app);
	unsigned long f = k ? nb_run_frame(nb) : 0;
	const nb_run *r = &nb->run;
	if (r->running == NB_NONE)
		snprintf(buf, size, "%s", r->last_error == 2 ? "interrupted" : r->last_error ? "error" : "idle");
	else if (r->paused && r->at_frame)
		snprintf(buf, size, nb->follow ? "paused, frame %lu" : "paused, frame %lu, f follows", f);
	else if (r->paused)
		snprintf(buf, size, "stepping");
	else if (!nb->follow)
		snprintf(buf, size, "following paused: f follows");
	else if (r->fast)
		snprintf(buf, size, f ? "running all, frame %lu" : "running all", f);
	else if (f)
		snprintf(buf, size, "playing, frame %lu", f);
	else
		snprintf(buf, size, "running");
}

void nb_status(notebook *nb, app_status *st, const char *mode)
{
	char state[48];
	double fps = nb_speed_fps(nb->run.speed);
	lesson_title(nb->L, st->title, sizeof st->title);
	if (nb->modified)
		snprintf(st->mark, sizeof st->mark, "[+]");
	if (nb_read_only(nb))
		app_status_add(st, APP_PRIO_MODE, "read-only");
	if (nb->files.copy)
		app_status_add(st, APP_PRIO_WHERE, "your copy");
	if (mode)
		app_status_add(st, APP_PRIO_MODE, "%s", mode);
	app_status_add(st, APP_PRIO_CELL, "cell %zu/%zu", nb->ncv ? nb->cur + 1 : 0, nb->ncv);
	app_class_status(nb->base.app, st, nb->path, nb->ncv ? (unsigned)nb->cur + 1 : 0);
	kernel_state(nb, state, sizeof state);
	app_status_add(st, APP_PRIO_STATE, "%s", state);
	nb_frames_status(nb, st);
	if (nb->run.paused && nb->run.running == NB_NONE)
		app_status_add(st, APP_PRIO_EXTRA, "paused");   /* the next run stops at its first frame */
	else if (fps > 0)
		app_status_add(st, APP_PRIO_EXTRA, fps < 1 ? "%.1f fps" : "%.0f fps", fps);
	else
		app_status_add(st, APP_PRIO_EXTRA, "max speed");
}

/* --- the class ----------------------------------------------------------------- */

/*
** Tells the class where the student is (a no-op outside a class; the app
** writes only what changed, at most four times a second): the lesson, the
** cell, the state, the last error, the exercises passed, the cell's code.
*/
static void publish(notebook *nb)
{
	if (!app_class_member(nb->base.app))
		return;   /* not in a class: nothing to gather, every turn */
	char title[128], state[48];
	strbuf passed = STRBUF_INIT;
	const char *error = NULL;
	const store_progress *p = nb->files.ss ? store_session_progress(nb->files.ss) : NULL;
	for (size_t i = 0; p && i < p->npassed; i++)
		sb_addf(&passed, "%s\n", p->passed[i]);
	for (size_t i = 0; i < nb->ncv; i++)
		for (size_t j = 0; j < nb->cv[i]->out.n; j++) {
			const block *b = nb->cv[i]->out.items[j];
			if (b->kind == BLOCK_ERROR && (nb->cv[i]->state == CS_ERROR || i == nb->cur))
				error = sb_str(&b->text);
		}
	const lesson_cell *c = nb->ncv ? lesson_cell_at(nb->L, nb->cur) : NULL;
	strbuf code = STRBUF_INIT;
	if (c && c->kind == LESSON_CODE)
		sb_addn(&code, c->source, c->source_len);
	lesson_title(nb->L, title, sizeof title);
	strbuf name = STRBUF_INIT;
	store_lesson_name(nb->path, &name);
	kernel_state(nb, state, sizeof state);
	state[strcspn(state, ",")] = '\0';    /* "playing, frame 12": the state only */
	app_class_publish(nb->base.app, sb_str(&name), title, nb->ncv ? (unsigned)nb->cur + 1 : 0,
	                  (unsigned)nb->ncv, state, error ? error : "", sb_str(&passed), sb_str(&code));
	sb_free(&passed);
	sb_free(&code);
	sb_free(&name);
}

void notebook_goto(screen *s, unsigned cell)
{
	notebook *nb = (notebook *)s;
	if (!nb->ncv || !cell)
		return;
	nb_go(nb, cell - 1 < nb->ncv ? cell - 1 : nb->ncv - 1);
}

/* --- requests ------------------------------------------------------------------ */

/*
** Scrolls by n lines and keeps the current cell on screen.  Scrolling by
** hand pauses following, except that paging down onto the running cell's
** newest output stops there and follows it again: a page never skips
** output that is still growing.
*/
static void scroll_by(notebook *nb, long n)
{
	long vr = nb_view_rows(nb);
	size_t run = nb->run.running;
	nb_layout(nb);
	nb->follow = 0;
	if (run != NB_NONE && n > 0) {
		long end = (long)(nb_cell_top(nb, run) + nb_cell_lines(nb, run));
		if (end > nb->top + vr && nb->top + n + vr >= end) {
			nb->follow = 1;
			nb->follow_cell = run;
			n = end - vr - nb->top;
		}
	}
	nb->top += n;
	if (nb->top > (long)nb->total - vr)
		nb->top = (long)nb->total - vr;
	if (nb->top < 0)
		nb->top = 0;
	size_t first = nb_cell_at_line(nb, (size_t)nb->top);
	size_t last = nb_cell_at_line(nb, (size_t)(nb->top + vr - 1));
	if (nb->cur < first || nb->cur > last) {
		/* the first cell that starts on screen, else the one covering its top */
		size_t c = first;
		if (nb_cell_top(nb, first) < (size_t)nb->top && first + 1 <= last)
			c = first + 1;
		nb->cur = c;
	}
}

/* n / N: the next or previous match of the last search. */
static void search_again(notebook *nb, int dir)
{
	if (!nb->search.qlen)
		app_message(nb->base.app, 0, "No search yet: / searches");
	else if (!nb_find(nb, dir))
		app_message(nb->base.app, 1, "Not found: %s", nb->search.query);
}

/* f: follow the running cell's newest output again. */
static void follow(notebook *nb)
{
	size_t i = nb->run.running;
	if (i == NB_NONE) {
		app_message(nb->base.app, 0, "Nothing is running: f follows a running cell's newest output");
		return;
	}
	nb->follow = 1;
	nb->follow_cell = i;
	nb->cur = i;
	nb_layout(nb);
	nb_follow_cell(nb, i);
}

/* Moving; returns 1 when req was one of these. */
static int move_request(notebook *nb, enum ui_req req)
{
	long vr = nb_view_rows(nb), page = vr > 2 ? vr - 2 : 1;
	switch (req) {
	case REQ_NEXT: nb_go(nb, nb->cur + 1); return 1;
	case REQ_PREV: nb_go(nb, nb->cur ? nb->cur - 1 : 0); return 1;
	case REQ_PGDN: scroll_by(nb, page); return 1;
	case REQ_PGUP: scroll_by(nb, -page); return 1;
	case REQ_HALF_DN: scroll_by(nb, vr / 2 > 1 ? vr / 2 : 1); return 1;
	case REQ_HALF_UP: scroll_by(nb, -(vr / 2 > 1 ? vr / 2 : 1)); return 1;
	case REQ_FIRST: nb_go(nb, 0); nb->top = 0; return 1;
	case REQ_LAST:
		if (nb->run.running != NB_NONE && nb->cur == nb->run.running)
			follow(nb);   /* G on the running cell: its newest output, as tail -f */
		else
			nb_go(nb, nb->ncv ? nb->ncv - 1 : 0);
		return 1;
	case REQ_FOLLOW: follow(nb); return 1;
	case REQ_SEARCH: app_prompt(nb->base.app, &nb->base, Q_SEARCH, "/"); return 1;
	case REQ_SNEXT: search_again(nb, 1); return 1;
	case REQ_SPREV: search_again(nb, -1); return 1;
	default: return 0;
	}
}

/* Starts the current cell; a prose cell just moves on. */
static void run_current(notebook *nb, int move_on)
{
	if (nb->ncv == 0)
		return;
	if (lesson_cell_at(nb->L, nb->cur)->kind == LESSON_MARKDOWN) {
		nb_go(nb, nb->cur + 1);
		return;
	}
	if (nb->run.running != NB_NONE) {
		app_message(nb->base.app, 1, "A cell is running: Ctrl-C (or i i) stops it");
		return;
	}
	size_t i = nb->cur;
	if (nb_run_cell(nb, i) == 0 && move_on && i + 1 < nb->ncv) {
		nb_go(nb, i + 1);
		nb->follow = 1;   /* the view still follows the cell that runs */
	}
}

/* + / -: the animation's speed. */
static void speed(notebook *nb, int d)
{
	int s = nb->run.speed + d;
	if (s < 0 || s >= NSPEEDS) {
		app_message(nb->base.app, 0, d > 0 ? "Already the fastest" : "Already the slowest");
		return;
	}
	nb->run.speed = s;
	if (nb->run.at_frame && !nb->run.paused)
		nb->run.frame_due = app_now(nb->base.app);   /* the new speed counts from now */
}

/* p: play or pause the frames. */
static void play(notebook *nb)
{
	if (nb->run.fast && !nb->run.paused) {   /* a run-all: from now on its frames play */
		nb->run.fast = 0;
		nb->run.frame_due = app_now(nb->base.app);
		app_message(nb->base.app, 0, "Playing: p pauses, +/- change the speed");
		return;
	}
	nb->run.paused = !nb->run.paused;
	if (!nb->run.paused)
		nb->run.frame_due = app_now(nb->base.app);
	app_message(nb->base.app, 0, nb->run.paused ? "Paused: . runs one frame, p plays"
	                                            : "Playing: p pauses, +/- change the speed");
}

/* Running and training; returns 1 when req was one of these. */
static int run_request(notebook *nb, enum ui_req req)
{
	app *a = nb->base.app;
	int idle = nb->run.running == NB_NONE;
	switch (req) {
	case REQ_RUN: run_current(nb, 0); return 1;
	case REQ_RUN_NEXT: run_current(nb, 1); return 1;
	case REQ_RUN_ALL:
		if (idle)
			nb_run_all(nb);
		else
			app_message(a, 1, "A cell is running: Ctrl-C (or i i) stops it");
		return 1;
	case REQ_INTERRUPT:
		if (idle)
			app_message(a, 0, "Nothing is running");
		else
			nb_interrupt(nb);
		return 1;
	case REQ_RESTART: nb_restart(nb); return 1;
	case REQ_CLEAR:
		if (nb->ncv && nb->cur != nb->run.running)
			nb_clear_outputs(nb, nb->cur);
		return 1;
	case REQ_PLAY: play(nb); return 1;
	case REQ_STEP: nb_step(nb); return 1;
	case REQ_FASTER: speed(nb, 1); return 1;
	case REQ_SLOWER: speed(nb, -1); return 1;
	default: return 0;
	}
}

/* Cells and files; returns 1 when req was one of these. */
static int cell_request(notebook *nb, enum ui_req req)
{
	switch (req) {
	case REQ_EDIT:
		if (!nb_refuse(nb) && nb->ncv)
			editor_open(nb);
		return 1;
	case REQ_EXTERNAL:
		if (app_options(nb->base.app)->restricted)
			app_message(nb->base.app, 1, "No external editor in restricted mode: e edits here");
		else if (!nb_refuse(nb) && nb->ncv)
			editor_external(nb);
		return 1;
	case REQ_ADD_ABOVE: nb_cell_add(nb, 0); return 1;
	case REQ_ADD_BELOW: nb_cell_add(nb, 1); return 1;
	case REQ_DELETE: nb_cell_delete(nb); return 1;
	case REQ_UNDO: nb_cell_undo(nb); return 1;
	case REQ_MOVE_UP: nb_cell_move(nb, -1); return 1;
	case REQ_MOVE_DOWN: nb_cell_move(nb, 1); return 1;
	case REQ_CODE: nb_cell_set_kind(nb, LESSON_CODE); return 1;
	case REQ_PROSE: nb_cell_set_kind(nb, LESSON_MARKDOWN); return 1;
	case REQ_COPY: nb_cell_copy(nb); return 1;
	case REQ_CUT: nb_cell_cut(nb); return 1;
	case REQ_PASTE: nb_cell_paste(nb, 0); return 1;
	case REQ_PASTE_ABOVE: nb_cell_paste(nb, 1); return 1;
	case REQ_CELL_RESET: nb_cell_reset_ask(nb, Q_RESET_CELL); return 1;
	case REQ_SAVE: nb_save(nb); return 1;
	default: return 0;
	}
}

/*
** o: folds or unfolds the current cell's outputs and keeps the view where
** it is: the lines above the outputs stay put, and when the view starts
** inside the outputs, their end stays where it was on screen.  A running
** cell is always fitted to the screen; it shows unfolded once it has ended.
*/
static void fold(notebook *nb)
{
	size_t i = nb->cur;
	cellview *c = nb->cv[i];
	nb_layout(nb);
	long h = (long)c->height, t = (long)(nb_cell_top(nb, i) + nb_cell_lines(nb, i) - c->outr.n);
	c->expanded = !c->expanded;
	if (c->state == CS_RUNNING) {
		app_message(nb->base.app, 0, c->expanded ? "The outputs show unfolded when the cell ends"
		                                         : "The outputs show folded when the cell ends");
		return;
	}
	nb_layout(nb);
	if (t < nb->top) {
		nb->top += (long)c->height - h;
		if (nb->top < t)
			nb->top = t;
	}
}

/* Returns 1 when cell i's outputs hold an exercise check with a solution. */
static int has_solution(const notebook *nb, size_t i)
{
	const blocklist *bl = &nb->cv[i]->out;
	for (size_t k = 0; k < bl->n; k++)
		if (bl->items[k]->kind == BLOCK_CHECK && bl->items[k]->extra.len)
			return 1;
	return 0;
}

static void op_request(screen *s, enum ui_req req)
{
	notebook *nb = (notebook *)s;
	if (!nb_frames_keeps(req))
		nb_frames_live(nb);
	if (nb_frames_request(nb, req))
		return;
	if (req == REQ_FRAME_FIRST || req == REQ_FRAME_LAST)   /* Home, End: no cell is stepped through */
		req = req == REQ_FRAME_FIRST ? REQ_FIRST : REQ_LAST;
	if (move_request(nb, req) || run_request(nb, req) || cell_request(nb, req))
		return;
	switch (req) {
	case REQ_FOLD:
		if (nb->ncv)
			fold(nb);
		break;
	case REQ_HINT:
		if (!nb_reveal(nb, LESSON_HINT))
			app_message(s->app, 0, "No hint here: h shows the hint of the exercise at the cursor");
		break;
	case REQ_SOLUTION:
		if (nb_reveal(nb, LESSON_SOLUTION))
			break;
		if (nb->ncv && has_solution(nb, nb->cur))
			nb->cv[nb->cur]->reveal = !nb->cv[nb->cur]->reveal;
		else
			app_message(s->app, 0, "No solution here: S shows the solution of the exercise at the cursor");
		break;
	case REQ_QUIT:
		if (nb->modified)
			app_ask(s->app, s, Q_QUIT, "Unsaved changes. Quit anyway? (y/n) ", 0);
		else
			app_pop(s->app);   /* back to the browser, or the end */
		break;
	case REQ_FOLLOW_TEACHER: case REQ_TAKE_CELL: case REQ_OFFER_CELL:
		nb_class_request(nb, req);
		break;
	default:
		break;
	}
}

/* --- the other ops ----------------------------------------------------------------- */

static void op_answer(screen *s, int q, int yes, const char *text)
{
	notebook *nb = (notebook *)s;
	nb_search *m = &nb->search;
	switch (q) {
	case Q_SEARCH:
		if (*text) {
			snprintf(m->query, sizeof m->query, "%s", text);
			m->qlen = strlen(m->query);
		}
		if (m->qlen && !nb_find(nb, 1))
			app_message(s->app, 1, "Not found: %s", m->query);
		break;
	case Q_QUIT:
		if (yes) {
			nb_discard_recovery(nb);
			nb->modified = 0;
			app_pop(s->app);
		}
		break;
	case Q_RELOAD:
		if (yes)
			nb_reload(nb);
		break;
	case Q_RESTORE:
		nb_restore_answer(nb, yes);
		break;
	case Q_RESET_CELL:
		if (yes)
			nb_cell_reset(nb);
		break;
	}
}

void nb_changed_outside(notebook *nb)
{
	if (nb->modified)   /* the student's edits are at stake: ask */
		app_ask(nb->base.app, &nb->base, Q_RELOAD,
		        "The lesson changed on disk. Reload the cells you have not edited? (y/n) ", 0);
	else
		nb_reload(nb);
}

static void op_open(screen *s)
{
	notebook *nb = (notebook *)s;
	nb_run_setup(nb);
	nb_layout(nb);
	nb_show_cell(nb, nb->cur);
	if (nb_read_only(nb))
		app_message(s->app, 1, "%s is open in another nnbook: read-only here (%s)", nb->path,
		            store_error(app_store(s->app)));
	else if (store_session_recovered(nb->files.ss)->len)
		app_ask(s->app, s, Q_RESTORE,
		        "Unsaved edits from a previous session were found. Restore them? (y/n) ", 1);
}

static void op_draw(screen *s, grid *g)
{
	notebook *nb = (notebook *)s;
	if (nb->follow && nb->run.running != NB_NONE && nb->follow_cell < nb->ncv) {
		nb_layout(nb);
		nb_follow_cell(nb, nb->follow_cell);
	}
	nb_draw_cells(nb, g);
}

static void op_status(screen *s, app_status *st)
{
	nb_status((notebook *)s, st, NULL);
}

static void op_resize(screen *s)
{
	nb_relayout_keep((notebook *)s);
}

static void op_tick(screen *s, klink_event ev)
{
	notebook *nb = (notebook *)s;
	nb_run_tick(nb, ev);
	if (nb_recovery_due(nb) == 0)
		nb_save_recovery(nb);
	publish(nb);
}

static double op_wait(const screen *s)
{
	const notebook *nb = (const notebook *)s;
	double r = nb_run_wait(nb), f = nb_recovery_due(nb);
	return r < 0 || (f >= 0 && f < r) ? f : r;
}

static int op_interrupt(screen *s)
{
	notebook *nb = (notebook *)s;
	if (nb->run.running == NB_NONE)
		return 0;
	nb_interrupt(nb);
	return 1;
}

static void op_outside(screen *s)
{
	notebook *nb = (notebook *)s;
	if (nb_may_look(nb) && store_session_changed(nb->files.ss))
		nb_changed_outside(nb);
}

static int op_unsaved(const screen *s)
{
	return ((const notebook *)s)->modified;
}

static void op_rescue(screen *s)
{
	nb_save_recovery((notebook *)s);
}

static void op_close(screen *s)
{
	notebook *nb = (notebook *)s;
	nb_close_lesson(nb);
	nb_clip_free(&nb->clip);
	st_free(&nb->hdr);
	vec_free(nb->tops, VEC_PLAIN);
	free(nb);
}

static const screen_ops notebook_ops = {
	.name = "notebook", .keymap = KM_NOTEBOOK,
	.open = op_open, .draw = op_draw, .status = op_status, .request = op_request,
	.resize = op_resize, .close = op_close, .tick = op_tick, .wait = op_wait,
	.interrupt = op_interrupt, .outside = op_outside, .answer = op_answer,
	.unsaved = op_unsaved, .rescue = op_rescue,
};

screen *notebook_new(app *a, const char *path, const char *origin, char *err, size_t errsize)
{
	notebook *nb = screen_alloc(a, &notebook_ops, sizeof *nb);
	if (!nb) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	nb->run.running = NB_NONE;
	nb->run.speed = SPEED_DEFAULT;
	nb->run.life = 1;
	if (nb_open_lesson(nb, path, origin, err, errsize) != 0) {
		free(nb);
		return NULL;
	}
	return &nb->base;
}
