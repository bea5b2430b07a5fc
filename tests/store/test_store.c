/*
** test_store.c — saving without losing work, in a temp directory with the
** XDG variables pointing into it.
*/
#define _XOPEN_SOURCE 700   /* nftw */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		printf("# cannot write %s\n", path);
	if (fd >= 0)
		close(fd);
	chmod(path, mode);
}

/* The whole file, in a static buffer ("(missing)" when absent). */
static const char *get(const char *path)
{
	static char buf[8192];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return "(missing)";
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static mode_t mode_of(const char *path)
{
	struct stat s;
	return lstat(path, &s) == 0 ? s.st_mode & 07777 : 0;
}

static int is_link(const char *path)
{
	struct stat s;
	return lstat(path, &s) == 0 && S_ISLNK(s.st_mode);
}

/* Counts names in dir containing needle. */
static int count_names(const char *dir, const char *needle)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strstr(e->d_name, needle))
			n++;
	closedir(d);
	return n;
}

static int rm_one(const char *path, const struct stat *s, int flag, struct FTW *ftw)
{
	(void)s, (void)ftw;
	if (flag == FTW_DP)
		chmod(path, 0700);
	return remove(path);
}

static void setup_env(void)
{
	setenv("HOME", P("home"), 1);
	setenv("XDG_DATA_HOME", P("data"), 1);
	setenv("XDG_STATE_HOME", P("state"), 1);
}

static void test_paths(void)
{
	mkdir(P("home"), 0700);
	store *st = store_new(0);
	ok(st != NULL, "store_new");
	is_str(store_data_dir(st), P("data/nnbook"), "data dir from XDG_DATA_HOME");
	is_str(store_state_dir(st), P("state/nnbook"), "state dir from XDG_STATE_HOME");
	ok(!store_restricted(st), "not restricted");
	is_str(store_error(st), "", "no error yet");
	ok(access(P("data"), F_OK) != 0, "no directory created before it is needed");
	store_free(st);
	store_free(NULL);

	setenv("XDG_DATA_HOME", "relative/dir", 1);
	unsetenv("XDG_STATE_HOME");
	st = store_new(0);
	is_str(store_data_dir(st), P("home/.local/share/nnbook"), "relative XDG_DATA_HOME ignored");
	is_str(store_state_dir(st), P("home/.local/state/nnbook"), "unset XDG_STATE_HOME: ~/.local/state");
	store_free(st);
	setenv("XDG_DATA_HOME", P("data///"), 1);
	st = store_new(0);
	is_str(store_data_dir(st), P("data/nnbook"), "trailing slashes trimmed");
	store_free(st);
	setup_env();

	/* Restricted: the environment means nothing. */
	struct passwd *pw = getpwuid(getuid());
	char want[600];
	snprintf(want, sizeof want, "%s/.local/share/nnbook", pw ? pw->pw_dir : "?");
	st = store_new(1);
	ok(store_restricted(st), "restricted");
	is_str(store_data_dir(st), want, "restricted: data dir from the password database");
	snprintf(want, sizeof want, "%s/.local/state/nnbook", pw ? pw->pw_dir : "?");
	is_str(store_state_dir(st), want, "restricted: state dir from the password database");
	store_free(st);
}

static void test_names(void)
{
	ok(store_name_ok("intro"), "plain name");
	ok(store_name_ok("perceptron 2 \xc3\xa9t\xc3\xa9"), "spaces and UTF-8");
	ok(!store_name_ok(""), "empty");
	ok(!store_name_ok(NULL), "NULL");
	ok(!store_name_ok("a/b"), "slash");
	ok(!store_name_ok(".."), "dot dot");
	ok(!store_name_ok("x..y"), "dot dot inside");
	ok(!store_name_ok(".hidden"), "leading dot");
	ok(!store_name_ok("a\nb"), "newline");
	char longname[STORE_NAME_MAX + 2];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	ok(!store_name_ok(longname), "too long");
	longname[STORE_NAME_MAX] = '\0';
	ok(store_name_ok(longname), "longest allowed");

	strbuf sb = STRBUF_INIT;
	ok(store_lesson_name("/x/y/perceptron.lua", &sb) == STORE_OK, "lesson name");
	is_str(sb_str(&sb), "perceptron", "drops dir and .lua");
	sb_clear(&sb);
	store_lesson_name("notes", &sb);
	is_str(sb_str(&sb), "notes", "no extension");
	sb_clear(&sb);
	ok(store_lesson_name("/x/.lua", &sb) == STORE_EARG, "\".lua\" alone has no name");
	ok(store_lesson_name("/x/..lua", &sb) == STORE_EARG, "a dot name is refused");
	sb_free(&sb);
}

