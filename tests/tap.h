/*
** tap.h — a small TAP producer for the C tests.
**
** Each check prints "ok N - name" or "not ok N - name" with the file and
** line of a failure; tap_done() prints the plan and returns the exit
** status.  tests/run.sh counts the lines.
*/
#ifndef NNBOOK_TAP_H
#define NNBOOK_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static void tap_vreport(int pass, const char *file, int line, const char *fmt, va_list ap)
{
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_count);
	vprintf(fmt, ap);
	printf("\n");
	if (!pass)
		printf("#   failed at %s:%d\n", file, line);
	fflush(stdout);
}

static int tap_ok_at(int pass, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), unused));
static int tap_ok_at(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	return pass;
}

/* ok(cond, "name %d", ...) */
#define ok(cond, ...) tap_ok_at(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

/* is_str(got, want, name...) — exact string equality, shows both on failure. */
#define is_str(got, want, ...) tap_is_str_at((got), (want), __FILE__, __LINE__, __VA_ARGS__)
static int tap_is_str_at(const char *got, const char *want, const char *file, int line,
                         const char *fmt, ...) __attribute__((format(printf, 5, 6), unused));
static int tap_is_str_at(const char *got, const char *want, const char *file, int line,
                         const char *fmt, ...)
{
	int pass = got && want && strcmp(got, want) == 0;
	va_list ap;
	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   got:  \"%s\"\n#   want: \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
	return pass;
}

/* is_num(got, want, tol, name...) — |got-want| <= tol (tol 0: bit-exact). */
#define is_num(got, want, tol, ...) tap_is_num_at((got), (want), (tol), __FILE__, __LINE__, __VA_ARGS__)
static int tap_is_num_at(double got, double want, double tol, const char *file, int line,
                         const char *fmt, ...) __attribute__((format(printf, 6, 7), unused));
static int tap_is_num_at(double got, double want, double tol, const char *file, int line,
                         const char *fmt, ...)
{
	int pass = tol == 0 ? (got == want || (isnan(got) && isnan(want)))
	                    : fabs(got - want) <= tol;
	va_list ap;
	va_start(ap, fmt);
	tap_vreport(pass, file, line, fmt, ap);
	va_end(ap);
	if (!pass)
		printf("#   got:  %.17g\n#   want: %.17g\n", got, want);
	return pass;
}

/* Prints the plan; returns the process exit status. */
static int tap_done(void) __attribute__((unused));
static int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
