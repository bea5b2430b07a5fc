/*
** test_store_backup.c — nothing lost on a shared server:
**   - a reset (D) keeps the user's copy as a numbered backup that a
**     restore (U) brings back, keeping a newer copy as a backup in turn;
**   - a "~" backup name taken by something not ours (a symlink, a folder,
**     a read-only file, another user's file) never blocks a save, is never
**     written through or replaced, and the store says so;
**   - temp files left by killed saves are swept by the next save into the
**     folder, and nothing else is: not a live writer's, not another
**     user's, not a link, not a name of another pattern.
** Runs in a temp directory with the XDG variables pointing into it.
*/
#define _XOPEN_SOURCE 700   /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store.h"
#include "tap.h"

static char root[64];

/* root + "/" + rel, in one of a few rotating static buffers. */
static const char *P(const char *rel)
{
	static char buf[8][512];
	static int k;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "%s/%s", root, rel);
	return buf[k];
}

static void put(const char *path, const char *s, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		printf("# cannot write %s\n", path);
	if (fd >= 0)
		close(fd);
	chmod(path, mode);
}

/* The whole file, in a static buffer ("(missing)" when absent). */
static const char *get(const char *path)
{
	static char buf[4][8192];
	static int k;
	k = (k + 1) % 4;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return "(missing)";
	ssize_t n = read(fd, buf[k], sizeof buf[k] - 1);
	close(fd);
	buf[k][n < 0 ? 0 : n] = '\0';
	return buf[k];
}

static int is_link(const char *path)
{
	struct stat s;
	return lstat(path, &s) == 0 && S_ISLNK(s.st_mode);
}

static int exists(const char *path)
{
	struct stat s;
	return lstat(path, &s) == 0;
}

static int rm_one(const char *path, const struct stat *s, int flag, struct FTW *ftw)
{
	(void)s, (void)flag, (void)ftw;
	return remove(path);
}

/* ---- 1. reset keeps a backup; restore brings it back ---- */

/* The bundled lesson (in a read-only folder) and where its user copy goes. */
static char lesson[512], copy[512];

/* st: one session for both halves, so the restore meets the session's backup memory. */
static void test_reset(store *st)
{
	strbuf b = STRBUF_INIT;
	snprintf(lesson, sizeof lesson, "%s", P("ro/intro.lua"));
	snprintf(copy, sizeof copy, "%s", P("data/nnbook/lessons/intro.lua"));
	mkdir(P("ro"), 0755);
	put(lesson, "original", 0644);
	chmod(P("ro"), 0555);

	ok(store_backup_find(st, lesson, NULL) == STORE_ENOENT, "no backup before any reset");
	ok(!exists(P("data")), "looking for a backup creates no folder");
	ok(store_reset_copy(st, lesson, NULL) == STORE_ENOENT, "reset without a copy: ENOENT");
	ok(store_restore_copy(st, lesson, NULL) == STORE_ENOENT, "restore without a backup: ENOENT");

	store_save_lesson(st, lesson, 0, "v1", 2, NULL, NULL);
	ok(store_reset_copy(st, lesson, &b) == STORE_OK, "reset with a copy");
	is_str(sb_str(&b), P("data/nnbook/lessons/intro.lua.reset-1"),
	       "the copy is kept next to it as <name>.lua.reset-1");
	ok(!exists(copy), "the copy is gone, so the original shows again");
	is_str(get(P("data/nnbook/lessons/intro.lua.reset-1")), "v1", "the backup holds the copy's text");
	ok(store_user_copy(st, lesson, NULL) == STORE_ENOENT, "store_user_copy no longer finds a copy");

	store_save_lesson(st, lesson, 0, "v2", 2, NULL, NULL);
	sb_clear(&b);
	ok(store_reset_copy(st, lesson, &b) == STORE_OK, "a second reset");
	is_str(sb_str(&b), P("data/nnbook/lessons/intro.lua.reset-2"), "a second reset takes number 2");
	is_str(get(P("data/nnbook/lessons/intro.lua.reset-1")), "v1", "the first backup is kept");
	sb_clear(&b);
	ok(store_backup_find(st, lesson, &b) == STORE_OK, "a backup is found");
	is_str(sb_str(&b), P("data/nnbook/lessons/intro.lua.reset-2"), "the most recent one");

	/* Names of another shape are never taken for a backup. */
	put(P("data/nnbook/lessons/intro.lua.reset-07"), "x", 0600);
	put(P("data/nnbook/lessons/intro.lua.reset-9x"), "x", 0600);
	put(P("data/nnbook/lessons/intro.lua.reset-"), "x", 0600);
	put(P("data/nnbook/lessons/intro.lua.reset-3.lua"), "x", 0600);
	put(P("data/nnbook/lessons/other.lua.reset-8"), "x", 0600);
	if (symlink(lesson, P("data/nnbook/lessons/intro.lua.reset-50")) != 0)
		printf("# symlink failed\n");
	sb_clear(&b);
	store_backup_find(st, lesson, &b);
	is_str(sb_str(&b), P("data/nnbook/lessons/intro.lua.reset-2"),
	       "odd names, other lessons' backups and a symlink are not backups");
	ok(store_reset_copy(st, NULL, NULL) == STORE_EARG, "NULL path: EARG");
	sb_free(&b);
}

