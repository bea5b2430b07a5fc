/*
** run.c — driving the kernel: starting cells, frames, the run-all queue.
**
** The kernel is a process of its own (klink.h), owned by the app: it runs
** the cell while the main loop reads keys and draws, and its outputs
** arrive as messages the app applies to the cell's output list.  At a
** frame the cell waits: in play mode until the frame delay has passed, in
** step mode until `.` is pressed, so each `.` advances exactly one frame.
** When a cell ends, what it leaves on disk (the progress, a look at the
** lesson file) is one call to the store session.
**
** An exercise's hint and solution cells are folded until asked for (h, S):
** the solution only after an attempt, a verdict of its check on an
** exercise cell the student changed (so R on the lesson as it came opens
** nothing), which a run here notes in the progress.  They never run in a
** run of all cells.
**
** A cell that failed on a nil says which cells above it have not run in
** this kernel's life (nb_hint_not_run): the usual cause.
*/
#include <stdio.h>
#include <string.h>

#include "notebook_int.h"

/* Returns 1 when a run of all cells runs cell i: code, and not a hint or solution. */
static int runs_in_all(const notebook *nb, size_t i)
{
	const lesson_cell *c = lesson_cell_at(nb->L, i);
	return c->kind == LESSON_CODE && !(c->flags & (LESSON_HINT | LESSON_SOLUTION));
}

static void attempt(notebook *nb, size_t i, const block *verdict);

/* A run of the setup cells only (nb_run.run_all), as the lesson opens. */
#define RUN_SETUP 2

/* Returns 1 when cell i is a setup cell (tags=["setup"]). */
static int is_setup(const notebook *nb, size_t i)
{
	const lesson_cell *c = lesson_cell_at(nb->L, i);
	return c->kind == LESSON_CODE && (c->flags & LESSON_SETUP);
}

/* Returns 1 when a run of kind `all` (1, or RUN_SETUP) runs cell i. */
static int in_run(const notebook *nb, size_t i, int all)
{
	return all == RUN_SETUP ? is_setup(nb, i) : runs_in_all(nb, i);
}

/* Returns the next cell after i the queue runs, or NB_NONE. */
static size_t next_code(const notebook *nb, size_t i)
{
	for (size_t j = i + 1; j < nb->ncv; j++)
		if (in_run(nb, j, nb->run.run_all))
			return j;
	return NB_NONE;
}

/* Queues the cells a run of kind `all` runs; returns the first, or NB_NONE. */
static size_t queue(notebook *nb, int all)
{
	size_t first = NB_NONE;
	for (size_t i = 0; i < nb->ncv; i++)
		if (in_run(nb, i, all)) {
			if (first == NB_NONE)
				first = i;
			nb->cv[i]->qprev = nb->cv[i]->state;
			nb->cv[i]->state = CS_QUEUED;
		}
	return first;
}

/* Drops the run-all queue: queued cells go back to what they were. */
static void drop_queue(notebook *nb)
{
	nb->run.run_all = 0;
	nb->run.fast = 0;
	for (size_t i = 0; i < nb->ncv; i++)
		if (nb->cv[i]->state == CS_QUEUED)
			nb->cv[i]->state = nb->cv[i]->qprev;
}

/* The running cell stops: no frame waits, no steps are left. */
static void stopped(nb_run *r)
{
	r->running = NB_NONE;
	r->at_frame = 0;
	r->steps = 0;
}

/* Says why a failed cell failed when it was not its own error. */
static void failed_message(notebook *nb, klink *k)
{
	if (klink_replaced(k))
		app_message(nb->base.app, 1,
		            "The kernel was restarted: its variables are gone (R runs every cell again)");
	else if (nb->run.interrupted)
		app_message(nb->base.app, 0, "Interrupted: the kernel keeps its variables");
}

/*
** A run-all goes on with the code cell after i.  Following stays as the
** student left it: paused, the view and the current cell stay put.
*/
static void run_next(notebook *nb, size_t i)
{
	size_t j = next_code(nb, i);
	int setup = nb->run.run_all == RUN_SETUP, follow = nb->follow && !setup;
	if (j == NB_NONE) {
		nb->run.run_all = nb->run.fast = 0;
		return;
	}
	if (follow)
		nb->cur = j;   /* setup cells run where the lesson opened */
	nb_run_cell(nb, j);
	nb->follow = follow;
}

