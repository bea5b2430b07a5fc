/*
** serve.c — the kernel process: one sandboxed Lua state behind a socket.
**
** After the fork (klink.c) the child drops everything of the front end's
** it does not need, makes its Lua state, walls itself in (wall.h), says
** hello, and then serves: each RUN is a cell run with kernel.c's slices.
** Between slices (and from the count hook where a slice cannot yield, and
** from long C loops through cancel_check) it sends what the outputs gained
** (proto_out) and reads the front end's messages, so an interrupt arrives
** within a slice.  At frame() it waits for GO when the front end paces the
** animation.  When the socket closes, the front end is gone: so is the
** kernel.
*/
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kernel.h"
#include "klink_int.h"
#include "mem.h"
#include "proto.h"
#include "wall_int.h"
#include "wire.h"

typedef struct server {
	int fd;
	kernel *k;
	proto_out *po;
	strbuf in, out;          /* bytes read and not parsed yet; bytes to write */
	size_t in_off;           /* where parsing stands in `in` */
	blocklist bl;            /* the running cell's outputs */
	/* the run asked for */
	int want_run;
	uint32_t tag;
	int first_line, flags;
	strbuf name, src;
	/* while a cell runs */
	int running, interrupted, go;
	int shown;          /* outputs were sent since the last frame */
	double last_sync;
	/* a require() waiting for its answer */
	int module_ready, module_found;
	strbuf module_src, module_chunk;
} server;

/*
** The front end is gone: so is the kernel.  Everything is freed first
** (valgrind checks the kernel's exit like any program's) unless a cell is
** running, which may be in the middle of anything.
*/
static void __attribute__((noreturn)) leave(server *s, int status)
{
	if (!s->running) {
		blocklist_clear(&s->bl);
		proto_out_free(s->po);
		kernel_free(s->k);
		sb_free(&s->in);
		sb_free(&s->out);
		sb_free(&s->name);
		sb_free(&s->src);
		sb_free(&s->module_src);
		sb_free(&s->module_chunk);
	}
	_exit(status);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Writes everything queued; a front end that is gone ends the kernel. */
static void flush(server *s)
{
	size_t off = 0;
	while (off < s->out.len) {
		ssize_t n = write(s->fd, s->out.s + off, s->out.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			leave(s, 0);
		off += (size_t)n;
	}
	sb_clear(&s->out);
	if (s->out.cap > ((size_t)1 << 20))
		sb_free(&s->out);   /* one big figure should not pin a megabyte for ever */
}

/* Copies a wire string into sb (replacing what it held). */
static void take_str(wire_rd *r, strbuf *sb)
{
	size_t n;
	const char *p = wire_get_str(r, &n);
	sb_clear(sb);
	if (p)
		sb_addn(sb, p, n);
}

static void handle(server *s, int type, const void *payload, size_t n)
{
	wire_rd r;
	wire_init(&r, payload, n);
	switch (type) {
	case P_RUN:
		if (s->running || s->want_run)
			return;   /* one cell at a time: the front end knows */
		s->tag = wire_get_u32(&r);
		s->first_line = (int)wire_get_u32(&r);
		s->flags = (int)wire_get_u8(&r);
		take_str(&r, &s->name);
		take_str(&r, &s->src);
		s->want_run = wire_done(&r) && !s->name.failed && !s->src.failed;
		s->interrupted = 0;
		break;
	case P_GO:
		if (wire_get_u32(&r) == s->tag)
			s->go = 1;
		break;
	case P_INTERRUPT:
		/* an interrupt read with the run it follows stops that cell as
		** soon as it starts */
		if (s->running || s->want_run)
			s->interrupted = 1;
		if (s->running)
			kernel_interrupt(s->k);
		break;
	case P_MODULE:
		s->module_found = (int)wire_get_u8(&r);
		take_str(&r, &s->module_chunk);
		take_str(&r, &s->module_src);
		s->module_ready = 1;
		break;
	default:
		leave(s, 2);   /* not a front end of ours */
	}
}

/*
** Reads what the front end sent, waiting up to ms (-1: until something
** comes), and handles every whole message.
*/
static void pump(server *s, int ms)
{
	struct pollfd p = {s->fd, POLLIN, 0};
	int r = poll(&p, 1, ms);
	if (r <= 0)
		return;
	char buf[65536];
	ssize_t n = read(s->fd, buf, sizeof buf);
	if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
		leave(s, 0);   /* the front end is gone */
	if (n > 0)
		sb_addn(&s->in, buf, (size_t)n);
	for (;;) {
		int type;
		size_t len;
		int f = proto_frame((unsigned char *)s->in.s + s->in_off, s->in.len - s->in_off, &type, &len);
		if (f < 0 || s->in.failed)
			leave(s, 2);
		if (f == 0)
			break;
		handle(s, type, s->in.s + s->in_off + PROTO_HEADER, len);
		s->in_off += PROTO_HEADER + len;
	}
	if (s->in_off == s->in.len) {
		sb_clear(&s->in);
		s->in_off = 0;
	}
}

/* Sends what the outputs gained since the last sync. */
static void sync_out(server *s)
{
	size_t before = s->out.len;
	if (proto_out_sync(s->po, &s->bl, &s->out) != PROTO_OK)
		sb_clear(&s->out);   /* the kernel ran out of memory: the cell will fail */
	if (s->out.len > before)
		s->shown = 1;
	flush(s);
	s->last_sync = now();
}

/*
** The kernel calls this where a slice ends without a yield, and long C
** loops through cancel_check: outputs go out once a slice, messages are
** read every time (it is one poll).
*/
static void service(void *ud)
{
	server *s = ud;
	if (s->flags & PROTO_RUN_LIVE && now() - s->last_sync >= 0.02)
		sync_out(s);
	pump(s, 0);
}

/*
** Memory ran short and Lua collected its garbage: the outbox lets go of
** the objects only it still held (a figure of the last cell, say).
*/
static void reclaim(void *ud)
{
	server *s = ud;
	proto_out_collect(s->po, &s->out);
	flush(s);
}

/* require(): the front end reads the lesson's module for us. */
static int ask_module(void *ud, const char *name, strbuf *src, strbuf *chunk)
{
	server *s = ud;
	size_t at;
	proto_begin(&s->out, P_REQUIRE, &at);
	wire_cstr(&s->out, name);
	proto_end(&s->out, at);
	flush(s);
	s->module_ready = 0;
	while (!s->module_ready)
		pump(s, -1);
	if (s->module_found)
		sb_addn(src, s->module_src.s ? s->module_src.s : "", s->module_src.len);
	sb_addn(chunk, s->module_chunk.s ? s->module_chunk.s : "", s->module_chunk.len);
	sb_free(&s->module_src);
	sb_free(&s->module_chunk);
	return s->module_found ? 0 : -1;
}

static void send_run_event(server *s, int type, int failed)
{
	size_t at;
	proto_begin(&s->out, type, &at);
	wire_u32(&s->out, s->tag);
	if (type == P_DONE)
		wire_u8(&s->out, (unsigned)failed);
	wire_u64(&s->out, kernel_frames(s->k));
	proto_end(&s->out, at);
	flush(s);
}

static void run_cell(server *s)
{
	s->want_run = 0;
	s->running = 1;
	proto_out_run(s->po, s->tag);
	s->shown = 0;
	kernel_event ev = kernel_start(s->k, sb_str(&s->src), s->src.len, sb_str(&s->name),
	                               s->first_line, &s->bl);
	if (s->interrupted && (ev == KERNEL_SLICE || ev == KERNEL_FRAME))
		kernel_interrupt(s->k);
	s->last_sync = now();
	while (ev == KERNEL_SLICE || ev == KERNEL_FRAME) {
		if (ev == KERNEL_FRAME && s->flags & PROTO_RUN_WAIT)
			sync_out(s);
		/* a frame that changed nothing the front end shows is not waited
		** for: a quiet fit or a loop of such frames runs at full speed */
		if (ev == KERNEL_FRAME && s->flags & PROTO_RUN_WAIT && s->shown) {
			s->shown = 0;
			send_run_event(s, P_FRAME, 0);
			s->go = 0;
			while (!s->go && !s->interrupted)
				pump(s, -1);
		} else {
			service(s);
		}
		ev = kernel_resume(s->k);
	}
	s->running = 0;
	sync_out(s);
	send_run_event(s, P_DONE, ev == KERNEL_ERROR);
	/* what only the finished cell held goes, and the front end is told */
	blocklist_clear(&s->bl);
	proto_out_run(s->po, 0);
	sync_out(s);
	sb_free(&s->src);
}

/* The descriptors the kernel keeps: /dev/null on 0 and 1, stderr, the socket as 3. */
static int settle_fds(int sock, int null)
{
	if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0)
		return -1;
	/* stderr stays where the front end's goes unless that is the terminal
	** the notebook draws on (sanitizer reports then go nowhere) */
	if (isatty(2) && dup2(null, 2) < 0)
		return -1;
	if (sock != 3 && (dup2(sock, 3) < 0))
		return -1;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 4u, ~0u, 0u) == 0)
		return 3;
