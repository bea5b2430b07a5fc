/*
** harness.h — what the kernel tests share: one kernel, running a cell and
** reading its output, running one with a time limit or an interrupt from a
** timer (as the UI's Ctrl-C comes from a signal handler), and a watchdog
** so a cell that never stops fails the test instead of hanging the suite.
*/
#ifndef NNBOOK_TEST_HARNESS_H
#define NNBOOK_TEST_HARNESS_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "block.h"
#include "kernel.h"
#include "strbuf.h"
#include "tap.h"

#define HARNESS_FN static __attribute__((unused))

static kernel *K;

HARNESS_FN void on_alarm(int sig)
{
	(void)sig;
	kernel_interrupt(K);
}

/* Burned too much CPU in one test: a cell did not stop. */
HARNESS_FN void on_watchdog(int sig)
{
	(void)sig;
	static const char msg[] = "not ok - watchdog: a cell did not stop (CPU time ran out)\n";
	if (write(STDOUT_FILENO, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

/* Arms the watchdog for `seconds` of CPU time from now. */
HARNESS_FN void watchdog(double seconds)
{
	const char *vg = getenv("NNBOOK_VALGRIND");
	if (vg && *vg)
		seconds *= 20;   /* valgrind runs everything some twenty times slower */
	signal(SIGPROF, on_watchdog);
	struct itimerval it = {{0, 0}, {(time_t)seconds, (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6)}};
	setitimer(ITIMER_PROF, &it, NULL);
}

HARNESS_FN double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Runs src to completion; returns the event and leaves the output in *out. */
HARNESS_FN kernel_event run(const char *src, blocklist *out)
{
	blocklist_clear(out);
	return kernel_run_all(K, src, strlen(src), "lesson.lua", 1, out);
}

/* Returns the text of all TEXT blocks joined. */
HARNESS_FN const char *text_of(const blocklist *bl)
{
	static strbuf sb = STRBUF_INIT;
	sb_clear(&sb);
	for (size_t i = 0; i < bl->n; i++)
		if (bl->items[i]->kind == BLOCK_TEXT)
			sb_adds(&sb, sb_str(&bl->items[i]->text));
	return sb_str(&sb);
}

/* Returns the first line of s (in a static buffer), for test names. */
HARNESS_FN const char *first_line(const char *s)
{
	static char buf[256];
	size_t n = strcspn(s, "\n");
	snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf ? n : sizeof buf - 1), s);
	return buf;
}

/* Returns the last error block's message ("" if none). */
HARNESS_FN const char *error_of(const blocklist *bl)
{
	for (size_t i = bl->n; i-- > 0;)
		if (bl->items[i]->kind == BLOCK_ERROR)
			return sb_str(&bl->items[i]->text);
	return "";
}

/*
** Runs src with a time limit of `limit` s (0: none) and, when `interrupt`
** > 0, kernel_interrupt() from a timer signal that many seconds in.
** Returns the seconds it took; the event in *ev.  The watchdog allows the
** run ten seconds of CPU beyond what it was given.
*/
HARNESS_FN double run_stopped(const char *src, double limit, double interrupt, blocklist *out,
                          kernel_event *ev)
{
	kernel_set_timeout(K, limit);
	watchdog(limit + interrupt + 10);
	if (interrupt > 0) {
		signal(SIGALRM, on_alarm);
		struct itimerval it = {{0, 0}, {(time_t)interrupt,
		                                (suseconds_t)((interrupt - (double)(time_t)interrupt) * 1e6)}};
		setitimer(ITIMER_REAL, &it, NULL);
	}
	double t0 = now_s();
	*ev = run(src, out);
	double dt = now_s() - t0;
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	setitimer(ITIMER_PROF, &off, NULL);
	kernel_set_timeout(K, 0);
	return dt;
}

/* Makes the kernel K with a memory budget (MiB) and the lesson folder dir (NULL: none). */
HARNESS_FN int make_kernel(size_t mib, const char *dir)
{
	char err[256];
	kernel_opts o = {0};
	o.mem_limit = mib << 20;
	o.dir = dir;
	K = kernel_new(&o, err, sizeof err);
	ok(K != NULL, "kernel_new: %s", K ? "ok" : err);
	return K != NULL;
}

#endif
