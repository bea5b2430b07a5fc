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
#include <curses.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ui.h"
#include "utf8.h"

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
static int lessons_dir(const ui *u, char *buf, size_t size)
{
	char exe[PATH_MAX], cand[PATH_MAX + 32];
	const char *env = getenv("NNBOOK_LESSONS");
	if (env && *env && !u->opts.restricted)
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

int ui_is_bundled(const ui *u, const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX];
	if (lessons_dir(u, dir, sizeof dir) != 0 || !realpath(path, real))
		return 0;
	size_t n = strlen(dir);
	return strncmp(real, dir, n) == 0 && real[n] == '/';
}

static void free_entry(ui_entry *e)
{
	free(e->path);
	free(e->orig);
	free(e->title);
	free(e->source);
}

void ui_browser_free(ui *u)
{
	for (size_t i = 0; i < u->nentries; i++)
		free_entry(&u->entries[i]);
	free(u->entries);
	u->entries = NULL;
	u->nentries = 0;
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

/* Adds an entry for the lesson at path (skipped when it does not parse). */
static void add_entry(ui *u, const char *path, const char *orig, int copy)
{
	lesson *L;
	char title[256];
	strbuf name = STRBUF_INIT;
	/* restricted mode opens no symlink: it could lead out of the lesson
	** folders; and a Lua file without a header or cells is a module a
	** lesson requires, not a lesson */
	if (lesson_load_flags(path, u->opts.restricted ? LESSON_NOFOLLOW : 0, &L, NULL, 0) != LESSON_OK)
		return;
	if (!lesson_is_lesson(L)) {
		lesson_free(L);
		return;
	}
	ui_entry *es = realloc(u->entries, (u->nentries + 1) * sizeof *es);
	if (!es) {
		lesson_free(L);
		return;
	}
	u->entries = es;
	ui_entry *e = &es[u->nentries];
	memset(e, 0, sizeof *e);
	const char *src = lesson_meta(L, "source");
	e->path = strdup(path);
	e->orig = orig ? strdup(orig) : NULL;
	e->title = strdup(lesson_title(L, title, sizeof title));
	e->source = strdup(src ? src : "");
	e->user_copy = copy;
	e->ncells = lesson_ncells(L);
	e->nchecks = count_checks(L);
	e->has_backup = store_backup_find(u->st, path, NULL) == STORE_OK;
	lesson_free(L);
	if (!e->path || !e->title || !e->source || (orig && !e->orig)) {
		free_entry(e);
		return;
	}
	if (store_lesson_name(path, &name) == STORE_OK && name.len) {
		store_progress p;
		memset(&p, 0, sizeof p);
		if (store_progress_load(u->st, name.s, &p) == STORE_OK) {
			e->has_progress = 1;
			e->last_cell = p.cell;
			e->passed = p.npassed;
		}
		store_progress_clear(&p);
	}
	sb_free(&name);
	u->nentries++;
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
	size_t n = 0;
	struct dirent *de;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);
		if (de->d_name[0] == '.' || l < 5 || strcmp(de->d_name + l - 4, ".lua") != 0)
			continue;
		char **nv = realloc(v, (n + 2) * sizeof *nv);
		if (!nv)
			break;
		v = nv;
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
	free(v);
}

int ui_browser_scan(ui *u)
{
	char dir[PATH_MAX], path[PATH_MAX * 2];
	char user[PATH_MAX + 16];
	ui_browser_free(u);
	snprintf(user, sizeof user, "%s/lessons", store_data_dir(u->st));
	char **mine = *store_data_dir(u->st) ? lua_files(user) : NULL;
	if (lessons_dir(u, dir, sizeof dir) == 0) {
		char **v = lua_files(dir);
		for (size_t i = 0; v && v[i]; i++) {
			strbuf copy = STRBUF_INIT;
			snprintf(path, sizeof path, "%s/%s", dir, v[i]);
			if (store_user_copy(u->st, path, &copy) == STORE_OK && copy.len) {
				add_entry(u, copy.s, path, 1);
				/* listed here: not again among the user's own */
				for (size_t k = 0; mine && mine[k]; k++)
					if (strcmp(mine[k], v[i]) == 0)
						mine[k][0] = '\0';
			} else {
				add_entry(u, path, NULL, 0);
			}
			sb_free(&copy);
		}
		free_files(v);
	}
	for (size_t k = 0; mine && mine[k]; k++)
		if (mine[k][0]) {
			snprintf(path, sizeof path, "%s/%s", user, mine[k]);
			add_entry(u, path, NULL, 1);
		}
	free_files(mine);
	if (u->bsel >= u->nentries)
		u->bsel = u->nentries ? u->nentries - 1 : 0;
	u->dirty = 1;
	return 0;
}

void ui_browser_open(ui *u)
{
	char err[512];
	if (u->bsel >= u->nentries)
		return;
	const ui_entry *e = &u->entries[u->bsel];
	if (ui_open(u, e->path, e->user_copy ? e->orig : NULL, err, sizeof err) != 0) {
		ui_message(u, 1, "%s", err);
		return;
	}
	u->from_browser = 1;
	u->screen = SCR_NOTEBOOK;
	ui_invalidate(u);
	ui_after_open(u);
}

/*
** Takes the lock a notebook on entry e would take, so a reset or a restore
** never pulls a copy from under another nnbook that has the lesson open.
** Returns 0 (*lk may stay NULL when locks cannot be had here), or -1 with
** a message when the lesson is open elsewhere.
*/
static int lock_entry(ui *u, const ui_entry *e, store_lock **lk)
{
	int flags = ui_is_bundled(u, e->path) ? STORE_BUNDLED : 0;
	*lk = NULL;
	if (store_lock_take(u->st, e->path, flags, lk) == STORE_EBUSY) {
		ui_message(u, 1, "This lesson is open in another nnbook: close it there first");
		return -1;
	}
	return 0;
}

