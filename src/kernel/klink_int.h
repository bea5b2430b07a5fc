/*
** klink_int.h — between the link's two ends: the front end forks, and the
** child becomes the kernel by calling klink__serve (serve.c).
*/
#ifndef NNBOOK_KLINK_INT_H
#define NNBOOK_KLINK_INT_H

#include "klink.h"

/* What the front end prepares for a kernel before the fork, so it opens no file. */
typedef struct klink_start {
	int sock;        /* its end of the socket */
	int null_fd;     /* /dev/null, for its stdin and stdout */
	size_t base;     /* the address space before the lesson's, for RLIMIT_AS */
	int loose;       /* the seccomp filter off (valgrind only) */
} klink_start;

/* Runs the kernel process: never returns. */
void klink__serve(const klink_start *st, const klink_opts *o) __attribute__((noreturn));

#endif
