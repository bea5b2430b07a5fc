/*
** classroom.c — the class in the interface (docs/classroom.md): the
** teacher's dashboard screen, and what every member's session does for
** the class — publish where it is, and hear where the teacher is.
**
** The dashboard is the class's status files (src/class/board.c makes its
** rows), re-read when inotify says a file changed: no timer runs while
** nothing happens, except one redraw a minute so "last activity" ages.
** Enter shows one student's current cell and last error, read-only;
** nothing else of theirs is ever opened.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app_int.h"
#include "notebook_int.h"
#include "class.h"

typedef struct dashboard {
	screen base;
	class_board b;
	size_t sel, top;
	int detail;          /* showing the selected student's cell */
	long dtop;           /* first line of the detail */
	char dir[512];       /* the status folder */
	int loaded;
	time_t minute;       /* the minute last drawn, for "last activity" */
	time_t checked;      /* when the rows' liveness was last looked at */
	unsigned long alive; /* ... and what it was (alive_sum) */
} dashboard;

enum { Q_FILTER };

static const char *const sort_names[BOARD_SORTS] = {"name", "lesson", "activity", "state"};

static void reload(dashboard *d)
{
	if (class_board_load(&d->b, d->dir) == 0)
		d->loaded = 1;
	if (d->sel >= d->b.nshown)
		d->sel = d->b.nshown ? d->b.nshown - 1 : 0;
	app_dirty(d->base.app);
}

static const class_status *selected(const dashboard *d)
{
	return d->sel < d->b.nshown ? &d->b.s[d->b.order[d->sel]] : NULL;
}

