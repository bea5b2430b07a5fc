/*
** klink.c — the front end's end of the kernel link (klink.h).
**
** The link owns the kernel's process: it forks it (the child becomes the
** kernel in serve.c), talks to it over a non-blocking socket, mirrors its
** outputs (proto_mirror), answers its require() requests, and is the
** watchdog: a kernel that does not stop when asked, runs past its time
** limit, breaks the protocol, floods the front end's budget or dies is
** killed with its process group and replaced, and the cell's output says
** what happened.
*/
#include "klink.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "klink_int.h"
#include "mem.h"
#include "modfile.h"
#include "proto.h"
#include "wire.h"

/* Seconds a cell has to stop after an interrupt, and past its time limit. */
#define GRACE 1.0
#define GRACE_TIMED 2.0
/* Seconds a new kernel has to say hello. */
#define HELLO_WAIT 10.0


/* --- messages -------------------------------------------------------------------- */

static void flush(klink *k)
{
	while (k->out.len) {
		ssize_t n = write(k->fd, k->out.s, k->out.len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;   /* full (retried when the socket takes more) or gone (seen on read) */
		memmove(k->out.s, k->out.s + n, k->out.len - (size_t)n);
		k->out.len -= (size_t)n;
	}
}

/* Appends an error block to the running cell, whatever the budget says. */
static void error_block(klink *k, const char *msg)
{
	if (!k->bl)
		return;
	size_t limit = mem_limit();
	mem_set_limit(0);
	blocklist_add(k->bl, BLOCK_ERROR, msg);
	mem_set_limit(limit);
	k->changed = 1;
}


/*
** The kernel has to go: kill it, tell the running cell why, start a fresh
** one.  Returns KL_ERROR when a cell was running.
*/
static klink_event replace(klink *k, const char *why, int described)
{
	int st = klink__end(k, 0);
	char how[160], msg[512];
	int was = k->running;
	if (described) {
		snprintf(msg, sizeof msg, "%s, so the kernel was restarted: its variables are gone. "
		         "Run the cells above again (R runs them all).", why);
	} else {
		klink__describe(st, how, sizeof how);
		snprintf(msg, sizeof msg, "The kernel stopped (%s) and was restarted: its variables "
		         "are gone. Run the cells above again (R runs them all).", how);
	}
	if (was)
		error_block(k, msg);
	k->replaced = was;
	k->running = k->at_frame = 0;
	k->interrupt_at = 0;
	char err[256];
	klink__spawn(k, err, sizeof err);
	return was ? KL_ERROR : KL_NONE;
}

static void answer_require(klink *k, const char *name)
{
	strbuf src = STRBUF_INIT, chunk = STRBUF_INIT;
	int found = modfile_read(k->dir, name, &src, &chunk) == 0;
	size_t at;
	proto_begin(&k->out, P_MODULE, &at);
	wire_u8(&k->out, (unsigned)found);
	wire_str(&k->out, sb_str(&chunk), chunk.len);
	wire_str(&k->out, sb_str(&src), src.len);
	proto_end(&k->out, at);
	sb_free(&src);
	sb_free(&chunk);
	flush(k);
}

/* Acts on one message; returns the event it makes, or -1 when the kernel must go. */
static int message(klink *k, int type, const char *p, size_t n, const char **why)
{
	proto_event ev;
	int rc = proto_mirror_apply(k->m, type, p, n, k->tag, k->running ? k->bl : NULL, &ev);
	if (rc == PROTO_ENOMEM) {
		/* the notebook holds all the outputs it may: say so once, stop the
		** cell; the kernel and its variables stay */
		char msg[300];
		snprintf(msg, sizeof msg, "The notebook holds as many outputs as it may (%zu MiB in all "
		         "cells): this cell was stopped and the rest of its output dropped. Clearing "
		         "outputs (c) makes room.", mem_limit() >> 20);
		proto_mirror_drop(k->m);
		if (!k->dropped)
			error_block(k, msg);
		k->dropped = 1;
		klink_interrupt(k);
		return KL_NONE;
	}
	if (rc != PROTO_OK || (type == P_HELLO) == k->hello) {
		*why = "The kernel sent something it should not have";
		return -1;
	}
	switch (type) {
	case P_HELLO:
		k->hello = 1;
		k->wall = ev.wall;
		snprintf(k->why, sizeof k->why, "%s", ev.text);
		return KL_NONE;
	case P_REQUIRE:
		answer_require(k, ev.text);
		return KL_NONE;
	case P_FRAME:
		k->frames = (unsigned long)ev.frames;
		k->at_frame = 1;
		k->frame_since = klink__now();
		k->changed = 1;
		return KL_FRAME;
	case P_DONE:
		k->frames = (unsigned long)ev.frames;
		k->running = k->at_frame = 0;
		k->interrupt_at = 0;
		k->changed = 1;
		return ev.failed || k->dropped ? KL_ERROR : KL_DONE;
	default:
		k->changed = 1;
		return KL_NONE;
	}
}

/* Reads what is there; returns 0, or -1 when the kernel is gone. */
static int fill(klink *k)
{
	char buf[65536];
	for (;;) {
		ssize_t n = read(k->fd, buf, sizeof buf);
		if (n > 0) {
			sb_addn(&k->in, buf, (size_t)n);
			if (k->in.failed)
				return -1;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
	}
}

/* Handles every whole message read; returns the strongest event, or -1 (why set). */
static int parse(klink *k, const char **why)
{
	int result = KL_NONE;
	for (;;) {
		int type;
		size_t len;
		const unsigned char *at = (const unsigned char *)k->in.s + k->in_off;
		int f = proto_frame(at, k->in.len - k->in_off, &type, &len);
		if (f < 0) {
			*why = "The kernel sent something it should not have";
			return -1;
		}
		if (f == 0)
			break;
		k->in_off += PROTO_HEADER + len;
		int ev = message(k, type, (const char *)at + PROTO_HEADER, len, why);
		if (ev < 0)
			return -1;
		if (ev != KL_NONE)
			result = ev;
	}
	if (k->in_off == k->in.len) {
		sb_clear(&k->in);
		k->in_off = 0;
		if (k->in.cap > ((size_t)1 << 20))
			sb_free(&k->in);
	}
	return result;
}

/* --- the watchdog ---------------------------------------------------------------- */

/* Seconds the running cell has run, frame waits left out. */
static double ran_for(const klink *k)
{
	double t = klink__now();
	return t - k->started - k->waited - (k->at_frame ? t - k->frame_since : 0);
}

/* Returns the seconds until a deadline of the watchdog's (0 when past), or -1: none. */
static double due(const klink *k)
{
	if (!k->running)
		return -1;
	double d = -1;
	if (k->interrupt_at > 0)
		d = k->interrupt_at + (k->o.timeout > 0 ? GRACE_TIMED : GRACE) - klink__now();
	if (k->o.timeout > 0 && !k->at_frame) {
		double t = k->o.timeout + GRACE_TIMED - ran_for(k);
		if (d == -1 || t < d)
			d = t;
	}
	if (d == -1)
		return -1;
	return d > 0 ? d : 0;
}

int klink_due_ms(const klink *k)
{
	double d = due(k);
	return d < 0 ? -1 : (int)(d * 1000) + 1;
}

static klink_event watchdog(klink *k)
{
	if (!k->running)
		return KL_NONE;
	if (k->interrupt_at > 0 && klink__now() - k->interrupt_at >= (k->o.timeout > 0 ? GRACE_TIMED : GRACE))
		return replace(k, "The cell did not stop when asked", 1);
	if (k->o.timeout > 0 && ran_for(k) >= k->o.timeout + GRACE_TIMED) {
		char msg[160];
		snprintf(msg, sizeof msg, "The cell ran past its time limit (%g s) and did not stop",
		         k->o.timeout);
		return replace(k, msg, 1);
	}
	return KL_NONE;
}

/* --- the interface ---------------------------------------------------------------- */

klink_event klink_poll(klink *k, int ms)
{
	if (k->pid <= 0) {
		char err[256];
		if (klink__spawn(k, err, sizeof err) != 0)
			return KL_NONE;
	}
	int d = klink_due_ms(k);
	if (d >= 0 && (ms < 0 || d < ms))
		ms = d;
	struct pollfd p = {k->fd, POLLIN | (k->out.len ? POLLOUT : 0), 0};
	int r = poll(&p, 1, ms);
	if (r > 0 && p.revents & POLLOUT)
		flush(k);
	const char *why = NULL;
	int ev = KL_NONE;
	if (r > 0 && p.revents & (POLLIN | POLLHUP | POLLERR)) {
		int gone = fill(k);
		ev = parse(k, &why);
		if (ev < 0)
			return replace(k, why, 1);
		if (ev != KL_NONE)
			return (klink_event)ev;   /* an end of the kernel's is seen on the next call */
		if (gone < 0)
			return replace(k, NULL, 0);
	}
	return watchdog(k);
}

/* Waits for the new kernel's hello; returns 0, or -1 with a message. */
static int await_hello(klink *k, char *err, size_t errlen)
{
	double until = klink__now() + HELLO_WAIT;
	while (!k->hello) {
		struct pollfd p = {k->fd, POLLIN, 0};
		int ms = (int)((until - klink__now()) * 1000);
		if (ms <= 0 || poll(&p, 1, ms) <= 0) {
			snprintf(err, errlen, "the kernel process did not start");
			return -1;
		}
		const char *why = NULL;
		int gone = fill(k);
		if (parse(k, &why) < 0 || (gone < 0 && !k->hello)) {
			char how[160];
			int st = klink__end(k, 0);
			klink__describe(st, how, sizeof how);
			snprintf(err, errlen, "the kernel process did not start: %s", why ? why : how);
			return -1;
		}
	}
	return 0;
}

klink *klink_new(const klink_opts *o, char *err, size_t errlen)
{
	klink *k = calloc(1, sizeof *k);
	if (!k || !(k->m = proto_mirror_new()) || (o->dir && !(k->dir = strdup(o->dir)))) {
		if (k)
			proto_mirror_free(k->m);
		free(k);
		snprintf(err, errlen, "not enough memory");
		return NULL;
	}
	k->o = *o;
	k->o.dir = k->dir;
	k->fd = -1;
	/* the hello is read when the kernel is first needed: the front end
	** loads the lesson meanwhile */
	if (klink__spawn(k, err, errlen) != 0) {
		klink_free(k);
		return NULL;
	}
	return k;
}

void klink_free(klink *k)
{
	if (!k)
		return;
	/* under valgrind the kernel leaves by itself, so its exit is checked too;
	** else it is killed at once (it would die with us anyway) */
	const char *vg = getenv("NNBOOK_VALGRIND");
	klink__end(k, vg && *vg ? 10.0 : 0);
	proto_mirror_free(k->m);
	sb_free(&k->in);
	sb_free(&k->out);
	free(k->dir);
	free(k);
}

int klink_restart(klink *k)
{
	char err[256];
	klink__end(k, 0);
	k->running = k->at_frame = 0;
	k->interrupt_at = 0;
	return klink__spawn(k, err, sizeof err) == 0 && await_hello(k, err, sizeof err) == 0 ? 0 : -1;
}

int klink_run(klink *k, const char *src, size_t len, const char *name, int first_line,
              blocklist *out, int flags)
{
	char err[256];
	if (k->running || (k->pid <= 0 && klink_restart(k) != 0))
		return -1;
	if (!k->hello && await_hello(k, err, sizeof err) != 0) {
		blocklist_add(out, BLOCK_ERROR, err);
		return -1;
	}
	size_t at;
	proto_begin(&k->out, P_RUN, &at);
	wire_u32(&k->out, ++k->tag);
	wire_u32(&k->out, (uint32_t)(first_line > 0 ? first_line : 1));
	wire_u8(&k->out, (unsigned)((flags & KL_WAIT ? PROTO_RUN_WAIT : 0) |
	                            (flags & KL_LIVE ? PROTO_RUN_LIVE : 0)));
	wire_cstr(&k->out, name);
	wire_str(&k->out, src, len);
	proto_end(&k->out, at);
	if (k->out.failed) {
		sb_free(&k->out);
		return -1;
	}
	flush(k);
	proto_mirror_run(k->m);
	k->bl = out;
	k->running = 1;
	k->replaced = 0;
	k->dropped = 0;
	k->at_frame = 0;
	k->frames = 0;
	k->count++;
	k->started = klink__now();
	k->waited = 0;
	k->interrupt_at = 0;
	return 0;
}

void klink_go(klink *k)
{
	if (!k->running || !k->at_frame)
		return;
	k->waited += klink__now() - k->frame_since;
	k->at_frame = 0;
	size_t at;
	proto_begin(&k->out, P_GO, &at);
	wire_u32(&k->out, k->tag);
	proto_end(&k->out, at);
	flush(k);
}

void klink_interrupt(klink *k)
{
	if (!k->running)
		return;
	if (k->interrupt_at == 0)
		k->interrupt_at = klink__now();
	proto_empty(&k->out, P_INTERRUPT);
	flush(k);
}

int klink_changed(klink *k)
{
	int c = k->changed;
	k->changed = 0;
	return c;
}

size_t klink_front_cap(size_t mem_limit)
{
	return 2 * (mem_limit ? mem_limit : (size_t)256 << 20);
}

int klink_busy(const klink *k) { return k->running; }
int klink_replaced(const klink *k) { return k->replaced; }
unsigned long klink_frames(const klink *k) { return k->frames; }
unsigned long klink_count(const klink *k) { return k->count; }
int klink_fd(const klink *k) { return k->fd; }
int klink_pid(const klink *k) { return (int)k->pid; }

int klink_wall(klink *k, const char **why)
{
	char err[256];
	if (!k->hello && k->pid > 0 && await_hello(k, err, sizeof err) != 0)
		snprintf(k->why, sizeof k->why, "%s", err);
	if (why)
		*why = k->why;
	return k->wall;
}
