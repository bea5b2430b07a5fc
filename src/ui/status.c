/*
** status.c — the two bottom lines: the status bar, and below it the key
** hint, a message, or a prompt being typed.
**
** The status bar answers "where am I and what is the kernel doing" at a
** glance: lesson title, cell k/N, kernel state, animation speed, unsaved
** marker.  The line under it shows the main keys until something has to
** be said (an error, "saved"), and then the message until the next key.
*/
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui.h"

/* Frames per second of each speed setting; 0 runs frames as fast as the cell goes. */
static const double speeds[] = {0.5, 1, 2, 5, 10, 20, 30, 60, 0};

double ui_speed_fps(int speed)
{
	int n = (int)(sizeof speeds / sizeof speeds[0]);
	if (speed < 0)
		speed = 0;
	if (speed >= n)
		speed = n - 1;
	return speeds[speed];
}

int ui_speed_count(void)
{
	return (int)(sizeof speeds / sizeof speeds[0]);
}

int ui_speed_default(void)
{
	return 4;  /* 10 frames a second: slow enough to watch a line move */
}

/* The kernel's state in a word or three ("playing, frame 12"). */
static void kernel_state(const ui *u, char *buf, size_t size)
{
	unsigned long f = u->k ? klink_frames(u->k) : 0;
	if (u->running == UI_NONE)
		snprintf(buf, size, "%s", u->last_error == 2 ? "interrupted" : u->last_error ? "error" : "idle");
	else if (u->paused && u->at_frame)
		snprintf(buf, size, "paused, frame %lu", f);
	else if (u->paused)
		snprintf(buf, size, "stepping");
	else if (f)
		snprintf(buf, size, "playing, frame %lu", f);
	else
		snprintf(buf, size, "running");
}

/* The status bar of the notebook. */
static void notebook_status(ui *u, char *buf, size_t size, char *right, size_t rsize)
{
	char title[160], state[48];
	double fps = ui_speed_fps(u->speed);
	char speed[32];
	if (fps > 0)
		snprintf(speed, sizeof speed, fps < 1 ? "%.1f fps" : "%.0f fps", fps);
	else
		snprintf(speed, sizeof speed, "max speed");
	lesson_title(u->L, title, sizeof title);
	kernel_state(u, state, sizeof state);
	snprintf(buf, size, " %s%s", title, u->modified ? " [+]" : "");
	snprintf(right, rsize, "%s%scell %zu/%zu  %s  %s ",
	         u->read_only ? "read-only  " : "",
	         u->save_where == STORE_USER_COPY ? "your copy  " : "",
	         u->ncv ? u->cur + 1 : 0, u->ncv, state, speed);
}

void ui_draw_status(ui *u)
{
	char left[256], right[160], hint[512];
	unsigned long bar = A_REVERSE;
	int y = u->rows - 2;
	if (y < 0)
		return;
	left[0] = right[0] = '\0';
	switch (u->screen) {
	case SCR_BROWSER:
		snprintf(left, sizeof left, " nnbook: lessons");
		snprintf(right, sizeof right, "%zu lessons ", u->nentries);
		break;
	case SCR_HELP:
		snprintf(left, sizeof left, " nnbook help: every key");
		break;
	case SCR_NOTEBOOK:
	case SCR_EDIT:
		notebook_status(u, left, sizeof left, right, sizeof right);
		if (u->screen == SCR_EDIT)
			snprintf(left + strlen(left), sizeof left - strlen(left), "  EDITING cell %zu",
			         u->cur + 1);
		break;
	}
	move(y, 0);
	attrset(bar);
	for (int x = 0; x < u->cols; x++)
		addch(' ');
	/* the state on the right matters more than the whole title: the title gives way */
	int rw = (int)strlen(right), fits = rw <= u->cols - 12;
	ui_puts(u, y, 0, left, u->cols - (fits ? rw + 1 : 0), bar);
	if (fits)
		ui_puts(u, y, u->cols - rw, right, rw, bar);
	attrset(A_NORMAL);

	y = u->rows - 1;
	move(y, 0);
	clrtoeol();
	if (u->prompt != PR_NONE) {
		const char *p = "";
		switch (u->prompt) {
		case PR_SEARCH: p = "/"; break;
		case PR_QUIT: p = "Unsaved changes. Quit anyway? (y/n) "; break;
		case PR_RESTART: p = "Restart the kernel? Variables are lost. (y/n) "; break;
		case PR_RELOAD: p = "The lesson changed on disk. Reload the cells you have not edited? (y/n) "; break;
		case PR_RESTORE: p = "Unsaved edits from a previous session were found. Restore them? (y/n) "; break;
		case PR_RESET: p = "Reset to the original? Your copy is kept as a backup (U brings it back) y/n "; break;
		case PR_BRING_BACK: p = "Bring back your backup? The copy you have now is kept as a backup y/n "; break;
		case PR_NONE: break;
		}
		int x = ui_puts(u, y, 0, p, u->cols, A_BOLD);
		if (u->prompt == PR_SEARCH) {
			u->input[u->ilen] = '\0';
			x += ui_puts(u, y, x, u->input, u->cols - x - 1, A_NORMAL);
		}
		move(y, x < u->cols ? x : u->cols - 1);
		return;
	}
	if (u->msg[0]) {
		ui_puts(u, y, 0, u->msg, u->cols,
		        u->msg_error ? ui_attr(u, st_mk(ST_ERROR, ST_DEFAULT, ST_BOLD)) : A_BOLD);
		return;
	}
	ui_key_hint(u, hint, sizeof hint);
	ui_puts(u, y, 0, hint, u->cols, ui_attr(u, st_mk(ST_MUTED, ST_DEFAULT, 0)));
}