/* Draws the totals per exercise (t: class_board_totals' lines) from row y. */
static void draw_totals(const strbuf *t, grid *g, int y, int rows, int cols)
{
	if (t->len && y < rows)
		grid_puts(g, y++, 1, "Exercises", cols - 1, st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
	for (const char *l = sb_str(t); *l && y < rows; y++) {
		size_t n = strcspn(l, "\n");
		char line[256];
		snprintf(line, sizeof line, "%.*s", (int)(n < 255 ? n : 255), l);
		grid_puts(g, y, 1, line, cols - 1, GRID_PLAIN);
		l += n + (l[n] == '\n');
	}
}

static void draw_list(dashboard *d, grid *g, int rows, int cols)
{
	char head[160];
	snprintf(head, sizeof head, "%-12s %-22s %7s %-11s %-8s %s", "student", "lesson", "cell",
	         "state", "passed", "active");
	grid_puts(g, 0, 1, head, cols - 1, st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
	if (!d->b.nshown) {
		grid_puts(g, 2, 1, d->b.filter[0] ? "No student matches the filter (/ changes it)."
		                                   : "No student has opened nnbook yet.",
		          cols - 1, st_mk(ST_MUTED, ST_DEFAULT, 0));
		return;
	}
	/* the rows take what the totals leave, at least half the screen */
	strbuf t = STRBUF_INIT;
	class_board_totals(&d->b, &t);
	size_t ntot = 0;
	for (size_t i = 0; i < t.len; i++)
		ntot += t.s[i] == '\n';
	size_t per = (size_t)(rows - 1);
	if (ntot && per > (size_t)rows / 2)
		per = per - (ntot + 2 < per / 2 ? ntot + 2 : per / 2);
	if (per < 1)
		per = 1;
	if (d->sel < d->top)
		d->top = d->sel;
	if (d->sel >= d->top + per)
		d->top = d->sel - per + 1;
	time_t now = time(NULL);
	strbuf row = STRBUF_INIT;
	size_t k = 0;
	for (; k < per && d->top + k < d->b.nshown; k++) {
		sb_clear(&row);
		class_board_row(&d->b, d->top + k, now, &row);
		const class_status *s = &d->b.s[d->b.order[d->top + k]];
		const char *st = class_board_state(s);
		st_style look = strcmp(st, "error") == 0 ? st_mk(ST_ERROR, ST_DEFAULT, 0)
		              : strcmp(st, "gone") == 0 || strcmp(st, "left") == 0 ? st_mk(ST_MUTED, ST_DEFAULT, 0)
		              : GRID_PLAIN;
		if (d->top + k == d->sel)
			look.attr |= ST_REVERSE;
		grid_puts(g, 1 + (int)k, 1, sb_str(&row), cols - 1, look);
	}
	sb_free(&row);
	draw_totals(&t, g, 2 + (int)k, rows, cols);
	sb_free(&t);
}

/* One student's cell, read-only: where they are, their last error, the code. */
static void draw_detail(dashboard *d, grid *g, int rows, int cols)
{
	const class_status *s = selected(d);
	if (!s) {
		d->detail = 0;
		return;
	}
	st_text t = ST_TEXT_INIT;
	char line[512];
	snprintf(line, sizeof line, "%s — %s, cell %u of %u, %s", s->name,
	         s->title[0] ? s->title : s->lesson, s->cell, s->ncells, class_board_state(s));
	st_addtext(&t, line, strlen(line), (size_t)cols - 2, 0, st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
	if (s->error[0]) {
		snprintf(line, sizeof line, "last error: %s", s->error);
		st_addtext(&t, line, strlen(line), (size_t)cols - 2, 2, st_mk(ST_ERROR, ST_DEFAULT, 0));
	}
	st_addtext(&t, "", 0, (size_t)cols - 2, 0, GRID_PLAIN);
	const strbuf *c = &s->code;
	st_addtext(&t, c->len ? c->s : "(no code in this cell)", c->len ? c->len : 22,
	           (size_t)cols - 2, 2, st_mk(c->len ? ST_CODE : ST_MUTED, ST_DEFAULT, 0));
	if (d->dtop > (long)t.n - rows)
		d->dtop = (long)t.n - rows;
	if (d->dtop < 0)
		d->dtop = 0;
	for (int r = 0; r < rows && (size_t)(d->dtop + r) < t.n; r++)
		grid_line(g, r, 1, &t.lines[d->dtop + r], (size_t)cols - 1);
	st_free(&t);
}

static void op_draw(screen *s, grid *g)
{
	dashboard *d = (dashboard *)s;
	int rows = app_view_rows(s->app), cols = app_cols(s->app);
	if (!d->loaded)
		reload(d);
	if (d->detail)
		draw_detail(d, g, rows, cols);
	if (!d->detail)
		draw_list(d, g, rows, cols);
}

static void op_status(screen *s, app_status *st)
{
	dashboard *d = (dashboard *)s;
	snprintf(st->title, sizeof st->title, "nnbook: the class");
	if (d->b.filter[0])
		app_status_add(st, APP_PRIO_MODE, "/%s", d->b.filter);
	app_status_add(st, APP_PRIO_WHERE, "by %s", sort_names[d->b.sort]);
	app_status_add(st, APP_PRIO_STATE, "%zu students", d->b.nshown);
	if (app_class_fd(s->app) < 0)
		app_status_add(st, APP_PRIO_EXTRA, "no inotify: re-read each second");
}

static void op_request(screen *s, enum ui_req req)
{
	dashboard *d = (dashboard *)s;
	size_t n = d->b.nshown;
	long page = app_view_rows(s->app) - 2;
	switch (req) {
	case REQ_NEXT: if (d->detail) d->dtop++; else if (d->sel + 1 < n) d->sel++; break;
	case REQ_PREV: if (d->detail) d->dtop--; else if (d->sel) d->sel--; break;
	case REQ_PGDN: if (d->detail) d->dtop += page; else d->sel = d->sel + (size_t)page < n ? d->sel + (size_t)page : (n ? n - 1 : 0); break;
	case REQ_PGUP: if (d->detail) d->dtop -= page; else d->sel = d->sel > (size_t)page ? d->sel - (size_t)page : 0; break;
	case REQ_FIRST: d->sel = 0, d->dtop = 0; break;
	case REQ_LAST: d->sel = n ? n - 1 : 0; break;
	case REQ_OPEN: d->detail = selected(d) != NULL, d->dtop = 0; break;
	case REQ_SORT:
		d->b.sort = (d->b.sort + 1) % BOARD_SORTS;
		class_board_arrange(&d->b);
		break;
	case REQ_SEARCH: app_prompt(s->app, s, Q_FILTER, "show students matching: "); break;
	case REQ_LESSONS: {
		screen *br = browser_new(s->app);
		if (br)
			app_push(s->app, br);
		break;
	}
	case REQ_BACK: case REQ_QUIT:
		if (d->detail)
			d->detail = 0;
		else if (req == REQ_QUIT)
			app_quit(s->app);
		break;
	default: break;
	}
	app_dirty(s->app);
}

static void op_answer(screen *s, int q, int yes, const char *text)
{
	dashboard *d = (dashboard *)s;
	(void)yes;
	if (q != Q_FILTER || !text)
		return;
	snprintf(d->b.filter, sizeof d->b.filter, "%s", text);
	class_board_arrange(&d->b);
	d->sel = d->top = 0;
}

static void op_class(screen *s, int seen)
{
	if (seen & CLASS_SEEN_STATUS)
		reload((dashboard *)s);
}

/* "last activity" ages: one redraw a minute, nothing faster. */
/*
** Sessions that died without a word show as "gone", and "last activity"
** ages: every few seconds the rows' liveness is looked at (a kill(pid, 0)
** per student, nothing read from disk), and the screen redrawn only when
** it changed or a new minute began.
*/
#define ALIVE_EVERY 5

static double op_wait(const screen *s)
{
	(void)s;
	return ALIVE_EVERY - (double)(time(NULL) % ALIVE_EVERY);
}

/* A number that changes when a row's liveness does. */
static unsigned long alive_sum(const dashboard *d)
{
	unsigned long sum = 0;
	for (size_t i = 0; i < d->b.n; i++)
		sum = sum * 31 + (unsigned long)class_status_alive(&d->b.s[i]);
	return sum;
}

static void op_tick(screen *s, klink_event ev)
{
	(void)ev;
	dashboard *d = (dashboard *)s;
	time_t now = time(NULL);
	if (now / ALIVE_EVERY == d->checked / ALIVE_EVERY)
		return;
	d->checked = now;
	unsigned long alive = alive_sum(d);
	if (now / 60 != d->minute || alive != d->alive)
		app_dirty(d->base.app);
	d->minute = now / 60;
	d->alive = alive;
}

static void op_close(screen *s)
{
	dashboard *d = (dashboard *)s;
	class_board_free(&d->b);
	free(d);
}

static const screen_ops dashboard_ops = {
	.name = "dashboard", .keymap = KM_DASHBOARD,
	.draw = op_draw, .status = op_status, .request = op_request, .answer = op_answer,
	.class_news = op_class, .wait = op_wait, .tick = op_tick, .close = op_close,
};

screen *dashboard_new(app *a)
{
	strbuf dir = STRBUF_INIT;
	if (store_class_folder(app_store(a), "status", &dir) != STORE_OK || dir.len >= 512) {
		sb_free(&dir);
		return NULL;
	}
	dashboard *d = screen_alloc(a, &dashboard_ops, sizeof *d);
	if (d)
		memcpy(d->dir, dir.s, dir.len + 1);
	sb_free(&dir);
	return d ? &d->base : NULL;
}

/* --- every member's session ------------------------------------------------ */

/* What a member's session keeps for the class. */
struct classroom {
	class_watch *w;
	class_status last;      /* the status to publish */
	int pending;            /* last differs from what is on disk */
	double written;         /* when it was last written (app clock) */
	class_follow follow;    /* where the teacher is (follow.cell 0: nowhere yet) */
	strbuf taken;           /* the offered cell the student last took (T) */
	int want_follow;        /* F in a notebook on another lesson: the browser opens the teacher's */
	double polled;          /* without inotify: when the folders were last re-read */
};

/* Status files are written at most this often; a burst of moves ends in one write. */
#define PUBLISH_GAP 0.25

/* Without inotify (128 instances per user by default, one per session: a
** student logging in many times can use them up), re-read this often. */
#define POLL_GAP 1.0

int app_class_open(app *a)
{
	if (!a->opts.member)
		return 0;
	classroom *c = calloc(1, sizeof *c);
	if (!c)
		return -1;
	c->w = class_watch_open(a->st);
	class_follow_load(store_class_dir(a->st), &c->follow);
	a->cls = c;
	return 0;
}

void app_class_close(app *a)
{
	classroom *c = a->cls;
	if (!c)
		return;
	if (c->last.name[0]) {
		snprintf(c->last.state, sizeof c->last.state, "left");
		c->last.when = time(NULL);
		class_status_save(a->st, &c->last);
	}
	/* the teacher leaves: the class stops seeing "follow me" and the offer */
	if (a->opts.teacher && c->follow.pid == (long)getpid()) {
		class_follow gone = {0};
		snprintf(gone.name, sizeof gone.name, "%s", a->opts.member);
		gone.when = time(NULL);
		class_follow_save(a->st, &gone);
	}
	class_watch_close(c->w);
	class_status_free(&c->last);
	class_follow_free(&c->follow);
	sb_free(&c->taken);
	free(c);
	a->cls = NULL;
}

int app_class_member(const app *a)
{
	return a->cls != NULL;
}

int app_class_fd(const app *a)
{
	return a->cls ? class_watch_fd(a->cls->w) : -1;
}

static void flush(app *a)
{
	classroom *c = a->cls;
	c->written = app_now(a);
	c->pending = 0;
	class_status_save(a->st, &c->last);
}

void app_class_turn(app *a)
{
	classroom *c = a->cls;
	if (!c)
		return;
	if (c->pending && app_now(a) - c->written >= PUBLISH_GAP)
		flush(a);
	int seen = class_watch_drain(c->w);
	if (!c->w && app_now(a) - c->polled >= POLL_GAP) {
		seen = CLASS_SEEN_STATUS | CLASS_SEEN_TEACHER;
		c->polled = app_now(a);
	}
	if (!seen)
		return;
	if (seen & CLASS_SEEN_TEACHER) {
		/* a new offer is news: at 80 columns the status bar may have no room for it */
		strbuf was = c->follow.suggest;
		c->follow.suggest = (strbuf)STRBUF_INIT;
		class_follow_load(store_class_dir(a->st), &c->follow);
		if (app_class_teacher(a) && c->follow.suggest.len
		    && strcmp(sb_str(&was), sb_str(&c->follow.suggest)) != 0)
			app_message(a, 0, "The teacher offers a cell: T inserts it below yours");
		sb_free(&was);
		app_dirty(a);
	}
	for (size_t i = 0; i < a->n; i++)
		if (a->stack[i]->ops->class_news)
			a->stack[i]->ops->class_news(a->stack[i], seen);
}

double app_class_wait(const app *a)
{
	const classroom *c = a->cls;
	if (!c || (!c->pending && c->w))
		return -1;
	double w = c->pending ? c->written + PUBLISH_GAP - app_now(a) : POLL_GAP;
	if (!c->w && c->polled + POLL_GAP - app_now(a) < w)
		w = c->polled + POLL_GAP - app_now(a);
	return w > 0 ? w : 0;
}

/* The teacher's session: where it is becomes the class's "follow me". */
static void teach(app *a, const class_status *s)
{
	classroom *c = a->cls;
	if (!a->opts.teacher || !s->lesson[0] || !s->cell
	    || (strcmp(s->lesson, c->follow.lesson) == 0 && s->cell == c->follow.cell
	        && c->follow.pid == (long)getpid()))
		return;
	class_follow f = {0};
	snprintf(f.name, sizeof f.name, "%s", a->opts.member);
	memcpy(f.lesson, s->lesson, sizeof f.lesson);
	memcpy(f.title, s->title, sizeof f.title);
	f.cell = s->cell;
	f.when = s->when;
	f.pid = (long)getpid();
	if (c->follow.pid == f.pid)   /* our offer stays; a past session's does not */
		sb_addn(&f.suggest, sb_str(&c->follow.suggest), c->follow.suggest.len);
	if (class_follow_save(a->st, &f) == STORE_OK) {
		class_follow_free(&c->follow);
		c->follow = f;
	} else {
		class_follow_free(&f);
	}
}

void app_class_publish(app *a, const char *lname, const char *title, unsigned cell,
                       unsigned ncells, const char *state, const char *error,
                       const char *passed, const char *code)
{
	classroom *c = a->cls;
	if (!c)
		return;
	class_status s = {0};
	snprintf(s.name, sizeof s.name, "%s", a->opts.member);
	s.role = a->opts.teacher ? CLASS_TEACHER : CLASS_STUDENT;
	s.pid = (long)getpid();
	s.when = time(NULL);
	snprintf(s.lesson, sizeof s.lesson, "%s", lname ? lname : "");
	snprintf(s.title, sizeof s.title, "%s", title ? title : "");
	s.cell = cell, s.ncells = ncells;
	snprintf(s.state, sizeof s.state, "%s", state ? state : "idle");
	snprintf(s.error, sizeof s.error, "%.*s", (int)strcspn(error ? error : "", "\n"),
	         error ? error : "");
	sb_adds(&s.passed, passed ? passed : "");
	sb_adds(&s.code, code ? code : "");
	if (c->last.name[0] && class_status_same(&s, &c->last)) {
		class_status_free(&s);
		return;
	}
	class_status_free(&c->last);
	c->last = s;
	c->pending = 1;
	if (app_now(a) - c->written >= PUBLISH_GAP)
		flush(a);
	teach(a, &c->last);
}

const class_follow *app_class_teacher(const app *a)
{
	const classroom *c = a->cls;
	if (!c || a->opts.teacher || !c->follow.cell || !c->follow.lesson[0]
	    || !class_follow_alive(&c->follow))
		return NULL;   /* no teacher, or their session has ended (even by a crash) */
	return &c->follow;
}

void app_class_suggest(app *a, const char *code)
{
	classroom *c = a->cls;
	if (!c || !a->opts.teacher)
		return;
	class_follow f = c->follow;
	f.suggest = (strbuf)STRBUF_INIT;
	snprintf(f.name, sizeof f.name, "%s", a->opts.member);
	f.when = time(NULL);
	f.pid = (long)getpid();
	sb_adds(&f.suggest, code ? code : "");
	class_follow_save(a->st, &f);
	class_follow_free(&f);
}

void app_class_status(app *a, app_status *st, const char *lname, unsigned cell)
{
	const class_follow *f = app_class_teacher(a);
	if (!f)
		return;
	char where[64];
	class_follow_where(f, where, sizeof where);
	/* as dear as "cell k/N", and shortened before anything that dear goes:
	** at 80 columns a long title, [+] and "interrupted" leave it room */
	const char *dash = app_utf8(a) ? "\xe2\x80\x94" : "-";
	if (!class_same_lesson(f->lesson, lname ? lname : "") || f->cell != cell) {
		app_status_add(st, APP_PRIO_CELL, "teacher: %s, cell %u %s F follows", where, f->cell, dash);
		app_status_brief(st, "teacher: %s, cell %u %s F", where, f->cell, dash);
	}
	if (f->suggest.len && strcmp(sb_str(&f->suggest), sb_str(&a->cls->taken)) != 0)
		app_status_add(st, APP_PRIO_EXTRA, "T takes their cell");
}

int app_class_take_follow(app *a, char *lname, size_t size, unsigned *cell)
{
	classroom *c = a->cls;
	if (!c || !c->want_follow)
		return 0;
	c->want_follow = 0;
	return app_class_teacher_at(a, lname, size, cell);
}

/* F: the teacher's cell here, or (another lesson) back to the browser, which opens theirs. */
static void follow_teacher(notebook *nb)
{
	app *a = nb->base.app;
	const class_follow *f = app_class_teacher(a);
	if (!f) {
		app_message(a, 0, a->cls ? "The teacher has not opened a lesson yet"
		                         : "F follows the teacher in a class (docs/classroom.md)");
		return;
	}
	if (class_same_lesson(f->lesson, nb->path)) {
		notebook_goto(&nb->base, f->cell);
		return;
	}
	if (nb->modified) {
		app_message(a, 1, "Save first (s): the teacher is in another lesson");
		return;
	}
	a->cls->want_follow = 1;
	app_pop(a);   /* the browser resumes and opens the teacher's lesson */
}

/* T: the cell the teacher offers, inserted below the current one. */
static void take_cell(notebook *nb)
{
	app *a = nb->base.app;
	const class_follow *f = app_class_teacher(a);
	if (!f || !f->suggest.len) {
		app_message(a, 0, "The teacher offers no cell now");
		return;
	}
	size_t n = nb->ncv;
	nb_cell_add(nb, 1);
	if (nb->ncv == n + 1 && nb_cell_set_source(nb, nb->cur, f->suggest.s, f->suggest.len) == 0) {
		sb_clear(&a->cls->taken);
		sb_addn(&a->cls->taken, f->suggest.s, f->suggest.len);
		app_message(a, 0, "The teacher's cell is below yours: Enter runs it, e edits it");
	}
}

/* P: the teacher offers the current code cell to the class. */
static void offer_cell(notebook *nb)
{
	app *a = nb->base.app;
	const lesson_cell *c = nb->ncv ? lesson_cell_at(nb->L, nb->cur) : NULL;
	if (!a->cls || !a->opts.teacher) {
		app_message(a, 1, "Only the class's teacher offers cells (nnbook --teacher)");
		return;
	}
	if (!c || c->kind != LESSON_CODE || !c->source_len) {
		app_message(a, 1, "Offer a code cell: this one has no code");
		return;
	}
	strbuf code = STRBUF_INIT;
	sb_addn(&code, c->source, c->source_len);
	app_class_suggest(a, sb_str(&code));
	sb_free(&code);
	app_message(a, 0, "Offered to the class: students press T to insert it");
}

void nb_class_request(notebook *nb, enum ui_req req)
{
	switch (req) {
	case REQ_FOLLOW_TEACHER: follow_teacher(nb); break;
	case REQ_TAKE_CELL: take_cell(nb); break;
	case REQ_OFFER_CELL: offer_cell(nb); break;
	default: break;
	}
}

int app_class_teacher_at(const app *a, char *lname, size_t size, unsigned *cell)
{
	const class_follow *f = app_class_teacher(a);
	if (!f)
		return 0;
	snprintf(lname, size, "%s", f->lesson);
	*cell = f->cell;
	return 1;
}