/*
** After Ctrl-R the cursor goes on to the next cell while the view follows
** the cell that runs; once that cell has ended, the view goes down just far
** enough for the cursor's first two lines to show, so the selected cell is
** never off screen and as much of the new output as fits stays in view.
*/
static void show_cursor_below(notebook *nb, size_t cur)
{
	long vr = nb_view_rows(nb), t = (long)nb->tops[cur];
	long h = (long)nb_cell_lines(nb, cur);
	if (h > 2)
		h = 2;
	if (t + h > nb->top + vr)
		nb->top = t + h - vr;
}

/*
** A cell ended: its state, the next cell of a run-all, and then, once, in
** the store: the exercises it passed and where the student is, and a look
** at the lesson file for changes made outside.
*/
static void finish(notebook *nb, int failed)
{
	app *a = nb->base.app;
	klink *k = app_kernel(a);
	nb_run *r = &nb->run;
	size_t i = r->running, at = nb->cur;
	cellview *c = nb->cv[i];
	c->seconds = app_now(a) - r->start;
	if (app_sigint_take(a))
		r->interrupted = 1;   /* the Ctrl-C that ended this cell */
	c->state = !failed ? CS_DONE : r->interrupted ? CS_INTERRUPTED : CS_ERROR;
	r->last_error = failed ? (r->interrupted && !klink_replaced(k) ? 2 : 1) : 0;
	if (klink_replaced(k))
		r->life++;   /* a fresh kernel: no cell has run in it yet */
	else if (c->state == CS_ERROR)
		nb_hint_not_run(nb, i);
	stopped(r);
	app_dirty(a);
	for (size_t n = 0; n < c->out.n; n++) {
		const block *b = c->out.items[n];
		if (b->kind != BLOCK_CHECK)
			continue;
		attempt(nb, i, b);
		if (b->passed && b->text.len) {
			store_session_passed(nb->files.ss, b->text.s);
			nb_passed(nb, i, b->text.s);
		}
	}
	if (failed) {
		drop_queue(nb);
		failed_message(nb, k);
	}
	r->interrupted = 0;
	if (nb->follow) {   /* the final state in view */
		nb_layout(nb);
		nb_follow_cell(nb, i);
		if (!r->run_all && at != i)
			show_cursor_below(nb, at);
	}
	if (r->run_all)
		run_next(nb, i);
	if (r->running == NB_NONE) {   /* p and . say how frames go: nothing runs now */
		app_clear_message_if(a, "Playing:");
		app_clear_message_if(a, "Paused:");
	}
	if (store_session_cell_end(nb->files.ss, at, nb_may_look(nb)))
		nb_changed_outside(nb);
}

int nb_run_cell(notebook *nb, size_t i)
{
	app *a = nb->base.app;
	klink *k = app_kernel(a);
	nb_run *r = &nb->run;
	if (i >= nb->ncv || r->running != NB_NONE || !k)
		return -1;
	const lesson_cell *lc = lesson_cell_at(nb->L, i);
	cellview *c = nb->cv[i];
	if (lc->kind != LESSON_CODE)
		return -1;
	/* a folded hint or solution runs once shown; a cell only hidden by its
	** metadata, or a setup cell, runs as it is, as in Jupyter */
	int fold = nb_folded(nb, i);
	if (fold && fold != NB_HIDDEN && fold != NB_SETUP) {
		app_message(a, 0, "%s shows this cell first", fold == NB_HINT ? "h" : "S");
		return -1;
	}
	nb_frames_free(c);
	blocklist_clear(&c->out);
	c->reveal = 0;   /* unfolded stays unfolded (o), for the next look at the outputs */
	c->collapsed = 0;
	r->interrupted = 0;
	r->fast = r->run_all && r->fast;
	r->at_frame = 0;
	r->steps = 0;
	r->start = app_now(a);
	r->running = i;
	nb->follow = 1;
	nb->follow_cell = i;
	app_dirty(a);
	c->state = CS_RUNNING;
	if (klink_run(k, lc->source, lc->source_len, lesson_name(nb->L), lc->first_line, &c->out,
	              KL_WAIT | KL_LIVE) != 0) {
		r->running = NB_NONE;
		c->state = CS_NEW;
		app_message(a, 1, "The kernel is not running (0 0 restarts it)");
		return -1;
	}
	c->count = klink_count(k);
	c->life = r->life;
	return 0;
}

