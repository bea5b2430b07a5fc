/*
** cancel.h — lets long C work stop when the kernel asks.
**
** A lesson can start work that runs for seconds inside one C call (a big
** nn.dot, predict on a large grid, a long fit epoch).  Lua's count hook
** never runs there, so such loops call cancel_check() every so often (per
** row, per batch: well under a millisecond of work apart).  It returns 1
** once the work must stop: after cancel_request() (an interrupt, which a
** signal handler may call), or when the poll function the kernel installed
** says so (it reads the front end's messages and watches the time limit;
** it is called at most every CANCEL_POLL_MS).  The loop then returns its
** module's "interrupted" status and the binding raises cancel_message().
**
** The flag stays set until cancel_clear() (the kernel clears it when a
** cell starts), so every loop after the first also stops at once.
** Process-wide, like the memory budget: one lesson runs per process.
*/
#ifndef NNBOOK_CANCEL_H
#define NNBOOK_CANCEL_H

/* Milliseconds between two calls of the poll function, at the least. */
#define CANCEL_POLL_MS 2

/* Returns 1 when the running work must stop (cheap: call it often). */
int cancel_check(void);

/* Returns 1 when a stop was asked for, without polling. */
int cancel_requested(void);

/* Asks running work to stop.  Async-signal-safe. */
void cancel_request(void);

/* Forgets a request (a new cell starts). */
void cancel_clear(void);

/*
** Installs the poll function (NULL: none): cancel_check() calls it at
** most every CANCEL_POLL_MS; when it returns nonzero the flag is set.
*/
void cancel_set_poll(int (*poll)(void *ud), void *ud);

/* Sets the message bindings raise for a stop (static text; NULL: "interrupted"). */
void cancel_set_message(const char *msg);

/* Returns the message for the current stop ("interrupted" by default). */
const char *cancel_message(void);

#endif
