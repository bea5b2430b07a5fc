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
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ipynb.h"
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
** Runs src in place of exercise cell `prev`, then check cell ci.  Returns
** 1 when every check passed, 0 when one did not (its reason in *why), -1
** when a cell failed (its error in *why).
*/
static int judge(run *r, size_t prev, size_t ci, const char *src, size_t n, strbuf *why)
{
	const lesson_cell *p = lesson_cell_at(r->L, prev), *c = lesson_cell_at(r->L, ci);
	blocklist a = BLOCKLIST_INIT, b = BLOCKLIST_INIT;
	int v = -1;
	if (transcript__run_cell(r, src, n, p->first_line, &a) == KL_ERROR)
		sb_addf(why, "the answer fails: %s", first_error(&a));
	else if (transcript__run_cell(r, c->source, c->source_len, c->first_line, &b) == KL_ERROR)
		sb_addf(why, "the check fails: %s", first_error(&b));
	else
		v = failed_checks(&b, why);
	blocklist_clear(&a);
	blocklist_clear(&b);
	return v;
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
	strbuf why = STRBUF_INIT;
	int v = judge(r, prev, ci, sol, nsol, &why);
	if (v != 1)
		problem(problems, lesson_name(r->L), lesson_cell_at(r->L, ci)->first_line,
		        v < 0 ? "the solution does not run" : "the solution does not pass its check",
		        sb_str(&why));
	sb_free(&why);
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

/* The answers to try (--answers): a lesson file, and which of its cells were used. */
typedef struct answers {
	lesson *A;
	char *used;
	size_t tried;
} answers;

/*
** Returns what answer cell a says about exercise cell ex: 1 "right", 0
** "wrong", -1 not about it.  Its title is the exercise's up to the colon
** ("Exercise 2"), then "right" or "wrong" and any words.
*/
static int answer_for(const lesson_cell *a, const lesson_cell *ex)
{
	size_t key = strcspn(ex->title, ":");
	if (a->kind != LESSON_CODE || key == 0 || strncmp(a->title, ex->title, key) != 0)
		return -1;
	const char *w = a->title + key;
	for (int v = 0; v < 2; v++) {
		const char *word = v ? " right" : " wrong";
		if (strncasecmp(w, word, 6) == 0 && (w[6] == '\0' || w[6] == ' ' || w[6] == ':'))
			return v;
	}
	return -1;
}

/* Tries the answers about exercise cell prev on check cell ci. */
static void try_answers(run *r, answers *an, size_t prev, size_t ci, int *problems)
{
	if (!an->A || prev == (size_t)-1)
		return;
	const lesson_cell *ex = lesson_cell_at(r->L, prev);
	for (size_t k = 0; k < lesson_ncells(an->A); k++) {
		const lesson_cell *a = lesson_cell_at(an->A, k);
		int want = answer_for(a, ex);
		if (want < 0)
			continue;
		an->used[k] = 1;
		an->tried++;
		strbuf why = STRBUF_INIT;
		int v = judge(r, prev, ci, a->source, a->source_len, &why);
		if (want && v != 1)
			problem(problems, lesson_name(an->A), a->marker_line, "a right answer fails its check",
			        sb_str(&why));
		else if (!want && v == 1)
			problem(problems, lesson_name(an->A), a->marker_line, "a wrong answer passes its check",
			        a->title);
		sb_free(&why);
	}
}

/*
** A line of a prose cell without its `-- ` prefix is read as prose here,
** but Jupytext and Lua read it as code: reported with its line.
*/
static void bare_prose(run *r, int *problems)
{
	strbuf text = STRBUF_INIT;
	if (lesson_write(r->L, &text) != LESSON_OK || text.failed) {
		sb_free(&text);
		return;
	}
	const char *s = sb_str(&text), *end = s + text.len;
	int line = 1;
	size_t ci = 0;
	for (; s < end; line++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		while (ci < lesson_ncells(r->L) && lesson_cell_at(r->L, ci)->last_line < line)
			ci++;
		const lesson_cell *c = lesson_cell_at(r->L, ci);
		int blank = n == 0 || (n == 1 && s[0] == '\r');
		if (c && c->kind == LESSON_MARKDOWN && line >= c->first_line && !blank &&
		    (n < 2 || s[0] != '-' || s[1] != '-'))
			problem(problems, lesson_name(r->L), line,
			        "a prose line without its `-- ` prefix (Lua and Jupytext read it as code)",
			        NULL);
		s = nl ? nl + 1 : end;
	}
	sb_free(&text);
}

/* An exercise cell whose check is in none of the next code cells' outputs. */
static void exercise_without_check(run *r, size_t i, int *problems)
{
	const lesson_cell *c = lesson_cell_at(r->L, i), *nx = NULL;
	for (size_t j = i + 1; j < lesson_ncells(r->L) && !nx; j++)
		if (lesson_cell_at(r->L, j)->kind == LESSON_CODE)
			nx = lesson_cell_at(r->L, j);
	if (!nx || !nx->source || !strstr(nx->source, "check"))
		problem(problems, lesson_name(r->L), c->marker_line, "an exercise without a check",
		        c->title);
}

/* Runs code cell i and judges its checks; returns how many checks it gave. */
static size_t check_cell(run *r, answers *an, size_t i, size_t prev, int *problems)
{
	const lesson_cell *c = lesson_cell_at(r->L, i);
	const char *name = lesson_name(r->L);
	blocklist bl = BLOCKLIST_INIT;
	if (transcript__run_cell(r, c->source, c->source_len, c->first_line, &bl) == KL_ERROR)
		problem(problems, name, c->first_line ? c->first_line : c->marker_line,
		        "cell fails", first_error(&bl));
	size_t checks = 0;
	for (size_t j = 0; j < bl.n; j++) {
		const block *b = bl.items[j];
		if (b->kind != BLOCK_CHECK)
			continue;
		if (b->passed)
			problem(problems, name, c->first_line,
			        "the check passes before the student has done anything", b->text.s);
		int sols = checks++ ? 1 : solution_cells(r, prev, i, problems);
		if (b->extra.len && prev != (size_t)-1)
			check_solution(r, prev, i, b->extra.s, b->extra.len, problems);
		else if (!b->extra.len && !sols)
			problem(problems, name, c->first_line, "a check without a solution", b->text.s);
	}
	if (checks)
		try_answers(r, an, prev, i, problems);
	else if (is_exercise_title(c->title))
		exercise_without_check(r, i, problems);   /* the check may sit in the next code cell */
	blocklist_clear(&bl);
	return checks;
}

/* Loads the --answers file; returns 0, or 2 after a message. */
static int load_answers(const char *path, answers *an)
{
	char err[512];
	memset(an, 0, sizeof *an);
	if (!path)
		return 0;
	if (lesson_load(path, &an->A, err, sizeof err) != LESSON_OK) {
		fprintf(stderr, "nnbook: %s\n", err);
		return 2;
	}
	an->used = calloc(lesson_ncells(an->A) + 1, 1);
	return an->used ? 0 : (fprintf(stderr, "nnbook: out of memory\n"), 2);
}

/* Answers that named no exercise of the lesson are problems too. */
static void answers_end(answers *an, int *problems)
{
	for (size_t k = 0; an->A && k < lesson_ncells(an->A); k++) {
		const lesson_cell *a = lesson_cell_at(an->A, k);
		if (!an->used[k] && a->kind == LESSON_CODE && a->marker_line)
			problem(problems, lesson_name(an->A), a->marker_line,
			        "an answer for no exercise of the lesson (title: \"Exercise N right|wrong ...\")",
			        a->title);
	}
	if (an->A)
		fprintf(stderr, "%s: %zu answers tried\n", lesson_name(an->A), an->tried);
	lesson_free(an->A);
	free(an->used);
}

/*
** The header and titles as Jupyter sees them.  A title: the header's, or
** the one Jupytext keeps in the `jupyter:` block; a notebook (or a lesson
** Jupytext wrote from one: it has that block) may instead open with a
** heading, the title Jupyter shows.  Header values YAML reads as nnbook
** does (or Jupytext cannot convert the lesson), and cell titles without
** '=' or '{' (Jupytext reads `key=value` pairs, or a JSON object after a
** '{', as the cell's metadata there, and cuts the title before them).
*/
static void check_header(const lesson *L, int *problems)
{
	const char *name = lesson_name(L), *why;
	const lesson_cell *first = lesson_cell_at(L, 0);
	int heading = first->kind == LESSON_MARKDOWN && first->source_len && first->source[0] == '#';
	int notebook = ipynb_is_notebook(name) || lesson_meta(L, "jupyter");
	if (!lesson_header_title(L) && !(notebook && heading))
		problem(problems, name, 0, "no title: add a `-- title: ...` line to the header", NULL);
	int line;
	for (size_t i = 0; (why = lesson_header_problem(L, i, &line)); i++)
		problem(problems, name, line, "a header value that is not valid YAML", why);
	for (size_t i = 0; i < lesson_ncells(L); i++) {
		const lesson_cell *c = lesson_cell_at(L, i);
		size_t cut = c->title ? strcspn(c->title, "={") : 0;
		if (c->title && c->title[cut] == '=')
			problem(problems, name, c->marker_line, "a title Jupyter would cut at its '=' "
			        "(Jupytext reads key=value there as cell metadata): reword it", c->title);
		else if (c->title && c->title[cut] == '{')
			problem(problems, name, c->marker_line, "a title Jupyter would cut at its '{' "
			        "(Jupytext reads {...} there as cell metadata): reword it", c->title);
	}
}

int transcript_check(const char *path, const transcript_opts *o)
{
	run r;
	answers an;
	if (load_answers(o->answers, &an) != 0)
		return 2;
	int rc = transcript__setup(&r, path, o);
	if (rc) {
		answers_end(&an, &(int){0});
		return rc;
	}
	signal(SIGINT, transcript__on_sigint);
	const char *name = lesson_name(r.L);
	int problems = 0;
	size_t ncode = 0, nchecks = 0, prev_code = (size_t)-1;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check_header(r.L, &problems);
	bare_prose(&r, &problems);
	for (size_t i = 0; i < lesson_ncells(r.L); i++) {
		const lesson_cell *c = lesson_cell_at(r.L, i);
		if (c->kind != LESSON_CODE || transcript__is_help(c))
			continue;
		ncode++;
		nchecks += check_cell(&r, &an, i, prev_code, &problems);
		prev_code = i;
	}
	answers_end(&an, &problems);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	size_t ncells = lesson_ncells(r.L);
	fprintf(stderr, "%s: %zu cell%s (%zu code, %zu check%s), ran in %.2f s: %s\n", name,
	        ncells, ncells == 1 ? "" : "s", ncode, nchecks, nchecks == 1 ? "" : "s", secs,
	        problems ? "problems found" : "ok");
	transcript__teardown(&r);
	return problems ? 1 : 0;
}
