/*
** wall_int.h — the operating system's wall around a kernel process.
**
** Applied in the kernel process after its Lua state exists and before any
** lesson code runs, in this order:
** The front end prepares what would need a file (the time zone, /dev/null,
** the address space so far) before it forks, so the kernel process opens
** no file at all, before its wall or after.
**
**   - resource limits: address space and data a little above the memory
**     budget (not under AddressSanitizer, whose shadow memory needs
**     terabytes of address space), no new files (RLIMIT_NOFILE just above
**     the socket), no processes (RLIMIT_NPROC 0), no core dumps, and a
**     CPU-time limit as a last resort;
**   - PR_SET_NO_NEW_PRIVS;
**   - a seccomp filter (libseccomp) that allows what the kernel needs from
**     then on — reading and writing its socket (and writing stderr),
**     memory mapping without PROT_EXEC, clocks, signals to itself, exit —
**     makes open/stat and the rest fail with EPERM, and kills the process
**     outright for execve, fork/clone, sockets, ptrace and the like.
**
X
** the process; never in restricted mode) leaves out the filter and the
** address-space limit.  Where the system has no seccomp, the rest still
** applies and the note says so.
*/
#ifndef NNBOOK_WALL_H
#define NNBOOK_WALL_H

#include <stddef.h>

/* The last-resort CPU limit of a kernel process, in seconds. */
#define WALL_CPU_SECONDS (8 * 3600)

/*
** Walls in this process, whose only descriptors are 0-2 and sock; `base`
** is its address space before the lesson's (the address-space limit is
** base + mem_limit + some room).  Opens no file.  Returns 1 when the
** seccomp filter is on, 0 when it is not (the reason in note), -1 when a
** limit could not be set (the reason in note).
*/
int wall_apply(int sock, size_t mem_limit, size_t base, int loose, char *note, size_t notelen);

#endif
