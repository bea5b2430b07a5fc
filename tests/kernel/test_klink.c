/*
** test_klink.c — the kernel process seen from the front end: it runs
** cells and sends their outputs, the operating system walls it in (a
** kernel that calls open or execve itself is stopped, its limits are in
** /proc), a cell stuck inside C is killed and the kernel replaced, a
** kernel that dies is noticed, require() is answered by the front end
** only with the lesson's own modules, and no kernel outlives its link.
*/
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "block.h"
#include "klink.h"
#include "mem.h"
#include "tap.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *dir;   /* a folder with the lesson's own modules */
static int loose;         /* under valgrind: the wall is loosened (wall.h), times are longer */

static klink *start(double timeout, void (*hook)(void))
{
	char err[256];
	klink_opts o = {64u << 20, timeout, dir, 0, hook};
	klink *k = klink_new(&o, err, sizeof err);
	if (!k)
		printf("# klink_new: %s\n", err);
	return k;
}

/* Runs a cell to its end (optionally asking it to stop after `stop_after` s); returns the event. */
static klink_event run(klink *k, const char *src, blocklist *out, double stop_after, double *took)
{
	blocklist_clear(out);
	double t0 = now();
	if (klink_run(k, src, strlen(src), "lesson.lua", 1, out, KL_LIVE) != 0)
		return KL_NONE;
	int asked = 0;
	for (;;) {
		if (stop_after >= 0 && !asked && now() - t0 >= stop_after) {
			klink_interrupt(k);
			asked = 1;
		}
		klink_event ev = klink_poll(k, 50);
		if (ev == KL_DONE || ev == KL_ERROR) {
			if (took)
				*took = now() - t0;
			return ev;
		}
		if (ev == KL_FRAME)
			klink_go(k);
		if (now() - t0 > 30)
			return KL_NONE;
	}
}

/* The text of all blocks, in one of four buffers used in turn (a check
** may call it twice in one statement). */
static const char *text_of(const blocklist *bl)
{
	static strbuf ring[4];
	static int at;
	strbuf *b = &ring[at++ % 4];
	strbuf sb = *b;
	sb_clear(&sb);
	for (size_t i = 0; i < bl->n; i++) {
		sb_adds(&sb, sb_str(&bl->items[i]->text));
		sb_adds(&sb, sb_str(&bl->items[i]->detail));
	}
	for (size_t i = 0; i < sb.len; i++)   /* one line in a TAP message */
		if (sb.s[i] == '\n')
			sb.s[i] = '|';
	*b = sb;
	return sb_str(b);
}

/* Reads a line of /proc/PID/FILE that starts with key; returns it or "". */
static const char *proc_line(int pid, const char *file, const char *key)
{
	static char line[512];
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
	FILE *f = fopen(path, "r");
	line[0] = '\0';
	if (!f)
		return line;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, key, strlen(key)) == 0) {
			fclose(f);
			line[strcspn(line, "\n")] = '\0';
			return line;
		}
	fclose(f);
	line[0] = '\0';
	return line;
}

static int alive(int pid)
{
	return pid > 0 && kill(pid, 0) == 0 && !strstr(proc_line(pid, "status", "State:"), "zombie");
}

static void test_runs(void)
{
	blocklist out = BLOCKLIST_INIT;
	klink *k = start(0, NULL);
	ok(k != NULL, "a kernel process starts");
	if (!k)
		return;
	ok(klink_pid(k) > 0 && klink_pid(k) != getpid(), "in a process of its own (%d)", klink_pid(k));
	ok(run(k, "x = 40 print(x + 2)", &out, -1, NULL) == KL_DONE && strcmp(text_of(&out), "42|") == 0,
	   "a cell runs there and its print comes back: %s", text_of(&out));
	ok(run(k, "print(x)", &out, -1, NULL) == KL_DONE && strcmp(text_of(&out), "40|") == 0,
	   "the next cell sees its globals");
	ok(run(k, "error('boom')", &out, -1, NULL) == KL_ERROR && strstr(text_of(&out), "lesson.lua:1: boom"),
	   "an error comes back with its place: %s", text_of(&out));
	ok(run(k, "local t = table.new{'a'} for i = 1, 5 do t:add{i} end", &out, -1, NULL) == KL_DONE &&
	   out.n == 1 && out.items[0]->kind == BLOCK_TABLE, "a table arrives as a table");
	ok(klink_count(k) == 4, "cells are counted (%lu)", klink_count(k));
	const char *why;
	int wall = klink_wall(k, &why);
	int pid = klink_pid(k);
	if (loose) {
		printf("# under valgrind the kernel's wall is loosened: its checks are not judged (%s)\n", why);
	} else {
		ok(wall == 1, "the seccomp filter is up (%s)", wall ? "yes" : why);
		ok(strstr(proc_line(pid, "status", "NoNewPrivs:"), "1") != NULL, "no new privileges");
		ok(strstr(proc_line(pid, "status", "Seccomp:"), "2") != NULL, "seccomp in filter mode: %s",
		   proc_line(pid, "status", "Seccomp:"));
		ok(strstr(proc_line(pid, "limits", "Max processes"), " 0 ") != NULL, "RLIMIT_NPROC 0: %s",
		   proc_line(pid, "limits", "Max processes"));
		ok(strstr(proc_line(pid, "limits", "Max core file size"), " 0 ") != NULL, "RLIMIT_CORE 0");
		ok(strstr(proc_line(pid, "limits", "Max open files"), " 4 ") != NULL,
		   "RLIMIT_NOFILE just above the socket: %s", proc_line(pid, "limits", "Max open files"));
		ok(strstr(proc_line(pid, "limits", "Max cpu time"), "28800") != NULL, "a last-resort CPU limit: %s",
		   proc_line(pid, "limits", "Max cpu time"));
#ifndef __SANITIZE_ADDRESS__
		ok(!strstr(proc_line(pid, "limits", "Max address space"), "unlimited"), "an address-space limit: %s",
		   proc_line(pid, "limits", "Max address space"));
#endif
	}
	klink_free(k);
	usleep(100000);
	ok(!alive(pid), "freeing the link ends the kernel");
	blocklist_clear(&out);
}

