/*
** test_store_backup.c — nothing lost on a shared server:
**   - a "~" backup name taken by something not ours (a symlink, a folder,
**     a read-only file, another user's file) never blocks a save, is never
**     written through or replaced, and the store says so.
** Runs in a temp directory with the XDG variables pointing into it.
*/
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

static int rm_one(const char *path, const struct stat *s, int flag, struct FTW *ftw)
{
	(void)s, (void)flag, (void)ftw;
	return remove(path);
}

/* ---- a "~" that is not ours never blocks a save ---- */

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
	test_foreign_tilde();
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