void nb_run_all(notebook *nb)
{
	size_t first = queue(nb, 1);
	if (first == NB_NONE) {
		app_message(nb->base.app, 0, "This lesson has no code cells");
		return;
	}
	nb->run.run_all = 1;
	nb->run.fast = 1;   /* the animations are for single cells: p plays them */
	nb->cur = first;
	nb_run_cell(nb, first);
}

void nb_run_setup(notebook *nb)
{
	size_t first = queue(nb, RUN_SETUP);
	if (first == NB_NONE)
		return;
	nb->run.run_all = RUN_SETUP;
	if (nb_run_cell(nb, first) != 0)
		nb->run.run_all = 0;
	nb->follow = 0;   /* the student stays where the lesson opened */
}

void nb_interrupt(notebook *nb)
{
	drop_queue(nb);
	if (nb->run.running == NB_NONE)
		return;
	nb->run.interrupted = 1;
	klink_interrupt(app_kernel(nb->base.app));
}

void nb_step(notebook *nb)
{
	nb_run *r = &nb->run;
	if (r->running == NB_NONE) {
		if (nb->ncv && lesson_cell_at(nb->L, nb->cur)->kind == LESSON_CODE) {
			r->paused = 1;
			nb_run_cell(nb, nb->cur);
		} else {
			app_message(nb->base.app, 0, "Nothing is running: . steps through a cell's frames");
		}
		return;
	}
	if (!r->paused) {
		r->paused = 1;      /* stop at the next frame */
		return;
	}
	r->steps++;   /* one frame more for each press, even when they come together */
}

unsigned long nb_run_frame(const notebook *nb)
{
	const nb_run *r = &nb->run;
	klink *k = app_kernel(nb->base.app);
	unsigned long f = k ? klink_frames(k) : 0;
	if (f && r->running != NB_NONE && !r->at_frame &&
	    blocklist_version(&nb->cv[r->running]->out) != r->frame_ver)
		f++;
	return f;
}

double nb_run_wait(const notebook *nb)
{
	const nb_run *r = &nb->run;
	if (r->running == NB_NONE || !r->at_frame)
		return -1;
	if (r->interrupted)
		return 0;
	if (r->paused)
		return r->steps ? 0 : -1;
	double d = r->frame_due - app_now(nb->base.app);
	return d > 0 ? d : 0;
}

/*
** Returns 1 when the running cell shows something on screen that it did
** not show at the last frame (its title line, which counts frames, aside):
** only then is a frame worth its delay.  An off-screen cell runs at full
** speed.
*/
static int frame_shows(notebook *nb)
{
	nb_run *r = &nb->run;
	size_t i = r->running;
	nb_layout(nb);
	if (nb->follow && nb->follow_cell == i)
		nb_follow_cell(nb, i);
	long t = (long)nb_cell_top(nb, i), vr = nb_view_rows(nb);
	long a = t + 1 > nb->top ? t + 1 : nb->top;
	long e = t + (long)nb_cell_lines(nb, i) < nb->top + vr ? t + (long)nb_cell_lines(nb, i)
	                                                       : nb->top + vr;
	unsigned long h = 5381 + (unsigned long)(a - nb->top);
	for (long y = a; y < e; y++) {
		const st_line *l = nb_cell_line(nb, i, (size_t)(y - t));
		for (size_t k = 0; l && k < l->len; k++)
			h = h * 33 + l->cells[k].cp * 7 + l->cells[k].style.fg;
		h = h * 33 + '\n';
	}
	int changed = a < e && h != r->shown;
	r->shown = h;
	return changed;
}

void nb_run_tick(notebook *nb, klink_event ev)
{
	nb_run *r = &nb->run;
	if (r->running != NB_NONE) {
		if (ev == KL_FRAME) {
			double fps = nb_speed_fps(r->speed), wait = fps > 0 ? 1.0 / fps : 0;
			nb_frames_record(nb, r->running);
			r->frame_ver = blocklist_version(&nb->cv[r->running]->out);
			if (!r->paused && wait > 0 && (r->fast || !frame_shows(nb)))
				wait = 0;
			r->at_frame = 1;
			r->frame_due = app_now(nb->base.app) + wait;
		} else if (ev == KL_DONE || ev == KL_ERROR) {
			finish(nb, ev == KL_ERROR);
		}
	}
	/* a frame waiting for its time (or its step) goes on */
	if (r->running == NB_NONE || !r->at_frame || nb_run_wait(nb) != 0)
		return;
	r->at_frame = 0;
	if (r->paused && r->steps)
		r->steps--;
	klink_go(app_kernel(nb->base.app));
}

