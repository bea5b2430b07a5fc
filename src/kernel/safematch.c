/*
** safematch.c — Lua 5.4.4's pattern matcher with a work counter that asks
** cancel_check() whether to stop (see safematch_int.h).  Apart from the
** counting, and `match` split into helpers to stay readable, the code is
** lstrlib.c's, Copyright (C) 1994-2022 Lua.org, PUC-Rio (MIT licence).
*/
#include "safematch_int.h"

#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

#include "cancel.h"
#include "safelib_int.h"

/* Raises the stop's message when a stop was asked for (all the safe functions use it). */
void safelib_check(lua_State *L)
{
	if (cancel_check())
		luaL_error(L, "%s", cancel_message());
}

#define uchar(c) ((unsigned char)(c))

/* Counts w units of matching work; every SAFELIB_TICK a cancel check. */
static void count(sm_state *ms, size_t w)
{
	safelib_tick(ms->L, &ms->work, w);
}

static int check_capture(sm_state *ms, int l)
{
	l -= '1';
	if (l < 0 || l >= ms->level || ms->capture[l].len == SM_CAP_UNFINISHED)
		return luaL_error(ms->L, "invalid capture index %%%d", l + 1);
	return l;
}

static int capture_to_close(sm_state *ms)
{
	int level = ms->level;
	for (level--; level >= 0; level--)
		if (ms->capture[level].len == SM_CAP_UNFINISHED)
			return level;
	return luaL_error(ms->L, "invalid pattern capture");
}

static const char *classend(sm_state *ms, const char *p)
{
	switch (*p++) {
	case SM_ESC:
		if (p == ms->p_end)
			luaL_error(ms->L, "malformed pattern (ends with '%%')");
		return p + 1;
	case '[':
		if (*p == '^')
			p++;
		do { /* look for a ']' */
			if (p == ms->p_end)
				luaL_error(ms->L, "malformed pattern (missing ']')");
			if (*(p++) == SM_ESC && p < ms->p_end)
				p++; /* skip escapes (e.g. '%]') */
		} while (*p != ']');
		return p + 1;
	default:
		return p;
	}
}

static int match_class(int c, int cl)
{
	int res;
	switch (tolower(cl)) {
	case 'a': res = isalpha(c); break;
	case 'c': res = iscntrl(c); break;
	case 'd': res = isdigit(c); break;
	case 'g': res = isgraph(c); break;
	case 'l': res = islower(c); break;
	case 'p': res = ispunct(c); break;
	case 's': res = isspace(c); break;
	case 'u': res = isupper(c); break;
	case 'w': res = isalnum(c); break;
	case 'x': res = isxdigit(c); break;
	case 'z': res = (c == 0); break; /* deprecated option */
	default: return (cl == c);
	}
	return (islower(cl) ? res : !res);
}

static int matchbracketclass(int c, const char *p, const char *ec)
{
	int sig = 1;
	if (*(p + 1) == '^') {
		sig = 0;
		p++; /* skip the '^' */
	}
	while (++p < ec) {
		if (*p == SM_ESC) {
			p++;
			if (match_class(c, uchar(*p)))
				return sig;
		} else if ((*(p + 1) == '-') && (p + 2 < ec)) {
			p += 2;
			if (uchar(*(p - 2)) <= c && c <= uchar(*p))
				return sig;
		} else if (uchar(*p) == c) {
			return sig;
		}
	}
	return !sig;
}

static int singlematch(sm_state *ms, const char *s, const char *p, const char *ep)
{
	if (s >= ms->src_end)
		return 0;
	int c = uchar(*s);
	switch (*p) {
	case '.': return 1; /* matches any char */
	case SM_ESC: return match_class(c, uchar(*(p + 1)));
	case '[': return matchbracketclass(c, p, ep - 1);
	default: return (uchar(*p) == c);
	}
}

