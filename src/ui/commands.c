/*
** commands.c — what each request does, and the bottom-line prompts.
**
** keys.c decides which request a key is; this file carries requests out
** on the screen that is showing.  Requests only change state and mark the
** screen dirty: drawing happens once per turn of the main loop.
*/
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui.h"
#include "utf8.h"

/* Makes cell i current and scrolls to it. */
static void go_cell(ui *u, size_t i)
{
	if (u->ncv == 0)
		return;
	if (i >= u->ncv)
		i = u->ncv - 1;
	u->cur = i;
	u->follow = 0;
	ui_layout(u);
	ui_show_cell(u, i);
}

/* Scrolls by n lines and keeps the current cell on screen. */
static void scroll_by(ui *u, long n)
{
	long vr = ui_view_rows(u);
	ui_layout(u);
	u->follow = 0;
	u->top += n;
	if (u->top > (long)u->total - vr)
		u->top = (long)u->total - vr;
	if (u->top < 0)
		u->top = 0;
	size_t first = ui_cell_at_line(u, (size_t)u->top);
	size_t last = ui_cell_at_line(u, (size_t)(u->top + vr - 1));
	if (u->cur < first || u->cur > last) {
		/* the first cell that starts on screen, else the one covering its top */
		size_t c = first;
		if (ui_cell_top(u, first) < (size_t)u->top && first + 1 <= last)
			c = first + 1;
		u->cur = c;
	}
}

/* Starts the current cell; a prose cell just moves on. */
static void run_current(ui *u, int move_on)
{
	if (u->ncv == 0)
		return;
	const lesson_cell *lc = lesson_cell_at(u->L, u->cur);
	if (lc->kind == LESSON_MARKDOWN) {
		go_cell(u, u->cur + 1);
		return;
	}
	if (u->running != UI_NONE) {
		ui_message(u, 1, "A cell is running: Ctrl-C (or i i) stops it");
		return;
	}
	size_t i = u->cur;
	if (ui_run_cell(u, i) == 0 && move_on && i + 1 < u->ncv)
		go_cell(u, i + 1);
}

/* `.`: one frame.  Idle on a code cell, it starts the cell paused at its first frame. */
static void step(ui *u)
{
	if (u->running == UI_NONE) {
		if (u->ncv && lesson_cell_at(u->L, u->cur)->kind == LESSON_CODE) {
			u->paused = 1;
			ui_run_cell(u, u->cur);
		} else {
			ui_message(u, 0, "Nothing is running: . steps through a cell's frames");
		}
		return;
	}
	if (!u->paused) {
		u->paused = 1;      /* stop at the next frame */
		return;
	}
	u->steps++;   /* one frame more for each press, even when they come together */
}

static void speed(ui *u, int d)
{
	int s = u->speed + d, n = ui_speed_count();
	if (s < 0 || s >= n) {
		ui_message(u, 0, d > 0 ? "Already the fastest" : "Already the slowest");
		return;
	}
	u->speed = s;
	if (u->at_frame && !u->paused)
		u->frame_due = ui_now();   /* the new speed counts from now */
}

/* Returns 1 when cell i's outputs hold an exercise check with a solution. */
static int has_solution(const ui *u, size_t i)
{
	const blocklist *bl = &u->cv[i]->out;
	for (size_t k = 0; k < bl->n; k++)
		if (bl->items[k]->kind == BLOCK_CHECK && bl->items[k]->extra.len)
			return 1;
	return 0;
}

void ui_leave(ui *u)
{
	if (u->from_browser) {
		ui_close(u);
		ui_browser_scan(u);
		u->screen = SCR_BROWSER;
	} else {
		u->quit = 1;
	}
}