/* The test hooks: a kernel that does what no lesson may, itself, behind its wall. */
static void try_open(void)
{
	int fd = open("/etc/hostname", O_RDONLY);
	if (fd >= 0)
		_exit(42);     /* the wall did not hold: the test sees the kernel die with 42 */
	if (errno != EPERM)
		_exit(43);
}

static void try_exec(void)
{
	char *argv[] = {"/bin/true", NULL};
	execve("/bin/true", argv, NULL);
	_exit(errno == EPERM ? 44 : 45);   /* reached only when execve returned */
}

static void try_fork(void)
{
	pid_t p = fork();
	if (p == 0)
		_exit(0);
	_exit(46);
}

static void test_wall(void)
{
	blocklist out = BLOCKLIST_INIT;
	klink *k = start(0, try_open);
	ok(k != NULL && klink_wall(k, NULL) == 1, "a kernel that opened a file itself was refused with EPERM and lives on");
	if (k) {
		ok(run(k, "print('alive')", &out, -1, NULL) == KL_DONE, "and runs cells");
		klink_free(k);
	}
	char err[256];
	const char *why = "";
	klink_opts o = {64u << 20, 0, NULL, 0, try_exec};
	k = klink_new(&o, err, sizeof err);
	int wall = k ? klink_wall(k, &why) : -1;
	ok(k && wall == 0 && (strstr(why, "stopped it") || strstr(why, "status 44")),
	   "a kernel that calls execve itself is stopped by the filter: %s", why);
	klink_free(k);
	o.child_hook = try_fork;
	k = klink_new(&o, err, sizeof err);
	wall = k ? klink_wall(k, &why) : -1;
	ok(k && wall == 0 && (strstr(why, "stopped it") || strstr(why, "status 46")),
	   "a kernel that forks is stopped by the filter: %s", why);
	klink_free(k);
	blocklist_clear(&out);
}

/* Runs src, and after `after` s stops the kernel process (SIGSTOP): it can answer nothing. */
static klink_event run_deaf(klink *k, const char *src, blocklist *out, double after, int interrupt,
                            double *took)
{
	blocklist_clear(out);
	double t0 = now();
	if (klink_run(k, src, strlen(src), "lesson.lua", 1, out, KL_LIVE) != 0)
		return KL_NONE;
	int stopped = 0;
	for (;;) {
		if (!stopped && now() - t0 >= after) {
			kill(klink_pid(k), SIGSTOP);
			if (interrupt)
				klink_interrupt(k);
			stopped = 1;
			t0 = now();
		}
		klink_event ev = klink_poll(k, 20);
		if (ev == KL_DONE || ev == KL_ERROR) {
			*took = now() - t0;
			return ev;
		}
		if (now() - t0 > 30)
			return KL_NONE;
	}
}

