/*
** term.c — the real terminal (term.h): curses, keys, colours, signals.
**
** The only file of nnbook that includes <curses.h>.  Screens draw into a
** grid; term_show copies to curses only the cells that differ from what it
** copied last time (a frame of a training animation changes a few dozen
** cells), and one doupdate sends what changed.  Colours are roles
** (styled.h): this file is the one place that knows what a role looks like
** here: the Okabe-Ito palette on 256-colour terminals, the nearest of the
** eight basic colours otherwise, and no colour at all under NO_COLOR or on
** a terminal without colours (attributes such as bold still show).
**
** Signal handlers only set a flag and write a byte to a pipe the main loop
** polls; a crash gives the terminal back (async-signal-safe calls only)
** and dies of its signal.
*/
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "keys.h"
#include "klink.h"
#include "term_int.h"
#include "vec.h"

struct term {
	SCREEN *scr;
	int color, colors256;
	st_cell *shown;          /* what the terminal shows, as last copied */
	size_t cap;
	int rows, cols;          /* of `shown` */
	int all;                 /* copy every cell next time */
};

/* --- signals ---------------------------------------------------------------- */

static volatile sig_atomic_t got_int, got_hangup;
static int sig_pipe[2] = {-1, -1};       /* the handlers wake the loop's poll() here */
static struct termios saved_tio;         /* the terminal as we found it */
static int have_tio;
static char reset_seq[256];              /* rmcup, sgr0, cnorm ...: written by the fatal handler */
static size_t reset_len;
static struct sigaction curses_winch;    /* ncurses' own SIGWINCH handler (KEY_RESIZE) */

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

static void on_hangup(int sig)
{
	got_hangup = sig;
	wake();
}

/* A resize: let ncurses note it, and wake the loop so it reads KEY_RESIZE. */
static void on_winch(int sig)
{
	if (curses_winch.sa_handler != SIG_DFL && curses_winch.sa_handler != SIG_IGN &&
	    !(curses_winch.sa_flags & SA_SIGINFO))
		curses_winch.sa_handler(sig);
	wake();
}

/* A crash: give the terminal back, then die of the signal. */
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

int term_sigint_take(void)
{
	int v = got_int != 0;
	got_int = 0;
	return v;
}

int term_sigint_pending(void) { return got_int != 0; }
int term_hangup(void) { return got_hangup; }
int term_wake_fd(void) { return sig_pipe[0]; }

void term_wake_drain(void)
{
	char buf[64];
	while (sig_pipe[0] >= 0 && read(sig_pipe[0], buf, sizeof buf) > 0)
		;
}

/* The handlers that may run before curses starts (Ctrl-C, hangups). */
static void early_signals(int restricted)
{
	if (sig_pipe[0] < 0 && pipe(sig_pipe) == 0) {
		for (int i = 0; i < 2; i++)
			fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK),
			fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	catch(SIGINT, on_int);
	catch(SIGHUP, on_hangup);
	catch(SIGTERM, on_hangup);
	catch(SIGQUIT, on_hangup);
	signal(SIGPIPE, SIG_IGN);
	if (restricted)
		signal(SIGTSTP, SIG_IGN);   /* before newterm: ncurses then leaves ^Z alone */
}

/* The handlers that need curses up: resizes, crashes. */
static void late_signals(int restricted)
{
	if (!restricted)
		signal(SIGTSTP, SIG_DFL);   /* ^Z is a key now; term_suspend stops us itself */
	sigaction(SIGWINCH, NULL, &curses_winch);
	catch(SIGWINCH, on_winch);
	catch(SIGSEGV, on_fatal);
	catch(SIGBUS, on_fatal);
	catch(SIGFPE, on_fatal);
	catch(SIGILL, on_fatal);
	catch(SIGABRT, on_fatal);
}