static void test_atomic(void)
{
	store *st = store_new(0);
	mkdir(P("w"), 0755);
	umask(022);
	put(P("w/a.lua"), "old\n", 0664);
	ok(store_save_file(st, P("w/a.lua"), "new\n", 4, STORE_BACKUP) == STORE_OK, "save");
	is_str(get(P("w/a.lua")), "new\n", "new content");
	ok(mode_of(P("w/a.lua")) == 0664, "mode kept despite the umask (%o)", mode_of(P("w/a.lua")));
	is_str(get(P("w/a.lua~")), "old\n", "backup holds the old content");
	ok(store_save_file(st, P("w/a.lua"), "newer\n", 6, STORE_BACKUP) == STORE_OK, "save again");
	is_str(get(P("w/a.lua~")), "old\n", "backup only before the first overwrite");
	ok(count_names(P("w"), ".tmp") == 0, "no temp files left");
	store_free(st);

	st = store_new(0);
	store_save_file(st, P("w/a.lua"), "third\n", 6, STORE_BACKUP);
	is_str(get(P("w/a.lua~")), "newer\n", "a new session backs up again");
	store_save_file(st, P("w/a.lua"), "", 0, 0);
	is_str(get(P("w/a.lua")), "", "an empty save is allowed");

	put(P("w/x.sh"), "#!/bin/sh\n", 0750);
	store_save_file(st, P("w/x.sh"), "#!/bin/sh\n:\n", 12, 0);
	ok(mode_of(P("w/x.sh")) == 0750, "executable mode kept");
	ok(access(P("w/x.sh~"), F_OK) != 0, "no backup without the flag");

	ok(store_save_file(st, P("w/new.lua"), "n", 1, STORE_BACKUP) == STORE_OK, "create");
	ok(mode_of(P("w/new.lua")) == 0644, "new file 0644 (%o)", mode_of(P("w/new.lua")));
	ok(access(P("w/new.lua~"), F_OK) != 0, "nothing to back up for a new file");
	store_save_file(st, P("w/new.lua"), "n2", 2, STORE_BACKUP);
	ok(access(P("w/new.lua~"), F_OK) != 0, "a file this session created is not backed up later");

	/* Saving through a symlink replaces the file it points to. */
	put(P("w/real.lua"), "r1", 0644);
	if (symlink("real.lua", P("w/link.lua")) != 0)
		printf("# symlink failed\n");
	ok(store_save_file(st, P("w/link.lua"), "r2", 2, 0) == STORE_OK, "save through a link");
	ok(is_link(P("w/link.lua")), "the link stays a link");
	is_str(get(P("w/real.lua")), "r2", "its target got the text");

	/* A symlink planted at the temp name is never followed. */
	put(P("victim"), "precious", 0644);
	char tmpname[128];
	snprintf(tmpname, sizeof tmpname, "w/.a.lua.%ld-0.tmp", (long)getpid());
	if (symlink(P("victim"), P(tmpname)) != 0)
		printf("# symlink failed\n");
	ok(store_save_file(st, P("w/a.lua"), "safe\n", 5, 0) == STORE_OK, "save with a planted temp link");
	is_str(get(P("victim")), "precious", "the link's target is untouched");
	ok(is_link(P(tmpname)), "the planted link is left alone");
	is_str(get(P("w/a.lua")), "safe\n", "the save used another temp name");
	unlink(P(tmpname));

	ok(store_save_file(st, P("nope/a.lua"), "x", 1, 0) == STORE_EIO, "missing directory: EIO");
	ok(strstr(store_error(st), "nope") != NULL, "message names the path: %s", store_error(st));
	mkdir(P("w/dir.lua"), 0755);
	ok(store_save_file(st, P("w/dir.lua"), "x", 1, 0) == STORE_EIO, "a directory is not replaced");
	ok(store_save_file(st, NULL, "x", 1, 0) == STORE_EARG, "NULL path");

	strbuf sb = STRBUF_INIT;
	ok(store_read_file(st, P("w/a.lua"), &sb) == STORE_OK, "read_file");
	is_str(sb_str(&sb), "safe\n", "read_file text");
	ok(store_read_file(st, P("w/none"), &sb) == STORE_ENOENT, "read_file: missing");
	mkfifo(P("w/fifo"), 0644);
	ok(store_read_file(st, P("w/fifo"), &sb) == STORE_EIO, "read_file refuses a FIFO (no hang)");
	sb_free(&sb);
	store_free(st);
}