#endif
	long max = sysconf(_SC_OPEN_MAX);   /* an older kernel: one call per descriptor */
	for (int fd = 4; fd < (max > 0 && max < 65536 ? max : 65536); fd++)
		close(fd);
	return 3;
}

/* Signals: the front end stops the kernel by messages or by SIGKILL only. */
static void settle_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int sig = 1; sig < NSIG; sig++)
		sigaction(sig, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

void serve_kernel(const klink_start *st, const klink_opts *o)
{
	static server S;
	server *s = &S;
	char note[200], err[256];
	settle_signals();
	if ((s->fd = settle_fds(st->sock, st->null_fd)) < 0)
		_exit(3);
	mem_forget();   /* the front end's charges are not the lesson's */
	kernel_opts ko = {o->mem_limit, o->timeout, NULL, 0, ask_module, service, reclaim, s};
	s->k = kernel_new(&ko, err, sizeof err);
	s->po = proto_out_new();
	if (!s->k || !s->po)
		_exit(4);
	int wall = wall_apply(s->fd, mem_limit(), st->base, st->loose, note, sizeof note);
	if (wall < 0) {
		/* better no kernel than one outside its wall: the front end says why */
		ssize_t w = write(2, note, strlen(note));
		(void)w;
		_exit(5);
	}
	if (o->child_hook)
		o->child_hook();
	size_t at;
	proto_begin(&s->out, P_HELLO, &at);
	wire_u32(&s->out, PROTO_VERSION);
	wire_u32(&s->out, (uint32_t)getpid());
	wire_u8(&s->out, (unsigned)wall);
	wire_cstr(&s->out, note);
	proto_end(&s->out, at);
	flush(s);
	for (;;) {
		pump(s, -1);
		if (s->want_run)
			run_cell(s);
	}
}
