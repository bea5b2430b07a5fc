/*
** browser.c — the lesson browser: the bundled lessons and the user's own.
**
** Bundled lessons come from the folder next to the program when it runs
** from the source tree (build/nnbook -> lessons/), else from the installed
** data folder.  Where the student has saved a copy of a bundled lesson
** (store.h puts it in the data folder, since bundled files are never
** written), the copy is listed in its place, marked.  D resets such a
** lesson to its original after asking, but deletes nothing: the copy is
** kept as a numbered backup, the entry says "backup (U)", and U brings the
** most recent backup back (asking first when that would put a newer copy
** aside, which then becomes a backup in turn).
*/
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lesson.h"
#include "screen_int.h"
#include "utf8.h"
#include "vec.h"

/* An entry of the lesson browser. */
typedef struct entry {
	char *path;      /* what Enter opens: the user's copy when there is one */
	char *orig;      /* the bundled original, or NULL for the user's own lessons */
	char *title;
	char *source;    /* the lesson's `source:` line, or "" */
	int user_copy;   /* path is the user's copy of orig */
	size_t ncells, last_cell, nchecks, passed;
	int has_progress;
	int has_backup;  /* a reset kept a backup of this lesson's copy (U brings it back) */
} entry;

typedef struct browser {
	screen base;
	entry *entries;
	size_t n, cap;
	size_t sel, top;     /* the selected entry, the first one shown */
	int rescan;          /* a lesson was opened: look again when it closes */
} browser;

/* The browser's questions on the bottom line. */
enum { Q_RESET, Q_BRING_BACK };

static int is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/*
** Finds the bundled lessons' folder into buf (its real path); returns 0, or
** -1 when there is none.  NNBOOK_LESSONS overrides it (tests, teachers),
** except in restricted mode, where the environment chooses nothing.
*/
static int lessons_dir(int restricted, char *buf, size_t size)
{
	char exe[PATH_MAX], cand[PATH_MAX + 32];
	const char *env = getenv("NNBOOK_LESSONS");
	if (env && *env && !restricted)
		return realpath(env, buf) && size >= PATH_MAX ? 0 : -1;
	if (realpath("/proc/self/exe", exe)) {
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			static const char *const rel[] = {"/../lessons", "/../../lessons"};
			for (size_t i = 0; i < 2; i++) {
				snprintf(cand, sizeof cand, "%s%s", exe, rel[i]);
				if (is_dir(cand) && size >= PATH_MAX && realpath(cand, buf))
					return 0;
			}
		}
	}
	if (is_dir(NNBOOK_DATADIR "/lessons") && size >= PATH_MAX &&
	    realpath(NNBOOK_DATADIR "/lessons", buf))
		return 0;
	return -1;
}

int browser_is_bundled(const app *a, const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX];
	if (lessons_dir(app_options(a)->restricted, dir, sizeof dir) != 0 || !realpath(path, real))
		return 0;
	size_t n = strlen(dir);
	return strncmp(real, dir, n) == 0 && real[n] == '/';
}

static void free_entry(entry *e)
{
	free(e->path);
	free(e->orig);
	free(e->title);
	free(e->source);
}

static void free_entries(browser *br)
{
	for (size_t i = 0; i < br->n; i++)
		free_entry(&br->entries[i]);
	br->n = 0;
}

/* Counts the exercise checks a lesson has (code cells that call check). */
static size_t count_checks(const lesson *L)
{
	size_t n = 0;
	for (size_t i = 0; i < lesson_ncells(L); i++) {
		const lesson_cell *c = lesson_cell_at(L, i);
		for (size_t k = 0; c->kind == LESSON_CODE && k + 6 <= c->source_len; k++)
			if (memcmp(c->source + k, "check", 5) == 0 &&
			    (c->source[k + 5] == '{' || c->source[k + 5] == '(') &&
			    (k == 0 || c->source[k - 1] == '\n' || c->source[k - 1] == ' ')) {
				n++;
				break;
			}
	}
	return n;
}

/* Fills in what the progress file says about the lesson at path. */
static void entry_progress(browser *br, entry *e, const char *path)
{
	strbuf name = STRBUF_INIT;
	if (store_lesson_name(path, &name) == STORE_OK && name.len) {
		store_progress p;
		memset(&p, 0, sizeof p);
		if (store_progress_load(app_store(br->base.app), name.s, &p) == STORE_OK) {
			e->has_progress = 1;
			e->last_cell = p.cell;
			e->passed = p.npassed;
		}
		store_progress_clear(&p);
	}
	sb_free(&name);
}

