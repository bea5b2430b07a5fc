/*
** screen_harness.h — screen tests without a terminal, as tig's test mode.
**
** A test makes an app at a fixed size (app_new), opens a lesson or the
** browser with a real kernel process, feeds it keys (h_keys, spelled as
** for `tmux send-keys`: "j j Enter", "C-z", "M->", or literal text), lets
** the kernel work (h_settle, h_wait), and reads the screen the app drew
** into its grid (h_screen), or compares it with a golden file in
** tests/golden/ui/ (h_golden; NNBOOK_UPDATE_GOLDEN=1 rewrites them: look at
** the diff before committing).  The screen text is what
** `tmux capture-pane -p` prints, so a golden file is the same whether a
** C test or a tmux test made it.  Timings ("done 0.03s", a progress
** line's "- 0s 12ms/step") are masked.
**
** Every test runs with HOME and the XDG folders in a fresh temporary
** folder, and a watchdog: a test that hangs fails instead of hanging the
** suite.  Tests run from the top of the source tree (tests/run.sh does).
*/
#ifndef NNBOOK_SCREEN_HARNESS_H
#define NNBOOK_SCREEN_HARNESS_H

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "keys.h"
#include "strbuf.h"
#include "tap.h"
#include "utf8.h"

#define H_FN static __attribute__((unused))

static char h_dir[PATH_MAX];      /* the temporary home */
static char h_top[PATH_MAX];      /* the source tree */
static strbuf h_text = STRBUF_INIT;

H_FN double h_clock(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

H_FN void h_watchdog(int sig)
{
	static const char msg[] = "not ok - watchdog: the screen test did not finish in time\n";
	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

H_FN void h_cleanup(void)
{
	char cmd[PATH_MAX + 16];
	if (!h_dir[0] || getenv("KEEP"))
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", h_dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", h_dir);
}

/* A fresh home with its XDG folders; NNBOOK_LESSONS = the bundled lessons. */
H_FN void h_setup(void)
{
	char buf[PATH_MAX + 32];
	signal(SIGALRM, h_watchdog);
	alarm(240);
	signal(SIGPIPE, SIG_IGN);
	if (!getcwd(h_top, sizeof h_top))
		strcpy(h_top, ".");
	snprintf(h_dir, sizeof h_dir, "/tmp/nnbook-screens-XXXXXX");
	if (!mkdtemp(h_dir)) {
		printf("Bail out! no temporary folder\n");
		exit(1);
	}
	atexit(h_cleanup);
	setenv("HOME", h_dir, 1);
	snprintf(buf, sizeof buf, "%s/data", h_dir);
	setenv("XDG_DATA_HOME", buf, 1);
	snprintf(buf, sizeof buf, "%s/state", h_dir);
	setenv("XDG_STATE_HOME", buf, 1);
	snprintf(buf, sizeof buf, "%s/lessons", h_top);
	setenv("NNBOOK_LESSONS", buf, 1);
}

/* Returns "<home>/name" in a static buffer (one of 16: copy it to keep it long). */
H_FN const char *h_path(const char *name)
{
	static char bufs[16][PATH_MAX + 64];
	static int next;
	char *b = bufs[next++ % 16];
	snprintf(b, sizeof bufs[0], "%s/%s", h_dir, name);
	return b;
}

/* Copies the file from to the file to; returns 0 or -1. */
H_FN int h_copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char buf[4096];
	size_t n;
	int rc = in && out ? 0 : -1;
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		rc = fwrite(buf, 1, n, out) == n ? 0 : -1;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = -1;
	return rc;
}

