/*
** test_safelib.c — the library functions the sandbox replaces behave as
** Lua's own on ordinary inputs.  safelib_cases.lua runs twice: in a plain
** Lua state with Lua's libraries (inside a coroutine, as a cell runs) and
** as a cell of the sandboxed kernel; every line it emits must match.
*/
#include <lauxlib.h>
#include <lualib.h>

#include "harness.h"

#define CASES "tests/kernel/safelib_cases.lua"

/* Reads a whole file; NULL when it cannot. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb.s;
}

/* emit(line) for the plain state: appends to the strbuf in upvalue 1. */
static int plain_emit(lua_State *L)
{
	strbuf *sb = lua_touserdata(L, lua_upvalueindex(1));
	size_t n;
	const char *s = luaL_checklstring(L, 1, &n);
	sb_addn(sb, s, n);
	sb_addc(sb, '\n');
	return 0;
}

/* Runs the cases with Lua's own libraries; returns 0 on success. */
static int run_plain(const char *src, size_t len, strbuf *out)
{
	lua_State *L = luaL_newstate();
	luaL_openlibs(L);
	lua_State *co = lua_newthread(L);
	int st = luaL_loadbufferx(co, src, len, "@lesson.lua", "t");
	if (st == LUA_OK) {
		lua_pushlightuserdata(co, out);
		lua_pushcclosure(co, plain_emit, 1);
		int nres;
		st = lua_resume(co, L, 1, &nres);
	}
	if (st != LUA_OK)
		printf("# plain Lua: %s\n", lua_tostring(co, -1));
	lua_close(L);
	return st;
}

/* Compares the two outputs line by line: one test per case. */
static void compare(const char *want, const char *got)
{
	while (*want || *got) {
		size_t wn = strcspn(want, "\n"), gn = strcspn(got, "\n");
		int same = wn == gn && memcmp(want, got, wn) == 0;
		ok(same, "%.*s", (int)(wn > 200 ? 200 : wn), want);
		if (!same)
			printf("#   sandbox: %.*s\n", (int)(gn > 300 ? 300 : gn), got);
		want += wn + (want[wn] == '\n');
		got += gn + (got[gn] == '\n');
	}
}

int main(void)
{
	size_t len;
	char *src = slurp(CASES, &len);
	ok(src != NULL, "read %s", CASES);
	if (!src || !make_kernel(128, NULL))
		return tap_done();
	strbuf plain = STRBUF_INIT;
	ok(run_plain(src, len, &plain) == LUA_OK, "the cases run with Lua's own libraries");
	blocklist out = BLOCKLIST_INIT;
	watchdog(60);
	kernel_event ev = kernel_run_all(K, src, len, "lesson.lua", 1, &out);
	ok(ev == KERNEL_DONE, "the cases run in the sandbox%s%s", ev == KERNEL_DONE ? "" : ": ",
	   ev == KERNEL_DONE ? "" : error_of(&out));
	compare(sb_str(&plain), text_of(&out));
	blocklist_clear(&out);
	sb_free(&plain);
	free(src);
	kernel_free(K);
	return tap_done();
}