static void test_lessons(void)
{
	store *st = store_new(0);
	strbuf t = STRBUF_INIT, want = STRBUF_INIT;
	int where = 0;

	/* A read-only folder: the save goes to the user copy. */
	mkdir(P("ro"), 0755);
	put(P("ro/perceptron.lua"), "-- original\n", 0644);
	chmod(P("ro"), 0555);
	struct stat before, after;
	stat(P("ro/perceptron.lua"), &before);
	ok(store_lesson_target(st, P("ro/perceptron.lua"), 0, &where, &t) == STORE_OK, "target");
	ok(where == STORE_USER_COPY, "0555 folder: user copy");
	is_str(sb_str(&t), P("data/nnbook/lessons/perceptron.lua"), "the user copy's path");
	ok(store_user_copy(st, P("ro/perceptron.lua"), NULL) == STORE_ENOENT, "no user copy yet");
	sb_clear(&t);
	where = 0;
	ok(store_save_lesson(st, P("ro/perceptron.lua"), 0, "-- edited\n", 10, &where, &t)
	   == STORE_OK, "save a read-only lesson");
	ok(where == STORE_USER_COPY, "saved to the user copy");
	is_str(sb_str(&t), P("data/nnbook/lessons/perceptron.lua"), "saved_to");
	is_str(get(P("data/nnbook/lessons/perceptron.lua")), "-- edited\n", "the copy has the edit");
	is_str(get(P("ro/perceptron.lua")), "-- original\n", "the original is unchanged");
	stat(P("ro/perceptron.lua"), &after);
	ok(before.st_mtime == after.st_mtime && before.st_ino == after.st_ino, "not even touched");
	ok(count_names(P("ro"), "") == 1, "nothing new in the read-only folder");
	ok(mode_of(P("ro")) == 0555, "folder still 0555");
	ok(mode_of(P("data/nnbook")) == 0700, "data dir created 0700");
	ok(mode_of(P("data/nnbook/lessons")) == 0700, "lessons dir created 0700");
	sb_clear(&t);
	ok(store_user_copy(st, P("ro/perceptron.lua"), &t) == STORE_OK, "user copy found");
	is_str(sb_str(&t), P("data/nnbook/lessons/perceptron.lua"), "user copy path");
	store_save_lesson(st, P("ro/perceptron.lua"), 0, "-- again\n", 9, NULL, NULL);
	ok(access(P("data/nnbook/lessons/perceptron.lua~"), F_OK) != 0,
	   "a copy this session made is not backed up");
	store *next = store_new(0);
	store_save_lesson(next, P("ro/perceptron.lua"), 0, "-- third\n", 9, NULL, NULL);
	is_str(get(P("data/nnbook/lessons/perceptron.lua~")), "-- again\n",
	       "next session: the user copy is backed up");
	store_free(next);
	ok(store_reset_copy(st, P("ro/perceptron.lua"), NULL) == STORE_OK, "reset the copy");
	ok(access(P("data/nnbook/lessons/perceptron.lua"), F_OK) != 0, "copy gone");
	is_str(get(P("data/nnbook/lessons/perceptron.lua.reset-1")), "-- third\n", "kept as a backup");
	ok(store_reset_copy(st, P("ro/perceptron.lua"), NULL) == STORE_ENOENT, "reset again: ENOENT");
	is_str(get(P("ro/perceptron.lua")), "-- original\n", "original still there");

	/* A read-only file in a writable folder; a bundled lesson; a writable one. */
	mkdir(P("rw"), 0755);
	put(P("rw/frozen.lua"), "f", 0444);
	store_lesson_target(st, P("rw/frozen.lua"), 0, &where, NULL);
	ok(where == STORE_USER_COPY, "0444 file: user copy");
	put(P("rw/mine.lua"), "m1", 0644);
	store_lesson_target(st, P("rw/mine.lua"), STORE_BUNDLED, &where, NULL);
	ok(where == STORE_USER_COPY, "bundled: user copy even when writable");
	sb_clear(&t);
	store_lesson_target(st, P("rw/mine.lua"), 0, &where, &t);
	ok(where == STORE_IN_PLACE, "writable: in place");
	is_str(sb_str(&t), P("rw/mine.lua"), "in-place target");
	sb_clear(&t);
	ok(store_save_lesson(st, P("rw/mine.lua"), 0, "m2", 2, &where, &t) == STORE_OK
	   && where == STORE_IN_PLACE, "saved in place");
	is_str(get(P("rw/mine.lua")), "m2", "in-place content");
	is_str(get(P("rw/mine.lua~")), "m1", "in-place backup");
	store_lesson_target(st, P("rw/brand-new.lua"), 0, &where, NULL);
	ok(where == STORE_IN_PLACE, "a new file in a writable folder: in place");

	/* Saving removes the recovery file. */
	store_recovery_write(st, P("rw/mine.lua"), "unsaved", 7);
	ok(store_recovery_find(st, P("rw/mine.lua"), NULL, NULL) == STORE_OK, "recovery there");
	store_save_lesson(st, P("rw/mine.lua"), 0, "m3", 2, NULL, NULL);
	ok(store_recovery_find(st, P("rw/mine.lua"), NULL, NULL) == STORE_ENOENT,
	   "a save removes the recovery file");

	ok(store_save_user(st, "../evil", "x", 1, NULL) == STORE_EARG, "save_user refuses ..");
	ok(store_save_user(st, "ok-name", "x", 1, &want) == STORE_OK, "save_user");
	is_str(get(P("data/nnbook/lessons/ok-name.lua")), "x", "save_user content");
	sb_free(&t);
	sb_free(&want);
	store_free(st);
}

