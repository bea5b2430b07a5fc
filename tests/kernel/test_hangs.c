/*
** test_hangs.c — reliability row 18 in the in-process kernel: cells stuck
** inside one C call (where Lua's count hook never runs), or running lesson
** code where Lua had switched hooks off, end on the time limit and on an
** interrupt, within the limit + 1 s, and the next cell runs.  Each case
** hung for ever before (a watchdog turns a hang into a failure here).
*/
#include "harness.h"

#define LIMIT 0.3     /* seconds of time limit per case */
#define INTERRUPT 0.2 /* seconds before the interrupt */

typedef struct hang {
	const char *proves;
	const char *src;
} hang;

static const hang hangs[] = {
	{"a backtracking pattern in string.find",
	 "return string.rep('a', 40):find(string.rep('a*', 30) .. 'b')"},
	{"a backtracking pattern in string.match",
	 "return string.match(string.rep('a', 40), string.rep('a*', 30) .. 'b')"},
	{"a backtracking pattern in string.gmatch",
	 "for _ in string.gmatch(string.rep('a', 40), string.rep('a*', 30) .. 'b') do end"},
	{"a backtracking pattern in string.gsub (as a string method)",
	 "return (string.rep('a', 40)):gsub(string.rep('a*', 30) .. 'b', '')"},
	{"a plain string.find of a long near-miss (n * m work)",
	 "local s = string.rep('a', 2^22) return s:find(string.rep('a', 2^21) .. 'b', 1, true)"},
	{"table.move over 2^40 slots",
	 "table.move({}, 1, 2^40, 2, {})"},
	{"table.concat whose __index is a C function",
	 "return table.concat(setmetatable({}, {__index = table.concat}), '', 1, 2^40)"},
	{"table.insert into a table whose __len says 2^50",
	 "table.insert(setmetatable({}, {__len = function() return 2^50 end}), 1, 0)"},
	{"table.remove from a table whose __len says 2^50",
	 "table.remove(setmetatable({}, {__len = function() return 2^50 end}), 1)"},
	{"table.sort of 2^30 elements made by C metamethods",
	 "table.sort(setmetatable({}, {__len = function() return 2^30 end, __index = rawlen,"
	 " __newindex = rawequal}))"},
	{"load from a C reader that never ends (os.time)",
	 "local f, e = load(os.time) error(e, 0)"},
	{"load of a 64 MiB string (the parser runs inside one C call)",
	 "local f, e = load(string.rep('x = 1 ', 2^24 // 1.5)) error(e, 0)"},
	{"an error object whose __tostring loops",
	 "error(setmetatable({}, {__tostring = function() while true do end end}))"},
	{"an xpcall message handler that loops",
	 "xpcall(error, function() while true do end end)"},
	{"xpcall of a loop whose handler loops, in a loop",
	 "while true do xpcall(function() while true do end end, function() while true do end end) end"},
	{"nested pcall(coroutine.wrap(...)) in a loop",
	 "local function f() while true do pcall(coroutine.wrap(f)) end end f()"},
	{"a __close that loops, in a cell stopped in a loop",
	 "local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
	 "while true do end"},
	{"a __close that loops, in a wrapped coroutine stopped in a loop",
	 "pcall(coroutine.wrap(function()\n"
	 "  local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
	 "  while true do end end)) while true do end"},
	{"nn.dot of two 2500 x 2500 arrays",
	 "local a = nn.ones{2500, 2500} local b = nn.dot(a, a)"},
	{"a loop that catches nn.dot's stop with pcall",
	 "local a = nn.ones{2500, 2500} while true do pcall(nn.dot, a, a) end"},
	{"model:predict of a 2000-2000 network on 5000 rows",
	 "local m = nn.Sequential{nn.Dense(2000, {input_dim = 2000}), nn.Dense(2000)}\n"
	 "m:compile{loss = 'mse'} m:predict(nn.ones{5000, 2000})"},
	{"model:evaluate of the same",
	 "local m = nn.Sequential{nn.Dense(2000, {input_dim = 2000}), nn.Dense(2000)}\n"
	 "m:compile{loss = 'mse'} m:evaluate(nn.ones{5000, 2000}, nn.ones{5000, 2000})"},
	{"model:train_epoch of a 1000-1000 network on batches of 1000",
	 "local m = nn.Sequential{nn.Dense(1000, {input_dim = 1000}), nn.Dense(1000)}\n"
	 "m:compile{loss = 'mse'} m:train_epoch(nn.ones{5000, 1000}, nn.ones{5000, 1000}, {batch_size = 1000})"},
	{"model:fit of the same",
	 "local m = nn.Sequential{nn.Dense(1000, {input_dim = 1000}), nn.Dense(1000)}\n"
	 "m:compile{loss = 'mse'} m:fit(nn.ones{5000, 1000}, nn.ones{5000, 1000}, {batch_size = 1000, verbose = 0})"},
	{"fig:regions of a 2-2000-2000-1 network",
	 "local m = nn.Sequential{nn.Dense(2000, {input_dim = 2}), nn.Dense(2000), nn.Dense(1)}\n"
	 "plot.figure{width = 200, height = 60}:regions(m)"},
};

