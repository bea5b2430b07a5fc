/*
** board.c — the teacher's dashboard as data: the members' status files
** read into rows, sorted, filtered, formatted, and the class's totals per
** exercise.  The screen (src/ui/dashboard.c) only draws these strings, so
** the tests can check the dashboard without a terminal.
*/
#include <stdlib.h>
#include <string.h>

#include "class.h"
#include "vec.h"

void class_board_free(class_board *b)
{
	for (size_t i = 0; i < b->n; i++)
		class_status_free(&b->s[i]);
	free(b->s);
	free(b->order);
	b->s = NULL, b->order = NULL;
	b->n = b->nshown = 0;
}

const char *class_board_state(const class_status *s)
{
	if (strcmp(s->state, "left") == 0)
		return "left";
	if (!class_status_alive(s))
		return "gone";      /* the session died without saying goodbye */
	return s->state[0] ? s->state : "idle";
}

static const class_board *sorting;   /* qsort has no context argument */

static int by(const void *pa, const void *pb)
{
	const class_status *a = &sorting->s[*(const size_t *)pa], *b = &sorting->s[*(const size_t *)pb];
	int d = 0;
	switch (sorting->sort) {
	case BOARD_BY_LESSON:
		d = strcmp(a->lesson, b->lesson);
		if (!d)
			d = (int)b->cell - (int)a->cell;
		break;
	case BOARD_BY_ACTIVITY: d = (a->when < b->when) - (a->when > b->when); break;
	case BOARD_BY_STATE: d = strcmp(class_board_state(a), class_board_state(b)); break;
	default: break;
	}
	return d ? d : strcmp(a->name, b->name);
}

/* Returns 1 when the filter's text is in the member's name, lesson or state. */
static int matches(const class_board *b, const class_status *s)
{
	const char *f = b->filter;
	return !f[0] || strstr(s->name, f) || strstr(s->lesson, f) || strstr(s->title, f)
	       || strstr(class_board_state(s), f);
}

int class_board_arrange(class_board *b)
{
	size_t cap = 0;
	free(b->order);
	b->order = NULL;
	b->nshown = 0;
	if (b->n && vec_grow(&b->order, &cap, b->n, sizeof *b->order, VEC_PLAIN) != 0)
		return -1;
	for (size_t i = 0; i < b->n; i++)
		if (b->s[i].role == CLASS_STUDENT && matches(b, &b->s[i]))
			b->order[b->nshown++] = i;
	sorting = b;
	if (b->nshown)
		qsort(b->order, b->nshown, sizeof *b->order, by);
	sorting = NULL;
	return 0;
}

int class_board_load(class_board *b, const char *status_dir)
{
	class_status *s = NULL;
	size_t n = 0;
	if (class_status_scan(status_dir, &s, &n) != 0) {
		for (size_t i = 0; i < n; i++)
			class_status_free(&s[i]);
		free(s);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++)
		class_status_free(&b->s[i]);
	free(b->s);
	b->s = s, b->n = n;
	return class_board_arrange(b);
}

/* "12 s", "3 min", "2 h", "5 d": how long ago. */
static void ago(strbuf *out, time_t now, time_t when)
{
	long d = now > when ? (long)(now - when) : 0;
	if (d < 60)
		sb_addf(out, "%ld s", d);
	else if (d < 3600)
		sb_addf(out, "%ld min", d / 60);
	else if (d < 86400)
		sb_addf(out, "%ld h", d / 3600);
	else
		sb_addf(out, "%ld d", d / 86400);
}

/* Counts a member's passed exercises: all, and those with the solution shown. */
static void passes(const class_status *s, unsigned *all, unsigned *shown)
{
	*all = *shown = 0;
	for (const char *l = sb_str(&s->passed); *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0)) {
		(*all)++;
		*shown += l[0] == '*';
	}
}

void class_board_row(const class_board *b, size_t k, time_t now, strbuf *out)
{
	const class_status *s = &b->s[b->order[k]];
	strbuf cell = STRBUF_INIT, when = STRBUF_INIT, pass = STRBUF_INIT;
	if (s->cell)
		sb_addf(&cell, "%u/%u", s->cell, s->ncells);
	else
		sb_adds(&cell, "-");
	ago(&when, now, s->when);
	unsigned all, shown;
	passes(s, &all, &shown);
	sb_addf(&pass, "%u", all);
	if (shown)
		sb_addf(&pass, " (%u*)", shown);
	sb_addf(out, "%-12.12s %-22.22s %7s %-11s %-8s %s", s->name, s->lesson[0] ? s->lesson : "(browser)",
	        sb_str(&cell), class_board_state(s), sb_str(&pass), sb_str(&when));
	sb_free(&cell), sb_free(&when), sb_free(&pass);
}

/* One exercise of one lesson, counted over the members on that lesson. */
typedef struct tally {
	const char *lesson;
	char name[128];
	unsigned passed, shown;
} tally;

static tally *tally_of(tally **t, size_t *n, size_t *cap, const char *lesson, const char *name, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*t)[i].lesson, lesson) == 0 && strlen((*t)[i].name) == len
		    && memcmp((*t)[i].name, name, len) == 0)
			return &(*t)[i];
	if (len >= sizeof (*t)->name || vec_grow(t, cap, *n + 1, sizeof **t, VEC_PLAIN) != 0)
		return NULL;
	tally *x = &(*t)[(*n)++];
	memset(x, 0, sizeof *x);
	x->lesson = lesson;
	memcpy(x->name, name, len);
	return x;
}

/* The number of students of the board on lesson. */
static unsigned on_lesson(const class_board *b, const char *lesson)
{
	unsigned k = 0;
	for (size_t i = 0; i < b->n; i++)
		k += b->s[i].role == CLASS_STUDENT && strcmp(b->s[i].lesson, lesson) == 0;
	return k;
}

static int tally_cmp(const void *pa, const void *pb)
{
	const tally *a = pa, *b = pb;
	int d = strcmp(a->lesson, b->lesson);
	return d ? d : strcmp(a->name, b->name);
}

void class_board_totals(const class_board *b, strbuf *out)
{
	tally *t = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < b->n; i++) {
		const class_status *s = &b->s[i];
		if (s->role != CLASS_STUDENT || !s->lesson[0])
			continue;
		for (const char *l = sb_str(&s->passed); *l; ) {
			size_t len = strcspn(l, "\n");
			int star = l[0] == '*';
			tally *x = tally_of(&t, &n, &cap, s->lesson, l + star, len - (size_t)star);
			if (x)
				x->passed++, x->shown += (unsigned)star;
			l += len + (l[len] == '\n');
		}
	}
	if (n)
		qsort(t, n, sizeof *t, tally_cmp);
	for (size_t i = 0; i < n; i++) {
		sb_addf(out, "%s: %u/%u passed %s", t[i].lesson, t[i].passed, on_lesson(b, t[i].lesson),
		        t[i].name);
		if (t[i].shown)
			sb_addf(out, " (%u with the solution shown)", t[i].shown);
		sb_addc(out, '\n');
	}
	free(t);
}