/* Adds an entry for the lesson at path (skipped when it does not parse). */
static void add_entry(browser *br, const char *path, const char *orig, int copy)
{
	lesson *L;
	char title[256];
	store *st = app_store(br->base.app);
	/* restricted mode opens no symlink: it could lead out of the lesson
	** folders; and a Lua file without a header or cells is a module a
	** lesson requires, not a lesson */
	int flags = app_options(br->base.app)->restricted ? LESSON_NOFOLLOW : 0;
	if (lesson_load_flags(path, flags, &L, NULL, 0) != LESSON_OK)
		return;
	if (!lesson_is_lesson(L) ||
	    vec_grow(&br->entries, &br->cap, br->n + 1, sizeof *br->entries, VEC_PLAIN) != 0) {
		lesson_free(L);
		return;
	}
	entry *e = &br->entries[br->n];
	memset(e, 0, sizeof *e);
	const char *src = lesson_meta(L, "source");
	e->path = strdup(path);
	e->orig = orig ? strdup(orig) : NULL;
	e->title = strdup(lesson_title(L, title, sizeof title));
	e->source = strdup(src ? src : "");
	e->user_copy = copy;
	e->ncells = lesson_ncells(L);
	e->nchecks = count_checks(L);
	e->has_backup = store_backup_find(st, path, NULL) == STORE_OK;
	lesson_free(L);
	if (!e->path || !e->title || !e->source || (orig && !e->orig)) {
		free_entry(e);
		return;
	}
	entry_progress(br, e, path);
	br->n++;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns the sorted *.lua file names of dir (NULL-terminated; free each and the array). */
static char **lua_files(const char *dir)
{
	DIR *d = opendir(dir);
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".lua") != 0)
			continue;
		if (vec_grow(&v, &cap, n + 2, sizeof *v, VEC_PLAIN) != 0)
			break;
		if ((v[n] = strdup(de->d_name)))
			n++;
		v[n] = NULL;
	}
	closedir(d);
	if (v)
		qsort(v, n, sizeof *v, by_name);
	return v;
}

static void free_files(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	vec_free(v, VEC_PLAIN);
}

/* Lists the bundled lessons (the user's copy in place of an original); crosses those off mine. */
static void scan_bundled(browser *br, const char *dir, char **mine)
{
	char path[PATH_MAX * 2];
	char **v = lua_files(dir);
	for (size_t i = 0; v && v[i]; i++) {
		strbuf copy = STRBUF_INIT;
		snprintf(path, sizeof path, "%s/%s", dir, v[i]);
		if (store_user_copy(app_store(br->base.app), path, &copy) == STORE_OK && copy.len) {
			add_entry(br, copy.s, path, 1);
			/* listed here: not again among the user's own */
			for (size_t k = 0; mine && mine[k]; k++)
				if (strcmp(mine[k], v[i]) == 0)
					mine[k][0] = '\0';
		} else {
			add_entry(br, path, NULL, 0);
		}
		sb_free(&copy);
	}
	free_files(v);
}

/* Finds the lessons to list: the bundled ones, then the user's own. */
static void scan(browser *br)
{
	char dir[PATH_MAX], path[PATH_MAX * 2], user[PATH_MAX + 16];
	store *st = app_store(br->base.app);
	free_entries(br);
	snprintf(user, sizeof user, "%s/lessons", store_data_dir(st));
	char **mine = *store_data_dir(st) ? lua_files(user) : NULL;
	if (lessons_dir(app_options(br->base.app)->restricted, dir, sizeof dir) == 0)
		scan_bundled(br, dir, mine);
	for (size_t k = 0; mine && mine[k]; k++)
		if (mine[k][0]) {
			snprintf(path, sizeof path, "%s/%s", user, mine[k]);
			add_entry(br, path, NULL, 1);
		}
	free_files(mine);
	if (br->sel >= br->n)
		br->sel = br->n ? br->n - 1 : 0;
	app_dirty(br->base.app);
}

/* Enter: opens the selected lesson in a notebook over the browser. */
static void open_selected(browser *br)
{
	char err[512];
	app *a = br->base.app;
	if (br->sel >= br->n)
		return;
	const entry *e = &br->entries[br->sel];
	screen *nb = notebook_new(a, e->path, e->user_copy ? e->orig : NULL, err, sizeof err);
	if (!nb) {
		app_message(a, 1, "%s", err);
		return;
	}
	br->rescan = 1;
	app_push(a, nb);
}

