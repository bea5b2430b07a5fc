/*
** safestr.c — string.rep, find, match, gmatch and gsub for lessons: Lua
** 5.4.4's own (lstrlib.c, Copyright (C) 1994-2022 Lua.org, PUC-Rio, MIT
** licence) with cancel checks in every loop that can run long inside one
** call (see safelib.h, safematch_int.h).
*/
#include <lauxlib.h>
#include <limits.h>
#include <string.h>

#include "cancel.h"
#include "safelib_int.h"
#include "safematch_int.h"

/* The longest string rep makes (lstrlib's MAXSIZE). */
#define MAXSIZE (sizeof(size_t) < sizeof(int) ? (size_t)~(size_t)0 : (size_t)INT_MAX)

/* Lua's posrelatI: a relative start position clipped to [1, inf). */
static size_t posrelat(lua_Integer pos, size_t len)
{
	if (pos > 0)
		return (size_t)pos;
	else if (pos == 0)
		return 1;
	else if (pos < -(lua_Integer)len) /* inverted comparison */
		return 1;
	return len + (size_t)pos + 1;
}

/*
** string.rep(s, n [, sep]).  An empty result returns at once (Lua would
** loop n times copying nothing: rep("", 2^50) never ended); otherwise every
** pass copies at least one byte into a buffer the memory budget allowed,
** and the loop checks for a stop as it goes.
*/
static int str_rep(lua_State *L)
{
	size_t l, lsep;
	const char *s = luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	const char *sep = luaL_optlstring(L, 3, "", &lsep);
	if (n <= 0 || l + lsep == 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	if (l + lsep < l || l + lsep > MAXSIZE / (size_t)n)
		return luaL_error(L, "resulting string too large");
	size_t totallen = (size_t)n * l + (size_t)(n - 1) * lsep, work = 0;
	luaL_Buffer b;
	char *p = luaL_buffinitsize(L, &b, totallen);
	while (n-- > 1) { /* first n-1 copies (followed by separator) */
		memcpy(p, s, l);
		p += l;
		if (lsep > 0) {
			memcpy(p, sep, lsep);
			p += lsep;
		}
		safelib_tick(L, &work, 1 + (l + lsep) / 64);
	}
	memcpy(p, s, l); /* last copy (not followed by separator) */
	luaL_pushresultsize(&b, totallen);
	return 1;
}

/* Lua's lmemfind (first occurrence of s2 in s1), counting its work. */
static const char *lmemfind(lua_State *L, const char *s1, size_t l1, const char *s2, size_t l2)
{
	if (l2 == 0)
		return s1; /* empty strings are everywhere */
	if (l2 > l1)
		return NULL;
	const char *init;
	size_t work = 0;
	l2--;         /* 1st char will be checked by 'memchr' */
	l1 = l1 - l2; /* 's2' cannot be found after that */
	while (l1 > 0 && (init = memchr(s1, *s2, l1)) != NULL) {
		init++; /* 1st char is already checked */
		if (memcmp(init, s2 + 1, l2) == 0)
			return init - 1;
		safelib_tick(L, &work, 1 + l2 / 64 + (size_t)(init - s1) / 64);
		l1 -= (size_t)(init - s1);
		s1 = init;
	}
	return NULL;
}

/* Whether the pattern has no special characters (it may hold '\0'). */
static int nospecials(const char *p, size_t l)
{
	size_t upto = 0;
	do {
		if (strpbrk(p + upto, SM_SPECIALS))
			return 0;
		upto += strlen(p + upto) + 1; /* may have more after \0 */
	} while (upto <= l);
	return 1;
}

static int str_find_aux(lua_State *L, int find)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = posrelat(luaL_optinteger(L, 3, 1), ls) - 1;
	if (init > ls) { /* start after string's end? */
		luaL_pushfail(L);
		return 1;
	}
	if (find && (lua_toboolean(L, 4) || nospecials(p, lp))) { /* a plain search */
		const char *s2 = lmemfind(L, s + init, ls - init, p, lp);
		if (s2) {
			lua_pushinteger(L, (s2 - s) + 1);
			lua_pushinteger(L, (lua_Integer)((size_t)(s2 - s) + lp));
			return 2;
		}
	} else {
		sm_state ms;
		const char *s1 = s + init;
		int anchor = (*p == '^');
		if (anchor) {
			p++;
			lp--;
		}
		sm_prepare(&ms, L, s, ls, p, lp);
		do {
			const char *res;
			sm_reset(&ms);
			if ((res = sm_match(&ms, s1, p)) != NULL) {
				if (find) {
					lua_pushinteger(L, (s1 - s) + 1); /* start */
					lua_pushinteger(L, res - s);      /* end */
					return sm_push_captures(&ms, NULL, 0) + 2;
				}
				return sm_push_captures(&ms, s1, res);
			}
		} while (s1++ < ms.src_end && !anchor);
	}
	luaL_pushfail(L);
	return 1;
}

static int str_find(lua_State *L) { return str_find_aux(L, 1); }
static int str_match(lua_State *L) { return str_find_aux(L, 0); }

/* gmatch's iterator state, kept in a userdata upvalue. */
typedef struct gmatch_state {
	const char *src;       /* current position */
	const char *p;         /* pattern */
	const char *lastmatch; /* end of last match */
	sm_state ms;
} gmatch_state;

