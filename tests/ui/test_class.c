/*
** test_class.c — a class in one process, without a terminal: a teacher's
** app (the dashboard) and two students' apps at 80x24 sharing one
** account's folders.  The dashboard shows what the students do, the
** students see where the teacher is and follow with F, take an offered
** cell with T, and one student's copy is never another's.
*/
#include <sys/resource.h>
#include <sys/wait.h>

#include "class.h"
#include "screen_harness.h"

/* Turns both apps until `who` shows text (1) or seconds pass (0). */
static int both_wait(app *a, app *b, app *who, const char *text, double seconds)
{
	double end = h_clock() + seconds;
	while (!h_has(who, text)) {
		if (h_clock() > end) {
			printf("# waited %.1f s for: %s\n", seconds, text);
			h_show(who);
			return 0;
		}
		app_turn(a, 5);
		app_turn(b, 5);
	}
	return 1;
}

/* A process id that no process has any more. */
static long dead_pid(void)
{
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	waitpid(p, NULL, 0);
	return (long)p;
}

static app *member(const char *name, int teacher, const char *path)
{
	app_opts o;
	app_defaults(&o);
	o.member = name;
	o.teacher = teacher;
	return h_open_opts(24, 80, path, &o);
}

/*
** Every session of the account takes one of its inotify instances (128 by
** default): a teacher who opens the dashboard after a student used them
** up must still see the class move.  Here no descriptor is free while the
** dashboard opens, so its watch cannot be made.
*/
static void no_inotify(void)
{
	struct rlimit was, few;
	int fds[256], n = 0, fd;
	getrlimit(RLIMIT_NOFILE, &was);
	few = was;
	few.rlim_cur = 256;
	setrlimit(RLIMIT_NOFILE, &few);
	while (n < 256 && (fd = dup(0)) >= 0)
		fds[n++] = fd;
	app_opts o;
	app_defaults(&o);
	o.member = "kim";
	o.teacher = 1;
	char err[256] = "";
	app *t = app_new(&o, 24, 80, err, sizeof err);
	while (n > 0)
		close(fds[--n]);
	setrlimit(RLIMIT_NOFILE, &was);
	if (t && app_start(t, NULL, err, sizeof err) != 0) {
		app_free(t);
		t = NULL;
	}
	ok(t != NULL, "a dashboard opens without inotify: %s", err);
	if (!t)
		return;
	ok(h_has(t, "no inotify"), "its status bar says so");
	app *e = member("eve", 0, NULL);
	ok(e && both_wait(e, t, t, "eve          (browser)", 3), "a new student still shows");
	h_keys(e, "j Enter");
	ok(both_wait(e, t, t, "eve          02-gradient-descent", 3), "and their lesson, within seconds");
	app_free(e);
	app_free(t);
}