/* Returns the selected entry, or NULL when there is none. */
static entry *selected(browser *br)
{
	return br->sel < br->n ? &br->entries[br->sel] : NULL;
}

/*
** Runs op (a reset or a restore of path) under the lock a notebook on
** entry e would take, so it never pulls a copy from under another nnbook
** that has the lesson open.  Returns op's STORE_* status, or -1 with a
** message when the lesson is open elsewhere.
*/
static int locked(browser *br, const entry *e, int (*op)(store *, const char *, strbuf *),
                  const char *path, strbuf *out)
{
	app *a = br->base.app;
	int flags = browser_is_bundled(a, e->path) ? STORE_BUNDLED : 0;
	store_lock *lk = NULL;
	if (store_lock_take(app_store(a), e->path, flags, &lk) == STORE_EBUSY) {
		app_message(a, 1, "This lesson is open in another nnbook: close it there first");
		return -1;
	}
	int rc = op(app_store(a), path, out);
	store_lock_release(lk);
	return rc;
}

/* The last component of path (for messages that must fit a line). */
static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/*
** D: resets the selected lesson to its original, keeping the user's copy
** as a backup (store_reset_copy).  confirmed 0 asks first on the bottom
** line; the answer comes back with 1.
*/
static void reset(browser *br, const entry *e, int confirmed)
{
	app *a = br->base.app;
	if (!e->user_copy || !e->orig) {
		app_message(a, 0, "This is not a copy of a bundled lesson: nothing to reset");
	} else if (!confirmed) {
		app_ask(a, &br->base, Q_RESET,
		        "Reset to the original? Your copy is kept as a backup (U brings it back) y/n ", 0);
	} else {
		strbuf bak = STRBUF_INIT;
		int rc = locked(br, e, store_reset_copy, e->orig, &bak);
		if (rc > 0)
			app_message(a, 1, "Nothing was reset: %s", store_error(app_store(a)));
		else if (rc == STORE_OK)
			app_message(a, 0, "Reset. Your copy is kept as %s (U brings it back)",
			            base_name(sb_str(&bak)));
		sb_free(&bak);
		if (rc >= 0)
			scan(br);
	}
}

/*
** U: brings back the selected lesson's most recent backup
** (store_restore_copy).  Asks first (confirmed 0) only when a newer copy
** is there, which then becomes a backup in turn.
*/
static void bring_back(browser *br, const entry *e, int confirmed)
{
	app *a = br->base.app;
	if (!e->has_backup) {
		app_message(a, 0, "No backup of this lesson: D keeps one when it resets your copy");
	} else if (e->user_copy && !confirmed) {
		app_ask(a, &br->base, Q_BRING_BACK,
		        "Bring back your backup? The copy you have now is kept as a backup y/n ", 0);
	} else {
		strbuf kept = STRBUF_INIT;
		int rc = locked(br, e, store_restore_copy, e->orig ? e->orig : e->path, &kept);
		if (rc > 0)
			app_message(a, 1, "Nothing was brought back: %s", store_error(app_store(a)));
		else if (rc == STORE_OK && kept.len)
			app_message(a, 0, "Your backup is back; the copy you had is kept as %s",
			            base_name(kept.s));
		else if (rc == STORE_OK)
			app_message(a, 0, "Your backup is back as your copy: Enter opens it");
		sb_free(&kept);
		if (rc >= 0)
			scan(br);
	}
}

/* Writes the right-hand words of entry e ("your copy  cell 3/12  ✓ 1/2") into buf. */
static void entry_state(const browser *br, const entry *e, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	if (e->user_copy)
		n += (size_t)snprintf(buf + n, size - n, "%s  ", e->orig ? "your copy" : "yours");
	if (e->has_backup)
		n += (size_t)snprintf(buf + n, size - n, "backup (U)  ");
	if (e->has_progress)
		n += (size_t)snprintf(buf + n, size - n, "cell %zu/%zu", e->last_cell + 1, e->ncells);
	else
		n += (size_t)snprintf(buf + n, size - n, "%zu cells", e->ncells);
	if (e->nchecks && n < size)
		snprintf(buf + n, size - n, "  %s %zu/%zu", app_utf8(br->base.app) ? "\xe2\x9c\x93" : "ok",
		         e->passed, e->nchecks);
}