static void notebook_request(ui *u, enum ui_req req)
{
	long vr = ui_view_rows(u);
	switch (req) {
	case REQ_NEXT: go_cell(u, u->cur + 1); break;
	case REQ_PREV: go_cell(u, u->cur ? u->cur - 1 : 0); break;
	case REQ_PGDN: scroll_by(u, vr > 2 ? vr - 2 : 1); break;
	case REQ_PGUP: scroll_by(u, -(vr > 2 ? vr - 2 : 1)); break;
	case REQ_FIRST: go_cell(u, 0); u->top = 0; break;
	case REQ_LAST: go_cell(u, u->ncv ? u->ncv - 1 : 0); break;
	case REQ_SEARCH: u->prompt = PR_SEARCH; u->ilen = 0; break;
	case REQ_SNEXT:
	case REQ_SPREV:
		if (!u->qlen)
			ui_message(u, 0, "No search yet: / searches");
		else if (!ui_search(u, req == REQ_SNEXT ? 1 : -1))
			ui_message(u, 1, "Not found: %s", u->query);
		break;
	case REQ_RUN: run_current(u, 0); break;
	case REQ_RUN_NEXT: run_current(u, 1); break;
	case REQ_RUN_ALL:
		if (u->running != UI_NONE)
			ui_message(u, 1, "A cell is running: Ctrl-C (or i i) stops it");
		else
			ui_run_all(u);
		break;
	case REQ_INTERRUPT:
		if (u->running == UI_NONE)
			ui_message(u, 0, "Nothing is running");
		else
			ui_interrupt(u);
		break;
	case REQ_RESTART: ui_restart(u); break;
	case REQ_CLEAR:
		if (u->ncv && u->cur != u->running)
			ui_clear_outputs(u, u->cur);
		break;
	case REQ_PLAY:
		u->paused = !u->paused;
		if (!u->paused)
			u->frame_due = ui_now();
		ui_message(u, 0, u->paused ? "Paused: . runs one frame, p plays"
		                           : "Playing: p pauses, +/- change the speed");
		break;
	case REQ_STEP: step(u); break;
	case REQ_FASTER: speed(u, 1); break;
	case REQ_SLOWER: speed(u, -1); break;
	case REQ_EDIT:
		if (u->read_only)
			ui_message(u, 1, "This lesson is open in another nnbook: read-only here");
		else if (u->ncv)
			ui_edit_open(u);
		break;
	case REQ_EXTERNAL:
		if (u->opts.restricted)
			ui_message(u, 1, "No external editor in restricted mode: e edits here");
		else if (u->read_only)
			ui_message(u, 1, "This lesson is open in another nnbook: read-only here");
		else if (u->ncv)
			ui_external_edit(u);
		break;
	case REQ_ADD_ABOVE: ui_cell_add(u, 0); break;
	case REQ_ADD_BELOW: ui_cell_add(u, 1); break;
	case REQ_DELETE: ui_cell_delete(u); break;
	case REQ_UNDO: ui_cell_undo(u); break;
	case REQ_MOVE_UP: ui_cell_move(u, -1); break;
	case REQ_MOVE_DOWN: ui_cell_move(u, 1); break;
	case REQ_KIND: ui_cell_toggle_kind(u); break;
	case REQ_COPY: ui_cell_copy(u); break;
	case REQ_PASTE: ui_cell_paste(u); break;
	case REQ_SAVE: ui_save(u); break;
	case REQ_FOLD:
		if (u->ncv) {
			u->cv[u->cur]->expanded = !u->cv[u->cur]->expanded;
			u->follow = 0;
			ui_layout(u);
			ui_show_cell(u, u->cur);
		}
		break;
	case REQ_SOLUTION:
		if (u->ncv && has_solution(u, u->cur))
			u->cv[u->cur]->reveal = !u->cv[u->cur]->reveal;
		else
			ui_message(u, 0, "No exercise check with a solution in this cell's output");
		break;
	case REQ_QUIT:
		if (u->modified) {
			u->prompt = PR_QUIT;
			break;
		}
		ui_leave(u);
		break;
	default: break;
	}
}

static void browser_request(ui *u, enum ui_req req)
{
	switch (req) {
	case REQ_NEXT: if (u->bsel + 1 < u->nentries) u->bsel++; break;
	case REQ_PREV: if (u->bsel) u->bsel--; break;
	case REQ_FIRST: u->bsel = 0; break;
	case REQ_LAST: u->bsel = u->nentries ? u->nentries - 1 : 0; break;
	case REQ_OPEN: ui_browser_open(u); break;
	case REQ_RESET: ui_browser_reset(u, 0); break;
	case REQ_BRING_BACK: ui_browser_bring_back(u, 0); break;
	case REQ_QUIT: u->quit = 1; break;
	default: break;
	}
}

