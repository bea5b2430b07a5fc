/*
** kernel.c — one sandboxed Lua state per lesson; cells run as coroutines
** under a hook that ends time slices, raises interrupts and enforces the
** time limit.  See kernel.h.
**
** The hook is not there all the time: with any hook set, Lua 5.4's VM
** goes through its hook check before every instruction, which cost
** lesson 3's loop 7%.  The tick (tick.c: a timer of the process's CPU
** time) sets it on the thread running lesson code (the cell's, or a
** coroutine it resumed: safeco.c keeps that up to date); the hook takes
** itself off and ends the slice once its time is up.  An interrupt or a time limit sets it for good (count
** 1: every instruction raises).  Where the timer cannot be armed the
** count hook runs every HOOK_COUNT instructions as before.
**
** Every call into Lua that can allocate runs under lua_pcall, so running
** out of memory is an error in the cell, never a panic.
*/
#include "kernel.h"

#include <lauxlib.h>
#include <lualib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cancel.h"
#include "lua_nn.h"
#include "mem.h"
#include "sandbox.h"
#include "strbuf.h"
#include "tick_int.h"

#define DEFAULT_MEM ((size_t)256 << 20)
#define HOOK_COUNT 1000 /* VM instructions between hook calls (without the tick) */
#define MSG_MAX 4096    /* bytes of an error message shown; the rest is cut */

struct kernel {
	lua_State *L;
	kernel_opts opts;
	char *dir;                        /* owned copy of opts.dir */
	lua_State *co;                    /* the running cell, or NULL */
	int ticking;                      /* the tick sets the hook (see above) */
	int co_ref;                       /* anchors co in the registry */
	blocklist *out;
	volatile sig_atomic_t interrupted;
	int timed_out;
	double slice_end;                 /* monotonic seconds */
	double resumed_at;
	double run_time;                  /* seconds the cell has run */
	unsigned long frames, count;
	char limit_msg[64];               /* "time limit exceeded (2.0 s)" */
	void *reserve;                    /* freed when memory runs out, so the error can be told */
};

/* Bytes kept aside for the error block of a cell that ran out of memory. */
#define RESERVE (64 * 1024)

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
** The allocator charges the shared budget (mem.h).  For a new block Lua
** passes the object's type in osize, so only a real pointer has an old size.
*/
void *kernel_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	(void)ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		free(ptr);
		mem_charge(old, 0);
		return NULL;
	}
	if (!mem_charge(old, nsize))
		return NULL;
	void *p = realloc(ptr, nsize);
	if (!p)
		mem_charge(nsize, old);
	return p;
}

static kernel *getkernel(lua_State *L)
{
	return *(kernel **)lua_getextraspace(L);
}


/*
** Marks the cell as over its time limit, and asks running C work to stop
** with the limit's message (its number printed as Lua prints numbers).
*/
static void time_out(kernel *k)
{
	char num[32];
	snprintf(num, sizeof num, "%.14g", k->opts.timeout);
	if (!strpbrk(num, ".eEin"))
		strcat(num, ".0");
	snprintf(k->limit_msg, sizeof k->limit_msg, "time limit exceeded (%s s)", num);
	k->timed_out = 1;
	cancel_set_message(k->limit_msg);
	cancel_request();
}

/*
** cancel_check()'s poll while a cell runs: long C loops (nn.dot, a pattern
** match) see the time limit this way, as the hook never runs inside them;
** and the kernel process's service reads the front end's messages (an
** interrupt among them) from there too.
*/
static int poll_stop(void *ud)
{
	kernel *k = ud;
	if (k->opts.service)
		k->opts.service(k->opts.ud);
	if (k->interrupted)
		return 1;
	if (k->opts.timeout > 0 && (k->timed_out || k->run_time + (now() - k->resumed_at) > k->opts.timeout)) {
		time_out(k);
		return 1;
	}
	return 0;
}

/*
** The count hook.  An interrupt or an expired time limit raises an error,
** and keeps raising on every tick until the cell ends, so `pcall` inside
** the cell cannot swallow it.  The slice only ends on the cell's own
** coroutine: yielding a coroutine the lesson made would look to the lesson
** like a yield of its own.
*/
static void hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	kernel *k = getkernel(L);
	if (!k)
		return;
	if (k->interrupted || cancel_requested()) {
		/* from now on every instruction raises, so the error also escapes a
		** loop whose body is a pcall (the hook would otherwise always tick
		** inside the pcall) */
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
		luaL_error(L, "%s", cancel_message());
	}
	double t = now();
	if (k->opts.timeout > 0 && (k->timed_out || k->run_time + (t - k->resumed_at) > k->opts.timeout)) {
		time_out(k);
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
		luaL_error(L, "%s", cancel_message());
	}
	if (k->ticking && L == tick_running(k))
		lua_sethook(L, NULL, 0, 0);   /* the next tick sets it again */
	if (t < k->slice_end)
		return;
	if (L == k->co && lua_isyieldable(L))
		lua_yield(L, 0);
	if (k->opts.service) {
		k->opts.service(k->opts.ud);
		k->slice_end = now() + k->opts.slice;
	}
}