static const char *matchbalance(sm_state *ms, const char *s, const char *p)
{
	if (p >= ms->p_end - 1)
		luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
	if (*s != *p)
		return NULL;
	int b = *p, e = *(p + 1), cont = 1;
	const char *start = s;
	while (++s < ms->src_end) {
		if (*s == e) {
			if (--cont == 0) {
				count(ms, (size_t)(s - start));
				return s + 1;
			}
		} else if (*s == b) {
			cont++;
		}
	}
	count(ms, (size_t)(s - start));
	return NULL; /* string ends out of balance */
}

static const char *max_expand(sm_state *ms, const char *s, const char *p, const char *ep)
{
	ptrdiff_t i = 0; /* counts maximum expand for item */
	while (singlematch(ms, s + i, p, ep))
		i++;
	count(ms, (size_t)i);
	/* keeps trying to match with the maximum repetitions */
	while (i >= 0) {
		const char *res = sm_match(ms, (s + i), ep + 1);
		if (res)
			return res;
		i--; /* else didn't match; reduce 1 repetition to try again */
	}
	return NULL;
}

static const char *min_expand(sm_state *ms, const char *s, const char *p, const char *ep)
{
	for (;;) {
		const char *res = sm_match(ms, s, ep + 1);
		if (res != NULL)
			return res;
		else if (singlematch(ms, s, p, ep))
			s++; /* try with one more repetition */
		else
			return NULL;
	}
}

static const char *start_capture(sm_state *ms, const char *s, const char *p, int what)
{
	const char *res;
	int level = ms->level;
	if (level >= SM_MAXCAPTURES)
		luaL_error(ms->L, "too many captures");
	ms->capture[level].init = s;
	ms->capture[level].len = what;
	ms->level = (unsigned char)(level + 1);
	if ((res = sm_match(ms, s, p)) == NULL) /* match failed? */
		ms->level--;                    /* undo capture */
	return res;
}

static const char *end_capture(sm_state *ms, const char *s, const char *p)
{
	int l = capture_to_close(ms);
	const char *res;
	ms->capture[l].len = s - ms->capture[l].init; /* close capture */
	if ((res = sm_match(ms, s, p)) == NULL)        /* match failed? */
		ms->capture[l].len = SM_CAP_UNFINISHED; /* undo capture */
	return res;
}

static const char *match_capture(sm_state *ms, const char *s, int l)
{
	size_t len;
	l = check_capture(ms, l);
	len = (size_t)ms->capture[l].len;
	count(ms, len);
	if ((size_t)(ms->src_end - s) >= len && memcmp(ms->capture[l].init, s, len) == 0)
		return s + len;
	return NULL;
}

/*
** One pattern item (a class and its optional suffix) at *s, *p.  Returns
** 1 when matching goes on at the new *s, *p (Lua's `goto init`), or 0
** with the final result in *s (NULL: no match).
*/
static int match_item(sm_state *ms, const char **s, const char **p)
{
	const char *ep = classend(ms, *p); /* points to optional suffix */
	if (!singlematch(ms, *s, *p, ep)) {     /* does not match at least once? */
		if (*ep == '*' || *ep == '?' || *ep == '-') { /* accept empty? */
			*p = ep + 1;
			return 1;
		}
		*s = NULL; /* '+' or no suffix: fail */
		return 0;
	}
	switch (*ep) { /* matched once: handle optional suffix */
	case '?': {
		const char *res = sm_match(ms, *s + 1, ep + 1);
		if (res != NULL) {
			*s = res;
			return 0;
		}
		*p = ep + 1;
		return 1;
	}
	case '+': /* 1 or more repetitions: 1 match already done */
		*s = max_expand(ms, *s + 1, *p, ep);
		return 0;
	case '*': /* 0 or more repetitions */
		*s = max_expand(ms, *s, *p, ep);
		return 0;
	case '-': /* 0 or more repetitions (minimum) */
		*s = min_expand(ms, *s, *p, ep);
		return 0;
	default: /* no suffix */
		(*s)++;
		*p = ep;
		return 1;
	}
}

