/*
** safetab.c — table.insert, remove, move, concat and sort for lessons: Lua
** 5.4.4's own (ltablib.c, Copyright (C) 1994-2022 Lua.org, PUC-Rio, MIT
** licence) with a cancel check every SAFELIB_TICK elements.  Their loops
** run as long as the lesson says (table.move(t, 1, 2^40, 2), a __len that
** returns 2^50) while calling only C (metamethods may be C functions), so
** the count hook alone could never stop them.  pack and unpack stay Lua's:
** unpack is bounded by the stack (a million values), pack by its arguments.
*/
#include <lauxlib.h>
#include <limits.h>
#include <string.h>
#include <time.h>

#include "safelib_int.h"

#define TAB_R 1 /* read */
#define TAB_W 2 /* write */
#define TAB_L 4 /* length */
#define TAB_RW (TAB_R | TAB_W)

static int checkfield(lua_State *L, const char *key, int n)
{
	lua_pushstring(L, key);
	return (lua_rawget(L, -n) != LUA_TNIL);
}

/* Checks that arg is a table or has the metamethods to behave like one. */
static void checktab(lua_State *L, int arg, int what)
{
	if (lua_type(L, arg) != LUA_TTABLE) {
		int n = 1; /* number of elements to pop */
		if (lua_getmetatable(L, arg) && (!(what & TAB_R) || checkfield(L, "__index", ++n)) &&
		    (!(what & TAB_W) || checkfield(L, "__newindex", ++n)) &&
		    (!(what & TAB_L) || checkfield(L, "__len", ++n)))
			lua_pop(L, n);
		else
			luaL_checktype(L, arg, LUA_TTABLE); /* force an error */
	}
}

static lua_Integer aux_getn(lua_State *L, int n, int w)
{
	checktab(L, n, w | TAB_L);
	return luaL_len(L, n);
}

static int tinsert(lua_State *L)
{
	lua_Integer pos;
	lua_Integer e = aux_getn(L, 1, TAB_RW);
	e = (lua_Integer)((lua_Unsigned)e + 1u); /* first empty element */
	size_t work = 0;
	switch (lua_gettop(L)) {
	case 2: /* called with only 2 arguments: insert at the end */
		pos = e;
		break;
	case 3:
		pos = luaL_checkinteger(L, 2);
		luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
		for (lua_Integer i = e; i > pos; i--) { /* move up elements */
			lua_geti(L, 1, i - 1);
			lua_seti(L, 1, i); /* t[i] = t[i - 1] */
			safelib_tick(L, &work, 1);
		}
		break;
	default:
		return luaL_error(L, "wrong number of arguments to 'insert'");
	}
	lua_seti(L, 1, pos); /* t[pos] = v */
	return 0;
}

static int tremove(lua_State *L)
{
	lua_Integer size = aux_getn(L, 1, TAB_RW);
	lua_Integer pos = luaL_optinteger(L, 2, size);
	size_t work = 0;
	if (pos != size) /* validate 'pos' if given */
		luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 1, "position out of bounds");
	lua_geti(L, 1, pos); /* result = t[pos] */
	for (; pos < size; pos++) {
		lua_geti(L, 1, pos + 1);
		lua_seti(L, 1, pos); /* t[pos] = t[pos + 1] */
		safelib_tick(L, &work, 1);
	}
	lua_pushnil(L);
	lua_seti(L, 1, pos); /* remove entry t[pos] */
	return 1;
}