/* The time limit ends the case; its message says so; the next cell runs. */
static void by_time_limit(const hang *h)
{
	blocklist out = BLOCKLIST_INIT;
	kernel_event ev;
	double dt = run_stopped(h->src, LIMIT, 0, &out, &ev);
	ok(ev == KERNEL_ERROR && strstr(error_of(&out), "time limit exceeded") && dt < LIMIT + 1,
	   "time limit ends %s (%.2f s: %s)", h->proves, dt, error_of(&out));
	ok(run("print('next')", &out) == KERNEL_DONE && strcmp(text_of(&out), "next\n") == 0,
	   "  and the next cell runs");
	blocklist_clear(&out);
}

/* An interrupt ends the case; its message says so. */
static void by_interrupt(const hang *h)
{
	blocklist out = BLOCKLIST_INIT;
	kernel_event ev;
	double dt = run_stopped(h->src, 0, INTERRUPT, &out, &ev);
	ok(ev == KERNEL_ERROR && strstr(error_of(&out), "interrupted") && dt < INTERRUPT + 1,
	   "an interrupt ends %s (%.2f s: %s)", h->proves, dt, error_of(&out));
	blocklist_clear(&out);
}

/*
** A coroutine killed by a stop is never closed: its __close would run
** with hooks off.  Closing it in a later cell (no limit, no interrupt)
** returns at once instead of looping for ever.
*/
static void test_close_after_stop(void)
{
	blocklist out = BLOCKLIST_INIT;
	kernel_event ev;
	double dt = run_stopped("co = coroutine.create(function()\n"
	                        "  local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
	                        "  while true do end end)\n"
	                        "print(coroutine.resume(co))", LIMIT, 0, &out, &ev);
	ok(strstr(text_of(&out), "false") && dt < LIMIT + 1,
	   "a coroutine with a looping __close is stopped by the time limit (%s)", first_line(text_of(&out)));
	watchdog(10);
	double t0 = now_s();
	ev = run("print(coroutine.status(co), coroutine.close(co))", &out);
	ok(ev == KERNEL_DONE && strncmp(text_of(&out), "dead false", 10) == 0 && now_s() - t0 < 1,
	   "closing it later returns false at once, its __close not run (%s)", first_line(text_of(&out)));
	watchdog(0);
	blocklist_clear(&out);
}