/* %b, %f and back references at *s, *p; returns as match_item. */
static int match_escape(sm_state *ms, const char **s, const char **p)
{
	const char *q = *p;
	switch (*(q + 1)) {
	case 'b': /* balanced string? */
		*s = matchbalance(ms, *s, q + 2);
		if (*s == NULL)
			return 0;
		*p = q + 4;
		return 1;
	case 'f': { /* frontier? */
		q += 2;
		if (*q != '[')
			luaL_error(ms->L, "missing '[' after '%%f' in pattern");
		const char *ep = classend(ms, q); /* points to what is next */
		char previous = (*s == ms->src_init) ? '\0' : *(*s - 1);
		if (!matchbracketclass(uchar(previous), q, ep - 1) &&
		    matchbracketclass(uchar(**s), q, ep - 1)) {
			*p = ep;
			return 1;
		}
		*s = NULL; /* match failed */
		return 0;
	}
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9': /* capture results (%0-%9)? */
		*s = match_capture(ms, *s, uchar(*(q + 1)));
		if (*s == NULL)
			return 0;
		*p = q + 2;
		return 1;
	default:
		return match_item(ms, s, p);
	}
}

const char *sm_match(sm_state *ms, const char *s, const char *p)
{
	if (ms->matchdepth-- == 0)
		luaL_error(ms->L, "pattern too complex");
	count(ms, 1);
	int more = 1;
	while (more && p != ms->p_end) {
		switch (*p) {
		case '(': /* start capture */
			if (*(p + 1) == ')') /* position capture? */
				s = start_capture(ms, s, p + 2, SM_CAP_POSITION);
			else
				s = start_capture(ms, s, p + 1, SM_CAP_UNFINISHED);
			more = 0;
			break;
		case ')': /* end capture */
			s = end_capture(ms, s, p + 1);
			more = 0;
			break;
		case '$':
			if ((p + 1) != ms->p_end) { /* not the last char: an ordinary item */
				more = match_item(ms, &s, &p);
				break;
			}
			s = (s == ms->src_end) ? s : NULL; /* check end of string */
			more = 0;
			break;
		case SM_ESC:
			more = match_escape(ms, &s, &p);
			break;
		default:
			more = match_item(ms, &s, &p);
			break;
		}
	}
	ms->matchdepth++;
	return s;
}

/* --- captures, and the state's life ------------------------------------------ */

ptrdiff_t sm_get_capture(sm_state *ms, int i, const char *s, const char *e, const char **cap)
{
	if (i >= ms->level) {
		if (i != 0)
			luaL_error(ms->L, "invalid capture index %%%d", i + 1);
		*cap = s;
		return e - s;
	}
	ptrdiff_t capl = ms->capture[i].len;
	*cap = ms->capture[i].init;
	if (capl == SM_CAP_UNFINISHED)
		luaL_error(ms->L, "unfinished capture");
	else if (capl == SM_CAP_POSITION)
		lua_pushinteger(ms->L, (ms->capture[i].init - ms->src_init) + 1);
	return capl;
}

void sm_push_capture(sm_state *ms, int i, const char *s, const char *e)
{
	const char *cap;
	ptrdiff_t l = sm_get_capture(ms, i, s, e, &cap);
	if (l != SM_CAP_POSITION)
		lua_pushlstring(ms->L, cap, (size_t)l);
	/* else position was already pushed */
}

int sm_push_captures(sm_state *ms, const char *s, const char *e)
{
	int nlevels = (ms->level == 0 && s) ? 1 : ms->level;
	luaL_checkstack(ms->L, nlevels, "too many captures");
	for (int i = 0; i < nlevels; i++)
		sm_push_capture(ms, i, s, e);
	return nlevels; /* number of strings pushed */
}

void sm_prepare(sm_state *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
	ms->L = L;
	ms->matchdepth = SM_MAXCCALLS;
	ms->src_init = s;
	ms->src_end = s + ls;
	ms->p_end = p + lp;
	ms->work = 0;
}

/* Also resets the depth, which an error inside the matcher (an interrupt
** in gmatch's iterator) leaves wherever it was. */
void sm_reset(sm_state *ms)
{
	ms->level = 0;
	ms->matchdepth = SM_MAXCCALLS;
}
