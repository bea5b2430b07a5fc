/*
** class_driver.c — a class of headless students for bench/class.sh.
**
**   class_driver N SECONDS LESSON
**
** Forks N student sessions of one class (members s001…sN of the account
** whose HOME/XDG folders the environment names).  Each is a real app with
** its own kernel process, as a student's nnbook over SSH, without the
** terminal: it opens LESSON, then runs a cell and moves on every 1–3 s
** (staggered, so the class does not move in step), publishing its status
** as a student's session does, for SECONDS.  At the end each prints
** "rss_kb=K" (its front end's resident memory); the parent prints the
** largest and the mean.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"

#define RUN_KEY 'r'   /* run the cell and go to the next */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

static int student(int k, double seconds, const char *lesson, int out)
{
	char name[16], err[256];
	snprintf(name, sizeof name, "s%03d", k);
	app_opts o;
	app_defaults(&o);
	o.member = name;
	app *a = app_new(&o, 24, 80, err, sizeof err);
	if (!a || app_start(a, lesson, err, sizeof err) != 0) {
		fprintf(stderr, "%s: %s\n", name, err);
		return 1;
	}
	srand((unsigned)k * 7919u);
	double end = now() + seconds, next = now() + 1 + (rand() % 2000) / 1000.0;
	while (now() < end && !app_done(a)) {
		if (now() >= next) {
			app_key(a, RUN_KEY);
			next = now() + 1 + (rand() % 2000) / 1000.0;
		}
		app_turn(a, 50);
		app_frame(a);
	}
	char line[64];
	int n = snprintf(line, sizeof line, "%ld\n", rss_kb());
	if (write(out, line, (size_t)n) != n)
		return 1;
	app_free(a);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fputs("usage: class_driver N SECONDS LESSON\n", stderr);
		return 2;
	}
	int n = atoi(argv[1]);
	double seconds = atof(argv[2]);
	int p[2];
	if (n < 1 || pipe(p) != 0)
		return 2;
	for (int k = 1; k <= n; k++) {
		pid_t pid = fork();
		if (pid == 0) {
			close(p[0]);
			_exit(student(k, seconds, argv[3], p[1]));
		}
	}
	close(p[1]);
	int failed = 0, st;
	while (wait(&st) > 0)
		failed += !WIFEXITED(st) || WEXITSTATUS(st) != 0;
	FILE *f = fdopen(p[0], "r");
	long kb, max = 0, sum = 0, cnt = 0;
	while (f && fscanf(f, "%ld", &kb) == 1) {
		max = kb > max ? kb : max;
		sum += kb, cnt++;
	}
	printf("c class_students n=%d failed=%d rss_max_kb=%ld rss_mean_kb=%ld\n", n, failed, max,
	       cnt ? sum / cnt : 0);
	return failed != 0;
}
