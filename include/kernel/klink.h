/*
** klink.h — the front end's link to its kernel process.
**
** Lesson code never runs in the front end.  klink_new() forks a kernel
** process that holds the Lua state, walls itself in (wall.h: rlimits,
** no new privileges, a seccomp filter: no files, no programs, no
** network) and answers over a socket (proto.h).  The front end sends runs,
** steps and interrupts and keeps a mirror of the outputs, so it can draw,
** scroll and resize while the kernel is busy, and it can always stop it:
**
**   - an interrupt is a message; a cell that has not stopped a second
**     later (two under a time limit) is killed with its process group,
**     a fresh kernel starts, and the cell's output ends with an error
**     block saying so;
**   - with a time limit, a cell still running its limit + 2 s after it
**     started (frame waits not counted) is killed the same way;
**   - a kernel that dies (a crash, the seccomp filter, an rlimit) is
**     noticed, reported in the same way and replaced;
**   - the kernel dies with the front end: PR_SET_PDEATHSIG, and
**     klink_free() / klink_kill_now() on every exit path.
**
** require() in the kernel becomes a message the link answers by reading
** the lesson's own module (modfile.h), so the kernel never opens a file.
** Everything the mirror keeps is charged to this process's memory budget
** (mem.h), which the front end sets to klink_front_cap(): twice the
** lesson's budget, so one cell's outputs always fit (the kernel fails
** first), and outputs piled up over many cells stop at a fixed cap (the
** kernel is then replaced, with a message).
*/
#ifndef NNBOOK_KLINK_H
#define NNBOOK_KLINK_H

#include <stddef.h>

#include "block.h"

typedef struct klink klink;

typedef struct klink_opts {
	size_t mem_limit;      /* the lesson's budget in bytes; 0 = 256 MiB */
	double timeout;        /* seconds of running time per cell; 0: none */
	const char *dir;       /* the lesson's folder, for require() (NULL: none) */
	int restricted;        /* restricted mode: the OS wall is never loosened */
	/* tests only: runs in the kernel process once its wall is up */
	void (*child_hook)(void);
} klink_opts;

/* What klink_poll saw. */
typedef enum klink_event {
	KL_NONE,     /* nothing (or only output that changed: see klink_changed) */
	KL_FRAME,    /* the cell reached frame() and waits for klink_go (wait mode) */
	KL_DONE,     /* the cell finished */
	KL_ERROR     /* the cell failed, was stopped, or its kernel had to be replaced */
} klink_event;

/* Run flags. */
#define KL_WAIT 1   /* pause at each frame() until klink_go (the notebook); else run on */
#define KL_LIVE 2   /* outputs arrive while the cell runs; else when it ends */

/*
** Starts a kernel process.  Returns the link, or NULL with a message in
** err.  The kernel's first words (its wall, see klink_wall) are read when
** it is first needed, so the front end loads the lesson meanwhile.
*/
klink *klink_new(const klink_opts *o, char *err, size_t errlen);

/* Kills the kernel (its whole process group) and frees the link; NULL is a no-op. */
void klink_free(klink *k);

/* Replaces the kernel by a fresh one (variables are gone); returns 0 or -1. */
int klink_restart(klink *k);

/*
** Starts a cell: its source, the chunk name and the file line of its first
** line (for tracebacks), where its outputs go, KL_WAIT / KL_LIVE flags.
** Returns 0, or -1 when a cell is running already or the kernel is gone.
*/
int klink_run(klink *k, const char *src, size_t len, const char *name, int first_line,
              blocklist *out, int flags);

/*
** Waits up to ms milliseconds (0: not at all, -1: until something
** happens) for the kernel, applies what it sent to the outputs, answers
** require(), and enforces the interrupt grace and the time limit.
*/
klink_event klink_poll(klink *k, int ms);

/* Returns 1 (and forgets it) when outputs changed since the last call. */
int klink_changed(klink *k);

/* Lets a cell waiting at a frame go on. */
void klink_go(klink *k);

/* Asks the running cell to stop (see the grace above).  Not for signal handlers. */
void klink_interrupt(klink *k);

/* Returns 1 when the last cell ended with its kernel replaced (its variables are gone). */
int klink_replaced(const klink *k);

/* Returns 1 while a cell runs (or waits at a frame). */
int klink_busy(const klink *k);


/* Returns the frames the running (or last) cell reached. */
unsigned long klink_frames(const klink *k);

/* Returns the cells run since this kernel started (Jupyter's [n]). */
unsigned long klink_count(const klink *k);

/* Returns the descriptor to poll for the kernel's messages. */
int klink_fd(const klink *k);

/*
** Returns the milliseconds until klink_poll must run again to enforce a
** deadline (interrupt grace, time limit), or -1 when there is none.
*/
int klink_due_ms(const klink *k);

/*
** Returns 1 when the kernel runs behind its seccomp filter, 0 when the
** system does not allow one (then *why says so) — the Lua sandbox alone.
*/
int klink_wall(klink *k, const char **why);

/* Returns the kernel's process id (0 when there is none). */
int klink_pid(const klink *k);

/* Returns the front end's memory cap for a lesson budget (0: the default 256 MiB). */
size_t klink_front_cap(size_t mem_limit);

/*
** Kills every kernel of this process at once, with async-signal-safe calls
** only: for fatal signal handlers and exit paths that cannot free.
*/
void klink_kill_now(void);

#endif