int main(void)
{
	h_setup();
	app *t = member("prof", 1, NULL);
	app *s = member("ada", 0, NULL);
	if (!t || !s)
		return tap_done();
	ok(h_has(t, "student") && h_has(t, "lesson") && h_has(t, "nnbook: the class"),
	   "--teacher opens the dashboard");
	ok(both_wait(s, t, t, "ada          (browser)", 5), "a student in the browser shows on the dashboard");

	/* the student opens lesson 2 and runs its first code cells */
	h_keys(s, "j Enter");
	ok(both_wait(s, t, s, "cell 1/", 5), "the student opens lesson 2");
	h_keys(s, "j r");
	h_settle(s);
	h_keys(s, "r");
	h_settle(s);
	ok(both_wait(s, t, t, "02-gradient-descent", 5), "the dashboard shows the lesson");
	ok(both_wait(s, t, t, "idle", 5) && h_has(t, "1 students"), "one student, idle");
	h_keys(t, "Enter");
	ok(both_wait(s, t, t, "ada — ", 3) && h_has(t, "cell"), "Enter: the student's cell, read-only");
	h_keys(t, "Escape");
	ok(both_wait(s, t, t, "passed", 3), "Esc: back to the list");

	/* an error shows as the student's state, with its message in the detail */
	h_keys(s, "a");
	h_type(s, "e");
	h_keys(s, "Escape");
	app_key(s, 'e');
	h_type(s, "undefined_fn()");
	h_keys(s, "Escape Enter");
	h_settle(s);
	ok(both_wait(s, t, t, " error ", 5), "a failing cell: the dashboard says error");
	h_keys(t, "Enter");
	ok(both_wait(s, t, t, "last error:", 3) && h_has(t, "undefined_fn()"),
	   "the detail shows the error and the cell's code");
	h_keys(t, "Escape");

	/* the teacher teaches: lesson 2, cell 5 */
	h_keys(t, "l");
	ok(both_wait(s, t, t, "Lessons", 3), "l: the teacher's lessons");
	h_keys(t, "j Enter j j j j j");
	ok(both_wait(t, s, s, "teacher: lesson 2, cell 6 — F follows", 5),
	   "the student's status bar says where the teacher is");
	h_keys(s, "F");
	ok(both_wait(t, s, s, "cell 6/", 3), "F: the student is on the teacher's cell");
	ok(!h_has(s, "F follows"), "and the hint is gone");

	/* the teacher offers a cell; the student takes it.  A student on
	** another cell has no room left for "T takes" at 80 columns: a message says it */
	h_keys(s, "k");
	h_keys(t, "P");
	ok(both_wait(t, s, t, "Offered to the class", 3), "P: the teacher offers the cell");
	ok(both_wait(t, s, s, "The teacher offers a cell: T inserts it", 5),
	   "a student elsewhere hears of the offer");
	h_keys(s, "j");
	ok(both_wait(t, s, s, "T takes their cell", 5), "the student sees the offer");
	h_keys(s, "T");
	ok(h_has(s, "The teacher's cell is below yours") && h_has(s, "cell 7/"),
	   "T inserts it below the student's cell");
	ok(both_wait(t, s, s, "cell 7/", 1) && !h_has(s, "T takes"), "the offer is taken");

	/* the teacher moves to lesson 3: F in lesson 2 opens lesson 3 */
	h_keys(t, "q j Enter j j");
	h_keys(s, "s");
	ok(both_wait(t, s, s, "teacher: lesson 3, cell 3", 5), "the teacher is in lesson 3");
	/* at 80 columns the teacher's place outlasts the title while a cell runs or stops */
	h_keys(s, "a");
	ok(h_has(s, "New code cell"), "a: the student adds a cell to their copy");
	h_type(s, "e");
	h_keys(s, "Escape");
	app_key(s, 'e');
	h_type(s, "while true do end");
	h_keys(s, "Escape Enter");
	ok(both_wait(t, s, s, "running", 5) && h_has(s, "teacher: lesson 3, cell 3"),
	   "a running cell with unsaved edits: the teacher's place still shows");
	h_keys(s, "i i");
	ok(both_wait(t, s, s, "interrupted", 5) && h_has(s, "teacher: lesson 3, cell 3"),
	   "an interrupted cell: the teacher's place still shows");
	h_keys(s, "s");
	h_keys(s, "F");
	ok(both_wait(t, s, s, "cell 3/", 5) && h_has(s, "sigmoid"), "F opens lesson 3 at the teacher's cell");

	h_keys(t, "q q");
	ok(both_wait(s, t, t, "nnbook: the class", 3), "q q: the teacher is back on the dashboard");

	/* another student of the account sees none of ada's work */
	ok(access(h_path("data/nnbook/students/ada/lessons/02-gradient-descent.lua"), F_OK) == 0
	   && access(h_path("data/nnbook/lessons/02-gradient-descent.lua"), F_OK) != 0,
	   "ada's saved copy is in her own folder");
	app *b = member("bob", 0, NULL);
	ok(b && h_has(b, "Lessons") && !h_has(b, "your copy"), "bob's browser shows no copy of ada's");
	ok(both_wait(b, t, t, "2 students", 5), "the dashboard counts two students");
	app_free(b);
	ok(both_wait(s, t, t, "left", 5), "a student who quits is 'left'");

	/* a session killed without a word shows as gone within seconds */
	pid_t zp = fork();
	if (zp == 0) {
		pause();
		_exit(0);
	}
	store *zs = store_new(0);
	class_status z;
	memset(&z, 0, sizeof z);
	snprintf(z.name, sizeof z.name, "zed");
	snprintf(z.state, sizeof z.state, "running");
	z.pid = (long)zp;
	z.when = time(NULL);
	ok(zs && store_set_member(zs, "zed") == STORE_OK && class_status_save(zs, &z) == STORE_OK,
	   "zed's session writes its status");
	ok(both_wait(s, t, t, "running", 5), "zed is running");
	kill(zp, SIGKILL);
	waitpid(zp, NULL, 0);
	ok(both_wait(s, t, t, "gone", 8), "zed killed: gone within a few seconds, no file written");
	class_status_free(&z);
	store_free(zs);

	/* sorting and filtering */
	h_keys(t, "/");
	h_type(t, "ada");
	h_keys(t, "Enter");
	ok(both_wait(s, t, t, "1 students", 3) && h_has(t, "/ada"), "/ filters the students");
	h_keys(t, "s");
	ok(both_wait(s, t, t, "by lesson", 3), "s sorts by lesson");

	/* the teacher quits: the class stops seeing where they were */
	app *c = member("cyd", 0, NULL);
	ok(c && h_has(c, "Lessons"), "cyd opens nnbook");
	h_keys(c, "j Enter");
	ok(both_wait(c, t, c, "teacher: lesson 3, cell 3", 5), "cyd sees where the teacher is");
	app_free(t);
	double end = h_clock() + 5;
	while (h_has(c, "teacher:") && h_clock() < end)
		app_turn(c, 5);
	ok(!h_has(c, "teacher:") && !h_has(c, "T takes"), "the teacher quits: no 'follow me' left");
	h_keys(c, "F");
	ok(h_has(c, "has not opened a lesson"), "and F says so");
	/* the next class, after a teacher's session that crashed with an offer
	** out: the teacher is back, and that offer is not */
	store *st = store_new(0);
	class_follow old = {0};
	snprintf(old.name, sizeof old.name, "prof");
	snprintf(old.lesson, sizeof old.lesson, "02-gradient-descent");
	old.cell = 1;
	old.pid = dead_pid();
	sb_adds(&old.suggest, "print('from last week')\n");
	ok(st && store_set_member(st, "prof") == STORE_OK && class_follow_save(st, &old) == STORE_OK,
	   "a crashed teacher's position and offer are on disk");
	class_follow_free(&old);
	store_free(st);
	t = member("prof", 1, NULL);
	h_keys(t, "l");
	h_keys(t, "j Enter");
	ok(t && both_wait(t, c, t, "cell ", 5), "the teacher opens a lesson again");
	end = h_clock() + 1;
	while (h_clock() < end && !h_has(c, "offers a cell")) {
		app_turn(t, 5);
		app_turn(c, 5);
	}
	ok(!h_has(c, "offers a cell"), "no message of an offer");
	h_keys(c, "F");   /* on the teacher's cell "T takes" has room */
	ok(both_wait(t, c, c, "cell", 1) && !h_has(c, "F follows") && !h_has(c, "T takes"),
	   "no offer from the last session");
	app_free(t);
	app_free(c);
	app_free(s);
	no_inotify();
	return tap_done();
}
