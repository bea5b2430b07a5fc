/*
** scrub.c — stepping back through a cell's frames.
**
** While a cell runs, the notebook records its outputs at every frame the
** kernel stops at (fhist.h: small, shared where nothing changed, thinned
** under a cap charged to the lesson's budget).  On a finished cell, or
** the running cell paused at a frame, `[` / `]` step one frame back and
** forth, `{` / `}` ten, Home / End go to the first and last: the cell
** then draws a copy of its outputs as they were at that frame, and the
** status bar says "frame 20/30".  The live outputs are never touched, and
** any key that runs or edits brings every cell back to them.
**
** NNBOOK_NO_HISTORY=1 in the environment records nothing: `make bench`
** measures what recording costs a training cell with it.
*/
#include <stdio.h>
#include <stdlib.h>

#include "fhist.h"
#include "klink.h"
#include "notebook_int.h"

/* Drops cell c's past frame (back to the live outputs). */
static void to_live(cellview *c)
{
	if (!c->frames.on)
		return;
	c->frames.on = 0;
	blocklist_clear(&c->frames.past);
	c->out_w = (size_t)-1;   /* the cache drew the past: draw again */
}

void nb_frames_free(cellview *c)
{
	to_live(c);
	fhist_free(c->frames.hist);
	c->frames.hist = NULL;
}

const blocklist *nb_shown(const cellview *c)
{
	return c->frames.on ? &c->frames.past : &c->out;
}

void nb_frames_record(notebook *nb, size_t i)
{
	app *a = nb->base.app;
	cellview *c = nb->cv[i];
	const char *off = getenv("NNBOOK_NO_HISTORY");
	if (off && *off == '1')
		return;
	if (!c->frames.hist && !(c->frames.hist = fhist_new(fhist_cap_for(app_options(a)->mem_limit))))
		return;
	/* past the budget the frame is not kept: the cell runs on all the same */
	fhist_record(c->frames.hist, &c->out, klink_frames(app_kernel(a)));
}

void nb_frames_live(notebook *nb)
{
	for (size_t i = 0; i < nb->ncv; i++)
		if (nb->cv[i]->frames.on) {
			to_live(nb->cv[i]);
			app_dirty(nb->base.app);
		}
}

int nb_frames_keeps(enum ui_req req)
{
	switch (req) {
	case REQ_RUN: case REQ_RUN_NEXT: case REQ_RUN_ALL: case REQ_INTERRUPT: case REQ_RESTART:
	case REQ_CLEAR: case REQ_PLAY: case REQ_STEP: case REQ_EDIT: case REQ_EXTERNAL:
	case REQ_ADD_ABOVE: case REQ_ADD_BELOW: case REQ_DELETE: case REQ_UNDO: case REQ_MOVE_UP:
	case REQ_MOVE_DOWN: case REQ_CODE: case REQ_PROSE: case REQ_CUT: case REQ_PASTE:
	case REQ_PASTE_ABOVE: case REQ_CELL_RESET: case REQ_TAKE_CELL:
		return 0;
	default:
		return 1;
	}
}

/* Returns 1 when the current cell can be stepped through now, else says why (when `say`). */
static int can_scrub(notebook *nb, int say)
{
	app *a = nb->base.app;
	cellview *c = nb->ncv ? nb->cv[nb->cur] : NULL;
	const nb_run *r = &nb->run;
	if (c && r->running == nb->cur && !(r->paused && r->at_frame)) {
		if (say)
			app_message(a, 0, "The cell is still running: p pauses it, then [ steps back");
		return 0;
	}
	if (!c || !c->frames.hist || fhist_count(c->frames.hist) < 2) {
		if (say)
			app_message(a, 0, "No frames to step through: [ ] work on a training cell that has run");
		return 0;
	}
	return 1;
}

/* Shows record `at` of the current cell (the newest: the live outputs). */
static void show(notebook *nb, long at)
{
	cellview *c = nb->cv[nb->cur];
	long last = (long)fhist_count(c->frames.hist) - 1;
	at = at < 0 ? 0 : at > last ? last : at;
	if (at == last) {
		to_live(c);
	} else {
		c->frames.at = (size_t)at;
		c->frames.on = 1;
		if (fhist_show(c->frames.hist, c->frames.at, &c->out, &c->frames.past) != FHIST_OK)
			app_message(nb->base.app, 1, "Not enough memory to show that frame in full");
	}
	/* another cell's output growing would pull the view away; the paused cell followed stays so */
	if (nb->cur != nb->run.running)
		nb->follow = 0;
	nb_layout(nb);
	nb_follow_cell(nb, nb->cur);   /* its newest output in view, as when it ran */
	app_dirty(nb->base.app);
}

int nb_frames_request(notebook *nb, enum ui_req req)
{
	int home = req == REQ_FRAME_FIRST, end = req == REQ_FRAME_LAST;
	if (req < REQ_FRAME_BACK || req > REQ_FRAME_LAST)
		return 0;
	/* Home and End move through the cells unless a cell is being stepped through */
	if ((home || end) && !(nb->ncv && nb->cv[nb->cur]->frames.on))
		return 0;
	if (!can_scrub(nb, 1))
		return 1;
	cellview *c = nb->cv[nb->cur];
	long last = (long)fhist_count(c->frames.hist) - 1, at = c->frames.on ? (long)c->frames.at : last;
	int was_live = !c->frames.on;
	switch (req) {
	case REQ_FRAME_BACK: at -= 1; break;
	case REQ_FRAME_FWD: at += 1; break;
	case REQ_FRAME_BACK10: at -= 10; break;
	case REQ_FRAME_FWD10: at += 10; break;
	case REQ_FRAME_FIRST: at = 0; break;
	default: at = last; break;
	}
	show(nb, at);
	if (was_live && c->frames.on)
		app_message(nb->base.app, 0, "Stepping back: [ ] a frame, { } ten, Home End the ends; "
		                             "run or edit: live");
	return 1;
}

int nb_frames_label(const cellview *c, char *buf, size_t size)
{
	if (!c->frames.on)
		return 0;
	size_t n = fhist_count(c->frames.hist);
	snprintf(buf, size, "frame %llu/%llu", (unsigned long long)fhist_frame(c->frames.hist, c->frames.at),
	         (unsigned long long)fhist_frame(c->frames.hist, n - 1));
	return 1;
}

void nb_frames_status(notebook *nb, app_status *st)
{
	char buf[64];
	if (nb->ncv && nb_frames_label(nb->cv[nb->cur], buf, sizeof buf))
		app_status_add(st, APP_PRIO_STATE, "%s", buf);
}