/* The last component of path (for messages that must fit a line). */
static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

void ui_browser_reset(ui *u, int confirmed)
{
	if (u->bsel >= u->nentries)
		return;
	ui_entry *e = &u->entries[u->bsel];
	store_lock *lk;
	if (!e->user_copy || !e->orig) {
		ui_message(u, 0, "This is not a copy of a bundled lesson: nothing to reset");
		return;
	}
	if (!confirmed) {
		u->prompt = PR_RESET;
		return;
	}
	if (lock_entry(u, e, &lk) != 0)
		return;
	strbuf bak = STRBUF_INIT;
	int rc = store_reset_copy(u->st, e->orig, &bak);
	store_lock_release(lk);
	if (rc != STORE_OK)
		ui_message(u, 1, "Nothing was reset: %s", store_error(u->st));
	else
		ui_message(u, 0, "Reset. Your copy is kept as %s (U brings it back)",
		           base_name(sb_str(&bak)));
	sb_free(&bak);
	ui_browser_scan(u);
}

void ui_browser_bring_back(ui *u, int confirmed)
{
	if (u->bsel >= u->nentries)
		return;
	ui_entry *e = &u->entries[u->bsel];
	store_lock *lk;
	if (!e->has_backup) {
		ui_message(u, 0, "No backup of this lesson: D keeps one when it resets your copy");
		return;
	}
	if (e->user_copy && !confirmed) {
		u->prompt = PR_BRING_BACK;
		return;
	}
	if (lock_entry(u, e, &lk) != 0)
		return;
	strbuf kept = STRBUF_INIT;
	int rc = store_restore_copy(u->st, e->orig ? e->orig : e->path, &kept);
	store_lock_release(lk);
	if (rc != STORE_OK)
		ui_message(u, 1, "Nothing was brought back: %s", store_error(u->st));
	else if (kept.len)
		ui_message(u, 0, "Your backup is back; the copy you had is kept as %s",
		           base_name(kept.s));
	else
		ui_message(u, 0, "Your backup is back as your copy: Enter opens it");
	sb_free(&kept);
	ui_browser_scan(u);
}

void ui_draw_browser(ui *u)
{
	int vr = ui_view_rows(u);
	unsigned long head = ui_attr(u, st_mk(ST_HEADING, ST_DEFAULT, ST_BOLD));
	unsigned long mut = ui_attr(u, st_mk(ST_MUTED, ST_DEFAULT, 0));
	unsigned long ok = ui_attr(u, st_mk(ST_OK, ST_DEFAULT, 0));
	erase();
	ui_puts(u, 0, 1, "Lessons", u->cols - 1, head);
	if (u->nentries == 0) {
		ui_puts(u, 2, 1, "No lessons found.", u->cols - 1, A_NORMAL);
		ui_puts(u, 3, 1, "Open one with: nnbook LESSON.lua", u->cols - 1, mut);
		return;
	}
	/* two rows per lesson; keep the selection in view */
	size_t per = (size_t)(vr - 2) / 2;
	if (per < 1)
		per = 1;
	if (u->bsel < u->btop)
		u->btop = u->bsel;
	if (u->bsel >= u->btop + per)
		u->btop = u->bsel - per + 1;
	for (size_t k = 0; k < per && u->btop + k < u->nentries; k++) {
		size_t i = u->btop + k;
		const ui_entry *e = &u->entries[i];
		int y = 2 + (int)k * 2, sel = i == u->bsel;
		char num[32], right[96];
		size_t nr = 0;
		right[0] = '\0';
		if (e->user_copy)
			nr += (size_t)snprintf(right + nr, sizeof right - nr, "%s  ", e->orig ? "your copy" : "yours");
		if (e->has_backup)
			nr += (size_t)snprintf(right + nr, sizeof right - nr, "backup (U)  ");
		if (e->has_progress)
			nr += (size_t)snprintf(right + nr, sizeof right - nr, "cell %zu/%zu", e->last_cell + 1, e->ncells);
		else
			nr += (size_t)snprintf(right + nr, sizeof right - nr, "%zu cells", e->ncells);
		if (e->nchecks && nr < sizeof right)
			snprintf(right + nr, sizeof right - nr, "  %s %zu/%zu", u->utf8 ? "\xe2\x9c\x93" : "ok",
			         e->passed, e->nchecks);
		snprintf(num, sizeof num, "%2zu. ", i + 1);
		unsigned long a = sel ? A_REVERSE | A_BOLD : A_BOLD;
		move(y, 0);
		attrset(sel ? A_REVERSE : A_NORMAL);
		for (int x = 0; x < u->cols; x++)
			addch(' ');
		attrset(A_NORMAL);
		int rw = (int)utf8_width(right, strlen(right)) + 1;
		/* the selection is marked by a glyph too, not by reverse video alone */
		ui_puts(u, y, 0, sel ? (u->utf8 ? "\xe2\x96\xb8" : ">") : " ", 1, sel ? A_REVERSE | A_BOLD : A_NORMAL);
		int x = ui_puts(u, y, 1, num, u->cols - 1, sel ? A_REVERSE : A_NORMAL) + 1;
		ui_puts(u, y, x, e->title, u->cols - x - rw - 1, a);
		if (rw < u->cols - x - 10)
			ui_puts(u, y, u->cols - rw, right, rw, sel ? A_REVERSE : (e->passed ? ok : mut));
		if (*e->source)
			ui_puts(u, y + 1, x, e->source, u->cols - x, mut);
	}
}