static void test_restore(store *st)
{
	strbuf b = STRBUF_INIT;

	/* Restore with no copy in the way. */
	ok(store_restore_copy(st, lesson, &b) == STORE_OK, "restore");
	ok(b.len == 0, "no copy was in the way, so none was kept");
	is_str(get(copy), "v2", "the most recent backup is the copy again");
	ok(!exists(P("data/nnbook/lessons/intro.lua.reset-2")), "that backup's name is free again");
	is_str(get(P("data/nnbook/lessons/intro.lua.reset-1")), "v1", "the older backup stays");

	/* Restore over a newer copy: the newer one becomes a backup in turn. */
	store_save_lesson(st, lesson, 0, "v3", 2, NULL, NULL);
	is_str(get(P("data/nnbook/lessons/intro.lua~")), "v2",
	       "after a restore the next save keeps a ~ of the restored text");
	sb_clear(&b);
	ok(store_restore_copy(st, lesson, &b) == STORE_OK, "restore over a newer copy");
	is_str(get(copy), "v1", "the backup is the copy now");
	is_str(sb_str(&b), P("data/nnbook/lessons/intro.lua.reset-2"),
	       "the newer copy was kept under the next number after the last backup");
	is_str(get(sb_str(&b)), "v3", "and holds the newer text");
	ok(is_link(P("data/nnbook/lessons/intro.lua.reset-50")), "the planted link is left alone");

	/* Restore again: back to v3, and v1 kept.  Nothing is ever lost. */
	if (symlink(lesson, P("data/nnbook/lessons/intro.lua.reset-3")) != 0)
		printf("# symlink failed\n");
	sb_clear(&b);
	ok(store_restore_copy(st, lesson, &b) == STORE_OK, "restore again");
	is_str(get(copy), "v3", "the newer copy is back");
	is_str(sb_str(&b), P("data/nnbook/lessons/intro.lua.reset-4"),
	       "a name taken by something else is skipped, never replaced");
	is_str(get(sb_str(&b)), "v1", "the one it replaced is a backup");
	ok(is_link(P("data/nnbook/lessons/intro.lua.reset-3")), "the thing in the way is untouched");

	ok(store_restore_copy(st, P("ro/..lua"), NULL) == STORE_EARG, "a bad name: EARG");
	sb_free(&b);
	chmod(P("ro"), 0755);
}

/* ---- 2. a "~" that is not ours never blocks a save ---- */

