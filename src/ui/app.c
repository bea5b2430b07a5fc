/*
** app.c — the interactive program: the terminal, signals and the main loop.
**
** The loop has three jobs each turn: take what the kernel process sent
** (outputs, frames, the end of a cell) and let a waiting frame go on when
** its time has come, draw what changed (at most ~30 times a second, with
** one doupdate), and read keys.  Then it sleeps in poll() on the terminal,
** the kernel's socket and the signal pipe, until one of them speaks or the
** next deadline (a frame, an autosave, the kernel's watchdog) is due: an
** idle notebook costs no CPU, and a signal is never left waiting for a key.
** Signal handlers only set a flag and write a byte to the pipe; the loop
** acts on them.  A lost terminal (SIGHUP, EOF or errors on input) saves a
** recovery copy of unsaved edits and ends the program, and the kernel
** process with it.
*/
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "strbuf.h"
#include "ui.h"

/* last: term.h defines macros such as `lines` that clash with field names */
#include <term.h>

void app_defaults(app_opts *o)
{
	memset(o, 0, sizeof *o);
}

double ui_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ui_message(ui *u, int error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof u->msg, fmt, ap);
	va_end(ap);
	u->msg_error = error;
	u->dirty = 1;
}

/* --- signals -------------------------------------------------------------- */

static volatile sig_atomic_t got_int, got_hangup;
static int sig_pipe[2] = {-1, -1};       /* the handlers wake the loop's poll() here */
static struct termios saved_tio;         /* the terminal as we found it */
static int have_tio;
static char reset_seq[256];              /* rmcup, sgr0, cnorm ...: written by the fatal handler */
static size_t reset_len;

static void wake(void)
{
	int e = errno;
	if (sig_pipe[1] >= 0) {
		ssize_t w = write(sig_pipe[1], "!", 1);
		(void)w;
	}
	errno = e;
}

/* Ctrl-C: the loop asks the running cell to stop. */
static void on_int(int sig)
{
	(void)sig;
	got_int = 1;
	wake();
}

int ui_sigint_take(void)
{
	int v = got_int != 0;
	got_int = 0;
	return v;
}

static void on_hangup(int sig)
{
	got_hangup = sig;
	wake();
}

/* ncurses' own SIGWINCH handler (it turns a resize into KEY_RESIZE). */
static struct sigaction curses_winch;

/* A resize: let ncurses note it, and wake the loop so it reads KEY_RESIZE. */
static void on_winch(int sig)
{
	if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN &&
	    !(curses_winch.sa_flags & SA_SIGINFO))
		curses_winch.sa_handler(sig);
	wake();
}

