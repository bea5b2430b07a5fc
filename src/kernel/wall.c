/*
** wall.c — rlimits, no new privileges and a seccomp filter (wall.h).
*/
#include "wall_int.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH 0x1000   /* Linux's value; <fcntl.h> shows it only with _GNU_SOURCE */
#endif

#if defined(__SANITIZE_ADDRESS__)
#define WALL_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WALL_ASAN 1
#endif
#endif

static int limit(int res, rlim_t soft, rlim_t hard)
{
	struct rlimit r = {soft, hard};
	return setrlimit(res, &r);
}

static int set_limits(int sock, size_t mem_limit, size_t base, int loose)
{
	int rc = 0;
#ifndef WALL_ASAN
	if (!loose) {
		/* the budget covers Lua and lesson data; code, stacks and malloc's
		** slack need some room of their own */
		rlim_t as = (rlim_t)(base + mem_limit + ((size_t)96 << 20));
		rc |= limit(RLIMIT_AS, as, as);
		rc |= limit(RLIMIT_DATA, as, as);
	}
#else
	(void)mem_limit;
	(void)base;
	(void)loose;
#endif
	if (!loose)   /* valgrind keeps descriptors of its own above ours */
		rc |= limit(RLIMIT_NOFILE, (rlim_t)sock + 1, (rlim_t)sock + 1);
	rc |= limit(RLIMIT_NPROC, 0, 0);
	rc |= limit(RLIMIT_CORE, 0, 0);
	rc |= limit(RLIMIT_MEMLOCK, 0, 0);
	rc |= limit(RLIMIT_CPU, WALL_CPU_SECONDS, WALL_CPU_SECONDS + 10);
	return rc;
}

#define ALLOW(call, ...) \
	if (seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(call), __VA_ARGS__) != 0) \
		rc = -1

/* The calls that would reach outside: the process dies before they run. */
static int deny_hard(scmp_filter_ctx ctx)
{
	static const int calls[] = {
		SCMP_SYS(execve), SCMP_SYS(execveat), SCMP_SYS(fork), SCMP_SYS(vfork),
		SCMP_SYS(clone), SCMP_SYS(clone3), SCMP_SYS(socket), SCMP_SYS(socketpair),
		SCMP_SYS(connect), SCMP_SYS(bind), SCMP_SYS(listen), SCMP_SYS(accept),
		SCMP_SYS(accept4), SCMP_SYS(sendto), SCMP_SYS(ptrace), SCMP_SYS(process_vm_readv),
		SCMP_SYS(process_vm_writev), SCMP_SYS(ioctl), SCMP_SYS(personality),
		SCMP_SYS(setuid), SCMP_SYS(setgid), SCMP_SYS(mount), SCMP_SYS(unshare),
		SCMP_SYS(setns), SCMP_SYS(bpf), SCMP_SYS(userfaultfd), SCMP_SYS(perf_event_open),
		SCMP_SYS(keyctl), SCMP_SYS(add_key), SCMP_SYS(request_key),
	};
	int rc = 0;
#ifdef WALL_ASAN
	/* the sanitizer runs a symbolizer when it reports: the default EPERM
	** lets that fail, so its report still reaches stderr (libseccomp
	** refuses a rule whose action is the default's, so there is none) */
	(void)ctx;
	(void)calls;
#else
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++)
		if (calls[i] >= 0 && seccomp_rule_add(ctx, SCMP_ACT_KILL_PROCESS, calls[i], 0) != 0)
			rc = -1;
#endif
	return rc;
}

static int allow_needed(scmp_filter_ctx ctx, int sock)
{
	int rc = 0;
	pid_t me = getpid();
	ALLOW(read, 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)sock));
	ALLOW(write, 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)sock));
	ALLOW(write, 1, SCMP_A0(SCMP_CMP_EQ, 2));
	ALLOW(writev, 1, SCMP_A0(SCMP_CMP_EQ, 2));
	ALLOW(poll, 0);
	ALLOW(ppoll, 0);
	ALLOW(close, 0);
	ALLOW(fstat, 0);
	ALLOW(newfstatat, 1, SCMP_A3(SCMP_CMP_EQ, AT_EMPTY_PATH));
	ALLOW(lseek, 0);
	ALLOW(mmap, 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	ALLOW(mprotect, 1, SCMP_A2(SCMP_CMP_MASKED_EQ, PROT_EXEC, 0));
	ALLOW(munmap, 0);
	ALLOW(mremap, 0);
	ALLOW(brk, 0);
	ALLOW(madvise, 0);
	ALLOW(futex, 0);
	ALLOW(getrandom, 0);
	ALLOW(clock_gettime, 0);
	ALLOW(clock_getres, 0);
	ALLOW(gettimeofday, 0);
	ALLOW(time, 0);
	ALLOW(nanosleep, 0);
	ALLOW(setitimer, 1, SCMP_A0(SCMP_CMP_EQ, ITIMER_VIRTUAL));   /* kernel.c's tick */
	ALLOW(clock_nanosleep, 0);
	ALLOW(getrusage, 0);
	ALLOW(times, 0);
	ALLOW(sched_yield, 0);
	ALLOW(getpid, 0);
	ALLOW(gettid, 0);
	ALLOW(getppid, 0);
	ALLOW(rt_sigaction, 0);
	ALLOW(rt_sigprocmask, 0);
	ALLOW(rt_sigreturn, 0);
	ALLOW(sigaltstack, 0);
	ALLOW(restart_syscall, 0);
	ALLOW(tgkill, 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)me));
	ALLOW(kill, 1, SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)me));
	ALLOW(prlimit64, 1, SCMP_A2(SCMP_CMP_EQ, 0));   /* reading limits only */
	ALLOW(exit, 0);
	ALLOW(exit_group, 0);
	return rc;
}

/* Loads the filter; returns 1, or 0 with why not in note. */
static int filter(int sock, char *note, size_t notelen)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (!ctx) {
		snprintf(note, notelen, "seccomp is not available here");
		return 0;
	}
	int rc = allow_needed(ctx, sock) | deny_hard(ctx);
	if (rc != 0) {
		seccomp_release(ctx);
		snprintf(note, notelen, "the seccomp filter could not be built");
		return 0;
	}
	rc = seccomp_load(ctx);
	seccomp_release(ctx);
	if (rc != 0) {
		snprintf(note, notelen, "the system refused the seccomp filter (%s)", strerror(-rc));
		return 0;
	}
	return 1;
}

int wall_apply(int sock, size_t mem_limit, size_t base, int loose, char *note, size_t notelen)
{
	note[0] = '\0';
	if (set_limits(sock, mem_limit, base, loose) != 0) {
		snprintf(note, notelen, "cannot set the kernel's resource limits: %s", strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		snprintf(note, notelen, "cannot set no-new-privileges: %s", strerror(errno));
		return -1;
	}
	if (loose) {
		snprintf(note, notelen, "the seccomp filter is off (NNBOOK_VALGRIND)");
		return 0;
	}
	return filter(sock, note, notelen);
}