/* Draws entry i on rows y and y + 1. */
static void draw_entry(browser *br, grid *g, size_t i, int y)
{
	const entry *e = &br->entries[i];
	int sel = i == br->sel, cols = app_cols(br->base.app), utf8 = app_utf8(br->base.app);
	char num[32], right[96];
	st_style mut = st_mk(ST_MUTED, ST_DEFAULT, 0), ok = st_mk(ST_OK, ST_DEFAULT, 0);
	st_style row = GRID_ATTR(sel ? ST_REVERSE : 0);
	entry_state(br, e, right, sizeof right);
	snprintf(num, sizeof num, "%2zu. ", i + 1);
	grid_fill(g, y, 0, cols, row);
	int rw = (int)utf8_width(right, strlen(right)) + 1;
	/* the selection is marked by a glyph too, not by reverse video alone */
	grid_puts(g, y, 0, sel ? (utf8 ? "\xe2\x96\xb8" : ">") : " ", 1,
	          GRID_ATTR(sel ? ST_REVERSE | ST_BOLD : 0));
	int x = grid_puts(g, y, 1, num, cols - 1, row) + 1;
	grid_puts(g, y, x, e->title, cols - x - rw - 1, GRID_ATTR(sel ? ST_REVERSE | ST_BOLD : ST_BOLD));
	if (rw < cols - x - 10)
		grid_puts(g, y, cols - rw, right, rw, sel ? row : e->passed ? ok : mut);
	if (*e->source)
		grid_puts(g, y + 1, x, e->source, cols - x, mut);
}

static void op_draw(screen *s, grid *g)
{
	browser *br = (browser *)s;
	int vr = app_view_rows(s->app), cols = app_cols(s->app);
	grid_puts(g, 0, 1, "Lessons", cols - 1, st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
	if (br->n == 0) {
		grid_puts(g, 2, 1, "No lessons found.", cols - 1, GRID_PLAIN);
		grid_puts(g, 3, 1, "Open one with: nnbook LESSON.lua", cols - 1,
		          st_mk(ST_MUTED, ST_DEFAULT, 0));
		return;
	}
	/* two rows per lesson; keep the selection in view */
	size_t per = (size_t)(vr - 2) / 2;
	if (per < 1)
		per = 1;
	if (br->sel < br->top)
		br->top = br->sel;
	if (br->sel >= br->top + per)
		br->top = br->sel - per + 1;
	for (size_t k = 0; k < per && br->top + k < br->n; k++)
		draw_entry(br, g, br->top + k, 2 + (int)k * 2);
}

static void op_status(screen *s, app_status *st)
{
	snprintf(st->title, sizeof st->title, "nnbook: lessons");
	app_status_add(st, APP_PRIO_STATE, "%zu lessons", ((browser *)s)->n);
}

static void op_request(screen *s, enum ui_req req)
{
	browser *br = (browser *)s;
	switch (req) {
	case REQ_NEXT: if (br->sel + 1 < br->n) br->sel++; break;
	case REQ_PREV: if (br->sel) br->sel--; break;
	case REQ_FIRST: br->sel = 0; break;
	case REQ_LAST: br->sel = br->n ? br->n - 1 : 0; break;
	case REQ_OPEN: open_selected(br); break;
	case REQ_RESET: if (selected(br)) reset(br, selected(br), 0); break;
	case REQ_BRING_BACK: if (selected(br)) bring_back(br, selected(br), 0); break;
	case REQ_QUIT: app_quit(s->app); break;
	default: break;
	}
}

static void op_answer(screen *s, int q, int yes, const char *text)
{
	browser *br = (browser *)s;
	const entry *e = selected(br);
	(void)text;
	if (yes && e && q == Q_RESET)
		reset(br, e, 1);
	else if (yes && e && q == Q_BRING_BACK)
		bring_back(br, e, 1);
}

static void op_resume(screen *s)
{
	browser *br = (browser *)s;
	if (br->rescan)
		scan(br);   /* progress, a new copy: the lesson just closed may have changed */
	br->rescan = 0;
}

static void op_close(screen *s)
{
	browser *br = (browser *)s;
	free_entries(br);
	vec_free(br->entries, VEC_PLAIN);
	free(br);
}

static const screen_ops browser_ops = {
	.name = "browser", .keymap = KM_BROWSER,
	.draw = op_draw, .status = op_status, .request = op_request, .resume = op_resume,
	.answer = op_answer, .close = op_close,
};

screen *browser_new(app *a)
{
	browser *br = screen_alloc(a, &browser_ops, sizeof *br);
	if (!br)
		return NULL;
	scan(br);
	return &br->base;
}
