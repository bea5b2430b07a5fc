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
*/
#include <stdio.h>
#include <string.h>

#include "notebook_int.h"

/* Returns the next code cell after i, or NB_NONE. */
static size_t next_code(const notebook *nb, size_t i)
{
	for (size_t j = i + 1; j < nb->ncv; j++)
		if (lesson_cell_at(nb->L, j)->kind == LESSON_CODE)
			return j;
	return NB_NONE;
}

/* Drops the run-all queue: queued cells go back to what they were. */
static void drop_queue(notebook *nb)
{
	nb->run.run_all = 0;
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
	for (size_t n = 0; n < c->out.n; n++)
		if (c->out.items[n]->kind == BLOCK_CHECK && c->out.items[n]->passed &&
		    c->out.items[n]->text.len)
			store_session_passed(nb->files.ss, c->out.items[n]->text.s);
	if (failed) {
		drop_queue(nb);
		failed_message(nb, k);
	}
	r->interrupted = 0;
	if (r->run_all) {
		size_t j = next_code(nb, i);
		if (j == NB_NONE) {
			r->run_all = 0;
		} else {
			nb->cur = j;
			nb_run_cell(nb, j);
		}
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
	nb_frames_free(c);
	blocklist_clear(&c->out);
	c->reveal = 0;
	c->expanded = 0;
	r->interrupted = 0;
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
	size_t first = NB_NONE;
	for (size_t i = 0; i < nb->ncv; i++)
		if (lesson_cell_at(nb->L, i)->kind == LESSON_CODE) {
			if (first == NB_NONE)
				first = i;
			nb->cv[i]->qprev = nb->cv[i]->state;
			nb->cv[i]->state = CS_QUEUED;
		}
	if (first == NB_NONE) {
		app_message(nb->base.app, 0, "This lesson has no code cells");
		return;
	}
	nb->run.run_all = 1;
	nb->cur = first;
	nb_run_cell(nb, first);
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

void nb_run_tick(notebook *nb, klink_event ev)
{
	nb_run *r = &nb->run;
	if (r->running != NB_NONE) {
		if (ev == KL_FRAME) {
			double fps = nb_speed_fps(r->speed);
			nb_frames_record(nb, r->running);
			r->at_frame = 1;
			r->frame_due = app_now(nb->base.app) + (fps > 0 ? 1.0 / fps : 0);
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