/*
** Copies a1[f..e] to tt[t..]: upward when the ranges allow (better for
** rehashing), else downward.
*/
static int tmove(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2);
	lua_Integer e = luaL_checkinteger(L, 3);
	lua_Integer t = luaL_checkinteger(L, 4);
	int tt = !lua_isnoneornil(L, 5) ? 5 : 1; /* destination table */
	size_t work = 0;
	checktab(L, 1, TAB_R);
	checktab(L, tt, TAB_W);
	if (e >= f) { /* otherwise, nothing to move */
		luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
		lua_Integer n = e - f + 1; /* number of elements to move */
		luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
		if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
			for (lua_Integer i = 0; i < n; i++) {
				lua_geti(L, 1, f + i);
				lua_seti(L, tt, t + i);
				safelib_tick(L, &work, 1);
			}
		} else {
			for (lua_Integer i = n - 1; i >= 0; i--) {
				lua_geti(L, 1, f + i);
				lua_seti(L, tt, t + i);
				safelib_tick(L, &work, 1);
			}
		}
	}
	lua_pushvalue(L, tt); /* return destination table */
	return 1;
}

static void addfield(lua_State *L, luaL_Buffer *b, lua_Integer i)
{
	lua_geti(L, 1, i);
	if (!lua_isstring(L, -1))
		luaL_error(L, "invalid value (%s) at index %I in table for 'concat'", luaL_typename(L, -1),
		           (LUAI_UACINT)i);
	luaL_addvalue(b);
}

static int tconcat(lua_State *L)
{
	luaL_Buffer b;
	lua_Integer last = aux_getn(L, 1, TAB_R);
	size_t lsep, work = 0;
	const char *sep = luaL_optlstring(L, 2, "", &lsep);
	lua_Integer i = luaL_optinteger(L, 3, 1);
	last = luaL_optinteger(L, 4, last);
	luaL_buffinit(L, &b);
	for (; i < last; i++) {
		addfield(L, &b, i);
		luaL_addlstring(&b, sep, lsep);
		safelib_tick(L, &work, 1);
	}
	if (i == last) /* add last value (if interval was not empty) */
		addfield(L, &b, i);
	luaL_pushresult(&b);
	return 1;
}

/* --- sort: Lua's quicksort, checking for a stop every SAFELIB_TICK comparisons --- */

typedef unsigned int IdxT;

#define RANLIMIT 100u /* arrays larger than this may use randomized pivots */

/* Lua's l_randomizePivot: clock and time as a cheap source of randomness. */
static unsigned int randomize_pivot(void)
{
	clock_t c = clock();
	time_t t = time(NULL);
	unsigned int buff[(sizeof c + sizeof t) / sizeof(unsigned int)];
	unsigned int rnd = 0;
	memcpy(buff, &c, sizeof c / sizeof(unsigned int) * sizeof(unsigned int));
	memcpy(buff + sizeof c / sizeof(unsigned int), &t,
	       sizeof t / sizeof(unsigned int) * sizeof(unsigned int));
	for (size_t i = 0; i < sizeof buff / sizeof buff[0]; i++)
		rnd += buff[i];
	return rnd;
}

static void set2(lua_State *L, IdxT i, IdxT j)
{
	lua_seti(L, 1, i);
	lua_seti(L, 1, j);
}

/* Whether the value at a is less than the one at b (the order of the sort). */
static int sort_comp(lua_State *L, int a, int b, size_t *work)
{
	safelib_tick(L, work, 1);
	if (lua_isnil(L, 2)) /* no function? */
		return lua_compare(L, a, b, LUA_OPLT);
	lua_pushvalue(L, 2);     /* push function */
	lua_pushvalue(L, a - 1); /* -1 to compensate function */
	lua_pushvalue(L, b - 2); /* -2 to compensate function and 'a' */
	lua_call(L, 2, 1);
	int res = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return res;
}

