/*
** run.c — driving the kernel: starting cells, frames, the run-all queue.
**
** The kernel is a process of its own (klink.h): it runs the cell while
** the main loop reads keys and draws, and its outputs arrive as messages
** (ui_kernel_poll).  At a frame the cell waits: in play mode until the
** frame delay has passed, in step mode until `.` is pressed, so each `.`
** advances exactly one frame (ui_run_step lets it go).
*/
#include <stdio.h>
#include <string.h>

#include "ui.h"

/* Returns the next code cell after i, or UI_NONE. */
static size_t next_code(const ui *u, size_t i)
{
	for (size_t j = i + 1; j < u->ncv; j++)
		if (lesson_cell_at(u->L, j)->kind == LESSON_CODE)
			return j;
	return UI_NONE;
}

/* Drops the run-all queue: queued cells go back to what they were. */
static void drop_queue(ui *u)
{
	u->run_all = 0;
	for (size_t i = 0; i < u->ncv; i++)
		if (u->cv[i]->state == CS_QUEUED)
			u->cv[i]->state = u->cv[i]->qprev;
}

/* A cell ended: record it, and start the next one of a run-all. */
static void finish(ui *u, int failed)
{
	size_t i = u->running;
	cellview *c = u->cv[i];
	c->seconds = ui_now() - u->run_start;
	if (ui_sigint_take())
		u->interrupted = 1;   /* the Ctrl-C that ended this cell */
	if (failed)
		c->state = u->interrupted ? CS_INTERRUPTED : CS_ERROR;
	else
		c->state = CS_DONE;
	u->last_error = failed ? (u->interrupted && !klink_replaced(u->k) ? 2 : 1) : 0;
	u->running = UI_NONE;
	u->at_frame = 0;
	u->steps = 0;
	u->dirty = 1;
	ui_progress_cell(u, i);
	if (failed) {
		drop_queue(u);
		if (klink_replaced(u->k))
			ui_message(u, 1, "The kernel was restarted: its variables are gone (R runs every cell again)");
		else if (u->interrupted)
			ui_message(u, 0, "Interrupted: the kernel keeps its variables");
	}
	u->interrupted = 0;
	if (u->run_all) {
		size_t j = next_code(u, i);
		if (j == UI_NONE) {
			u->run_all = 0;
		} else {
			u->cur = j;
			ui_run_cell(u, j);
		}
	}
	ui_check_external(u);
}

int ui_run_cell(ui *u, size_t i)
{
	if (i >= u->ncv || u->running != UI_NONE || !u->k)
		return -1;
	const lesson_cell *lc = lesson_cell_at(u->L, i);
	cellview *c = u->cv[i];
	if (lc->kind != LESSON_CODE)
		return -1;
	blocklist_clear(&c->out);
	c->reveal = 0;
	c->expanded = 0;
	u->interrupted = 0;
	u->at_frame = 0;
	u->steps = 0;
	u->run_start = ui_now();
	u->running = i;
	u->follow = 1;
	u->follow_cell = i;
	u->dirty = 1;
	c->state = CS_RUNNING;
	if (klink_run(u->k, lc->source, lc->source_len, lesson_name(u->L), lc->first_line, &c->out,
	              KL_WAIT | KL_LIVE) != 0) {
		u->running = UI_NONE;
		c->state = CS_NEW;
		ui_message(u, 1, "The kernel is not running (0 0 restarts it)");
		return -1;
	}
	c->count = klink_count(u->k);
	return 0;
}

void ui_run_all(ui *u)
{
	size_t first = UI_NONE;
	for (size_t i = 0; i < u->ncv; i++)
		if (lesson_cell_at(u->L, i)->kind == LESSON_CODE) {
			if (first == UI_NONE)
				first = i;
			u->cv[i]->qprev = u->cv[i]->state;
			u->cv[i]->state = CS_QUEUED;
		}
	if (first == UI_NONE) {
		ui_message(u, 0, "This lesson has no code cells");
		return;
	}
	u->run_all = 1;
	u->cur = first;
	ui_run_cell(u, first);
}

void ui_interrupt(ui *u)
{
	drop_queue(u);
	if (u->running == UI_NONE)
		return;
	u->interrupted = 1;
	klink_interrupt(u->k);
}

void ui_sigint_seen(ui *u)
{
	if (u->running == UI_NONE) {
		ui_message(u, 0, "Nothing is running (Ctrl-C stops a running cell; q quits)");
		return;
	}
	u->interrupted = 1;
	drop_queue(u);
	klink_interrupt(u->k);
}

double ui_run_wait(const ui *u)
{
	if (u->running == UI_NONE || !u->at_frame)
		return -1;
	if (u->interrupted)
		return 0;
	if (u->paused)
		return u->steps ? 0 : -1;
	double d = u->frame_due - ui_now();
	return d > 0 ? d : 0;
}

void ui_run_step(ui *u)
{
	if (u->running == UI_NONE || !u->at_frame || ui_run_wait(u) != 0)
		return;
	u->at_frame = 0;
	if (u->paused && u->steps)
		u->steps--;
	klink_go(u->k);
}

void ui_kernel_poll(ui *u, int ms)
{
	if (!u->k)
		return;
	klink_event ev = klink_poll(u->k, ms);
	if (klink_changed(u->k))
		u->dirty = 1;
	if (u->running == UI_NONE)
		return;
	switch (ev) {
	case KL_FRAME: {
		double fps = ui_speed_fps(u->speed);
		u->at_frame = 1;
		u->frame_due = ui_now() + (fps > 0 ? 1.0 / fps : 0);
		break;
	}
	case KL_DONE:
	case KL_ERROR:
		finish(u, ev == KL_ERROR);
		break;
	case KL_NONE:
		break;
	}
}

void ui_restart(ui *u)
{
	if (!u->k)
		return;
	drop_queue(u);
	if (u->running != UI_NONE) {
		u->cv[u->running]->state = CS_INTERRUPTED;
		u->running = UI_NONE;
		u->at_frame = 0;
	u->steps = 0;
	}
	if (klink_restart(u->k) != 0)
		ui_message(u, 1, "The kernel could not restart (out of memory?)");
	else
		ui_message(u, 0, "Kernel restarted: variables are gone, outputs stay");
	u->last_error = 0;
	u->dirty = 1;
}

void ui_clear_outputs(ui *u, size_t i)
{
	if (i >= u->ncv || i == u->running)
		return;
	blocklist_clear(&u->cv[i]->out);
	u->cv[i]->expanded = 0;
	u->cv[i]->reveal = 0;
	u->dirty = 1;
}
