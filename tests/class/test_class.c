/*
** test_class.c — a class sharing one account: the roster in
** authorized_keys, members' separate folders, status files (format, bad
** and cut files, scanning past temp files), the teacher's position and
** inotify waking a reader.
*/
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "class.h"
#include "tap.h"

static char root[64];
static const char *KEY1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIvjz9RIVDioKn+9NwpbExBxbozCNiaihyjxAdNVh8fc ada@laptop\n";
static const char *KEY2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKu3X6pI0w5MZDfDI2pDL5yg8mj+TDRxLhH8P1n+bwSC\n";
static const char *KEY3 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDx2b7Zk5vVw3 bob\n";

static const char *P(const char *rel)
{
	static char buf[4][512];
	static int k;
	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", root, rel);
	return buf[k];
}

static void put(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		printf("# cannot write %s\n", path);
	if (fd >= 0)
		close(fd);
}

static const char *get(const char *path)
{
	static char buf[8192];
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? 0 : read(fd, buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
	return buf;
}

static void test_roster(void)
{
	store *st = store_new(0);
	strbuf err = STRBUF_INIT;
	const char *keys = P("home/.ssh/authorized_keys");
	mkdir(P("home"), 0755);
	int rc = class_add(st, keys, "/usr/bin/nnbook", "ada", CLASS_STUDENT, KEY1, &err);
	ok(rc == 0, "add a student to a missing file: %s", sb_str(&err));
	struct stat sb;
	ok(stat(P("home/.ssh"), &sb) == 0 && (sb.st_mode & 0777) == 0700, "~/.ssh made 0700");
	is_str(get(keys), "command=\"/usr/bin/nnbook --restricted --student ada\",restrict,pty "
	       "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIvjz9RIVDioKn+9NwpbExBxbozCNiaihyjxAdNVh8fc ada@laptop\n",
	       "the forced command, restrict,pty and the key");
	/* another tool's lines, a comment and a file without a final newline stay as they were */
	char other[1024];
	snprintf(other, sizeof other, "%s# the admin's key\nssh-ed25519 AAAAadminAAAAAAAAAAAA admin", get(keys));
	put(keys, other);
	ok(class_add(st, keys, "/usr/bin/nnbook", "prof", CLASS_TEACHER, KEY2, &err) == 0, "add a teacher");
	ok(strncmp(get(keys), other, strlen(other)) == 0, "the other lines are kept byte for byte");
	ok(strstr(get(keys), "--restricted --teacher prof\",restrict,pty ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKu3") != NULL,
	   "the teacher's line says --teacher");

	sb_clear(&err);
	rc = class_add(st, keys, "/usr/bin/nnbook", "ada", CLASS_STUDENT, KEY3, &err);
	ok(rc != 0 && strstr(sb_str(&err), "already in the class"), "a name twice is refused: %s",
	   sb_str(&err));
	sb_clear(&err);
	rc = class_add(st, keys, "/usr/bin/nnbook", "bob", CLASS_STUDENT, KEY1, &err);
	ok(rc != 0 && strstr(sb_str(&err), "already ada's"), "a key twice is refused: %s", sb_str(&err));
	/* an RSA key is longer than a listing keeps: the whole key is compared */
	char rsa[900], rsa2[900];
	snprintf(rsa, sizeof rsa, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ%0540dQ cyd@laptop\n", 7);
	memcpy(rsa2, rsa, sizeof rsa);
	rsa2[500] = 'x';
	sb_clear(&err);
	rc = class_add(st, keys, "/usr/bin/nnbook", "cyd", CLASS_STUDENT, rsa, &err);
	int again = class_add(st, keys, "/usr/bin/nnbook", "dee", CLASS_STUDENT, rsa, &err);
	ok(rc == 0 && again != 0 && strstr(sb_str(&err), "already cyd's"),
	   "a long RSA key twice is refused: %s", sb_str(&err));
	sb_clear(&err);
	rc = class_add(st, keys, "/usr/bin/nnbook", "dee", CLASS_STUDENT, rsa2, &err);
	ok(rc == 0, "an RSA key that differs far in is another key: %s", sb_str(&err));
	sb_clear(&err);
	rc = class_add(st, keys, "/usr/bin/nnbook", "eve", CLASS_STUDENT,
	               "ssh-ed25519 AAAAadminAAAAAAAAAAAA other\n", &err);
	sb_clear(&err);
	again = class_add(st, keys, "/usr/bin/nnbook", "eve", CLASS_STUDENT,
	                  "ssh-ed25519 AAAAadminAAAAAAAAAAAA\n", &err);
	ok(rc != 0 && again != 0, "a key already on another tool's line is refused: %s", sb_str(&err));
	class_member *cm = NULL;
	size_t cn = 0, ccap = 0;
	ok(class_members(get(keys), &cm, &cn, &ccap) == 0 && cn == 4 && strstr(cm[2].key, "cyd@laptop"),
	   "a long key's listing keeps its comment");
	free(cm);
	rc = class_remove(st, keys, "cyd", &err);
	ok(rc == 0 && class_remove(st, keys, "dee", &err) == 0, "cyd and dee removed");
	const char *bad_names[] = {"", "a b", "../x", "a\"b", "x.lua", "verylongname-verylongname-verylong",
	                           "--format", "-x"};
	for (size_t i = 0; i < sizeof bad_names / sizeof *bad_names; i++) {
		sb_clear(&err);
		ok(class_add(st, keys, "/usr/bin/nnbook", bad_names[i], 0, KEY3, &err) != 0,
		   "name \"%s\" refused", bad_names[i]);
	}
	const char *bad_keys[] = {"", "not a key", "ssh-ed25519\n",
	                          "command=\"sh\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIvjz9RIVDioKn\n",
	                          "ssh-ed25519 AAAA\"injected\n", "ssh-dss AAAAB3NzaC1kc3MAAACBAP\n"};
	for (size_t i = 0; i < sizeof bad_keys / sizeof *bad_keys; i++) {
		sb_clear(&err);
		rc = class_add(st, keys, "/usr/bin/nnbook", "carl", 0, bad_keys[i], &err);
		ok(rc != 0, "key %zu refused: %s", i, sb_str(&err));
	}
	sb_clear(&err);
	ok(class_add(st, keys, "relative/nnbook", "carl", 0, KEY3, &err) != 0
	   && class_add(st, keys, "/a b/nnbook", "carl", 0, KEY3, &err) != 0,
	   "nnbook's path must be absolute, without spaces");

	class_member *ms = NULL;
	size_t n = 0, cap = 0;
	ok(class_members(get(keys), &ms, &n, &cap) == 0 && n == 2 && strcmp(ms[0].name, "ada") == 0
	   && ms[0].role == CLASS_STUDENT && strcmp(ms[1].name, "prof") == 0 && ms[1].role == CLASS_TEACHER
	   && strstr(ms[0].key, "ada@laptop"), "members listed with role and key, other lines skipped");
	free(ms);

	ok(class_remove(st, keys, "ada", &err) == 0 && !strstr(get(keys), "--student ada")
	   && strstr(get(keys), "# the admin's key\nssh-ed25519 AAAAadminAAAAAAAAAAAA admin"),
	   "remove takes the member's line only");
	sb_clear(&err);
	ok(class_remove(st, keys, "ada", &err) != 0 && strstr(sb_str(&err), "not in the class"),
	   "removing an absent member says so");
	sb_free(&err);
	store_free(st);
}

static void test_members_apart(void)
{
	store *a = store_new(0), *b = store_new(0), *plain = store_new(0);
	ok(store_set_member(a, "ada") == STORE_OK && store_set_member(b, "bob") == STORE_OK,
	   "two members of one account");
	ok(store_set_member(a, "eve") == STORE_EARG, "a store is one member's for good");
	ok(store_set_member(plain, "../x") == STORE_EARG && store_set_member(plain, "a/b") == STORE_EARG,
	   "member names cannot leave the folder");
	ok(strstr(store_data_dir(a), "/nnbook/students/ada") != NULL
	   && strstr(store_state_dir(a), "/nnbook/students/ada") != NULL, "ada's data and state: %s",
	   store_data_dir(a));
	ok(strcmp(store_data_dir(a), store_data_dir(b)) != 0, "bob's are not ada's");
	strbuf saved = STRBUF_INIT;
	ok(store_save_user(a, "01-perceptron", "-- ada's\n", 9, &saved) == STORE_OK
	   && strstr(sb_str(&saved), "students/ada/lessons/01-perceptron.lua"), "ada's copy in her folder");
	ok(store_user_copy(b, "/x/01-perceptron.lua", NULL) == STORE_ENOENT, "bob does not see ada's copy");
	ok(strcmp(store_class_dir(a), store_class_dir(b)) == 0 && store_class_dir(a)[0]
	   && !store_class_dir(plain)[0], "members share the class folder, a plain store has none");
	ok(store_save_class(plain, "status", "x", "y", 1) == STORE_EARG, "no class folder outside a class");
	ok(store_save_class(a, "status", "../x", "y", 1) == STORE_EARG, "class file names checked");
	sb_free(&saved);
	store_free(a), store_free(b), store_free(plain);
}

static void fill(class_status *s, const char *name)
{
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", name);
	s->pid = getpid();
	s->when = 1765080000;
	snprintf(s->lesson, sizeof s->lesson, "03-sigmoid-neuron");
	snprintf(s->title, sizeof s->title, "The sigmoid\nneuron");
	s->cell = 12, s->ncells = 40;
	snprintf(s->state, sizeof s->state, "error");
	snprintf(s->error, sizeof s->error, "attempt to call a nil value (global 'sigmoid')");
	sb_adds(&s->passed, "Exercise 1\n*Exercise 2\n");
	sb_adds(&s->code, "hidden = sigmoid(nn.dot(X, W1))\nprint(hidden)\n");
}

static void test_status_format(void)
{
	class_status s, t = {0};
	fill(&s, "ada");
	strbuf text = STRBUF_INIT;
	class_status_format(&s, &text);
	ok(strstr(text.s, "title The sigmoid neuron\n") != NULL, "a newline in a value becomes a space");
	ok(class_status_parse(text.s, text.len, &t) == 0, "parses what it wrote");
	ok(strcmp(t.name, "ada") == 0 && t.pid == getpid() && t.when == 1765080000 && t.cell == 12
	   && t.ncells == 40 && strcmp(t.state, "error") == 0 && strcmp(t.lesson, "03-sigmoid-neuron") == 0
	   && strstr(t.error, "global 'sigmoid'"), "every field comes back");
	is_str(sb_str(&t.passed), "Exercise 1\n*Exercise 2\n", "passed, and passed with the solution shown");
	is_str(sb_str(&t.code), sb_str(&s.code), "the cell's code comes back whole");
	ok(class_status_alive(&t), "our own pid is alive");
	t.pid = 0;
	ok(!class_status_alive(&t), "pid 0 is no session");

	/* broken files: never a crash, never a row from garbage */
	ok(class_status_parse("", 0, &t) != 0 && class_status_parse("hello\n", 6, &t) != 0,
	   "not a status file");
	size_t cut = (size_t)(strstr(text.s, "cell ") - text.s) + 3;
	ok(class_status_parse(text.s, cut, &t) == 0 && strcmp(t.name, "ada") == 0 && t.cell == 0,
	   "a file cut in a line keeps the lines before it");
	ok(class_status_parse("nnbook-status 1\nname ../etc\n", 28, &t) != 0, "a bad name is no row");
	char big[800];
	memset(big, 'x', sizeof big);
	snprintf(big, sizeof big, "nnbook-status 1\nname bob\nerror %0500d\nstate %0100d\n", 7, 8);
	ok(class_status_parse(big, strlen(big), &t) == 0 && strlen(t.error) == sizeof t.error - 1
	   && strlen(t.state) == sizeof t.state - 1, "long values are cut to their fields");
	class_status_free(&s);
	class_status_free(&t);
	sb_free(&text);
}

static void test_status_files(void)
{
	store *a = store_new(0), *b = store_new(0);
	store_set_member(a, "ada");
	store_set_member(b, "bob");
	class_watch *w = class_watch_open(a);
	ok(w != NULL, "a watch on the class folder");
	ok(class_watch_drain(w) == 0, "nothing seen yet");
	class_status s;
	fill(&s, "bob");
	ok(class_status_save(b, &s) == STORE_OK, "bob saves his status");
	struct pollfd p = {class_watch_fd(w), POLLIN, 0};
	ok(poll(&p, 1, 1000) == 1, "the watcher is woken");
	ok(class_watch_drain(w) == CLASS_SEEN_STATUS, "a status changed");
	class_status_free(&s);
	fill(&s, "ada");
	class_status_save(a, &s);
	class_status_free(&s);

	strbuf dir = STRBUF_INIT;
	store_class_folder(a, "status", &dir);
	/* a temp file of a save in progress and a garbage file are not rows */
	char path[600];
	snprintf(path, sizeof path, "%s/.bob.123-1.tmp", dir.s);
	put(path, "nnbook-status 1\nname bob\n");
	snprintf(path, sizeof path, "%s/carl", dir.s);
	put(path, "\x01\x02 not a status\n");
	snprintf(path, sizeof path, "%s/dan", dir.s);
	put(path, "nnbook-status 1\nname eve\n");
	class_status *all = NULL;
	size_t n = 0;
	ok(class_status_scan(dir.s, &all, &n) == 0 && n == 2, "scan: two members (%zu)", n);
	int seen = 0;
	for (size_t i = 0; i < n; i++) {
		seen |= strcmp(all[i].name, "ada") == 0 ? 1 : strcmp(all[i].name, "bob") == 0 ? 2 : 4;
		class_status_free(&all[i]);
	}
	free(all);
	ok(seen == 3, "ada and bob, no temp file, no garbage, no file claiming another name");

	class_follow f = {0}, g = {0};
	snprintf(f.name, sizeof f.name, "prof");
	snprintf(f.lesson, sizeof f.lesson, "03-sigmoid-neuron");
	f.cell = 12;
	sb_adds(&f.suggest, "print(sigmoid(0))\n");
	ok(class_follow_load(store_class_dir(a), &g) != 0 && g.cell == 0, "no teacher position yet");
	ok(class_follow_save(a, &f) == STORE_OK, "the teacher publishes a position");
	ok(poll(&p, 1, 1000) == 1 && (class_watch_drain(w) & CLASS_SEEN_TEACHER), "students are woken");
	ok(class_follow_load(store_class_dir(b), &g) == 0 && g.cell == 12
	   && strcmp(g.lesson, "03-sigmoid-neuron") == 0 && strcmp(g.name, "prof") == 0
	   && strcmp(sb_str(&g.suggest), "print(sigmoid(0))\n") == 0, "and read it back");
	/* a teacher's session that ended (a crash too) leads no one */
	pid_t dead = fork();
	if (dead == 0)
		_exit(0);
	waitpid(dead, NULL, 0);
	f.pid = (long)getpid();
	ok(class_follow_save(a, &f) == STORE_OK && class_follow_load(store_class_dir(b), &g) == 0
	   && g.pid == (long)getpid() && class_follow_alive(&g), "the position names a live session");
	f.pid = (long)dead;
	ok(class_follow_save(a, &f) == STORE_OK && class_follow_load(store_class_dir(b), &g) == 0
	   && g.pid == (long)dead && !class_follow_alive(&g), "a session that ended is no teacher");
	class_follow_free(&f), class_follow_free(&g);
	class_watch_close(w);
	sb_free(&dir);
	store_free(a), store_free(b);
}

/* Saves a status for name on lesson at cell, passed as given, last active at when. */
static void member(store *st, const char *name, const char *lesson, unsigned cell,
                   const char *passed, time_t when, long pid)
{
	class_status s;
	fill(&s, name);
	snprintf(s.lesson, sizeof s.lesson, "%s", lesson);
	snprintf(s.state, sizeof s.state, "idle");
	s.cell = cell, s.when = when, s.pid = pid;
	sb_clear(&s.passed);
	sb_adds(&s.passed, passed);
	class_status_save(st, &s);
	class_status_free(&s);
}

static void test_board(void)
{
	store *st = store_new(0);
	store_set_member(st, "prof");
	strbuf dir = STRBUF_INIT, row = STRBUF_INIT, tot = STRBUF_INIT;
	store_class_folder(st, "status", &dir);
	char cmd[700];
	snprintf(cmd, sizeof cmd, "rm -f %s/*", dir.s);
	if (system(cmd) != 0)
		printf("# could not empty %s\n", dir.s);
	member(st, "cyd", "02-gradient-descent", 30, "Exercise 1\n*Exercise 2\n", 1000, getpid());
	member(st, "ada", "03-sigmoid-neuron", 12, "Exercise 1\n", 1100, getpid());
	member(st, "bob", "02-gradient-descent", 31, "Exercise 2\n", 900, 0);
	class_status t;
	fill(&t, "prof");
	t.role = CLASS_TEACHER;
	class_status_save(st, &t);
	class_status_free(&t);

	class_board b = {0};
	ok(class_board_load(&b, dir.s) == 0 && b.n == 4 && b.nshown == 3, "three students, the teacher not a row");
	ok(strcmp(b.s[b.order[0]].name, "ada") == 0 && strcmp(b.s[b.order[2]].name, "cyd") == 0, "sorted by name");
	class_board_row(&b, 0, 1130, &row);
	is_str(sb_str(&row), "ada          03-sigmoid-neuron        12/40 idle        1        30 s",
	       "a row: name, lesson, cell, state, passed, last activity");
	sb_clear(&row);
	class_board_row(&b, 1, 1000 + 7200, &row);
	ok(strstr(sb_str(&row), " gone ") && strstr(sb_str(&row), "2 h"), "a dead session is gone: %s", row.s);
	sb_clear(&row);
	class_board_row(&b, 2, 1000, &row);
	ok(strstr(sb_str(&row), "30/40") && strstr(sb_str(&row), " 2 (1*) "), "passed with the solution counted: %s", row.s);
	b.sort = BOARD_BY_ACTIVITY;
	class_board_arrange(&b);
	ok(strcmp(b.s[b.order[0]].name, "ada") == 0 && strcmp(b.s[b.order[2]].name, "bob") == 0,
	   "by activity: the latest first");
	b.sort = BOARD_BY_LESSON;
	class_board_arrange(&b);
	ok(strcmp(b.s[b.order[0]].name, "bob") == 0 && strcmp(b.s[b.order[1]].name, "cyd") == 0,
	   "by lesson, the furthest cell first");
	snprintf(b.filter, sizeof b.filter, "gradient");
	class_board_arrange(&b);
	ok(b.nshown == 2, "filtered by lesson");
	snprintf(b.filter, sizeof b.filter, "gone");
	class_board_arrange(&b);
	ok(b.nshown == 1 && strcmp(b.s[b.order[0]].name, "bob") == 0, "filtered by state");
	class_board_totals(&b, &tot);
	is_str(sb_str(&tot), "02-gradient-descent: 1/2 passed Exercise 1\n"
	       "02-gradient-descent: 2/2 passed Exercise 2 (1 with the solution shown)\n"
	       "03-sigmoid-neuron: 1/1 passed Exercise 1\n", "totals per exercise over the students on the lesson");
	class_board_free(&b);
	sb_free(&dir), sb_free(&row), sb_free(&tot);
	store_free(st);
}

static void test_words(void)
{
	class_follow f = {0};
	char buf[64];
	snprintf(f.lesson, sizeof f.lesson, "03-sigmoid-neuron");
	class_follow_where(&f, buf, sizeof buf);
	is_str(buf, "lesson 3", "a numbered lesson reads 'lesson 3'");
	snprintf(f.lesson, sizeof f.lesson, "my-notes");
	snprintf(f.title, sizeof f.title, "Notes for week 2");
	class_follow_where(&f, buf, sizeof buf);
	is_str(buf, "Notes for week 2", "another lesson by its title");
	ok(class_same_lesson("03-sigmoid-neuron", "/usr/share/nnbook/lessons/03-sigmoid-neuron.lua")
	   && class_same_lesson("03-sigmoid-neuron", "03-sigmoid-neuron")
	   && !class_same_lesson("03-sigmoid-neuron", "/x/03-sigmoid-neuron2.lua"),
	   "a lesson is the same by its name, with or without path and .lua");
	class_status x, y;
	fill(&x, "ada");
	fill(&y, "ada");
	y.when += 100;
	ok(class_status_same(&x, &y), "the time alone is no change");
	y.cell++;
	ok(!class_status_same(&x, &y), "a cell is");
	class_status_free(&x);
	class_status_free(&y);
}

int main(void)
{
	snprintf(root, sizeof root, "/tmp/nnbook-class-XXXXXX");
	if (!mkdtemp(root))
		return 1;
	setenv("HOME", P("home"), 1);
	setenv("XDG_DATA_HOME", P("data"), 1);
	setenv("XDG_STATE_HOME", P("state"), 1);
	test_roster();
	test_members_apart();
	test_status_format();
	test_status_files();
	test_board();
	test_words();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	return tap_done();
}