static void test_restricted(void)
{
	store *st = store_new(1);
	const char *bad[] = {"a/b", "..", "../x", "x/../y", ".hidden", "", "a\tb"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ok(store_save_user(st, bad[i], "x", 1, NULL) == STORE_EARG,
		   "restricted refuses the name \"%s\"", bad[i]);
	store_progress p = {0};
	ok(store_progress_save(st, "../p", &p) == STORE_EARG, "progress refuses ..");
	ok(store_progress_load(st, "a/b", &p) == STORE_EARG, "progress load refuses /");
	ok(store_save_file(st, P("w/r.lua"), "x", 1, 0) == STORE_EDENIED, "no arbitrary writes");
	ok(access(P("w/r.lua"), F_OK) != 0, "nothing written");
	int where;
	strbuf t = STRBUF_INIT;
	put(P("rw/restricted.lua"), "r", 0644);
	ok(store_lesson_target(st, P("rw/restricted.lua"), 0, &where, &t) == STORE_OK
	   && where == STORE_USER_COPY, "restricted: even a writable lesson goes to the user copy");
	ok(strncmp(sb_str(&t), store_data_dir(st), strlen(store_data_dir(st))) == 0,
	   "inside the data dir: %s", sb_str(&t));
	ok(strstr(sb_str(&t), root) == NULL, "not where $HOME/$XDG point");
	sb_free(&t);
	store_free(st);
}

static void test_recovery(void)
{
	store *st = store_new(0);
	strbuf sb = STRBUF_INIT;
	char lesson[512];
	snprintf(lesson, sizeof lesson, "%s", P("rw/mine.lua"));
	ok(store_recovery_find(st, lesson, &sb, NULL) == STORE_ENOENT, "no recovery yet");
	ok(store_recovery_write(st, lesson, "edit 1", 6) == STORE_OK, "recovery write");
	ok(store_recovery_write(st, lesson, "edit 2", 6) == STORE_OK, "recovery write again");
	time_t mt = 0;
	ok(store_recovery_find(st, lesson, &sb, &mt) == STORE_OK, "recovery found");
	is_str(sb_str(&sb), "edit 2", "latest text");
	ok(mt > 0 && labs((long)(time(NULL) - mt)) < 60, "mtime is now");
	sb_clear(&sb);
	ok(store_recovery_path(st, lesson, &sb) == STORE_OK, "recovery path");
	ok(strncmp(sb_str(&sb), P("state/nnbook/recovery/mine-"), strlen(P("state/nnbook/recovery/mine-"))) == 0
	   && strlen(sb_str(&sb)) == strlen(P("state/nnbook/recovery/mine-")) + 16 + 4,
	   "<state>/recovery/<name>-<16 hex>.lua: %s", sb_str(&sb));
	ok(mode_of(sb_str(&sb)) == 0600, "recovery file private (0600)");
	ok(mode_of(P("state/nnbook/recovery")) == 0700, "recovery dir 0700");
	strbuf other = STRBUF_INIT;
	mkdir(P("rw2"), 0755);
	store_recovery_path(st, P("rw2/mine.lua"), &other);
	ok(strcmp(sb_str(&sb), sb_str(&other)) != 0, "same name elsewhere: another file");
	sb_free(&other);
	ok(store_recovery_remove(st, lesson) == STORE_OK, "remove");
	ok(store_recovery_find(st, lesson, NULL, NULL) == STORE_ENOENT, "gone");
	ok(store_recovery_remove(st, lesson) == STORE_ENOENT, "remove again: ENOENT");

	/* A link planted as the recovery file is not read through. */
	put(P("secret"), "secret", 0600);
	if (symlink(P("secret"), sb_str(&sb)) != 0)
		printf("# symlink failed\n");
	strbuf leak = STRBUF_INIT;
	ok(store_recovery_find(st, lesson, &leak, NULL) == STORE_EIO && leak.len == 0,
	   "a symlinked recovery file is refused: %s", store_error(st));
	sb_free(&leak);
	unlink(sb_str(&sb));

	/* Odd lesson names still get a recovery file. */
	ok(store_recovery_write(st, P("rw/..odd.lua"), "o", 1) == STORE_OK, "odd name recovered");

	/* The signal-safe path. */
	store_rescue r;
	ok(store_rescue_prepare(st, lesson, &r) == STORE_OK, "rescue prepare");
	is_str(r.path, sb_str(&sb), "rescue path is the recovery path");
	put(P("victim2"), "keep", 0644);
	if (symlink(P("victim2"), r.tmp) != 0)
		printf("# symlink failed\n");
	ok(store_rescue_write(&r, "rescued", 7) == 0, "rescue write");
	is_str(get(P("victim2")), "keep", "a link at the rescue temp name is not followed");
	sb_clear(&sb);
	ok(store_recovery_find(st, lesson, &sb, NULL) == STORE_OK, "rescued text found");
	is_str(sb_str(&sb), "rescued", "rescued text");
	ok(access(r.tmp, F_OK) != 0 && !is_link(r.tmp), "no temp left");
	sb_free(&sb);
	store_free(st);
}

/*
** What store_lock_take says in a child process.  The answer comes back
** through a pipe, not the exit status, which valgrind may replace.
*/
static int lock_in_child(const char *lesson)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		store *c = store_new(0);
		store_lock *lc;
		char rc = (char)store_lock_take(c, lesson, 0, &lc);
		store_free(c);
		_exit(write(fd[1], &rc, 1) == 1 ? 0 : 1);
	}
	close(fd[1]);
	char rc = -1;
	if (read(fd[0], &rc, 1) != 1)
		rc = -1;
	close(fd[0]);
	waitpid(child, NULL, 0);
	return rc;
}

