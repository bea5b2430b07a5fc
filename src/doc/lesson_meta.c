/*
** lesson_meta.c — cell metadata on the marker line, as Jupytext writes it:
**
**   -- %% Solution 1 tags=["solution"] jupyter={"source_hidden": true}
**
** After the title come `key=value` pairs, each value a JSON value (string,
** number, true/false/null, array, object).  The pairs are the longest
** run at the end of the marker line that reads as such pairs, so a title
** such as "y = x + 4" stays a title: " = " has no key, "x" no value.  The
** marker line itself is never rewritten; these functions only read it.
*/
#include "lesson_int.h"

#include <string.h>

/* Deeper nesting than this is not metadata (and keeps the recursion small). */
#define MAX_DEPTH 32

static int is_space(char ch) { return ch == ' ' || ch == '\t'; }

static void skip_sp(const char *s, size_t n, size_t *i)
{
	while (*i < n && is_space(s[*i]))
		(*i)++;
}

static int is_digit(char ch) { return ch >= '0' && ch <= '9'; }

static int is_hex(char ch)
{
	return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* Skips a JSON string at s[*i] == '"'; returns 1 when it is well formed. */
static int skip_string(const char *s, size_t n, size_t *i)
{
	size_t at = *i + 1;
	while (at < n && s[at] != '"') {
		if ((unsigned char)s[at] < 0x20)
			return 0;
		if (s[at] == '\\') {
			if (++at >= n)
				return 0;
			if (s[at] == 'u') {
				for (int k = 1; k <= 4; k++)
					if (at + (size_t)k >= n || !is_hex(s[at + (size_t)k]))
						return 0;
				at += 4;
			} else if (!strchr("\"\\/bfnrt", s[at])) {
				return 0;
			}
		}
		at++;
	}
	if (at >= n)
		return 0;
	*i = at + 1;
	return 1;
}

/* Skips one or more digits; returns 1 when there was at least one. */
static int skip_digits(const char *s, size_t n, size_t *i)
{
	size_t at = *i;
	while (at < n && is_digit(s[at]))
		at++;
	int any = at > *i;
	*i = at;
	return any;
}

/* Skips a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int skip_number(const char *s, size_t n, size_t *i)
{
	size_t at = *i;
	if (at < n && s[at] == '-')
		at++;
	if (at < n && s[at] == '0')
		at++;
	else if (!skip_digits(s, n, &at))
		return 0;
	if (at < n && s[at] == '.' && (++at, !skip_digits(s, n, &at)))
		return 0;
	if (at < n && (s[at] == 'e' || s[at] == 'E')) {
		at++;
		if (at < n && (s[at] == '+' || s[at] == '-'))
			at++;
		if (!skip_digits(s, n, &at))
			return 0;
	}
	*i = at;
	return 1;
}

static int skip_value(const char *s, size_t n, size_t *i, int depth);

/* Skips an array or an object (s[*i] is '[' or '{'). */
static int skip_container(const char *s, size_t n, size_t *i, int depth)
{
	char close = s[*i] == '[' ? ']' : '}';
	size_t at = *i + 1;
	skip_sp(s, n, &at);
	if (at < n && s[at] == close) {
		*i = at + 1;
		return 1;
	}
	for (;;) {
		if (close == '}') {
			if (at >= n || s[at] != '"' || !skip_string(s, n, &at))
				return 0;
			skip_sp(s, n, &at);
			if (at >= n || s[at++] != ':')
				return 0;
			skip_sp(s, n, &at);
		}
		if (!skip_value(s, n, &at, depth + 1))
			return 0;
		skip_sp(s, n, &at);
		if (at < n && s[at] == ',') {
			at++;
			skip_sp(s, n, &at);
			continue;
		}
		if (at < n && s[at] == close) {
			*i = at + 1;
			return 1;
		}
		return 0;
	}
}

/* Skips one JSON value at s[*i]; returns 1 when it is well formed. */
static int skip_value(const char *s, size_t n, size_t *i, int depth)
{
	if (*i >= n || depth > MAX_DEPTH)
		return 0;
	static const char *const words[] = {"true", "false", "null"};
	switch (s[*i]) {
	case '"': return skip_string(s, n, i);
	case '[': case '{': return skip_container(s, n, i, depth);
	default: break;
	}
	for (size_t k = 0; k < 3; k++) {
		size_t l = strlen(words[k]);
		if (n - *i >= l && memcmp(s + *i, words[k], l) == 0) {
			*i += l;
			return 1;
		}
	}
	return skip_number(s, n, i);
}

/* Skips a metadata key, [A-Za-z_][A-Za-z0-9_.-]*; returns its length (0: none). */
static size_t key_len(const char *s, size_t n)
{
	size_t at = 0;
	if (n == 0 || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (at < n && lesson__key_ok(s + at, 1))
		at++;
	return at;
}

/*
** Reads one `key=value` pair at s[*i]: the key's and the value's bytes.
** Returns 1 and moves *i past the value, or 0.
*/
static int read_pair(const char *s, size_t n, size_t *i, const char **k, size_t *nk,
                     const char **v, size_t *nv)
{
	size_t at = *i, kl = key_len(s + at, n - at);
	if (kl == 0 || at + kl >= n || s[at + kl] != '=')
		return 0;
	size_t vs = at + kl + 1, ve = vs;
	if (!skip_value(s, n, &ve, 0))
		return 0;
	*k = s + at, *nk = kl, *v = s + vs, *nv = ve - vs;
	*i = ve;
	return 1;
}

/*
** Reads pairs from s[*i] to the end.  Returns 1 when all of it is pairs
** separated by blanks; else 0, with *i at the start of the pair that failed.
*/
static int all_pairs(const char *s, size_t n, size_t *i)
{
	const char *k, *v;
	size_t nk, nv;
	for (;;) {
		size_t start = *i;
		if (!read_pair(s, n, i, &k, &nk, &v, &nv)) {
			*i = start;
			return 0;
		}
		if (*i == n)
			return 1;
		if (!is_space(s[*i])) {
			*i = start;
			return 0;
		}
		skip_sp(s, n, i);
		if (*i == n)
			return 1;
	}
}

size_t lesson__meta_start(const char *t, size_t n)
{
	for (size_t p = 0; p < n; p++) {
		if (p > 0 && !is_space(t[p - 1]))
			continue;
		size_t at = p;
		if (all_pairs(t, n, &at))
			return p;
		if (at > p)
			p = at - 1; /* the pairs before the one that failed are not the end run */
	}
	return n;
}

/* Finds the last pair named key in the metadata m[0..n); returns 1 and its value. */
static int find(const char *m, size_t n, const char *key, const char **v, size_t *nv)
{
	size_t at = 0, kl = strlen(key);
	int found = 0;
	const char *k, *val;
	size_t nk, nval;
	while (at < n && read_pair(m, n, &at, &k, &nk, &val, &nval)) {
		if (nk == kl && memcmp(k, key, kl) == 0)
			*v = val, *nv = nval, found = 1;
		skip_sp(m, n, &at);
	}
	return found;
}

/*
** Calls back for each item of the JSON array or member of the object at
** v[0..n): the item (for an object, the member's name, then its value).
** Returns 1 as soon as `match` does.
*/
static int any_item(const char *v, size_t n, int (*match)(const char *, size_t, const char *,
                    size_t, const void *), const void *arg)
{
	if (n < 2 || (v[0] != '[' && v[0] != '{'))
		return 0;
	int obj = v[0] == '{';
	size_t at = 1;
	for (;;) {
		skip_sp(v, n, &at);
		size_t ks = at, ke = at;
		if (obj) {
			if (at >= n || v[at] != '"' || !skip_string(v, n, &ke))
				return 0;
			at = ke;
			skip_sp(v, n, &at);
			at++; /* the ':' (the value was checked when it was read) */
			skip_sp(v, n, &at);
		}
		size_t vs = at;
		if (!skip_value(v, n, &at, 1))
			return 0;
		if (match(v + ks, ke - ks, v + vs, at - vs, arg))
			return 1;
		skip_sp(v, n, &at);
		if (at >= n || v[at] != ',')
			return 0;
		at++;
	}
}

/* Returns 1 when the JSON value v[0..n) is the string s (written without escapes). */
static int is_str(const char *v, size_t n, const char *s)
{
	size_t l = strlen(s);
	return n == l + 2 && v[0] == '"' && memcmp(v + 1, s, l) == 0 && v[n - 1] == '"';
}

static int tag_is(const char *k, size_t nk, const char *v, size_t nv, const void *tag)
{
	(void)k, (void)nk;
	return is_str(v, nv, tag);
}

static int hidden_true(const char *k, size_t nk, const char *v, size_t nv, const void *arg)
{
	(void)arg;
	return is_str(k, nk, "source_hidden") && nv == 4 && memcmp(v, "true", 4) == 0;
}

unsigned lesson__meta_flags(const char *m, size_t n)
{
	const char *v;
	size_t nv;
	unsigned f = 0;
	if (find(m, n, "tags", &v, &nv)) {
		if (any_item(v, nv, tag_is, "hint"))
			f |= LESSON_HINT;
		if (any_item(v, nv, tag_is, "solution"))
			f |= LESSON_SOLUTION;
		if (any_item(v, nv, tag_is, "setup"))
			f |= LESSON_SETUP;
	}
	if (find(m, n, "jupyter", &v, &nv) && any_item(v, nv, hidden_true, NULL))
		f |= LESSON_SRC_HIDDEN;
	return f;
}

int lesson_cell_meta(const lesson_cell *c, const char *key, const char **val, size_t *n)
{
	return find(c->meta, strlen(c->meta), key, val, n);
}

int lesson_cell_has_tag(const lesson_cell *c, const char *tag)
{
	const char *v;
	size_t nv;
	return lesson_cell_meta(c, "tags", &v, &nv) && any_item(v, nv, tag_is, tag);
}

size_t lesson_check_of(const lesson *L, size_t i)
{
	if (i >= L->ncells)
		return (size_t)-1;
	while (i-- > 0) {
		const lesson_cell *c = &L->cells[i].pub;
		if (c->kind == LESSON_CODE && !(c->flags & (LESSON_HINT | LESSON_SOLUTION)))
			return i;
	}
	return (size_t)-1;
}
