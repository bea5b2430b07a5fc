/*
** cancel.c — the stop flag long C loops look at (cancel.h).
*/
#include "cancel.h"

#include <signal.h>
#include <stddef.h>
#include <time.h>

static volatile sig_atomic_t flag;
static int (*poll_fn)(void *);
static void *poll_ud;
static const char *message;
static struct timespec last;

int cancel_requested(void) { return flag != 0; }
void cancel_request(void) { flag = 1; }

void cancel_clear(void)
{
	flag = 0;
	message = NULL;
}

void cancel_set_poll(int (*poll)(void *ud), void *ud)
{
	poll_fn = poll;
	poll_ud = ud;
}

void cancel_set_message(const char *msg) { message = msg; }
const char *cancel_message(void) { return message ? message : "interrupted"; }

int cancel_check(void)
{
	if (flag)
		return 1;
	if (!poll_fn)
		return 0;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (long)(now.tv_sec - last.tv_sec) * 1000 + (now.tv_nsec - last.tv_nsec) / 1000000;
	if (ms >= 0 && ms < CANCEL_POLL_MS)
		return 0;
	last = now;
	if (poll_fn(poll_ud))
		flag = 1;
	return flag != 0;
}
