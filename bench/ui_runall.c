/*
** ui_runall.c — "run all" (R) of each lesson in the notebook screen, as a
** student presses it: an 80x24 app without a terminal (the screen tests'
** harness) with its real kernel process, from R to the kernel idle again.
** Prints "c ui_runall_NAME time_s=T cells=N" per lesson, best of three.
*/
#include "screen_harness.h"

/* Seconds from R to idle on the lesson at path; -1 when it did not start or end. */
static double run_all(const char *path, int *cells)
{
	app *a = h_open(24, 80, path);
	if (!a)
		return -1;
	double t0 = h_clock();
	app_key(a, 'R');
	int ok = h_settle(a);
	double t = h_clock() - t0;
	*cells = 0;
	const char *bar = h_row(a, -2), *c = strstr(bar, "cell ");
	if (c)
		*cells = atoi(c + 5);   /* the cell the run ended on */
	app_free(a);
	return ok ? t : -1;
}

int main(int argc, char **argv)
{
	h_setup();
	alarm(600);
	for (int i = 1; i < argc; i++) {
		double best = -1;
		int cells = 0;
		for (int k = 0; k < 3; k++) {
			double t = run_all(argv[i], &cells);
			if (t >= 0 && (best < 0 || t < best))
				best = t;
		}
		const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		printf("c ui_runall_%.*s time_s=%.4f cells=%d\n", (int)strcspn(name, "-."), name, best, cells);
	}
	return 0;
}
