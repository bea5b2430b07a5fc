/*
** klink_int.h — between the link's two ends: the front end forks, and the
** child becomes the kernel by calling serve_kernel (serve.c).
*/
#ifndef NNBOOK_KLINK_INT_H
#define NNBOOK_KLINK_INT_H

#include <stdint.h>
#include <sys/types.h>

#include "klink.h"
#include "proto.h"
#include "strbuf.h"

struct klink {
	klink_opts o;
	char *dir;
	pid_t pid;
	int fd;
	proto_mirror *m;
	strbuf in, out;           /* read and not parsed yet; queued to write */
	size_t in_off;
	uint32_t tag;
	blocklist *bl;            /* the running cell's outputs */
	int running, at_frame, changed;
	unsigned long frames, count;
	double started, frame_since, waited;   /* for the time limit */
	double interrupt_at;      /* 0: no interrupt asked */
	int replaced;             /* the last cell's kernel had to be replaced */
	int dropped;              /* the running cell's output did not fit: it ends as failed */
	int wall;
	char why[256];
	int hello;
};

/* --- klink_proc.c: the process ------------------------------------------------ */

/* Returns a monotonic clock in seconds. */
double klink__now(void);

/* Forks a kernel for k (k->pid, k->fd set); returns 0, or -1 with a message in err. */
int klink__spawn(klink *k, char *err, size_t errlen);

/*
** Ends k's kernel and reaps it; returns its wait status.  With grace > 0
** the socket is closed first and an idle kernel may leave by itself
** within grace seconds (so valgrind sees its exit).
*/
int klink__end(klink *k, double grace);

/* Says in words how a kernel process ended (its wait status). */
void klink__describe(int st, char *buf, size_t n);

/* What the front end prepares for a kernel before the fork, so it opens no file. */
typedef struct klink_start {
	int sock;        /* its end of the socket */
	int null_fd;     /* /dev/null, for its stdin and stdout */
	size_t base;     /* the address space before the lesson's, for RLIMIT_AS */
	int loose;       /* the seccomp filter off (valgrind only) */
} klink_start;

/* Runs the kernel process: never returns. */
void serve_kernel(const klink_start *st, const klink_opts *o) __attribute__((noreturn));

#endif