static const char no_message_key = 0; /* the message when none can be made */

static int open_protected(lua_State *L)
{
	kernel *k = lua_touserdata(L, 1);
	luaL_checkversion(L);
	sandbox_open(L, k->opts.loader, k->opts.ud, k->dir);
	lua_pushliteral(L, "error (the error message itself could not be shown)");
	lua_rawsetp(L, LUA_REGISTRYINDEX, &no_message_key);
	return 0;
}

static int panic(lua_State *L)
{
	const char *msg = lua_tostring(L, -1);
	fprintf(stderr, "nnbook: unprotected Lua error: %s\n", msg ? msg : "?");
	abort();
}

/* Creates the Lua state; returns 0 or -1 with a message in err. */
static int open_state(kernel *k, char *err, size_t errlen)
{
	lua_State *L = lua_newstate(kernel_alloc, k);
	if (!L) {
		snprintf(err, errlen, "not enough memory for a Lua state");
		return -1;
	}
	lua_atpanic(L, panic);
	*(kernel **)lua_getextraspace(L) = k; /* copied into every new thread */
	lua_pushcfunction(L, open_protected);
	lua_pushlightuserdata(L, k);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		snprintf(err, errlen, "cannot set up Lua: %s", lua_tostring(L, -1));
		lua_close(L);
		return -1;
	}
	lua_gc(L, LUA_GCGEN, 0, 0);
	k->L = L;
	return 0;
}

kernel *kernel_new(const kernel_opts *opts, char *err, size_t errlen)
{
	kernel *k = calloc(1, sizeof *k);
	if (!k) {
		snprintf(err, errlen, "not enough memory");
		return NULL;
	}
	if (opts)
		k->opts = *opts;
	if (!k->opts.mem_limit)
		k->opts.mem_limit = DEFAULT_MEM;
	if (k->opts.slice <= 0)
		k->opts.slice = 0.02;
	k->co_ref = LUA_NOREF;
	if (k->opts.dir && !(k->dir = strdup(k->opts.dir))) {
		free(k);
		snprintf(err, errlen, "not enough memory");
		return NULL;
	}
	k->opts.dir = k->dir;
	k->reserve = malloc(RESERVE);
	mem_set_limit(k->opts.mem_limit);
	if (open_state(k, err, errlen) != 0) {
		free(k->reserve);
		free(k->dir);
		free(k);
		return NULL;
	}
	return k;
}

/* Forgets the running cell (its coroutine becomes garbage). */
static void drop_cell(kernel *k)
{
	if (k->co_ref != LUA_NOREF)
		luaL_unref(k->L, LUA_REGISTRYINDEX, k->co_ref);
	k->co_ref = LUA_NOREF;
	k->co = NULL;
	k->interrupted = 0;
	k->timed_out = 0;
	nnlua_set_cell(k->L, NULL);
	nnlua_set_output(k->L, NULL);
	cancel_set_poll(NULL, NULL);
}

void kernel_free(kernel *k)
{
	if (!k)
		return;
	cancel_set_poll(NULL, NULL);
	tick_off();
	if (k->L)
		lua_close(k->L);
	free(k->reserve);
	free(k->dir);
	free(k);
}

int kernel_restart(kernel *k)
{
	char err[256];
	lua_State *old = k->L;
	k->co = NULL;
	k->co_ref = LUA_NOREF;
	k->interrupted = 0;
	k->timed_out = 0;
	k->count = 0;
	cancel_set_poll(NULL, NULL);
	lua_close(old);
	k->L = NULL;
	return open_state(k, err, sizeof err);
}

int kernel_busy(const kernel *k) { return k->co != NULL; }
void kernel_interrupt(kernel *k)
{
	k->interrupted = 1;
	cancel_request(); /* for C loops, which never see the hook */
	lua_State *L = tick_running(k);
	if (L)   /* the hook raises at the next instruction */
		lua_sethook(L, hook, LUA_MASKCOUNT, 1);
}
unsigned long kernel_frames(const kernel *k) { return k->frames; }
unsigned long kernel_count(const kernel *k) { return k->count; }
void kernel_set_timeout(kernel *k, double seconds) { k->opts.timeout = seconds; }

typedef struct start_args {
	kernel *k;
	const char *src;
	size_t len;
	const char *name;
	int first_line;
} start_args;

