/*
** tick.c — the kernel's tick: see tick_int.h.  The signal handler only
** sets a hook (as lua.c's SIGINT handler does; lua_sethook is meant to be
** called from one) or a flag; everything else happens in the hook.
*/
#include "tick_int.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>

static const void *volatile owner_now;   /* the kernel whose slice runs */
static lua_State *volatile running;      /* the thread running its lesson code */
static volatile sig_atomic_t pending;    /* a tick came between slices */
static lua_Hook tick_hook;
static int armed;

static void on_tick(int sig)
{
	(void)sig;
	lua_State *L = running;
	if (L && tick_hook)
		lua_sethook(L, tick_hook, LUA_MASKCOUNT, 1);
	else
		pending = 1;
}

/* Starts the timer once; it runs from then on (between slices a tick only sets `pending`). */
static int arm(void)
{
	if (armed)
		return 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_tick;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGVTALRM, &sa, NULL) != 0)
		return -1;
	struct itimerval it;
	memset(&it, 0, sizeof it);
	it.it_interval.tv_usec = TICK_US;
	it.it_value = it.it_interval;
	if (setitimer(ITIMER_VIRTUAL, &it, NULL) != 0)
		return -1;
	armed = 1;
	return 0;
}

int tick_start(const void *owner, lua_Hook hook, lua_State *co)
{
	if (arm() != 0)
		return -1;
	tick_hook = hook;
	owner_now = owner;
	running = co;
	if (pending && co && !lua_gethookmask(co)) {
		/* a count, not at once: a cell of a few instructions ends on its
		** own as it did under the count hook; the count runs on across
		** slices, so one that yields at every frame is still reached */
		pending = 0;
		lua_sethook(co, hook, LUA_MASKCOUNT, TICK_LATE_COUNT);
	}
	return 0;
}

void tick_stop(void)
{
	running = NULL;
	owner_now = NULL;
}

void tick_off(void)
{
	struct itimerval off;
	memset(&off, 0, sizeof off);
	if (armed)
		setitimer(ITIMER_VIRTUAL, &off, NULL);
	armed = 0;
	tick_stop();
}

lua_State *tick_running(const void *owner)
{
	return owner && owner == owner_now ? running : NULL;
}

lua_State *tick_set_running(lua_State *co)
{
	lua_State *prev = running;
	running = co;
	return prev;
}