/* A crash: give the terminal back (async-signal-safe calls only), then die of the signal. */
static void on_fatal(int sig)
{
	klink_kill_now();
	if (reset_len) {
		ssize_t w = write(STDOUT_FILENO, reset_seq, reset_len);
		(void)w;
	}
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch(int sig, void (*fn)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void add_seq(const char *cap)
{
	const char *s = tigetstr((char *)cap);
	if (s && s != (char *)-1 && reset_len + strlen(s) < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, strlen(s));
		reset_len += strlen(s);
	}
}

/* --- the terminal --------------------------------------------------------- */

static SCREEN *screen;

/*
** cbreak leaves the tty's flow control and suspend keys on: ^S would
** freeze the screen and ^Z stop us behind the student's back.  They
** become ordinary keys (save, undo / suspend on request); ^C stays SIGINT.
*/
static void tweak_tty(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	t.c_lflag &= ~(tcflag_t)IEXTEN;
	t.c_cc[VSUSP] = _POSIX_VDISABLE;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

static int locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);
	return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Starts curses; returns 0, or -1 after telling the user why not. */
static int term_start(ui *u)
{
	const char *term = getenv("TERM");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "nnbook: the notebook needs a terminal; for a text transcript use "
		        "`nnbook --run LESSON.lua`\n");
		return -1;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		fprintf(stderr, "nnbook: this terminal (TERM=%s) cannot show the notebook; for a text "
		        "transcript use `nnbook --run LESSON.lua`\n", term && *term ? term : "unset");
		return -1;
	}
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		fprintf(stderr, "nnbook: unknown terminal type TERM=%s; try TERM=xterm-256color, or "
		        "`nnbook --run LESSON.lua` for a text transcript\n", term);
		return -1;
	}
	set_term(screen);
	const char *cup = tigetstr((char *)"cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		delscreen(screen);
		screen = NULL;
		fprintf(stderr, "nnbook: this terminal (TERM=%s) cannot move the cursor; use "
		        "`nnbook --run LESSON.lua` for a text transcript\n", term);
		return -1;
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(100);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	leaveok(stdscr, FALSE);
	curs_set(0);
	tweak_tty();
	def_prog_mode();
	ui_keys_init();
	ui_colors_init(u);
	u->utf8 = locale_utf8() && !u->opts.ascii;
	getmaxyx(stdscr, u->rows, u->cols);
	reset_len = 0;
	add_seq("rmcup");
	add_seq("sgr0");
	add_seq("cnorm");
	add_seq("rmkx");
	/* bracketed paste: a paste arrives marked, so the editor inserts it as
	** typed text; focus events: a good moment to look for outside changes */
	putp("\033[?2004h\033[?1004h");
	fflush(stdout);
	static const char paste_off[] = "\033[?2004l\033[?1004l";
	if (reset_len + sizeof paste_off < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, paste_off, sizeof paste_off - 1);
		reset_len += sizeof paste_off - 1;
	}
	return 0;
}

static void term_end(void)
{
	if (!screen)
		return;
	putp("\033[?2004l\033[?1004l");
	curs_set(1);
	endwin();
	delscreen(screen);
	screen = NULL;
	reset_len = 0;
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
}

void ui_suspend(ui *u)
{
	def_prog_mode();
	putp("\033[?2004l\033[?1004l");
	endwin();
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	/* continued */
	reset_prog_mode();
	putp("\033[?2004h\033[?1004h");
	clearok(curscr, TRUE);
	u->full_redraw = 1;
	u->dirty = 1;
}

/* Returns 1 when the terminal is gone (hung up, closed). */
static int term_lost(void)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* --- drawing -------------------------------------------------------------- */

static void draw_too_small(ui *u)
{
	char buf[96];
	erase();
	snprintf(buf, sizeof buf, "nnbook needs %dx%d", UI_MIN_COLS, UI_MIN_ROWS);
	ui_puts(u, u->rows / 2 - 1, 0, buf, u->cols, A_BOLD);
	snprintf(buf, sizeof buf, "this is %dx%d", u->cols, u->rows);
	ui_puts(u, u->rows / 2, 0, buf, u->cols, A_NORMAL);
	ui_puts(u, u->rows / 2 + 1, 0, "q quits", u->cols, A_DIM);
}