/* Makes the cell's coroutine and loads the source into it (protected). */
static int start_protected(lua_State *L)
{
	start_args *a = lua_touserdata(L, 1);
	lua_State *co = lua_newthread(L);
	int st = sandbox_load(co, a->src, a->len, a->name, a->first_line);
	if (st != LUA_OK) {
		lua_xmove(co, L, 1);
		return lua_error(L);
	}
	a->k->co = co;
	a->k->co_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/*
** Appends an error block for the message on top of L.  The budget is
** lifted for it: the cell may have failed for want of memory, and saying
** so is the kernel's business, not the lesson's (the message and its
** traceback are small and bounded).
*/
static void error_block(kernel *k, lua_State *L, const char *traceback)
{
	const char *msg = lua_tostring(L, -1);
	size_t limit = mem_limit();
	mem_set_limit(0);
	block *b = blocklist_add(k->out, BLOCK_ERROR, msg ? msg : "error");
	if (b && traceback)
		sb_adds(&b->detail, traceback);
	mem_set_limit(limit);
}

kernel_event kernel_start(kernel *k, const char *src, size_t len, const char *name,
                          int first_line, blocklist *out)
{
	if (k->co)
		return KERNEL_IDLE;
	k->out = out;
	k->frames = 0;
	k->run_time = 0;
	k->interrupted = 0;
	k->timed_out = 0;
	cancel_clear();
	if (!k->reserve)
		k->reserve = malloc(RESERVE);
	k->count++;
	start_args a = {k, src, len, name, first_line};
	lua_pushcfunction(k->L, start_protected);
	lua_pushlightuserdata(k->L, &a);
	if (lua_pcall(k->L, 1, 0, 0) != LUA_OK) {
		error_block(k, k->L, NULL);
		lua_pop(k->L, 1);
		k->co = NULL;
		cancel_set_poll(NULL, NULL);
		return KERNEL_ERROR;
	}
	/* the tick runs only while a slice runs; a kernel where it cannot be
	** armed keeps the count hook */
	k->ticking = tick_start(k, hook, NULL) == 0;
	tick_stop();
	if (!k->ticking)
		lua_sethook(k->co, hook, LUA_MASKCOUNT, HOOK_COUNT);
	return KERNEL_SLICE;
}

/*
** Turns the error object at 1 into text, at most MSG_MAX bytes of it (a
** lesson can raise a string of any size, or one from a __tostring).
*/
static int tostring_error(lua_State *L)
{
	int t = lua_type(L, 1);
	if (t != LUA_TSTRING && !(luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)) {
		if (t == LUA_TNIL)
			lua_pushliteral(L, "error(nil) was raised (no message)");
		else
			lua_pushfstring(L, "an error was raised with a %s value instead of a message",
			                luaL_typename(L, 1));
	}
	size_t n;
	const char *s = lua_tolstring(L, -1, &n);
	if (n > MSG_MAX) {
		size_t cut = MSG_MAX;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--; /* not inside a UTF-8 sequence */
		lua_pushlstring(L, s, cut);
		lua_pushfstring(L, "... (%I more bytes)", (LUAI_UACINT)(n - cut));
		lua_concat(L, 2);
	}
	return 1;
}

/*
** Turns the error object at 1 into a message (protected: everything here
** may run out of memory).  A __tostring is lesson code, so it runs on a
** thread of its own under the hook, where an endless one ends on interrupt
** or the time limit like any other code of the cell (the main thread has
** no hook).  When it fails, the message says so, and why when the cell
** was stopped.
*/
static int message_protected(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TSTRING)
		return tostring_error(L);
	lua_State *t = lua_newthread(L);
	lua_sethook(t, hook, LUA_MASKCOUNT, HOOK_COUNT);
	lua_pushcfunction(t, tostring_error);
	lua_pushvalue(L, 1);
	lua_xmove(L, t, 1);
	if (lua_pcall(t, 1, 1, 0) == LUA_OK) {
		lua_xmove(t, L, 1);
		return 1;
	}
	if (cancel_requested())
		lua_pushfstring(L, "error (the error message itself could not be shown: %s)", cancel_message());
	else
		lua_pushliteral(L, "error (the error message itself could not be shown)");
	return 1;
}

/* Returns 1 when s[0..n) contains the C string w. */
static int has(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(s + i, w, m) == 0)
			return 1;
	return 0;
}