static void add_seq(const char *s, size_t n)
{
	if (s && s != (char *)-1 && reset_len + n < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

static void add_cap(const char *cap)
{
	const char *s = tigetstr((char *)cap);
	if (s && s != (char *)-1)
		add_seq(s, strlen(s));
}

/* --- colours ------------------------------------------------------------------ */

/* A role's colour on a 256-colour terminal and on an 8-colour one (-1: default). */
typedef struct role_color {
	short c256, c8;
	unsigned long attr8;   /* added on 8-colour terminals, where hues are scarce */
} role_color;

static const role_color roles[ST_NCOLORS] = {
	[ST_DEFAULT] = {-1, -1, 0},
	/* Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion,
	** reddish purple, black (drawn in the terminal's own foreground) */
	[ST_C1] = {178, COLOR_YELLOW, 0},
	[ST_C2] = {74, COLOR_CYAN, 0},
	[ST_C3] = {35, COLOR_GREEN, 0},
	[ST_C4] = {221, COLOR_YELLOW, A_BOLD},
	[ST_C5] = {25, COLOR_BLUE, 0},
	[ST_C6] = {166, COLOR_RED, 0},
	[ST_C7] = {175, COLOR_MAGENTA, 0},
	[ST_C8] = {-1, -1, 0},
	[ST_AXIS] = {245, -1, 0},
	[ST_MUTED] = {244, -1, A_DIM},
	[ST_HEADING] = {75, COLOR_CYAN, A_BOLD},
	[ST_CODE] = {180, COLOR_YELLOW, 0},
	[ST_LINK] = {74, COLOR_BLUE, 0},
	[ST_ERROR] = {160, COLOR_RED, 0},
	[ST_OK] = {35, COLOR_GREEN, 0},
	[ST_WARN] = {178, COLOR_YELLOW, 0},
	[ST_KEYWORD] = {175, COLOR_MAGENTA, 0},
	[ST_STRING] = {107, COLOR_GREEN, 0},
	[ST_NUMBER] = {173, COLOR_CYAN, 0},
	[ST_COMMENT] = {244, COLOR_BLUE, 0},
};

/* Pair numbers by (fg, bg), allocated on first use; 0 = not yet. */
static short pairs[ST_NCOLORS][ST_NCOLORS];
static short next_pair = 1;

static void colors_init(term *t)
{
	const char *nc = getenv("NO_COLOR");
	memset(pairs, 0, sizeof pairs);
	next_pair = 1;
	t->color = has_colors() && !(nc && *nc);
	t->colors256 = 0;
	if (!t->color)
		return;
	if (start_color() == ERR) {
		t->color = 0;
		return;
	}
	use_default_colors();
	t->colors256 = COLORS >= 256;
}

int term_colors(const term *t)
{
	return !t->color ? 0 : t->colors256 ? 256 : 8;
}

/* Returns the terminal colour of a role (-1: the default). */
static short color_of(const term *t, int role)
{
	if (role <= 0 || role >= ST_NCOLORS)
		return -1;
	return t->colors256 ? roles[role].c256 : roles[role].c8;
}

/* Returns the pair for fg on bg, allocating it; 0 when pairs run out. */
static short pair_of(const term *t, int fg, int bg)
{
	if (fg < 0 || fg >= ST_NCOLORS)
		fg = 0;
	if (bg < 0 || bg >= ST_NCOLORS)
		bg = 0;
	if (fg == 0 && bg == 0)
		return 0;
	if (!pairs[fg][bg]) {
		if (next_pair >= COLOR_PAIRS || next_pair >= 32767)
			return 0;
		if (init_pair(next_pair, color_of(t, fg), color_of(t, bg)) == ERR)
			return 0;
		pairs[fg][bg] = next_pair++;
	}
	return pairs[fg][bg];
}

/* The curses attributes of a style (its pair in *pair). */
static attr_t attr_of(const term *t, st_style s, short *pair)
{
	attr_t a = 0;
	*pair = 0;
	if (s.attr & ST_BOLD)
		a |= A_BOLD;
	if (s.attr & ST_DIM)
		a |= A_DIM;
#ifdef A_ITALIC
	if (s.attr & ST_ITALIC)
		a |= A_ITALIC;
#endif
	if (s.attr & ST_UNDERLINE)
		a |= A_UNDERLINE;
	if (s.attr & ST_REVERSE)
		a |= A_REVERSE;
	if (!t->color) {
		/* without colour, secondary text is still told apart by dimness */
		if (s.fg == ST_MUTED || s.fg == ST_COMMENT)
			a |= A_DIM;
		return a;
	}
	if (!t->colors256 && s.fg < ST_NCOLORS)
		a |= (attr_t)roles[s.fg].attr8;
	*pair = pair_of(t, s.fg, s.bg);
	return a;
}

/* --- the screen ------------------------------------------------------------------ */

static int same_cell(const st_cell *a, const st_cell *b)
{
	return a->cp == b->cp && a->style.fg == b->style.fg && a->style.bg == b->style.bg &&
	       a->style.attr == b->style.attr;
}

void term_show(term *t, const grid *g)
{
	size_t n = (size_t)g->rows * (size_t)g->cols;
	if (g->rows != t->rows || g->cols != t->cols) {
		if (vec_grow(&t->shown, &t->cap, n ? n : 1, sizeof *t->shown, VEC_PLAIN) != 0)
			return;
		t->rows = g->rows;
		t->cols = g->cols;
		t->all = 1;
	}
	for (size_t i = 0; i < n; i++) {
		const st_cell *c = &g->cells[i];
		if (!t->all && same_cell(c, &t->shown[i]))
			continue;
		t->shown[i] = *c;
		if (c->cp == 0)
			continue;   /* the second half of a wide character, drawn with it */
		wchar_t wc[2] = {(wchar_t)c->cp, 0};
		cchar_t cc;
		short pair;
		attr_t a = attr_of(t, c->style, &pair);
		setcchar(&cc, wc, a, pair, NULL);
		mvadd_wch((int)(i / (size_t)g->cols), (int)(i % (size_t)g->cols), &cc);
	}
	t->all = 0;
	move(g->cur_y, g->cur_x);
	curs_set(g->cur_on ? 1 : 0);
	wnoutrefresh(stdscr);
	doupdate();
}

void term_redraw(term *t)
{
	clearok(curscr, TRUE);
	t->all = 1;
}

void term_size(const term *t, int *rows, int *cols)
{
	(void)t;
	getmaxyx(stdscr, *rows, *cols);
}

/* --- keys ------------------------------------------------------------------------ */

/* ncurses' codes for keys that have no KEY_* name (0: this terminal has none). */
static int k_cleft, k_cright, k_chome, k_cend;

/* Codes we give to sequences ncurses does not know. */
enum { K_PASTE_BEGIN = KEY_MAX + 0x1005, K_PASTE_END, K_FOCUS_IN, K_FOCUS_OUT };

static void keys_init(void)
{
	k_cleft = key_defined("\033[1;5D");
	k_cright = key_defined("\033[1;5C");
	k_chome = key_defined("\033[1;5H");
	k_cend = key_defined("\033[1;5F");
	define_key("\033[200~", K_PASTE_BEGIN);
	define_key("\033[201~", K_PASTE_END);
	define_key("\033[I", K_FOCUS_IN);
	define_key("\033[O", K_FOCUS_OUT);
}

/* Turns a curses function key into nnbook's code (keys.h). */
static int fn_key(int ch)
{
	static const struct { int curses, ours; } map[] = {
		{KEY_ENTER, '\n'}, {KEY_DOWN, UK_DOWN}, {KEY_UP, UK_UP}, {KEY_LEFT, UK_LEFT},
		{KEY_RIGHT, UK_RIGHT}, {KEY_NPAGE, UK_PGDN}, {KEY_PPAGE, UK_PGUP},
		{KEY_HOME, UK_HOME}, {KEY_END, UK_END}, {KEY_BACKSPACE, UK_BACKSPACE},
		{KEY_DC, UK_DELETE}, {KEY_BTAB, UK_BTAB}, {KEY_F(1), UK_F1}, {KEY_RESIZE, UK_RESIZE},
		{K_PASTE_BEGIN, UK_PASTE_BEGIN}, {K_PASTE_END, UK_PASTE_END},
		{K_FOCUS_IN, UK_FOCUS_IN}, {K_FOCUS_OUT, UK_FOCUS_OUT},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].curses == ch)
			return map[i].ours;
	if (ch > 0 && ch == k_cleft)
		return UK_CLEFT;
	if (ch > 0 && ch == k_cright)
		return UK_CRIGHT;
	if (ch > 0 && ch == k_chome)
		return UK_CHOME;
	if (ch > 0 && ch == k_cend)
		return UK_CEND;
	return UK_FN | ch;
}

int term_key(term *t, int *key)
{
	wint_t wc;
	(void)t;
	wtimeout(stdscr, 0);
	int r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES) {
		*key = fn_key((int)wc);
		return 1;
	}
	if (wc == UK_ESC) {
		/* Esc followed at once by a character is Alt+character */
		wint_t w2;
		int r2 = wget_wch(stdscr, &w2);
		if (r2 == OK && w2 >= ' ' && w2 < 127) {
			*key = (int)w2 | UK_ALT;
			return 1;
		}
		if (r2 == KEY_CODE_YES)
			ungetch((int)w2);   /* a function key: read next as one */
		else if (r2 == OK)
			unget_wch(w2);
		*key = UK_ESC;
		return 1;
	}
	*key = wc == '\r' ? '\n' : wc == 127 || wc == 8 ? UK_BACKSPACE : (int)wc;
	return 1;
}