static void draw(ui *u)
{
	if (u->full_redraw) {
		clearok(curscr, TRUE);
		u->full_redraw = 0;
	}
	u->cursor_y = -1;
	if (u->too_small) {
		draw_too_small(u);
	} else {
		switch (u->screen) {
		case SCR_BROWSER: ui_draw_browser(u); break;
		case SCR_HELP: ui_draw_help(u); break;
		case SCR_EDIT: ui_draw_edit(u); break;
		case SCR_NOTEBOOK:
			if (u->follow && u->follow_cell < u->ncv) {
				ui_layout(u);
				ui_follow_cell(u, u->follow_cell);
			}
			ui_draw_notebook(u);
			break;
		}
		ui_draw_status(u);
	}
	if (u->prompt == PR_SEARCH && !u->too_small) {
		curs_set(1);   /* ui_draw_status left the cursor after the typed text */
	} else if (u->cursor_y >= 0 && !u->too_small) {
		move(u->cursor_y, u->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	u->dirty = 0;
	u->last_draw = ui_now();
}

static void resized(ui *u)
{
	getmaxyx(stdscr, u->rows, u->cols);
	u->too_small = u->cols < UI_MIN_COLS || u->rows < UI_MIN_ROWS;
	ui_invalidate(u);
	if (u->L && !u->too_small) {
		ui_layout(u);
		ui_show_cell(u, u->cur);
	}
	u->dirty = 1;
}

/* --- input ---------------------------------------------------------------- */

/* Reads one key without waiting; returns 0 when there is none. */
static int read_key(int *key)
{
	wint_t wc;
	int r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES) {
		*key = ui_key_code((int)wc, 1);
		return 1;
	}
	if (wc == 27) {
		/* Esc followed at once by a character is Alt+character */
		wint_t w2;
		wtimeout(stdscr, 0);
		int r2 = wget_wch(stdscr, &w2);
		if (r2 == OK && w2 >= ' ' && w2 < 127) {
			*key = (int)w2 | UI_KEY_ALT;
			return 1;
		}
		if (r2 == KEY_CODE_YES)
			unget_wch(0), ungetch((int)w2);
		else if (r2 == OK)
			unget_wch(w2);
		*key = 27;
		return 1;
	}
	*key = ui_key_code((int)wc, 0);
	return 1;
}

/* Handles a key, and the screen size a resize brings. */
static void handle_key(ui *u, int key)
{
	if (key == (KEY_RESIZE | UI_KEY_FN)) {
		resized(u);
		return;
	}
	if (key == UI_K_FOCUS_IN || key == UI_K_FOCUS_OUT) {
		/* back from another pane: has someone changed the lesson there? */
		if (key == UI_K_FOCUS_IN)
			ui_check_external(u);
		return;
	}
	if (u->too_small && u->screen != SCR_EDIT) {
		if (key == 'q') {
			if (u->modified && u->screen == SCR_NOTEBOOK)
				u->prompt = PR_QUIT;
			else
				u->quit = 1;
		}
		return;
	}
	ui_key(u, key);
	u->dirty = 1;
	/* no polling while idle: a key is the moment to look at the file's mtime */
	if (u->L && u->screen == SCR_NOTEBOOK)
		ui_check_external(u);   /* one stat(): cheap enough for every key */
}

/*
** Reads and handles the keys there are.  `ready` says poll() saw input:
** when it did and no key comes, the terminal may be gone (EOF at once,
** again and again); a read without it only picks up what ncurses holds
** (KEY_RESIZE after a SIGWINCH).  Returns -1 when the terminal is gone.
*/
static int input(ui *u, int ready)
{
	static int errs;
	int key, n = 0;
	wtimeout(stdscr, 0);
	if (!read_key(&key)) {
		if (ready && (term_lost() || ++errs > 50))
			return -1;
		return 0;
	}
	errs = 0;
	u->key_seen = 1;
	do {
		handle_key(u, key);
		wtimeout(stdscr, 0);
	} while (++n < 256 && !u->quit && !got_int && read_key(&key));
	return 0;
}

/* --- the loop ------------------------------------------------------------- */

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
static int wait_ms(const ui *u)
{
	int ms = -1;
	sooner(&ms, ui_run_wait(u));
	sooner(&ms, ui_recovery_due(u));
	if (u->dirty)
		sooner(&ms, u->last_draw + 1.0 / 30 - ui_now());
	if (u->k) {
		int d = klink_due_ms(u->k);
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
static int sleep_on(ui *u, int ms)
{
	struct pollfd p[3] = {{STDIN_FILENO, POLLIN, 0}, {sig_pipe[0], POLLIN, 0},
	                      {u->k ? klink_fd(u->k) : -1, POLLIN, 0}};
	int r = poll(p, 3, ms);
	if (r < 0)
		return errno == EINTR ? 0 : -1;
	if (p[1].revents & POLLIN) {
		char buf[64];
		while (read(sig_pipe[0], buf, sizeof buf) > 0)
			;
	}
	if (p[0].revents & POLLIN)
		return 1;
	if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		return -1;
	return 0;
}

static void loop(ui *u)
{
	while (!u->quit) {
		if (got_hangup)
			break;
		if (got_int) {
			got_int = 0;
			ui_sigint_seen(u);
		}
		ui_kernel_poll(u, 0);
		ui_run_step(u);
		ui_recovery_tick(u);
		/* what the kernel sends is drawn at most 30 times a second; what a
		** key changed, at once */
		if (u->dirty && (u->key_seen || ui_now() - u->last_draw >= 1.0 / 30))
			draw(u);
		u->key_seen = 0;
		int keys = sleep_on(u, wait_ms(u));
		if (keys >= 0 && input(u, keys) < 0)
			keys = -1;
		if (keys < 0) {
			u->exit_status = 1;   /* the terminal went away */
			break;
		}
	}
}

int app_main(const char *path, const app_opts *o)
{
	if (getenv("NNBOOK_KEYS_MD")) {
		strbuf sb = STRBUF_INIT;
		ui_keys_markdown(&sb);
		fputs(sb_str(&sb), stdout);
		sb_free(&sb);
		return 0;
	}
	ui *u = calloc(1, sizeof *u);
	char err[512];
	if (!u) {
		fprintf(stderr, "nnbook: out of memory\n");
		return 2;
	}
	u->opts = *o;
	u->running = UI_NONE;
	u->speed = ui_speed_default();
	u->rows = 24;
	u->cols = 80;
	u->utf8 = locale_utf8() && !o->ascii;
	if (ui_init(u, err, sizeof err) != 0) {
		fprintf(stderr, "nnbook: %s\n", err);
		free(u);
		return 2;
	}
	if (path) {
		if (ui_open(u, path, NULL, err, sizeof err) != 0) {
			fprintf(stderr, "nnbook: %s\n", err);
			ui_fini(u);
			free(u);
			return 2;
		}
		u->screen = SCR_NOTEBOOK;
	} else {
		ui_browser_scan(u);
		u->screen = SCR_BROWSER;
	}
	if (pipe(sig_pipe) == 0) {
		for (int i = 0; i < 2; i++)
			fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK),
			fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	catch(SIGINT, on_int);
	catch(SIGHUP, on_hangup);
	catch(SIGTERM, on_hangup);
	catch(SIGQUIT, on_hangup);
	signal(SIGPIPE, SIG_IGN);
	if (o->restricted)
		signal(SIGTSTP, SIG_IGN);   /* before newterm: ncurses then leaves ^Z alone */
	if (term_start(u) != 0) {
		ui_close(u);
		ui_fini(u);
		free(u);
		return 2;
	}
	if (!o->restricted)
		signal(SIGTSTP, SIG_DFL);   /* ^Z is a key now; ui_suspend stops us itself */
	sigaction(SIGWINCH, NULL, &curses_winch);
	catch(SIGWINCH, on_winch);
	catch(SIGSEGV, on_fatal);
	catch(SIGBUS, on_fatal);
	catch(SIGFPE, on_fatal);
	catch(SIGILL, on_fatal);
	catch(SIGABRT, on_fatal);
	resized(u);
	ui_after_open(u);
	u->dirty = 1;
	loop(u);
	/* a hangup or a lost terminal: keep the edits before anything else */
	if (u->modified)
		ui_save_recovery(u);
	term_end();
	int hang = got_hangup;
	ui_close(u);
	ui_browser_free(u);
	ui_fini(u);
	int status = u->exit_status;
	free(u);
	if (hang && hang != SIGQUIT) {
		signal(hang, SIG_DFL);
		raise(hang);
	}
	return status;
}