/*
** Partitions a[lo+1 .. up-2] around the pivot P on top of the stack
** (a[lo] <= P == a[up-1] <= a[up]); returns P's final place.
*/
static IdxT partition(lua_State *L, IdxT lo, IdxT up, size_t *work)
{
	IdxT i = lo;     /* will be incremented before first use */
	IdxT j = up - 1; /* will be decremented before first use */
	for (;;) {
		while ((void)lua_geti(L, 1, ++i), sort_comp(L, -1, -2, work)) {
			if (i == up - 1) /* a[i] < P  but a[up - 1] == P  ?? */
				luaL_error(L, "invalid order function for sorting");
			lua_pop(L, 1);
		}
		while ((void)lua_geti(L, 1, --j), sort_comp(L, -3, -1, work)) {
			if (j < i) /* j < i  but  a[j] > P ?? */
				luaL_error(L, "invalid order function for sorting");
			lua_pop(L, 1);
		}
		if (j < i) { /* no elements out of place? */
			lua_pop(L, 1);
			set2(L, up - 1, i); /* swap pivot (a[up - 1]) with a[i] */
			return i;
		}
		set2(L, i, j); /* swap a[i] - a[j] and repeat */
	}
}

/* A pivot in the middle half of [lo, up], "randomized" by rnd. */
static IdxT choose_pivot(IdxT lo, IdxT up, unsigned int rnd)
{
	IdxT r4 = (up - lo) / 4;
	return rnd % (r4 * 2) + (lo + r4);
}

/* Orders a[lo], a[p], a[up] (median of three) and leaves them in place. */
static void order3(lua_State *L, IdxT lo, IdxT p, IdxT up, size_t *work)
{
	lua_geti(L, 1, p);
	lua_geti(L, 1, lo);
	if (sort_comp(L, -2, -1, work)) { /* a[p] < a[lo]? */
		set2(L, p, lo);
		return;
	}
	lua_pop(L, 1);
	lua_geti(L, 1, up);
	if (sort_comp(L, -1, -2, work)) /* a[up] < a[p]? */
		set2(L, p, up);
	else
		lua_pop(L, 2);
}

static void auxsort(lua_State *L, IdxT lo, IdxT up, unsigned int rnd, size_t *work)
{
	while (lo < up) { /* loop for tail recursion */
		IdxT p, n;
		lua_geti(L, 1, lo);
		lua_geti(L, 1, up);
		if (sort_comp(L, -1, -2, work)) /* a[up] < a[lo]? */
			set2(L, lo, up);
		else
			lua_pop(L, 2);
		if (up - lo == 1) /* only 2 elements? */
			return;
		if (up - lo < RANLIMIT || rnd == 0)
			p = (lo + up) / 2;
		else
			p = choose_pivot(lo, up, rnd);
		order3(L, lo, p, up, work);
		if (up - lo == 2) /* only 3 elements? */
			return;
		lua_geti(L, 1, p);     /* get middle element (Pivot) */
		lua_pushvalue(L, -1);  /* push Pivot */
		lua_geti(L, 1, up - 1); /* push a[up - 1] */
		set2(L, p, up - 1);    /* swap Pivot (a[p]) with a[up - 1] */
		p = partition(L, lo, up, work);
		if (p - lo < up - p) { /* lower interval is smaller? */
			auxsort(L, lo, p - 1, rnd, work);
			n = p - lo;
			lo = p + 1;
		} else {
			auxsort(L, p + 1, up, rnd, work);
			n = up - p;
			up = p - 1;
		}
		if ((up - lo) / 128 > n) /* partition too imbalanced? */
			rnd = randomize_pivot();
	}
}

static int tsort(lua_State *L)
{
	lua_Integer n = aux_getn(L, 1, TAB_RW);
	if (n > 1) {
		luaL_argcheck(L, n < INT_MAX, 1, "array too big");
		if (!lua_isnoneornil(L, 2))
			luaL_checktype(L, 2, LUA_TFUNCTION);
		lua_settop(L, 2);
		size_t work = 0;
		auxsort(L, 1, (IdxT)n, 0, &work);
	}
	return 0;
}

void safelib_table(lua_State *L, int idx)
{
	static const luaL_Reg fns[] = {
		{"insert", tinsert}, {"remove", tremove}, {"move", tmove},
		{"concat", tconcat}, {"sort", tsort},     {NULL, NULL},
	};
	lua_pushvalue(L, idx);
	luaL_setfuncs(L, fns, 0);
	lua_pop(L, 1);
}