static void test_stops(void)
{
	blocklist out = BLOCKLIST_INIT;
	klink *k = start(0, NULL);
	if (!k)
		return;
	double took = 0;
	klink_event ev = run(k, "while true do end", &out, 0.3, &took);
	ok(ev == KL_ERROR && strstr(text_of(&out), "interrupted"),
	   "a Lua loop stops on interrupt (%.2f s): %s", took, text_of(&out));
	int pid = klink_pid(k);
	ok(took < 0.3 + (loose ? 2 : 0.2) && klink_pid(k) == pid,
	   "within a slice of the interrupt, and the kernel lives on");
	/* an interrupt sent right behind the run, read with it before the cell starts */
	int early = 0;
	for (int i = 0; i < 5; i++)
		early += run(k, "while true do end", &out, 0, &took) == KL_ERROR && took < 0.5
		         && strstr(text_of(&out), "interrupted") && klink_pid(k) == pid;
	ok(early == 5, "an interrupt right behind its run stops the cell, never the kernel (%d of 5)",
	   early);
	/* a pattern that backtracks for ever, inside one C call of Lua's */
	const char *stuck = "local s = string.rep('a', 40) .. 'b' "
	                    "print(string.find(s, string.rep('a*', 40) .. 'c'))";
	ev = run(k, stuck, &out, 0.3, &took);
	ok(ev == KL_ERROR && took < (loose ? 10 : 0.3 + 0.5) && strstr(text_of(&out), "interrupted") &&
	   klink_pid(k) == pid, "a cell inside C's pattern matcher stops on interrupt by itself (%.2f s): %s",
	   took, text_of(&out));
	ev = run_deaf(k, "while true do end", &out, 0.2, 1, &took);
	ok(ev == KL_ERROR && took >= 0.9 && took < (loose ? 10 : 2) && strstr(text_of(&out), "did not stop"),
	   "a kernel that does not answer an interrupt is killed and replaced after 1 s (%.2f s): %s",
	   took, text_of(&out));
	ok(klink_pid(k) != pid && klink_replaced(k), "by a new process (%d -> %d)", pid, klink_pid(k));
	ok(run(k, "print('next')", &out, -1, NULL) == KL_DONE && strcmp(text_of(&out), "next|") == 0,
	   "the next cell runs");
	klink_free(k);

	k = start(1, NULL);
	ev = run(k, stuck, &out, -1, &took);
	ok(ev == KL_ERROR && took < (loose ? 10 : 1.5) && strstr(text_of(&out), "time limit"),
	   "with a time limit of 1 s, the pattern stops by itself (%.2f s): %s", took, text_of(&out));
	ev = run_deaf(k, "while true do end", &out, 0.2, 0, &took);
	ok(ev == KL_ERROR && took < (loose ? 10 : 1 + 2 + 0.5) && strstr(text_of(&out), "time limit"),
	   "a kernel that does not answer is killed at its time limit + 2 s (%.2f s): %s",
	   took, text_of(&out));
	ok(run(k, "print('next')", &out, -1, NULL) == KL_DONE, "and the next cell runs");
	pid = klink_pid(k);
	kill(pid, SIGKILL);
	ev = run(k, "print('after')", &out, -1, NULL);
	ok((ev == KL_ERROR && strstr(text_of(&out), "restarted")) || ev == KL_DONE,
	   "a kernel killed from outside is noticed and replaced: %s", text_of(&out));
	ok(klink_pid(k) != pid && alive(klink_pid(k)), "by a new process");
	klink_free(k);
	blocklist_clear(&out);
}

/* Runs src and returns 1 when it failed with `want` in its message. */
static int fails_with(klink *k, const char *src, const char *want, blocklist *out)
{
	return run(k, src, out, -1, NULL) == KL_ERROR && strstr(text_of(out), want) != NULL;
}

static void test_require(void)
{
	blocklist out = BLOCKLIST_INIT;
	klink *k = start(0, NULL);
	if (!k)
		return;
	ok(run(k, "local m = require 'helper' print(m.answer)", &out, -1, NULL) == KL_DONE &&
	   strcmp(text_of(&out), "42|") == 0, "require finds the lesson's own module");
	ok(run(k, "local m = require 'sub.inner' print(m)", &out, -1, NULL) == KL_DONE &&
	   strcmp(text_of(&out), "inner|") == 0, "and one in a subfolder");
	ok(fails_with(k, "require 'linked.inner'", "symbolic link", &out),
	   "not through a symlinked folder, and the message says why");
	ok(fails_with(k, "require 'fifo'", "not a regular file", &out),
	   "not a FIFO (and it does not hang), and the message says why");
	ok(fails_with(k, "require 'nothere'", "not found (looked for", &out), "a missing module is 'not found'");
	ok(run(k, "require 'io'", &out, -1, NULL) == KL_ERROR, "not a library of Lua's");
	ok(run(k, "require 'load'", &out, -1, NULL) == KL_ERROR, "not a private name");
	ok(fails_with(k, "require '../x'", "not a module name", &out), "not a path");
	ok(fails_with(k, "require 'sub\\0inner'", "zero bytes", &out), "not a name with a zero byte in it");
	klink_free(k);
	blocklist_clear(&out);
}