int term_lost(const term *t)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};
	(void)t;
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* --- starting and ending ------------------------------------------------------------ */

/*
** cbreak leaves the tty's flow control and suspend keys on: ^S would
** freeze the screen and ^Z stop us behind the student's back.  They
** become ordinary keys (save, undo / suspend on request); ^C stays SIGINT.
*/
static void tweak_tty(void)
{
	struct termios tio;
	if (tcgetattr(STDIN_FILENO, &tio) != 0)
		return;
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	tio.c_lflag &= ~(tcflag_t)IEXTEN;
	tio.c_cc[VSUSP] = _POSIX_VDISABLE;
	tcsetattr(STDIN_FILENO, TCSANOW, &tio);
}

/* Returns 0 when the terminal can show the notebook, else says why on stderr. */
static int usable(const char *term_name)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "nnbook: the notebook needs a terminal; for a text transcript use "
		        "`nnbook --run LESSON.lua`\n");
		return -1;
	}
	if (!term_name || !*term_name || strcmp(term_name, "dumb") == 0) {
		fprintf(stderr, "nnbook: this terminal (TERM=%s) cannot show the notebook; for a text "
		        "transcript use `nnbook --run LESSON.lua`\n",
		        term_name && *term_name ? term_name : "unset");
		return -1;
	}
	return 0;
}