void nb_restart(notebook *nb)
{
	app *a = nb->base.app;
	klink *k = app_kernel(a);
	if (!k)
		return;
	drop_queue(nb);
	if (nb->run.running != NB_NONE) {
		nb->cv[nb->run.running]->state = CS_INTERRUPTED;
		stopped(&nb->run);
	}
	if (klink_restart(k) != 0)
		app_message(a, 1, "The kernel could not restart (out of memory?)");
	else
		app_message(a, 0, "Kernel restarted: variables are gone, outputs stay");
	nb->run.last_error = 0;
	nb->run.life++;   /* the cells run before count as not run (nb_hint_not_run) */
	app_dirty(a);
}

void nb_clear_outputs(notebook *nb, size_t i)
{
	if (i >= nb->ncv || i == nb->run.running)
		return;
	nb_frames_free(nb->cv[i]);
	blocklist_clear(&nb->cv[i]->out);
	nb->cv[i]->expanded = 0;
	nb->cv[i]->reveal = 0;
	app_dirty(nb->base.app);
}

/* --- hints and solutions ------------------------------------------------------- */

/* The name a hidden cell's reveal is kept under: its title, or "cell N". */
static void reveal_key(const notebook *nb, size_t i, char *buf, size_t size)
{
	const lesson_cell *c = lesson_cell_at(nb->L, i);
	if (*c->title)
		snprintf(buf, size, "%s", c->title);
	else
		snprintf(buf, size, "cell %zu", i + 1);
}

/* Returns 1 when the hidden cell i is shown now. */
static int is_shown(const notebook *nb, size_t i)
{
	char key[256];
	if (nb->cv[i]->shown)
		return nb->cv[i]->shown > 0;
	reveal_key(nb, i, key, sizeof key);
	return nb->files.ss && store_session_marked(nb->files.ss, STORE_SHOWN, key);
}

/* Returns 1 when check cell c has judged an attempt, in this session or before. */
static int attempted(const notebook *nb, size_t c)
{
	char key[256];
	if (nb->cv[c]->checked)
		return 1;
	reveal_key(nb, c, key, sizeof key);
	return nb->files.ss && store_session_marked(nb->files.ss, STORE_ATTEMPTED, key);
}

/*
** Check cell i gave a verdict: an attempt when it passed or when the
** exercise cell (the code cell before it) no longer reads as the lesson
** gave it.  An attempt is kept in the progress ("attempted Check 1").
*/
static void attempt(notebook *nb, size_t i, const block *verdict)
{
	char key[256];
	size_t ex = lesson_check_of(nb->L, i);
	if (attempted(nb, i) || (!verdict->passed && ex != NB_NONE && nb_cell_is_original(nb, ex)))
		return;
	nb->cv[i]->checked = 1;   /* the exercise's solution may open now */
	reveal_key(nb, i, key, sizeof key);
	if (nb->files.ss)
		store_session_mark(nb->files.ss, STORE_ATTEMPTED, key);
}

/* Returns 1 when the solution cell i may open: its check has judged an attempt. */
static int solution_ready(const notebook *nb, size_t i)
{
	size_t c = lesson_check_of(nb->L, i);
	return (c != (size_t)-1 && attempted(nb, c)) || is_shown(nb, i);
}

int nb_folded(const notebook *nb, size_t i)
{
	unsigned f = lesson_cell_at(nb->L, i)->flags;
	if (!f || is_shown(nb, i))
		return NB_OPEN;
	if (f & LESSON_SOLUTION)
		return solution_ready(nb, i) ? NB_SOL : NB_SOL_LATER;
	return f & LESSON_HINT ? NB_HINT : f & LESSON_SETUP ? NB_SETUP : NB_HIDDEN;
}

/*
** The cell h or S acts on: the current one when it has the flag, else the
** first folded one with it below, looking no further than the exercise
** (its code cell and its check).  NB_NONE when there is none.
*/
static size_t reveal_target(const notebook *nb, unsigned flag)
{
	size_t found = NB_NONE;
	int codes = 0;
	if (lesson_cell_at(nb->L, nb->cur)->flags & flag)
		return nb->cur;
	for (size_t j = nb->cur; j < nb->ncv; j++) {
		const lesson_cell *c = lesson_cell_at(nb->L, j);
		if (c->flags & flag) {
			if (!is_shown(nb, j))
				return j;
			found = j;
		} else if (runs_in_all(nb, j) && ++codes > 2) {   /* past the exercise */
			break;
		}
	}
	return found;
}

