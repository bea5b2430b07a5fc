/*
** kernel.h — runs a lesson's cells in one sandboxed Lua state.
**
** Cells share the state, so globals a cell defines are there for the next
** one, as in Jupyter.  Each cell runs as a coroutine under a hook that a
** timer of the process's CPU time sets every 4 ms (SIGVTALRM: the
** program that embeds the kernel keeps SIGALRM and the real-time timer);
** kernel_resume() returns to the caller whenever
**   - a time slice ends (so the screen can redraw and keys be read),
**   - the cell calls frame() (one animation step: the caller decides when
**     to go on — at once headless, after a delay when playing, on a key
**     when stepping),
**   - the cell finishes or fails (an error block with a traceback whose
**     frames name the lesson file and its real line numbers).
** An interrupt or the time limit raises an error inside the cell — again
** on every hook tick, so a pcall in the cell cannot swallow it — and the
** state survives for the next cell.
**
** A slice can only end on the cell's own coroutine: inside a coroutine the
** lesson made, a yield would reach the lesson's own code.  There the hook
** calls opts.service instead when the slice is over (the kernel process
** sends output and reads messages, an interrupt among them), and the loop
** runs on until it returns, is interrupted or hits the time limit.
**
** The kernel knows nothing about the screen: output goes to the block list
** given to kernel_start().
*/
#ifndef NNBOOK_KERNEL_H
#define NNBOOK_KERNEL_H

#include <stddef.h>

#include "block.h"
#include "strbuf.h"

typedef struct kernel kernel;

/*
** Finds the source of module `name` for require(): appends it to `src` and
** the chunk name errors should show (the file's path) to `chunk`, and
** returns 0; or returns -1 with the reason in `chunk`.
*/
typedef int (*kernel_loader)(void *ud, const char *name, strbuf *src, strbuf *chunk);

typedef struct kernel_opts {
	size_t mem_limit;    /* bytes for Lua and lesson data; 0 = 256 MiB */
	double timeout;      /* seconds of running time per cell; 0 = no limit */
	const char *dir;     /* the lesson's folder: require() reads Lua files there
	                     ** itself when no loader is given (NULL: nowhere) */
	double slice;        /* seconds per time slice; 0 = 0.02 */
	kernel_loader loader;          /* answers require(); NULL: read from dir */
	void (*service)(void *ud);     /* called once a slice is over where the cell cannot
	                               ** yield (inside a coroutine of the lesson's, a sort
	                               ** comparator): the kernel process sends output and
	                               ** reads the front end's messages there */
	void (*reclaim)(void *ud);     /* when memory runs short, after Lua's collector: let go
	                               ** of what only the kernel's side still holds */
	void *ud;                      /* for loader, service and reclaim */
} kernel_opts;

typedef enum kernel_event {
	KERNEL_SLICE,  /* a time slice ended: call kernel_resume again soon */
	KERNEL_FRAME,  /* the cell called frame() */
	KERNEL_DONE,   /* the cell finished */
	KERNEL_ERROR,  /* the cell failed; an error block was appended */
	KERNEL_IDLE    /* no cell is running */
} kernel_event;

/*
** Returns a new kernel with a fresh sandboxed state, or NULL with a message
** in err.  Free with kernel_free.
*/
kernel *kernel_new(const kernel_opts *opts, char *err, size_t errlen);

/* Closes the state and frees k; NULL is a no-op. */
void kernel_free(kernel *k);

/* Replaces the state with a fresh one (a running cell is dropped).  Returns 0 or -1. */
int kernel_restart(kernel *k);

/*
** Compiles src (len bytes) as a cell and prepares it to run; output goes to
** `out`.  `name` is the file name errors show and first_line the file line
** of src's first line, so messages read "lessons/x.lua:57: ...".
** Returns KERNEL_SLICE when the cell is ready (call kernel_resume),
** KERNEL_ERROR when it does not compile (an error block was appended), or
** KERNEL_IDLE when a cell is already running (nothing done).
*/
kernel_event kernel_start(kernel *k, const char *src, size_t len, const char *name,
                          int first_line, blocklist *out);

/* Runs the current cell until the next event (see above). */
kernel_event kernel_resume(kernel *k);

/* Returns 1 while a cell is running or paused at a frame. */
int kernel_busy(const kernel *k);

/*
** Asks the running cell to stop: the next hook tick raises "interrupted",
** and C loops that ask cancel_check() (cancel.h) stop within milliseconds.
** Async-signal-safe (it only sets flags).  A cell paused at a frame stops
** when next resumed.  The time limit stops C loops the same way, with its
** own message.  After a stop, the stopped cell's pending __close methods
** are not run: the hook's error left its thread with hooks off.
*/
void kernel_interrupt(kernel *k);

/* Returns the number of frame() calls of the current (or last) cell. */
unsigned long kernel_frames(const kernel *k);

/* Returns the number of cells run since the state was created (Jupyter's [n]). */
unsigned long kernel_count(const kernel *k);

/* Sets the per-cell time limit in seconds (0: none). */
void kernel_set_timeout(kernel *k, double seconds);

/*
** Runs a short Lua expression in the state and appends its printed output
** to `out` — used for exercise checks and tests.  Returns KERNEL_DONE or
** KERNEL_ERROR; runs to completion (frames do not pause).
*/
kernel_event kernel_run_all(kernel *k, const char *src, size_t len, const char *name,
                            int first_line, blocklist *out);

/*
** The allocator kernels give their Lua states (a lua_Alloc): it charges
** the memory budget of mem.h and fails, returning NULL, past it.  Public
** for harnesses that need a bare state under the same budget.
*/
void *kernel_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

#endif
