/*
** lessoncheck.c — `nnbook --check`: a lesson checked for its teacher.
**
** Every code cell runs headless, in order, as in a transcript; problems
** are printed as "file:line: message" for editors.  An exercise's check
** must fail before the student has done anything, and pass once the
** exercise cell is replaced by its solution; with --answers, each cell of
** a file of answers replaces the exercise it names and must get the
** verdict its title says ("Exercise 2 wrong: ..." fails, "... right"
** passes), so a lesson edit that weakens a check is caught.
*/
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "transcript_int.h"


/* Returns 1 when s starts with "exercise", ignoring case. */
static int is_exercise_title(const char *s)
{
	return s && strncasecmp(s, "exercise", 8) == 0;
}

/* Prints a problem as "file:line: message" (a compiler's format, for editors). */
static void problem(int *n, const char *file, int line, const char *msg, const char *detail)
{
	if (line > 0)
		fprintf(stderr, "%s:%d: %s", file, line, msg);
	else
		fprintf(stderr, "%s: %s", file, msg);
	if (detail && *detail)
		fprintf(stderr, ": %s", detail);
	fputc('\n', stderr);
	(*n)++;
}

/* The first error block's message, or "". */
static const char *first_error(const blocklist *bl)
{
	for (size_t i = 0; i < bl->n; i++)
		if (bl->items[i]->kind == BLOCK_ERROR && bl->items[i]->text.s)
			return bl->items[i]->text.s;
	return "";
}

/* Appends the verdicts of the checks in bl that failed, with their reasons. */
static int failed_checks(const blocklist *bl, strbuf *why)
{
	int found = 0, passed = 1;
	for (size_t i = 0; i < bl->n; i++) {
		const block *b = bl->items[i];
		if (b->kind != BLOCK_CHECK)
			continue;
		found = 1;
		passed &= b->passed;
		if (!b->passed)
			sb_addf(why, "%s\"%s\"%s%s", why->len ? "; " : "", sb_str(&b->text),
			        b->detail.len ? ": " : "", sb_str(&b->detail));
	}
	if (!found)
		sb_adds(why, "it gave no verdict");
	return found && passed;
}

/*
** An exercise's solution must pass its own check: the solution (a solution
** cell, or a check's solution = option) replaces the code cell before the
** check's cell, then the check runs again.  When it fails, the judge's
** reason is printed.
*/
static void check_solution(run *r, size_t prev, size_t ci, const char *sol, size_t nsol,
                           int *problems)
{
	const lesson_cell *p = lesson_cell_at(r->L, prev), *c = lesson_cell_at(r->L, ci);
	const char *name = lesson_name(r->L);
	blocklist a = BLOCKLIST_INIT, b = BLOCKLIST_INIT;
	klink_event ev = transcript__run_cell(r, sol, nsol, p->first_line, &a);
	if (ev == KL_ERROR) {
		problem(problems, name, p->first_line, "the solution fails", first_error(&a));
	} else if (transcript__run_cell(r, c->source, c->source_len, c->first_line, &b) == KL_ERROR) {
		problem(problems, name, c->first_line, "the check fails after the solution",
		        first_error(&b));
	} else {
		strbuf why = STRBUF_INIT;
		if (!failed_checks(&b, &why))
			problem(problems, name, c->first_line, "the solution does not pass its check",
			        sb_str(&why));
		sb_free(&why);
	}
	blocklist_clear(&a);
	blocklist_clear(&b);
}

/* Tries every solution cell of check cell i; returns how many there were. */
static int solution_cells(run *r, size_t prev, size_t i, int *problems)
{
	int n = 0;
	for (size_t j = i + 1; j < lesson_ncells(r->L) && lesson_check_of(r->L, j) == i; j++) {
		const lesson_cell *s = lesson_cell_at(r->L, j);
		if (s->kind == LESSON_CODE && (s->flags & LESSON_SOLUTION) && prev != (size_t)-1) {
			check_solution(r, prev, i, s->source, s->source_len, problems);
			n++;
		}
	}
	return n;
}

int transcript_check(const char *path, const transcript_opts *o)
{
	run r;
	int rc = transcript__setup(&r, path, o);
	if (rc)
		return rc;
	signal(SIGINT, transcript__on_sigint);
	const char *name = lesson_name(r.L);
	int problems = 0;
	size_t ncode = 0, nchecks = 0, prev_code = (size_t)-1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!lesson_meta(r.L, "title"))
		problem(&problems, name, 0, "no title: add a `-- title: ...` line to the header", NULL);
	for (size_t i = 0; i < lesson_ncells(r.L); i++) {
		const lesson_cell *c = lesson_cell_at(r.L, i);
		if (c->kind != LESSON_CODE || transcript__is_help(c))
			continue;
		ncode++;
		blocklist bl = BLOCKLIST_INIT;
		klink_event ev = transcript__run_cell(&r, c->source, c->source_len, c->first_line, &bl);
		if (ev == KL_ERROR)
			problem(&problems, name, c->first_line ? c->first_line : c->marker_line,
			        "cell fails", first_error(&bl));
		int has_check = 0;
		for (size_t j = 0; j < bl.n; j++) {
			const block *b = bl.items[j];
			if (b->kind != BLOCK_CHECK)
				continue;
			has_check++;
			nchecks++;
			if (b->passed)
				problem(&problems, name, c->first_line,
				        "the check passes before the student has done anything", b->text.s);
			int sols = has_check > 1 ? 1 : solution_cells(&r, prev_code, i, &problems);
			if (b->extra.len && prev_code != (size_t)-1)
				check_solution(&r, prev_code, i, b->extra.s, b->extra.len, &problems);
			else if (!b->extra.len && !sols)
				problem(&problems, name, c->first_line, "a check without a solution", b->text.s);
		}
		if (is_exercise_title(c->title) && !has_check) {
			/* the check may sit in the next code cell */
			const lesson_cell *nx = NULL;
			for (size_t j = i + 1; j < lesson_ncells(r.L) && !nx; j++)
				if (lesson_cell_at(r.L, j)->kind == LESSON_CODE)
					nx = lesson_cell_at(r.L, j);
			if (!nx || !nx->source || !strstr(nx->source, "check"))
				problem(&problems, name, c->marker_line, "an exercise without a check", c->title);
		}
		blocklist_clear(&bl);
		prev_code = i;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "%s: %zu cells (%zu code, %zu checks), ran in %.2f s: %s\n", name,
	        lesson_ncells(r.L), ncode, nchecks, secs,
	        problems ? "problems found" : "ok");
	transcript__teardown(&r);
	return problems ? 1 : 0;
}