static void test_lock(void)
{
	store *a = store_new(0), *b = store_new(0);
	store_lock *la = NULL, *lb = NULL;
	char lesson[512];
	snprintf(lesson, sizeof lesson, "%s", P("rw/mine.lua"));
	ok(store_lock_take(a, lesson, 0, &la) == STORE_OK && la, "lock taken");
	ok(store_lock_take(b, lesson, 0, &lb) == STORE_EBUSY && !lb, "second open: busy");
	char pid[32];
	snprintf(pid, sizeof pid, "pid %ld", (long)getpid());
	ok(strstr(store_error(b), pid) != NULL, "message names the holder: %s", store_error(b));
	ok(store_lock_take(a, lesson, 0, &lb) == STORE_EBUSY, "same store twice: busy too");
	if (symlink(lesson, P("rw/alias.lua")) != 0)
		printf("# symlink failed\n");
	ok(store_lock_take(b, P("rw/alias.lua"), 0, &lb) == STORE_EBUSY, "a symlink to it: busy");
	ok(mode_of(P("state/nnbook/locks")) == 0700, "locks dir 0700");

	ok(lock_in_child(lesson) == STORE_EBUSY, "another process: busy");

	store_lock_release(la);
	store_lock_release(NULL);
	ok(store_lock_take(b, lesson, 0, &lb) == STORE_OK, "free again after release");
	ok(lock_in_child(lesson) == STORE_EBUSY, "busy for another process");
	store_free(b);  /* releases lb */
	ok(lock_in_child(lesson) == STORE_OK, "store_free released it");

	/* Two sessions on one bundled lesson meet on its user copy. */
	store_lock *l1, *l2;
	put(P("rw/bundled.lua"), "b", 0644);
	mkdir(P("other"), 0755);
	put(P("other/bundled.lua"), "b", 0644);
	ok(store_lock_take(a, P("rw/bundled.lua"), STORE_BUNDLED, &l1) == STORE_OK, "bundled lock");
	ok(store_lock_take(a, P("other/bundled.lua"), STORE_BUNDLED, &l2) == STORE_EBUSY,
	   "same user copy: busy");
	store_free(a);
}