static void test_foreign_tilde(void)
{
	store *st = store_new(0);
	mkdir(P("sh"), 0777);
	put(P("victim"), "precious", 0644);

	put(P("sh/a.lua"), "a1", 0644);
	ok(store_save_file(st, P("sh/a.lua"), "a2", 2, STORE_BACKUP) == STORE_OK, "an ordinary save");
	is_str(store_warning(st), "", "with its backup written, no warning");

	put(P("sh/l.lua"), "l1", 0644);
	if (symlink(P("victim"), P("sh/l.lua~")) != 0)
		printf("# symlink failed\n");
	ok(store_save_file(st, P("sh/l.lua"), "l2", 2, STORE_BACKUP) == STORE_OK,
	   "a symlink at the backup name does not block the save");
	is_str(get(P("sh/l.lua")), "l2", "the file has the new text");
	is_str(get(P("victim")), "precious", "the link's target is not written");
	ok(is_link(P("sh/l.lua~")), "the planted link is not replaced");
	ok(strstr(store_warning(st), "l.lua~") && strstr(store_warning(st), "could not be written"),
	   "the store says the backup could not be written: %s", store_warning(st));

	put(P("sh/d.lua"), "d1", 0644);
	mkdir(P("sh/d.lua~"), 0755);
	ok(store_save_file(st, P("sh/d.lua"), "d2", 2, STORE_BACKUP) == STORE_OK,
	   "a folder at the backup name does not block the save");
	is_str(get(P("sh/d.lua")), "d2", "saved");
	ok(strstr(store_warning(st), "folder") != NULL, "warning: %s", store_warning(st));

	put(P("sh/r.lua"), "r1", 0644);
	put(P("sh/r.lua~"), "kept", 0444);
	ok(store_save_file(st, P("sh/r.lua"), "r2", 2, STORE_BACKUP) == STORE_OK,
	   "a read-only file at the backup name does not block the save");
	is_str(get(P("sh/r.lua~")), "kept", "the read-only file is not replaced");
	ok(strstr(store_warning(st), "read-only") != NULL, "warning: %s", store_warning(st));

	if (geteuid() == 0) {
		put(P("sh/o.lua"), "o1", 0644);
		put(P("sh/o.lua~"), "theirs", 0666);
		if (chown(P("sh/o.lua~"), 65534, 65534) != 0)
			printf("# chown failed\n");
		ok(store_save_file(st, P("sh/o.lua"), "o2", 2, STORE_BACKUP) == STORE_OK,
		   "another user's file at the backup name does not block the save");
		is_str(get(P("sh/o.lua~")), "theirs", "their file is not replaced");
		ok(strstr(store_warning(st), "another user") != NULL, "warning: %s", store_warning(st));
	} else {
		ok(1, "# SKIP another user's file needs root to plant");
		ok(1, "# SKIP");
		ok(1, "# SKIP");
	}

	/* Through the user copy too (what the UI calls), and only once a session. */
	mkdir(P("ro2"), 0755);
	put(P("ro2/b.lua"), "orig", 0644);
	chmod(P("ro2"), 0555);
	mkdir(P("data"), 0700);
	mkdir(P("data/nnbook"), 0700);
	mkdir(P("data/nnbook/lessons"), 0700);
	put(P("data/nnbook/lessons/b.lua"), "mine", 0644);
	mkdir(P("data/nnbook/lessons/b.lua~"), 0700);
	ok(store_save_lesson(st, P("ro2/b.lua"), 0, "new", 3, NULL, NULL) == STORE_OK,
	   "saving a lesson's user copy goes on without its backup");
	is_str(get(P("data/nnbook/lessons/b.lua")), "new", "the copy has the new text");
	ok(strstr(store_warning(st), "b.lua~") != NULL, "warning: %s", store_warning(st));
	store_save_lesson(st, P("ro2/b.lua"), 0, "newer", 5, NULL, NULL);
	is_str(store_warning(st), "", "the next save of the session does not warn again");
	chmod(P("ro2"), 0755);
	store_free(st);
}

/* ---- 3. stale temp files are swept, and only those ---- */

/* Returns the pid of a process that has ended (and been reaped). */
static pid_t dead_pid(void)
{
	fflush(stdout);
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	waitpid(p, NULL, 0);
	return p;
}