int nb_reveal(notebook *nb, unsigned flag)
{
	app *a = nb->base.app;
	if (nb->ncv == 0)
		return 0;
	unsigned own = lesson_cell_at(nb->L, nb->cur)->flags;
	if (flag == LESSON_HINT && own && !(own & ~(LESSON_SRC_HIDDEN | LESSON_SETUP)))
		flag = own;   /* h also opens a cell hidden by its metadata, or a setup cell */
	size_t i = reveal_target(nb, flag);
	if (i == NB_NONE)
		return 0;
	char key[256];
	reveal_key(nb, i, key, sizeof key);
	if (is_shown(nb, i)) {
		nb->cv[i]->shown = -1;
		app_message(a, 0, "%s folded again (%s shows it)", key, flag == LESSON_SOLUTION ? "S" : "h");
	} else if (flag == LESSON_SOLUTION && !solution_ready(nb, i)) {
		app_message(a, 0, "The solution opens after a first attempt: edit the exercise, run its check");
		return 1;
	} else {
		nb->cv[i]->shown = 1;
		if (nb->files.ss)
			store_session_mark(nb->files.ss, STORE_SHOWN, key);
	}
	nb->cur = i;
	nb->follow = 0;
	nb_layout(nb);
	nb_show_cell(nb, i);
	app_dirty(a);
	return 1;
}

void nb_passed(notebook *nb, size_t i, const char *name)
{
	for (size_t j = i + 1; j < nb->ncv && lesson_check_of(nb->L, j) == i; j++)
		if ((lesson_cell_at(nb->L, j)->flags & LESSON_SOLUTION) && is_shown(nb, j)) {
			if (nb->files.ss)
				store_session_mark(nb->files.ss, STORE_WITH_SOLUTION, name);
			nb->cv[i]->out_w = (size_t)-1;   /* the verdict says so */
			return;
		}
}

/* --- the hint about cells not run ---------------------------------------------- */

/* Returns 1 when cell lc has something to run (not only blanks). */
static int has_code(const lesson_cell *lc)
{
	for (size_t k = 0; k < lc->source_len; k++)
		if (lc->source[k] != ' ' && lc->source[k] != '\t' && lc->source[k] != '\n')
			return 1;
	return 0;
}

/*
** Returns 1 when an error's message is the kind a name never defined
** gives: Lua's "a nil value" or "got nil", our bindings' "got a nil" or
** "got nothing".
** Other errors (a wrong shape, error("...")) say what went wrong already.
*/
static int about_nil(const block *err)
{
	static const char *const words[] = {"a nil value", "got nil", "got a nil", "got nothing"};
	const char *msg = err->text.s ? err->text.s : "";
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (strstr(msg, words[k]))
			return 1;
	return 0;
}

void nb_hint_not_run(notebook *nb, size_t i)
{
	blocklist *out = &nb->cv[i]->out;
	block *err = NULL;
	for (size_t k = out->n; k-- > 0 && !err;)
		if (out->items[k]->kind == BLOCK_ERROR)
			err = out->items[k];
	if (!err || !about_nil(err))
		return;
	strbuf cells = STRBUF_INIT;
	size_t n = 0;
	for (size_t j = 0; j < i; j++) {
		const lesson_cell *lc = lesson_cell_at(nb->L, j);
		if (lc->kind != LESSON_CODE || !has_code(lc) || nb->cv[j]->life == nb->run.life)
			continue;
		if (++n > 3)
			continue;
		char t[64];
		nb_shorten(nb, *lc->title ? lc->title : "untitled", 18, t, sizeof t);
		sb_addf(&cells, "%s%zu \"%s\"", n > 1 ? ", " : "", j + 1, t);
	}
	if (n > 3)
		sb_addf(&cells, " and %zu more", n - 3);
	sb_free(&err->extra);
	if (n)
		sb_addf(&err->extra, "Not run yet above: %s. R runs all, or Ctrl-R from the top.",
		        sb_str(&cells));
	sb_free(&cells);
	blocklist_touch(out);
}
