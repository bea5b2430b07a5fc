/*
** klink_proc.c — the kernel's process, as the link sees it: what is made
** ready before the fork (so the kernel opens no file), the fork itself,
** the end (kill the whole group, reap), and the list of kernels alive
** that a fatal signal's handler kills (klink.h, klink_int.h).
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "klink_int.h"
#include "proto.h"

/* The kernels alive, for klink_kill_now (signal handlers read it). */
#define MAX_KERNELS 8
static volatile pid_t live[MAX_KERNELS];

double klink__now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void klink_kill_now(void)
{
	for (int i = 0; i < MAX_KERNELS; i++)
		if (live[i] > 0) {
			kill(-live[i], SIGKILL);
			kill(live[i], SIGKILL);
		}
}

static void remember(pid_t pid, pid_t was)
{
	for (int i = 0; i < MAX_KERNELS; i++)
		if (live[i] == was) {
			live[i] = pid;
			return;
		}
}

/* --- the process --------------------------------------------------------------- */

/* The process's address space now, in bytes. */
static size_t vm_size(void)
{
	unsigned long pages = 0;
	FILE *f = fopen("/proc/self/statm", "re");
	if (f) {
		if (fscanf(f, "%lu", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	return (size_t)pages * (size_t)sysconf(_SC_PAGESIZE);
}

/*
** What every kernel needs that takes a file, done here in the front end:
** /dev/null for its stdin and stdout and the time zone (os.date), once;
** the address space it starts from, before each fork (a kernel forked
** from a notebook holding many outputs starts bigger).  The kernel then
** opens nothing.
*/
static int prepare(klink_start *st)
{
	static int null_fd = -1;
	if (null_fd < 0) {
		null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		tzset();
		time_t t = 0;
		struct tm tm;
		localtime_r(&t, &tm);
		if (atexit(klink_kill_now) != 0)
			return -1;
	}
	st->null_fd = null_fd;
	st->base = vm_size();
	return null_fd < 0 ? -1 : 0;
}

int klink__spawn(klink *k, char *err, size_t errlen)
{
	klink_start st;
	int sv[2];
	if (prepare(&st) != 0) {
		snprintf(err, errlen, "cannot open /dev/null for the kernel: %s", strerror(errno));
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		snprintf(err, errlen, "cannot make the kernel's socket: %s", strerror(errno));
		return -1;
	}
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "cannot start the kernel process: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		/* a process group of its own: the terminal's ^C and ^Z are the front
		** end's; and it dies with the front end, whatever kills that */
		setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
		close(sv[0]);
		const char *vg = getenv("NNBOOK_VALGRIND");
		st.sock = sv[1];
		st.loose = vg && *vg && !k->o.restricted;
		serve_kernel(&st, &k->o);
	}
	setpgid(pid, pid);
	close(sv[1]);
	fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
	k->pid = pid;
	k->fd = sv[0];
	k->hello = 0;
	k->count = 0;
	remember(pid, 0);
	return 0;
}

/*
** Ends the kernel and reaps it; returns its wait status.  With `grace`,
** the socket is closed first and an idle kernel leaves by itself (its
** exit is what valgrind checks) for a moment before the group is killed.
*/
int klink__end(klink *k, double grace)
{
	int st = 0, gone = 0;
	if (k->pid <= 0)
		return 0;
	if (grace > 0) {
		/* the kernel leaves when its socket closes: its end closing says it left */
		shutdown(k->fd, SHUT_WR);
		char buf[4096];
		struct pollfd p = {k->fd, POLLIN, 0};
		for (double until = klink__now() + grace; klink__now() < until;) {
			if (poll(&p, 1, (int)((until - klink__now()) * 1000) + 1) <= 0 || read(k->fd, buf, sizeof buf) == 0)
				break;
		}
		gone = waitpid(k->pid, &st, WNOHANG) == k->pid;
	}
	if (!gone) {
		kill(-k->pid, SIGKILL);
		kill(k->pid, SIGKILL);
		while (waitpid(k->pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	remember(0, k->pid);
	close(k->fd);
	k->fd = -1;
	k->pid = 0;
	sb_free(&k->in);
	sb_free(&k->out);
	k->in_off = 0;
	proto_mirror_clear(k->m);
	return st;
}

/* Says in words how a kernel process ended. */
void klink__describe(int st, char *buf, size_t n)
{
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGSYS)
		snprintf(buf, n, "the system stopped it (it tried something lessons may not do)");
	else if (WIFSIGNALED(st) && (WTERMSIG(st) == SIGXCPU || WTERMSIG(st) == SIGKILL))
		snprintf(buf, n, "it was killed (signal %d)", WTERMSIG(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, n, "it crashed (signal %d: %s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
	else
		snprintf(buf, n, "it exited with status %d", WEXITSTATUS(st));
}