/*
** Starts a process that holds a flock on path, as a live writer in another
** pid namespace would (its pid is not the one in the name); returns it.
*/
static pid_t hold_lock(const char *path)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		int f = open(path, O_RDONLY);
		if (f < 0 || flock(f, LOCK_EX) != 0 || write(fd[1], "x", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	char c;
	close(fd[1]);
	if (read(fd[0], &c, 1) != 1)
		printf("# the lock holder failed\n");
	close(fd[0]);
	return p;
}

static void test_sweep(void)
{
	char name[128];
	store *st = store_new(0);
	mkdir(P("sw"), 0755);
	mkdir(P("sw2"), 0755);
	pid_t dead = dead_pid(), dead2 = dead_pid();
	pid_t live = fork();
	if (live == 0) {
		pause();
		_exit(0);
	}
#define NAME(fmt, pid) (snprintf(name, sizeof name, fmt, (long)(pid)), P(name))
	put(NAME("sw/.a.lua.%ld-0.tmp", dead), "stale", 0600);
	put(NAME("sw/.a.lua~.%ld-3.tmp", dead), "stale backup", 0600);
	put(NAME("sw/.other.lua.%ld-12.tmp", dead2), "stale, another file", 0600);
	put(NAME("sw/.a.lua.%ld-1.tmp", live), "a live writer's", 0600);
	put(NAME("sw/.a.lua.%ld-2.tmp", dead2), "locked", 0600);
	pid_t holder = hold_lock(NAME("sw/.a.lua.%ld-2.tmp", dead2));
	if (symlink(P("victim"), NAME("sw/.a.lua.%ld-5.tmp", dead)) != 0)
		printf("# symlink failed\n");
	mkdir(NAME("sw/.a.lua.%ld-6.tmp", dead), 0700);
	put(NAME("sw/a.lua.%ld-0.tmp", dead), "no leading dot", 0600);
	put(NAME("sw/.a.lua.%ld.tmp", dead), "no counter", 0600);
	put(NAME("sw/.%ld-0.tmp", dead), "no file name", 0600);
	put(P("sw/.a.lua.x-0.tmp"), "not a pid", 0600);
	put(P("sw/notes.tmp"), "a student's file", 0600);
	put(NAME("sw2/.a.lua.%ld-0.tmp", dead), "another folder", 0600);
	if (geteuid() == 0) {
		put(NAME("sw/.a.lua.%ld-7.tmp", dead), "another user's", 0600);
		if (chown(P(name), 65534, 65534) != 0)
			printf("# chown failed\n");
	}

	ok(store_save_file(st, P("sw/a.lua"), "saved", 5, STORE_BACKUP) == STORE_OK, "a save");
	ok(!exists(NAME("sw/.a.lua.%ld-0.tmp", dead)), "a dead writer's temp file is removed");
	ok(!exists(NAME("sw/.a.lua~.%ld-3.tmp", dead)), "so is a dead writer's backup link");
	ok(!exists(NAME("sw/.other.lua.%ld-12.tmp", dead2)), "and one of another file in the folder");
	ok(exists(NAME("sw/.a.lua.%ld-1.tmp", live)), "a live writer's temp file stays");
	ok(exists(NAME("sw/.a.lua.%ld-2.tmp", dead2)), "a temp file someone holds a lock on stays");
	ok(is_link(NAME("sw/.a.lua.%ld-5.tmp", dead)), "a symlink with our pattern stays");
	ok(exists(NAME("sw/.a.lua.%ld-6.tmp", dead)), "a folder with our pattern stays");
	ok(exists(NAME("sw/a.lua.%ld-0.tmp", dead)) && exists(NAME("sw/.a.lua.%ld.tmp", dead))
	   && exists(NAME("sw/.%ld-0.tmp", dead)) && exists(P("sw/.a.lua.x-0.tmp"))
	   && exists(P("sw/notes.tmp")), "names of other patterns stay");
	ok(exists(NAME("sw2/.a.lua.%ld-0.tmp", dead)), "other folders are not swept");
	if (geteuid() == 0)
		ok(exists(NAME("sw/.a.lua.%ld-7.tmp", dead)), "another user's temp file stays");
	else
		ok(1, "# SKIP another user's file needs root to plant");
	is_str(get(P("sw/a.lua")), "saved", "the save itself went through");

	kill(holder, SIGKILL);
	waitpid(holder, NULL, 0);
	store_save_file(st, P("sw/a.lua"), "again", 5, 0);
	ok(!exists(NAME("sw/.a.lua.%ld-2.tmp", dead2)), "once its lock is gone, the next save removes it");
	kill(live, SIGKILL);
	waitpid(live, NULL, 0);
	store_save_file(st, P("sw/a.lua"), "third", 5, 0);
	ok(!exists(NAME("sw/.a.lua.%ld-1.tmp", live)), "and once its writer is gone, that one too");
#undef NAME
	store_free(st);
}

int main(void)
{
	snprintf(root, sizeof root, "/tmp/nnbook-backup-XXXXXX");
	if (!mkdtemp(root)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	setenv("HOME", P("home"), 1);
	setenv("XDG_DATA_HOME", P("data"), 1);
	setenv("XDG_STATE_HOME", P("state"), 1);
	store *st = store_new(0);
	test_reset(st);
	test_restore(st);
	store_free(st);
	test_foreign_tilde();
	test_sweep();
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