static void help_request(ui *u, enum ui_req req)
{
	long vr = ui_view_rows(u);
	switch (req) {
	case REQ_NEXT: u->help_top++; break;
	case REQ_PREV: u->help_top--; break;
	case REQ_PGDN: u->help_top += vr - 1; break;
	case REQ_PGUP: u->help_top -= vr - 1; break;
	case REQ_FIRST: u->help_top = 0; break;
	case REQ_LAST: u->help_top = 1 << 20; break;   /* ui_draw_help clamps */
	case REQ_BACK: u->screen = u->back; break;
	default: break;
	}
	if (u->help_top < 0)
		u->help_top = 0;
}

void ui_do(ui *u, enum ui_req req)
{
	u->dirty = 1;
	switch (req) {
	case REQ_HELP:
		u->back = u->screen;
		u->screen = SCR_HELP;
		u->help_top = 0;
		return;
	case REQ_REDRAW:
		u->full_redraw = 1;
		return;
	case REQ_SUSPEND:
		if (u->opts.restricted)
			ui_message(u, 1, "Suspending is off in restricted mode");
		else
			ui_suspend(u);
		return;
	default:
		break;
	}
	switch (u->screen) {
	case SCR_NOTEBOOK: notebook_request(u, req); break;
	case SCR_BROWSER: browser_request(u, req); break;
	case SCR_HELP: help_request(u, req); break;
	case SCR_EDIT: break;
	}
}

/* Typing at the search prompt. */
static void search_key(ui *u, int key)
{
	if (key == 27) {
		u->prompt = PR_NONE;
	} else if (key == '\n') {
		u->prompt = PR_NONE;
		if (u->ilen) {
			memcpy(u->query, u->input, u->ilen);
			u->query[u->ilen] = '\0';
			u->qlen = u->ilen;
		}
		if (u->qlen && !ui_search(u, 1))
			ui_message(u, 1, "Not found: %s", u->query);
	} else if (key == (KEY_BACKSPACE | UI_KEY_FN)) {
		/* drop one whole UTF-8 character */
		while (u->ilen && ((unsigned char)u->input[u->ilen - 1] & 0xc0) == 0x80)
			u->ilen--;
		if (u->ilen)
			u->ilen--;
		else
			u->prompt = PR_NONE;
	} else if (key >= ' ' && !(key & (UI_KEY_FN | UI_KEY_ALT)) && key < 0x110000) {
		char buf[4];
		size_t n = utf8_encode((uint32_t)key, buf);
		if (u->ilen + n < sizeof u->input) {
			memcpy(u->input + u->ilen, buf, n);
			u->ilen += n;
		}
	}
}

void ui_prompt_key(ui *u, int key)
{
	enum ui_prompt p = u->prompt;
	u->dirty = 1;
	if (p == PR_SEARCH) {
		search_key(u, key);
		return;
	}
	int yes = key == 'y' || key == 'Y', no = key == 'n' || key == 'N';
	/* a y/n question waits for y or n; Esc and q mean no, except where
	** no would throw away work from an earlier session */
	if (!yes && !no && (p == PR_RESTORE || (key != 27 && key != 'q')))
		return;
	u->prompt = PR_NONE;
	switch (p) {
	case PR_QUIT:
		if (yes) {
			ui_discard_recovery(u);
			u->modified = 0;
			ui_leave(u);
		}
		break;
	case PR_RESTART:
		if (yes)
			ui_restart(u);
		break;
	case PR_RELOAD:
		if (yes)
			ui_reload(u);
		break;
	case PR_RESTORE:
		ui_restore_answer(u, yes);
		break;
	case PR_RESET:
		if (yes)
			ui_browser_reset(u, 1);
		break;
	case PR_BRING_BACK:
		if (yes)
			ui_browser_bring_back(u, 1);
		break;
	default:
		break;
	}
}