/* Writes text to the file at path; returns 0 or -1. */
H_FN int h_write(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	int rc = f && fputs(text, f) >= 0 ? 0 : -1;
	if (f && fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Returns 1 when the file at path holds text. */
H_FN int h_file_has(const char *path, const char *text)
{
	FILE *f = fopen(path, "rb");
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	if (!f)
		return 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	int has = strstr(sb_str(&sb), text) != NULL;
	sb_free(&sb);
	return has;
}

/* An app of rows x cols on the lesson at path (NULL: the browser); NULL after a TAP failure. */
H_FN app *h_open_opts(int rows, int cols, const char *path, const app_opts *o)
{
	char err[512];
	app *a = app_new(o, rows, cols, err, sizeof err);
	if (a && app_start(a, path, err, sizeof err) == 0)
		return a;
	ok(0, "open %s at %dx%d: %s", path ? path : "the browser", cols, rows, err);
	app_free(a);
	return NULL;
}

H_FN app *h_open(int rows, int cols, const char *path)
{
	app_opts o;
	app_defaults(&o);
	return h_open_opts(rows, cols, path, &o);
}

/* The key code of a tmux key name ("Enter", "C-z", "M->"), or 0 for literal text. */
H_FN int h_key_name(const char *t)
{
	static const struct { const char *name; int key; } names[] = {
		{"Enter", '\n'}, {"Escape", UK_ESC}, {"Tab", '\t'}, {"BTab", UK_BTAB}, {"Space", ' '},
		{"Up", UK_UP}, {"Down", UK_DOWN}, {"Left", UK_LEFT}, {"Right", UK_RIGHT},
		{"Home", UK_HOME}, {"End", UK_END}, {"PPage", UK_PGUP}, {"NPage", UK_PGDN},
		{"BSpace", UK_BACKSPACE}, {"DC", UK_DELETE}, {"F1", UK_F1},
		{"C-Left", UK_CLEFT}, {"C-Right", UK_CRIGHT}, {"C-Home", UK_CHOME}, {"C-End", UK_CEND},
		{"PasteBegin", UK_PASTE_BEGIN}, {"PasteEnd", UK_PASTE_END}, {"FocusIn", UK_FOCUS_IN},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(t, names[i].name) == 0)
			return names[i].key;
	if (t[0] == 'C' && t[1] == '-' && t[2] && !t[3])
		return UK_CTRL(t[2]);
	if (t[0] == 'M' && t[1] == '-' && t[2] && !t[3])
		return t[2] | UK_ALT;
	return 0;
}

/* Types UTF-8 text, one key a character ('\n' is Enter). */
H_FN void h_type(app *a, const char *s)
{
	size_t n = strlen(s);
	while (n) {
		uint32_t cp;
		size_t k = utf8_decode(s, n, &cp);
		app_key(a, (int)cp);
		s += k;
		n -= k;
	}
}

/* Feeds keys spelled as tmux send-keys words: names, or literal text. */
H_FN void h_keys(app *a, const char *spec)
{
	char word[256];
	while (*spec) {
		size_t n = strcspn(spec, " ");
		if (n && n < sizeof word) {
			memcpy(word, spec, n);
			word[n] = '\0';
			int k = h_key_name(word);
			if (k)
				app_key(a, k);
			else
				h_type(a, word);
		}
		spec += n;
		while (*spec == ' ')
			spec++;
	}
}

/* The screen as text (with styles: and its style runs), timings masked ("done #.##s"). */
H_FN const char *h_screen_styled(app *a, int styles)
{
	strbuf raw = STRBUF_INIT;
	grid_dump(app_frame(a), &raw, styles);
	sb_clear(&h_text);
	for (const char *p = sb_str(&raw); *p; p++) {
		const char *d = p;
		if (strncmp(p, "done ", 5) == 0) {
			d = p + 5;
			while (*d >= '0' && *d <= '9')
				d++;
			if (*d == '.' && d[1] >= '0' && d[1] <= '9') {
				for (d++; *d >= '0' && *d <= '9'; d++)
					;
				if (*d == 's') {
					sb_adds(&h_text, "done #.##s");
					p = d;
					continue;
				}
			}
		}
		if (strncmp(p, "] - ", 4) == 0) {   /* a progress line's "- 2s 13ms/step" */
			const char *e = strstr(p, "/step");
			const char *nl = strchr(p, '\n');
			if (e && (!nl || e < nl) && e - p < 24) {
				sb_adds(&h_text, "] - #s #/step");
				p = e + 4;
				continue;
			}
		}
		sb_addc(&h_text, *p);
	}
	sb_free(&raw);
	return sb_str(&h_text);
}

/* The screen as text, timings masked; valid until the next call. */
H_FN const char *h_screen(app *a)
{
	return h_screen_styled(a, 0);
}

/* Returns row y of the screen (0-based; negative from the bottom) as text. */
H_FN const char *h_row(app *a, int y)
{
	static char line[1024];
	const char *s = h_screen(a);
	int rows = 0;
	for (const char *p = s; *p; p++)
		rows += *p == '\n';
	if (y < 0)
		y += rows;
	for (int r = 0; r < y && *s; r++)
		s = strchr(s, '\n') + 1;
	size_t n = strcspn(s, "\n");
	snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), s);
	return line;
}

