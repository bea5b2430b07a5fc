/*
** klink_int.h — between the link's two ends: the front end forks, and the
** child becomes the kernel by calling klink__serve (serve.c).
*/
#ifndef NNBOOK_KLINK_INT_H
#define NNBOOK_KLINK_INT_H

#include "klink.h"

/*
** Runs the kernel process on the socket `sock`: never returns.  `loose`
** leaves the seccomp filter off (valgrind only).
*/
void klink__serve(int sock, const klink_opts *o, int loose) __attribute__((noreturn));

#endif