/* A cell too big to parse in a blink stops compiling on an interrupt. */
static void test_big_cell(void)
{
	size_t n = (size_t)64 << 20;
	char *src = malloc(n + 1);
	if (!src)
		return;
	for (size_t i = 0; i < n; i += 8)
		memcpy(src + i, "x = 1\n  ", 8);
	src[n] = '\0';
	blocklist out = BLOCKLIST_INIT;
	watchdog(20);
	signal(SIGALRM, on_alarm);
	struct itimerval it = {{0, 0}, {0, 200000}}, off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &it, NULL);
	double t0 = now_s();
	kernel_event ev = kernel_start(K, src, n, "big.lua", 1, &out);
	double dt = now_s() - t0;
	setitimer(ITIMER_REAL, &off, NULL);
	watchdog(0);
	ok(ev == KERNEL_ERROR && strstr(error_of(&out), "interrupted") && dt < 1.2,
	   "an interrupt stops parsing a 64 MiB cell (%.2f s: %s)", dt, error_of(&out));
	blocklist_clear(&out);
	free(src);
}

/* Work that used to run long with no limit at all is now cheap or bounded. */
static void test_bounded(void)
{
	blocklist out = BLOCKLIST_INIT;
	kernel_event ev;
	double dt = run_stopped("print(#string.rep('', 2^50), #string.rep('', 2^50, ''))", 0, 0, &out, &ev);
	ok(ev == KERNEL_DONE && strcmp(text_of(&out), "0 0\n") == 0 && dt < 0.5,
	   "string.rep of an empty string 2^50 times returns '' at once (%.3f s)", dt);
	dt = run_stopped("local t = {} for i = 1, 100000 do t['k' .. i] = t end print(t) show(t)", 0, 0, &out, &ev);
	ok(ev == KERNEL_DONE && strlen(text_of(&out)) < 200000 && dt < 5,
	   "printing a wide table that holds itself is bounded (%.2f s, %zu bytes)", dt, strlen(text_of(&out)));
	dt = run_stopped("local t = {} for i = 1, 20 do t[i] = t end print(tostring(t):sub(1, 40))", 0, 0, &out, &ev);
	ok(ev == KERNEL_DONE && dt < 2, "tostring of a table holding itself 20 times is bounded (%.2f s)", dt);
	dt = run_stopped("return select('#', table.unpack({}, 1, 1e8))", 0, 0, &out, &ev);
	ok(ev == KERNEL_ERROR && strstr(error_of(&out), "too many results") && dt < 1,
	   "table.unpack of 1e8 values is refused (%s)", error_of(&out));
	dt = run_stopped("return string.format('%1000d', 1)", 0, 0, &out, &ev);
	ok(ev == KERNEL_ERROR && strstr(error_of(&out), "invalid conversion") && dt < 1,
	   "string.format refuses a width of 1000 (Lua allows two digits: %s)", error_of(&out));
	dt = run_stopped("print(#string.format('%99.99f', -1e308))", 0, 0, &out, &ev);
	ok(ev == KERNEL_DONE && atoi(text_of(&out)) > 300 && atoi(text_of(&out)) < 500,
	   "the widest format string.format allows is a few hundred bytes (%s)", first_line(text_of(&out)));
	dt = run_stopped("error(string.rep('x', 2^24))", 0, 0, &out, &ev);
	ok(ev == KERNEL_ERROR && strlen(error_of(&out)) < 5000 && strstr(error_of(&out), "more bytes"),
	   "a 16 MiB error message is cut to a few KiB (%zu bytes)", strlen(error_of(&out)));
	blocklist_clear(&out);
}

/* test_hangs [N]: every case, or only case N (0-based) and nothing else. */
int main(int argc, char **argv)
{
	long only = argc > 1 ? atol(argv[1]) : -1;
	if (!make_kernel(256, NULL))
		return tap_done();
	for (size_t i = 0; i < sizeof hangs / sizeof hangs[0]; i++) {
		if (only >= 0 && (size_t)only != i)
			continue;
		/* a fresh state: the big cases leave garbage the next could trip on */
		kernel_restart(K);
		by_time_limit(&hangs[i]);
		kernel_restart(K);
		by_interrupt(&hangs[i]);
	}
	if (only < 0) {
		test_close_after_stop();
		test_big_cell();
		test_bounded();
	}
	kernel_free(K);
	return tap_done();
}