static void test_progress(void)
{
	store *st = store_new(0);
	store_progress p = {0}, q = {0};
	ok(store_progress_load(st, "intro", &p) == STORE_ENOENT, "no progress yet");
	p.cell = 7;
	ok(store_progress_pass(&p, "and gate") == STORE_OK, "pass one");
	store_progress_pass(&p, "xor");
	store_progress_pass(&p, "and gate");
	ok(p.npassed == 2, "duplicates ignored");
	ok(store_progress_pass(&p, "a\nb") == STORE_EARG, "no newline in a name");
	ok(store_progress_pass(&p, "") == STORE_EARG, "no empty name");
	ok(store_progress_passed(&p, "xor") && !store_progress_passed(&p, "or"), "passed()");
	ok(store_progress_save(st, "intro", &p) == STORE_OK, "save");
	is_str(get(P("state/nnbook/progress/intro.txt")),
	       "nnbook progress 1\ncell 7\npassed and gate\npassed xor\n", "file format");
	ok(store_progress_load(st, "intro", &q) == STORE_OK, "load");
	ok(q.cell == 7 && q.npassed == 2 && strcmp(q.passed[0], "and gate") == 0
	   && strcmp(q.passed[1], "xor") == 0, "round trip");

	put(P("state/nnbook/progress/intro.txt"), "\x7f" "ELF\x01\x02garbage\n", 0600);
	ok(store_progress_load(st, "intro", &q) == STORE_ECORRUPT, "garbage: ECORRUPT");
	ok(q.cell == 0 && q.npassed == 0, "garbage: empty progress");
	put(P("state/nnbook/progress/intro.txt"), "", 0600);
	ok(store_progress_load(st, "intro", &q) == STORE_ECORRUPT, "empty file: ECORRUPT");
	put(P("state/nnbook/progress/intro.txt"), "nnbook progress 1\ncell 3\npassed a\npassed b", 0600);
	ok(store_progress_load(st, "intro", &q) == STORE_OK, "truncated: loads");
	ok(q.cell == 3 && q.npassed == 1 && strcmp(q.passed[0], "a") == 0, "truncated: cut line dropped");
	put(P("state/nnbook/progress/intro.txt"),
	    "nnbook progress 1\ncell x\ncell 99999999999999999999\nwhat\npassed \npassed ok\n", 0600);
	ok(store_progress_load(st, "intro", &q) == STORE_OK, "bad lines: loads");
	ok(q.cell == 0 && q.npassed == 1 && strcmp(q.passed[0], "ok") == 0, "bad lines skipped");
	put(P("state/nnbook/progress/intro.txt"), "nnbook progress 1\ncell 5\n", 0600);
	if (truncate(P("state/nnbook/progress/intro.txt"), 2 << 20) != 0)
		printf("# truncate failed\n");
	ok(store_progress_load(st, "intro", &q) == STORE_ECORRUPT, "a huge file: ECORRUPT");
	/* reveals and how an exercise was passed: marks, kept and read back */
	store_progress_clear(&p);
	ok(store_progress_mark(&p, STORE_SHOWN, "Solution 1") == STORE_OK &&
	   store_progress_mark(&p, STORE_WITH_SOLUTION, "xor") == STORE_OK &&
	   store_progress_mark(&p, STORE_ATTEMPTED, "Check 1") == STORE_OK &&
	   store_progress_mark(&p, STORE_SHOWN, "Solution 1") == STORE_OK, "marks added once");
	ok(store_progress_mark(&p, "bogus", "x") == STORE_EARG &&
	   store_progress_mark(&p, STORE_SHOWN, "a\nb") == STORE_EARG, "bad marks refused");
	store_progress_pass(&p, "xor");
	ok(store_progress_save(st, "intro", &p) == STORE_OK, "save with marks");
	is_str(get(P("state/nnbook/progress/intro.txt")), "nnbook progress 1\ncell 0\npassed xor\n"
	       "shown Solution 1\npassed-with-solution xor\nattempted Check 1\n", "marks in the file");
	ok(store_progress_load(st, "intro", &q) == STORE_OK &&
	   store_progress_marked(&q, STORE_SHOWN, "Solution 1") &&
	   store_progress_marked(&q, STORE_WITH_SOLUTION, "xor") &&
	   store_progress_marked(&q, STORE_ATTEMPTED, "Check 1") &&
	   !store_progress_marked(&q, STORE_SHOWN, "xor") &&
	   !store_progress_marked(&q, STORE_SHOWN, "Solution") && q.nmarks == 3, "marks read back");
	store_progress_clear(&p);
	unlink(P("state/nnbook/progress/intro.txt"));
	mkdir(P("state/nnbook/progress/intro.txt"), 0700);
	ok(store_progress_load(st, "intro", &q) != STORE_OK, "a directory there: an error, no crash");
	store_progress_clear(&p);
	store_progress_clear(&q);
	store_progress_clear(NULL);
	store_free(st);
}

int main(void)
{
	snprintf(root, sizeof root, "/tmp/nnbook-store-XXXXXX");
	if (!mkdtemp(root)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	setup_env();
	test_paths();
	test_names();
	test_atomic();
	test_lessons();
	test_restricted();
	test_recovery();
	test_lock();
	test_progress();
	chmod(P("ro"), 0755);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