/*
** The notebook keeps every cell's outputs; when they fill its cap, the cell
** that does not fit is stopped with a message, and the kernel (with its
** variables) is kept.
*/
static void test_outputs_full(void)
{
	char err[256];
	size_t budget = (size_t)16 << 20;
	klink_opts o = {budget, 0, NULL, 0, NULL};
	mem_set_limit(klink_front_cap(budget));
	klink *k = klink_new(&o, err, sizeof err);
	if (!k)
		return;
	blocklist cells[12];
	int pid = klink_pid(k), full = -1;
	const char *src = "x = (x or 0) + 1 local f = plot.figure{} "
	                  "local p = nn.random.uniform(0, 1, 400000) f:scatter(p, p) f:show()";
	for (int i = 0; i < 12; i++) {
		cells[i] = (blocklist)BLOCKLIST_INIT;
		if (full < 0 && run(k, src, &cells[i], -1, NULL) == KL_ERROR &&
		    strstr(text_of(&cells[i]), "holds as many outputs as it may"))
			full = i;
	}
	ok(full > 0, "after %d cells of big figures the notebook says its outputs are full", full);
	ok(klink_pid(k) == pid && !klink_replaced(k), "and keeps the kernel");
	blocklist_clear(&cells[0]);
	blocklist_clear(&cells[1]);
	blocklist out = BLOCKLIST_INIT;
	ok(run(k, "print(x)", &out, -1, NULL) == KL_DONE, "clearing two cells' outputs makes room: %s",
	   text_of(&out));
	ok(strtol(text_of(&out), NULL, 10) == full + 1, "the variables are all there (x = %s)", text_of(&out));
	for (int i = 0; i < 12; i++)
		blocklist_clear(&cells[i]);
	blocklist_clear(&out);
	klink_free(k);
	mem_set_limit(0);
}

/*
** A kernel started after the front end grew (many outputs kept) still gets
** its whole budget: its address-space limit counts from its own start.
*/
static void test_restart_budget(void)
{
	char err[256];
	size_t budget = (size_t)64 << 20;
	klink_opts o = {budget, 0, NULL, 0, NULL};
	mem_set_limit(klink_front_cap(budget));
	klink *k = klink_new(&o, err, sizeof err);
	if (!k)
		return;
	blocklist big[3], out = BLOCKLIST_INIT;
	int shown = 0;
	for (int i = 0; i < 3; i++) {
		big[i] = (blocklist)BLOCKLIST_INIT;
		shown += run(k, "local f = plot.figure{} local p = nn.random.uniform(0, 1, 2000000) "
		                "f:scatter(p, p)", &big[i], -1, NULL) == KL_DONE;
	}
	ok(shown == 3, "three 32 MB figures are shown (the front end keeps their copies)");
	ok(klink_restart(k) == 0, "the kernel restarts");
	ok(run(k, "local a = nn.zeros{7000, 1000} print(a.size)", &out, -1, NULL) == KL_DONE,
	   "the new kernel still gets its budget: a 56 MB array fits: %s", text_of(&out));
	for (int i = 0; i < 3; i++)
		blocklist_clear(&big[i]);
	blocklist_clear(&out);
	klink_free(k);
	mem_set_limit(0);
}

/* Makes the lesson folder the require tests use. */
static void make_dir(char *tmpl)
{
	char path[512];
	dir = mkdtemp(tmpl);
	if (!dir)
		return;
	snprintf(path, sizeof path, "%s/helper.lua", dir);
	FILE *f = fopen(path, "w");
	if (f) {
		fputs("return {answer = 42}\n", f);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/sub", dir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/sub/inner.lua", dir);
	if ((f = fopen(path, "w"))) {
		fputs("return 'inner'\n", f);
		fclose(f);
	}
	snprintf(path, sizeof path, "%s/linked", dir);
	if (symlink("sub", path) != 0)
		printf("# symlink failed\n");
	snprintf(path, sizeof path, "%s/fifo.lua", dir);
	mkfifo(path, 0600);
}

int main(void)
{
	char tmpl[] = "/tmp/nnbook-klink-XXXXXX";
	signal(SIGPIPE, SIG_IGN);
	make_dir(tmpl);
	const char *vg = getenv("NNBOOK_VALGRIND");
	loose = vg && *vg;
	test_runs();
	if (!loose)
		test_wall();
	test_stops();
	test_require();
	test_outputs_full();
#ifndef __SANITIZE_ADDRESS__
	if (!loose)
		test_restart_budget();   /* an address-space limit is set only outside ASan and valgrind */
#endif
	if (dir) {
		char cmd[600];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", dir);
	}
	return tap_done();
}