/*
** Builds the traceback of the dead coroutine: its frames name the lesson
** file and lines; the kernel's own C frames are left out.
*/
static int traceback_protected(lua_State *L)
{
	lua_State *co = lua_touserdata(L, 1);
	luaL_traceback(L, co, NULL, 0);
	size_t n;
	const char *s = lua_tolstring(L, -1, &n);
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	const char *line = s, *end = s + n;
	int kept = 0;
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		const char *e = nl ? nl : end;
		size_t len = (size_t)(e - line);
		int drop = has(line, len, "stack traceback:") || has(line, len, "[C]: in ?");
		if (!drop) {
			while (len && (*line == '\t' || *line == ' '))
				line++, len--;
			if (kept++)
				luaL_addchar(&b, '\n');
			luaL_addlstring(&b, line, len);
		}
		line = nl ? nl + 1 : end;
	}
	luaL_pushresult(&b);
	return 1;
}

/* Ends the cell after an error: message + traceback into an error block. */
static void fail_cell(kernel *k, int status)
{
	lua_State *L = k->L, *co = k->co;
	int top = lua_gettop(L);
	if (status == LUA_ERRMEM) {
		/* the process itself may be out of memory (its address-space
		** limit), not only the budget: make room for saying so */
		free(k->reserve);
		k->reserve = NULL;
	}
	lua_pushcfunction(L, message_protected);
	if (status == LUA_ERRMEM)
		lua_pushliteral(L, "not enough memory");
	else
		lua_xmove(co, L, 1);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) { /* out of memory: a message made in advance */
		lua_pop(L, 1);
		lua_rawgetp(L, LUA_REGISTRYINDEX, &no_message_key);
	}
	lua_pushcfunction(L, traceback_protected);
	lua_pushlightuserdata(L, co);
	const char *tb = NULL;
	if (lua_pcall(L, 1, 1, 0) == LUA_OK)
		tb = lua_tostring(L, -1);
	lua_pushvalue(L, top + 1);
	error_block(k, L, tb && *tb ? tb : NULL);
	lua_settop(L, top);
	/* Closes pending to-be-closed variables, but not after a stop: the
	** hook's error left this thread with hooks off, and a __close could
	** then loop with nothing able to end it. */
	if (!cancel_requested())
		lua_resetthread(co);
	drop_cell(k);
}

/* Runs the cell until its next event (kernel_resume without the poll). */
static kernel_event resume_cell(kernel *k)
{
	lua_State *co = k->co;
	nnlua_set_output(k->L, k->out);
	nnlua_set_cell(k->L, co);
	double t = now();
	k->resumed_at = t;
	k->slice_end = t + k->opts.slice;
	int nres = 0;
	/* a stop asked for between slices: the count hook, as before the tick,
	** so a cell of a few instructions still ends on its own (the count
	** runs on across slices, so one that yields at every frame is reached) */
	if (k->ticking && (k->interrupted || cancel_requested()) && !lua_gethookmask(co))
		lua_sethook(co, hook, LUA_MASKCOUNT, HOOK_COUNT);
	if (k->ticking)
		tick_start(k, hook, co);
	int st = lua_resume(co, k->L, 0, &nres);
	tick_stop();
	double t1 = now();
	k->run_time += t1 - t;
	k->resumed_at = t1; /* fail_cell may still run lesson code (__tostring, __close) */
	if (st == LUA_YIELD) {
		int frame = nnlua_is_frame(co, nres);
		lua_pop(co, nres);
		if (frame) {
			k->frames++;
			return KERNEL_FRAME;
		}
		return KERNEL_SLICE;
	}
	if (st == LUA_OK) {
		lua_settop(co, 0);
		drop_cell(k);
		return KERNEL_DONE;
	}
	fail_cell(k, st);
	return KERNEL_ERROR;
}

/*
** mem_alloc's last try before "not enough memory": arrays, models and
** figures that lesson code dropped still hold core memory until Lua
** collects their handles, and Lua's own emergency collection only runs
** when Lua's allocations fail.
*/
static void reclaim(void *ud)
{
	kernel *k = ud;
	lua_gc(k->L, LUA_GCCOLLECT);
	if (k->opts.reclaim)
		k->opts.reclaim(k->opts.ud);
}

kernel_event kernel_resume(kernel *k)
{
	if (!k->co)
		return KERNEL_IDLE;
	cancel_set_poll(poll_stop, k); /* only while this kernel runs the cell */
	mem_set_reclaim(reclaim, k);
	kernel_event ev = resume_cell(k);
	mem_set_reclaim(NULL, NULL);
	cancel_set_poll(NULL, NULL);
	return ev;
}

kernel_event kernel_run_all(kernel *k, const char *src, size_t len, const char *name,
                            int first_line, blocklist *out)
{
	kernel_event ev = kernel_start(k, src, len, name, first_line, out);
	while (ev == KERNEL_SLICE || ev == KERNEL_FRAME)
		ev = kernel_resume(k);
	return ev;
}
