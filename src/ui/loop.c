/*
** loop.c — the program on a real terminal: app_main and its main loop.
**
** The loop has three jobs each turn: take what the kernel process sent
** (outputs, frames, the end of a cell) and let a waiting frame go on when
** its time has come (app_turn), draw what changed (at most ~30 times a
** second, with one doupdate), and read keys.  Then it sleeps in poll() on
** the terminal, the kernel's socket and the signal pipe, until one of them
** speaks or the next deadline (a frame, an autosave, the kernel's
** watchdog) is due: an idle notebook costs no CPU, and a signal is never
** left waiting for a key.  A lost terminal (SIGHUP, EOF or errors on
** input) saves a recovery copy of unsaved edits and ends the program, and
** the kernel process with it.
*/
#include <errno.h>
#include <langinfo.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app_int.h"

static int locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Folds a wait of w seconds (-1: none) into the shortest so far, in ms. */
static void sooner(int *ms, double w)
{
	if (w < 0)
		return;
	int m = (int)ceil(w * 1000);
	if (*ms < 0 || m < *ms)
		*ms = m;
}

/* The longest the loop may sleep, in ms (-1: until something happens). */
static int wait_ms(const app *a)
{
	int ms = -1;
	for (size_t i = 0; i < a->n; i++)
		if (a->stack[i]->ops->wait)
			sooner(&ms, a->stack[i]->ops->wait(a->stack[i]));
	if (a->dirty)
		sooner(&ms, a->last_draw + 1.0 / 30 - app_now(a));
	sooner(&ms, app_class_wait(a));
	if (a->k) {
		int d = klink_due_ms(a->k);
		if (d >= 0 && (ms < 0 || d < ms))
			ms = d;
	}
	return ms;
}

/*
** Sleeps until the terminal has input, the kernel has sent something, a
** signal came, or ms have passed.  Returns 1 when there are keys to read,
** 0 when not, -1 when the terminal is gone.
*/
static int sleep_on(app *a, int ms)
{
	struct pollfd p[4] = {{STDIN_FILENO, POLLIN, 0}, {term_wake_fd(), POLLIN, 0},
	                      {a->k ? klink_fd(a->k) : -1, POLLIN, 0}, {app_class_fd(a), POLLIN, 0}};
	int r = poll(p, 4, ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (p[1].revents & POLLIN)
		term_wake_drain();
	if (p[0].revents & POLLIN)
		return 1;
	if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		return -1;
	return 0;
}

/* A key from the terminal: a resize re-lays out, the rest goes to the app. */
static void handle_key(app *a, int key)
{
	if (key == UK_RESIZE) {
		int rows, cols;
		term_size(a->term, &rows, &cols);
		app_resize(a, rows, cols);
		return;
	}
	app_key(a, key);
}

/*
** Reads and handles the keys there are.  `ready` says poll() saw input:
** when it did and no key comes, the terminal may be gone (EOF at once,
** again and again); a read without it only picks up what ncurses holds
** (the resize a SIGWINCH brings).  Returns -1 when the terminal is gone.
*/
static int input(app *a, int ready, int *errs)
{
	int key, n = 0;
	if (!term_key(a->term, &key)) {
		if (ready && (term_lost(a->term) || ++*errs > 50))
			return -1;
		return 0;
	}
	*errs = 0;
	a->key_seen = 1;
	do
		handle_key(a, key);
	while (++n < 256 && !a->quit && !term_sigint_pending() && term_key(a->term, &key));
	return 0;
}

static void loop(app *a)
{
	int errs = 0;
	while (!a->quit) {
		if (term_hangup())
			break;
		if (term_sigint_take())
			app_sigint(a);
		app_turn(a, 0);
		/* what the kernel sends is drawn at most 30 times a second; what a
		** key changed, at once */
		if (a->dirty && (a->key_seen || app_now(a) - a->last_draw >= 1.0 / 30))
			app_frame(a);
		a->key_seen = 0;
		int keys = sleep_on(a, wait_ms(a));
		if (keys >= 0 && input(a, keys, &errs) < 0)
			keys = -1;
		if (keys < 0) {
			a->exit_status = 1;   /* the terminal went away */
			break;
		}
	}
}

/* Prints the key table as Markdown (NNBOOK_KEYS_MD=1: docs/keys.md). */
static int print_keys(void)
{
	strbuf sb = STRBUF_INIT;
	keys_markdown(&sb);
	fputs(sb_str(&sb), stdout);
	sb_free(&sb);
	return 0;
}

int app_main(const char *path, const app_opts *o)
{
	char err[512];
	if (getenv("NNBOOK_KEYS_MD"))
		return print_keys();
	app *a = app_new(o, 24, 80, err, sizeof err);
	if (!a) {
		fprintf(stderr, "nnbook: %s\n", err);
		return 2;
	}
	a->utf8 = a->g.utf8 = locale_utf8() && !o->ascii;
	screen *s = path ? notebook_new(a, path, NULL, err, sizeof err)
	          : o->teacher ? dashboard_new(a) : browser_new(a);
	if (!s) {
		fprintf(stderr, "nnbook: %s\n", path ? err : "out of memory");
		app_free(a);
		return 2;
	}
	if (!(a->term = term_open(o->restricted))) {
		s->ops->close(s);
		app_free(a);
		return 2;
	}
	a->color = term_colors(a->term) != 0;
	int rows, cols;
	term_size(a->term, &rows, &cols);
	app_resize(a, rows, cols);
	if (app_push(a, s) != 0)
		a->quit = 1;
	loop(a);
	int status = a->exit_status, hang = term_hangup();
	app_free(a);   /* a hangup or a lost terminal: the edits are kept first */
	if (hang && hang != SIGQUIT) {
		signal(hang, SIG_DFL);
		raise(hang);
	}
	return status;
}