H_FN int h_has(app *a, const char *text)
{
	return strstr(h_screen(a), text) != NULL;
}

/* Lets the app work until text is on screen (1) or seconds pass (0). */
H_FN int h_wait(app *a, const char *text, double seconds)
{
	double end = h_clock() + seconds;
	while (!h_has(a, text)) {
		if (h_clock() > end) {
			printf("# waited %.1f s for: %s\n", seconds, text);
			return 0;
		}
		app_turn(a, 10);
	}
	return 1;
}

/* Lets the app work until text is gone (1) or seconds pass (0). */
H_FN int h_wait_gone(app *a, const char *text, double seconds)
{
	double end = h_clock() + seconds;
	while (h_has(a, text)) {
		if (h_clock() > end)
			return 0;
		app_turn(a, 10);
	}
	return 1;
}

/* Lets the kernel finish what it runs (at most 30 s); returns 1 when it went idle. */
H_FN int h_settle(app *a)
{
	double end = h_clock() + 30;
	app_turn(a, 0);
	while (app_busy(a) && h_clock() < end)
		app_turn(a, 20);
	app_turn(a, 0);
	return !app_busy(a);
}

/* Prints the screen as TAP comments (after a failure). */
H_FN void h_show(app *a)
{
	const char *s = h_screen(a);
	while (*s) {
		size_t n = strcspn(s, "\n");
		printf("#   |%.*s\n", (int)n, s);
		s += n + (s[n] == '\n');
	}
}

/* One check: cond, or the screen is shown. */
#define h_ok(a, cond, ...) ((cond) ? ok(1, __VA_ARGS__) : (ok(0, __VA_ARGS__), h_show(a), 0))

/*
** Compares the screen (with styles: and its style runs) with
** tests/golden/ui/NAME.txt (NNBOOK_UPDATE_GOLDEN=1 writes it).
*/
H_FN int h_golden_styled(app *a, const char *name, const char *what, int styles)
{
	char path[PATH_MAX];
	const char *got = h_screen_styled(a, styles), *upd = getenv("NNBOOK_UPDATE_GOLDEN");
	snprintf(path, sizeof path, "tests/golden/ui/%s.txt", name);
	if (upd && strcmp(upd, "1") == 0 && h_write(path, got) != 0)
		printf("# cannot write %s\n", path);
	FILE *f = fopen(path, "rb");
	strbuf want = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&want, buf, n);
	if (f)
		fclose(f);
	int same = f && strcmp(sb_str(&want), got) == 0;
	ok(same, "%s (golden %s)", what, name);
	if (!same) {
		const char *w = sb_str(&want), *g = got;
		int line = 1;
		while (*w && *w == *g) {
			line += *w == '\n';
			w++;
			g++;
		}
		printf("#   %s differs from line %d\n", f ? path : "(missing) golden", line);
		h_show(a);
	}
	sb_free(&want);
	return same;
}

H_FN int h_golden(app *a, const char *name, const char *what)
{
	return h_golden_styled(a, name, what, 0);
}

#endif