static int gmatch_aux(lua_State *L)
{
	gmatch_state *gm = lua_touserdata(L, lua_upvalueindex(3));
	gm->ms.L = L;
	for (const char *src = gm->src; src <= gm->ms.src_end; src++) {
		const char *e;
		sm_reset(&gm->ms);
		if ((e = sm_match(&gm->ms, src, gm->p)) != NULL && e != gm->lastmatch) {
			gm->src = gm->lastmatch = e;
			return sm_push_captures(&gm->ms, src, e);
		}
	}
	return 0; /* not found */
}

static int str_gmatch(lua_State *L)
{
	size_t ls, lp;
	const char *s = luaL_checklstring(L, 1, &ls);
	const char *p = luaL_checklstring(L, 2, &lp);
	size_t init = posrelat(luaL_optinteger(L, 3, 1), ls) - 1;
	lua_settop(L, 2); /* keep strings on closure to avoid being collected */
	gmatch_state *gm = lua_newuserdatauv(L, sizeof *gm, 0);
	if (init > ls) /* start after string's end? */
		init = ls + 1;
	sm_prepare(&gm->ms, L, s, ls, p, lp);
	gm->src = s + init;
	gm->p = p;
	gm->lastmatch = NULL;
	lua_pushcclosure(L, gmatch_aux, 3);
	return 1;
}

/* Appends the replacement string (argument 3) with %0-%9 and %% expanded. */
static void add_s(sm_state *ms, luaL_Buffer *b, const char *s, const char *e)
{
	size_t l;
	lua_State *L = ms->L;
	const char *news = lua_tolstring(L, 3, &l);
	const char *p;
	while ((p = memchr(news, SM_ESC, l)) != NULL) {
		luaL_addlstring(b, news, (size_t)(p - news));
		p++; /* skip ESC */
		if (*p == SM_ESC) {
			luaL_addchar(b, *p);
		} else if (*p == '0') {
			luaL_addlstring(b, s, (size_t)(e - s));
		} else if (*p >= '0' && *p <= '9') { /* '%n' */
			const char *cap;
			ptrdiff_t resl = sm_get_capture(ms, *p - '1', s, e, &cap);
			if (resl == SM_CAP_POSITION)
				luaL_addvalue(b); /* add position to accumulated result */
			else
				luaL_addlstring(b, cap, (size_t)resl);
		} else {
			luaL_error(L, "invalid use of '%c' in replacement string", SM_ESC);
		}
		l -= (size_t)(p + 1 - news);
		news = p + 1;
	}
	luaL_addlstring(b, news, l);
}

/*
** Adds the replacement for s..e; returns 1 when the subject changed
** (a function or table giving nil or false keeps the original text).
*/
static int add_value(sm_state *ms, luaL_Buffer *b, const char *s, const char *e, int tr)
{
	lua_State *L = ms->L;
	if (tr == LUA_TFUNCTION) {
		lua_pushvalue(L, 3);
		int n = sm_push_captures(ms, s, e); /* all captures as arguments */
		lua_call(L, n, 1);
	} else if (tr == LUA_TTABLE) {
		sm_push_capture(ms, 0, s, e); /* first capture is the index */
		lua_gettable(L, 3);
	} else { /* LUA_TNUMBER or LUA_TSTRING */
		add_s(ms, b, s, e);
		return 1;
	}
	if (!lua_toboolean(L, -1)) { /* nil or false? */
		lua_pop(L, 1);
		luaL_addlstring(b, s, (size_t)(e - s)); /* keep original text */
		return 0;
	}
	if (!lua_isstring(L, -1))
		return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
	luaL_addvalue(b);
	return 1;
}

static int str_gsub(lua_State *L)
{
	size_t srcl, lp;
	const char *src = luaL_checklstring(L, 1, &srcl);
	const char *p = luaL_checklstring(L, 2, &lp);
	const char *lastmatch = NULL;
	int tr = lua_type(L, 3);
	lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
	int anchor = (*p == '^');
	lua_Integer n = 0;
	int changed = 0;
	sm_state ms;
	luaL_Buffer b;
	luaL_argexpected(L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION ||
	                 tr == LUA_TTABLE, 3, "string/function/table");
	luaL_buffinit(L, &b);
	if (anchor) {
		p++;
		lp--;
	}
	sm_prepare(&ms, L, src, srcl, p, lp);
	while (n < max_s) {
		const char *e;
		sm_reset(&ms);
		if ((e = sm_match(&ms, src, p)) != NULL && e != lastmatch) { /* match? */
			n++;
			changed = add_value(&ms, &b, src, e, tr) | changed;
			src = lastmatch = e;
		} else if (src < ms.src_end) { /* otherwise, skip one character */
			luaL_addchar(&b, *src++);
		} else {
			break; /* end of subject */
		}
		if (anchor)
			break;
	}
	if (!changed) {
		lua_pushvalue(L, 1); /* return original string */
	} else {
		luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
		luaL_pushresult(&b);
	}
	lua_pushinteger(L, n);
	return 2;
}

void safelib_string(lua_State *L, int idx)
{
	static const luaL_Reg fns[] = {
		{"rep", str_rep},       {"find", str_find}, {"match", str_match},
		{"gmatch", str_gmatch}, {"gsub", str_gsub}, {NULL, NULL},
	};
	lua_pushvalue(L, idx);
	luaL_setfuncs(L, fns, 0);
	lua_pop(L, 1);
}