/* Starts curses; returns 0, or -1 after telling the user why not. */
static int start_curses(term *t, const char *term_name)
{
	have_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
	t->scr = newterm(NULL, stdout, stdin);
	if (!t->scr) {
		fprintf(stderr, "nnbook: unknown terminal type TERM=%s; try TERM=xterm-256color, or "
		        "`nnbook --run LESSON.lua` for a text transcript\n", term_name);
		return -1;
	}
	set_term(t->scr);
	const char *cup = tigetstr((char *)"cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		delscreen(t->scr);
		t->scr = NULL;
		fprintf(stderr, "nnbook: this terminal (TERM=%s) cannot move the cursor; use "
		        "`nnbook --run LESSON.lua` for a text transcript\n", term_name);
		return -1;
	}
	return 0;
}

term *term_open(int restricted)
{
	const char *term_name = getenv("TERM");
	static const char paste_on[] = "\033[?2004h\033[?1004h", paste_off[] = "\033[?2004l\033[?1004l";
	term *t = calloc(1, sizeof *t);
	early_signals(restricted);
	if (!t || usable(term_name) != 0 || start_curses(t, term_name) != 0) {
		free(t);
		return NULL;
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
	keys_init();
	colors_init(t);
	reset_len = 0;
	add_cap("rmcup");
	add_cap("sgr0");
	add_cap("cnorm");
	add_cap("rmkx");
	/* bracketed paste: a paste arrives marked, so the editor inserts it as
	** typed text; focus events: a good moment to look for outside changes */
	putp(paste_on);
	fflush(stdout);
	add_seq(paste_off, sizeof paste_off - 1);
	late_signals(restricted);
	return t;
}

void term_close(term *t)
{
	if (!t)
		return;
	putp("\033[?2004l\033[?1004l");
	curs_set(1);
	endwin();
	delscreen(t->scr);
	reset_len = 0;
	if (have_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	vec_free(t->shown, VEC_PLAIN);
	free(t);
}

void term_pause(term *t)
{
	(void)t;
	def_prog_mode();
	putp("\033[?2004l\033[?1004l");
	endwin();
}

void term_resume(term *t)
{
	reset_prog_mode();
	putp("\033[?2004h\033[?1004h");
	term_redraw(t);
}

void term_suspend(term *t)
{
	term_pause(t);
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	/* continued */
	term_resume(t);
}
